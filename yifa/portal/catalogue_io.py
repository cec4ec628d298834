"""The catalogue as a spreadsheet: the export (xlsx, csv) and the import of items published elsewhere.

The export writes the columns the import reads. An import is checked row by row before anything is
written (`plan_import`): a row with an unknown category or agency, a bad date, or a 索引号 already used (in
the catalogue or twice in the file) is refused with its row number, column and reason, and then nothing of
the file is imported. Nothing here writes: `actions.import_catalogue` does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused
from yifa.core.xlsx import oversized
from yifa.org.models import Department

from .catalogue import INDEX_NUMBER
from .models import CatalogueEntry, DisclosureCategory

COLUMNS = ["索引号", "名称", "公开类别", "标准目录领域", "公开机构", "文号", "形成（变更）日期", "公开日期", "有效性", "网址"]
REQUIRED = {"名称", "公开类别", "公开机构", "形成（变更）日期", "公开日期"}
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 32
EXPORT_MAX_ROWS = 100_000
VALIDITY_BY_LABEL = {str(label): value for value, label in CatalogueEntry.Validity.choices if value}


class CatalogueFileRejected(ActionRefused):
    """The file as a whole cannot be read (not xlsx or csv, wrong columns, too large)."""


# --- export -----------------------------------------------------------------------------------------------


def entry_row(entry: CatalogueEntry, base_url: str = "") -> list[str]:
    url = entry.url
    if url.startswith("/"):
        url = base_url + url
    return [entry.index_number, entry.title, entry.category.code + " " + entry.category.name,
            (entry.standard_field.name if entry.standard_field else ""), entry.department.name,
            entry.document_number, entry.made_on.isoformat(), entry.published_on.isoformat(),
            entry.get_validity_display() if entry.validity else "", url]


def csv_chunks(entries: Iterable[CatalogueEntry], base_url: str = "") -> Iterator[bytes]:
    """The catalogue as CSV, a row at a time (UTF-8 with a BOM, so that Excel reads the Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield ("\ufeff" + buffer.getvalue()).encode()
    for number, entry in enumerate(entries):
        if number >= EXPORT_MAX_ROWS:
            break
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_safe_cell(value) for value in entry_row(entry, base_url)])
        yield buffer.getvalue().encode()


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: written as text (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def xlsx_bytes(entries: Iterable[CatalogueEntry], base_url: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("政府信息公开目录"))
    sheet.append(COLUMNS)
    for number, entry in enumerate(entries):
        if number >= EXPORT_MAX_ROWS:
            break
        sheet.append([_safe_cell(value) for value in entry_row(entry, base_url)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- import: reading --------------------------------------------------------------------------------------


def read_rows(data: bytes, filename: str = "") -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) of an xlsx or csv file. Raises CatalogueFileRejected."""
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueFileRejected(_("文件超过 10 MB，不能导入。"))
    if data[:4] == b"PK\x03\x04":
        grid = _xlsx_grid(data)
    elif data[:4] == b"\xd0\xcf\x11\xe0":
        raise CatalogueFileRejected(_("这是旧版 Excel（.xls）或设了密码的工作簿：请另存为 .xlsx 或 CSV 后再导入。"))
    else:
        grid = _csv_grid(data)
    header = [str(value).strip() for value in next(grid, [])]
    while header and not header[-1]:
        header.pop()
    missing = [column for column in COLUMNS if column not in header]
    unexpected = [column for column in header if column and column not in COLUMNS]
    if missing or unexpected or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append(_("缺少列：%(columns)s") % {"columns": "、".join(missing)})
        if unexpected:
            parts.append(_("无法识别的列：%(columns)s") % {"columns": "、".join(unexpected)})
        if len(set(header)) != len(header):
            parts.append(_("有重复的列"))
        raise CatalogueFileRejected(_("第 1 行的列名与目录模板不一致：") + "；".join(parts) + "。"
                                    + _("请使用导出的目录文件的列名。"))
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(grid, start=2):
        cells = [_text(value) for value in values]
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise CatalogueFileRejected(_("文件超过 %(n)s 行，请分批导入。") % {"n": MAX_ROWS})
        cells += [""] * (len(header) - len(cells))
        rows.append((number, {column: cells[i] for i, column in enumerate(header) if column}))
    if not rows:
        raise CatalogueFileRejected(_("文件中没有目录条目。"))
    return rows


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip()


def _csv_grid(data: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CatalogueFileRejected(_("无法识别文件的编码：请保存为 UTF-8 编码的 CSV 或 xlsx 文件。"))
    if "\x00" in text:
        raise CatalogueFileRejected(_("这不是 CSV 或 xlsx 文件。"))
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise CatalogueFileRejected(_("CSV 文件格式有误（引号不配对等），请检查后再导入。")) from None
    return iter(rows)


def _xlsx_grid(data: bytes) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook

    damaged = CatalogueFileRejected(_("文件已损坏，或不是 Excel 工作簿。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > 20 * MAX_FILE_BYTES:
                raise CatalogueFileRejected(_("文件解压后过大，不能导入。"))
            too_far = oversized(archive, max_rows=MAX_ROWS + 1000, max_columns=MAX_COLUMNS)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, zlib.error):
        raise damaged from None
    if too_far is not None:
        raise CatalogueFileRejected(_("工作表的单元格延伸到 %(cell)s，超出导入的范围：请删除目录以外的行和列。")
                                    % {"cell": too_far.last_cell})
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        return iter(sheet.to_python(skip_empty_area=False))
    except Exception:  # calamine raises several kinds for a damaged or foreign file
        raise damaged from None


# --- import: checking -------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[RowPlan]

    @property
    def refused(self) -> list[RowPlan]:
        return [row for row in self.rows if row.problems]


def _category(value: str, scheme: str) -> DisclosureCategory | None:
    value = value.strip()
    code = value.split(" ", 1)[0].upper()
    found = DisclosureCategory.objects.filter(scheme=scheme, code=code).first()
    if found is None:
        name = value.split(" ", 1)[1] if " " in value and len(code) == 3 else value
        found = DisclosureCategory.objects.filter(scheme=scheme, name=name).first()
    return found


def _date(value: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value.replace("/", "-").strip()[:10])
    except ValueError:
        return None
    return day if 1990 <= day.year <= 2100 else None


def plan_import(rows: list[tuple[int, dict[str, str]]], departments: Iterable[Department]) -> ImportPlan:
    """Each row's item, or what is wrong with it. `departments`: those the importer may import for."""
    by_name: dict[str, Department] = {}
    for department in departments:
        for key in (department.name, department.short_name, department.code):
            by_name.setdefault(key, department)  # a short name two agencies share names the first
    seen: dict[str, int] = {}
    plans = []
    for number, cells in rows:
        plan = RowPlan(number)
        for column in REQUIRED:
            if not cells.get(column):
                plan.problems.append(_("“%(column)s”必须填写") % {"column": column})
        for column, limit in (("名称", 255), ("文号", 60), ("网址", 500), ("索引号", 60)):
            if len(cells.get(column, "")) > limit:
                plan.problems.append(_("“%(column)s”超过 %(n)s 字") % {"column": column, "n": limit})
        category = _category(cells.get("公开类别", ""), DisclosureCategory.Scheme.ARTICLE_20) \
            if cells.get("公开类别") else None
        if cells.get("公开类别") and category is None:
            plan.problems.append(_("公开类别“%(value)s”不是《政府信息公开条例》第二十条的事项（填写 A01–A15 或其名称）")
                                 % {"value": cells["公开类别"][:40]})
        standard = None
        if cells.get("标准目录领域"):
            standard = _category(cells["标准目录领域"], DisclosureCategory.Scheme.STANDARD)
            if standard is None:
                plan.problems.append(_("标准目录领域“%(value)s”不是基层政务公开标准目录的领域")
                                     % {"value": cells["标准目录领域"][:40]})
        agency = by_name.get(cells.get("公开机构", ""))
        if cells.get("公开机构") and agency is None:
            plan.problems.append(_("公开机构“%(value)s”不是您可以导入的机构") % {"value": cells["公开机构"][:40]})
        made_on = _date(cells.get("形成（变更）日期", ""))
        published_on = _date(cells.get("公开日期", ""))
        for column, day in (("形成（变更）日期", made_on), ("公开日期", published_on)):
            if cells.get(column) and day is None:
                plan.problems.append(_("“%(column)s”应为 YYYY-MM-DD 格式的日期") % {"column": column})
        if made_on and published_on and published_on < made_on:
            plan.problems.append(_("公开日期早于信息形成（变更）日期"))
        validity = cells.get("有效性", "")
        if validity and validity not in VALIDITY_BY_LABEL:
            plan.problems.append(_("有效性应为：%(values)s") % {"values": "、".join(VALIDITY_BY_LABEL)})
        url = cells.get("网址", "")
        if url and not url.startswith(("https://", "http://", "/")):
            plan.problems.append(_("网址应以 https:// 或 / 开头"))
        index_number = cells.get("索引号", "").strip().upper()
        if index_number:
            if not INDEX_NUMBER.match(index_number):
                plan.problems.append(_("索引号“%(value)s”不符合编号规则（统一社会信用代码-类别代码-年份-顺序号）")
                                     % {"value": index_number[:60]})
            elif index_number in seen:
                plan.problems.append(_("索引号 %(value)s 与第 %(row)s 行重复") % {"value": index_number,
                                                                              "row": seen[index_number]})
            elif CatalogueEntry.objects.filter(index_number=index_number).exists():
                plan.problems.append(_("索引号 %(value)s 已在目录中") % {"value": index_number})
            seen.setdefault(index_number, number)
        plan.values = {"index_number": index_number, "title": cells.get("名称", ""), "category": category,
                       "standard_field": standard, "department": agency,
                       "document_number": cells.get("文号", ""), "made_on": made_on, "published_on": published_on,
                       "validity": VALIDITY_BY_LABEL.get(validity, ""), "url": url}
        plans.append(plan)
    return ImportPlan(plans)
