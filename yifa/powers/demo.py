"""Zhaodong 2016 demo: the 34 departments' 3209 powers, the intermediary list and the approval catalogue.

Everything is loaded as records and adjustments, through the same actions the back office uses
(proposed in change requests and approved by the system job), so that the selectors compute the
seed's figures: 152 items taken over and 21 cancelled correspondingly, 102 approval items kept and
180 cancelled, 3209 powers in 34 departments, 22 intermediary services reviewed, 18 kept, 4
cancelled. Idempotent: a request already loaded (found by department and title) is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER
from yifa.org.models import Department

from . import actions
from .content import ApprovalContent, Basis, IntermediaryContent, PowerContent, Proposal, Step
from .demo_data import CANCELLATION_SOURCE, FIELDS, INTERMEDIARIES, REAL_POWERS, REAL_STEPS, TAKEOVER_SOURCES
from .demo_patterns import LICENSING, MEASURES, PENALTIES
from .models import AdjustmentKind, Catalogue, ChangeRequest, PowerType
from .selectors import in_force, pillar_figures

K = AdjustmentKind
BASE_POWERS = 3209 - 152 + 21  # in force at the end of 2016 = base + taken over − cancelled
TAKEN_OVER = 152
CANCELLED_CORRESPONDINGLY = 21
APPROVAL_ITEMS, APPROVAL_CANCELLED = 282, 180
APPROVAL_KEPT = APPROVAL_ITEMS - APPROVAL_CANCELLED

LIST_DATE = dt.date(2016, 6, 30)
LIST_DOCUMENT = ("关于公布肇东市政府部门权力清单和责任清单的通知", "肇政发〔2016〕18号")
REVIEW_NOTICE = ("关于梳理规范行政权力和责任清单的通知", "肇政办发〔2016〕8号")
INTERMEDIARY_DATE = dt.date(2015, 12, 1)
INTERMEDIARY_DOCUMENT = ("关于公布肇东市行政权力中介服务事项清单的通知", "肇政办发〔2015〕30号")
INTERMEDIARY_CANCEL = (dt.date(2016, 7, 15), "关于清理规范行政权力中介服务事项的通知", "肇政办发〔2016〕21号")
APPROVAL_DATE = dt.date(2015, 6, 30)
APPROVAL_DOCUMENT = ("关于公布肇东市行政审批项目目录的通知", "肇政发〔2015〕16号")
APPROVAL_CANCEL = (dt.date(2016, 6, 30), "关于取消和调整一批行政审批项目的决定", "肇政发〔2016〕20号")

TITLE_INTERMEDIARY = "2015年行政权力中介服务事项清单"
TITLE_POWERS = "2016年权力清单和责任清单梳理"
TITLE_APPROVALS = "2015年行政审批项目目录"
TITLE_ADJUSTMENTS = "2016年承接下放事项、取消事项和清理调整"

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–999 as a statute numbers its articles: 十二, 一百零五, 一百二十."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if tens == 0 and units:
            return out + "零" + DIGITS[units]
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if units:
        out += DIGITS[units]
    return out


def _departments() -> dict[str, Department]:
    return {d.code: d for d in Department.objects.filter(code__in=FIELDS)}


def _done(department: Department, title: str) -> bool:
    return ChangeRequest.objects.filter(department=department, title=title).exists()


def _dated(request: ChangeRequest, when: dt.date, number: int) -> None:
    """The demo's history: the request was made and approved when the city did it, not when loaded."""
    at = timezone.make_aware(dt.datetime.combine(when, dt.time(10, 0)))
    ChangeRequest.objects.filter(pk=request.pk).update(
        opened_at=at - dt.timedelta(days=20), submitted_at=at - dt.timedelta(days=10), closed_at=at,
        reference=f"QDTZ-{when.year}-{request.department.code}-{number:03d}")


def _load(department: Department, title: str, proposals: list[Proposal], when: dt.date, number: int) -> int:
    if not proposals or _done(department, title):
        return 0
    request = actions.propose_and_approve(actor=DEMO_LOADER, department=department, proposals=proposals, title=title,
                                          opinion=_("经合法性审查，同意。"))
    _dated(request, when, number)
    return len(proposals)


# --- building the content ------------------------------------------------------------------------------


def _steps(department: str, code: str) -> tuple[Step, ...]:
    return tuple(Step(*s) for s in REAL_STEPS.get((department, code), []))


def _real_power(entry: tuple, phone: str) -> PowerContent:
    (dept, code, name, power_type, office, bases, statutory, promised, fee, intermediaries, targets, co) = entry
    return PowerContent(
        code=code, name=name, power_type=power_type, handling_office=office, co_department_codes=tuple(co),
        bases=tuple(Basis(law, article, text) for law, article, text in bases),
        statutory_limit=statutory[0] if statutory else None, statutory_unit=statutory[1] if statutory else "",
        promised_limit=promised[0] if promised else None, promised_unit=promised[1] if promised else "",
        charges=bool(fee), fee_standard=fee, fee_basis="《黑龙江省行政事业性收费项目目录》" if fee else "",
        needs_intermediary=bool(intermediaries), intermediary_codes=tuple(intermediaries), service_targets=tuple(targets),
        supervision_phone=phone, responsibilities=_steps(dept, code),
    )


OFFICE_BY_TYPE = {"01": "行政审批办公室", "02": "综合执法大队", "03": "综合执法大队", "06": "监督检查股"}


def _pattern(department: Department, power_type: str, seq: int, name: str, law: str, article: str,
             parent_code: str = "", sub: int = 0) -> PowerContent:
    """An item an article of law sets (demo_patterns): a licence, a penalty, a coercive measure or an inspection."""
    code = parent_code[:7] + f"{sub:03d}" if parent_code else f"{power_type}{seq:05d}000"
    # No time limit: the 2016 行政处罚法 (1996, amended 2009) set none for a penalty case.
    return PowerContent(
        code=code, name=name, power_type=power_type, parent_code=parent_code,
        handling_office=OFFICE_BY_TYPE.get(power_type, "综合执法大队"), bases=(Basis(law, article),),
        service_targets=("natural_person", "enterprise"), supervision_phone=department.phone,
    )


def _allocation(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` split in proportion to `weights`, exactly (largest remainders)."""
    whole = sum(weights.values())
    shares = {k: total * w / whole for k, w in weights.items()}
    counts = {k: int(v) for k, v in shares.items()}
    for k in sorted(shares, key=lambda k: shares[k] - counts[k], reverse=True)[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def _pool(department: Department) -> tuple[list[PowerContent], list[PowerContent]]:
    """A department's items from the laws: the penalties and measures (main items), and the sub-items (子项) a penalty
    splits into by the kinds of penalty its article sets (警告, 罚款, 吊销许可证件 …)."""
    mains: list[PowerContent] = []
    subs: list[PowerContent] = []
    for seq, (name, law, article, kinds) in enumerate(PENALTIES.get(department.code, []), start=201):
        main = _pattern(department, "02", seq, name, law, article)
        mains.append(main)
        # Only the police detain (行政处罚法 1996 第十六条): an article of another department that names 拘留 leaves it to them.
        kinds = tuple(kind for kind in kinds if kind != "行政拘留" or department.code == "gaj")
        if len(kinds) > 1:
            subs.extend(_pattern(department, "02", 0, f"{name}（{kind}）", law, article, parent_code=main.code, sub=n)
                        for n, kind in enumerate(kinds, start=1))
    for seq, (power_type, name, law, article) in enumerate(MEASURES.get(department.code, []), start=201):
        mains.append(_pattern(department, power_type, seq, name, law, article))
    return mains, subs


def same_licence(name: str) -> str:
    """A licence's name without the act of issuing it: 取水许可证核发 and 取水许可 are one licence."""
    return re.sub(r"(证件|证)?(核发)?$", "", name)


def _licences(departments: dict[str, Department], real: dict[str, list[PowerContent]]) -> dict[str, list[PowerContent]]:
    """The licences a county's department issues (demo_patterns.LICENSING, level "county") that the written-out items
    do not already list, as power items (type 01), as many as the approval catalogue keeps beside the written-out
    licences (`APPROVAL_KEPT`): a department with few gets few."""
    pool: dict[str, list[PowerContent]] = {}
    for code, department in departments.items():
        cited = {(b.law, b.article) for c in real[code] for b in c.bases}
        names = {same_licence(c.name) for c in real[code]}
        pool[code] = [_pattern(department, "01", seq, name, law, article)
                      for seq, (name, law, article, level, _renewable) in enumerate(LICENSING.get(code, []), start=201)
                      if level == "county" and (law, article) not in cited and same_licence(name) not in names]
    written = sum(1 for code in departments for c in real[code] if c.power_type == PowerType.LICENSING)
    wanted = APPROVAL_KEPT - written
    assert sum(len(v) for v in pool.values()) >= wanted, "too few licences in demo_patterns for the approval catalogue"
    counts = _allocation(wanted, {code: len(items) for code, items in pool.items()})
    return {code: items[: counts[code]] for code, items in pool.items()}


def _plan_powers(departments: dict[str, Department]) -> tuple[dict[str, list[PowerContent]],
                                                              dict[str, list[PowerContent]]]:
    """Every department's base list (its written-out items, its licences, then the laws' other items up to its share),
    and the items it took over in 2016 (the last of its share)."""
    real: dict[str, list[PowerContent]] = defaultdict(list)
    for entry in REAL_POWERS:
        if entry[0] in departments:
            real[entry[0]].append(_real_power(entry, departments[entry[0]].phone))
    licences = _licences(departments, real)
    pools = {code: _pool(department) for code, department in departments.items()}
    for code in departments:
        # An article a written-out item already cites is that item (食品安全法 第一百二十二条 once, not twice).
        cited = {(b.law, b.article) for c in real[code] for b in c.bases}
        mains = [c for c in pools[code][0] if (c.bases[0].law, c.bases[0].article) not in cited]
        kept = {c.code for c in mains}
        pools[code] = (mains, [c for c in pools[code][1] if c.parent_code in kept])
        real[code].extend(licences[code])
    available = {code: len(real[code]) + len(pools[code][0]) + len(pools[code][1]) for code in departments}
    # Every department keeps its written-out items and licences and at least a few of the laws' other items.
    least = {code: len(real[code]) + min(len(pools[code][0]), 5) for code in departments}
    extra = _allocation(BASE_POWERS + TAKEN_OVER - sum(least.values()),
                        {code: available[code] - least[code] for code in departments})
    counts = {code: least[code] + extra[code] for code in departments}
    taken = _allocation(TAKEN_OVER, {code: max(counts[code] - least[code], 0) for code in departments})
    plan: dict[str, list[PowerContent]] = {}
    takeovers: dict[str, list[PowerContent]] = {}
    for code in departments:
        mains, subs = pools[code]
        # Main items first; sub-items only as far as the share needs them, so each has its main item in the list.
        items = [*real[code], *mains, *subs][: counts[code]]
        base, later = items[: len(items) - taken[code]], items[len(items) - taken[code]:]
        listed = {c.code for c in base} | {c.code for c in later}
        plan[code] = sorted(base, key=lambda c: bool(c.parent_code))
        takeovers[code] = sorted((c for c in later if not c.parent_code or c.parent_code in listed),
                                 key=lambda c: bool(c.parent_code))
    return plan, takeovers


def _intermediary(entry: tuple) -> IntermediaryContent:
    dept, code, name, provider, basis, fee, fee_basis, _cancelled = entry
    return IntermediaryContent(code=code, name=name, provider=provider, basis=basis, fee_nature=fee, fee_basis=fee_basis)


def _proposal(catalogue: str, kind: str, content: Any, when: dt.date, document: tuple[str, str], *, code: str = "",
              decided_by: str = "city", counterpart: str = "", reason: str = "") -> Proposal:
    return Proposal(catalogue=catalogue, kind=kind, code=code or content.code, effective_date=when, content=content,
                    document_title=document[0], document_number=document[1], decided_by=decided_by,
                    counterpart=counterpart, reason=reason)


# 行政许可法 第四十九条 (变更) and 第五十条 (延续): the 2015 catalogue listed them as items of their own.
SUB_ITEMS = (("变更", "第四十九条"), ("延续", "第五十条"))


def _citation(bases: tuple[Basis, ...]) -> str:
    return "；".join(f"《{b.law}》{b.article}" for b in bases)


def _approval_plan(departments: dict[str, Department], powers: dict[str, list[PowerContent]]
                   ) -> dict[str, list[tuple[ApprovalContent, str]]]:
    """The 2015 catalogue's 282 items, each with why it was cancelled in 2016 ("" if kept): every licence in the
    department's power list (102, kept, linked to its power item); the licences the laws give a higher level that the
    department listed in 2015 (it received the applications); and the 变更 and 延续 of its licences, which the 2015
    catalogue listed as items of their own and the 2016 clean-up merged into the licence — as many of these as the
    180 cancellations need, in proportion to what each department has. Every item is a licence (行政许可):
    non-licensing approvals were abolished in 2015 (国发〔2015〕27号)."""
    renewable = {(code, law, article) for code, entries in LICENSING.items()
                 for _name, law, article, _level, renews in entries if renews}
    kept: dict[str, list[ApprovalContent]] = {}
    leaving: dict[str, list[tuple[ApprovalContent, str]]] = {}
    for code in departments:
        licences = [c for c in powers[code] if c.power_type == PowerType.LICENSING and not c.parent_code]
        kept[code] = [ApprovalContent(code="", name=c.name, approval_object="公民、法人或者其他组织",
                                      basis=_citation(c.bases), power_code=c.code) for c in licences]
        higher = [(ApprovalContent(code="", name=name, approval_object="公民、法人或者其他组织",
                                   basis=f"《{law}》{article}"), _("依法由上级行政机关实施，不再列入本级目录"))
                  for name, law, article, level, _renews in LICENSING.get(code, []) if level == "higher"]
        # A licence held over time (a 许可证, a registration) first; a one-off approval's 变更 last.
        held = sorted(licences, key=lambda c: c.name.endswith("审批"))
        parts = [(ApprovalContent(code="", name=f"{c.name}（{part}）", approval_object="公民、法人或者其他组织",
                                  basis=f"{_citation(c.bases)}；《中华人民共和国行政许可法》{article}", power_code=c.code),
                  _("并入“%(name)s”，不再单列") % {"name": c.name})
                 for part, article in SUB_ITEMS for c in held
                 # A qualification once recognised has nothing to change or renew; a one-off approval is not renewed.
                 if not c.name.endswith("认定") and (part == "变更" or (
                     not c.name.endswith("审批") and (code, c.bases[0].law, c.bases[0].article) in renewable))]
        leaving[code] = higher + sorted(parts, key=lambda p: p[0].name.endswith("审批（变更）"))
    assert sum(len(v) for v in kept.values()) == APPROVAL_KEPT
    assert sum(len(v) for v in leaving.values()) >= APPROVAL_CANCELLED, "too few items for the 2016 cancellations"
    counts = _allocation(APPROVAL_CANCELLED, {code: len(items) for code, items in leaving.items()})
    plan: dict[str, list[tuple[ApprovalContent, str]]] = {}
    for code in departments:
        items = [(c, "") for c in kept[code]] + leaving[code][: counts[code]]
        plan[code] = [(replace(c, code=f"SP-{code}-{n:03d}"), reason) for n, (c, reason) in enumerate(items, start=1)]
    return plan


def load_powers_demo() -> str:
    from .search import deferred_indexing

    with deferred_indexing():
        return _load_everything()


def _load_everything() -> str:
    departments = _departments()
    if not departments:
        return _("没有部门（先载入 org 的演示数据），跳过。")
    loaded = 0
    by_department: dict[str, list[tuple]] = defaultdict(list)
    for entry in INTERMEDIARIES:
        by_department[entry[0]].append(entry)
    # 1. The intermediary list, as published at the end of 2015.
    for code, entries in by_department.items():
        loaded += _load(departments[code], TITLE_INTERMEDIARY, [
            _proposal(Catalogue.INTERMEDIARY, K.ADD, _intermediary(e), INTERMEDIARY_DATE, INTERMEDIARY_DOCUMENT)
            for e in entries], INTERMEDIARY_DATE, 1)
    # 2. Every department's power and responsibility list, published on 2016-06-30.
    powers, takeover_items = _plan_powers(departments)
    for code, department in departments.items():
        loaded += _load(department, TITLE_POWERS, [
            _proposal(Catalogue.POWER, K.ADD, c, LIST_DATE, LIST_DOCUMENT, reason=_("按%(notice)s梳理") % {
                "notice": f"《{REVIEW_NOTICE[0]}》"}) for c in powers[code]], LIST_DATE, 2)
    # 3. The approval catalogue as it stood from mid-2015, linked to the powers that implement it.
    approvals = _approval_plan(departments, powers)
    for code, department in departments.items():
        loaded += _load(department, TITLE_APPROVALS, [
            _proposal(Catalogue.APPROVAL, K.ADD, c, APPROVAL_DATE, APPROVAL_DOCUMENT) for c, _reason in approvals[code]],
            APPROVAL_DATE, 3)
    # 4. The 2016 adjustments: take-overs, corresponding cancellations, the approval and intermediary clean-ups.
    takeovers = {code: [(content, TAKEOVER_SOURCES[n % len(TAKEOVER_SOURCES)]) for n, content in enumerate(items)]
                 for code, items in takeover_items.items()}
    # Cancelled correspondingly: sub-items of the laws' items (none is a parent), spread over the lists.
    cancellable = [c for code in departments for c in powers[code] if c.parent_code and c.code[2:7] > "00200"]
    step = max(len(cancellable) // CANCELLED_CORRESPONDINGLY, 1)
    chosen = cancellable[::step][:CANCELLED_CORRESPONDINGLY]
    chosen_by_department: dict[str, list[PowerContent]] = defaultdict(list)
    for code in departments:
        for content in powers[code]:
            if any(content is c for c in chosen):
                chosen_by_department[code].append(content)
    for code, department in departments.items():
        proposals: list[Proposal] = []
        for content, (level, source, title, number, when) in takeovers.get(code, []):
            proposals.append(_proposal(Catalogue.POWER, K.TAKE_OVER, content, dt.date.fromisoformat(when),
                                       (title, number), decided_by=level, counterpart=source))
        level, source, title, number, when = CANCELLATION_SOURCE
        for content in chosen_by_department.get(code, []):
            proposals.append(Proposal(Catalogue.POWER, K.CANCEL, content.code, dt.date.fromisoformat(when),
                                      document_title=title, document_number=number, decided_by=level,
                                      reason=_("上级已取消该审批事项，本级对应取消")))
        when_a, title_a, number_a = APPROVAL_CANCEL
        for approval, reason in approvals[code]:
            if reason:
                proposals.append(Proposal(Catalogue.APPROVAL, K.CANCEL, approval.code, when_a, document_title=title_a,
                                          document_number=number_a, reason=reason))
        for entry in by_department.get(code, []):
            if entry[7]:
                when_i, title_i, number_i = INTERMEDIARY_CANCEL
                proposals.append(Proposal(Catalogue.INTERMEDIARY, K.CANCEL, entry[1], when_i, document_title=title_i,
                                          document_number=number_i, reason=_("不再作为审批受理条件")))
        loaded += _load(department, TITLE_ADJUSTMENTS, proposals, dt.date(2016, 11, 30), 4)
    _open_requests(departments)
    figures = pillar_figures(2016)
    return _("权责清单：2016 年 %(d)s 个部门行政职权 %(powers)s 项，承接 %(taken)s 项、对应取消 %(cancelled)s 项，"
             "行政审批项目保留 %(kept)s 项、取消 %(ac)s 项，中介服务事项清理 %(ir)s 项（保留 %(ik)s 项、取消 %(ic)s 项）；"
             "本次写入 %(loaded)s 项调整。") % {
        "d": figures.powers_departments, "powers": figures.powers_listed, "taken": figures.taken_over,
        "cancelled": figures.cancelled_correspondingly, "kept": figures.approval_kept,
        "ac": figures.approval_cancelled, "ir": figures.intermediary_reviewed, "ik": figures.intermediary_kept,
        "ic": figures.intermediary_cancelled, "loaded": loaded}


# The current work, around the demo's today (yifa.core.demo): (department, title, power code, promised limit from →
# to, document, its number, status, working days ago it reached that status, the legal affairs office's opinion).
CURRENT_REQUESTS: list[tuple] = [
    # The editor's draft at 市场监管局, waiting for the head to submit it for legality review.
    ("scjgj", "{Y}年压缩食品经营许可承诺办理时限", "0100101000", 10, 7,
     "关于进一步压缩行政许可事项办理时限的通知", "", "draft", 1, ""),
    # Submitted: waiting for the legal affairs office's review.
    ("hbj", "{Y}年环评审批承诺时限调整", "0100101000", 30, 20,
     "关于进一步压缩行政许可事项办理时限的通知", "肇政办发〔{Y}〕12号", "submitted", 2, ""),
    # Returned by the legal affairs office, with its reasons: back with the department.
    ("jtj", "{Y}年道路旅客运输经营许可时限调整", "0100101000", 10, 5,
     "关于进一步压缩行政许可事项办理时限的通知", "", "returned", 3,
     "调整事项的文件依据未写明文号：请补充《关于进一步压缩行政许可事项办理时限的通知》的文号后再提交。"),
    # Approved the day before: takes effect on its date and is published then.
    ("wjj", "{Y}年医疗机构执业登记承诺时限调整", "0100101000", 20, 15,
     "关于进一步压缩行政许可事项办理时限的通知", "肇政办发〔{Y}〕12号", "approved", 1, "经合法性审查，同意。"),
]


def _effective_date(today: dt.date) -> dt.date:
    """The first day of a month at least three weeks ahead: when a list change approved now takes effect."""
    later = today + dt.timedelta(days=21)
    return dt.date(later.year + later.month // 12, later.month % 12 + 1, 1)


def _open_requests(departments: dict[str, Department]) -> None:
    """Work in progress around the demo's today (CURRENT_REQUESTS): a draft at 市场监管局 for the head to submit, a
    request awaiting the legal affairs office, one it returned and one it approved the day before."""
    from yifa.calendar.demo import working_days_before
    from yifa.core.demo import demo_moment, demo_today
    from yifa.org.demo import demo_account

    from .content import power_content_of
    from .selectors import power_details

    today = demo_today()
    year = str(today.year)

    def current(code: str, department: Department) -> PowerContent | None:
        version = in_force(Catalogue.POWER, department=department).filter(code=code).first()
        if version is None:
            return None
        related = power_details([version])[version.pk]
        return power_content_of(version, bases=[Basis(p.law.title, p.article, p.text) for p in related["bases"]],
                                co_codes=related["co"], intermediary_codes=related["intermediaries"])

    editor, reviewer = demo_account("editor"), demo_account("fazhi")
    for code, title, power, before, after, document, number, status, days_ago, opinion in CURRENT_REQUESTS:
        department = departments.get(code)
        title = title.replace("{Y}", year)
        if department is None or ChangeRequest.objects.filter(department=department, title=title).exists():
            continue
        if ChangeRequest.objects.filter(department=department, status__in=ChangeRequest.OPEN_STATUSES).exists():
            continue  # one open request per department: one left from an earlier load
        content = current(power, department)
        if content is None:
            continue
        with transaction.atomic():
            proposer = editor if code == "scjgj" and editor is not None else DEMO_LOADER
            request = actions.propose(actor=proposer, department=department, title=title, proposals=[Proposal(
                Catalogue.POWER, K.MODIFY, content.code, _effective_date(today), replace(content, promised_limit=after),
                document_title=document, document_number=number.replace("{Y}", year),
                reason=f"承诺办理时限由 {before} 个工作日压缩为 {after} 个工作日")])
            day = working_days_before(today, days_ago)
            if not request.reference.startswith(f"QDTZ-{today.year}-"):
                # Numbered by the clock's year; a demo placed in an earlier year numbers it in that year, as the
                # 2016 history's are (`_dated`). No request of that year is numbered by the sequence after this.
                ChangeRequest.objects.filter(pk=request.pk).update(reference=f"QDTZ-{today.year}-{code}-001")
            if status == "draft":
                ChangeRequest.objects.filter(pk=request.pk).update(opened_at=demo_moment(day, 15, 40))
                continue
            actions.submit_request(actor=DEMO_LOADER, change_request=request)
            if status == "returned":
                actions.return_request(actor=reviewer or DEMO_LOADER, change_request=request, reason=opinion)
            elif status == "approved":
                actions.approve_request(actor=reviewer or DEMO_LOADER, change_request=request, opinion=opinion,
                                        today=today)
            # The request's own dates, as the 2016 history's (`_dated`): made and submitted in the last days.
            submitted = day if status == "submitted" else working_days_before(day, 2)
            ChangeRequest.objects.filter(pk=request.pk).update(
                opened_at=demo_moment(working_days_before(submitted, 2), 10), submitted_at=demo_moment(submitted, 16),
                **({"closed_at": demo_moment(day, 11)} if status == "approved" else {}))
