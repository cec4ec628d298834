import datetime as dt

import pytest
from django.utils import timezone

from yifa.audit.actors import PublicVisitor
from yifa.interaction import actions
from yifa.interaction.models import Message


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def new_message(department):
    """A message left for `department` on 2017-09-20 (or `left_on`), through the action."""

    def make(left_on=dt.date(2017, 9, 20), **overrides):
        values = {
            "department": department, "subject": "小区门前道路破损", "content": "正阳大街某小区门前道路坑洼，雨天积水严重。",
            "name": "王建国", "phone": "13804551234", "email": "wang@example.com", "publish_name": False,
            "submitted_at": at(left_on),
        }
        values.update(overrides)
        return actions.submit_message(actor=PublicVisitor("test", "10.0.0.1"), message=Message(**values))

    return make


@pytest.fixture
def replied(new_message, editor):
    def make(reply="您好！已安排维修，预计本月底完工。", **overrides):
        message = new_message(**overrides)
        return actions.reply_message(actor=editor, message=message, reply=reply)

    return make


@pytest.fixture
def published(replied, head):
    def make(**overrides):
        return actions.publish_message(actor=head, message=replied(**overrides))

    return make


@pytest.fixture
def form_data(department):
    return {
        "department": department.pk, "subject": "小区门前道路破损", "content": "正阳大街某小区门前道路坑洼，雨天积水严重。",
        "name": "王建国", "phone": "138 0455 1234", "email": "Wang@Example.com", "website": "",
    }


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login
