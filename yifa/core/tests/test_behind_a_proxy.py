"""Behind nginx every request comes from 127.0.0.1: limits and lock-outs must still tell people apart,
and a client must not be able to choose the address they are counted under."""

from __future__ import annotations

import pytest
from django.urls import reverse

from yifa.audit.models import AuditEvent
from yifa.core.clientip import client_address

PROXY = "127.0.0.1"


@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    (PROXY, "203.0.113.7", "203.0.113.7"),  # nginx added the client
    (PROXY, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # a forged first hop is not believed
    (PROXY, "203.0.113.7, 127.0.0.1", "203.0.113.7"),  # a second trusted proxy in between
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: the header is the client's own claim
    (PROXY, "", PROXY),
    (PROXY, "not-an-address", PROXY),
    (PROXY, "2001:db8::1", "2001:db8::1"),
])
def test_the_client_address_is_read_from_a_trusted_proxy_only(settings, remote, forwarded, expected):
    settings.YIFA_TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]
    assert client_address(remote, forwarded) == expected


def test_two_citizens_behind_the_proxy_each_get_their_own_message_allowance(client, db, department, settings):
    settings.YIFA_MESSAGE_LIMIT_PER_HOUR = 2
    form = {"department": department.pk, "subject": "路灯不亮", "content": "正阳大街路灯连续三晚不亮。",
            "name": "王建国", "phone": "13804551234"}

    def post(address: str) -> int:
        return client.post("/hdjl/liuyan/", form, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address).status_code

    assert [post("203.0.113.7") for _ in range(3)] == [302, 302, 429]
    assert post("203.0.113.8") == 302  # another citizen is not held back by the first
    # A client cannot escape its limit by claiming another address itself: the proxy appends the real one.
    assert client.post("/hdjl/liuyan/", form, REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7").status_code == 429


def login(client, username: str, password: str, address: str):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another(client, make_user, department,
                                                                                 settings):
    make_user("department_editor", department, username="clerk", password="correct-horse-battery")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "clerk", "wrong", "203.0.113.66")
    assert "账户已暂时锁定" in login(client, "clerk", "correct-horse-battery", "203.0.113.66").content.decode()
    assert login(client, "clerk", "correct-horse-battery", "203.0.113.7").status_code == 302


def test_guesses_from_many_addresses_slow_the_account_down_and_are_audited(client, make_user, department, settings):
    make_user("department_editor", department, username="clerk", password="correct-horse-battery")
    limit = settings.YIFA_LOGIN_FAILURES_BEFORE_BACKOFF
    for n in range(limit):  # one or two guesses from each of many addresses: no address is locked
        login(client, "clerk", f"guess-{n}", f"198.51.100.{n // 2 + 1}")
    [event] = AuditEvent.objects.filter(event_type="auth.account_throttled")
    assert event.new_values == {"username": "clerk", "failures": limit}
    # Now even the right password waits, with a message that says how long.
    response = login(client, "clerk", "correct-horse-battery", "203.0.113.7")
    assert response.status_code == 200 and "分钟后再试" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Waiting is not failing: the owner's retry did not lengthen the wait.
    from yifa.backoffice.login_throttle import failures

    assert failures("clerk")[0] == limit
