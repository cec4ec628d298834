"""The review path of a change request, each step declared once (yifa.casework.transitions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yifa.casework.transitions import Transition

from .models import ChangeRequest

S = ChangeRequest.Status

SUBMIT = Transition(
    name="submit", label=_("提交合法性审查"), source=frozenset({S.DRAFT, S.RETURNED}), target=S.SUBMITTED,
    permission="submit", event_type="powers.request_submitted",
)
RECALL = Transition(
    name="recall", label=_("撤回提交"), source=frozenset({S.SUBMITTED}), target=S.DRAFT,
    permission="submit", event_type="powers.request_recalled",
)
APPROVE = Transition(
    name="approve", label=_("审查通过"), source=frozenset({S.SUBMITTED}), target=S.CLOSED,
    permission="review", event_type="powers.request_approved", closes=True,
)
RETURN = Transition(
    name="return", label=_("退回修改"), source=frozenset({S.SUBMITTED}), target=S.RETURNED,
    permission="review", event_type="powers.request_returned",
)
WITHDRAW = Transition(
    name="withdraw", label=_("撤销申请"), source=frozenset({S.DRAFT, S.RETURNED}), target=S.CLOSED,
    permission="withdraw", event_type="powers.request_withdrawn", closes=True,
)

TRANSITIONS = {t.name: t for t in (SUBMIT, RECALL, APPROVE, RETURN, WITHDRAW)}
