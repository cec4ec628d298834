"""Checking proposed adjustments against the lists as they stand, before anything is written.

Every problem names where it came from (the spreadsheet row and column, or the form field) and
says why, in the user's language. `check_proposals` reads each list of the department once, so
it costs the same for one proposal from a form as per row for 100,000 rows from a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from yifa.calendar.periods import Unit
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from .content import ApprovalContent, IntermediaryContent, PowerContent, Proposal
from .models import (
    VERSION_MODELS,
    VERSIONING_KINDS,
    Adjustment,
    AdjustmentKind,
    ApprovalCategory,
    Catalogue,
    DecidedBy,
    ExerciseLevel,
    FeeNature,
    Item,
    PowerType,
    ServiceTarget,
)

K = AdjustmentKind
BASIC_CODE = re.compile(r"^\d{10}$")
ITEM_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
PHONE = re.compile(r"^[0-9()（）+\-—、,， ]{5,40}$")
# Longest time limit a list may state; beyond this a typo is likelier than a statute.
MAX_LIMIT = 3660
# Looked up for every row of an import: TextChoices.values builds a new list each time.
POWER_TYPES = frozenset(PowerType.values)
LEVELS = frozenset(ExerciseLevel.values)
TARGETS = frozenset(ServiceTarget.values)
UNITS = frozenset(Unit.values)
KINDS = frozenset(K.values)
DECIDED_BY = frozenset(DecidedBy.values)
FEE_NATURES = frozenset(FeeNature.values)
CATEGORIES = frozenset(ApprovalCategory.values)


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("第 %(row)s 行") % {"row": self.row})
        if self.column:
            where.append(_("“%(column)s”列") % {"column": self.column})
        return ("，".join(where) + "：" if where else "") + self.message


class ProposalRefused(ActionRefused):
    """Some proposals are wrong; nothing was written. `problems` lists each, with its row and column."""

    MAX_LISTED = 200

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[: self.MAX_LISTED])
        more = len(problems) - self.MAX_LISTED
        if more > 0:
            shown += "\n" + _("另有 %(n)s 处错误未列出。") % {"n": more}
        super().__init__(_("有 %(n)s 处错误，未导入任何内容：") % {"n": len(problems)} + "\n" + shown)


@dataclass
class ItemState:
    item_id: int
    code: str
    parent_id: int | None
    open_version: tuple[int, dt.date, str] | None = None  # (version id, effective_from, content hash)
    last_end: dt.date | None = None
    pending: dict[str, Any] | None = None  # the pending adjustment: id, change_request_id, kind, content_hash

    @property
    def in_force(self) -> bool:
        return self.open_version is not None


@dataclass
class ListState:
    catalogue: str
    department: Department
    items: dict[str, ItemState] = field(default_factory=dict)


def load_state(catalogue: str, department: Department) -> ListState:
    """The department's items of one list: in force or not, and what is pending for each (4 queries)."""
    state = ListState(catalogue, department)
    for item_id, code, parent_id in Item.objects.filter(catalogue=catalogue, department=department).values_list(
            "id", "code", "parent_id"):
        state.items[code] = ItemState(item_id, code, parent_id)
    by_id = {s.item_id: s for s in state.items.values()}
    versions = VERSION_MODELS[catalogue].objects.filter(item__catalogue=catalogue, item__department=department)
    for item_id, version_id, start, digest in versions.filter(
            effective_from__isnull=False, effective_to__isnull=True).values_list(
            "item_id", "id", "effective_from", "content_hash"):
        if item_id in by_id:
            by_id[item_id].open_version = (version_id, start, digest)
    for item_id, last_end in versions.filter(effective_to__isnull=False).values("item_id").annotate(
            last=Max("effective_to")).values_list("item_id", "last"):
        if item_id in by_id:
            by_id[item_id].last_end = last_end
    pending_hash = dict(versions.filter(effective_from__isnull=True).values_list("adjustment_id", "content_hash"))
    for values in Adjustment.objects.filter(item__catalogue=catalogue, item__department=department,
                                            applied_at__isnull=True).values(
            "id", "item_id", "change_request_id", "kind", "effective_date"):
        row: dict[str, Any] = dict(values)
        if row["item_id"] in by_id:
            row["content_hash"] = pending_hash.get(row["id"])
            by_id[row["item_id"]].pending = row
    return state


@dataclass
class References:
    """Departments and intermediary services that proposals may name, looked up once."""

    departments: dict[str, Department]
    intermediaries: dict[str, int]  # code -> item id, of intermediary services in force
    powers_in_force: set[str]


def load_references(department: Department) -> References:
    from .selectors import in_force

    departments = {d.code: d for d in Department.objects.filter(is_active=True)}
    intermediaries = dict(in_force(Catalogue.INTERMEDIARY).values_list("code", "item_id"))
    powers = set(in_force(Catalogue.POWER).filter(department=department).values_list("code", flat=True))
    return References(departments, intermediaries, powers)


def implementation_code(department: Department, level: str, code: str) -> str:
    """实施编码: the implementing department's 统一社会信用代码, the 行使层级 digit, the basic code."""
    return f"{department.credit_code}{level}{code}"


def _check_power(content: PowerContent, department: Department, refs: References, codes_here: set[str],
                 add: Any) -> None:
    code_ok = BASIC_CODE.match(content.code) is not None
    if not code_ok:
        add(_("基本编码“%(code)s”应为 10 位数字：事项类型代码 2 位、主项编码 5 位、子项编码 3 位（无子项为 000）。")
            % {"code": content.code}, "基本编码")
    elif content.power_type in POWER_TYPES and content.code[:2] != content.power_type:
        add(_("基本编码“%(code)s”的前两位应为事项类型代码 %(type)s（%(label)s）。")
            % {"code": content.code, "type": content.power_type, "label": PowerType(content.power_type).label},
            "基本编码")
    if content.power_type not in POWER_TYPES:
        add(_("未知的事项类型“%(value)s”。可用的类型：%(allowed)s。") % {
            "value": content.power_type, "allowed": "、".join(f"{k} {v}" for k, v in PowerType.choices)}, "事项类型")
    if not content.name:
        add(_("事项名称不能为空。"), "事项名称")
    elif len(content.name) > 200:
        add(_("事项名称超过 200 字。"), "事项名称")
    if content.exercise_level not in LEVELS:
        add(_("未知的行使层级“%(value)s”。可用的层级：%(allowed)s。") % {
            "value": content.exercise_level, "allowed": "、".join(str(v) for v in ExerciseLevel.labels)}, "行使层级")
    elif code_ok:
        expected = implementation_code(department, content.exercise_level, content.code)
        if content.implementation_code and content.implementation_code != expected:
            add(_("实施编码“%(given)s”与实施主体和基本编码不符，应为 %(expected)s（统一社会信用代码 + 行使层级代码 + 基本编码），也可留空自动生成。")
                % {"given": content.implementation_code, "expected": expected}, "实施编码")
    if content.parent_code:
        if content.parent_code == content.code:
            add(_("主项编码不能是事项自己的编码。"), "主项编码")
        elif content.parent_code not in codes_here and content.parent_code not in refs.powers_in_force:
            add(_("主项“%(code)s”不在本部门的权力清单中。") % {"code": content.parent_code}, "主项编码")
        elif code_ok and content.parent_code[:7] != content.code[:7]:
            add(_("子项的基本编码应与主项“%(code)s”的前 7 位相同。") % {"code": content.parent_code}, "基本编码")
    elif code_ok and not content.code.endswith("000"):
        add(_("基本编码末 3 位不是 000，表示子项：请填写主项编码。"), "主项编码")
    for code in content.co_department_codes:
        if code not in refs.departments:
            add(_("未知的联办机构“%(value)s”。请填写部门代码或部门全称。") % {"value": code}, "联办机构")
        elif code == department.code:
            add(_("联办机构不能是实施主体本身。"), "联办机构")
    if not content.bases:
        add(_("设定依据不能为空：请至少填写一条法律法规及条款。"), "设定依据")
    for basis in content.bases:
        if not basis.law or not basis.article:
            add(_("设定依据“%(value)s”须写明法律法规名称和条款，例如：《中华人民共和国行政许可法》第三十二条。")
                % {"value": basis.citation()}, "设定依据")
    for label, unit_column, limit, unit in (
            ("法定办结时限", "法定时限单位", content.statutory_limit, content.statutory_unit),
            ("承诺办结时限", "承诺时限单位", content.promised_limit, content.promised_unit)):
        if limit is not None:
            if not 1 <= limit <= MAX_LIMIT:
                add(_("%(what)s应在 1 到 %(max)s 之间。") % {"what": _(label), "max": MAX_LIMIT}, label)
            if unit not in UNITS:
                add(_("%(what)s须注明单位：工作日或日。") % {"what": _(label)}, unit_column)
    if (content.statutory_limit and content.promised_limit and content.statutory_unit == content.promised_unit
            and content.promised_limit > content.statutory_limit):
        add(_("承诺办结时限（%(promised)s）不能长于法定办结时限（%(statutory)s）。")
            % {"promised": content.promised_limit, "statutory": content.statutory_limit}, "承诺办结时限")
    if content.charges and not content.fee_basis:
        add(_("收费的事项须写明收费依据。"), "收费依据")
    if content.intermediary_codes and not content.needs_intermediary:
        add(_("填写了中介服务事项，“是否存在中介服务”应为“是”。"), "是否存在中介服务")
    if content.needs_intermediary and not content.intermediary_codes:
        add(_("存在中介服务的，须填写中介服务事项编码（见中介服务清单）。"), "中介服务事项")
    for code in content.intermediary_codes:
        if code not in refs.intermediaries:
            add(_("中介服务事项“%(code)s”不在中介服务清单中。") % {"code": code}, "中介服务事项")
    for target in content.service_targets:
        if target not in TARGETS:
            add(_("未知的服务对象“%(value)s”。") % {"value": target}, "服务对象")
    if content.supervision_phone and not PHONE.match(content.supervision_phone):
        add(_("监督电话“%(value)s”不是有效的电话号码。") % {"value": content.supervision_phone}, "监督电话")
    steps = [s.step for s in content.responsibilities]
    if len(steps) != len(set(steps)):
        add(_("责任事项的环节名称重复。"), "责任事项")
    for step in content.responsibilities:
        if not step.step:
            add(_("责任事项须写明环节名称，例如“受理：……”。"), "责任事项")


def _check_intermediary(content: IntermediaryContent, refs: References, current: ItemState | None, add: Any) -> None:
    if not ITEM_CODE.match(content.code):
        add(_("编码“%(code)s”只能由字母、数字、点、连字符组成，不超过 40 位。") % {"code": content.code}, "编码")
    # Powers name the intermediary services they need by code, so a code means one service city-wide.
    holder = refs.intermediaries.get(content.code)
    if holder is not None and (current is None or holder != current.item_id):
        add(_("编码“%(code)s”已被其他部门的中介服务事项使用。") % {"code": content.code}, "编码")
    if not content.name:
        add(_("事项名称不能为空。"), "事项名称")
    if content.fee_nature not in FEE_NATURES:
        add(_("未知的收费性质“%(value)s”。") % {"value": content.fee_nature}, "收费性质")


def _check_approval(content: ApprovalContent, refs: References, add: Any) -> None:
    if not ITEM_CODE.match(content.code):
        add(_("编码“%(code)s”只能由字母、数字、点、连字符组成，不超过 40 位。") % {"code": content.code}, "编码")
    if not content.name:
        add(_("项目名称不能为空。"), "项目名称")
    if content.category not in CATEGORIES:
        add(_("未知的审批类别“%(value)s”。") % {"value": content.category}, "审批类别")
    if content.power_code and content.power_code not in refs.powers_in_force:
        add(_("对应的权力事项“%(code)s”不在本部门的权力清单中。") % {"code": content.power_code}, "对应权力事项")


def check_proposals(
    proposals: Iterable[Proposal], state: ListState, refs: References, *, request_id: int | None,
) -> list[Problem]:
    """Everything wrong with these proposals, or an empty list. Reads nothing: state and refs are loaded."""
    problems: list[Problem] = []
    seen: dict[str, int | None] = {}
    codes_here = {p.code for p in proposals if p.kind in VERSIONING_KINDS}
    department = state.department
    for proposal in proposals:
        def add(message: str, column: str = "", proposal: Proposal = proposal) -> None:
            problems.append(Problem(message, proposal.row, column))

        kind = proposal.kind
        if proposal.code in seen:
            first = seen[proposal.code]
            add(_("编码“%(code)s”与第 %(row)s 行重复。") % {"code": proposal.code, "row": first}
                if first is not None else _("编码“%(code)s”重复。") % {"code": proposal.code}, "基本编码")
            continue
        seen[proposal.code] = proposal.row
        if kind not in KINDS:
            add(_("未知的调整类型“%(value)s”。") % {"value": kind}, "调整类型")
            continue
        if proposal.decided_by not in DECIDED_BY:
            add(_("未知的决定机关层级“%(value)s”。") % {"value": proposal.decided_by}, "决定机关层级")
        current = state.items.get(proposal.code)
        if current is not None and current.pending is not None and current.pending["change_request_id"] != request_id:
            add(_("该事项已有一项调整在审查中，审查结束前不能再提出调整。"), "基本编码")
            continue
        if kind in (K.ADD, K.TAKE_OVER):
            if current is not None and current.in_force:
                add(_("事项“%(code)s”已在清单中，修改请用“调整”。") % {"code": proposal.code}, "调整类型")
            elif current is not None and current.last_end and proposal.effective_date < current.last_end:
                add(_("该事项于 %(date)s 终止，重新列入的生效日期不能早于该日。") % {"date": current.last_end}, "生效日期")
        else:
            if current is None or not current.in_force:
                add(_("事项“%(code)s”不在本部门现行清单中，不能%(kind)s。")
                    % {"code": proposal.code, "kind": K(kind).label}, "基本编码")
                continue
            assert current.open_version is not None
            if proposal.effective_date <= current.open_version[1]:
                add(_("生效日期须晚于现行版本的生效日期 %(date)s。") % {"date": current.open_version[1]}, "生效日期")
        implementer = department
        if kind == K.TRANSFER:
            target = refs.departments.get(proposal.target_department_code)
            if target is None:
                add(_("请选择移交至的部门。"), "移交至")
                continue
            if target.pk == department.pk:
                add(_("不能移交给本部门。"), "移交至")
                continue
            implementer = target
        if kind in VERSIONING_KINDS:
            content = proposal.content
            if content is None or content.code != proposal.code:
                add(_("缺少事项内容。"))
                continue
            if isinstance(content, PowerContent):
                _check_power(content, implementer, refs, codes_here, add)
            elif isinstance(content, IntermediaryContent):
                _check_intermediary(content, refs, current, add)
            elif isinstance(content, ApprovalContent):
                _check_approval(content, refs, add)
    return problems


def check_document_basis(proposals: Iterable[Proposal]) -> list[Problem]:
    """An adjustment cannot take effect without its document basis (文件依据)."""
    return [
        Problem(_("调整须有文件依据（文号或文件名称），否则不能生效。"), p.row, "文件依据")
        for p in proposals if not (p.document_number.strip() or p.document_title.strip())
    ]
