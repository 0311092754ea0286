"""The tracker application: command objects and query objects side by side over one store.

Commands change aggregates (each loads, calls, commits and returns an id);
queries return rows and dataclasses, never aggregates. Nothing here inherits
from anything else here: what a page or a command line needs is named by the
attribute it goes through, e.g. ``app.projects.submit_report`` or
``app.summaries.summary``.
"""

from __future__ import annotations

from tracker.application.attachments import Attachments
from tracker.application.commands.campaigns import CampaignCommands
from tracker.application.commands.channels import ChannelCommands
from tracker.application.commands.inbox import InboxCommands
from tracker.application.commands.issuing import IssueCommands
from tracker.application.commands.project_lists import ProjectListCommands
from tracker.application.commands.projects import ProjectCommands
from tracker.application.commands.proposals import ProposalCommands
from tracker.application.commands.supervisions import SupervisionCommands
from tracker.application.commands.users import UserCommands
from tracker.application.files import FileStore
from tracker.application.ledger.audit import Audit
from tracker.application.oc4ids.package import OC4IDS
from tracker.application.packages.city import CityCommands
from tracker.application.packages.content import PackageExport
from tracker.application.queries.archive import Archive
from tracker.application.queries.board import Boards
from tracker.application.queries.changelog import ChangeLog
from tracker.application.queries.checks import Checks
from tracker.application.queries.city import CityPackages
from tracker.application.queries.compare import Compare
from tracker.application.queries.directory import Directory
from tracker.application.queries.history import History
from tracker.application.queries.issued import Issued
from tracker.application.queries.monthly import Monthly
from tracker.application.queries.notices import Channels, Notices
from tracker.application.queries.outlook import Forecasts
from tracker.application.queries.overdue import Overdue
from tracker.application.queries.plans import Plans
from tracker.application.queries.problems import Problems
from tracker.application.queries.proposals import Applications
from tracker.application.queries.ranking import Rankings
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import Register
from tracker.application.queries.summaries import Summaries
from tracker.application.queries.supervisions import Supervisions
from tracker.application.reminders.runner import Reminders
from tracker.application.reminders.senders import Outbound
from tracker.application.report_jobs import ReportJobs
from tracker.application.store import Store


class TrackerApp:
    """Everything the web, the CLI and the reports ask of the tracker."""

    def __init__(self, store: Store, files: FileStore, outbound: Outbound | None = None) -> None:
        self.store = store
        self.files = files
        self.attachments = Attachments(files)
        read = Reader(store)
        # -- queries ------------------------------------------------------------
        self.register = Register(read)
        self.directory = Directory(read)
        self.summaries = Summaries(read)
        self.boards = Boards(read)  # 报送情况
        self.overdue = Overdue(read)
        self.rankings = Rankings(read)
        self.problems = Problems(read)
        self.orders = Supervisions(read)
        self.history = History(read)
        self.changes = ChangeLog(read)
        self.applications = Applications(read)
        self.issued = Issued(read, files)
        self.monthly = Monthly(read)
        self.compare = Compare(read)
        self.plans = Plans(read)  # 形象进度计划 and 节点
        self.forecasts = Forecasts(read)
        self.checks = Checks(read)  # 数据核查
        self.archive = Archive(read, self.register, self.history, self.issued, self.directory)
        # -- commands -----------------------------------------------------------
        self.campaigns = CampaignCommands(store)
        self.users = UserCommands(store)
        self.projects = ProjectCommands(store, self.register)
        self.project_lists = ProjectListCommands(store, files, self.projects, self.register)
        self.proposals = ProposalCommands(store)
        self.supervisions = SupervisionCommands(store, self.projects)
        self.sign_offs = IssueCommands(store, files, self.issued, self.compare)
        # -- reminders: channels, notices, the inbox ----------------------------------
        self.channels = ChannelCommands(store)
        self.channel_list = Channels(read)
        self.notices = Notices(read)
        self.inbox = InboxCommands(store)
        self.reminders = Reminders(store, read, self.channels, outbound or Outbound())
        # -- the ledger: the hash chain over the log -------------------------------
        self.audit = Audit(store)
        # -- big reports made in the background: their jobs and finished files ----------
        self.report_jobs = ReportJobs(store.engine, files.within("report-cache"))
        # -- data packages: a district's signed-off period up to the city -------------
        self.packages = PackageExport(self.issued, self.monthly, self.register)
        self.city = CityCommands(store)
        self.city_packages = CityPackages(read)
        # -- open data: OC4IDS ------------------------------------------------------
        base_url = (outbound or Outbound()).base_url
        self.oc4ids = OC4IDS(
            self.register, self.summaries, self.history, self.issued, self.plans, base_url
        )

    def close(self) -> None:
        self.store.close()
        self.store.engine.dispose()
