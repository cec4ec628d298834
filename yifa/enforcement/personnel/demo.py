"""The personnel part's demo: Zhaodong 2016 and the current work.

2016 (the seed): 282 new enforcement staff examined, all passed, and given certificates; 320 certificates
handled in the year — 282 issued, 4 renewed, 34 cancelled (12 transfers, 9 retirements, the 5 holders of
the abolished salt administration office, 8 contract workers removed from enforcement posts).
Current work, relative to demo_today(): certified staff in every enforcement department (the demo cases
need at least two handlers), certificates expiring this month, and the next exam sitting.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from yifa.audit.actors import DEMO_LOADER
from yifa.core.demo import demo_today
from yifa.org.actions import abolish_department, retire_staff, transfer_staff
from yifa.org.demo import GIVEN, SURNAMES, credit_code
from yifa.org.models import Department, Staff

from . import actions
from .jobs import cancel_departed
from .models import Certificate, CertificateEvent, EnforcementField, ExamSitting

A = DEMO_LOADER
EST = Staff.EmploymentType
FIELDS = [
    ("market", "市场监管"), ("transport", "交通运输"), ("environment", "生态环境"), ("urban", "城市管理"),
    ("culture", "文化市场"), ("agriculture", "农业"), ("resources", "自然资源"), ("health", "卫生健康"),
    ("emergency", "应急管理"), ("water", "水利"), ("housing", "住房城乡建设"),
]
# department code -> (fields, how many of the 2016 examinees)
DEPARTMENT_FIELDS: dict[str, tuple[tuple[str, ...], int]] = {
    "scjgj": (("market",), 70), "jtj": (("transport",), 30), "hbj": (("environment",), 20),
    "cgj": (("urban", "housing"), 40), "wgxj": (("culture",), 15), "nw": (("agriculture",), 20),
    "xmj": (("agriculture",), 12), "gtj": (("resources",), 18), "lyj": (("resources",), 10),
    "wjj": (("health",), 20), "ajj": (("emergency",), 15), "wjgl": (("market",), 7), "ywj": (("market",), 5),
    "swj": (("water",), 0), "zjj": (("housing",), 0),
}
SALT_OFFICE = ("肇东市盐务管理局", "市盐务局", "ywj")
EXAM_2016 = "2016年度行政执法人员资格考试"
SITTING_2016 = dt.date(2016, 4, 16)
ISSUED_2016 = dt.date(2016, 5, 20)
SALT_ABOLISHED = dt.date(2016, 12, 20)  # 盐业体制改革（国发〔2016〕25号）
CONTRACT_CLEARED = dt.date(2016, 8, 1)


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7 + n // len(SURNAMES)) % len(GIVEN)]


def _people(department: Department, count: int, start: int, employment: str = EST.ADMINISTRATIVE,
            position: str = "执法人员") -> list[Staff]:
    return [Staff.objects.create(name=_name(start + i), department=department, employment_type=employment,
                                 position=position) for i in range(count)]


def _legacy(staff: Staff, fields: list[EnforcementField], issued_on: dt.date) -> Certificate:
    """A certificate from the paper register before the system (issued by the 2013–2014 exams)."""
    cert = Certificate.objects.create(
        number=f"{actions.CITY_REGION_CODE}{issued_on.year}{9000 + staff.pk % 1000:04d}"[:14], staff=staff,
        department=staff.department, area="肇东市行政区域", issuing_authority="肇东市人民政府",
        basis="《黑龙江省行政执法人员资格管理办法》", issued_on=issued_on, valid_until=actions.expiry_for(issued_on))
    cert.fields.set(fields)
    CertificateEvent.objects.create(certificate=cert, department=staff.department, kind=CertificateEvent.Kind.ISSUED,
                                    on=issued_on, note="纸质档案录入")
    return cert


def _score(n: int) -> Decimal:
    return Decimal(62 + (n * 17) % 37) + Decimal((n * 3) % 10) / 10


def load_personnel_demo() -> str:
    if ExamSitting.objects.filter(title=EXAM_2016).exists():
        return "执法人员：已载入"
    with transaction.atomic():
        summary = _load_2016()
        current = _load_current()
    return f"{summary}；{current}"


def _load_2016() -> str:
    fields = {code: actions.save_field(actor=A, field=EnforcementField(code=code, name=name, sort_order=i))
              for i, (code, name) in enumerate(FIELDS, start=1)}
    city = Department.objects.get(code="bgs").region
    salt, _created = Department.objects.get_or_create(code=SALT_OFFICE[2], defaults={
        "name": SALT_OFFICE[0], "short_name": SALT_OFFICE[1], "credit_code": credit_code(100900),
        "kind": Department.Kind.INSTITUTION, "region": city, "sort_order": 90})
    departments = {d.code: d for d in Department.objects.filter(code__in=DEPARTMENT_FIELDS)}
    for code, (codes, _n) in DEPARTMENT_FIELDS.items():
        actions.set_department_fields(actor=A, department=departments[code], fields=[fields[c] for c in codes])

    # Before 2016: 33 certificates in the paper register, brought over.
    n = 1000
    legacy: dict[str, list[Certificate]] = {}
    plan = [("renew", "scjgj", 4, EST.ADMINISTRATIVE, dt.date(2013, 11, 1)),
            ("transfer", "jtj", 6, EST.ADMINISTRATIVE, dt.date(2014, 3, 1)),
            ("transfer", "cgj", 6, EST.INSTITUTIONAL, dt.date(2014, 3, 1)),
            ("retire", "nw", 5, EST.ADMINISTRATIVE, dt.date(2014, 3, 1)),
            ("retire", "gtj", 4, EST.ADMINISTRATIVE, dt.date(2014, 3, 1)),
            ("contract", "cgj", 5, EST.CONTRACT, dt.date(2014, 3, 1)),
            ("contract", "wgxj", 3, EST.TEMPORARY, dt.date(2014, 3, 1))]
    for what, code, count, employment, issued in plan:
        department = departments[code]
        own = [fields[c] for c in DEPARTMENT_FIELDS[code][0]]
        for person in _people(department, count, n, employment, "协管员" if employment not in Staff.ESTABLISHED else "执法人员"):
            legacy.setdefault(what, []).append(_legacy(person, own, issued))
        n += count

    # The 2016 exam: 282 examinees, all passed; training first, certificates after.
    sitting = actions.create_sitting(actor=A, title=EXAM_2016, held_on=SITTING_2016, location="肇东市委党校")
    examinees: list[Staff] = []
    for code, (_codes, count) in DEPARTMENT_FIELDS.items():
        examinees += _people(departments[code], count, n)
        n += count
    for person in examinees:
        actions.record_training(actor=A, staff=person, course="行政执法人员岗前培训（行政处罚法、行政许可法、行政强制法）",
                                hours=Decimal("40"), completed_on=dt.date(2016, 3, 25), provider="肇东市人民政府法制办公室")
    actions.record_scores(actor=A, sitting=sitting, scores=[(p, _score(i)) for i, p in enumerate(examinees)])
    for person in examinees:
        actions.issue_certificate(actor=A, staff=person, issued_on=ISSUED_2016,
                                  fields=[fields[c] for c in DEPARTMENT_FIELDS[person.department.code][0]])

    # 4 renewals before the 2013 certificates expire.
    for cert in legacy["renew"]:
        actions.renew_certificate(actor=A, certificate=cert, renewed_on=dt.date(2016, 10, 17))
    # Transfers and retirements through the org; the daily job cancels the certificates on the day.
    for i, cert in enumerate(legacy["transfer"]):
        to = departments["zjj"] if i % 3 == 0 else None
        transfer_staff(actor=A, staff=cert.staff, on=dt.date(2016, 3 + i % 9, 10), to_department=to,
                       note="调往非执法岗位" if to else "调出肇东市")
    for i, cert in enumerate(legacy["retire"]):
        retire_staff(actor=A, staff=cert.staff, on=dt.date(2016, 2 + i, 28), note="达到法定退休年龄")
    # Contract and temporary workers out of enforcement posts.
    actions.remove_ineligible(actor=A, on=CONTRACT_CLEARED)
    abolish_department(actor=A, department=salt, on=SALT_ABOLISHED, note="盐业体制改革，盐务管理局撤销，盐业执法并入市场监管")
    cancel_departed(dt.date(2016, 12, 31))
    figures = __import__("yifa.enforcement.personnel.selectors", fromlist=["personnel_figures"]).personnel_figures(2016)
    return (f"2016年执法资格考试 {figures['personnel_examined']} 人、合格 {figures['personnel_passed']} 人，"
            f"办理执法证件 {figures['certificate_actions']} 件")


def _load_current() -> str:
    today = demo_today()
    fields = {f.code: f for f in EnforcementField.objects.all()}
    departments = list(Department.objects.filter(code__in=DEPARTMENT_FIELDS, is_active=True))
    held = today - dt.timedelta(days=400)
    sitting = actions.create_sitting(actor=A, title=f"{held.year}年度行政执法人员资格考试", held_on=held,
                                     location="肇东市委党校")
    examinees: list[Staff] = []
    n = 5000
    for department in departments:
        examinees += _people(department, 3, n)
        n += 3
    # The demo accounts who do enforcement work hold certificates too.
    examinees += list(Staff.objects.filter(user__username__in=["inspector", "head"]))
    results = actions.record_scores(actor=A, sitting=sitting, scores=[(p, _score(i + 7)) for i, p in enumerate(examinees)])
    for result in results:
        codes = DEPARTMENT_FIELDS.get(result.staff.department.code, ((),))[0]
        actions.issue_certificate(actor=A, staff=result.staff, issued_on=held + dt.timedelta(days=20),
                                  fields=[fields[c] for c in codes])
    # Certificates expiring this month (issued three years before): the reminders and renewals to come.
    market = Department.objects.get(code="scjgj")
    last_of_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    expiring = _people(market, 3, n)
    earlier = actions.create_sitting(actor=A, title=f"{today.year - 3}年度行政执法人员资格考试（补充）",
                                     held_on=actions.add_years(today, -3) - dt.timedelta(days=60), location="肇东市委党校")
    actions.record_scores(actor=A, sitting=earlier, scores=[(p, Decimal("78")) for p in expiring])
    for i, person in enumerate(expiring):
        until = min(today + dt.timedelta(days=3 + 9 * i), last_of_month) if today < last_of_month else today
        issued = actions.add_years(until + dt.timedelta(days=1), -actions.validity_years())
        actions.issue_certificate(actor=A, staff=person, issued_on=issued, fields=[fields["market"]])
    upcoming = actions.create_sitting(actor=A, title=f"{today.year}年度行政执法人员资格考试",
                                      held_on=today + dt.timedelta(days=24), location="肇东市委党校")
    return (f"当前持证执法人员 {len(results) + len(expiring)} 人，本月到期证件 {len(expiring)} 件，"
            f"{upcoming.held_on} 举行下一次资格考试")
