"""The power-list spreadsheet: its columns, and how each cell is written and read back.

The export writes exactly what the import reads, so a department can export its list, edit it
in Excel and import it again; an unchanged row reads back to the same content (and digest).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from .content import Basis, Step

# The template's columns, in order. Every one must be present (a missing or renamed column could
# silently blank a field of every item on re-import).
COLUMNS: list[str] = [
    "基本编码", "事项名称", "事项类型", "主项编码", "实施编码", "实施主体", "办理处室", "联办机构", "行使层级",
    "设定依据", "法定办结时限", "法定时限单位", "承诺办结时限", "承诺时限单位", "是否收费", "收费标准", "收费依据",
    "是否存在中介服务", "中介服务事项", "服务对象", "监督电话", "责任事项", "追责情形", "备注",
    "调整类型", "生效日期", "文件依据", "决定机关层级", "承接来源或下放对象",
]

COLUMN_HELP: dict[str, object] = {
    "基本编码": _("10 位数字：事项类型代码 2 位 + 主项编码 5 位 + 子项编码 3 位（无子项为 000）。按文本填写。"),
    "事项名称": _("必填，不超过 200 字。"),
    "事项类型": _("01 行政许可、02 行政处罚、03 行政强制、04 行政征收、05 行政给付、06 行政检查、07 行政确认、08 行政奖励、09 行政裁决、10 其他行政权力、20 公共服务；可写代码或名称。"),
    "主项编码": _("子项填写所属主项的基本编码；主项留空。"),
    "实施编码": _("可留空，自动生成：实施主体的统一社会信用代码 + 行使层级代码 + 基本编码。"),
    "实施主体": _("可留空；填写时须为导入的部门（全称、简称或部门代码）。"),
    "联办机构": _("部门全称、简称或部门代码，多个用顿号分隔。"),
    "行使层级": _("国家级、省级、市级、县级、镇（乡、街道）级、村（社区）级；留空为县级。"),
    "设定依据": _("每行一条：《法律法规名称》第×条：条文。"),
    "法定办结时限": _("整数，无法定时限的留空。"),
    "法定时限单位": _("工作日 或 日（自然日）。"),
    "承诺办结时限": _("整数，不长于法定时限。"),
    "承诺时限单位": _("工作日 或 日（自然日）。"),
    "是否收费": _("是 或 否。"),
    "收费依据": _("收费的须填写。"),
    "是否存在中介服务": _("是 或 否。"),
    "中介服务事项": _("中介服务清单中的编码，多个用顿号分隔。"),
    "服务对象": _("自然人、企业法人、事业单位法人、社会组织法人、非法人企业、行政机关、其他组织，多个用顿号分隔。"),
    "责任事项": _("每行一个环节：环节名称：职责。留空则适用该类型的标准责任事项。"),
    "追责情形": _("每行一个环节：环节名称：追责情形（环节须与责任事项一致）。"),
    "调整类型": _("新增、承接、调整、取消、下放；留空则自动判断（新事项为新增，有变化为调整，无变化不导入）。"),
    "生效日期": _("YYYY-MM-DD，例如 2016-05-01；或 Excel 日期。"),
    "文件依据": _("文件名称和文号，例如：关于梳理规范行政权力和责任清单的通知（肇政办发〔2016〕8号）。"),
    "决定机关层级": _("国务院、省人民政府、市（地）人民政府、本级人民政府；留空为本级人民政府。"),
    "承接来源或下放对象": _("承接的写明来源（如：黑龙江省人民政府），下放的写明对象（如：乡镇人民政府）。"),
}

LIST_SEPARATORS = re.compile(r"[、,，;；\n]+")
LINE_SEPARATORS = re.compile(r"\r\n|\r|\n")
ARTICLE = r"第[0-9零〇一二三四五六七八九十百千两]+条(?:之[一二三四五六七八九十]+)?(?:第[0-9零〇一二三四五六七八九十百千两]+款)?(?:第[0-9零〇一二三四五六七八九十百千两]+项)?"
BASIS_LINE = re.compile(rf"^《(?P<law>[^》]+)》\s*(?P<article>{ARTICLE})\s*(?:[：:]\s*(?P<text>.*))?$", re.S)
STEP_LINE = re.compile(r"^(?P<step>[^：:]{1,30})[：:]\s*(?P<text>.*)$", re.S)
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]{1,20}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,5}\s*号")


def split_list(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value or "") if part.strip()]


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in LINE_SEPARATORS.split(value or "") if line.strip()]


def format_bases(bases: tuple[Basis, ...] | list[Basis]) -> str:
    return "\n".join(f"《{b.law}》{b.article}" + (f"：{b.text}" if b.text else "") for b in bases)


def parse_basis_line(line: str) -> Basis | None:
    match = BASIS_LINE.match(line.strip())
    if match is None:
        return None
    return Basis(match["law"].strip(), match["article"].strip(), (match["text"] or "").strip())


def format_steps(steps: tuple[Step, ...] | list[Step]) -> tuple[str, str]:
    duties = "\n".join(f"{s.step}：{s.duty}" for s in steps)
    accountability = "\n".join(f"{s.step}：{s.accountability}" for s in steps if s.accountability)
    return duties, accountability


def format_document(title: str, number: str) -> str:
    if title and number:
        return f"{title}（{number}）"
    return title or number


def parse_document(value: str) -> tuple[str, str]:
    """(title, number) of a 文件依据 cell: the 文号 is found by its shape (肇政办发〔2016〕8号)."""
    value = (value or "").strip()
    matches = list(DOCUMENT_NUMBER.finditer(value))
    if not matches:
        return value, ""
    match = matches[-1]  # the last 文号 in the cell is the document's own
    number = match.group(0)
    title = (value[: match.start()] + value[match.end():]).strip()
    title = re.sub(r"[（(]\s*[)）]$", "", title).strip()
    title = title.rstrip("（(").strip()
    return title, number
