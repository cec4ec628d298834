"""What a notification is about (its event kind) and the channels it goes by."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    # Back-office users
    ASSIGNED = "assigned", _("案件分派给我")
    WAITING = "waiting", _("案件等待我的角色办理")
    RETURNED = "returned", _("案件被退回给我")
    DUE_SOON = "due_soon", _("期限即将到期")
    OVERDUE = "overdue", _("期限已逾期")
    # A citizen's notification could not be delivered (failed after the retries, or bounced): the handlers are told,
    # so that the applicant is reached another way. Inbox only.
    UNDELIVERED = "undelivered", _("公众通知未送达")
    # Enforcement certificates (yifa.enforcement.personnel.jobs): one expiring soon (to its holder and the legal
    # affairs office), or cancelled by the daily job after a transfer, retirement or an abolished agency.
    CERTIFICATE = "certificate", _("执法证件到期、注销")
    # Citizens (applicants, message writers): each step of their case the module declares a notice for
    CASE_STEP = "case_step", _("办理进展（公众）")


STAFF_KINDS = (EventKind.ASSIGNED, EventKind.WAITING, EventKind.RETURNED, EventKind.DUE_SOON, EventKind.OVERDUE,
               EventKind.CERTIFICATE)


class Channel(models.TextChoices):
    INBOX = "inbox", _("站内通知")
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


# Channels a user may switch on or off per kind; the inbox always keeps a copy (it is the record they read).
OPTIONAL_CHANNELS = (Channel.EMAIL, Channel.SMS)
# Without a stored preference: the inbox and e-mail for every kind, no SMS (SMS may cost the city money).
DEFAULT_CHANNELS: dict[str, tuple[str, ...]] = dict.fromkeys(STAFF_KINDS, (Channel.EMAIL,))
