"""My notifications in a browser: a new request reaches the department's editor, whose sidebar shows the
unread count; the inbox opens the case and marks it read; the page works at a phone's width and the
console stays clean."""

import pytest

from yifa.conftest import give_passwords, login, screenshot
from yifa.notifications.models import Notification
from yifa.org.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_inbox_shows_the_unread_count_opens_the_case_and_marks_it_read(page, new_request, registered, editor,
                                                                          head, make_user, department):
    admin = make_user(Role.SYSTEM_ADMIN, department, username="sysadmin")
    give_passwords(editor, admin)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    request = new_request()
    registered(description="2016年度财政预算执行情况报告全文。")  # the applicant is told it was registered

    login(page, "editor")
    badge = page.locator('.sidebar-menu-item__link[data-yifa-unread="2"]')
    assert badge.count() == 1 and "我的通知（2 条未读）" in badge.inner_text()
    badge.click()
    page.wait_for_url("**/admin/notifications/")
    items = page.locator(".yifa-inbox__item--unread")
    assert items.count() == 2
    assert "待您办理" in items.first.inner_text() and "王建国" not in page.locator("main").inner_text()
    screenshot(page, "notifications-inbox")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    # On a phone the sidebar hides behind its toggle, which carries a red dot while anything is unread.
    toggle = page.locator("button.sidebar-nav-toggle--mobile")
    dot = toggle.evaluate("b => getComputedStyle(b, '::after').backgroundColor")
    assert dot == "rgb(179, 0, 0)", dot
    screenshot(page, "notifications-inbox-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()  # the sidebar settles into its desktop layout

    box = page.locator(".yifa-inbox__subject", has_text=request.reference).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**/admin/cases/disclosure-request/{request.pk}/")
    assert Notification.objects.get(recipient_user=editor, target_id=str(request.pk)).read_at is not None
    assert page.locator('.sidebar-menu-item__link[data-yifa-unread="1"]').count() == 1

    page.goto(page.base_url + "/admin/notifications/")
    page.get_by_role("button", name="全部标为已读").click()
    page.wait_for_url("**/admin/notifications/")
    assert page.locator(".yifa-inbox__item--unread").count() == 0
    assert page.locator(".sidebar-menu-item__link[data-yifa-unread]").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.locator("button.sidebar-nav-toggle--mobile").evaluate(
        "b => getComputedStyle(b, '::after').content") in ("none", "normal")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()

    page.goto(page.base_url + "/admin/notifications/settings/")
    page.get_by_label("案件等待我的角色办理：短信").check()
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    assert "请填写接收短信的手机号码" in page.locator("[role=alert]").inner_text()
    page.get_by_label("接收短信的手机号码").fill("13804550001")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    assert "通知设置已保存" in page.locator("body").inner_text()
    screenshot(page, "notifications-settings")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "notifications-settings-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()

    login(page, "sysadmin")
    page.goto(page.base_url + "/admin/notifications/deliveries/")
    assert "申请人" in page.locator("main").inner_text() and "wang@example.com" not in page.content()
    screenshot(page, "notifications-deliveries")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "notifications-deliveries-390")
    assert errors == []
