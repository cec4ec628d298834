"""The xlsx import and export: a round trip, refusals by row with nothing written, hostile files."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.enforcement.benchmarks import actions, selectors
from yifa.enforcement.benchmarks.calculator import recommend
from yifa.enforcement.benchmarks.content import BenchmarkRefused
from yifa.enforcement.benchmarks.models import Benchmark, BenchmarkVersion, Tier
from yifa.enforcement.benchmarks.spreadsheet import COLUMNS, export_xlsx
from yifa.powers.importer import ImportFileRejected

from .conftest import JOB, PENALTY_CODE, adopt, food_spec

D = dt.date


def xlsx(rows, columns=COLUMNS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "裁量基准"
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def price_rows(**changes):
    """价格法 art.42 (明码标价): 可以并处五千元以下的罚款 — three tiers by hand; `changes` maps tier → cells."""
    common = {"基准编号": "JG-001", "违法行为": "不按规定明码标价", "权力事项编码": PENALTY_CODE,
              "法律法规名称": "中华人民共和国价格法", "违法条款": "第十三条第一款", "处罚依据条款": "第四十二条",
              "处罚种类": "罚款、没收违法所得", "幅度单位": "元", "法定最低": 0, "法定最高": 5000,
              "裁量情节": "remedied｜主动改正｜从轻处罚｜《中华人民共和国行政处罚法》第三十二条\nrepeat｜屡查屡犯｜从重处罚｜",
              "生效日期": "2016-07-01"}
    tiers = {"从轻处罚": (0, 1000), "一般处罚": (1000, 3000), "从重处罚": (3000, 5000)}
    rows = []
    for label, (low, high) in tiers.items():
        row = common | {"裁量阶次": label, "下限": low, "上限": high}
        row.update(changes.get(label, {}))
        if row.get("裁量阶次") is not None:
            rows.append(row)
    return rows


def counts():
    return (Benchmark.objects.count(), BenchmarkVersion.objects.count(), Tier.objects.count())


def import_file(department, data, actor=JOB):
    return actions.import_benchmarks(actor=actor, department=department, source=data, filename="基准.xlsx")


def test_import_reads_tiers_circumstances_and_dates(department, penalty_power):
    [version] = import_file(department, xlsx(price_rows()))
    rec = recommend(version, circumstances={"remedied"}, on=D(2017, 1, 1))
    assert (rec.tier, rec.minimum, rec.maximum) == ("lenient", 0, 1000)
    assert version.penalty_types == ["fine", "confiscate_gain"]
    assert AuditEvent.objects.filter(event_type="enforcement.benchmarks_adopted").exists()


def test_export_imports_back_as_a_new_version(department, food_benchmark):
    data = export_xlsx(selectors.in_force(D(2017, 1, 1), department=department))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [dict(zip(COLUMNS, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 9  # 5 tiers of the 元 bracket + 4 of the 倍 bracket
    for row in rows:
        row["生效日期"] = "2022-01-01"
    [new] = import_file(department, xlsx(rows))
    assert new.benchmark_id == food_benchmark.pk
    old = BenchmarkVersion.objects.get(benchmark=food_benchmark, effective_from=D(2016, 7, 1))
    assert old.effective_to == D(2022, 1, 1)
    facts = {"goods_value": 30000}
    before = recommend(food_benchmark, circumstances={"remedied", "refused"}, facts=facts, on=D(2021, 1, 1))
    after = recommend(food_benchmark, circumstances={"remedied", "refused"}, facts=facts, on=D(2022, 1, 1))
    assert (before.tiers, before.tier) == (after.tiers, after.tier)
    assert after.version_id == new.pk


@pytest.mark.parametrize(("changes", "row", "message"), [
    # 一般 1,000–3,000 and 从重 2,500–5,000 overlap on 2,500–3,000.
    ({"从重处罚": {"下限": 2500}}, 4, "重叠"),
    ({"从重处罚": {"裁量阶次": None}}, 2, "至少须设三个裁量阶次"),
    ({"一般处罚": {"下限": 3000, "上限": 1000}}, 3, "大于上限"),
    ({"从轻处罚": {"权力事项编码": "0299999000"}, "一般处罚": {"权力事项编码": "0299999000"},
      "从重处罚": {"权力事项编码": "0299999000"}}, 2, "不在本部门"),
    ({"从重处罚": {"上限": 6000}}, 4, "超出法定幅度"),
    ({"一般处罚": {"裁量阶次": "减轻处罚", "下限": 0, "上限": 100}}, 3, "不能设“减轻处罚”"),
    ({"一般处罚": {"下限": "一千"}}, 3, "不是数字"),
    ({"一般处罚": {"生效日期": "2016/07/01"}}, 3, "不是有效的日期"),
    ({"一般处罚": {"违法行为": "别的违法行为"}}, 3, "不一致"),
    ({"从轻处罚": {"处罚种类": "罚款、游街"}}, 2, "游街"),
])
def test_bad_rows_are_refused_by_row_and_nothing_is_written(department, penalty_power, changes, row, message):
    before = counts()
    with pytest.raises(BenchmarkRefused) as refused:
        import_file(department, xlsx(price_rows(**changes)))
    assert any(p.row == row and message in p.message for p in refused.value.problems), refused.value.problems
    assert "未保存任何内容" in str(refused.value)
    assert counts() == before
    assert AuditEvent.objects.filter(event_type="enforcement.benchmarks_refused").count() == 1


def test_one_bad_benchmark_refuses_the_whole_file(department, penalty_power):
    good = price_rows()
    bad = [r | {"基准编号": "JG-002"} for r in price_rows(**{"从重处罚": {"下限": 2500}})]
    with pytest.raises(BenchmarkRefused):
        import_file(department, xlsx(good + bad))
    assert counts() == (0, 0, 0)


def test_a_version_not_after_the_existing_one_is_refused(department, penalty_power):
    import_file(department, xlsx(price_rows()))
    with pytest.raises(BenchmarkRefused, match="须晚于已有版本"):
        import_file(department, xlsx(price_rows()))
    assert BenchmarkVersion.objects.count() == 1


def test_a_maximum_only_row_without_tiers_gets_the_default_split(department, penalty_power):
    row = price_rows()[0] | {"裁量阶次": "", "下限": "", "上限": ""}
    row["裁量情节"] = ""
    [version] = import_file(department, xlsx([row]))
    tiers = [(t.level, t.minimum, t.maximum) for t in Tier.objects.filter(bracket__version=version).order_by("minimum")]
    assert tiers == [("lenient", 0, 1000), ("ordinary", 2000, 3000), ("severe", 3000, 5000)]


def test_another_departments_staff_may_not_import(department, penalty_power, outsider):
    with pytest.raises(PermissionDenied):
        import_file(department, xlsx(price_rows()), actor=outsider)
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(("data", "message"), [
    ("基准编号,违法行为\nJG-001,x\n".encode(), "不是 xlsx"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "旧版 Excel"),
    (b"PK\x03\x04" + b"garbage" * 100, "损坏"),
    (b"", "不是 xlsx"),
])
def test_hostile_files_are_refused_with_a_message(department, penalty_power, data, message):
    with pytest.raises(ImportFileRejected, match=message):
        import_file(department, data)
    assert counts() == (0, 0, 0)
    assert AuditEvent.objects.filter(event_type="enforcement.benchmarks_refused").count() == 1


def test_wrong_columns_and_empty_sheets_are_refused(department, penalty_power):
    with pytest.raises(ImportFileRejected, match="缺少列"):
        import_file(department, xlsx(price_rows(), columns=COLUMNS[:-3]))
    with pytest.raises(ImportFileRejected, match="没有裁量基准"):
        import_file(department, xlsx([]))


def test_a_huge_file_is_refused_before_it_is_read(department, penalty_power):
    with pytest.raises(ImportFileRejected, match="60 MB"):
        import_file(department, b"PK\x03\x04" + b"\0" * (60 * 1024 * 1024 + 1))


def test_formula_looking_text_is_exported_as_text(department, penalty_power):
    adopt(department, food_spec(violation="=HYPERLINK(\"http://x\")"))
    data = export_xlsx(BenchmarkVersion.objects.all())
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["B2"]
    assert (cell.data_type, cell.value) == ("s", "=HYPERLINK(\"http://x\")")
