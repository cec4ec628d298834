"""Security baseline: deploy checks, login lock-out, session timeout, headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "yifa.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "zwgk.zhaodong.gov.cn",
        "YIFA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yifa.settings", "DJANGO_ENV": "production",
           "SECRET_KEY": "", "YIFA_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_login_is_locked_after_repeated_failures(client, make_user, department, settings):
    user = make_user("department_editor", department, username="clerk", password="correct-horse-battery")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("wagtailadmin_login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("wagtailadmin_login"), {"username": "clerk", "password": "correct-horse-battery"})
    assert "账户已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_a_correct_password_logs_in_before_the_limit(client, make_user, department):
    make_user("department_editor", department, username="clerk2", password="correct-horse-battery")
    client.post(reverse("wagtailadmin_login"), {"username": "clerk2", "password": "wrong"})
    response = client.post(reverse("wagtailadmin_login"), {"username": "clerk2", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_sessions_time_out_after_idle_minutes(settings):
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("password", ["123456789012", "password1234", "short", "zhaodong2016", "admin12345",
                                      "Zhaodong@2016", "ZhaoDongShi2017!", "yifaadmin2024", "Yifa@2016demo"])
def test_weak_passwords_are_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["correct-horse-battery", "肇东市民情热线2016好", "Tq7#vLp9!mZx"])
def test_good_passwords_pass(password):
    from django.contrib.auth.password_validation import validate_password

    validate_password(password)


def test_security_headers_are_sent(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def _run(tmp_path, *command, **environment):
    env = {**{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_ENV")},
           "DJANGO_SETTINGS_MODULE": "yifa.settings", "YIFA_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", **environment}
    return subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("value", ["prod", "Production", "staging", ""])
def test_an_unknown_environment_refuses_to_start(tmp_path, value):
    result = _run(tmp_path, "check", DJANGO_ENV=value)
    assert result.returncode != 0 and "DJANGO_ENV must be one of" in result.stderr


def test_a_secret_key_built_on_the_demo_key_is_refused_in_production(tmp_path):
    result = _run(tmp_path, "check", DJANGO_ENV="production", ALLOWED_HOSTS="zwgk.zhaodong.gov.cn",
                  SECRET_KEY="yifa-demo-insecure-key-change-me-in-production" + "x" * 10)
    assert result.returncode != 0 and "not the demo's key" in result.stderr


def test_the_demo_is_not_loaded_in_production_unless_forced(tmp_path):
    production = {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "zwgk.zhaodong.gov.cn",
                  "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"}
    assert _run(tmp_path, "migrate", "--no-input", **production).returncode == 0
    result = _run(tmp_path, "demo", **production)
    assert result.returncode != 0 and "--force-in-production" in result.stderr
    users = _run(tmp_path, "shell", "-c", "from django.contrib.auth.models import User; print(User.objects.count())",
                 **production)
    assert users.stdout.strip().splitlines()[-1] == "0"


def test_logging_out_by_a_link_ends_the_session_on_the_server(client, make_user, department):
    from django.contrib.sessions.models import Session

    make_user("department_editor", department, username="clerk", password="correct-horse-battery")
    client.post(reverse("wagtailadmin_login"), {"username": "clerk", "password": "correct-horse-battery"})
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.get("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # the old cookie, kept by someone: it no longer opens the back office
    assert client.get("/admin/").status_code == 302
