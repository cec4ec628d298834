"""`yifa deadline --period CODE`: a registered statutory period, taken from the version in force on the day.

Until the modules declare their statutes, the tests register scratch ones: the 政府信息公开条例's reply
period in its 2007 and 2019 texts, and the 行政诉讼法's six months to sue.
"""

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from yifa.calendar.periods import Period
from yifa.calendar.statutes import Statute, StatuteVersion, StatutoryPeriod
from yifa.core.modules import Module, only_modules

D = dt.date
ROOT = Path(__file__).resolve().parents[3]

DISCLOSURE = Statute("scratch", "政府信息公开条例", versions=[
    StatuteVersion("2007", D(2008, 5, 1), periods={
        "reply": StatutoryPeriod("答复期限", Period(15, max_extension=15), "第二十四条"),
    }),
    StatuteVersion("2019", D(2019, 5, 15), periods={
        "reply": StatutoryPeriod("答复期限", Period(20, max_extension=20), "第三十三条"),
        "correction": StatutoryPeriod("补正告知期限", Period(7, max_extension=0), "第三十条"),
    }),
])
LITIGATION = Statute("litigation", "中华人民共和国行政诉讼法", versions=[
    StatuteVersion("2017年修正", D(2017, 7, 1), periods={
        "filing": StatutoryPeriod("起诉期限", Period(6, "month"), "第四十六条"),
    }),
])


@pytest.fixture
def statutes(db):
    with only_modules(Module("scratch", statutes=[DISCLOSURE]), Module("litigation", statutes=[LITIGATION])):
        yield


def run(*args):
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


def test_a_period_is_computed_from_the_version_in_force_on_the_start_date_with_its_article(statutes):
    lines = run("--period", "scratch.reply", "--start", "2019-06-03")
    # 20 working days; 2019-06-07 (端午节, a Friday) is not counted.
    assert lines[0] == "2019-07-02  《政府信息公开条例》（2019）第三十三条"
    assert lines[1] == ("答复期限：20 个工作日，可延长 20 个工作日（最长期限）；依据《政府信息公开条例》（2019）第三十三条，"
                        "该版本的施行期间：2019-05-15 起。")
    assert lines[-1] == "到期日：2019-07-02（星期二）。"


def test_a_start_before_the_revision_takes_the_earlier_text(statutes):
    lines = run("--period", "scratch.reply", "--start", "2019-05-10")
    assert lines[0] == "2019-05-31  《政府信息公开条例》（2007）第二十四条"  # 15 working days
    assert lines[1].endswith("该版本的施行期间：2008-05-01 至 2019-05-14。")


def test_on_chooses_the_text_by_another_date_than_the_start(statutes):
    # A request received 2019-05-14 stays under the 2007 text even when counted from 2019-06-03.
    assert run("--period", "scratch.reply", "--start", "2019-06-03", "--on", "2019-05-14")[0].startswith("2019-06-25")


def test_an_extension_within_the_versions_maximum_is_counted(statutes):
    assert run("--period", "scratch.reply", "--start", "2019-06-03", "--extend", "20")[0].startswith("2019-07-30")


def test_a_month_period_is_computed_and_cited(statutes):
    lines = run("--period", "litigation.filing", "--start", "2017-08-31")
    assert lines[0] == "2018-02-28  《中华人民共和国行政诉讼法》（2017年修正）第四十六条"
    assert "以该月最后一日 2018-02-28（星期三） 为期间最后一日" in "\n".join(lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "scratch.reply", "--start", "2019-06-03", "--extend", "21"],
         "依《政府信息公开条例》（2019）第三十三条，答复期限最多延长 20 个工作日；延长合计 21 个工作日 超过了上限。"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--extend", "10", "--extend", "11"], "延长合计 21 个工作日"),
        (["--period", "scratch.reply", "--start", "2019-05-10", "--extend", "16"], "（2007）第二十四条，答复期限最多延长 15 个工作日"),
        (["--period", "scratch.correction", "--start", "2019-06-03", "--extend", "1"], "补正告知期限不得延长"),
        (["--period", "scratch.nope", "--start", "2019-06-03"],
         "未知的法定期间代码“scratch.nope”。已登记的代码：litigation.filing、scratch.correction、scratch.reply"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--on", "2008-04-30"], "2008-04-30 时《政府信息公开条例》尚未施行"),
        (["--period", "scratch.correction", "--start", "2018-06-01"], "施行的《政府信息公开条例》（2007）没有规定期间“scratch.correction”"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--on", "2019-13-01"], "适用日“2019-13-01”不是有效的日期"),
        (["--period", "scratch.reply", "--start", "2019/6/31"], "不是有效的日期"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--length", "20"], "不能再用 --length 指定"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--unit", "day", "--kind", "min"],
         "不能再用 --unit、--kind 指定"),
        (["--period", "scratch.reply"], "请用 --start 给出起算日"),
        (["--start", "2019-06-03", "--length", "20", "--on", "2019-06-01"], "--on 只与 --period 一起使用"),
        (["--start", "2019-06-03"], "请给出 --length"),
        (["--period", "scratch.reply", "--start", "2019-06-03", "--extend", "ten"], "延长期限“ten”不是整数"),
    ],
)
def test_bad_input_gets_a_message_in_chinese(statutes, args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert message in str(refused.value)


def test_with_no_statute_registered_the_command_says_so(db):
    with only_modules():
        assert run("--list-periods") == ["尚未登记任何法定期间（各模块在 Module(statutes=[...]) 中声明）。"]
        with pytest.raises(CommandError, match="尚未登记任何法定期间"):
            run("--period", "disclosure.reply", "--start", "2019-06-03")


def test_list_periods_shows_every_version_with_its_dates_length_unit_extension_and_article(statutes):
    lines = [line.split("\t") for line in run("--list-periods")]
    assert lines[0] == ["代码", "法规", "版本", "施行", "期间", "长度", "单位", "类型", "延长上限", "条文"]
    assert lines[1:] == [
        ["litigation.filing", "《中华人民共和国行政诉讼法》", "2017年修正", "2017-07-01 起", "起诉期限", "6", "月", "最长期限",
         "未规定", "第四十六条"],
        ["scratch.correction", "《政府信息公开条例》", "2019", "2019-05-15 起", "补正告知期限", "7", "工作日", "最长期限",
         "不得延长", "第三十条"],
        ["scratch.reply", "《政府信息公开条例》", "2007", "2008-05-01 至 2019-05-14", "答复期限", "15", "工作日",
         "最长期限", "15 个工作日", "第二十四条"],
        ["scratch.reply", "《政府信息公开条例》", "2019", "2019-05-15 起", "答复期限", "20", "工作日", "最长期限",
         "20 个工作日", "第三十三条"],
    ]


def test_the_month_unit_is_accepted_by_the_plain_command(db):
    assert run("--start", "2017-08-31", "--length", "6", "--unit", "month")[0] == "2018-02-28"


def test_from_the_shell_a_malformed_date_exits_with_the_message_and_no_traceback():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yifa.settings.test"}
    done = subprocess.run([sys.executable, "-m", "yifa", "deadline", "--start", "2017-02-30", "--length", "5"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "起算日“2017-02-30”不是有效的日期" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
