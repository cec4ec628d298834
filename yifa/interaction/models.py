"""Public messages (公众留言) to a department through the portal's 互动交流 column.

A message is a case: it is received, replied to (drafted by the department's editor), and
published with its reply by the department head, or closed as not accepted (spam, a duplicate,
not the department's business). The citizen's phone and e-mail never reach the portal, nor their
name unless they allowed it: the portal shows messages only through `selectors.public_message`.
A message has a reply deadline of the local rule's period (a setting: 5 working days, 15 once the
department marks it complex; see actions.py); three months unanswered is the national website
inspection's automatic failure, a website check (checks.py), not the period.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yifa.casework.models import Case
from yifa.core.tracking import new_tracking_code

SUBJECT_MAX = 100
CONTENT_MAX = 2000
REPLY_MAX = 5000
NAME_MAX = 30


def new_query_code() -> str:
    # Unguessable; with the phone it was left with, it is what shows a message's status to its author.
    return new_tracking_code("LY")


class Salutation(models.TextChoices):
    MR = "先生", _("先生")
    MS = "女士", _("女士")


class Message(Case):
    class Status(models.TextChoices):
        RECEIVED = "received", _("待答复")
        REPLIED = "replied", _("已答复待公开")
        PUBLISHED = "published", _("已公开")
        CLOSED = "closed", _("不予受理")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("已答复")
        NOT_ACCEPTED = "not_accepted", _("不予受理")

    class CloseReason(models.TextChoices):
        SPAM = "spam", _("广告、垃圾信息")
        DUPLICATE = "duplicate", _("重复留言")
        OUT_OF_SCOPE = "out_of_scope", _("不属于本部门职责或留言受理范围")
        UNLAWFUL = "unlawful", _("含有违法、侮辱或泄露他人隐私的内容")
        UNCLEAR = "unclear", _("内容不清，无法答复")
        OTHER = "other", _("其他")

    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.RECEIVED,
                              db_index=True)
    outcome = models.CharField(_("结果"), max_length=32, choices=Outcome.choices, blank=True, db_index=True)
    query_code = models.CharField(_("查询码"), max_length=16, unique=True, default=new_query_code)

    subject = models.CharField(_("留言标题"), max_length=SUBJECT_MAX)
    content = models.TextField(_("留言内容"), validators=[MaxLengthValidator(CONTENT_MAX)])
    name = models.CharField(_("姓名"), max_length=NAME_MAX)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # What the portal shows for the author: "网友" unless they chose their surname with 先生 or 女士 — never
    # the full name of a natural person (the website inspection's privacy check; 个人信息保护法 art.25).
    publish_name = models.BooleanField(_("同意公开姓氏"), default=False)
    salutation = models.CharField(_("称谓"), max_length=4, choices=Salutation.choices, blank=True)

    submitted_at = models.DateTimeField(_("留言时间"), default=timezone.now, db_index=True)
    received_on = models.DateField(_("收到之日"), db_index=True)

    reply = models.TextField(_("答复内容"), blank=True, validators=[MaxLengthValidator(REPLY_MAX)])
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, db_index=True)
    # The day the reply was first made public: the message counts as answered from then on.
    answered_on = models.DateField(_("首次公开答复之日"), null=True, blank=True)

    # Marked by the department head, with the reason: its reply period is the complex one (a local rule).
    is_complex = models.BooleanField(_("复杂留言"), default=False)
    complex_reason = models.TextField(_("复杂留言的理由"), blank=True)

    close_reason = models.CharField(_("不予受理理由"), max_length=16, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(_("不予受理说明"), blank=True)

    CLOSED_STATUSES: ClassVar[frozenset[str]] = frozenset({Status.PUBLISHED, Status.CLOSED})

    class Meta:
        verbose_name = _("公众留言")
        verbose_name_plural = _("公众留言")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["department", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    @property
    def public_author(self) -> str:
        from .selectors import public_name

        return public_name(self.name, self.publish_name, self.salutation)

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED
