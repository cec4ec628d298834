"""Each demo account's back office: its home page leads with its own work; every menu item (submenus and the
account menu included) and every link on its home page opens for that account, none leading to a refusal (403,
"没有权限", or a bounce back to the dashboard or the login page); and none shows Wagtail's strings in English."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import admin_menu

from yifa.testing.untranslated import untranslated_messages, untranslated_on

pytestmark = pytest.mark.release_review  # the demo as it loads in production


DEMO_ACCOUNTS = ["admin", "fazhi", "editor", "head", "inspector", "leader"]
# The modules whose demo gives each account a working home page: cases of two types, pages, the accounts.
DEMO_MODULES = ["org", "workcalendar", "portal", "disclosure", "interaction"]


@pytest.fixture
def demo_accounts(db) -> dict[str, Any]:
    call_command("demo", only=DEMO_MODULES, stdout=io.StringIO())
    users = get_user_model().objects
    return {name: users.get(username=name) for name in DEMO_ACCOUNTS}


def _request(user: Any) -> Any:
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    request.session = {}  # type: ignore[assignment]  # the menus read no session
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def menu_links(request: Any, menu: Any = None, trail: str = "") -> list[tuple[str, str]]:
    """(label path, url) of every menu item the request's user is shown, submenus unfolded."""
    links = []
    for item in (menu or admin_menu).menu_items_for_request(request):
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            links += menu_links(request, submenu, f"{trail}{item.label} / ")
        elif item.url.startswith("/"):  # Wagtail's help pages are on guide.wagtail.org (hidden, see yifa.backoffice)
            links.append((f"{trail}{item.label}", item.url))
    return links


def account_links(request: Any) -> list[tuple[str, str]]:
    links = []
    for hook in hooks.get_hooks("register_account_menu_item"):
        item = hook(request)
        if item:
            links.append((str(item["label"]), item["url"]))
    return links


def dashboard_links(html: str) -> list[tuple[str, str]]:
    home = reverse("wagtailadmin_home")
    found = re.findall(r'href="(/admin/[^"#]*)"', html)
    return sorted({("home", url.replace("&amp;", "&")) for url in found if url != home and "/logout" not in url})


def refusal(response: Any, url: str) -> str | None:
    """Why the answer to `url` (redirects followed) is a refusal, or None when it opened."""
    final = response.request["PATH_INFO"]
    body = response.content.decode(errors="replace")
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if "没有权限" in body:
        return "a permission-denied message"
    if final.startswith(reverse("wagtailadmin_login")):
        return "sent to the login page"
    if final == reverse("wagtailadmin_home") and url.split("?")[0] != final:
        return "sent back to the dashboard"
    return None


def panel_order(html: str, *headings: str) -> list[str]:
    """The panels among `headings` on the home page, in the order they appear."""
    return sorted((h for h in headings if f">{h}<" in html or f"{h}</h2>" in html), key=html.find)


# The home page of each account: the panel it leads with and the work in it (the demo's current cases).
LEADS = {
    "editor": "新收待处理", "head": "等待我处理的", "fazhi": "等待我处理的",
}
SITE_EDITORS = {"admin", "editor"}


def test_each_demo_account_lands_on_its_own_work_and_every_link_opens_in_chinese(demo_accounts):
    """One test for all six accounts: loading the demo is most of its time."""
    reverse("wagtailadmin_home")  # the admin URLs (and with them the viewsets' menu items) are registered
    refused, english = [], []
    checked = 0
    for name, user in demo_accounts.items():
        client = Client()
        client.force_login(user)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        # Item 9: the role's own work first; website warnings only for the site's editors.
        lead = LEADS.get(name)
        if lead:
            assert f'id="work-lead-heading">{lead}（' in home, name
        else:
            assert 'id="work-lead-heading"' not in home, name
        assert ("网站检查" in home) == (name in SITE_EDITORS), name
        assert ("各部门办理情况" in home) == (name in {"leader", "fazhi"}), name
        if name == "leader":
            assert panel_order(home, "各部门办理情况", "工作台")[0] == "各部门办理情况"
        # Item 10: the import only for those who may propose changes (it refused the others until it was hidden).
        request = _request(user)
        menu = menu_links(request)
        assert (reverse("powers_admin_import") in {url for _label, url in menu}) == (name in {"admin", "editor", "head"})
        # Item 11: Wagtail's own strings in Chinese (menu labels are drawn by the sidebar's script).
        messages = dict(untranslated_messages("zh-hans"))
        english += [f"{name}: menu {label}" for label, _url in menu
                    if any(p.match(part) for part in label.split(" / ") for p in messages.values())]
        for label, url in [*menu, *account_links(request), *dashboard_links(home)]:
            checked += 1
            response = client.get(url, follow=True)
            reason = refusal(response, url)
            if reason:
                refused.append(f"{name}: {label} {url} — {reason}")
            elif "html" in response.get("Content-Type", ""):
                english += [f"{name}: {url} “{m}”" for m in untranslated_on(response.content.decode())]
    assert not refused, "\n".join(refused)
    assert not english, "Wagtail's strings in English under zh-hans:\n" + "\n".join(sorted(set(english)))
    assert checked > len(DEMO_ACCOUNTS) * 8


def test_the_english_scan_finds_wagtails_strings_left_in_english():
    """The scan itself: a message Wagtail's catalogue leaves untranslated is found, with its number or as a label."""
    html = ('<a href="/admin/pages/"><svg></svg><span>42</span> Pages <span class="w-sr-only">created in 肇东</span></a>'
            "<title>Exploring: 首页 - Wagtail</title><input placeholder='Search all pages…'><p>管理员 admin</p>")
    from django.utils import translation

    with translation.override("en"):  # English has no translations: every message counts as untranslated
        found = untranslated_on(html, "en")
    assert {"Search all pages…", "Exploring"} <= found
    assert any("Pages" in message for message in found)
    assert untranslated_on(html, "zh-hans") == set()  # yifa/locale supplies them in Chinese
