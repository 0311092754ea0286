"""Every label a person reads, one table per vocabulary; code names stay English.

Pages, reports, the CLI and messages all take their Chinese words from here.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "城市规划编制和实施",
    "城市绿化",
    "城乡景观风貌整治",
    "城市综合交通",
    "污水处理及水环境整治",
    "供水、供气设施建设",
    "垃圾处理",
    "架空缆线下地",
    "数字城管系统建设",
    "城市综合体",
)

# 建设性质: the Chinese label as written in files and pages -> code name.
NATURES: dict[str, str] = {"在建": "continuing", "新开工": "new_start"}
NATURE_LABELS: dict[str, str] = {code: label for label, code in NATURES.items()}

#: a project's state in the register
PROJECT_STATUS: dict[str, str] = {
    "active": "在建",
    "completed": "已竣工",
    "withdrawn": "已撤销",
}

#: a project's 半月报 for one period
REPORT_STATUS: dict[str, str] = {
    "on_time": "按时",
    "late": "迟报",
    "missing": "未报",
    "pending": "待报",
    "not_due": "无需报送",
    "backfilled": "补录",
}

LIGHTS: dict[str, str] = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}

ROLES: dict[str, str] = {"bureau": "建设局", "unit": "责任单位", "viewer": "领导/审计"}

#: a 督办 order's state
ORDER_STATUS: dict[str, str] = {"open": "待答复", "answered": "已答复", "closed": "已办结"}

#: a unit's proposal of a new project
PROPOSAL_STATUS: dict[str, str] = {
    "submitted": "待审批",
    "approved": "已批准",
    "rejected": "已驳回",
}

#: the kinds of the overdue list (DESIGN §3)
OVERDUE_KINDS: dict[str, str] = {
    "missing_report": "未按时报送",
    "lagging": "投资滞后",
    "late_start": "未按期开工",
    "late_completion": "未按期竣工",
    "stale_problem": "问题久拖未决",
    "supervision_overdue": "督办逾期",
    "milestone_late": "节点逾期",
}

#: the rules of 数据核查: figures that do not hang together
CHECK_KINDS: dict[str, str] = {
    "mismatch": "投资完成与形象进度增幅不符",
    "idle": "有投资而形象进度连续未变",
    "regress": "形象进度百分比倒退",
    "overspent": "本年累计完成超过总投资",
    "after_completion": "竣工后仍在报送",
}

#: the forecast's figures (DESIGN §3 Forecast), as pages, the Excel and the API's docs name them
OUTLOOK_LABELS: dict[str, str] = {
    "spi": "进度绩效指数（累计完成 / 序时进度）",
    "forecast": "预计全年完成（万元）",
    "required_per_period": "剩余每期需完成（万元）",
    "planned_pct": "本期计划形象进度（%）",
    "physical_lag": "形象进度滞后（百分点）",
}

#: the campaign settings, as the settings page and the change log name them
SETTING_LABELS: dict[str, str] = {
    "yellow": "黄灯阈值（百分点）",
    "red": "红灯阈值（百分点）",
    "start_yellow_months": "未按期开工黄灯（月）",
    "start_red_months": "未按期开工红灯（月）",
    "on_time": "按时报送分值",
    "progress": "投资进度分值",
    "starts": "新开工分值",
    "milestone_yellow_days": "节点逾期黄灯（逾期超过天数）",
    "milestone_red_days": "节点逾期红灯（逾期超过天数）",
    "mismatch_points": "数据核查：投资完成与形象进度差异阈值（百分点）",
}

# How a field is named to the user (a report's "progress" is 形象进度, not the setting).
FIELD_LABELS: dict[str, str] = {
    **SETTING_LABELS,
    "year": "年度",
    "district": "区县",
    "target": "年度目标",
    "due_days": "报送日",
    "timezone": "时区",
    "code": "项目编号",
    "name": "名称",
    "category": "类别",
    "unit": "责任单位",
    "nature": "建设性质",
    "role": "角色",
    "total_investment": "总投资",
    "annual_plan": "年度计划投资",
    "monthly_plan": "月度计划投资",
    "planned_start": "计划开工日期",
    "planned_completion": "计划竣工日期",
    "period": "期次",
    "investment": "本期完成投资",
    "progress": "形象进度",
    "progress_pct": "形象进度百分比",
    "started_on": "开工日期",
    "completed_on": "竣工日期",
    "problems": "存在问题",
    "resolved": "已解决问题",
    "problem_id": "问题编号",
    "reason": "原因",
    "file": "文件",
    "attachments": "附件",
    "answer": "答复内容",
    "requirement": "督办要求",
    "due_on": "办理期限",
    "note": "意见",
    "display_name": "姓名",
    "as_of": "数据截至",  # the moment a page, report or API read shows (?as_of=)
    "from": "对比起始时刻",
    "to": "对比结束时刻",
    "thresholds": "灯色阈值",
    "weights": "考核分值",
    "scope": "建设内容及规模",
    "manager": "项目负责人",
    "reporter": "信息员",
    "phone": "联系电话",
    "remark": "备注",
    "resolution": "解决情况",
    "source": "督办来源",
    "campaign_year": "战役年度",
    "month": "月份",
    "body": "请求体",
    "kind": "渠道类型",
    "address": "渠道地址",
    "secret": "密钥",
    "days_before": "提前提醒天数",
    "hour": "提醒时刻",
    **{f"month_{m}": f"{m}月计划投资" for m in range(1, 13)},
    "progress_plan": "形象进度计划",
    **{f"progress_{m}": f"{m}月形象进度计划（%）" for m in range(1, 13)},
    "milestones": "节点计划",
    "milestones_met": "已达成节点",
    "planned_on": "计划日期",
    "met_on": "达成日期",
}

#: every kind of event, by its aggregate and name, as history and the change log show it
EVENT_LABELS: dict[str, str] = {
    "Project.Registered": "登记项目",
    "Project.PlanRevised": "调整计划",
    "Project.ContactsAssigned": "变更联系人",
    "Project.FlagsSet": "设置试点/抽检",
    "Project.Started": "开工",
    "Project.Completed": "竣工",
    "Project.Withdrawn": "撤销项目",
    "Project.ReportSubmitted": "报送半月报",
    "Project.ReportCorrected": "更正半月报",
    "Project.ProblemRaised": "提出问题",
    "Project.ProblemResolved": "问题解决",
    "Project.MilestonesPlanned": "调整节点计划",
    "Project.MilestoneMet": "节点达成",
    "Supervision.Issued": "下达督办",
    "Supervision.Answered": "答复督办",
    "Supervision.Closed": "督办办结",
    "Supervision.Returned": "退回督办",
    "Proposal.Submitted": "申报新项目",
    "Proposal.Approved": "批准申报",
    "Proposal.Rejected": "驳回申报",
    "Campaign.Created": "创建战役",
    "Campaign.TargetRevised": "调整年度目标",
    "Campaign.SettingsChanged": "调整灯色阈值与考核分值",
    "Campaign.ReportIssued": "签发月报表",
    "Unit.Registered": "新增责任单位",
    "User.Added": "新增用户",
    "User.PasswordChanged": "修改密码",
    "User.TokenIssued": "签发API令牌",
    "User.SignedOut": "退出登录",
    "User.Disabled": "停用用户",
    "Campaign.RemindersChanged": "调整提醒规则",
    "Channel.Added": "添加提醒渠道",
    "Channel.Removed": "删除提醒渠道",
    "Channel.Restored": "恢复提醒渠道",
    "Channel.Tested": "测试提醒渠道",
    "Notice.Raised": "生成提醒",
    "Notice.Attempted": "发送提醒",
    "Notice.Delivered": "提醒已送达",
    "Notice.Failed": "提醒发送失败",
    "NoticeClaim.Claimed": "登记提醒",
    "Inbox.Opened": "阅读消息",
    "Inbox.Read": "阅读消息",
    "DistrictPackage.Received": "导入区县数据包",
    "DistrictPackage.Restated": "导入区县更正数据包",
}


def event_label(kind: str) -> str:
    """The Chinese name of an event kind such as ``Project.ReportSubmitted``."""
    return EVENT_LABELS.get(kind, kind)


#: what `tracker audit verify` found wrong at a position of the log (tracker/application/ledger)
LEDGER_PROBLEMS: dict[str, str] = {
    "mismatch": "内容与账本链不符：该事件被改动、调换或移位（或其前的链被改动）",
    "deleted": "已从事件日志中删除（账本链中仍有它的链接）",
    "inserted": "不在账本链中：是绕过系统写入的事件（伪造或插入）",
    "order": "版本顺序错乱",
    "row": "账本链中记下的事件信息被改动",
    "time": "账本链中记下的时间与事件本身的时间不符",
    "issued": "签发记录中的链头与账本链不符",
    "anchor": "上次校验通过时的链头已不在账本链中：此后有事件或链被删除或改动",
    "unlinked": "账本链尚未建立：请先运行 tracker init",
}


#: the figures 基线对比 compares, in the order it lists them
COMPARED: dict[str, str] = {
    "project_status": "项目状态",
    "investment": "本期完成投资（万元）",
    "ytd": "本年累计完成（万元）",
    "plan": "年度计划投资（万元）",
    "ytd_plan": "序时计划（万元）",
    "progress": "形象进度",
    "light": "灯色",
    "status": "报送状态",
    "problems": "未解决问题",
}
#: how a compared value reads, for the fields whose values are codes
COMPARED_VALUES: dict[str, dict[str, str]] = {
    "project_status": PROJECT_STATUS,
    "light": LIGHTS,
    "status": REPORT_STATUS,
}


def compared_value(field: str, value: str | None) -> str:
    """A compared figure as a person reads it; None is a project not yet registered."""
    if value is None:
        return "（未登记）"
    return COMPARED_VALUES.get(field, {}).get(value, value)


#: the reminders (DESIGN §3 Reminders), as messages, the inbox and the bureau's pages name them
NOTICE_RULES: dict[str, str] = {
    "due_day": "今日截止提醒",
    "missing": "未报通知",
    "missing_digest": "未报汇总",
    "order_issued": "新督办",
    "order_due": "督办明日到期",
    "order_answered": "督办已答复",
    "order_overdue": "督办逾期",
    "order_returned": "督办退回",
}


def notice_rule(rule: str) -> str:
    """A reminder's name: ``before_3`` is 截止前3天提醒."""
    if rule.startswith("before_"):
        return f"截止前{rule.removeprefix('before_')}天提醒"
    return NOTICE_RULES.get(rule, rule)


#: where notices are delivered
CHANNEL_KINDS: dict[str, str] = {
    "wecom": "企业微信群机器人",
    "dingtalk": "钉钉群机器人",
    "email": "电子邮件",
    "webhook": "通用 Webhook",
}

#: where a notice stands on one channel
DELIVERY_STATUS: dict[str, str] = {
    "pending": "待发送",
    "sending": "发送中",
    "sent": "已发送",
    "failed": "发送失败",
    "gave_up": "发送失败，已停止重试",
}
