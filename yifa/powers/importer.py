"""Reading a department's power list from the yifa xlsx template, and planning what it changes.

`read_power_rows` checks the file itself (is it an xlsx, the template's columns, no merged cells,
not too many rows) and reads the cells; `plan_import` turns each row into content, compares it
with the list as it stands, and says per row what would happen (新增, 调整, 取消 … or unchanged),
or what is wrong, naming the row, the column and the reason. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from yifa.calendar.periods import UNIT_ALIASES
from yifa.core.errors import ActionRefused
from yifa.core.isolation import ResourceExhausted, run_bounded
from yifa.core.xlsx import oversized
from yifa.org.models import Department

from .content import PowerContent, Proposal, Step
from .models import AdjustmentKind, Catalogue, DecidedBy, ExerciseLevel, PowerType, ServiceTarget
from .spreadsheet import COLUMNS, parse_basis_line, parse_document, split_lines, split_list
from .validation import (
    LEVELS,
    POWER_TYPES,
    TARGETS,
    ListState,
    Problem,
    ProposalRefused,
    References,
    check_document_basis,
    check_proposals,
    implementation_code,
)

K = AdjustmentKind
MAX_FILE_BYTES = 60 * 1024 * 1024
MAX_ROWS = 200_000
MAX_UNPACKED_BYTES = 1 << 30
SHEET_NAME = "权力清单"
# How far a worksheet may reach before it is read (the reader holds it as a dense grid): the template's
# columns with room for a few notes beside them, and the rows an import may have with blank rows between.
MAX_COLUMNS = 64
BLANK_ROWS_ALLOWED = 10_000
# What reading may take beyond the server's own memory, and how long (a 200,000-row list reads in ~10 s).
READ_MEMORY_BYTES = 1536 << 20
READ_SECONDS = 600

TYPE_BY_LABEL = {str(label): value for value, label in PowerType.choices}
LEVEL_BY_LABEL = {str(label): value for value, label in ExerciseLevel.choices}
LEVEL_BY_LABEL.update({"县级": "4", "乡级": "5", "镇级": "5", "街道级": "5", "村级": "6", "社区级": "6"})
TARGET_BY_LABEL = {str(label): value for value, label in ServiceTarget.choices}
KIND_BY_LABEL = {str(label): value for value, label in K.choices}
IMPORTABLE_KINDS = {K.ADD, K.TAKE_OVER, K.MODIFY, K.CANCEL, K.DELEGATE}
DECIDED_BY_LABEL = {str(label): value for value, label in DecidedBy.choices}
DECIDED_BY_LABEL.update({"省": "province", "省政府": "province", "市": "prefecture", "绥化市": "prefecture",
                         "本级": "city", "市政府": "city", "肇东市人民政府": "city"})
YES = {"是", "有", "Y", "y", "yes", "Yes", "YES", "1", "true", "True", "TRUE"}
NO = {"否", "无", "N", "n", "no", "No", "NO", "0", "false", "False", "FALSE", ""}


# A task's progress report: (rows done, rows in all, what it is doing).
Progress = Callable[[int, int, str], None]


class ImportFileRejected(ActionRefused):
    """The file as a whole cannot be imported (not an xlsx, wrong columns, merged cells, too large)."""


@dataclass
class SheetRows:
    header: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number in the sheet, cell values in COLUMNS order)
    sha256: str


def _read_bytes(source: Any) -> bytes:
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise ImportFileRejected(_("找不到文件：%(path)s") % {"path": path})
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileRejected(_("文件超过 60 MB，不能导入。"))
        return path.read_bytes()
    if isinstance(source, bytes):
        data = source
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileRejected(_("文件超过 60 MB，不能导入。"))
    return data


def _cell_name(row: int, column: int) -> str:
    """A1-style name of a zero-based cell position."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _damaged() -> ImportFileRejected:
    return ImportFileRejected(_("文件已损坏，或不是 Excel 工作簿：请使用 yifa 提供的 xlsx 模板。"))


def _open_workbook(data: bytes, *, max_rows: int) -> Any:
    """The workbook, read by calamine: openpyxl's pure-Python reader takes ~10× longer on a large list.

    Every worksheet's extent is measured from the file first (yifa.core.xlsx): calamine builds a sheet as
    a dense grid, so a few cells placed far apart would otherwise allocate gigabytes."""
    from python_calamine import CalamineWorkbook

    if data[:4] == b"\xd0\xcf\x11\xe0":  # an OLE container: .xls, .et, or an encrypted xlsx
        raise ImportFileRejected(_("这是旧版 Excel（.xls）、WPS 表格文件或设了打开密码的工作簿，不能导入：请在 Excel 中取消密码，“另存为” .xlsx 后再导入。"))
    if data[:4] != b"PK\x03\x04":
        raise ImportFileRejected(_("这不是 xlsx 文件（可能是 CSV、文本或其他格式）：请使用 yifa 提供的 xlsx 模板。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            # The reader holds the whole sheet in memory: a small file that unpacks to gigabytes is refused first.
            if unpacked > MAX_UNPACKED_BYTES:
                raise ImportFileRejected(_("文件解压后超过 1 GB，不能导入。"))
            too_far = oversized(archive, max_rows=max_rows + BLANK_ROWS_ALLOWED + 1, max_columns=MAX_COLUMNS)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, zlib.error):
        raise _damaged() from None
    if too_far is not None:
        raise ImportFileRejected(
            _("工作表的单元格延伸到 %(cell)s（第 %(rows)s 行、第 %(columns)s 列），超出导入的范围（最多 %(max_rows)s 行、"
              "%(max_columns)s 列）：请删除模板以外的行和列（或把事项复制到新的模板中）后再导入。") % {
                "cell": too_far.last_cell, "rows": too_far.rows, "columns": too_far.columns,
                "max_rows": max_rows + 1, "max_columns": MAX_COLUMNS})
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # calamine raises several kinds (zip, XML, format) for a damaged or foreign file
        raise _damaged() from None


def read_power_rows(source: Any, *, max_rows: int | None = None) -> SheetRows:
    """The template's rows from an xlsx file (path, bytes or uploaded file). Raises ImportFileRejected.

    The file is read in a child process with a memory ceiling (yifa.core.isolation): whatever a hostile
    workbook makes the reader do, the server that received it keeps running."""
    limit = min(max_rows or MAX_ROWS, MAX_ROWS)
    data = _read_bytes(source)
    try:
        return run_bounded(_read_rows, data, limit, memory_bytes=READ_MEMORY_BYTES, timeout=READ_SECONDS)
    except ResourceExhausted as error:
        raise ImportFileRejected(error.message) from None


def _read_rows(data: bytes, limit: int) -> SheetRows:
    from python_calamine import CalamineError, SheetTypeEnum

    workbook = _open_workbook(data, max_rows=limit)
    try:
        names = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not names:
            raise ImportFileRejected(_("工作簿中没有工作表。"))
        name = SHEET_NAME if SHEET_NAME in names else names[0]
        try:
            sheet = workbook.get_sheet_by_name(name)
            merged = [f"{_cell_name(*first)}:{_cell_name(*last)}" for first, last in sheet.merged_cell_ranges or ()]
            # Rows as they stand in the sheet from A1, so that row numbers in messages match Excel's; one
            # row at a time, so that only the rows kept take Python memory.
            grid = sheet.iter_rows()
        except CalamineError:
            raise _damaged() from None
    finally:
        workbook.close()
    if merged:
        shown = "、".join(merged[:10]) + ("……" if len(merged) > 10 else "")
        raise ImportFileRejected(
            _("工作表“%(sheet)s”中有 %(n)s 处合并单元格（%(ranges)s）：合并单元格会使事项和列对不上，请取消合并，"
              "每行填写一个事项的全部内容后再导入。") % {"sheet": name, "n": len(merged), "ranges": shown})
    header = [str(v).strip() for v in next(grid, ())]
    while header and not header[-1]:
        header.pop()
    _check_header(header)
    positions = [header.index(column) for column in COLUMNS]
    width = len(header)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(grid, start=2):
        if not any(v != "" for v in values):
            continue
        if len(rows) >= limit:
            raise ImportFileRejected(
                _("文件的事项超过 %(limit)s 行，超出本次导入的上限。") % {"limit": limit}
                + (_("请使用命令行 yifa import-powers 导入大文件。") if limit < MAX_ROWS else ""))
        if len(values) < width:
            values = [*values, *([""] * (width - len(values)))]
        rows.append((number, tuple(values[i] for i in positions)))
    return SheetRows(header, rows, hashlib.sha256(data).hexdigest())


def _check_header(header: list[str]) -> None:
    if not any(header):
        raise ImportFileRejected(_("第 1 行应为列名（与 yifa 模板一致），但它是空的。"))
    counts = Counter(h for h in header if h)
    duplicated = [h for h, n in counts.items() if n > 1]
    missing = [c for c in COLUMNS if c not in counts]
    unexpected = [h for h in header if h and h not in COLUMNS]
    blank = [i + 1 for i, h in enumerate(header) if not h]
    parts = []
    if missing:
        parts.append(_("缺少列：%(columns)s") % {"columns": "、".join(missing)})
    if unexpected:
        parts.append(_("无法识别的列：%(columns)s（是否改了列名？）") % {"columns": "、".join(unexpected)})
    if duplicated:
        parts.append(_("重复的列：%(columns)s") % {"columns": "、".join(duplicated)})
    if blank:
        parts.append(_("第 %(columns)s 列没有列名") % {"columns": "、".join(map(str, blank))})
    if parts:
        raise ImportFileRejected(_("第 1 行的列名与 yifa 模板不一致：") + "；".join(parts) + "。"
                                 + _("请下载最新模板，按模板的列名填写。"))


# --- rows to proposals ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass
class RowPlan:
    row: int
    code: str
    name: str
    action: str  # an AdjustmentKind, or "unchanged"


UNCHANGED = "unchanged"


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0

    def counts(self) -> dict[str, int]:
        counts = Counter(r.action for r in self.rows)
        return {"rows": self.total, **{action: counts.get(action, 0) for action in [*K.values, UNCHANGED]}}

    def raise_if_invalid(self) -> None:
        if self.problems:
            raise ProposalRefused(self.problems)


class _RowReader:
    """Reads one row's cells, collecting problems under the row and column they belong to."""

    def __init__(self, number: int, values: tuple[Any, ...], problems: list[Problem]) -> None:
        self.number = number
        self.cells = dict(zip(COLUMNS, values, strict=True))
        self.problems = problems

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(message, self.number, column))

    def text(self, column: str, max_length: int | None = None) -> str:
        value = self.cells[column]
        if value is None:
            return ""
        if type(value) is str:
            text = value.strip()
            if max_length and len(text) > max_length:
                self.problem(column, _("超过 %(n)s 字。") % {"n": max_length})
                return text[:max_length]
            return text
        if isinstance(value, dt.datetime | dt.date):
            self.problem(column, _("应填写文字，而不是日期。"))
            return ""
        text = _text(value)
        if max_length and len(text) > max_length:
            self.problem(column, _("超过 %(n)s 字。") % {"n": max_length})
            return text[:max_length]
        return text

    def code(self, column: str) -> str:
        value = self.cells[column]
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.problem(column, _("编码是数字格式（%(value)s），开头的 0 会丢失：请把该列设为文本后重新填写。")
                         % {"value": _text(value)})
            return _text(value)
        return self.text(column, 40)

    def integer(self, column: str) -> int | None:
        value = self.cells[column]
        if value is None or _text(value) in ("", "无", "-", "—"):
            return None
        if isinstance(value, bool):
            self.problem(column, _("应为整数。"))
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = _text(value)
        if text.isdigit():
            return int(text)
        self.problem(column, _("“%(value)s”不是整数。") % {"value": text[:20]})
        return None

    def unit(self, column: str, limit: int | None) -> str:
        text = self.text(column)
        if not text:
            if limit is not None:
                self.problem(column, _("填写了时限，须注明单位：工作日 或 日。"))
            return ""
        unit = UNIT_ALIASES.get(text.lower())
        if unit is None:
            self.problem(column, _("未知的时限单位“%(value)s”，应为“工作日”或“日”。") % {"value": text[:20]})
            return ""
        return str(unit)

    def yes_no(self, column: str) -> bool:
        text = self.text(column)
        if text in YES:
            return True
        if text not in NO:
            self.problem(column, _("应填写“是”或“否”，而不是“%(value)s”。") % {"value": text[:20]})
        return False

    def date(self, column: str) -> dt.date | None:
        value = self.cells[column]
        if isinstance(value, dt.datetime):
            if value.time() != dt.time():
                self.problem(column, _("应为日期，不应带时间。"))
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.problem(column, _("“%(value)s”是数字而不是日期：请填写 YYYY-MM-DD（如 2016-05-01），或把单元格设为日期格式。")
                         % {"value": _text(value)})
            return None
        text = _text(value)
        if not text:
            self.problem(column, _("生效日期不能为空。"))
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(column, _("“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写，例如 2016-05-01。") % {"value": text[:30]})
            return None


def _department_code(value: str, departments: dict[str, Department]) -> str | None:
    for department in departments.values():
        if value in (department.code, department.name, department.short_name):
            return department.code
    return None


def parse_row(number: int, values: tuple[Any, ...], department: Department, refs: References,
              problems: list[Problem]) -> Proposal | None:
    """One row as a proposal (its kind still to be decided), or None with its problems recorded."""
    start = len(problems)
    r = _RowReader(number, values, problems)
    code = r.code("基本编码")
    if not code:
        r.problem("基本编码", _("基本编码不能为空。"))
    name = r.text("事项名称", 200)
    type_text = r.text("事项类型")
    power_type = ""
    match = re.match(r"^(\d{1,2})\s*(.*)$", type_text)
    if match:
        power_type = match.group(1).zfill(2)
        label = match.group(2).strip()
        if power_type not in POWER_TYPES or (label and TYPE_BY_LABEL.get(label) != power_type):
            power_type = ""
    else:
        power_type = TYPE_BY_LABEL.get(type_text, "")
    if not power_type:
        r.problem("事项类型", _("未知的事项类型“%(value)s”。可用的类型：%(allowed)s。") % {
            "value": type_text[:30], "allowed": "、".join(f"{k} {v}" for k, v in PowerType.choices)})
    implementer = r.text("实施主体")
    if implementer and implementer not in (department.code, department.name, department.short_name):
        other = _department_code(implementer, refs.departments)
        if other is None:
            r.problem("实施主体", _("未知的实施主体“%(value)s”。") % {"value": implementer[:50]})
        else:
            r.problem("实施主体", _("本行属于“%(other)s”，不能导入到“%(department)s”的清单。")
                      % {"other": refs.departments[other].name, "department": department.name})
    co_codes = []
    for value in split_list(r.text("联办机构")):
        co = _department_code(value, refs.departments)
        if co is None:
            r.problem("联办机构", _("未知的联办机构“%(value)s”：请填写部门全称、简称或部门代码。") % {"value": value[:50]})
        else:
            co_codes.append(co)
    level_text = r.text("行使层级")
    level = "4" if not level_text else (level_text if level_text in LEVELS
                                        else LEVEL_BY_LABEL.get(level_text, ""))
    if not level:
        r.problem("行使层级", _("未知的行使层级“%(value)s”。") % {"value": level_text[:20]})
    bases = []
    for index, line in enumerate(split_lines(r.text("设定依据")), start=1):
        basis = parse_basis_line(line)
        if basis is None:
            r.problem("设定依据", _("第 %(n)s 条“%(line)s”格式不对，应写成“《法律法规名称》第×条：条文”。")
                      % {"n": index, "line": line[:40]})
        else:
            bases.append(basis)
    statutory = r.integer("法定办结时限")
    statutory_unit = r.unit("法定时限单位", statutory)
    promised = r.integer("承诺办结时限")
    promised_unit = r.unit("承诺时限单位", promised)
    steps: list[Step] = []
    duties: dict[str, str] = {}
    for line in split_lines(r.text("责任事项")):
        m = re_step(line)
        if m is None:
            r.problem("责任事项", _("“%(line)s”应写成“环节名称：职责”。") % {"line": line[:40]})
        else:
            duties[m[0]] = m[1]
    accountabilities: dict[str, str] = {}
    for line in split_lines(r.text("追责情形")):
        m = re_step(line)
        if m is None:
            r.problem("追责情形", _("“%(line)s”应写成“环节名称：追责情形”。") % {"line": line[:40]})
        elif m[0] not in duties:
            r.problem("追责情形", _("环节“%(step)s”不在本行的责任事项中。") % {"step": m[0]})
        else:
            accountabilities[m[0]] = m[1]
    steps = [Step(step, duty, accountabilities.get(step, "")) for step, duty in duties.items()]
    targets = []
    for value in split_list(r.text("服务对象")):
        target = TARGET_BY_LABEL.get(value) or (value if value in TARGETS else None)
        if target is None:
            r.problem("服务对象", _("未知的服务对象“%(value)s”。") % {"value": value[:20]})
        else:
            targets.append(target)
    kind_text = r.text("调整类型")
    kind = KIND_BY_LABEL.get(kind_text, "") if kind_text else ""
    if kind_text and kind not in IMPORTABLE_KINDS:
        r.problem("调整类型", _("调整类型“%(value)s”不能通过导入办理，可填：新增、承接、调整、取消、下放（移交请在后台办理）。")
                  % {"value": kind_text[:20]})
    effective = r.date("生效日期")
    title, number_text = parse_document(r.text("文件依据"))
    decided_text = r.text("决定机关层级")
    decided_by = DECIDED_BY_LABEL.get(decided_text, "") if decided_text else DecidedBy.CITY
    if not decided_by:
        r.problem("决定机关层级", _("未知的决定机关层级“%(value)s”。") % {"value": decided_text[:20]})
    given_code = r.code("实施编码")
    content = PowerContent(
        code=code, name=name, power_type=power_type,
        implementation_code=given_code or implementation_code(department, level or "4", code),
        parent_code=r.code("主项编码"), handling_office=r.text("办理处室", 100), co_department_codes=tuple(co_codes),
        exercise_level=level or "4", bases=tuple(bases), statutory_limit=statutory, statutory_unit=statutory_unit,
        promised_limit=promised, promised_unit=promised_unit, charges=r.yes_no("是否收费"),
        fee_standard=r.text("收费标准"), fee_basis=r.text("收费依据"), needs_intermediary=r.yes_no("是否存在中介服务"),
        intermediary_codes=tuple(split_list(r.text("中介服务事项"))), service_targets=tuple(targets),
        supervision_phone=r.text("监督电话", 40), responsibilities=tuple(steps), remarks=r.text("备注"),
    )
    if len(problems) > start or effective is None:
        return None
    return Proposal(
        catalogue=Catalogue.POWER, kind=kind, code=code, effective_date=effective, content=content,
        document_number=number_text, document_title=title, decided_by=decided_by,
        counterpart=r.text("承接来源或下放对象", 200), row=number,
    )


def re_step(line: str) -> tuple[str, str] | None:
    match = re.match(r"^([^：:]{1,30})[：:]\s*(.*)$", line, re.S)
    return (match.group(1).strip(), match.group(2).strip()) if match else None


def plan_import(rows: SheetRows, department: Department, state: ListState, refs: References, *,
                request_id: int | None, progress: Progress | None = None) -> ImportPlan:
    """What importing these rows would do to the department's list, row by row, or what is wrong."""
    return decide_import(*parse_rows(rows, department, refs, progress=progress), state, refs,
                         request_id=request_id, progress=progress)


def parse_rows(rows: SheetRows, department: Department, refs: References, *,
               progress: Progress | None = None) -> tuple[ImportPlan, list[Proposal]]:
    """Each row read and checked on its own (the long part of a large import, which needs no lock on the
    list): the plan so far, with the rows' problems, and the rows as proposals.

    `progress(done, total, stage)` is told how many rows have been checked (a task's progress bar)."""
    plan = ImportPlan(total=len(rows.rows))
    first_row: dict[str, int] = {}
    parsed: list[Proposal] = []
    checking = str(_("逐行检查"))
    for done, (number, values) in enumerate(rows.rows):
        if progress is not None:
            progress(done, plan.total, checking)
        proposal = parse_row(number, values, department, refs, plan.problems)
        code = _text(values[0])
        if code:
            if code in first_row:
                plan.problems.append(Problem(_("基本编码“%(code)s”与第 %(row)s 行重复。")
                                             % {"code": code, "row": first_row[code]}, number, "基本编码"))
                continue
            first_row[code] = number
        if proposal is not None:
            parsed.append(proposal)
    return plan, parsed


def decide_import(plan: ImportPlan, parsed: list[Proposal], state: ListState, refs: References, *,
                  request_id: int | None, progress: Progress | None = None) -> ImportPlan:
    """The parsed rows against the department's list as it stands (read under the list's lock)."""
    changing: list[Proposal] = []
    for proposal in parsed:
        assert proposal.content is not None
        current = state.items.get(proposal.code)
        action = _decide(proposal, current)
        if action is None:
            plan.problems.append(Problem(
                _("事项已在清单中，调整类型不能是“%(kind)s”：有变化请填“调整”或留空。") % {"kind": K(proposal.kind).label},
                proposal.row, "调整类型"))
            continue
        plan.rows.append(RowPlan(proposal.row or 0, proposal.code, proposal.content.name, action))
        if action != UNCHANGED:
            proposal.kind = action
            if action in (K.CANCEL, K.DELEGATE):
                proposal.content = None
            changing.append(proposal)
    if progress is not None:
        progress(plan.total, plan.total, str(_("与现行清单比对")))
    plan.problems += check_proposals(changing, state, refs, request_id=request_id)
    plan.problems += check_document_basis(changing)
    plan.problems.sort(key=lambda p: (p.row or 0))
    plan.proposals = changing
    return plan


def _decide(proposal: Proposal, current: Any) -> str | None:
    """The adjustment a row asks for, given the item's state: a kind, UNCHANGED, or None when impossible."""
    assert proposal.content is not None
    digest = proposal.content.digest()
    kind = proposal.kind
    pending = current.pending if current is not None else None
    if kind in (K.CANCEL, K.DELEGATE):
        if pending is not None and pending["kind"] == kind:
            return UNCHANGED
        if current is None or (not current.in_force and pending is None):
            return UNCHANGED if current is not None else kind  # already gone: nothing to do
        return kind
    # What the list will say once pending changes take effect: compare with that.
    latest = pending["content_hash"] if pending is not None and pending["content_hash"] else (
        current.open_version[2] if current is not None and current.open_version else None)
    if pending is not None and pending["kind"] in (K.CANCEL, K.DELEGATE):
        latest = None
    if latest == digest:
        return UNCHANGED
    in_force = current is not None and (current.in_force or (pending is not None and pending["kind"] in (K.ADD, K.TAKE_OVER)))
    if not kind:
        if pending is not None and pending["kind"] in (K.ADD, K.TAKE_OVER, K.TRANSFER):
            return pending["kind"]
        return K.MODIFY if current is not None and current.in_force else K.ADD
    if kind in (K.ADD, K.TAKE_OVER):
        if pending is not None and pending["kind"] in (K.ADD, K.TAKE_OVER):
            return kind  # a draft of a new item, rewritten
        return None if in_force else kind
    return kind
