"""The lists on the portal: browse and filter, an item with its flowchart, this year's adjustments, downloads, search."""

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yifa.powers import actions
from yifa.powers.content import Basis
from yifa.powers.models import Flowchart, PowerVersion

from .conftest import BASIS, JOB, D, approve, power, proposal

PENALTY = {"code": "0200101000", "name": "对未取得食品经营许可从事食品经营活动的处罚", "power_type": "02",
               "statutory_limit": None, "statutory_unit": "", "promised_limit": None, "promised_unit": ""}


def queries(client, url):
    client.get(url)  # the first view of an item renders and stores its flowchart
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def two_departments(department, other_department, listed_power):
    approve(department, proposal(power(**PENALTY)))
    approve(other_department, proposal(power("0100201000", "药品经营许可")))
    return listed_power


def test_the_list_shows_every_department_and_filters_by_department_type_and_name(client, two_departments,
                                                                                 other_department):
    page = client.get("/powers/").content.decode()
    assert "食品经营许可" in page and "药品经营许可" in page and "共列入行政职权 3 项" in page
    only_other = client.get(f"/powers/?department={other_department.code}").content.decode()
    assert "药品经营许可" in only_other and "食品经营许可" not in only_other
    penalties = client.get("/powers/?type=02").content.decode()
    assert "对未取得食品经营许可" in penalties and "药品经营许可" not in penalties
    by_name = client.get("/powers/?q=药品").content.decode()
    assert "药品经营许可" in by_name and "对未取得食品经营许可" not in by_name


def test_the_lead_counts_powers_and_public_services_for_the_city_or_the_chosen_department(
        client, two_departments, department, other_department):
    approve(other_department, proposal(power("2000101000", "政策咨询服务", "20")))
    city = client.get("/powers/").content.decode()
    assert "本市各部门共列入行政职权 3 项、公共服务事项 1 项。" in city and "共 4 项" in city
    own = client.get(f"/powers/?department={department.code}").content.decode()
    assert f"{department.name}列入行政职权 2 项、公共服务事项 0 项。" in own


def test_the_list_as_of_an_earlier_date_shows_the_list_as_it_stood(client, department, listed_power):
    approve(department, proposal(None, kind="cancel", code="0100101000", when=D(2016, 9, 1)))
    assert "食品经营许可" in client.get("/powers/?as_of=2016-08-31").content.decode()
    assert "食品经营许可" not in client.get("/powers/?as_of=2016-09-01").content.decode()
    ended = client.get("/powers/?as_of=2016-09-01&status=ended").content.decode()
    assert "食品经营许可" in ended and "已失效" in ended


def test_malformed_filters_get_a_notice_not_an_error(client, listed_power):
    response = client.get("/powers/?as_of=2016-13-45&department=nope&type=99&p=abc&status=<script>")
    page = response.content.decode()
    assert response.status_code == 200
    assert "不是有效的日期" in page and "没有代码为“nope”的部门" in page and "未知的事项类型" in page
    assert "<script>" not in page


def test_the_list_page_costs_the_same_queries_for_one_item_and_for_many(client, department, listed_power):
    one = queries(client, "/powers/")
    approve(department, *[proposal(power(f"01{n:05d}000", f"许可事项{n}")) for n in range(2, 60)])
    assert queries(client, "/powers/") == one
    assert queries(client, "/powers/?p=3") == one


def test_the_item_page_shows_basis_responsibilities_limits_flowchart_and_history(client, department, listed_power):
    approve(department, proposal(power(promised_limit=7), kind="modify", when=D(2017, 3, 1),
                                 document=("关于压缩办理时限的通知", "肇政办发〔2017〕3号")))
    page = client.get(f"/powers/items/{listed_power.item_id}/").content.decode()
    assert "《中华人民共和国行政许可法》第三十二条" in page
    assert "受理" in page and "事后监管" in page  # the standard steps of 行政许可
    assert "承诺时限：7 个工作日" in page and "法定时限：20 个工作日" in page
    assert "<svg" in page and "权力运行流程图" in page and "下载流程图（SVG）" in page
    assert "肇政发〔2016〕18号" in page and "肇政办发〔2017〕3号" in page  # the history, both adjustments
    earlier = client.get(f"/powers/items/{listed_power.item_id}/?as_of=2016-12-31").content.decode()
    assert "承诺时限：10 个工作日" in earlier and "显示 2016-12-31 的版本" in earlier


def test_the_item_page_costs_the_same_queries_however_long_the_list(client, department, listed_power):
    url = f"/powers/items/{listed_power.item_id}/"
    one = queries(client, url)
    approve(department, *[proposal(power(f"01{n:05d}000", f"许可事项{n}")) for n in range(2, 60)])
    assert queries(client, url) == one


def test_an_unknown_or_draft_item_is_not_found(client, department, listed_power):
    actions.propose(actor=JOB, department=department, proposals=[proposal(power("0100102000", "食品生产许可"))])
    draft = PowerVersion.objects.get(effective_from__isnull=True)
    assert client.get(f"/powers/items/{draft.item_id}/").status_code == 404
    assert client.get("/powers/items/999999/").status_code == 404
    assert client.get(f"/powers/items/{draft.item_id}/flowchart.svg").status_code == 404


def test_the_flowchart_downloads_as_an_svg_file_with_its_steps_and_limits(client, listed_power):
    response = client.get(f"/powers/items/{listed_power.item_id}/flowchart.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "liuchengtu-0100101000-20160630.svg" in response["Content-Disposition"]
    svg = response.content.decode()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "受理" in svg and "承诺时限：10 个工作日" in svg and "办结" in svg
    assert "script-src" not in response.get("Content-Security-Policy", "") and "default-src 'none'" in response[
        "Content-Security-Policy"]


def test_the_flowchart_changes_when_the_item_changes(client, department, listed_power):
    url = f"/powers/items/{listed_power.item_id}/flowchart.svg"
    before = client.get(url).content.decode()
    steps = (("受理", "窗口受理申请"), ("现场核查", "两名工作人员现场核查经营场所"), ("决定", "作出许可决定"))
    from yifa.powers.content import Step

    approve(department, proposal(power(promised_limit=5, responsibilities=tuple(Step(s, d) for s, d in steps)),
                                 kind="modify", when=D(2017, 3, 1)))
    after = client.get(url).content.decode()
    assert after != before
    assert "现场核查" in after and "承诺时限：5 个工作日" in after and "事后监管" not in after
    assert client.get(url + "?as_of=2016-12-31").content.decode() == before  # the old version keeps its chart
    assert Flowchart.objects.count() == 2


def test_this_years_adjustments_page_lists_them_with_the_years_figures(client, department, listed_power):
    year = timezone.localdate().year
    approve(department, proposal(power("0100102000", "食品生产许可"), kind="take_over", when=D(year, 1, 5),
                                 decided_by="province", counterpart="黑龙江省人民政府"))
    page = client.get("/powers/adjustments/").content.decode()
    assert "食品生产许可" in page and "承接" in page and "黑龙江省人民政府" in page
    assert "食品经营许可" not in page  # added in 2016, not this year
    assert "食品经营许可" in client.get("/powers/adjustments/?year=2016").content.decode()
    assert client.get("/powers/adjustments/?year=abc&list=x&kind=y").status_code == 200
    assert client.get("/powers/adjustments/?year=99999").status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_the_public_downloads_the_filtered_list(client, two_departments, other_department, fmt):
    response = client.get(f"/powers/download/powers.{fmt}?department={other_department.code}&as_of=2017-01-01")
    assert response.status_code == 200
    assert f'filename="quanze-qingdan-{other_department.code}-2017-01-01.{fmt}"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True)["权力清单"]
        names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    elif fmt == "csv":
        names = [line.split(",")[1] for line in body.decode("utf-8-sig").splitlines()[1:]]
    else:
        names = [item["name"] for item in json.loads(body)["items"]]
    assert names == ["药品经营许可"]


def test_an_unknown_download_is_not_found(client, db):
    assert client.get("/powers/download/powers.pdf").status_code == 404
    assert client.get("/powers/download/nothing.csv").status_code == 404


def test_the_template_downloads_with_the_columns_and_the_instructions(client, db):
    from yifa.powers.spreadsheet import COLUMNS

    book = openpyxl.load_workbook(io.BytesIO(client.get("/powers/template.xlsx").content), read_only=True)
    assert book.sheetnames == ["权力清单", "填写说明"]
    assert list(next(book["权力清单"].iter_rows(values_only=True))) == list(COLUMNS)


# --- the site search -------------------------------------------------------------------------------


def search_keys(query):
    from yifa.search.query import search

    return [hit.key for hit in search(query, source="powers.item", per_page=50).items]


def test_an_approved_power_is_in_the_site_search_once_the_approval_commits(department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve(department, proposal(power()))
    item_id = PowerVersion.objects.get().item_id
    assert search_keys("食品经营许可") == [str(item_id)]


def test_the_site_search_page_finds_a_power_by_its_name(client, department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve(department, proposal(power()))
    item_id = PowerVersion.objects.get().item_id
    page = client.get("/search/", {"q": "食品经营许可"}).content.decode()
    assert f"/powers/items/{item_id}/" in page


def test_a_cancelled_power_leaves_the_search_and_a_future_one_enters_it_when_the_daily_job_publishes_it(
        department, django_capture_on_commit_callbacks):
    import time_machine

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        approve(department, proposal(power()))
        approve(department, proposal(None, kind="cancel", code="0100101000", when=today))
    assert search_keys("食品经营许可") == []
    tomorrow = today + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        approve(department, proposal(power("0100102000", "食品生产许可"), when=tomorrow))
    assert search_keys("食品生产许可") == []  # approved, not yet in force
    with time_machine.travel(dt.datetime.combine(tomorrow, dt.time(1)).astimezone(), tick=False):
        assert actions.take_effect(actor=JOB) == 1
    assert len(search_keys("食品生产许可")) == 1


def test_a_power_is_found_by_its_type_department_basis_and_steps_not_only_its_name(
        department, django_capture_on_commit_callbacks):
    from yifa.powers.content import Step

    steps = (Step("受理", "对申请材料进行审查", ""), Step("送达", "送达许可证件", ""))
    with django_capture_on_commit_callbacks(execute=True):
        approve(department, proposal(power(responsibilities=steps, handling_office="行政审批科")))
    item_id = str(PowerVersion.objects.get().item_id)
    for words in ("行政许可法", "第三十二条", "行政审批科", department.name, "0100101000"):
        assert search_keys(words) == [item_id], words


def test_indexing_a_whole_list_at_once_gives_the_same_documents_as_one_by_one(department, monkeypatch):
    from yifa.powers import search as power_search
    from yifa.search.models import IndexedDocument

    other = Basis("中华人民共和国食品安全法", "第三十五条", "国家对食品生产经营实行许可制度。")
    approve(department, proposal(power()), proposal(power("0100102000", "食品生产许可", bases=(BASIS, other))))
    ids = list(PowerVersion.objects.values_list("item_id", flat=True))
    fields = ("key", "title", "body", "url", "column", "published_at")

    power_search.sync_items(ids)
    one_by_one = list(IndexedDocument.objects.filter(source="powers.item").order_by("key").values(*fields))
    monkeypatch.setattr(power_search, "BULK_THRESHOLD", 1)
    power_search.sync_items(ids)
    in_bulk = list(IndexedDocument.objects.filter(source="powers.item").order_by("key").values(*fields))
    assert in_bulk == one_by_one and len(in_bulk) == 2
    assert one_by_one[0]["url"] == f"/powers/items/{one_by_one[0]['key']}/"
    bodies = {document["title"]: document["body"] for document in one_by_one}
    assert "《中华人民共和国行政许可法》第三十二条；《中华人民共和国食品安全法》第三十五条" in bodies["食品生产许可"]


def test_the_list_reads_in_english_with_an_english_date(client, listed_power):
    page = client.get("/powers/?as_of=2017-01-01", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "As of Jan. 1, 2017, the city's departments have listed 1 administrative powers" in page
