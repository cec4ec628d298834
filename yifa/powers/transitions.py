"""The review path of a change request, each step declared once (yifa.casework.transitions)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.casework.transitions import Guard, Transition

from .models import ChangeRequest

S = ChangeRequest.Status
MAX_LISTED = 20


def _has_adjustments(request: ChangeRequest) -> str | None:
    return None if request.adjustments.exists() else gettext("申请中没有任何调整，不能提交。")


def _documents_complete(request: ChangeRequest) -> str | None:
    """Every adjustment names the document that decides it (文件依据): without one it cannot take effect."""
    missing = list(request.adjustments.filter(applied_at__isnull=True, document_number="", document_title="")
                   .values_list("item__code", flat=True)[:MAX_LISTED])
    if not missing:
        return None
    return gettext("以下事项的调整没有文件依据，不能生效，请补充后再提交：%(codes)s") % {"codes": "、".join(missing)}


HAS_ADJUSTMENTS = Guard("has_adjustments", _("申请中有调整事项"), _has_adjustments)
DOCUMENTS_COMPLETE = Guard("documents_complete", _("每项调整都有文件依据"), _documents_complete)

SUBMIT = Transition(
    name="submit", label=_("提交合法性审查"), source=frozenset({S.DRAFT, S.RETURNED}), target=S.SUBMITTED,
    permission="submit", event_type="powers.request_submitted", guards=(HAS_ADJUSTMENTS, DOCUMENTS_COMPLETE),
)
RECALL = Transition(
    name="recall", label=_("撤回提交"), source=frozenset({S.SUBMITTED}), target=S.DRAFT,
    permission="submit", event_type="powers.request_recalled",
)
APPROVE = Transition(
    name="approve", label=_("审查通过"), source=frozenset({S.SUBMITTED}), target=S.CLOSED,
    permission="review", event_type="powers.request_approved", closes=True, guards=(DOCUMENTS_COMPLETE,),
)
RETURN = Transition(
    name="return", label=_("退回修改"), source=frozenset({S.SUBMITTED}), target=S.RETURNED,
    permission="review", event_type="powers.request_returned", returns=True,
)
WITHDRAW = Transition(
    name="withdraw", label=_("撤销申请"), source=frozenset({S.DRAFT, S.RETURNED}), target=S.CLOSED,
    permission="withdraw", event_type="powers.request_withdrawn", closes=True,
)

TRANSITIONS = {t.name: t for t in (SUBMIT, RECALL, APPROVE, RETURN, WITHDRAW)}
