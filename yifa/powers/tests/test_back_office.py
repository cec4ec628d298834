"""The back office: a department's staff see and change only their own department's items."""

from django.urls import reverse

from yifa.powers.models import ChangeRequest, PowerVersion


def test_another_departments_editor_gets_not_found_for_its_items_and_changes_nothing(client, outsider, editor,
                                                                                      listed_power):
    urls = [reverse("power_items:inspect", args=[listed_power.pk]),
            reverse("powers_admin_change", args=["power", listed_power.pk]),
            reverse("powers_admin_end", args=["power", listed_power.pk])]
    client.force_login(editor)
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    client.force_login(outsider)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    response = client.post(urls[1], {"name": "篡改", "kind": "modify", "effective_date": "2017-01-01",
                                     "document_title": "x", "power_type": "01", "exercise_level": "4",
                                     "bases": "《中华人民共和国行政许可法》第三十二条：条文"})
    assert response.status_code == 404
    assert not ChangeRequest.objects.filter(status="draft").exists()
    assert PowerVersion.objects.get().name == "食品经营许可"
    index = client.get(reverse("power_items:index")).content.decode()
    assert "食品经营许可" not in index


# --- the import screen -------------------------------------------------------------------------------


def upload(client, department, data, name="清单.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # The preview runs as a task (immediate in the suite): the screen it redirects to shows its result.
    return client.post(reverse("powers_admin_import"), {
        "department": department.pk, "file": SimpleUploadedFile(name, data)}, follow=True)


def test_a_wrong_file_on_the_import_screen_lists_row_column_and_reason_and_writes_nothing(client, editor, department):
    from .conftest import row, table_counts, workbook

    client.force_login(editor)
    before = table_counts()
    page = upload(client, department, workbook([row(), row(基本编码="0100102000", 事项类型="99 未知")])).content.decode()
    assert "文件有 1 处错误，未导入任何内容" in page
    assert "<td>3</td><td>事项类型</td>" in page and "未知的事项类型“99 未知”" in page
    assert "这不是 xlsx 文件" in upload(client, department, b"a,b\n1,2\n", "清单.csv").content.decode()
    assert table_counts() == before


def test_the_import_screen_previews_then_confirms_into_a_draft_request(client, editor, department):
    from .conftest import row, table_counts, workbook

    client.force_login(editor)
    before = table_counts()
    preview = upload(client, department, workbook([row(), row(基本编码="0100102000", 事项名称="食品生产许可")]))
    page = preview.content.decode()
    assert "共 2 行，其中与现行清单相同 0 行。" in page and "新增 <strong>2</strong> 项" in page
    assert table_counts() == before  # a preview writes nothing
    token = preview.context["token"]
    confirmed = client.post(reverse("powers_admin_import"), {"department": department.pk, "token": token,
                                                             "filename": "清单.xlsx", "confirm": "1"})
    request = ChangeRequest.objects.get()
    assert confirmed.status_code == 302 and (request.status, request.adjustments.count()) == ("draft", 2)


def test_an_upload_token_works_only_for_the_user_and_department_it_was_made_for(client, editor, department, make_user):
    from .conftest import row, table_counts, workbook

    client.force_login(editor)
    token = upload(client, department, workbook([row()])).context["token"]
    colleague = make_user("department_editor", department, username="colleague")
    client.force_login(colleague)
    before = table_counts()
    page = client.post(reverse("powers_admin_import"), {"department": department.pk, "token": token,
                                                        "filename": "清单.xlsx", "confirm": "1"}).content.decode()
    assert "上传的文件已失效，请重新选择文件。" in page
    forged = client.post(reverse("powers_admin_import"), {"department": department.pk, "token": "../../etc/passwd",
                                                          "confirm": "1"}).content.decode()
    assert "上传的文件已失效" in forged
    assert table_counts() == before


def test_an_unconfirmed_upload_is_cleared_a_day_later_by_the_next_upload(client, editor, department):
    import os
    import time

    from yifa.powers import admin_views

    from .conftest import row, workbook

    client.force_login(editor)
    first = admin_views._stored_path(upload(client, department, workbook([row()])).context["token"])
    day_old = time.time() - admin_views.KEEP_UNCONFIRMED_UPLOADS - 60
    os.utime(first, (day_old, day_old))
    second = admin_views._stored_path(upload(client, department, workbook([row(事项名称="食品生产许可")])).context["token"])
    assert second.is_file() and not first.exists()
