import smtplib

import pytest

from yifa.disclosure.tests.conftest import new_request, registered  # noqa: F401  (fixtures)
from yifa.interaction.tests.conftest import new_message, replied  # noqa: F401  (fixtures)
from yifa.notifications.models import Delivery, Notification
from yifa.notifications.sms import SmsBackend, SmsRejected
from yifa.powers.tests.conftest import listed_power  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def mail_to_staff(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://zwgk.example.gov.cn"


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def inbox_of(user):
    return list(Notification.objects.filter(recipient_user=user).values_list("kind", flat=True))


def deliveries_to(address):
    return Delivery.objects.filter(address=address)


class FailingEmailBackend:
    """A mail server that cannot be reached."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class BouncingEmailBackend:
    """A mail server that refuses the recipient for good (550)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"5.1.1 User unknown")})


class RecordingSms(SmsBackend):
    sent: list[tuple[str, str]] = []
    reject: set[str] = set()
    down = False

    def send(self, phone, text):
        if RecordingSms.down:
            raise TimeoutError("gateway timed out")
        if phone in RecordingSms.reject:
            raise SmsRejected("空号")
        RecordingSms.sent.append((phone, text))


@pytest.fixture
def sms(settings):
    settings.YIFA_SMS_BACKEND = "yifa.notifications.tests.conftest.RecordingSms"
    RecordingSms.sent, RecordingSms.reject, RecordingSms.down = [], set(), False
    return RecordingSms
