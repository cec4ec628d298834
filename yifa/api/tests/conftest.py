"""Fixtures for the staff API: tokens issued through the action, a client sending them, and one case of
every registered kind made through its module's actions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from yifa.api.actions import issue_api_token
from yifa.audit.actors import PublicVisitor
from yifa.core.contact import resident_id_check_character

D = dt.date
SUBMITTED_AT = dt.datetime(2017, 9, 20, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def token_for(db) -> Callable[..., str]:
    """A working token of `user`, issued by the user themselves."""

    def issue(user: Any, **options: Any) -> str:
        _row, plaintext = issue_api_token(actor=user, user=user, **options)
        return plaintext

    return issue


class ApiClient:
    """Django's test client with a bearer token (or a raw Authorization header)."""

    def __init__(self, client: Any, authorization: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": authorization} if authorization is not None else {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(path, params or {}, headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body if body is not None else {}, ensure_ascii=False)
        return self.client.post(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as(client, token_for) -> Callable[[Any], ApiClient]:
    """`api_as(user)`: a client calling the API with a fresh token of `user`."""

    def make(user: Any) -> ApiClient:
        return ApiClient(client, f"Bearer {token_for(user)}")

    return make


@pytest.fixture
def api_with_header(client) -> Callable[[str | None], ApiClient]:
    def make(authorization: str | None) -> ApiClient:
        return ApiClient(client, authorization)

    return make


# --- one case of each kind, through the modules' own actions -------------------------------------------


def person_id(seed: int = 1) -> str:
    first17 = f"23128219800101{seed:03d}"
    return first17 + resident_id_check_character(first17)


def disclosure_request(department: Any, **overrides: Any) -> Any:
    """A request filed online on 2017-09-20, not yet registered (status "submitted")."""
    from yifa.disclosure import actions
    from yifa.disclosure.models import DisclosureRequest

    values = {
        "department": department, "applicant_type": "natural_person", "applicant_name": "王建国",
        "id_number": person_id(), "phone": "13804551234", "email": "wang@example.com", "address": "肇东市正阳大街1号",
        "description": "2017年城区道路改造工程的立项批复文件。", "delivery": "email", "channel": "online",
        "submitted_at": SUBMITTED_AT,
    }
    values.update(overrides)
    return actions.submit_request(actor=PublicVisitor("test"), request=DisclosureRequest(**values))


def registered_request(department: Any, editor: Any) -> Any:
    from yifa.disclosure import actions

    return actions.register_request(actor=editor, request=disclosure_request(department), channel="online",
                                    received_on=D(2017, 9, 20))


def public_message(department: Any, **overrides: Any) -> Any:
    """A message left on 2017-09-20 (status "received")."""
    from yifa.interaction import actions
    from yifa.interaction.models import Message

    values = {
        "department": department, "subject": "小区门前道路破损", "content": "正阳大街某小区门前道路坑洼，雨天积水严重。",
        "name": "王建国", "phone": "13804551234", "email": "wang@example.com", "publish_name": False,
        "submitted_at": SUBMITTED_AT,
    }
    values.update(overrides)
    return actions.submit_message(actor=PublicVisitor("test", "10.0.0.1"), message=Message(**values))


def change_request(department: Any, proposer: Any, *, code: str = "0100101000") -> Any:
    """A draft change request of `department` proposing one new power (status "draft")."""
    from yifa.powers import actions
    from yifa.powers.content import Basis, PowerContent, Proposal

    content = PowerContent(
        code=code, name="食品经营许可", power_type="01",
        bases=(Basis("中华人民共和国行政许可法", "第三十二条", "行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理。"),),
        statutory_limit=20, statutory_unit="working_day", promised_limit=10, promised_unit="working_day",
    )
    proposal = Proposal(catalogue="power", kind="add", code=code, effective_date=D(2017, 3, 1), content=content,
                        document_title="关于公布权力清单的通知", document_number="肇政发〔2017〕3号")
    return actions.propose(actor=proposer, department=department, proposals=[proposal], title="新增事项")


def empty_change_request(department: Any, proposer: Any) -> Any:
    """A draft change request whose only adjustment was taken out again: nothing to submit."""
    from yifa.powers import actions

    request = change_request(department, proposer)
    actions.remove_adjustment(actor=proposer, adjustment=request.adjustments.get(), reason="写错了")
    return request


@dataclass(frozen=True)
class KindCase:
    """A case of one kind and a step its department's editor may take now, with a body that is valid for it."""

    case: Any
    step: str
    body: dict[str, Any] = field(default_factory=dict)


# Every registered kind needs one: a module that adds a case type adds its factory here
# (test_every_registered_kind_has_a_factory fails until it does).
def enforcement_case(department: Any) -> Any:
    from yifa.enforcement.tests.cases.factories import case_setup, registered_case

    return registered_case(case_setup(department, D(2016, 8, 1)))


CASE_FACTORIES: dict[str, Callable[[Any, Any], KindCase]] = {
    "enforcement-case": lambda department, editor: KindCase(
        enforcement_case(department), "not_file", {"fields": {"day": "2016-08-02", "reason": "不属于本机关管辖"}}),
    "disclosure-request": lambda department, editor: KindCase(
        disclosure_request(department), "register", {"fields": {"channel": "online", "received_on": "2017-09-20"}}),
    "public-message": lambda department, editor: KindCase(
        public_message(department), "reply", {"fields": {"reply": "您好！已安排维修，预计本月底完工。"}}),
    "power-change": lambda department, editor: KindCase(
        change_request(department, editor), "withdraw", {"reason": "不再需要"}),
}
