"""`export-powers`: one record per power item in force on the date, by department, in xlsx, csv and JSON."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from .conftest import D, approve, power, proposal


@pytest.fixture
def changed_later(department, listed_power):
    approve(department, proposal(power(promised_limit=7), kind="modify", when=D(2017, 3, 1)))
    return listed_power


def test_json_has_one_record_per_item_in_force_on_the_date(changed_later, tmp_path):
    out = tmp_path / "powers.json"
    call_command("export-powers", "--format", "json", "--as-of", "2016-12-31", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2016-12-31" and data["count"] == 1
    assert [(i["basic_code"], i["promised_time_limit"]["length"]) for i in data["items"]] == [("0100101000", 10)]
    call_command("export-powers", "--format", "json", "--as-of", "2017-03-01", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["items"][0]["promised_time_limit"]["length"] == 7


def test_xlsx_and_csv_filter_by_department(changed_later, other_department, tmp_path):
    approve(other_department, proposal(power("0100201000", "药品经营许可")))
    xlsx = tmp_path / "p.xlsx"
    call_command("export-powers", "--format", "xlsx", "--department", other_department.code, "-o", str(xlsx))
    sheet = openpyxl.load_workbook(xlsx, read_only=True)["权力清单"]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["药品经营许可"]
    csv_file = tmp_path / "p.csv"
    call_command("export-powers", "--format", "csv", "--department", "test", "-o", str(csv_file))
    lines = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and "食品经营许可" in lines[1]


def test_bad_arguments_get_a_message(db):
    with pytest.raises(CommandError, match="不是有效的日期"):
        call_command("export-powers", "--format", "csv", "--as-of", "2016/01/01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="没有代码为“nope”的部门"):
        call_command("export-powers", "--format", "csv", "--department", "nope", stdout=io.StringIO())
    with pytest.raises(CommandError, match="-o"):
        call_command("export-powers", "--format", "xlsx")
