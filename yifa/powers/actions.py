"""Every write to the lists: proposing adjustments, the review path, taking effect, importing.

A change is proposed into the department's open change request (one at a time), checked against
the lists as they stand and written in bulk: one code path for a form's single adjustment and a
spreadsheet's 100,000. The request then moves through the review path (`transitions`); approval
gives the new versions their dates and ends the versions they replace, with set-based updates.
Each action checks the policy, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.casework.references import next_reference
from yifa.casework.transitions import perform_transition
from yifa.core.bulk import insert_prepared, prepare, update_prepared
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from . import transitions
from .content import ApprovalContent, Basis, IntermediaryContent, PowerContent, Proposal
from .models import (
    VERSION_MODELS,
    VERSIONING_KINDS,
    Adjustment,
    AdjustmentKind,
    Catalogue,
    ChangeRequest,
    Item,
    Law,
    PowerVersion,
    Provision,
    VersionBasis,
)
from .policies import adjustment_policy, change_request_policy
from .validation import (
    ListState,
    Problem,
    ProposalRefused,
    References,
    check_proposals,
    implementation_code,
    load_references,
    load_state,
)

K = AdjustmentKind
S = ChangeRequest.Status
CHUNK = 500


# --- proposing -----------------------------------------------------------------------------------


def normalise(proposal: Proposal, department: Department, refs: References) -> Proposal:
    """Fill what is derived (the implementation code), so equal content hashes equal."""
    content = proposal.content
    if isinstance(content, PowerContent) and not content.implementation_code:
        implementer = department
        if proposal.kind == K.TRANSFER and proposal.target_department_code in refs.departments:
            implementer = refs.departments[proposal.target_department_code]
        proposal = replace(proposal, content=replace(
            content, implementation_code=implementation_code(implementer, content.exercise_level, content.code)))
    return proposal


def _lock_open_request(department: Department) -> ChangeRequest | None:
    request = ChangeRequest.objects.select_for_update().filter(
        department=department, status__in=ChangeRequest.OPEN_STATUSES).first()
    if request is not None and not request.is_editable:
        raise ActionRefused(
            _("本部门的清单调整申请 %(reference)s 正在合法性审查中，审查结束（或撤回提交）前不能提出新的调整。")
            % {"reference": request.reference})
    return request


KIND = "power-change"
REFERENCE = "QDTZ-{year}-{dept}-{number:03d}"


def _new_request(department: Department, title: str, description: str) -> ChangeRequest:
    reference = next_reference(ChangeRequest, kind=KIND, template=REFERENCE, year=timezone.localdate().year,
                               department=department)
    request = ChangeRequest(
        reference=reference, department=department, status=S.DRAFT,
        title=title or _("%(department)s清单调整") % {"department": department.short_name}, description=description,
    )
    request.save()
    return request


def _check_transfers(proposals: Sequence[Proposal], catalogue: str, refs: References) -> list[Problem]:
    problems = []
    for p in proposals:
        target = refs.departments.get(p.target_department_code) if p.kind == K.TRANSFER else None
        if target is not None and Item.objects.filter(catalogue=catalogue, department=target, code=p.code).exists():
            problems.append(Problem(_("%(department)s的清单中已有编码为“%(code)s”的事项，不能移交。")
                                    % {"department": target.name, "code": p.code}, p.row, "移交至"))
    return problems


def propose(
    *, actor: Actor, department: Department, proposals: Sequence[Proposal], title: str = "", description: str = "",
) -> ChangeRequest:
    """Add adjustments to the department's open change request (created when there is none).

    Raises ProposalRefused (each problem with its row and column) or ActionRefused; nothing is written then.
    A proposal for an item already pending in the request replaces the pending one."""
    check_actor(change_request_policy, actor, "propose", ChangeRequest(department=department))
    if not proposals:
        raise ActionRefused(_("没有需要提出的调整。"))
    with transaction.atomic():
        request = _lock_open_request(department)
        refs = load_references(department)
        by_catalogue: dict[str, list[Proposal]] = defaultdict(list)
        for p in proposals:
            by_catalogue[p.catalogue].append(normalise(p, department, refs))
        problems: list[Problem] = []
        states: dict[str, ListState] = {}
        for catalogue, group in by_catalogue.items():
            states[catalogue] = load_state(catalogue, department)
            problems += check_proposals(group, states[catalogue], refs, request_id=request.pk if request else None)
            problems += _check_transfers(group, catalogue, refs)
        if problems:
            raise ProposalRefused(problems)
        if request is None:
            request = _new_request(department, title, description)
        for catalogue, group in by_catalogue.items():
            write_proposals(request, states[catalogue], group, refs)
        _log_proposed(actor, request, [p for group in by_catalogue.values() for p in group], reason=description)
    return request


def _log_proposed(actor: Actor, request: ChangeRequest, proposals: Sequence[Proposal], reason: str = "") -> None:
    kinds = Counter(str(K(p.kind).label) for p in proposals)
    record_event(
        actor=actor, event_type="powers.changes_proposed", target=request,
        new={"adjustments": len(proposals), "kinds": dict(kinds), "codes": [p.code for p in proposals[:50]]},
        reason=reason,
    )


def _discard_pending(request: ChangeRequest, item_ids: Iterable[int]) -> None:
    """Remove pending adjustments (and their draft versions) of these items from an open request."""
    ids = list(item_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for model in VERSION_MODELS.values():
            model.objects.filter(item_id__in=chunk, effective_from__isnull=True,
                                 adjustment__change_request=request).delete()
        Adjustment.objects.filter(change_request=request, item_id__in=chunk, applied_at__isnull=True).delete()


def _remove_unused_items(item_ids: Iterable[int]) -> None:
    """Items created for a proposal that never took effect leave with it."""
    ids = list(item_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        unused = Item.objects.filter(pk__in=chunk, adjustments__isnull=True, sub_items__isnull=True)
        Item.objects.filter(pk__in=unused.values("pk")).delete()


class _Prepared:
    """Database values computed once per distinct value (dates, JSON) for prepared inserts."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str, Any], Any] = {}

    def __call__(self, model: Any, field: str, value: Any) -> Any:
        if value is None:
            return None
        key = (model._meta.label, field, value if not isinstance(value, list | dict) else repr(value))
        if key not in self.cache:
            self.cache[key] = prepare(model, field, value)
        return self.cache[key]


def _provision_ids(bases: set[Basis]) -> dict[str, int]:
    """Provision id by basis digest, creating the laws and provisions not stored yet."""
    now = timezone.now()
    titles = {b.law for b in bases}
    laws = dict(Law.objects.filter(title__in=titles).values_list("title", "id")) if len(titles) < CHUNK else dict(
        Law.objects.values_list("title", "id"))
    missing = sorted(titles - set(laws))
    if missing:
        insert_prepared(Law, ("title",), [[t] for t in missing])
        laws = dict(Law.objects.values_list("title", "id")) if len(titles) >= CHUNK else dict(
            Law.objects.filter(title__in=titles).values_list("title", "id"))
    by_digest = {b.digest(): b for b in bases}
    found: dict[str, int] = {}
    digests = list(by_digest)
    for start in range(0, len(digests), CHUNK):
        found.update(Provision.objects.filter(digest__in=digests[start:start + CHUNK]).values_list("digest", "id"))
    new = [d for d in digests if d not in found]
    if new:
        insert_prepared(Provision, ("law", "article", "text", "digest"),
                        [[laws[by_digest[d].law], by_digest[d].article, by_digest[d].text, d] for d in new])
        for start in range(0, len(new), CHUNK):
            found.update(Provision.objects.filter(digest__in=new[start:start + CHUNK]).values_list("digest", "id"))
    del now
    return found


def write_proposals(request: ChangeRequest, state: ListState, proposals: Sequence[Proposal], refs: References) -> None:
    """Write checked proposals of one list into `request`: items, adjustments, draft versions, links.

    Prepared bulk inserts, then one read-back per table for the new ids (by request, never by a
    long IN list), so 100,000 proposals cost a handful of statements."""
    if not proposals:
        return
    catalogue = state.catalogue
    department = state.department
    model = VERSION_MODELS[catalogue]
    now = timezone.now()
    db = _Prepared()
    replaced = [state.items[p.code].item_id for p in proposals
                if p.code in state.items and state.items[p.code].pending is not None]
    if replaced:
        _discard_pending(request, replaced)
    new_codes = [p.code for p in proposals if p.code not in state.items]
    if new_codes:
        stamp = db(Item, "created_at", now)
        insert_prepared(Item, ("catalogue", "department", "code", "created_at"),
                        [[catalogue, department.pk, code, stamp] for code in new_codes])
    item_ids = dict(Item.objects.filter(catalogue=catalogue, department=department).values_list("code", "id"))
    if catalogue == Catalogue.POWER:
        parents = {s.code: s.parent_id for s in state.items.values()}
        updates = []
        for p in proposals:
            if isinstance(p.content, PowerContent):
                wanted = item_ids.get(p.content.parent_code) if p.content.parent_code else None
                if parents.get(p.code) != wanted:
                    updates.append([wanted, item_ids[p.code]])
        update_prepared(Item, ("parent",), updates)

    created = db(Adjustment, "created_at", now)
    insert_prepared(
        Adjustment,
        ("change_request", "catalogue", "item", "kind", "effective_date", "document_number", "document_title",
         "decided_by", "counterpart", "target_department", "reason", "created_at"),
        [[request.pk, catalogue, item_ids[p.code], p.kind, db(Adjustment, "effective_date", p.effective_date),
          p.document_number[:80], p.document_title[:200], p.decided_by, p.counterpart[:200],
          refs.departments[p.target_department_code].pk if p.kind == K.TRANSFER else None, p.reason, created]
         for p in proposals],
    )
    adjustment_ids = dict(Adjustment.objects.filter(change_request=request, applied_at__isnull=True).values_list(
        "item_id", "id"))

    versioned = [p for p in proposals if p.kind in VERSIONING_KINDS and p.content is not None]
    if not versioned:
        return
    common = ("item", "department", "code", "name", "remarks", "adjustment", "content_hash")

    def base(p: Proposal) -> list[Any]:
        content = p.content
        assert content is not None
        holder = refs.departments[p.target_department_code].pk if p.kind == K.TRANSFER else department.pk
        item_id = item_ids[p.code]
        return [item_id, holder, content.code, content.name, content.remarks, adjustment_ids[item_id], content.digest()]

    if catalogue == Catalogue.POWER:
        fields = (*common, "power_type", "implementation_code", "handling_office", "exercise_level",
                  "statutory_limit", "statutory_unit", "promised_limit", "promised_unit", "charges", "fee_standard",
                  "fee_basis", "needs_intermediary", "service_targets", "supervision_phone", "responsibilities")
        rows = []
        for p in versioned:
            c = p.content
            assert isinstance(c, PowerContent)
            rows.append([*base(p), c.power_type, c.implementation_code, c.handling_office, c.exercise_level,
                         c.statutory_limit, c.statutory_unit, c.promised_limit, c.promised_unit, c.charges,
                         c.fee_standard, c.fee_basis, c.needs_intermediary,
                         db(PowerVersion, "service_targets", list(c.service_targets)), c.supervision_phone,
                         db(PowerVersion, "responsibilities", [s.as_dict() for s in c.responsibilities])])
        insert_prepared(PowerVersion, fields, rows)
        _write_power_links(request, versioned, item_ids, adjustment_ids, refs)
    elif catalogue == Catalogue.INTERMEDIARY:
        rows = []
        for p in versioned:
            c = p.content
            assert isinstance(c, IntermediaryContent)
            rows.append([*base(p), c.provider, c.basis, c.fee_nature, c.fee_basis])
        insert_prepared(model, (*common, "provider", "basis", "fee_nature", "fee_basis"), rows)
    else:
        powers = dict(Item.objects.filter(catalogue=Catalogue.POWER, department=department).values_list("code", "id"))
        rows = []
        for p in versioned:
            c = p.content
            assert isinstance(c, ApprovalContent)
            rows.append([*base(p), c.category, c.approval_object, c.basis, powers.get(c.power_code)])
        insert_prepared(model, (*common, "category", "approval_object", "basis", "power"), rows)


def _write_power_links(request: ChangeRequest, versioned: Sequence[Proposal], item_ids: dict[str, int],
                       adjustment_ids: dict[int, int], refs: References) -> None:
    version_ids = dict(PowerVersion.objects.filter(
        adjustment__change_request=request, effective_from__isnull=True).values_list("adjustment_id", "id"))
    bases = {b for p in versioned for b in p.content.bases}  # type: ignore[union-attr]
    provision_ids = _provision_ids(bases) if bases else {}
    basis_rows, co_rows, intermediary_rows = [], [], []
    for p in versioned:
        c = p.content
        assert isinstance(c, PowerContent)
        version_id = version_ids[adjustment_ids[item_ids[p.code]]]
        seen: set[int] = set()
        for position, b in enumerate(c.bases):
            provision_id = provision_ids[b.digest()]
            if provision_id not in seen:
                seen.add(provision_id)
                basis_rows.append([version_id, provision_id, position])
        co_rows += [[version_id, refs.departments[code].pk] for code in sorted(set(c.co_department_codes))]
        intermediary_rows += [[version_id, refs.intermediaries[code]] for code in sorted(set(c.intermediary_codes))]
    insert_prepared(VersionBasis, ("version", "provision", "position"), basis_rows)
    insert_prepared(PowerVersion.co_departments.through, ("powerversion", "department"), co_rows)
    insert_prepared(PowerVersion.intermediaries.through, ("powerversion", "item"), intermediary_rows)


def remove_adjustment(*, actor: Actor, adjustment: Adjustment, reason: str = "") -> None:
    """Take a pending adjustment out of a request that is still being drafted (or was returned)."""
    check_actor(adjustment_policy, actor, "delete", adjustment)
    with transaction.atomic():
        request = ChangeRequest.objects.select_for_update().get(pk=adjustment.change_request_id)
        if not request.is_editable or adjustment.applied_at is not None:
            raise ActionRefused(_("申请“%(reference)s”当前状态为“%(status)s”，不能再修改其中的调整。")
                                % {"reference": request.reference, "status": request.status_label()})
        old = {"kind": adjustment.kind, "code": adjustment.item.code, "effective_date": adjustment.effective_date}
        item_id = adjustment.item_id
        _discard_pending(request, [item_id])
        _remove_unused_items([item_id])
        record_event(actor=actor, event_type="powers.adjustment_removed", target=request, old=old, reason=reason)


# --- the review path -----------------------------------------------------------------------------


def submit_request(*, actor: Actor, change_request: ChangeRequest, reason: str = "") -> ChangeRequest:
    """The department head submits the request for legality review; the step's guards refuse a request
    without adjustments or with an adjustment that names no document."""
    return perform_transition(change_request, transitions.SUBMIT, actor=actor, policy=change_request_policy,
                              changes={"submitted_at": timezone.now()}, reason=reason)


def recall_request(*, actor: Actor, change_request: ChangeRequest, reason: str = "") -> ChangeRequest:
    return perform_transition(change_request, transitions.RECALL, actor=actor, policy=change_request_policy,
                              reason=reason)


def return_request(*, actor: Actor, change_request: ChangeRequest, reason: str) -> ChangeRequest:
    """The legal affairs office returns the request with its reasons (退回修改)."""
    if not (reason or "").strip():
        raise ActionRefused(_("退回须写明理由。"))
    return perform_transition(change_request, transitions.RETURN, actor=actor, policy=change_request_policy,
                              changes={"review_opinion": reason.strip()}, reason=reason.strip())


def withdraw_request(*, actor: Actor, change_request: ChangeRequest, reason: str = "") -> ChangeRequest:
    """The department abandons its proposals; their drafts are removed."""
    def discard(locked: ChangeRequest) -> None:
        item_ids = list(locked.adjustments.filter(applied_at__isnull=True).values_list("item_id", flat=True))
        _discard_pending(locked, item_ids)
        _remove_unused_items(item_ids)

    return perform_transition(change_request, transitions.WITHDRAW, actor=actor, policy=change_request_policy,
                              outcome=ChangeRequest.Outcome.WITHDRAWN, reason=reason, then=discard)


def approve_request(*, actor: Actor, change_request: ChangeRequest, opinion: str = "",
                    today: dt.date | None = None) -> ChangeRequest:
    """The legal affairs office approves: every adjustment takes effect on its date and is published then."""
    applied: list[int] = []

    def apply(locked: ChangeRequest) -> None:
        applied.extend(apply_adjustments(locked, today=today))

    request = perform_transition(
        change_request, transitions.APPROVE, actor=actor, policy=change_request_policy,
        outcome=ChangeRequest.Outcome.APPROVED, changes={"review_opinion": opinion.strip()}, reason=opinion.strip(),
        extra_event_values={"adjustments": change_request.adjustments.count()}, then=apply,
    )
    if applied:
        from .search import sync_items

        transaction.on_commit(lambda: sync_items(applied))
    return request


def apply_adjustments(request: ChangeRequest, *, today: dt.date | None = None) -> list[int]:
    """Give the request's draft versions their dates and end the versions they replace (set-based).

    Runs inside the approval's transaction; refuses, changing nothing, if an adjustment lacks its
    document basis or no longer fits the list (another version took effect on or after its date)."""
    today = today or timezone.localdate()
    now = timezone.now()
    pending = Adjustment.objects.filter(change_request=request, applied_at__isnull=True)
    missing_documents = transitions.DOCUMENTS_COMPLETE.check(request)
    if missing_documents:
        raise ActionRefused(str(missing_documents))
    for catalogue, model in VERSION_MODELS.items():
        mine = pending.filter(catalogue=catalogue)
        if not mine.exists():
            continue
        own_date = Subquery(mine.filter(item=OuterRef("item")).values("effective_date")[:1])
        current = model.objects.filter(effective_from__isnull=False, effective_to__isnull=True,
                                       item_id__in=mine.values("item_id"))
        late = list(current.filter(effective_from__gte=own_date).values_list("code", flat=True)[:20])
        if late:
            raise ActionRefused(_("以下事项的现行版本生效日期不早于本次调整的生效日期，请修改生效日期：%(codes)s")
                                % {"codes": "、".join(late)})
        starting = mine.filter(kind__in=[K.ADD, K.TAKE_OVER], item_id__in=current.values("item_id"))
        clash = list(starting.values_list("item__code", flat=True)[:20])
        if clash:
            raise ActionRefused(_("以下事项已在清单中，不能新增或承接：%(codes)s") % {"codes": "、".join(clash)})
        ending = mine.exclude(kind__in=[K.ADD, K.TAKE_OVER])
        current.filter(item_id__in=ending.values("item_id")).update(
            effective_to=own_date, ended_by=Subquery(mine.filter(item=OuterRef("item")).values("pk")[:1]))
        model.objects.filter(effective_from__isnull=True, adjustment__in=mine).update(
            effective_from=Subquery(Adjustment.objects.filter(pk=OuterRef("adjustment_id")).values("effective_date")[:1]))
        transfers = mine.filter(kind=K.TRANSFER)
        if transfers.exists():
            try:
                with transaction.atomic():
                    Item.objects.filter(pk__in=transfers.values("item_id")).update(department=Subquery(
                        transfers.filter(item=OuterRef("pk")).values("target_department_id")[:1]))
            except IntegrityError:
                raise ActionRefused(_("移交的目标部门清单中已有相同编码的事项。")) from None
    due = pending.filter(effective_date__lte=today)
    published = list(due.values_list("item_id", flat=True))
    due.update(applied_at=now, published_at=now)
    pending.update(applied_at=now)
    return published


def take_effect(*, actor: Actor, today: dt.date | None = None) -> int:
    """The daily job: approved adjustments whose date has come are published (the site search updated).

    `today` is the job's date (`yifa daily --date`, or each date of a catch-up in turn): it decides which
    adjustments are due, and the search indexes their items as in force on that date, not by the clock, so a
    run for a date gives the same result whenever it runs. An item brought into force again by a later date's
    run (a date re-run after later ones) keeps the later indexing."""
    check_actor(change_request_policy, actor, "review")
    today = today or timezone.localdate()
    with transaction.atomic():
        due = Adjustment.objects.select_for_update().filter(
            applied_at__isnull=False, published_at__isnull=True, effective_date__lte=today)
        item_ids = list(due.values_list("item_id", flat=True))
        if not item_ids:
            return 0
        count = due.update(published_at=timezone.now())
        record_event(actor=actor, event_type="powers.adjustments_took_effect",
                     new={"adjustments": count, "date": today})
    from .search import sync_items

    later = set(Adjustment.objects.filter(item_id__in=item_ids, published_at__isnull=False,
                                          effective_date__gt=today).values_list("item_id", flat=True))
    sync_items([pk for pk in item_ids if pk not in later], as_of=today)
    return count


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    plan: Any  # importer.ImportPlan
    change_request: ChangeRequest | None
    applied: bool


def import_powers(
    *, actor: Actor, department: Department, path: Any, filename: str = "", dry_run: bool = False,
    apply: bool = False, max_rows: int | None = None, progress: Any = None,
) -> ImportOutcome:
    """Import a department's power list from the yifa xlsx template.

    Rows that match the list change nothing; the others become adjustments in the department's open
    change request (approved at once with `apply`, for a system job's initial load). Any wrong row
    refuses the whole file (ProposalRefused / ActionRefused): nothing is written then. `progress(done,
    total, stage)` hears how far it has got (the back office's import runs as a task with a progress bar)."""
    from .importer import decide_import, parse_rows, read_power_rows

    check_actor(change_request_policy, actor, "propose", ChangeRequest(department=department))
    if apply and not _may_apply_directly(actor):
        raise ActionRefused(_("只有系统任务（命令行）可以不经审查直接生效。"))
    if progress is not None:
        progress(0, 0, str(_("读取文件")))
    rows = read_power_rows(path, max_rows=max_rows)
    # Each row is checked on its own before the list is locked: the list and its requests stay free for
    # others meanwhile (and a task's progress can be written: SQLite has one writer at a time).
    refs = load_references(department)
    parsed = parse_rows(rows, department, refs, progress=progress)
    with transaction.atomic():
        request = _lock_open_request(department)
        state = load_state(Catalogue.POWER, department)
        plan = decide_import(*parsed, state, refs, request_id=request.pk if request else None, progress=progress)
        plan.raise_if_invalid()
        if dry_run or not plan.proposals:
            return ImportOutcome(plan, request, applied=False)
        if progress is not None:
            progress(plan.total, plan.total, str(_("写入清单调整（%(n)s 项）") % {"n": len(plan.proposals)}))
        if request is None:
            request = _new_request(department, _("导入：%(file)s") % {"file": filename or "xlsx"}, "")
        write_proposals(request, state, plan.proposals, refs)
        record_event(actor=actor, event_type="powers.list_imported", target=request,
                     new={"file": filename, "sha256": rows.sha256, **plan.counts()})
        if apply:
            submit_request(actor=actor, change_request=request)
            approve_request(actor=actor, change_request=request, opinion=_("命令行导入，直接生效"))
            request.refresh_from_db()
    return ImportOutcome(plan, request, applied=apply)


def _may_apply_directly(actor: Actor) -> bool:
    from yifa.audit.actors import SystemJob

    return isinstance(actor, SystemJob)


def propose_and_approve(*, actor: Actor, department: Department, proposals: Sequence[Proposal], title: str,
                        opinion: str = "", today: dt.date | None = None) -> ChangeRequest:
    """For system jobs (the demo, migrations of existing lists): propose, submit and approve in one go."""
    from yifa.audit.actors import SystemJob

    if not isinstance(actor, SystemJob):
        raise ActionRefused(_("只有系统任务可以不经审查直接生效。"))
    with transaction.atomic():
        request = propose(actor=actor, department=department, proposals=proposals, title=title)
        submit_request(actor=actor, change_request=request)
        approve_request(actor=actor, change_request=request, opinion=opinion, today=today)
    return request


__all__ = [
    "ProposalRefused", "Q", "approve_request", "import_powers", "propose", "propose_and_approve", "recall_request",
    "remove_adjustment", "return_request", "submit_request", "take_effect", "withdraw_request",
]
