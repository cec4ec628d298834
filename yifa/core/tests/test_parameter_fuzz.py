"""Every list page, public and back office, with hostile query strings: each answers normally (2xx, 3xx
or 4xx), never a 500. The values are the ones that broke pages before: integers past 64 bits, negative
and fractional numbers, text where a number goes, control and surrogate-looking characters, very long."""

from __future__ import annotations

import pytest

from yifa.casework.registry import case_types

HOSTILE = ["99999999999999999999", "-1", "0", "1.5", "abc", "%00", "\u202e", "\\ud800", "' OR 1=1--",
           "<script>", "9" * 400, "２０１６", "2016-13-45", "[]", "{}", ""]

PUBLIC = {
    "/search/": ["q", "p", "column", "source", "from", "to"],
    "/powers/": ["p", "department", "type", "status", "as_of", "q"],
    "/powers/adjustments/": ["year", "p", "catalogue", "kind"],
    "/powers/intermediaries/": ["p", "department", "as_of"],
    "/powers/approvals/": ["p", "department", "as_of"],
    "/hdjl/liuyan/gongkai/": ["p", "department"],
    "/hdjl/liuyan/chaxun/": ["code", "phone"],
    "/yishenqing/chaxun/": ["code", "phone"],
}


def back_office() -> dict[str, list[str]]:
    pages = {
        "/admin/cases/": [],
        "/admin/deadlines/": ["state", "department"],
        "/admin/disclosure/statistics/": ["year", "department"],
        "/admin/disclosure/fees/": ["method", "value"],
        "/admin/audit/": ["p", "event_type", "department", "q"],
        "/admin/calendar/": ["year"],
    }
    for case_type in case_types():
        pages[f"/admin/cases/{case_type.kind}/"] = ["p", "status", "department", "deadline", "mine", "q", "ordering"]
    return pages


def _check(client, pages: dict[str, list[str]]) -> list[tuple[str, int]]:
    client.raise_request_exception = False
    failures = []
    for path, parameters in pages.items():
        for parameter in parameters or ["x"]:
            for value in HOSTILE:
                response = client.get(path, {parameter: value})
                if response.status_code >= 500:
                    failures.append((f"{path}?{parameter}={value[:30]}", response.status_code))
    return failures


def test_no_public_list_page_fails_on_a_hostile_parameter(client, db, department):
    assert _check(client, PUBLIC) == []


@pytest.mark.parametrize("role", ["legal_affairs", "department_editor"])
def test_no_back_office_list_page_fails_on_a_hostile_parameter(client, make_user, department, legal_affairs_office,
                                                               role):
    user = make_user(role, legal_affairs_office if role == "legal_affairs" else department)
    client.force_login(user)
    assert _check(client, back_office()) == []
