"""A concrete case type for testing the case base; its table is created by the `sample_case_model` fixture."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yifa.casework.models import Case
from yifa.casework.transitions import Transition
from yifa.org.policies import DepartmentScopedPolicy, R


class SampleCase(Case):
    class Status(models.TextChoices):
        OPEN = "open", _("办理中")
        REVIEW = "review", _("审核中")
        CLOSED = "closed", _("已办结")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("准予")
        REFUSED = "refused", _("不予")

    status = models.CharField(max_length=32, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    note = models.CharField(max_length=100, blank=True)

    CLOSED_STATUSES = frozenset({Status.CLOSED})

    class Meta:
        app_label = "casework"


class SampleCasePolicy(DepartmentScopedPolicy):
    rules = {
        "view": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.LEGAL_AFFAIRS}),
        "submit": frozenset({R.DEPARTMENT_EDITOR}),
        "decide": frozenset({R.DEPARTMENT_HEAD}),
        "change": frozenset({R.DEPARTMENT_EDITOR}),
    }


sample_policy = SampleCasePolicy(SampleCase)

SUBMIT = Transition(
    name="submit", label=_("提交审核"), source=frozenset({"open"}), target="review",
    permission="submit", event_type="case.attachment_added",
)
DECIDE = Transition(
    name="decide", label=_("作出决定"), source=frozenset({"review"}), target="closed",
    permission="decide", event_type="case.attachment_added", closes=True,
)
