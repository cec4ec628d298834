"""Policy interpretations published with their policy (政策解读与政策文件同步发布).

国务院办公厅《关于全面推进政务公开工作的意见》实施细则 (国办发〔2016〕80号) asks that a policy's interpretation be
organised, signed off and released with it ("同步组织、同步审签、同步部署"). No national text gives a number of
days and ../shared/rules.md is silent, so the allowed delay is a setting: `YIFA_POLICY_INTERPRETATION_WORKING_DAYS`
(3 working days from the policy's publication, the common local standard), counted on the city's working-day
calendar (the start day excluded, rules.md "Counting periods"). Editors are warned when they publish or submit a
policy without a published interpretation (`wagtail_hooks`), and the website check below lists the in-force
policies still without one after the period.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.calendar.engine import nth_working_day_after
from yifa.calendar.workcalendar import current_calendar
from yifa.core.modules import Finding

from .models import ArticlePage, PolicyInterpretationPage
from .selectors import policy_documents

BASIS = "国办发〔2016〕80号"


def interpretation_working_days() -> int:
    return max(0, int(getattr(settings, "YIFA_POLICY_INTERPRETATION_WORKING_DAYS", 3)))


def interpretation_required() -> bool:
    """Whether publishing a policy without a published interpretation is refused (a city's setting)."""
    return bool(getattr(settings, "YIFA_POLICY_INTERPRETATION_REQUIRED", False))


def interpretation_due(published_on: dt.date) -> dt.date:
    """The last day the interpretation may follow a policy published on `published_on`: the n-th working day
    after it (the same day when the setting is 0)."""
    days = interpretation_working_days()
    return nth_working_day_after(current_calendar(), published_on, days) if days else published_on


def has_published_interpretation(policy: ArticlePage) -> bool:
    return PolicyInterpretationPage.objects.live().filter(policy=policy).exists()


def interpretation_warning(policy: ArticlePage, today: dt.date | None = None) -> str:
    """What the editor reads when a policy goes out (or to review) without a published interpretation."""
    today = today or timezone.localdate()
    published = min(timezone.localdate(policy.published_on), today) if policy.published_on else today
    return _(
        "政策文件“%(title)s”还没有已发布的政策解读。政策解读应与政策文件同步组织、同步审签、同步发布（%(basis)s），"
        "最迟在发布后 %(n)s 个工作日内（期限至 %(due)s）发布：请新建“政策解读”页面（文字、图解或问答）并关联本文件。"
    ) % {"title": policy.title, "basis": BASIS, "n": interpretation_working_days(),
         "due": interpretation_due(published).isoformat()}


def uninterpreted_policies(today: dt.date) -> list[Finding]:
    """The website check: in-force policies published more than the allowed working days ago with no published
    interpretation, oldest first, each linking to the policy."""
    end_of_today = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    interpreted = PolicyInterpretationPage.objects.live().filter(policy__isnull=False).values("policy_id")
    policies = (policy_documents().live().public()
                .filter(validity=ArticlePage.Validity.IN_FORCE, published_on__lt=end_of_today)
                .exclude(pk__in=interpreted).order_by("published_on", "id"))
    findings: list[Finding] = []
    for policy in policies:
        published = timezone.localdate(policy.published_on)
        due = interpretation_due(published)
        if today <= due:
            continue
        findings.append(Finding("warn", _(
            "政策文件“%(title)s”（%(published)s 发布）已超过 %(n)s 个工作日（期限至 %(due)s）仍未发布政策解读"
            "（政策解读应与政策文件同步发布，%(basis)s）。"
        ) % {"title": policy.title, "published": published.isoformat(), "n": interpretation_working_days(),
             "due": due.isoformat(), "basis": BASIS}, policy.pk))
    return findings
