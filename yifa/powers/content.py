"""What a list entry says, apart from its dates: one plain value per catalogue, used everywhere.

The back-office form, the Excel importer and the demo loader all produce these values; the
writers turn them into version rows, the exporter back into rows. Their `digest()` is what makes
re-importing an unchanged row a no-op.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


def _clean(value: Any) -> str:
    return str(value or "").strip()


@dataclass(frozen=True)
class Basis:
    law: str
    article: str
    text: str = ""

    def digest(self) -> str:
        return hashlib.sha1(f"{self.law}\x1f{self.article}\x1f{self.text}".encode()).hexdigest()

    def citation(self) -> str:
        return f"{self.law}{self.article}"


@dataclass(frozen=True)
class Step:
    step: str
    duty: str = ""
    accountability: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"step": self.step, "duty": self.duty, "accountability": self.accountability}


@dataclass(frozen=True)
class PowerContent:
    code: str
    name: str
    power_type: str
    implementation_code: str = ""
    parent_code: str = ""
    handling_office: str = ""
    co_department_codes: tuple[str, ...] = ()
    exercise_level: str = "4"
    bases: tuple[Basis, ...] = ()
    statutory_limit: int | None = None
    statutory_unit: str = ""
    promised_limit: int | None = None
    promised_unit: str = ""
    charges: bool = False
    fee_standard: str = ""
    fee_basis: str = ""
    needs_intermediary: bool = False
    intermediary_codes: tuple[str, ...] = ()
    service_targets: tuple[str, ...] = ()
    supervision_phone: str = ""
    responsibilities: tuple[Step, ...] = ()
    remarks: str = ""

    def digest(self) -> str:
        # Field by field, not asdict(): this runs once per row of a 100,000-row import. Order does not
        # matter for the sets of departments, services and targets.
        data = [
            self.code, self.name, self.power_type, self.implementation_code, self.parent_code, self.handling_office,
            sorted(self.co_department_codes), self.exercise_level, [[b.law, b.article, b.text] for b in self.bases],
            self.statutory_limit, self.statutory_unit, self.promised_limit, self.promised_unit, self.charges,
            self.fee_standard, self.fee_basis, self.needs_intermediary, sorted(self.intermediary_codes),
            sorted(self.service_targets), self.supervision_phone,
            [[s.step, s.duty, s.accountability] for s in self.responsibilities], self.remarks,
        ]
        return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class IntermediaryContent:
    code: str
    name: str
    provider: str = ""
    basis: str = ""
    fee_nature: str = "market"
    fee_basis: str = ""
    remarks: str = ""

    def digest(self) -> str:
        return hashlib.sha1(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class ApprovalContent:
    code: str
    name: str
    category: str = "licensing"
    approval_object: str = ""
    basis: str = ""
    power_code: str = ""
    remarks: str = ""

    def digest(self) -> str:
        return hashlib.sha1(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


Content = PowerContent | IntermediaryContent | ApprovalContent


@dataclass
class Proposal:
    """One adjustment to propose: what changes, from when, on which document."""

    catalogue: str
    kind: str
    code: str
    effective_date: dt.date
    content: Content | None = None  # None for 取消 and 下放
    document_number: str = ""
    document_title: str = ""
    decided_by: str = "city"
    counterpart: str = ""
    target_department_code: str = ""
    reason: str = ""
    # Where it came from, for messages: a spreadsheet row number, or None for a form.
    row: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def power_content_of(version: Any, *, bases: list[Basis], co_codes: list[str], intermediary_codes: list[str],
                     parent_code: str = "") -> PowerContent:
    """The content of a stored power version (its related rows passed in, so callers can prefetch)."""
    return PowerContent(
        code=version.code, name=version.name, power_type=version.power_type,
        implementation_code=version.implementation_code, parent_code=parent_code,
        handling_office=version.handling_office, co_department_codes=tuple(co_codes),
        exercise_level=version.exercise_level, bases=tuple(bases),
        statutory_limit=version.statutory_limit, statutory_unit=version.statutory_unit,
        promised_limit=version.promised_limit, promised_unit=version.promised_unit,
        charges=version.charges, fee_standard=version.fee_standard, fee_basis=version.fee_basis,
        needs_intermediary=version.needs_intermediary, intermediary_codes=tuple(intermediary_codes),
        service_targets=tuple(version.service_targets or ()), supervision_phone=version.supervision_phone,
        responsibilities=tuple(Step(_clean(s.get("step")), _clean(s.get("duty")), _clean(s.get("accountability")))
                               for s in (version.responsibilities or [])),
        remarks=version.remarks,
    )


def intermediary_content_of(version: Any) -> IntermediaryContent:
    return IntermediaryContent(code=version.code, name=version.name, provider=version.provider, basis=version.basis,
                               fee_nature=version.fee_nature, fee_basis=version.fee_basis, remarks=version.remarks)


def approval_content_of(version: Any, power_code: str = "") -> ApprovalContent:
    return ApprovalContent(code=version.code, name=version.name, category=version.category,
                           approval_object=version.approval_object, basis=version.basis, power_code=power_code,
                           remarks=version.remarks)
