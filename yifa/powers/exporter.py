"""Exporting the lists: xlsx and csv in the import template's columns, and the catalogue as JSON open data.

A power list exported as xlsx imports back unchanged (the same content digest per row), so the
export is also how a department starts editing its list in Excel. Rows are read in chunks of a
thousand with their related rows prefetched: memory and queries stay flat at 100,000 items.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.calendar.periods import Unit

from .content import Basis, Step
from .models import (
    ApprovalCategory,
    ApprovalVersion,
    Catalogue,
    ExerciseLevel,
    FeeNature,
    IntermediaryVersion,
    PowerType,
    PowerVersion,
    ServiceTarget,
)
from .selectors import ListStatus, listed, power_details
from .spreadsheet import COLUMN_HELP, COLUMNS, format_bases, format_document, format_steps
from .standards import standard_steps

BATCH = 500
STATUS_COLUMNS = ["状态", "失效日期"]
INTERMEDIARY_COLUMNS = ["编码", "事项名称", "主管部门", "中介服务机构", "设定依据", "收费性质", "收费依据", "备注",
                        "生效日期", "文件依据"]
APPROVAL_COLUMNS = ["编码", "项目名称", "审批部门", "审批类别", "审批对象", "设定依据", "对应权力事项", "备注",
                    "生效日期", "文件依据"]
FORMATS = ("xlsx", "csv", "json")


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _batches(qs: Any) -> Iterator[list[Any]]:
    """The rows in list order (department, code), a batch at a time: memory stays flat for any list size."""
    ids = list(qs.order_by("department__sort_order", "department_id", "code", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        by_id = {v.pk: v for v in qs.filter(pk__in=chunk)}
        yield [by_id[pk] for pk in chunk if pk in by_id]


def _status(version: Any) -> tuple[str, str]:
    if version.effective_to is None:
        return _("在用"), ""
    kind = version.ended_by.get_kind_display() if version.ended_by_id else _("已失效")
    return _("已%(kind)s") % {"kind": kind}, version.effective_to.isoformat()


def power_records(versions: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(version, related) pairs with bases, co-departments and intermediary codes, a thousand at a time."""
    qs = versions.select_related("department", "item__parent", "adjustment", "ended_by")
    for batch in _batches(qs):
        details = power_details(batch)
        yield from ((v, details[v.pk]) for v in batch)


def power_row(version: PowerVersion, related: dict[str, Any], departments: dict[str, str]) -> list[Any]:
    types, levels, units, targets = (_labels(PowerType.choices), _labels(ExerciseLevel.choices),
                                     _labels(Unit.choices), _labels(ServiceTarget.choices))
    steps = [Step(s.get("step", ""), s.get("duty", ""), s.get("accountability", "")) for s in version.responsibilities]
    duties, accountability = format_steps(steps)
    bases = [Basis(p.law.title, p.article, p.text) for p in related["bases"]]
    adjustment = version.adjustment
    return [
        version.code, version.name, f"{version.power_type} {types.get(version.power_type, '')}",
        version.item.parent.code if version.item.parent is not None else "", version.implementation_code,
        version.department.name, version.handling_office, "、".join(departments.get(c, c) for c in related["co"]),
        levels.get(version.exercise_level, ""), format_bases(bases), version.statutory_limit,
        units.get(version.statutory_unit, ""), version.promised_limit, units.get(version.promised_unit, ""),
        "是" if version.charges else "否", version.fee_standard, version.fee_basis,
        "是" if version.needs_intermediary else "否", "、".join(related["intermediaries"]),
        "、".join(targets.get(t, t) for t in version.service_targets), version.supervision_phone, duties,
        accountability, version.remarks, "", version.effective_from.isoformat() if version.effective_from else "",
        format_document(adjustment.document_title, adjustment.document_number), "", "",
    ]


def power_json(version: PowerVersion, related: dict[str, Any], departments: dict[str, str]) -> dict[str, Any]:
    """One power item as open data: the GB/T 39046-2020 fields in English keys, the values as listed."""
    status, ended_on = _status(version)
    steps = version.responsibilities or standard_steps(version.power_type)
    return {
        "id": version.item_id,
        "basic_code": version.code,
        "implementation_code": version.implementation_code,
        "name": version.name,
        "type": {"code": version.power_type, "name": str(PowerType(version.power_type).label)},
        "parent_code": version.item.parent.code if version.item.parent is not None else None,
        "department": {"code": version.department.code, "name": version.department.name,
                       "credit_code": version.department.credit_code},
        "handling_office": version.handling_office,
        "co_departments": [{"code": c, "name": departments.get(c, c)} for c in related["co"]],
        "exercise_level": str(ExerciseLevel(version.exercise_level).label),
        "legal_basis": [{"law": p.law.title, "article": p.article, "text": p.text} for p in related["bases"]],
        "statutory_time_limit": ({"length": version.statutory_limit, "unit": version.statutory_unit}
                                 if version.statutory_limit else None),
        "promised_time_limit": ({"length": version.promised_limit, "unit": version.promised_unit}
                                if version.promised_limit else None),
        "charges": version.charges,
        "fee_standard": version.fee_standard,
        "fee_basis": version.fee_basis,
        "needs_intermediary_service": version.needs_intermediary,
        "intermediary_services": related["intermediaries"],
        "service_targets": version.service_target_labels(),
        "supervision_phone": version.supervision_phone,
        "responsibilities": steps,
        "responsibilities_are_standard": not version.responsibilities,
        "remarks": version.remarks,
        "status": status,
        "effective_from": version.effective_from.isoformat() if version.effective_from else None,
        "effective_to": ended_on or None,
        "document_basis": format_document(version.adjustment.document_title, version.adjustment.document_number),
    }


def _simple_rows(catalogue: str, versions: Any) -> Iterator[tuple[Any, list[Any]]]:
    qs = versions.select_related("department", "adjustment", "ended_by")
    if catalogue == Catalogue.APPROVAL:
        qs = qs.select_related("power")
    fees, categories = _labels(FeeNature.choices), _labels(ApprovalCategory.choices)
    for batch in _batches(qs):
        for v in batch:
            document = format_document(v.adjustment.document_title, v.adjustment.document_number)
            start = v.effective_from.isoformat() if v.effective_from else ""
            if isinstance(v, IntermediaryVersion):
                yield v, [v.code, v.name, v.department.name, v.provider, v.basis, fees.get(v.fee_nature, ""),
                          v.fee_basis, v.remarks, start, document]
            else:
                assert isinstance(v, ApprovalVersion)
                yield v, [v.code, v.name, v.department.name, categories.get(v.category, ""), v.approval_object,
                          v.basis, v.power.code if v.power is not None else "", v.remarks, start, document]


def _department_names() -> dict[str, str]:
    from yifa.org.models import Department

    return dict(Department.objects.values_list("code", "name"))


def rows_for(catalogue: str, versions: Any, *, with_status: bool) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the rows of one list's export."""
    if catalogue == Catalogue.POWER:
        header = list(COLUMNS)
        departments = _department_names()
        pairs: Iterable[tuple[Any, list[Any]]] = (
            (v, power_row(v, related, departments)) for v, related in power_records(versions))
    else:
        header = list(INTERMEDIARY_COLUMNS if catalogue == Catalogue.INTERMEDIARY else APPROVAL_COLUMNS)
        pairs = _simple_rows(catalogue, versions)
    if with_status:
        header += STATUS_COLUMNS

    def rows() -> Iterator[list[Any]]:
        for version, row in pairs:
            yield [*row, *_status(version)] if with_status else row

    return header, rows()


def write_xlsx(header: list[str], rows: Iterable[list[Any]], out: Any, *, sheet_title: str = "权力清单",
               help_sheet: bool = True) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.freeze_panes = "C2"
    sheet.append(header_cells)
    # Codes are text: typed as numbers they would lose their leading zeros.
    text_columns = {i for i, name in enumerate(header) if name in ("基本编码", "主项编码", "实施编码", "编码")}
    for row in rows:
        values: list[Any] = list(row)
        for i in text_columns:
            cell = WriteOnlyCell(sheet, value=values[i])
            cell.number_format = "@"
            values[i] = cell
        sheet.append(values)
    if help_sheet:
        guide = workbook.create_sheet("填写说明")
        guide.append([WriteOnlyCell(guide, value=_("列名")), WriteOnlyCell(guide, value=_("填写要求"))])
        wrap = Alignment(wrap_text=True, vertical="top")
        for name in header:
            cell = WriteOnlyCell(guide, value=str(COLUMN_HELP.get(name, "")))
            cell.alignment = wrap
            guide.append([name, cell])
    workbook.save(out)


def write_csv(header: list[str], rows: Iterable[list[Any]], out: Any) -> None:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def json_chunks(versions: Any, *, as_of: dt.date, filters: dict[str, Any]) -> Iterator[str]:
    """The power catalogue as open data, streamed: one record per power item in force on `as_of`."""
    departments = _department_names()
    head = {
        "title": _("肇东市权责清单（开放数据）"),
        "publisher": _("肇东市人民政府"),
        "standard": "GB/T 39046-2020",
        "as_of": as_of.isoformat(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "filters": filters,
    }
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "items": ['
    first = True
    count = 0
    for version, related in power_records(versions):
        yield ("\n" if first else ",\n") + json.dumps(power_json(version, related, departments), ensure_ascii=False)
        first = False
        count += 1
    yield f'\n ],\n "count": {count}\n}}\n'


def export(catalogue: str, fmt: str, out: Any, *, as_of: dt.date, department: Any = None, power_type: str | None = None,
           status: str = ListStatus.IN_FORCE) -> int:
    """Write one list as of a date to `out` (binary for xlsx, text for csv and json). Returns the row count."""
    versions = listed(catalogue, as_of, status=status, department=department, power_type=power_type)
    count = versions.count()
    if fmt == "json":
        if catalogue != Catalogue.POWER:
            header, rows = rows_for(catalogue, versions, with_status=True)
            json.dump({"as_of": as_of.isoformat(), "items": [dict(zip(header, r, strict=True)) for r in rows]}, out,
                      ensure_ascii=False, default=str)
            return count
        filters = {"department": getattr(department, "code", None), "type": power_type, "status": status}
        for chunk in json_chunks(versions, as_of=as_of, filters=filters):
            out.write(chunk)
        return count
    header, rows = rows_for(catalogue, versions, with_status=status != ListStatus.IN_FORCE)
    if fmt == "xlsx":
        titles: dict[str, str] = {Catalogue.POWER: "权力清单", Catalogue.INTERMEDIARY: "中介服务清单",
                 Catalogue.APPROVAL: "行政审批项目目录"}
        write_xlsx(header, rows, out, sheet_title=titles[catalogue], help_sheet=catalogue == Catalogue.POWER)
    else:
        write_csv(header, rows, out)
    return count


def template_bytes() -> bytes:
    """The empty import template (the power list's columns and the filling instructions)."""
    buffer = io.BytesIO()
    write_xlsx(list(COLUMNS), [], buffer)
    return buffer.getvalue()


def export_filename(catalogue: str, fmt: str, as_of: dt.date, department: Any = None) -> str:
    names: dict[str, str] = {Catalogue.POWER: "quanze-qingdan", Catalogue.INTERMEDIARY: "zhongjie-fuwu",
                             Catalogue.APPROVAL: "shenpi-xiangmu"}
    parts = [names[catalogue], department.code if department is not None else "zhaodong", as_of.isoformat()]
    return "-".join(parts) + f".{fmt}"
