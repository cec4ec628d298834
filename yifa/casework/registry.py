"""The case registry: every case type, declared once, with what the shared screens and the API need.

A module declares its case types in its `Module` (`yifa.core.modules`):

    DISCLOSURE_REQUEST = CaseType(
        kind="disclosure-request", model=DisclosureRequest, policy=request_policy,
        label=_("政府信息公开申请"), label_plural=_("政府信息公开申请"),
        steps=[Step(steps.REGISTER, forms.RegisterForm, perform=register), ...],
        summary=lambda r: f"{r.applicant_name}：{r.description[:40]}", main_deadline="reply",
        detail_template="disclosure/admin/facts.html",
    )

From that one declaration the request has a queue, a case screen and step forms in the back office
(`yifa.casework.viewsets`), a place in the work queue (工作台), and the staff API
(`/api/cases/…`): none of them is written again per module. A module writes its own screen only for
what no case screen can show (a draw, a calculator, an import), and adds panels to the case screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

from yifa.audit.actors import Actor
from yifa.core import modules
from yifa.org.models import Role

from .models import Case
from .transitions import Transition

Label = str | Promise


class NoFields(forms.Form):
    """A step that asks for nothing but the click."""


@dataclass(frozen=True)
class Panel:
    """A module's own part of the case screen: a template and the context it needs.

    `context(request, case)` returns the template's variables; the template documents them."""

    template: str
    context: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None


@dataclass(frozen=True)
class Step:
    """One step as people take it: the declared transition, the form that asks for its inputs (the same
    form validates the back office's POST and the API's `fields`), and the action that performs it.

    `perform(actor, case, data, files)` calls the module's action with the form's cleaned data."""

    transition: Transition
    form: type[forms.Form]
    perform: Callable[[Actor, Any, dict[str, Any], list[UploadedFile]], Any]
    initial: Callable[[Any], dict[str, Any]] | None = None
    # A line above the form: what the step does and which article requires it (or a function of the
    # case giving that line, e.g. what a fee would be for this applicant).
    help_text: Label | Callable[[Any], Label] = ""
    # Parts of the case a person should see while taking the step (e.g. what the public will read).
    panels: Sequence[Panel] = ()

    def help_for(self, case: Any) -> str:
        return str(self.help_text(case) if callable(self.help_text) else self.help_text)

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> Label:
        return self.transition.label


@dataclass(frozen=True)
class Intake:
    """Staff enter a case that came in on paper, by post, by fax or in person: the form asks what the
    citizen's paper says and how and when it arrived, and `perform(actor, data, files)` files the case and
    starts its clock at once from the day of receipt (it returns the case). Shown to users whose role has
    `permission` in some department; the action checks it again for the department chosen."""

    form: type[forms.BaseForm]
    perform: Callable[[Actor, dict[str, Any], list[UploadedFile]], Any]
    label: Label
    permission: str = "add"
    help_text: Label = ""
    # What the clerk is told once it is filed (e.g. the tracking code to write on the receipt).
    confirmation: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class HeaderLink:
    """A link in the queue's header to a module screen (statistics, a calculator, an import)."""

    label: Label
    url_name: str
    icon: str = "link"


@dataclass(frozen=True)
class CitizenContact:
    """Where the citizen behind a case (an applicant, a message's writer) hears about it: the addresses
    they gave and the channels ("email", "sms") they chose on the form, and their language ("" Chinese)."""

    email: str = ""
    phone: str = ""
    channels: tuple[str, ...] = ()
    language: str = ""
    # How the log names them: their part in the case ("申请人"), never their name.
    label: Label = ""


@dataclass(frozen=True)
class CitizenNotice:
    """What the citizen is told when a step is taken on their case. `subject(case)` and `body(case)` are called
    in the citizen's language; they name the case by its reference and say no more personal data than needed
    (never a name, an ID number or an address: an e-mail address may be mistyped)."""

    subject: Callable[[Any], str]
    body: Callable[[Any], str]


@dataclass(frozen=True)
class TypicalCaseDraft:
    """What a concluded case offers a 以案释法 article (典型案例): its facts and result told without the parties'
    personal data, the law applied, and the names of the natural persons in it, which the article may not print
    (the portal refuses to publish an article that still holds one)."""

    title: str
    facts: str  # 基本案情, anonymised: "张某" not "张三", no ID number, phone or address
    result: str  # 处理结果
    legal_basis: str  # the articles applied, as the decision cites them
    legal_point: str = ""  # a first draft of 释法要点 for the editor to rewrite
    party_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseType:
    kind: str  # URL-safe and stable: "disclosure-request"; the API's `kind`
    model: type[Case]
    policy: Any  # the model's DepartmentScopedPolicy
    label: Label  # one case: "政府信息公开申请"
    label_plural: Label
    steps: Sequence[Step]
    # A line that says what the case is about, for the queue and the work queue.
    summary: Callable[[Any], str] = str
    # The code of the deadline that orders the queue ("reply"), if the case type has one.
    main_deadline: str = ""
    # The case's own facts on the case screen (a template with `case` in its context).
    detail_template: str = ""
    panels: Sequence[Panel] = ()
    icon: str = "doc-full"
    # In the back-office menu at this order (None: the module links the queue from its own menu group).
    menu_order: int | None = 200
    menu_label: Label = ""
    header_links: Sequence[HeaderLink] = ()
    # The case holds a natural person's ID number or contact details: shown unmasked only to those who handle
    # it, and each such read is in the audit log.
    personal_data: bool = False
    # Cases that arrive outside the portal, entered by staff ("登记纸质申请"); None: only the portal files them.
    intake: Intake | None = None
    # Fields the queue's search box looks in (a case-insensitive substring: Chinese works).
    search_fields: Sequence[str] = ("reference",)
    # The assignee's staff record too: each row shows the assignee's name (one query per row otherwise).
    select_related: Sequence[str] = ("department", "assigned_to", "assigned_to__staff")
    # The citizen behind a case and how they chose to hear about it (None: nobody outside to tell).
    citizen_contact: Callable[[Any], CitizenContact | None] | None = None
    # Step name -> what the citizen is told when it is taken (yifa.notifications sends it).
    citizen_notices: Mapping[str, CitizenNotice] = field(default_factory=dict)
    # What a case waits for in each status: status -> the policy action of the step someone inside must take
    # next ("submitted" -> "review"); the work queue's 等待我处理的 follows it. A status not named waits for
    # someone outside (a citizen's correction, a third party's opinion). Empty: every open status waits for
    # whoever may take any of its steps.
    awaiting: Mapping[str, str] = field(default_factory=dict)
    # A concluded case of this type may become a typical case (典型案例) told as a 以案释法 article: enforcement,
    # reconsideration and litigation cases. `typical_case(case)` drafts it; None: not a source.
    typical_case: Callable[[Any], TypicalCaseDraft] | None = None

    def step(self, name: str) -> Step | None:
        return next((step for step in self.steps if step.name == name), None)

    @property
    def transitions(self) -> list[Transition]:
        return [step.transition for step in self.steps]

    @property
    def open_statuses(self) -> list[str]:
        choices = self.model._meta.get_field("status").choices or []
        return [value for value, _label in choices if value not in self.model.CLOSED_STATUSES]  # type: ignore[misc]

    def status_choices(self) -> list[tuple[str, Label]]:
        """(value, label); the labels stay lazy, so a screen built once at start-up speaks each user's language."""
        return list(self.model._meta.get_field("status").choices or [])  # type: ignore[arg-type]

    def visible_to(self, user: Any) -> QuerySet:
        """The cases of this type the user may see: the department's staff their own, city roles all."""
        return self.policy.instances_user_has_permission_for(user, "view").select_related(*self.select_related)

    @property
    def new_statuses(self) -> set[str]:
        """The open statuses no step leads to: where a case stands when it has just come in (收到, 待登记)."""
        reached = {transition.target for transition in self.transitions}
        return {status for status in self.open_statuses if status not in reached}

    def roles_awaited(self, status: str) -> frozenset[str]:
        """Whose work a case in `status` is: the roles that may take the step it waits for. When a department's
        editors may take it, it is theirs (their head supervises that work rather than waits on it); a system
        administrator only when nobody else may."""
        if status not in self.awaiting:
            return frozenset()
        roles = frozenset(self.policy.roles_for(self.awaiting[status]))
        if Role.DEPARTMENT_EDITOR in roles:
            roles -= {Role.DEPARTMENT_HEAD}
        if roles - {Role.SYSTEM_ADMIN}:
            roles -= {Role.SYSTEM_ADMIN}
        return roles

    def statuses_waiting_for(self, roles: frozenset[str]) -> set[str]:
        """The statuses in which a case waits for someone holding `roles`."""
        if self.awaiting:
            return {status for status in self.open_statuses if roles & self.roles_awaited(status)}
        waiting: set[str] = set()
        for transition in self.transitions:
            if roles & self.policy.roles_for(transition.permission):
                waiting |= set(transition.source)
        return waiting & set(self.open_statuses)


def case_types() -> list[CaseType]:
    return modules.case_types()


def case_type(kind: str) -> CaseType | None:
    return next((declared for declared in modules.case_types() if declared.kind == kind), None)


def case_type_of(case: Case | type[Case]) -> CaseType | None:
    model = case if isinstance(case, type) else type(case)
    return next((declared for declared in modules.case_types() if declared.model is model), None)


def each_case_type(kinds: Iterable[str] | None = None) -> list[CaseType]:
    wanted = set(kinds or ())
    return [declared for declared in modules.case_types() if not wanted or declared.kind in wanted]
