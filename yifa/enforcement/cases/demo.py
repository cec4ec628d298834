"""The cases part's demo: Zhaodong's 2016 enforcement cases, all concluded — across the departments that have
行政处罚 items in their 2016 power lists and at least two certified officers (the personnel part's demo, which
runs first, certifies them), some major and reviewed (one returned for a discretion fault, then agreed), each
decision published — plus current work placed around the demo's today: a case whose 90-day decision period
ends within days, one waiting for 法制审核 and a new lead waiting to be filed.

Idempotent: when enforcement cases exist it adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import SystemJob
from yifa.core.demo import demo_today
from yifa.org.models import Department, Staff

from . import actions, selectors
from .models import EnforcementCase

DEMO = SystemJob("enforcement.demo", gettext_lazy("演示数据"))
# The power lists took effect on 2016-06-30 (肇政发〔2016〕18号): cases under them from July.
YEAR_START = dt.date(2016, 7, 4)
CASES_2016 = 36
PARTIES = ["肇东市宏达商贸有限公司", "肇东市鑫源超市", "肇东市百姓大药房有限公司", "肇东市金穗粮油经销处",
           "肇东市顺发汽车修理厂", "肇东市新华建材商店", "肇东市福源饭店", "肇东市东方网吧"]
PERSONS = ["李某明", "赵国庆", "孙丽华", "周建军"]
# A tiny JPEG per case (its hash differs by case): the full-process record's on-site photo.
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def _day(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)  # demo placement only; every statutory period comes from the engine


def _handlers(department: Department, field: Any, on: dt.date) -> list[Staff]:
    from yifa.enforcement.personnel.selectors import assignment_problems

    staff = list(Staff.objects.filter(department=department, is_active=True).order_by("pk")[:60])
    problems = assignment_problems([(person, field, on) for person in staff])
    fine = [person for person in staff if not any(key.staff_id == person.pk for key in problems)]
    return fine[:2]


def _places(on: dt.date) -> list[tuple[Department, Any, Any, list[Staff]]]:
    """(department, field, power item, two certified officers) for each department able to run a case on `on`."""
    from yifa.enforcement.personnel.models import DepartmentField

    found = []
    for link in DepartmentField.objects.select_related("department", "field").order_by("department__sort_order"):
        power = selectors.enforcement_powers(link.department, on).filter(power_type="02").first()
        if power is None:
            continue
        officers = _handlers(link.department, link.field, on)
        if len(officers) == 2:
            found.append((link.department, link.field, power, officers))
    return found


def _reviewer() -> Any:
    from yifa.org.demo import demo_account

    user = demo_account("fazhi")
    if user is None or not hasattr(user, "staff"):
        return None
    if not user.staff.has_legal_qualification:
        # 王丽娟, 合法性审查科科长: the demo's legal reviewer holds a legal professional qualification.
        Staff.objects.filter(pk=user.staff.pk).update(has_legal_qualification=True)
        user.staff.refresh_from_db()
    return user


FINDINGS = {"subject_finding": "执法主体适格，承办人员均持有效执法证件。",
            "basis_finding": "适用法律依据正确。", "procedure_finding": "立案、调查、告知程序合法。",
            "fact_finding": "违法事实清楚，证据确凿。", "discretion_finding": "裁量适当。"}


def _photo(case: EnforcementCase, on: dt.date) -> None:
    content = JPEG_HEAD + case.reference.encode() * 8
    actions.add_evidence(actor=DEMO, case=case, uploads=[SimpleUploadedFile("现场检查照片.jpg", content)], kind="photo",
                         description="现场检查照片", collected_on=on)


def _open_case(place: tuple, index: int, found_on: dt.date, *, major: bool = False) -> EnforcementCase:
    department, field, power, officers = place
    officers = _handlers(department, field, found_on) or officers  # those certified on the day it was found
    person = index % 5 == 3
    party = PERSONS[index % len(PERSONS)] if person else PARTIES[index % len(PARTIES)]
    case = actions.register_case(
        actor=DEMO, department=department, power=power, field=field, title=power.name.removeprefix("对").removesuffix("的处罚"),
        party_kind="natural_person" if person else "legal_person", party_name=party,
        party_address="肇东市", facts=f"{found_on:%Y年%m月%d日}检查发现当事人{power.name.removeprefix('对').removesuffix('的处罚')}。",
        found_on=found_on, handler_ids=[s.pk for s in officers], major_reasons=["complex"] if major else [])
    _opened_on(case, found_on)
    for handler in list(case.handlers.all()):
        actions.declare_recusal(actor=DEMO, case=case, staff_id=handler.staff_id, declared_on=found_on, conflict=False)
    return actions.file_case(actor=DEMO, case=case, filed_on=found_on)


def _review(case: EnforcementCase, reviewer: Any, on: dt.date, fine: Decimal, *, conclusion: str = "agree",
            discretion: str = "") -> None:
    actions.submit_review(actor=DEMO, case=case, draft_text=f"拟罚款人民币{fine}元。", draft_fine=fine, submitted_on=on)
    findings = {**FINDINGS, "discretion_finding": discretion or FINDINGS["discretion_finding"]}
    actions.conclude_review(actor=reviewer, case=case, conclusion=conclusion, findings=findings,
                            opinion=discretion if conclusion != "agree" else "", concluded_on=_day(on, 2))
    case.refresh_from_db()


def _concluded_2016(place: tuple, index: int, reviewer: Any) -> EnforcementCase:
    found_on = _day(YEAR_START, 4 * index)
    major = reviewer is not None and index % 4 == 1
    returned = reviewer is not None and index == 5
    case = _open_case(place, index, found_on, major=major or returned)
    _photo(case, found_on)
    fine = Decimal(2000 + 500 * (index % 7)) * (3 if returned else 1)
    case = actions.notify_party(actor=DEMO, case=case, notified_on=_day(found_on, 10), penalty_kinds=["fine", "warning"],
                                proposed_fine=fine)
    case = actions.record_statement(actor=DEMO, case=case, stated_on=_day(found_on, 12), statement="", waived=True)
    if returned:
        _review(case, reviewer, _day(found_on, 14), fine, conclusion="modify",
                discretion="当事人初次违法并主动下架、召回全部涉案商品，依法应当从轻处罚，拟罚款数额畸重，建议修改。")
        fine = fine / 3
        _review(case, reviewer, _day(found_on, 18), fine)
    elif major:
        _review(case, reviewer, _day(found_on, 14), fine)
    decided_on = _day(found_on, 20)
    number = f"肇{case.department.short_name[:2]}罚〔2016〕{index + 1}号"
    case = actions.decide(actor=DEMO, case=case, decided_on=decided_on, fine=fine, decision_number=number,
                          decision_text=f"给予警告，并处罚款人民币{fine}元。")
    case = actions.serve_decision(actor=DEMO, case=case, served_on=_day(decided_on, 1), method="直接送达")
    actions.publish_decision(actor=DEMO, case=case, published_on=_day(decided_on, 2))
    case = actions.record_payment(actor=DEMO, case=case, paid_on=_day(decided_on, 10), amount=fine)
    return actions.close_case(actor=DEMO, case=case, closed_on=_day(decided_on, 11))


def _current(places: list, reviewer: Any, today: dt.date) -> int:
    """A working day's enforcement cases around `today`: one running, one whose 90-day decision period ends in two
    days, one overdue by a few days, one in 法制审核, a new lead and one concluded the working day before. Returns how
    many are still in hand."""
    from yifa.calendar.demo import working_days_before

    if not places:
        return 0
    # The current work sits in the demo accounts' department (editor, head and inspector), so that whoever tries
    # the demo finds it in their own queue.
    from yifa.org.demo import demo_account

    editor = demo_account("editor")
    home = getattr(getattr(editor, "staff", None), "department_id", None)
    places = [place for place in places if place[0].pk == home] or places
    place = places[0]
    in_hand = 0
    for index, filed_days_ago in ((100, 30), (101, 88), (103, 93)):  # running; due in two days; overdue
        case = _open_case(place, index, _day(today, -filed_days_ago))
        _photo(case, case.found_on)
        actions.notify_party(actor=DEMO, case=case, notified_on=_day(today, -min(20, filed_days_ago - 5)),
                             penalty_kinds=["fine"], proposed_fine=Decimal("5000"))
        in_hand += 1
    if reviewer is not None:
        waiting = _open_case(places[1 % len(places)], 102, _day(today, -40), major=True)
        _photo(waiting, _day(today, -40))
        actions.notify_party(actor=DEMO, case=waiting, notified_on=_day(today, -25), penalty_kinds=["fine"],
                             proposed_fine=Decimal("30000"))
        actions.record_statement(actor=DEMO, case=waiting, stated_on=_day(today, -22), statement="当事人辩称系初次违法。")
        actions.submit_review(actor=DEMO, case=waiting, draft_text="拟罚款人民币三万元。", draft_fine="30000",
                              submitted_on=_day(today, -3))
        in_hand += 1
    concluded = _open_case(place, 104, _day(today, -45))
    _photo(concluded, concluded.found_on)
    concluded = actions.notify_party(actor=DEMO, case=concluded, notified_on=_day(today, -35), penalty_kinds=["fine"],
                                     proposed_fine=Decimal("3000"))
    concluded = actions.record_statement(actor=DEMO, case=concluded, stated_on=_day(today, -33), statement="",
                                         waived=True)
    concluded = actions.decide(actor=DEMO, case=concluded, decided_on=_day(today, -25), fine=Decimal("3000"),
                               decision_number=f"肇{concluded.department.short_name[:2]}罚〔{today.year}〕1号",
                               decision_text="处罚款人民币3000元。")
    concluded = actions.serve_decision(actor=DEMO, case=concluded, served_on=_day(today, -24), method="直接送达")
    actions.publish_decision(actor=DEMO, case=concluded, published_on=_day(today, -23))
    concluded = actions.record_payment(actor=DEMO, case=concluded, paid_on=_day(today, -12), amount=Decimal("3000"))
    actions.close_case(actor=DEMO, case=concluded, closed_on=working_days_before(today, 1))
    department, field, power, officers = places[-1]
    lead = actions.register_case(actor=DEMO, department=department, power=power, field=field, title="群众举报线索",
                                 party_kind="legal_person", party_name="肇东市某食品加工厂", facts="群众举报该厂无证生产。",
                                 found_on=_day(today, -1), handler_ids=[s.pk for s in officers])
    _opened_on(lead, lead.found_on)
    return in_hand + 1


def _opened_on(case: EnforcementCase, day: dt.date) -> None:
    """The demo's case was registered on the day it was found, not when the demo was loaded."""
    from yifa.core.demo import demo_moment

    EnforcementCase.objects.filter(pk=case.pk).update(opened_at=demo_moment(day))
    case.opened_at = demo_moment(day)


def load_cases_demo() -> str:
    if EnforcementCase.objects.exists():
        return str(_("行政执法案件已有 %(n)s 件，未新建。") % {"n": EnforcementCase.objects.count()})
    places = _places(YEAR_START)
    if not places:
        return str(_("未生成行政执法案件：2016 年没有既有行政处罚事项、又有两名持证执法人员的部门。"))
    reviewer = _reviewer()
    with transaction.atomic():
        for index in range(CASES_2016):
            _concluded_2016(places[index % len(places)], index, reviewer)
    today = demo_today()
    current = _current(_places(today), reviewer, today)
    return str(_("行政执法案件：2016 年 %(n)s 件，分布于 %(departments)s 个部门；当前办理中 %(current)s 件。") % {
        "n": CASES_2016, "departments": min(len(places), CASES_2016), "current": current})
