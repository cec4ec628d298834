"""机构信息: the index (/jigou/) and each agency's page (/jigou/<code>/), generated from the organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yifa.audit.actors import SystemJob
from yifa.core.modules import AgencyLink, Module, agency_links, register_module, unregister_module
from yifa.org import actions
from yifa.org.models import Department, InternalUnit, Leader, Staff
from yifa.powers.tests.conftest import approve, power, proposal
from yifa.testing.factories import make_department, make_user

JOB = SystemJob("test")


@pytest.fixture
def agency(department):
    department.functions = "负责市场综合监督管理。\n负责食品安全监督管理。"
    department.address = "黑龙江省肇东市东升路 185 号"
    department.office_hours = "周一至周五 8:30—17:00"
    department.phone = "0455-7700026"
    department.email = "scjgj@zhaodong.example"
    actions.save_agency_info(actor=JOB, department=department)
    InternalUnit.objects.create(department=department, name="食品安全监管股", functions="负责食品生产经营监管。")
    Leader.objects.create(department=department, name="王长江", post="局长", duties="主持全面工作。", sort_order=1)
    Leader.objects.create(department=department, name="前任局长", post="局长", is_active=False)
    return department


def test_the_index_lists_agencies_by_group_with_their_official_phone(client, agency, db):
    town = make_department("肇东市昌五镇人民政府", code="changwu")
    town.kind = Department.Kind.TOWN
    town.save()
    gone = make_department("肇东市已撤销局", code="gone")
    gone.is_active = False
    gone.save()
    page = client.get("/jigou/").content.decode()
    assert "市政府工作部门" in page and "乡镇" in page
    assert f'href="/jigou/{agency.code}/"' in page and "0455-7700026" in page
    assert 'href="/jigou/changwu/"' in page
    assert page.index(agency.name) < page.index("肇东市昌五镇人民政府")  # departments before towns
    assert "已撤销局" not in page


def test_the_index_takes_a_fixed_number_of_queries_however_many_agencies(client, db):
    for _ in range(3):
        make_department()
    client.get("/jigou/")
    with CaptureQueriesContext(connection) as few:
        client.get("/jigou/")
    for _ in range(10):
        make_department()
    with CaptureQueriesContext(connection) as many:
        client.get("/jigou/")
    assert len(many) == len(few)


def test_an_agency_page_shows_functions_units_leaders_and_contacts(client, agency):
    page = client.get(f"/jigou/{agency.code}/").content.decode()
    for text in ("机构职能", "负责食品安全监督管理。", "内设机构", "食品安全监管股", "负责食品生产经营监管。",
                 "领导信息", "王长江", "主持全面工作。", "黑龙江省肇东市东升路 185 号", "周一至周五 8:30—17:00",
                 "0455-7700026", "scjgj@zhaodong.example"):
        assert text in page, text
    assert "前任局长" not in page  # a leader no longer in office is not shown


def test_an_agency_page_links_into_what_the_agency_publishes(client, agency):
    approve(agency, proposal(power()))
    page = client.get(f"/jigou/{agency.code}/").content.decode()
    assert f'href="/powers/?department={agency.code}"' in page
    assert f'href="/hdjl/liuyan/gongkai/?department={agency.code}"' in page
    assert f'href="/yishenqing/dafu/?department={agency.code}"' in page
    assert f'href="/yishenqing/?department={agency.code}"' in page
    assert f'href="/jigou/{agency.code}/xinxi/"' in page
    links = {str(link.label): link for link in agency_links(agency)}
    assert links["权责清单"].count == 1
    assert links["留言选登"].count == 0 and links["依申请公开答复"].count == 0
    assert links["申请政府信息公开"].count is None


def test_a_module_plugs_its_own_links_in_through_the_registry(client, agency):
    register_module(Module("scratch-agency", agency_links=lambda d: [AgencyLink("公开指南", f"/guide/{d.code}/", 2)]))
    try:
        page = client.get(f"/jigou/{agency.code}/").content.decode()
    finally:
        unregister_module("scratch-agency")
    assert f'href="/guide/{agency.code}/"' in page and "公开指南" in page


def test_the_request_and_message_forms_preselect_the_agency_of_the_link(client, agency):
    for url in ("/yishenqing/", "/hdjl/liuyan/"):
        page = client.get(f"{url}?department={agency.code}").content.decode()
        assert f'<option value="{agency.pk}" selected>' in page, url
        unknown = client.get(f"{url}?department=nope%3Cscript%3E")
        assert unknown.status_code == 200 and f'<option value="{agency.pk}" selected>' not in unknown.content.decode()


def test_an_agency_page_never_shows_a_staff_members_own_phone_id_or_email(client, agency):
    user = make_user("department_editor", agency)
    user.email = "liu.chunmei@personal.example"
    user.save()
    Staff.objects.filter(user=user).update(name="刘私人", phone="13804551234", position="科员")
    Staff.objects.create(name="赵编外", department=agency, employment_type=Staff.EmploymentType.CONTRACT,
                         phone="230102199001011234")
    page = client.get(f"/jigou/{agency.code}/").content.decode()
    for private in ("13804551234", "liu.chunmei@personal.example", "刘私人", "230102199001011234", "赵编外"):
        assert private not in page


def test_an_unknown_or_abolished_agency_is_not_found(client, agency):
    assert client.get("/jigou/nope/").status_code == 404
    assert client.get("/jigou/nope/xinxi/").status_code == 404
    agency.is_active = False
    agency.save()
    assert client.get(f"/jigou/{agency.code}/").status_code == 404
    assert client.get("/jigou/%3Cscript%3E/").status_code == 404


def test_an_agency_page_reads_in_english(client, agency):
    page = client.get(f"/jigou/{agency.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("Functions", "Internal units", "Leadership", "Contact", "Office hours", "Published information",
                 "Power and responsibility list", "Agencies"):
        assert text in page, text
    index = client.get("/jigou/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "City government departments" in index and "Find an agency" in index


def test_the_agency_pages_go_into_the_page_cache_and_leave_it_when_the_agency_changes(
        client, agency, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    url = f"/jigou/{agency.code}/"
    assert client.get(url)["X-Yifa-Cache"] == "miss"
    assert client.get(url)["X-Yifa-Cache"] == "hit"
    agency.office_hours = "周一至周五 9:00—17:00"
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_agency_info(actor=JOB, department=agency)
    response = client.get(url)
    assert response["X-Yifa-Cache"] == "miss" and "9:00—17:00" in response.content.decode()


def test_the_articles_the_agency_issued_are_listed_on_its_page(client, settings, db):
    from yifa.org.demo import load as load_org
    from yifa.portal.demo import load_portal_demo

    settings.ALLOWED_HOSTS = ["*"]
    load_org()
    load_portal_demo()
    page = client.get("/jigou/scjgj/").content.decode()
    assert "关于公布2016年度“双随机”抽查结果的公告" in page
    listing = client.get("/jigou/scjgj/xinxi/").content.decode()
    assert "关于公布2016年度“双随机”抽查结果的公告" in listing
    assert "全市政务公开工作培训会召开" not in listing  # the government office's, not this agency's
    column = client.get("/zwgk/jgxx/").content.decode()
    assert 'href="/jigou/"' in column  # the demo's column 政务公开 › 机构信息 shows the index


# --- leader photos: shown where the city publishes one, a neutral block where it does not ------------------------


def png_bytes() -> bytes:
    """A plain grey rectangle (no one's likeness): enough for Pillow to accept it as a photo."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (96, 128), (200, 200, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_leader_without_a_photo_gets_a_neutral_block_and_no_image(client, portal, agency):
    html = client.get(f"/jigou/{agency.code}/").content.decode()
    assert 'leader-card__photo--none" aria-hidden="true">王</span>' in html
    assert '<img class="leader-card__photo"' not in html


def test_a_photo_uploaded_in_the_back_office_shows_on_the_agency_page(client, portal, agency, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user("department_editor", agency))
    leader = Leader.objects.get(name="王长江")
    form = {"department": agency.pk, "name": "王长江", "post": "局长", "duties": "主持全面工作。", "sort_order": 1,
            "is_active": "on"}
    not_an_image = client.post(f"/admin/leader/edit/{leader.pk}/",
                               {**form, "photo": SimpleUploadedFile("wang.png", b"<html>not an image</html>")})
    assert not_an_image.status_code == 200 and not Leader.objects.get(pk=leader.pk).photo
    response = client.post(f"/admin/leader/edit/{leader.pk}/",
                           {**form, "photo": SimpleUploadedFile("wang.png", png_bytes(), content_type="image/png")})
    assert response.status_code == 302, response.content.decode()[:2000]
    leader.refresh_from_db()
    assert leader.photo.name.startswith("org/leaders/")
    client.logout()
    html = client.get(f"/jigou/{agency.code}/").content.decode()
    assert f'<img class="leader-card__photo" src="{leader.photo.url}" alt="王长江"' in html
    assert "leader-card__photo--none" not in html
    image = client.get(leader.photo.url)
    assert image.status_code == 200 and b"".join(image.streaming_content).startswith(b"\x89PNG")


def test_a_photo_whose_file_is_gone_shows_the_neutral_block_not_a_broken_image(client, portal, agency, settings,
                                                                              tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Leader.objects.filter(name="王长江").update(photo="org/leaders/missing.png")
    html = client.get(f"/jigou/{agency.code}/").content.decode()
    assert "missing.png" not in html and 'leader-card__photo--none" aria-hidden="true">王</span>' in html
