"""The benchmark spreadsheet: one row per tier, read (python-calamine) and written (openpyxl) in the same columns,
so a department can export its benchmarks, edit them in Excel and import a new version.

Rows with the same 基准编号 and 生效日期 make one version; within it, rows with the same statutory range
(计罚事实, 事实金额自, 事实金额不足, 幅度单位, 法定最低, 法定最高) make one bracket. A row whose 裁量阶次 is empty
declares a bracket with only a maximum: the local default split fills its tiers. 裁量情节 holds one
circumstance a line: 代码｜情节｜适用阶次｜依据 (适用阶次 “首违不罚” is 不予处罚 under 行政处罚法 2021 art.33 para.1).

The file itself is checked as the power lists' import checks it (yifa.powers.importer: xlsx only, size, zip bomb,
extent, in a bounded child process); every row problem is collected and nothing is written if there is one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from yifa.core.isolation import ResourceExhausted, run_bounded
from yifa.powers.importer import ImportFileRejected, _open_workbook, _read_bytes

from .content import BracketSpec, CircumstanceSpec, Problem, TierSpec, VersionSpec
from .models import Fact, PenaltyType, RangeKind, TierLevel

SHEET_NAME = "裁量基准"
MAX_ROWS = 5000
COLUMNS = ["基准编号", "违法行为", "权力事项编码", "法律法规名称", "违法条款", "处罚依据条款", "处罚依据条文", "处罚种类",
           "计罚事实", "事实金额自", "事实金额不足", "幅度单位", "法定最低", "法定最高", "裁量阶次", "下限", "上限",
           "适用情形", "裁量情节", "生效日期", "制定文件"]
VERSION_COLUMNS = ["违法行为", "权力事项编码", "法律法规名称", "违法条款", "处罚依据条款", "处罚依据条文", "处罚种类",
                   "裁量情节", "制定文件"]
BRACKET_COLUMNS = ["计罚事实", "事实金额自", "事实金额不足", "幅度单位", "法定最低", "法定最高"]
FIRST_OFFENCE = "首违不罚"
MAX_AMOUNT = Decimal("1000000000000")
SEPARATOR = re.compile(r"[|｜]")


def _labels(choices: Any) -> dict[str, str]:
    return {str(label): value for value, label in choices}


TIER_BY_LABEL = _labels(TierLevel.choices) | {str(label).removesuffix("处罚"): value for value, label in TierLevel.choices}
FACT_BY_LABEL = _labels(Fact.choices)
PENALTY_BY_LABEL = _labels(PenaltyType.choices)
KIND_BY_LABEL: dict[str, str] = {"元": RangeKind.AMOUNT.value, "倍": RangeKind.MULTIPLE.value}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- reading ---------------------------------------------------------------------------------------------


def read_rows(source: Any) -> list[tuple[int, dict[str, Any]]]:
    """The rows of the benchmark sheet (path, bytes or uploaded file), numbered as in Excel."""
    data = _read_bytes(source)
    try:
        return run_bounded(_read, data, memory_bytes=512 << 20, timeout=120)
    except ResourceExhausted as error:
        raise ImportFileRejected(error.message) from None


def _read(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    from python_calamine import CalamineError, SheetTypeEnum

    workbook = _open_workbook(data, max_rows=MAX_ROWS)
    try:
        names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not names:
            raise ImportFileRejected(_("工作簿中没有工作表。"))
        try:
            sheet = workbook.get_sheet_by_name(SHEET_NAME if SHEET_NAME in names else names[0])
            if sheet.merged_cell_ranges:
                raise ImportFileRejected(_("工作表中有合并单元格：请取消合并，每行填写一个阶次的全部内容后再导入。"))
            grid = list(sheet.iter_rows())
        except CalamineError:
            raise ImportFileRejected(_("文件已损坏，或不是 Excel 工作簿：请使用 yifa 提供的 xlsx 模板。")) from None
    finally:
        workbook.close()
    header = [_text(v) for v in (grid[0] if grid else [])]
    while header and not header[-1]:
        header.pop()
    counts = Counter(header)
    missing = [c for c in COLUMNS if c not in counts]
    duplicated = [c for c, n in counts.items() if c and n > 1]
    if missing or duplicated:
        parts = ([_("缺少列：%(c)s") % {"c": "、".join(missing)}] if missing else []) + (
            [_("重复的列：%(c)s") % {"c": "、".join(duplicated)}] if duplicated else [])
        raise ImportFileRejected(_("第 1 行的列名与裁量基准模板不一致：") + "；".join(parts) + "。")
    positions = {c: header.index(c) for c in COLUMNS}
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(grid[1:], start=2):
        if not any(_text(v) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileRejected(_("文件超过 %(n)s 行，超出导入的上限。") % {"n": MAX_ROWS})
        rows.append((number, {c: (values[i] if i < len(values) else "") for c, i in positions.items()}))
    if not rows:
        raise ImportFileRejected(_("文件中没有裁量基准。"))
    return rows


class _Row:
    def __init__(self, number: int, cells: dict[str, Any], problems: list[Problem]) -> None:
        self.number, self.cells, self.problems = number, cells, problems

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))

    def text(self, column: str, max_length: int = 300, *, required: bool = False) -> str:
        text = _text(self.cells[column])
        if required and not text:
            self.problem(column, _("“%(column)s”不能为空。") % {"column": column})
        if len(text) > max_length:
            self.problem(column, _("“%(column)s”超过 %(n)s 字。") % {"column": column, "n": max_length})
            return text[:max_length]
        return text

    def amount(self, column: str, *, required: bool = False) -> Decimal | None:
        text = self.text(column, 40).replace(",", "").replace("，", "")
        if not text:
            if required:
                self.problem(column, _("“%(column)s”不能为空。") % {"column": column})
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.problem(column, _("“%(value)s”不是数字。") % {"value": text[:20]})
            return None
        if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
            self.problem(column, _("“%(value)s”须为 0 至一万亿之间的数。") % {"value": text[:20]})
            return None
        return value.quantize(Decimal("0.01"))

    def date(self, column: str) -> dt.date | None:
        value = self.cells[column]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(column, _("“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写。") % {"value": text[:30]})
            return None

    def choice(self, column: str, labels: dict[str, str], *, default: str = "") -> str:
        text = self.text(column, 40)
        if not text:
            return default
        if text in labels.values():
            return text
        if text not in labels:
            self.problem(column, _("“%(value)s”不是可选的值（%(options)s）。") % {
                "value": text[:20], "options": "、".join(labels)})
            return default
        return labels[text]


def _circumstances(row: _Row) -> tuple[CircumstanceSpec, ...]:
    found = []
    for line in (line.strip() for line in row.text("裁量情节", 5000).splitlines()):
        if not line:
            continue
        parts = [p.strip() for p in SEPARATOR.split(line)]
        if len(parts) < 3 or not parts[0] or not parts[1]:
            row.problem("裁量情节", _("“%(line)s”应为：代码｜情节｜适用阶次｜依据。") % {"line": line[:40]})
            continue
        first = parts[2] == FIRST_OFFENCE
        effect = TierLevel.NONE if first else TIER_BY_LABEL.get(parts[2], "")
        if not effect:
            row.problem("裁量情节", _("“%(value)s”不是裁量阶次。") % {"value": parts[2][:20]})
            continue
        found.append(CircumstanceSpec(parts[0][:40], parts[1][:300], effect, (parts[3] if len(parts) > 3 else "")[:200],
                                      first, row.number))
    return tuple(found)


def parse(rows: list[tuple[int, dict[str, Any]]]) -> tuple[list[VersionSpec], list[Problem]]:
    """Versions from the sheet's rows, and every problem found in reading them (row and column named)."""
    problems: list[Problem] = []
    groups: dict[tuple[str, dt.date], list[_Row]] = {}
    for number, cells in rows:
        row = _Row(number, cells, problems)
        code = row.text("基准编号", 40, required=True)
        day = row.date("生效日期")
        if code and day:
            groups.setdefault((code, day), []).append(row)
    specs = []
    for (code, day), group in groups.items():
        first = group[0]
        for row in group[1:]:
            for column in VERSION_COLUMNS:
                if _text(row.cells[column]) and _text(row.cells[column]) != _text(first.cells[column]):
                    row.problem(column, _("同一基准（%(code)s，%(day)s）各行的“%(column)s”不一致。") % {
                        "code": code, "day": day, "column": column})
        brackets: dict[tuple[str, ...], tuple[_Row, list[TierSpec]]] = {}
        for row in group:
            key = tuple(_text(row.cells[c]) for c in BRACKET_COLUMNS)
            if key not in brackets:
                brackets[key] = (row, [])
            level = row.choice("裁量阶次", TIER_BY_LABEL)
            if level:
                low, high = row.amount("下限", required=True), row.amount("上限", required=True)
                if low is not None and high is not None:
                    brackets[key][1].append(TierSpec(level, low, high, row.text("适用情形", 1000), row.number))
            elif _text(row.cells["下限"]) or _text(row.cells["上限"]):
                row.problem("裁量阶次", _("填写了下限或上限，但没有填写裁量阶次。"))
        bracket_specs = []
        for head, tiers in brackets.values():
            maximum = head.amount("法定最高", required=True)
            if maximum is None:
                continue
            bracket_specs.append(BracketSpec(
                statutory_max=maximum, statutory_min=head.amount("法定最低") or Decimal(0),
                kind=head.choice("幅度单位", KIND_BY_LABEL, default=RangeKind.AMOUNT),
                fact=head.choice("计罚事实", FACT_BY_LABEL), fact_from=head.amount("事实金额自"),
                fact_below=head.amount("事实金额不足"), tiers=tuple(tiers), row=head.number))
        penalty_types = []
        for label in re.split(r"[、,，;；\s]+", first.text("处罚种类", 200)):
            if label:
                if label in PENALTY_BY_LABEL:
                    penalty_types.append(PENALTY_BY_LABEL[label])
                else:
                    first.problem("处罚种类", _("“%(value)s”不是《行政处罚法》第九条所列的处罚种类。") % {"value": label[:20]})
        specs.append(VersionSpec(
            code=code, violation=first.text("违法行为", required=True), power_code=first.text("权力事项编码", 40),
            law=first.text("法律法规名称", 200).strip("《》"), violated_article=first.text("违法条款", 80),
            penalty_article=first.text("处罚依据条款", 80), penalty_text=first.text("处罚依据条文", 5000),
            penalty_types=tuple(penalty_types), effective_from=day, document=first.text("制定文件", 200),
            brackets=tuple(bracket_specs), circumstances=_circumstances(first), row=first.number))
    return specs, problems


# --- writing ---------------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> Any:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def export_xlsx(versions: Any) -> bytes:
    """The versions as the import reads them: one row per tier."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(COLUMNS)
    tiers = dict(TierLevel.choices)
    facts = dict(Fact.choices)
    penalties = dict(PenaltyType.choices)
    for version in versions.prefetch_related("brackets__tiers", "circumstances").select_related("power_item"):
        circumstances = "\n".join(
            "｜".join((c.code, c.label, FIRST_OFFENCE if c.first_offence else str(tiers[c.effect]), c.basis))
            for c in version.circumstances.all())
        common = {
            "基准编号": version.code, "违法行为": version.violation, "权力事项编码": version.power_item.code,
            "法律法规名称": version.law, "违法条款": version.violated_article, "处罚依据条款": version.penalty_article,
            "处罚依据条文": version.penalty_text, "处罚种类": "、".join(str(penalties.get(t, t)) for t in version.penalty_types),
            "裁量情节": circumstances, "生效日期": version.effective_from.isoformat(), "制定文件": version.document}
        for bracket in version.brackets.all():
            span = {"计罚事实": str(facts.get(bracket.fact, "")), "事实金额自": _number(bracket.fact_from),
                    "事实金额不足": _number(bracket.fact_below),
                    "幅度单位": "倍" if bracket.kind == RangeKind.MULTIPLE else "元",
                    "法定最低": _number(bracket.statutory_min), "法定最高": _number(bracket.statutory_max)}
            for tier in bracket.tiers.all():
                cells = common | span | {"裁量阶次": str(tiers[tier.level]), "下限": _number(tier.minimum),
                                         "上限": _number(tier.maximum), "适用情形": tier.conditions}
                sheet.append([cells.get(c, "") for c in COLUMNS])
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # text that looks like a formula stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
