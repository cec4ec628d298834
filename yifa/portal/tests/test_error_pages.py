"""What a citizen sees when something goes wrong: the portal's own pages, never Django's debug page."""

import os
import subprocess
import sys

import pytest
from django.http import HttpRequest
from django.urls import path

from yifa.urls import urlpatterns as site_urlpatterns


def broken_view(request: HttpRequest):
    raise RuntimeError("the database went away")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


def debug_setting(**environment: str) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"} | environment
    return subprocess.run(
        [sys.executable, "-c", "from yifa import settings; print(settings.DEBUG)"],
        env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_debug_is_off_unless_a_developer_asks_for_it():
    assert debug_setting() == "False"
    assert debug_setting(DEBUG="1") == "True"
    assert debug_setting(DEBUG="0") == "False"


@pytest.mark.urls(__name__)
def test_an_error_shows_the_portals_500_page(client, db):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html and "返回首页" in html
    assert "RuntimeError" not in html and "Traceback" not in html


def test_a_missing_page_is_the_portals_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "您访问的页面不存在" in html and "urlpatterns" not in html


def test_public_media_and_static_files_are_served_without_debug(client, settings, media_root):
    from django.urls import clear_url_caches

    (media_root / "images").mkdir(parents=True)
    (media_root / "images" / "badge.txt").write_text("badge")
    assert settings.DEBUG is False and settings.YIFA_SERVE_MEDIA
    clear_url_caches()
    assert b"".join(client.get("/media/images/badge.txt").streaming_content) == b"badge"
    assert client.get("/static/portal/portal.css").status_code == 200
