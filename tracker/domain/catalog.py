"""Fixed vocabularies of the campaign: the ten categories, natures, statuses."""

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

STATUS_LABELS: dict[str, str] = {
    "active": "在建",
    "completed": "已竣工",
    "withdrawn": "已撤销",
}

ROLES: dict[str, str] = {"bureau": "建设局", "unit": "责任单位", "viewer": "领导/审计"}

# How a field is named to the user; code names stay English.
FIELD_LABELS: dict[str, str] = {
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
}

# Event kinds as the history shows them.
EVENT_LABELS: dict[str, str] = {
    "Registered": "登记项目",
    "PlanRevised": "调整计划",
    "ContactsAssigned": "变更联系人",
    "FlagsSet": "设置试点/抽检",
    "Started": "开工",
    "Completed": "竣工",
    "Withdrawn": "撤销项目",
    "ReportSubmitted": "报送半月报",
    "ReportCorrected": "更正半月报",
    "ProblemRaised": "提出问题",
    "ProblemResolved": "问题解决",
    "Issued": "下达督办",
    "Answered": "答复督办",
    "Closed": "督办办结",
    "Returned": "退回督办",
}
