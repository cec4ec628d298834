import datetime as dt

import pytest

from yifa.audit.actors import PublicVisitor
from yifa.core.contact import resident_id_check_character
from yifa.disclosure import actions
from yifa.disclosure.models import DisclosureRequest


def valid_person_id(seed: int = 1) -> str:
    first17 = f"23128219800101{seed:03d}"
    return first17 + resident_id_check_character(first17)


@pytest.fixture
def new_request(department):
    """A request filed online for `department` on 2017-09-20, not yet registered."""

    def make(**overrides):
        values = {
            "department": department, "applicant_type": "natural_person", "applicant_name": "王建国",
            "id_number": valid_person_id(), "phone": "13804551234", "email": "wang@example.com", "address": "肇东市正阳大街1号",
            "description": "2017年城区道路改造工程的立项批复文件。", "delivery": "email", "channel": "online",
            "submitted_at": dt.datetime(2017, 9, 20, 9, 0, tzinfo=dt.UTC),
        }
        values.update(overrides)
        request = DisclosureRequest(**values)
        return actions.submit_request(actor=PublicVisitor("test"), request=request)

    return make


@pytest.fixture
def registered(new_request, editor):
    def make(received_on=dt.date(2017, 9, 20), **overrides):
        overrides.setdefault("submitted_at", dt.datetime.combine(received_on, dt.time(1, 0), tzinfo=dt.UTC))
        request = new_request(**overrides)
        return actions.register_request(actor=editor, request=request, channel="online", received_on=received_on)

    return make
