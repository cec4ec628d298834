"""`yifa deadline` and `yifa calendar`: the first line is the answer; nonsense gets a message, not a traceback."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from yifa.calendar.models import HolidayNotice
from yifa.calendar.workcalendar import PACKAGE_YEARS

NOTICES = Path(__file__).resolve().parents[1] / "notices"


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_the_deadline_command_prints_the_due_date_then_the_trace():
    lines = run("deadline", "--start", "2017-09-20", "--length", "20", "--unit", "working_day")
    assert lines[0] == "2017-10-24"
    assert lines[1].startswith("起算日 2017-09-20")
    assert lines[-1] == "到期日：2017-10-24（星期二）。"


@pytest.mark.django_db
def test_calendar_days_and_repeated_suspensions():
    assert run("deadline", "--start", "2017-09-20", "--length", "20", "--unit", "day")[0] == "2017-10-10"
    lines = run("deadline", "--start", "2017-09-20", "--length", "20", "--suspend", "2017-09-25:2017-09-26",
                "--suspend", "2017-09-27:2017-09-29")
    assert lines[0] == "2017-10-31"
    assert any("中止计时 5 日" in line for line in lines)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2017-09-20", "--length", "-3"], "必须是正整数"),
        (["--start", "2017-09-20", "--length", "twenty"], "不是整数"),
        (["--start", "2017-9-31", "--length", "20"], "不是有效的日期"),
        (["--start", "2017-09-20", "--length", "20", "--unit", "fortnight"], "未知的期间单位"),
        (["--start", "2017-09-20", "--length", "20", "--suspend", "2017-09-29:2017-09-25"], "早于开始日"),
        (["--start", "2017-09-20", "--length", "20", "--suspend", "2017-09-25"], "应写成 FROM:TO"),
    ],
)
def test_the_deadline_command_refuses_nonsense_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        run("deadline", *args)


@pytest.mark.django_db
def test_calendar_import_with_dry_run_changes_nothing_and_then_imports():
    path = str(NOTICES / "2016.txt")
    assert "试运行" in run("calendar", "import", path, "--year", "2016", "--dry-run")[-1]
    assert not HolidayNotice.objects.exists()
    assert "已导入" in run("calendar", "import", path, "--year", "2016")[-1]
    assert HolidayNotice.objects.get().document_number == "国办发明电〔2015〕18号"
    assert any("2016-05-02" in line for line in run("calendar", "show", "2016"))


@pytest.mark.django_db
def test_calendar_import_refuses_a_file_that_is_not_a_notice(tmp_path):
    not_text = tmp_path / "photo.txt"
    not_text.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match="这不是文本文件"):
        run("calendar", "import", str(not_text), "--year", "2027")
    with pytest.raises(CommandError, match="找不到文件"):
        run("calendar", "import", str(tmp_path / "missing.txt"), "--year", "2027")
    assert not HolidayNotice.objects.exists()


@pytest.mark.django_db
def test_calendar_status_marks_next_year_unconfirmed_until_its_notice_is_imported():
    next_year = timezone.localdate().year + 1
    if next_year in PACKAGE_YEARS:
        pytest.skip("the installed chinesecalendar already carries next year's notice")
    assert f"{next_year}: 未确认：尚未导入国务院办公厅节假日安排通知，按法定节假日和周末推算" in run("calendar", "status")
