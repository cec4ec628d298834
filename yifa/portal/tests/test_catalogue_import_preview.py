"""The back office's catalogue import in two steps: a preview of what the file would write (accepted rows, refused
rows with reasons) with nothing written, then a confirmation that imports the stored rows once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yifa.audit.models import AuditEvent
from yifa.portal.catalogue_io import COLUMNS
from yifa.portal.models import CatalogueEntry, CatalogueImportPreview

URL = "/admin/catalogue/import/"


def csv_file(*lines: str, name: str = "mulu.csv") -> SimpleUploadedFile:
    text = ",".join(COLUMNS) + "\n" + "".join(line + "\n" for line in lines)
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def line(department, title="2016年部门预算", category="A07") -> str:
    return f",{title},{category},,{department.code},,2016-03-08,2016-03-22,,"


@pytest.fixture
def importer(client, portal, department, make_user):
    client.force_login(make_user("department_editor", department))
    return client


def confirmation(html: str) -> dict[str, str]:
    found = {name: re.search(rf'name="{name}" value="([^"]+)"', html) for name in ("token", "digest")}
    return {name: match.group(1) for name, match in found.items() if match}


def test_the_preview_shows_the_rows_and_writes_nothing_until_confirmed_once(importer, department):
    response = importer.post(URL, {"file": csv_file(line(department), line(department, "2016年部门决算"))})
    html = response.content.decode()
    assert response.status_code == 200
    assert "可以导入 2 行，不能导入 0 行" in html and "2016年部门决算" in html and "（自动编号）" in html
    assert not CatalogueEntry.objects.exists() and not AuditEvent.objects.filter(
        event_type="portal.catalogue_imported").exists()

    confirm = confirmation(html)
    done = importer.post(URL, confirm)
    assert done.status_code == 302
    assert sorted(CatalogueEntry.objects.values_list("title", flat=True)) == ["2016年部门决算", "2016年部门预算"]
    assert not CatalogueImportPreview.objects.exists()

    replay = importer.post(URL, confirm, follow=True)
    assert "预览已失效" in replay.content.decode()
    assert CatalogueEntry.objects.count() == 2


def test_a_confirmation_imports_the_previewed_rows_never_a_file_sent_with_it(importer, department):
    confirm = confirmation(importer.post(URL, {"file": csv_file(line(department))}).content.decode())
    importer.post(URL, {**confirm, "file": csv_file(line(department, "偷换的文件"), line(department, "又一行"))})
    assert list(CatalogueEntry.objects.values_list("title", flat=True)) == ["2016年部门预算"]


@pytest.mark.parametrize("tamper", ["token", "digest", "user", "expired"])
def test_a_forged_someone_elses_or_stale_confirmation_imports_nothing(importer, department, make_user, client, tamper):
    confirm = confirmation(importer.post(URL, {"file": csv_file(line(department))}).content.decode())
    if tamper == "token":
        confirm["token"] = "not-a-uuid"
    elif tamper == "digest":
        confirm["digest"] = "0" * 64
    elif tamper == "user":
        client.force_login(make_user("department_editor", department, username="colleague"))
    else:
        CatalogueImportPreview.objects.update(created_at=timezone.now() - dt.timedelta(hours=3))
    response = client.post(URL, confirm, follow=True)
    assert response.status_code == 200 and "预览已失效" in response.content.decode()
    assert not CatalogueEntry.objects.exists()


def test_a_file_with_refused_rows_is_previewed_with_the_reasons_and_offers_no_confirmation(importer, department):
    html = importer.post(URL, {"file": csv_file(line(department), line(department, category="A99"))}).content.decode()
    assert "可以导入 1 行，不能导入 1 行" in html and "A99" in html and "未导入任何内容" in html
    assert 'name="token"' not in html
    assert not CatalogueImportPreview.objects.exists() and not CatalogueEntry.objects.exists()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("big.csv", b"a" * (10 * 1024 * 1024 + 1)), "超过 10 MB"),
    (SimpleUploadedFile("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 200), "不是 CSV 或 xlsx"),
    (SimpleUploadedFile("x.xlsx", b"PK\x03\x04junk"), "已损坏"),
    (SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100), "旧版 Excel"),
    (SimpleUploadedFile("wrong.csv", "名称,公开类别\n预算,A07\n".encode()), "缺少列"),
    (SimpleUploadedFile("quotes.csv", (",".join(COLUMNS) + '\n"unclosed,\x00\n').encode()), "不是 CSV"),
])
def test_a_hostile_or_wrong_file_gets_a_clear_message_and_no_preview(importer, upload, message):
    response = importer.post(URL, {"file": upload})
    assert response.status_code == 200 and message in response.content.decode()
    assert not CatalogueImportPreview.objects.exists() and not CatalogueEntry.objects.exists()


def test_too_many_rows_are_refused_before_any_preview(importer, department):
    upload = csv_file(*(line(department, f"条目{n}") for n in range(5001)))
    assert "超过 5000 行" in importer.post(URL, {"file": upload}).content.decode()
    assert not CatalogueImportPreview.objects.exists()
