"""The benchmarks through the back office, the staff API and the portal: the same actions, the same refusals,
department scoping (a department's staff edit their own; the legal affairs office sees all), no 500 on bad input."""

import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from yifa.api.actions import issue_api_token
from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.enforcement.benchmarks import actions
from yifa.enforcement.benchmarks.models import BenchmarkVersion
from yifa.enforcement.registration import MODULE

from .conftest import adopt, food_spec
from .test_import import price_rows, xlsx

D = dt.date
CALC = "/admin/enforcement/benchmarks/calculator/"
IMPORT = "/admin/enforcement/benchmarks/import/"
API = "/api/enforcement/benchmarks"


def bearer(user):
    _row, token = issue_api_token(actor=user, user=user)
    return {"Authorization": f"Bearer {token}"}


# --- back office -------------------------------------------------------------------------------------------


def test_calculator_screen_explains_the_tier_and_checks_a_fine(client, editor, food_benchmark):
    client.force_login(editor)
    page = client.get(CALC, {"benchmark": food_benchmark.pk, "on": "2024-03-01", "circumstances": ["remedied"],
                             "goods_value": "30000", "amount": "450000", "calculate": "1"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "适用从轻处罚阶次" in text
    assert "300,000元至390,000元" in text
    assert "第一百二十四条第一款第（五）项" in text
    assert "须书面说明理由，并提交法制审核" in text


@pytest.mark.parametrize("params", [
    {"benchmark": "abc"}, {"benchmark": "999999"}, {"on": "2024-13-45"},
    {"benchmark": "{pk}", "calculate": "1", "goods_value": "一万"},
    {"benchmark": "{pk}", "calculate": "1", "goods_value": "100", "circumstances": ["nope"]},
    {"benchmark": "{pk}", "calculate": "1", "goods_value": "100", "amount": "-3"},
])
def test_calculator_screen_answers_bad_input_with_a_message(client, editor, food_benchmark, params):
    client.force_login(editor)
    params = {k: (str(food_benchmark.pk) if v == "{pk}" else v) for k, v in params.items()}
    page = client.get(CALC, params)
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()


def test_another_departments_benchmark_is_not_offered_but_the_legal_affairs_office_sees_it(
        client, outsider, legal_officer, food_benchmark):
    client.force_login(outsider)
    page = client.get(CALC, {"benchmark": food_benchmark.pk, "on": "2024-03-01"})
    assert "经营超过保质期的食品" not in page.content.decode()
    client.force_login(legal_officer)
    page = client.get(CALC, {"benchmark": food_benchmark.pk, "on": "2024-03-01"})
    assert "初次违法且危害后果轻微并及时改正" in page.content.decode()


def test_import_screen_imports_and_refuses_by_row(client, editor, department, penalty_power):
    client.force_login(editor)
    bad = io.BytesIO(xlsx(price_rows(**{"从重处罚": {"下限": 2500}})))
    bad.name = "bad.xlsx"
    page = client.post(IMPORT, {"department": department.pk, "file": bad})
    assert page.status_code == 422
    assert "未导入任何内容" in page.content.decode() and "重叠" in page.content.decode()
    assert BenchmarkVersion.objects.count() == 0
    good = io.BytesIO(xlsx(price_rows()))
    good.name = "good.xlsx"
    response = client.post(IMPORT, {"department": department.pk, "file": good})
    assert response.status_code == 302
    assert BenchmarkVersion.objects.get().code == "JG-001"


def test_import_screen_refuses_those_who_may_not_adopt(client, legal_officer, department, penalty_power):
    client.force_login(legal_officer)
    assert client.get(IMPORT).status_code in (302, 403)


def test_back_office_list_and_export(client, editor, department, food_benchmark):
    client.force_login(editor)
    assert "经营超过保质期的食品" in client.get("/admin/enforcement/benchmarks/").content.decode()
    export = client.get("/admin/enforcement/benchmarks/export/", {"as_of": "2020-01-01"})
    assert export.status_code == 200 and export.content[:2] == b"PK"


# --- staff API ---------------------------------------------------------------------------------------------


def test_api_recommend_and_check(client, editor, food_benchmark):
    body = {"benchmark": food_benchmark.pk, "circumstances": ["remedied", "refused"],
            "facts": {"goods_value": "30000"}, "on": "2024-03-01", "amount": "700000"}
    response = client.post(f"{API}/recommend", json.dumps(body), content_type="application/json",
                           headers=bearer(editor))
    assert response.status_code == 200, response.content
    data = response.json()
    # 一般 13–17 倍 of 30,000: 390,000–510,000; 700,000 > 20 × 30,000: outside every tier.
    assert (data["tier"], data["minimum"], data["maximum"]) == ("ordinary", "390000.00", "510000.00")
    assert data["check"]["verdict"] == "outside" and data["check"]["allowed"] is False


@pytest.mark.parametrize("body", [
    {"benchmark": "{pk}", "facts": {"goods_value": "abc"}},
    {"benchmark": "{pk}", "facts": {}},
    {"benchmark": "{pk}", "facts": {"goods_value": "1"}, "circumstances": ["x"]},
    {"benchmark": "{pk}", "facts": {"goods_value": "1"}, "on": "1999-01-01"},
])
def test_api_recommend_refuses_bad_input_with_422(client, editor, food_benchmark, body):
    body = {k: (food_benchmark.pk if v == "{pk}" else v) for k, v in body.items()}
    response = client.post(f"{API}/recommend", json.dumps(body), content_type="application/json",
                           headers=bearer(editor))
    assert response.status_code == 422, response.content
    assert response.json()["detail"]


def test_api_hides_another_departments_benchmark_and_needs_a_token(client, outsider, food_benchmark):
    body = json.dumps({"benchmark": food_benchmark.pk, "facts": {"goods_value": "1"}})
    assert client.post(f"{API}/recommend", body, content_type="application/json",
                       headers=bearer(outsider)).status_code == 404
    assert client.post(f"{API}/recommend", body, content_type="application/json").status_code == 401


def test_api_import_refuses_by_row_and_another_department_gets_403(client, editor, outsider, department, penalty_power):
    bad = io.BytesIO(xlsx(price_rows(**{"一般处罚": {"下限": 3000, "上限": 1000}})))
    bad.name = "bad.xlsx"
    response = client.post(f"{API}/import", {"department": department.code, "file": bad}, headers=bearer(editor))
    assert response.status_code == 422
    assert response.json()["problems"][0]["row"] == 3
    good = io.BytesIO(xlsx(price_rows()))
    good.name = "good.xlsx"
    response = client.post(f"{API}/import", {"department": department.code, "file": good}, headers=bearer(outsider))
    assert response.status_code == 403
    assert BenchmarkVersion.objects.count() == 0
    good.seek(0)
    response = client.post(f"{API}/import", {"department": department.code, "file": good}, headers=bearer(editor))
    assert response.status_code == 200 and response.json()["imported"][0]["code"] == "JG-001"


def test_api_withdraws_only_a_version_not_yet_in_force(client, editor, outsider, department, food_benchmark):
    later = timezone.localdate() + dt.timedelta(days=30)
    [future] = adopt(department, food_spec(later, ordinary_low="70000"))
    current = BenchmarkVersion.objects.get(benchmark=food_benchmark, effective_from=D(2016, 7, 1))
    assert BenchmarkVersion.objects.get(pk=current.pk).effective_to == later
    url = f"{API}/versions/{future.pk}/withdraw"
    body = json.dumps({"reason": "与上级基准不一致"})
    assert client.post(url, body, content_type="application/json", headers=bearer(outsider)).status_code == 403
    assert client.post(f"{API}/versions/{current.pk}/withdraw", body, content_type="application/json",
                       headers=bearer(editor)).status_code == 409
    assert client.post(url, body, content_type="application/json", headers=bearer(editor)).status_code == 200
    assert BenchmarkVersion.objects.get(pk=current.pk).effective_to is None
    assert AuditEvent.objects.filter(event_type="enforcement.benchmark_withdrawn").count() == 1


def test_api_lists_benchmarks_in_force(client, legal_officer, food_benchmark):
    data = client.get(API, {"as_of": "2017-01-01"}, headers=bearer(legal_officer)).json()
    [only] = data["benchmarks"]
    assert only["code"] == "SC-001" and len(only["brackets"]) == 2
    assert client.get(API, {"department": "nope"}, headers=bearer(legal_officer)).status_code == 404


# --- portal and the daily job ------------------------------------------------------------------------------


def test_public_page_lists_tiers_by_department_and_never_500s(client, department, food_benchmark):
    page = client.get("/enforcement/benchmarks/", {"as_of": "2017-01-01"})
    text = page.content.decode()
    assert page.status_code == 200
    assert department.name in text and "经营超过保质期的食品" in text and "65,000 元至 85,000 元" in text
    assert "该日期没有有效的裁量基准" in client.get("/enforcement/benchmarks/", {"as_of": "2015-01-01"}).content.decode()
    for query in ({"as_of": "garbage"}, {"department": "<script>"}, {"as_of": "9999-99-99"}):
        assert client.get("/enforcement/benchmarks/", query).status_code == 200
    detail = client.get(f"/enforcement/benchmarks/{food_benchmark.pk}/")
    assert detail.status_code == 200 and "第一百二十四条第一款第（五）项" in detail.content.decode()
    assert client.get("/enforcement/benchmarks/999999/").status_code == 404
    assert client.get("/enforcement/benchmarks/download.xlsx").content[:2] == b"PK"


def test_daily_job_publishes_versions_on_their_date(department, food_benchmark):
    [job] = [j for j in MODULE.daily_jobs if j.name == "enforcement.benchmarks_take_effect"]
    adopt(department, food_spec(D(2030, 1, 1), ordinary_low="70000"))
    assert job.run(D(2029, 12, 31)) == "到期生效并公布的裁量基准 1 项。"
    assert BenchmarkVersion.objects.filter(published_at__isnull=True).get().effective_from == D(2030, 1, 1)
    assert actions.take_effect(actor=SystemJob("t"), today=D(2030, 1, 1)) == 1
    assert not BenchmarkVersion.objects.filter(published_at__isnull=True).exists()
    assert AuditEvent.objects.filter(event_type="enforcement.benchmarks_took_effect").count() == 2


def test_the_module_declares_the_listing_search_source_and_events():
    assert "enforcement_benchmarks" in [listing.name for listing in MODULE.listings]
    assert "enforcement.benchmark" in [source.name for source in MODULE.search_sources]
    assert "enforcement.benchmarks_refused" in MODULE.event_types
