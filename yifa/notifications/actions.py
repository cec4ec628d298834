"""Every write of the notifications: creating a notification with its deliveries, sending a delivery (and
retrying it with back-off), marking read, a user's channels, and addresses that bounce.

Sending never happens inside the action that caused it: the deliveries are queued in its transaction and
sent after it commits (`transaction.on_commit` → a django-tasks task). An unreachable mail server or SMS
gateway fails the delivery — recorded with its error and tried again later (`retry_due_deliveries`, run by
`yifa notifications retry` and the daily job) — never the action. After `YIFA_NOTIFY_MAX_ATTEMPTS` attempts a
delivery is failed for good, and stays in the log; an address the server refuses for good is marked bounced
and nothing more is sent to it until it is cleared.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor, SystemJob
from yifa.core.contact import MOBILE, mask_phone, normalise_phone
from yifa.core.errors import ActionRefused
from yifa.core.masking import mask_email

from .kinds import DEFAULT_CHANNELS, Channel, EventKind
from .models import BouncedAddress, Delivery, Notification, Preference
from .policies import delivery_policy
from .sms import SmsRejected, sms_backend

logger = logging.getLogger("yifa.notifications")

Status = Delivery.Status
RETRY_JOB = SystemJob("notifications.retry")
# While one process sends a delivery, no other picks it up (a lease, longer than any SMTP timeout).
LEASE = dt.timedelta(minutes=10)
FIRST_RETRY = dt.timedelta(minutes=5)
LONGEST_WAIT = dt.timedelta(hours=24)
MAX_ERROR = 2000


class AddressRejected(Exception):
    """The mail server refused the recipient's address for good (a 5xx answer to RCPT): a bounce."""


def max_attempts() -> int:
    return max(int(getattr(settings, "YIFA_NOTIFY_MAX_ATTEMPTS", 8)), 1)


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt: 5, 15, 45 minutes … at most a day."""
    return min(FIRST_RETRY * 3 ** min(max(attempts - 1, 0), 10), LONGEST_WAIT)


# --- to whom, in which language, by which channels ------------------------------------------------------


def user_language(user: Any) -> str:
    """The language the user chose for the back office (Wagtail's account settings), else the default."""
    try:
        chosen = user.wagtail_userprofile.preferred_language
    except Exception:  # no profile yet
        chosen = ""
    return chosen or settings.LANGUAGE_CODE


def normalise_address(channel: str, address: str) -> str:
    address = (address or "").strip()
    if channel == Channel.EMAIL:
        return address.lower()
    if channel == Channel.SMS:
        return normalise_phone(address).replace("-", "").replace(" ", "")
    return address


def user_mobile(user: Any, preference: Preference | None) -> str:
    if preference is not None and preference.mobile:
        return preference.mobile
    staff = getattr(user, "staff", None)
    phone = normalise_address(Channel.SMS, getattr(staff, "phone", "") or "")
    return phone if MOBILE.match(phone) else ""


def channels_for(user: Any, kind: str) -> list[tuple[str, str]]:
    """(channel, address) beyond the inbox, as the user chose for this kind (e-mail by default); a channel
    without an address (no e-mail on the account, no mobile number) is left out."""
    preference = Preference.objects.filter(user=user).first()
    if preference is None:
        wanted = set(DEFAULT_CHANNELS.get(kind, ()))
    else:
        wanted = {channel for channel, kinds in ((Channel.EMAIL, preference.email_kinds),
                                                 (Channel.SMS, preference.sms_kinds)) if kind in kinds}
    found = []
    if Channel.EMAIL in wanted and user.email:
        found.append((Channel.EMAIL.value, normalise_address(Channel.EMAIL, user.email)))
    if Channel.SMS in wanted and (mobile := user_mobile(user, preference)):
        found.append((Channel.SMS.value, mobile))
    return found


def person_label(user: Any) -> str:
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


# --- creating notifications -----------------------------------------------------------------------------


def _target_fields(target: models.Model | None) -> dict[str, Any]:
    if target is None:
        return {}
    # The reference, never str(case): a request's str() carries the applicant's name.
    return {"target_type": ContentType.objects.get_for_model(target), "target_id": str(target.pk),
            "target_repr": str(getattr(target, "reference", "") or target)[:120],
            "department_id": getattr(target, "department_id", None)}


def notify_user(*, user: Any, kind: str, subject: Callable[[], str], body: Callable[[], str],
                target: models.Model | None = None, url: str = "", dedupe_key: str = "") -> Notification | None:
    """One notification to a back-office user: in their inbox, and by the channels they chose for `kind`.

    `subject()` and `body()` are called in the user's language. With a `dedupe_key` the user gets it once:
    a second call with the same key does nothing (returns None). Call inside the causing action's
    transaction; the deliveries go out after it commits."""
    if user is None or not user.is_active:
        return None
    if dedupe_key and Notification.objects.filter(recipient_user=user, dedupe_key=dedupe_key).exists():
        return None
    language = user_language(user)
    with translation.override(language):
        rendered_subject, rendered_body = str(subject())[:200], str(body())
    now = timezone.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient_user=user, recipient_label=person_label(user)[:150], kind=kind, language=language,
                subject=rendered_subject, body=rendered_body, url=url[:300], dedupe_key=dedupe_key[:120],
                created_at=now, **_target_fields(target))
            Delivery.objects.create(notification=notification, channel=Channel.INBOX, status=Status.SENT,
                                    attempts=1, sent_at=now, created_at=now)
            queued = _queue(notification, channels_for(user, kind), now)
    except IntegrityError:  # the same reminder, made at the same moment by another run
        return None
    send_after_commit(queued)
    return notification


def notify_citizen(*, target: models.Model, label: str, channels: Iterable[tuple[str, str]], language: str,
                   subject: Callable[[], str], body: Callable[[], str], url: str = "") -> Notification:
    """One notification to the citizen behind a case (no account, no inbox): by the channels and addresses
    they gave. `label` names them in the log by their part ("申请人"), never by name. Recorded even when
    they gave no usable address (then it has no delivery, and the log says so)."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        rendered_subject, rendered_body = str(subject())[:200], str(body())
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient_user=None, recipient_label=label[:150], kind=EventKind.CASE_STEP, language=language,
            subject=rendered_subject, body=rendered_body, url=url[:300], created_at=now, **_target_fields(target))
        usable = [(channel, normalise_address(channel, address)) for channel, address in channels if address]
        queued = _queue(notification, usable, now)
    send_after_commit(queued)
    return notification


def _queue(notification: Notification, channels: Sequence[tuple[str, str]], now: dt.datetime) -> list[int]:
    """A delivery per channel: queued to send now, or bounced at once for an address known to bounce."""
    bounced = set(BouncedAddress.objects.filter(
        Q(*[Q(channel=channel, address=address) for channel, address in channels], _connector=Q.OR)
    ).values_list("channel", "address")) if channels else set()
    queued = []
    for channel, address in dict.fromkeys(channels):
        if (channel, address) in bounced:
            Delivery.objects.create(notification=notification, channel=channel, address=address,
                                    status=Status.BOUNCED, created_at=now,
                                    last_error=_("该地址此前已退信或被拒收，未发送。"))
            transaction.on_commit(lambda: _undelivered(notification.pk), robust=True)
            continue
        delivery = Delivery.objects.create(notification=notification, channel=channel, address=address,
                                           status=Status.QUEUED, next_attempt_at=now, created_at=now)
        queued.append(delivery.pk)
    return queued


def send_after_commit(delivery_ids: list[int]) -> None:
    if delivery_ids:
        transaction.on_commit(lambda: enqueue_deliveries(delivery_ids), robust=True)


def enqueue_deliveries(delivery_ids: list[int], run_after: dt.datetime | None = None) -> None:
    """Hand the deliveries to the task backend. If that fails they stay queued: the retry run sends them."""
    from .tasks import deliver_task

    try:
        task = deliver_task
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the retry run (`yifa notifications retry`) sends it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(delivery_ids)
    except Exception:
        logger.exception("could not enqueue deliveries %s; the retry run will send them", delivery_ids)


# --- sending ----------------------------------------------------------------------------------------------


def deliver(delivery_ids: Iterable[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for pk in delivery_ids:
        status = send_delivery(pk)
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


def send_delivery(pk: int, *, now: dt.datetime | None = None) -> str | None:
    """Try one queued delivery that is due. Returns its status after the attempt ("queued" again when it will
    be retried), or None when it was not due or another process has it."""
    now = now or timezone.now()
    # Claimed by one UPDATE: of two processes, only one sends it.
    claimed = Delivery.objects.filter(pk=pk, status=Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("notification").get(pk=pk)
    if BouncedAddress.objects.filter(channel=delivery.channel, address=delivery.address).exists():
        return _finish(delivery, Status.BOUNCED, error=_("该地址此前已退信或被拒收，未发送。"))
    try:
        _transmit(delivery)
    except (AddressRejected, SmsRejected) as rejected:
        error = _one_line(rejected)
        _remember_bounce(delivery.channel, delivery.address, error)
        return _finish(delivery, Status.BOUNCED, error=error)
    except Exception as error:
        logger.warning("delivery %s (%s) failed, attempt %s: %s", pk, delivery.channel, delivery.attempts,
                       _one_line(error))
        if delivery.attempts >= max_attempts():
            return _finish(delivery, Status.FAILED, error=_one_line(error))
        retry_at = now + backoff(delivery.attempts)
        Delivery.objects.filter(pk=pk).update(last_error=_one_line(error), next_attempt_at=retry_at)
        enqueue_deliveries([pk], run_after=retry_at)
        return Status.QUEUED
    return _finish(delivery, Status.SENT, sent_at=timezone.now())


def _finish(delivery: Delivery, status: str, *, error: str = "", sent_at: dt.datetime | None = None) -> str:
    Delivery.objects.filter(pk=delivery.pk).update(status=status, last_error=error[:MAX_ERROR], sent_at=sent_at,
                                                   next_attempt_at=None)
    if status in (Status.FAILED, Status.BOUNCED):
        _undelivered(delivery.notification_id)
    return status


def _undelivered(notification_id: int) -> None:
    """Tell the case's handlers that a citizen was not reached; a failure here never fails the delivery run."""
    from .events import tell_undelivered

    try:
        with transaction.atomic():
            tell_undelivered(notification_id)
    except Exception:
        logger.exception("could not tell the handlers about undelivered notification %s", notification_id)


def _transmit(delivery: Delivery) -> None:
    notification = delivery.notification
    with translation.override(notification.language):
        if delivery.channel == Channel.EMAIL:
            _send_email(delivery.address, notification)
        elif delivery.channel == Channel.SMS:
            sms_backend().send(delivery.address, sms_text(notification))
        else:
            raise ValueError(f"no sender for channel {delivery.channel!r}")


def email_text(notification: Notification) -> str:
    lines = [notification.body]
    if notification.recipient_user_id and notification.url:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        lines += ["", _("查看：%(url)s") % {"url": base + notification.url}]
        lines += ["", _("此邮件由系统自动发送，请勿回复。接收方式可在后台“通知设置”中更改。")]
    else:
        lines += ["", _("此邮件由%(site)s自动发送，请勿回复。") % {"site": settings.WAGTAIL_SITE_NAME}]
    return "\n".join(lines)


def sms_text(notification: Notification) -> str:
    return notification.body


def _send_email(address: str, notification: Notification) -> None:
    message = EmailMessage(subject=notification.subject, body=email_text(notification),
                           from_email=settings.DEFAULT_FROM_EMAIL, to=[address])
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as refused:
        codes = [code for code, _message in refused.recipients.values()]
        if codes and all(500 <= int(code) < 600 for code in codes):
            raise AddressRejected(_("邮件服务器拒收该地址：%(answer)s") % {"answer": _smtp_answer(refused)}) from None
        raise


def _smtp_answer(refused: smtplib.SMTPRecipientsRefused) -> str:
    parts = []
    for code, message in refused.recipients.values():
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        parts.append(f"{code} {text}")
    return "; ".join(parts)


def _remember_bounce(channel: str, address: str, reason: str) -> None:
    try:
        with transaction.atomic():
            BouncedAddress.objects.get_or_create(channel=channel, address=address, defaults={"reason": reason})
    except IntegrityError:
        pass  # recorded meanwhile by another delivery


def _one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text[:MAX_ERROR]


def retry_due_deliveries(*, now: dt.datetime | None = None, limit: int = 1000) -> dict[str, int]:
    """Send every queued delivery whose time has come (new ones the task backend never ran, and retries)."""
    now = now or timezone.now()
    due = list(Delivery.objects.filter(status=Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ).order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    counts: dict[str, int] = {}
    for pk in due:
        status = send_delivery(pk, now=now)
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


def retry_summary(counts: dict[str, int]) -> str:
    return _("已发送 %(sent)s，待重试 %(queued)s，不再重试 %(failed)s，退信 %(bounced)s。") % {
        "sent": counts.get(Status.SENT, 0), "queued": counts.get(Status.QUEUED, 0),
        "failed": counts.get(Status.FAILED, 0), "bounced": counts.get(Status.BOUNCED, 0)}


# --- the inbox --------------------------------------------------------------------------------------------


def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (`ids`, or all of them). Another person's are untouched.

    Not in the audit log: whether a person has read their own inbox is the inbox's state, kept on the row."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("请先登录。"))
    qs = Notification.objects.filter(recipient_user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


# --- preferences ----------------------------------------------------------------------------------------


def save_preferences(*, actor: Any, user: Any, email_kinds: Iterable[str], sms_kinds: Iterable[str],
                     mobile: str = "", language: str | None = None) -> Preference:
    """A user's channels per event kind and SMS number (and back-office language): only their own."""
    if not getattr(actor, "is_authenticated", False) or actor.pk != user.pk:
        raise PermissionDenied(_("只能修改自己的通知设置。"))
    known = {kind for kind, _label in EventKind.choices}
    email = sorted(set(email_kinds) & known)
    sms = sorted(set(sms_kinds) & known)
    mobile = normalise_address(Channel.SMS, mobile)
    if mobile and not MOBILE.match(mobile):
        raise ActionRefused(_("请填写正确的手机号码（11 位，以 1 开头）。"))
    if sms and not (mobile or user_mobile(user, None)):
        raise ActionRefused(_("选择短信通知，请填写接收短信的手机号码。"))
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
        old = {"email_kinds": preference.email_kinds, "sms_kinds": preference.sms_kinds,
               "mobile": bool(preference.mobile)}
        preference.email_kinds, preference.sms_kinds, preference.mobile = email, sms, mobile
        preference.save()
        new = {"email_kinds": email, "sms_kinds": sms, "mobile": bool(mobile)}
        if language is not None:
            from wagtail.users.models import UserProfile

            profile = UserProfile.get_for_user(user)
            if profile.preferred_language != language:
                old["language"], new["language"] = profile.preferred_language, language
                profile.preferred_language = language
                profile.save(update_fields=["preferred_language"])
        # The number itself stays out of the log (personal data); only whether one is set.
        record_event(actor=actor, event_type="notifications.preferences_changed", target=preference, old=old, new=new)
    return preference


# --- bounced addresses ------------------------------------------------------------------------------------


def mark_bounced(*, actor: Actor, channel: str, address: str, reason: str = "") -> int:
    """Record that `address` bounces (a bounce report came back): nothing more is sent to it, and its
    queued deliveries are marked bounced. Returns how many were."""
    check_actor(delivery_policy, actor, "change")
    channel, address = _checked_address(channel, address)
    reason = (reason or "").strip()[:MAX_ERROR] or _("退信")
    with transaction.atomic():
        BouncedAddress.objects.update_or_create(channel=channel, address=address, defaults={"reason": reason})
        stopped = Delivery.objects.filter(channel=channel, address=address, status=Status.QUEUED).update(
            status=Status.BOUNCED, last_error=reason, next_attempt_at=None)
        record_event(actor=actor, event_type="notifications.address_bounced", reason=reason,
                     new={"channel": channel, "address": masked(channel, address), "stopped": stopped})
    return stopped


def clear_bounce(*, actor: Actor, channel: str, address: str) -> bool:
    """The address works again (corrected): it may be sent to again. Earlier deliveries stay as recorded."""
    check_actor(delivery_policy, actor, "change")
    channel, address = _checked_address(channel, address)
    with transaction.atomic():
        deleted, _rows = BouncedAddress.objects.filter(channel=channel, address=address).delete()
        if deleted:
            record_event(actor=actor, event_type="notifications.bounce_cleared",
                         new={"channel": channel, "address": masked(channel, address)})
    return bool(deleted)


def masked(channel: str, address: str) -> str:
    """An address as the audit log keeps it: enough to recognise, not to read off."""
    return mask_email(address) if channel == Channel.EMAIL else mask_phone(address)


def _checked_address(channel: str, address: str) -> tuple[str, str]:
    if channel not in (Channel.EMAIL, Channel.SMS):
        raise ActionRefused(_("渠道只能是 email 或 sms。"))
    address = normalise_address(channel, address)
    if not address or len(address) > 254:
        raise ActionRefused(_("请填写地址（电子邮箱或手机号码）。"))
    return channel, address
