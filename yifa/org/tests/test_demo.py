import io
from collections import Counter

import pytest
from django.core.management import call_command

from yifa.org.models import Department, Region, Staff
from yifa.org.validators import validate_uscc

pytestmark = pytest.mark.release_review  # the demo as it loads in production


def test_demo_builds_zhaodong_and_is_idempotent(db):
    out = io.StringIO()
    call_command("demo", only=["org"], stdout=out)
    counts = (Region.objects.count(), Department.objects.count(), Staff.objects.count())
    call_command("demo", only=["org"], stdout=out)
    assert (Region.objects.count(), Department.objects.count(), Staff.objects.count()) == counts
    levels = Counter(Region.objects.values_list("level", flat=True))
    assert levels["town"] + levels["township"] == 22
    assert levels["subdistrict"] == 4
    assert levels["village"] + levels["community"] == 130
    assert Department.objects.count() == 34
    assert Department.objects.filter(is_legal_affairs_office=True).get().code == "sfj"
    for department in Department.objects.all():
        validate_uscc(department.credit_code)
