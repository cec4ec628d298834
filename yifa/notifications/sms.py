"""The SMS gateway interface. A deployment names its gateway in `YIFA_SMS_BACKEND` (a dotted path to a
subclass of `SmsBackend`); the default, `LoggingSmsBackend`, only writes each message to the log.

A backend's `send(phone, text)` returns when the gateway accepted the message. It raises
`SmsRejected` when the gateway refuses the number for good (not a mobile, unknown, blocked): the
delivery is marked bounced and the number is not tried again. Any other exception is a failure to
retry later (the gateway unreachable, a timeout, a quota).
"""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("yifa.notifications.sms")


class SmsRejected(Exception):
    """The gateway refused this number for good: do not send to it again."""


class SmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LoggingSmsBackend(SmsBackend):
    """No gateway: each message goes to the log (level INFO, logger yifa.notifications.sms)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


@lru_cache(maxsize=4)
def _backend_class(path: str) -> type[SmsBackend]:
    return import_string(path)


def sms_backend() -> SmsBackend:
    return _backend_class(getattr(settings, "YIFA_SMS_BACKEND", "yifa.notifications.sms.LoggingSmsBackend"))()
