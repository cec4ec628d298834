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
    kinds = Counter(Department.objects.values_list("kind", flat=True))
    assert sum(kinds[k] for k in ("government", "institution", "vertical")) == 34
    assert (kinds["town"], kinds["subdistrict"]) == (22, 4)
    assert Department.objects.filter(is_legal_affairs_office=True).get().code == "sfj"
    for department in Department.objects.all():
        validate_uscc(department.credit_code)


def test_every_demo_agency_has_its_page_with_functions_units_leaders_and_official_contacts(db, client):
    call_command("demo", only=["org"], stdout=io.StringIO())
    agencies = list(Department.objects.filter(is_active=True))
    assert len(agencies) == 34 + 22 + 4
    index = client.get("/jigou/").content.decode()
    for agency in agencies:
        assert f'href="/jigou/{agency.code}/"' in index
        assert agency.functions and agency.office_hours and agency.phone and agency.address
        assert agency.internal_units.count() >= 4 and agency.leaders.filter(is_active=True).count() == 3
        agency.full_clean()  # the demo's numbers pass the checks an editor's do
    town = Department.objects.get(code="changwu")
    page = client.get("/jigou/changwu/").content.decode()
    assert town.name == "肇东市昌五镇人民政府" and "镇长" in page and "党政综合办公室" in page
    assert "街道办事处" in Department.objects.get(code="zhengyang").name
    assert "乡长" in client.get("/jigou/taiping/").content.decode()
