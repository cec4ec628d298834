"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from yifa.testing import factories

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("YIFA_SCREENSHOT_DIR", "var/screenshots"))

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _release_review(request, settings):
    """A reply that releases information passes 保密审查 and the head's sign-off in production (the city's default,
    YIFA_RELEASE_REVIEW_DEFAULTS). Tests of other behaviour reply directly; tests of the review itself, and of
    the whole path, are marked `release_review` and run with the production default."""
    if request.node.get_closest_marker("release_review") is None:
        settings.YIFA_RELEASE_REVIEW_DEFAULTS = []


@pytest.fixture
def department(db):
    return factories.make_department("肇东市测试局", code="test")


@pytest.fixture
def other_department(db):
    return factories.make_department("肇东市另一局", code="other")


@pytest.fixture
def legal_affairs_office(db):
    return factories.make_department("肇东市司法局", code="sfj", legal_affairs=True)


@pytest.fixture
def make_user(db):
    return factories.make_user


@pytest.fixture
def editor(db, department):
    return factories.make_user("department_editor", department, username="editor")


@pytest.fixture
def head(db, department):
    return factories.make_user("department_head", department, username="head")


@pytest.fixture
def legal_officer(db, legal_affairs_office):
    return factories.make_user("legal_affairs", legal_affairs_office, username="legal")


@pytest.fixture
def outsider(db, other_department):
    """Editor in another department: must never see or change `department`'s records."""
    return factories.make_user("department_editor", other_department, username="outsider")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright. Skips off CI when Chromium is missing; fails on CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: scripts/system-deps.sh installs it")
        pytest.skip("/usr/bin/chromium is not installed (run `make system-deps`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def watch_console(page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions into `page.console_errors`.

    A page the test itself opened with an error status (a 404 it asserts) makes Chromium log "Failed to
    load resource" for that document: that one is expected, any other failing resource (a script, a
    stylesheet, the favicon) is not.
    """
    errors: list[str] = []
    failed_documents: set[str] = set()

    def on_response(response) -> None:
        if response.request.resource_type == "document" and response.status >= 400:
            failed_documents.add(response.url)

    def on_console(message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url in failed_documents:
            return
        errors.append(f"console error: {message.text} ({url})")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught exception: {error}"))
    page.console_errors = errors
    return errors


def fail_on_console_errors(page) -> None:
    if page.console_errors:
        pytest.fail("the browser reported errors:\n" + "\n".join(page.console_errors), pytrace=False)


def open_page(browser, live_server, *, width: int = 1280, height: int = 900, mobile: bool = False, **options):
    """A fresh browser page in Chinese whose console errors fail the test (see `fail_on_console_errors`);
    `options` go to the browser context (e.g. `user_agent`)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height},
                                  is_mobile=mobile, has_touch=mobile, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    watch_console(page)
    return page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page in Chinese; screenshots go to var/screenshots/ for a person to look at. The test
    fails on any console error or uncaught exception in the page."""
    page = open_page(browser, live_server)
    yield page
    page.context.close()
    fail_on_console_errors(page)


@pytest.fixture
def phone(browser, live_server):
    """Like `page`, on a phone's screen (390 × 844, touch)."""
    page = open_page(browser, live_server, width=390, height=844, mobile=True)
    yield page
    page.context.close()
    fail_on_console_errors(page)


def screenshot(page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


PASSWORD = "yifa-test-password"


def give_passwords(*users) -> None:
    """Staff who log in through the browser get PASSWORD (the factories make users without one)."""
    for user in users:
        user.set_password(PASSWORD)
        user.save()


def login(page, username: str) -> None:
    """Log in to the back office as `username` (PASSWORD), starting from no session."""
    page.context.clear_cookies()
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/")


def serious_violations(page) -> list[tuple]:
    """axe-core's serious and critical findings on the page (WCAG 2.1 AA, as GB/T 37668-2019 asks)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate limits and cached pages do not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in English must not leave the next test in it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
