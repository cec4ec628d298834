"""The demo: a dozen messages across 2016–2017, most published, one long unanswered, one declined; idempotent."""

import io

from django.core.management import call_command

from yifa.audit.models import AuditEvent
from yifa.calendar.models import Deadline
from yifa.interaction.checks import unanswered_messages
from yifa.interaction.models import Message
from yifa.portal.models import ColumnPage


def test_the_demo_loads_a_dozen_messages_and_is_idempotent(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    out = io.StringIO()
    call_command("demo", only=["org", "calendar", "portal", "interaction"], stdout=out)
    counts = (Message.objects.count(), Deadline.objects.count(), AuditEvent.objects.count())
    call_command("demo", only=["interaction"], stdout=out)
    assert (Message.objects.count(), Deadline.objects.count(), AuditEvent.objects.count()) == counts
    assert Message.objects.count() == 12
    assert Message.objects.values("department").distinct().count() >= 8
    statuses = sorted(Message.objects.values_list("status", flat=True))
    assert statuses.count("published") == 10 and statuses.count("received") == 1 and statuses.count("closed") == 1
    years = {m.received_on.year for m in Message.objects.all()}
    assert years == {2016, 2017}
    unanswered = Message.objects.get(status="received")
    assert unanswered.department.code == "scjgj"  # the demo editor's and head's department
    assert [f.level for f in unanswered_messages(unanswered.received_on.replace(year=2018))] == ["fail"]
    assert ColumnPage.objects.get(slug="hdjl").module_listing == "interaction"
    for message in Message.objects.filter(status="published"):
        deadline = Deadline.objects.for_object(message).get()
        assert deadline.status == "completed" and deadline.completed_on <= deadline.due_date


def test_the_column_links_to_the_message_form(db, settings, client):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("demo", only=["org", "calendar", "portal", "interaction"], stdout=io.StringIO())
    body = client.get("/hdjl/").content.decode()
    assert 'href="/hdjl/liuyan/"' in body and "我要留言" in body
