"""Importing a department's list from the xlsx template: a clear answer for every bad file, and nothing written.

Each hostile file gets a message naming the row, the column and the reason (or what is wrong with
the file), and the database is left exactly as it was.
"""

import datetime as dt
import io
import os
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from yifa.powers import actions
from yifa.powers.exporter import export
from yifa.powers.importer import ImportFileRejected
from yifa.powers.models import Adjustment, ChangeRequest, PowerVersion
from yifa.powers.selectors import in_force
from yifa.powers.spreadsheet import COLUMNS
from yifa.powers.validation import ProposalRefused

from .conftest import JOB, D, row, table_counts, workbook


def run_import(department, data, **kwargs):
    return actions.import_powers(actor=JOB, department=department, path=data, filename="清单.xlsx", **kwargs)


def refused(department, data, **kwargs):
    """Import `data`, expect a refusal, prove nothing changed, and return the message."""
    before = table_counts()
    with pytest.raises((ProposalRefused, ImportFileRejected)) as error:
        run_import(department, data, **kwargs)
    assert table_counts() == before
    return error.value.message


def test_a_valid_file_becomes_a_draft_request_with_one_adjustment_per_changed_row(department):
    data = workbook([row(), row(基本编码="0200101000", 事项名称="对未取得许可从事食品经营的处罚", 事项类型="行政处罚",
                                法定办结时限=None, 法定时限单位=None, 承诺办结时限=None, 承诺时限单位=None, 责任事项=None,
                                追责情形=None)])
    outcome = run_import(department, data)
    assert outcome.plan.counts()["add"] == 2
    request = outcome.change_request
    assert request.status == "draft" and request.adjustments.count() == 2
    version = PowerVersion.objects.get(code="0100101000")
    assert version.effective_from is None  # a draft until the legal affairs office approves
    assert [s["step"] for s in version.responsibilities] == ["受理", "决定"]
    assert version.responsibilities[0]["accountability"] == "不一次告知的"
    assert version.implementation_code == f"{department.credit_code}40100101000"
    assert version.service_targets == ["natural_person", "enterprise"]


def test_reimporting_the_same_file_changes_nothing(department):
    data = workbook([row()])
    run_import(department, data)
    before = table_counts()
    outcome = run_import(department, data)
    assert outcome.plan.counts()["unchanged"] == 1 and not outcome.plan.proposals
    assert table_counts() == before


def test_an_exported_list_imports_back_unchanged(department, listed_power):
    buffer = io.BytesIO()
    export("power", "xlsx", buffer, as_of=D(2017, 1, 1), department=department)
    before = table_counts()
    outcome = run_import(department, buffer.getvalue())
    assert outcome.plan.counts() == {**outcome.plan.counts(), "rows": 1, "unchanged": 1}
    assert table_counts() == before


def test_a_changed_row_of_an_exported_list_becomes_a_modification(department, listed_power):
    buffer = io.BytesIO()
    export("power", "xlsx", buffer, as_of=D(2017, 1, 1), department=department)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["权力清单"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("承诺办结时限") + 1, 5)
    sheet.cell(2, header.index("生效日期") + 1, "2017-03-01")
    sheet.cell(2, header.index("文件依据") + 1, "关于压缩办理时限的通知（肇政办发〔2017〕3号）")
    changed = io.BytesIO()
    book.save(changed)
    outcome = run_import(department, changed.getvalue())
    assert outcome.plan.counts()["modify"] == 1
    adjustment = Adjustment.objects.get(applied_at__isnull=True)
    assert (adjustment.kind, adjustment.document_number) == ("modify", "肇政办发〔2017〕3号")


def test_a_dry_run_writes_nothing(department):
    before = table_counts()
    outcome = run_import(department, workbook([row()]), dry_run=True)
    assert outcome.plan.counts()["add"] == 1
    assert table_counts() == before


def test_a_file_that_is_not_xlsx_is_refused(department):
    assert "这不是 xlsx 文件" in refused(department, "基本编码,事项名称\n0100101000,食品经营许可\n".encode())


def test_an_old_xls_file_is_refused_with_how_to_convert_it(department):
    assert "另存为" in refused(department, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_a_damaged_xlsx_is_refused(department):
    assert "文件已损坏" in refused(department, b"PK\x03\x04" + b"garbage" * 100)


def test_a_zip_whose_parts_are_only_names_is_refused_as_damaged(department):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "不是工作簿")
    assert "文件已损坏" in refused(department, archive.getvalue())


def test_a_file_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read(department, monkeypatch):
    from yifa.powers import importer

    data = workbook([row()])
    monkeypatch.setattr(importer, "MAX_UNPACKED_BYTES", 10_000)
    assert "解压后超过" in refused(department, data)


def _far_apart(last_cell: str) -> bytes:
    """A tiny workbook with the template's header in row 1 and one more value at `last_cell`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "权力清单"
    sheet.append(COLUMNS)
    sheet[last_cell] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("last_cell", "shown"), [("XFD1048576", "XFD1048576"), ("Z1000000", "第 1000000 行"),
                                                  ("CZ2", "第 104 列")])
def test_a_sheet_whose_cells_reach_too_far_is_refused_before_it_is_read(department, last_cell, shown):
    data = _far_apart(last_cell)
    assert len(data) < 10_000
    message = refused(department, data)
    assert shown in message and "超出导入的范围" in message


def test_a_workbook_built_to_exhaust_memory_is_refused_within_a_bounded_process():
    """The 4.9 KB workbook that aborted the server (a dense grid of 17 billion cells): refused in a process
    that may not allocate more than 1 GB, instead of killing it."""
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as file:
        file.write(_far_apart("XFD1048576"))
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "import django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'yifa.settings.test')\n"
        "django.setup()\n"
        "from yifa.powers.importer import ImportFileRejected, read_power_rows\n"
        "try:\n"
        f"    read_power_rows({file.name!r})\n"
        "except ImportFileRejected as refusal:\n"
        "    print('REFUSED', refusal.message)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    os.unlink(file.name)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "REFUSED" in result.stdout and "XFD1048576" in result.stdout


def _implicit_positions(rows: int, columns: int) -> bytes:
    """A workbook whose cells carry no positions (r=""), one wide row then many short ones: nothing in
    the file names a far cell, yet the reader's dense grid is rows × columns."""
    book = openpyxl.Workbook()
    book.active.title = "权力清单"
    book.active["A1"] = "x"
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    hostile = io.BytesIO()
    cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b"<sheetData>")
                tail = rest.split(b"</sheetData>")[1]
                body = b"<row>" + cell * columns + b"</row>" + (b"<row>" + cell + b"</row>") * rows
                data = head + b"<sheetData>" + body + b"</sheetData>" + tail.replace(b'<dimension ref="A1:A1"/>', b"")
            target.writestr(entry, data)
    return hostile.getvalue()


def test_a_workbook_that_exhausts_the_readers_memory_another_way_is_refused_and_the_server_lives_on(department):
    data = _implicit_positions(rows=1_100_000, columns=300)  # 160 KB; 330 million cells to the reader
    assert len(data) < 500_000
    assert "内存超过上限" in refused(department, data)


def test_the_list_sheet_is_found_by_its_name_and_rows_keep_their_excel_numbers(department):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("权力清单")
    sheet.append(COLUMNS)
    sheet.append([])  # an empty row is skipped, and the next row is still called row 3
    sheet.append([row(生效日期="2016/06/30").get(c) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    message = refused(department, buffer.getvalue())
    assert "第 3 行" in message and "2016/06/30" in message


def test_a_renamed_column_is_named_in_the_answer(department):
    columns = ["项目名称" if c == "事项名称" else c for c in COLUMNS]
    message = refused(department, workbook([{**row(), "项目名称": "食品经营许可"}], columns=columns))
    assert "缺少列：事项名称" in message and "无法识别的列：项目名称（是否改了列名？）" in message


def test_a_missing_column_is_named_in_the_answer(department):
    message = refused(department, workbook([row()], columns=[c for c in COLUMNS if c != "承诺办结时限"]))
    assert "缺少列：承诺办结时限" in message


def test_merged_cells_are_refused_with_their_range(department):
    message = refused(department, workbook([row(), row(基本编码="0100102000", 事项名称="食品生产许可")], merge="C2:C3"))
    assert "合并单元格" in message and "C2:C3" in message


@pytest.mark.parametrize(("value", "expected"), [
    ("2016/06/30", "“2016/06/30”不是有效的日期，请按 YYYY-MM-DD 填写"),
    ("2016-02-30", "“2016-02-30”不是有效的日期"),
    (42551, "“42551”是数字而不是日期"),
    ("", "生效日期不能为空"),
])
def test_a_date_in_the_wrong_format_is_refused_naming_its_row_and_column(department, value, expected):
    message = refused(department, workbook([row(), row(基本编码="0100102000", 事项名称="食品生产许可", 生效日期=value)]))
    assert "第 3 行，“生效日期”列：" in message and expected in message


def test_a_real_excel_date_is_accepted(department):
    run_import(department, workbook([row(生效日期=dt.datetime(2016, 6, 30))]))
    assert Adjustment.objects.get().effective_date == D(2016, 6, 30)


def test_duplicate_codes_are_refused_naming_both_rows(department):
    message = refused(department, workbook([row(), row(事项名称="重复的事项")]))
    assert "第 3 行，“基本编码”列：基本编码“0100101000”与第 2 行重复。" in message


def test_an_unknown_type_is_refused_with_the_allowed_types(department):
    message = refused(department, workbook([row(事项类型="行政批准")]))
    assert "第 2 行，“事项类型”列：未知的事项类型“行政批准”" in message and "01 行政许可" in message


def test_an_unknown_department_is_refused(department):
    message = refused(department, workbook([row(联办机构="肇东市不存在局")]))
    assert "第 2 行，“联办机构”列：未知的联办机构“肇东市不存在局”" in message


def test_a_row_of_another_department_is_refused(department, other_department):
    message = refused(department, workbook([row(实施主体=other_department.name)]))
    assert f"本行属于“{other_department.name}”" in message


def test_a_code_typed_as_a_number_is_refused(department):
    assert "开头的 0 会丢失" in refused(department, workbook([row(基本编码=100101000)]))


def test_a_row_without_its_document_basis_is_refused(department):
    assert "“文件依据”列：调整须有文件依据" in refused(department, workbook([row(文件依据="")]))


def test_an_unknown_intermediary_service_is_refused(department):
    message = refused(department, workbook([row(是否存在中介服务="是", 中介服务事项="ZJ-none-001")]))
    assert "中介服务事项“ZJ-none-001”不在中介服务清单中" in message


def test_a_promised_limit_longer_than_the_statutory_one_is_refused(department):
    assert "不能长于法定办结时限" in refused(department, workbook([row(承诺办结时限=30)]))


def test_the_web_upload_refuses_files_beyond_its_row_limit(department):
    rows = [row(基本编码=f"01{n:05d}000", 事项名称=f"事项{n}") for n in range(1, 13)]
    message = refused(department, workbook(rows), max_rows=10)
    assert "超过 10 行" in message and "yifa import-powers" in message


@pytest.fixture(scope="session")
def hundred_thousand_rows(tmp_path_factory):
    """100,000 rows, the last one wrong: written once for the session."""
    path = tmp_path_factory.mktemp("powers") / "100000.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("权力清单")
    sheet.append(COLUMNS)
    template = row()
    for n in range(1, 100_001):
        values = {**template, "基本编码": f"02{n:05d}000" if n < 100_000 else f"02{n:05d}00",
                  "事项名称": f"对违法行为{n}的处罚", "事项类型": "02 行政处罚"}
        sheet.append([values.get(c) for c in COLUMNS])
    book.save(path)
    return path


def test_a_hundred_thousand_rows_with_one_wrong_are_refused_and_the_database_is_unchanged(
        department, hundred_thousand_rows):
    message = refused(department, str(hundred_thousand_rows))
    assert "有 1 处错误" in message and "第 100001 行，“基本编码”列" in message


def test_the_import_command_previews_with_dry_run_and_then_imports(department, tmp_path, capsys):
    path = tmp_path / "清单.xlsx"
    path.write_bytes(workbook([row()]))
    call_command("import-powers", str(path), "--department", "test", "--dry-run")
    assert "预览（未导入）：共 1 行：新增 1" in capsys.readouterr().out
    assert not ChangeRequest.objects.exists()
    call_command("import-powers", str(path), "--department", "test")
    assert "已导入到清单调整申请" in capsys.readouterr().out
    call_command("import-powers", str(path), "--department", "test")
    assert "没有需要导入的变化" in capsys.readouterr().out


def test_the_import_command_can_apply_an_initial_load_at_once(department, tmp_path):
    path = tmp_path / "清单.xlsx"
    path.write_bytes(workbook([row()]))
    call_command("import-powers", str(path), "--department", "test", "--apply")
    assert in_force("power", D(2016, 6, 30)).count() == 1


def test_the_import_command_answers_bad_input_with_a_message(department, tmp_path):
    with pytest.raises(CommandError, match="没有代码为“nope”的部门"):
        call_command("import-powers", os.devnull, "--department", "nope")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import-powers", str(tmp_path / "missing.xlsx"), "--department", "test")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([row(事项类型="未知")]))
    with pytest.raises(CommandError, match="第 2 行，“事项类型”列"):
        call_command("import-powers", str(bad), "--department", "test")


def test_an_import_that_fails_after_writing_in_several_chunks_leaves_nothing_behind(department, monkeypatch):
    """All or nothing on both databases: the rows go in by multi-row statements of a few rows each
    (PostgreSQL) or executemany (SQLite), and a failure at the last step undoes every one of them."""
    from yifa.core import bulk

    monkeypatch.setattr(bulk, "MULTI_ROW", 2)
    data = workbook([row(基本编码=f"01001{n:02d}000", 事项名称=f"第{n}项许可") for n in range(1, 8)])
    before = table_counts()

    def fail(**kwargs):
        raise actions.ActionRefused("审查失败")

    monkeypatch.setattr(actions, "approve_request", fail)
    with pytest.raises(actions.ActionRefused, match="审查失败"):
        run_import(department, data, apply=True)
    assert table_counts() == before  # the audit log included

    monkeypatch.undo()
    monkeypatch.setattr(bulk, "MULTI_ROW", 2)
    outcome = run_import(department, data, apply=True)
    assert outcome.plan.counts()["add"] == 7
    assert PowerVersion.objects.filter(effective_from__isnull=False).count() == 7
