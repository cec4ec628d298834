"""The demo: a dozen messages across 2016–2017, all concluded (most published, one declined); idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from yifa.audit.models import AuditEvent
from yifa.calendar.models import Deadline
from yifa.interaction.checks import unanswered_messages
from yifa.interaction.models import Message
from yifa.portal.models import ColumnPage

pytestmark = pytest.mark.release_review  # the demo as it loads in production


def test_the_demo_loads_a_dozen_concluded_messages_of_2016_and_2017_and_is_idempotent(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_DEMO_TODAY = "2025-06-16"
    out = io.StringIO()
    call_command("demo", only=["org", "calendar", "portal", "interaction"], stdout=out)
    counts = (Message.objects.count(), Deadline.objects.count(), AuditEvent.objects.count())
    call_command("demo", only=["interaction"], stdout=out)
    assert (Message.objects.count(), Deadline.objects.count(), AuditEvent.objects.count()) == counts
    history = Message.objects.filter(received_on__year__lte=2017)
    assert history.count() == 12
    assert history.values("department").distinct().count() >= 8
    statuses = sorted(history.values_list("status", flat=True))
    assert statuses.count("published") == 11 and statuses.count("closed") == 1
    assert ColumnPage.objects.get(slug="hdjl").module_listing == "interaction"
    for message in history.filter(status="published"):
        deadline = Deadline.objects.for_object(message).get()
        assert deadline.status == "completed" and deadline.completed_on <= deadline.due_date
    # The current work is days old, not months: nothing is near the inspection's three months unanswered.
    assert unanswered_messages(dt.date(2025, 6, 16)) == []
    assert Message.objects.filter(received_on__gte=dt.date(2025, 5, 1), status="received").exists()


def test_the_column_links_to_the_message_form(db, settings, client):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("demo", only=["org", "calendar", "portal", "interaction"], stdout=io.StringIO())
    body = client.get("/hdjl/").content.decode()
    assert 'href="/hdjl/liuyan/"' in body and "我要留言" in body
