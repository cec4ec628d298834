"""Zhaodong (肇东市), 2016: the region tree, the 34 departments, their staff and one account per role.

The city had 22 towns and township offices (乡镇), 4 urban sub-district offices (街道办事处) and
130 villages and communities — the e-government coverage figures of the seed report.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from yifa.audit.actors import DEMO_LOADER

from .actions import grant_role, sync_role_groups
from .models import Department, Membership, Region, Role, Staff
from .validators import uscc_check_character

CITY_CODE = "231282000000"
SUBDISTRICTS = ["正阳街道办事处", "站前街道办事处", "西园街道办事处", "东升街道办事处"]
TOWNS = [
    "昌五镇", "宋站镇", "五站镇", "尚家镇", "姜家镇", "里木店镇", "四站镇", "涝洲镇",
    "五里明镇", "黎明镇", "西八里镇", "肇东镇", "东发镇", "德昌镇",
]
TOWNSHIPS = ["太平乡", "海城乡", "向阳乡", "洪河乡", "跃进乡", "宣化乡", "明久乡", "安民乡"]
VILLAGE_STEMS = ["前进", "胜利", "永安", "丰收", "新发", "双兴", "东兴", "民主", "红旗", "富强", "长青", "合心"]

# (name, short name, code, kind, legal affairs office)
G, INST, V = Department.Kind.GOVERNMENT, Department.Kind.INSTITUTION, Department.Kind.VERTICAL
DEPARTMENTS: list[tuple[str, str, str, str, bool]] = [
    ("肇东市人民政府办公室", "市政府办", "bgs", G, False),
    ("肇东市人民政府法制办公室", "市法制办", "sfj", G, True),
    ("肇东市发展和改革局", "市发改局", "fgj", G, False),
    ("肇东市教育局", "市教育局", "jyj", G, False),
    ("肇东市科学技术局", "市科技局", "kjj", G, False),
    ("肇东市工业和信息化局", "市工信局", "gxj", G, False),
    ("肇东市民族宗教事务局", "市民宗局", "mzzj", G, False),
    ("肇东市公安局", "市公安局", "gaj", G, False),
    ("肇东市民政局", "市民政局", "mzj", G, False),
    ("肇东市司法局", "市司法局", "sfju", G, False),
    ("肇东市财政局", "市财政局", "czj", G, False),
    ("肇东市人力资源和社会保障局", "市人社局", "rsj", G, False),
    ("肇东市国土资源局", "市国土局", "gtj", G, False),
    ("肇东市环境保护局", "市环保局", "hbj", G, False),
    ("肇东市住房和城乡建设局", "市住建局", "zjj", G, False),
    ("肇东市交通运输局", "市交通局", "jtj", G, False),
    ("肇东市水务局", "市水务局", "swj", G, False),
    ("肇东市农业委员会", "市农委", "nw", G, False),
    ("肇东市畜牧兽医局", "市畜牧局", "xmj", G, False),
    ("肇东市林业局", "市林业局", "lyj", G, False),
    ("肇东市商务局", "市商务局", "swuj", G, False),
    ("肇东市文化广电新闻出版局", "市文广新局", "wgxj", G, False),
    ("肇东市卫生和计划生育局", "市卫计局", "wjj", G, False),
    ("肇东市审计局", "市审计局", "sjj", G, False),
    ("肇东市安全生产监督管理局", "市安监局", "ajj", G, False),
    ("肇东市市场监督管理局", "市市场监管局", "scjgj", G, False),
    ("肇东市统计局", "市统计局", "tjj", G, False),
    ("肇东市物价监督管理局", "市物价局", "wjgl", G, False),
    ("肇东市城市管理综合执法局", "市城管执法局", "cgj", G, False),
    ("肇东市人民防空办公室", "市人防办", "rfb", G, False),
    ("肇东市房产管理局", "市房产局", "fcj", INST, False),
    ("肇东市政务服务中心管理办公室", "市政务服务中心", "zwzx", INST, False),
    ("肇东市国家税务局", "市国税局", "gsj", V, False),
    ("肇东市地方税务局", "市地税局", "dsj", V, False),
]
assert len(DEPARTMENTS) == 34

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["建国", "丽华", "志强", "秀英", "海涛", "玉兰", "立军", "春梅", "文博", "红霞", "晓东", "桂芝"]

DEMO_PASSWORD = "Yifa@2016demo"
# username, staff name, department code, role, employment type
# Each account is a person with a name, as the case screens, the work queue and the audit log show them.
DEMO_ACCOUNTS: list[tuple[str, str, str, str]] = [
    ("admin", "孙海峰", "bgs", Role.SYSTEM_ADMIN),
    ("fazhi", "王丽娟", "sfj", Role.LEGAL_AFFAIRS),
    ("editor", "刘春梅", "scjgj", Role.DEPARTMENT_EDITOR),
    ("head", "张立军", "scjgj", Role.DEPARTMENT_HEAD),
    ("inspector", "陈晓东", "scjgj", Role.INSPECTOR),
    ("leader", "李振华", "bgs", Role.LEADER),
]
DEMO_POSITIONS = {"admin": "信息中心工程师", "fazhi": "合法性审查科科长", "editor": "政务公开科科员",
                  "head": "副局长", "inspector": "综合执法大队执法人员", "leader": "副市长"}


def demo_account(username: str):  # type: ignore[no-untyped-def]
    """The demo account's user (its staff record's person), for the demo loaders that take steps as that person."""
    return get_user_model().objects.filter(username=username).first()


def credit_code(n: int) -> str:
    # 1 = 机关, 1 = 机关 category; 231282 = the city; then a 9-digit organisation code.
    first17 = f"11231282{n:09d}"
    return first17 + uscc_check_character(first17)


def _load_regions() -> tuple[Region, int]:
    city, _ = Region.objects.get_or_create(code=CITY_CODE, defaults={"name": "肇东市", "level": Region.Level.CITY})
    created = 0
    units = (
        [(f"231282{i + 1:03d}000", name, Region.Level.SUBDISTRICT) for i, name in enumerate(SUBDISTRICTS)]
        + [(f"231282{100 + i:03d}000", name, Region.Level.TOWN) for i, name in enumerate(TOWNS)]
        + [(f"231282{200 + i:03d}000", name, Region.Level.TOWNSHIP) for i, name in enumerate(TOWNSHIPS)]
    )
    parents = []
    for code, name, level in units:
        region, was_created = Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent": city})
        created += was_created
        parents.append(region)
    # 130 villages and communities: communities under the sub-district offices, villages under towns.
    for index in range(130):
        parent = parents[index % len(parents)]
        is_community = parent.level == Region.Level.SUBDISTRICT
        stem = VILLAGE_STEMS[index % len(VILLAGE_STEMS)]
        name = f"{stem}社区" if is_community else f"{stem}村"
        seq = 1 + index // len(parents)
        code = f"{parent.code[:9]}{(0 if is_community else 200) + seq:03d}"
        _, was_created = Region.objects.get_or_create(
            code=code,
            defaults={
                "name": f"{parent.name.replace('街道办事处', '').replace('镇', '').replace('乡', '')}{name}",
                "level": Region.Level.COMMUNITY if is_community else Region.Level.VILLAGE,
                "parent": parent,
            },
        )
        created += was_created
    return city, created


def load() -> str:
    with transaction.atomic():
        city, regions_created = _load_regions()
        departments: dict[str, Department] = {}
        for index, (name, short, code, kind, legal) in enumerate(DEPARTMENTS, start=1):
            department, _ = Department.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "short_name": short,
                    "credit_code": credit_code(100000 + index),
                    "kind": kind,
                    "region": city,
                    "is_legal_affairs_office": legal,
                    "sort_order": index,
                    "phone": f"0455-77{index:05d}"[:13],
                },
            )
            departments[code] = department
        # Two established staff per department (a head and an editor) and some contract staff,
        # who may not enforce (rules.md, Enforcement).
        for index, department in enumerate(departments.values()):
            if department.staff.exists():
                continue
            people = [
                (SURNAMES[index % len(SURNAMES)] + GIVEN[index % len(GIVEN)], Staff.EmploymentType.ADMINISTRATIVE, "局长"),
                (SURNAMES[(index + 7) % len(SURNAMES)] + GIVEN[(index + 3) % len(GIVEN)], Staff.EmploymentType.ADMINISTRATIVE, "科员"),
                (SURNAMES[(index + 13) % len(SURNAMES)] + GIVEN[(index + 5) % len(GIVEN)], Staff.EmploymentType.INSTITUTIONAL, "科员"),
                (SURNAMES[(index + 19) % len(SURNAMES)] + GIVEN[(index + 9) % len(GIVEN)], Staff.EmploymentType.CONTRACT, "协管员"),
            ]
            for name, employment, position in people:
                Staff.objects.create(name=name, department=department, employment_type=employment, position=position)
        user_model = get_user_model()
        for username, staff_name, code, role in DEMO_ACCOUNTS:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model.objects.create_user(username=username, password=DEMO_PASSWORD)
                if role == Role.SYSTEM_ADMIN:
                    user.is_superuser = True
                    user.is_staff = True
                    user.save(update_fields=["is_superuser", "is_staff"])
            staff, _ = Staff.objects.get_or_create(
                user=user,
                defaults={
                    "name": staff_name,
                    "department": departments[code],
                    "employment_type": Staff.EmploymentType.ADMINISTRATIVE,
                    "position": DEMO_POSITIONS.get(username, ""),
                },
            )
            if not Membership.objects.filter(staff=staff, department=departments[code], role=role).exists():
                grant_role(actor=DEMO_LOADER, staff=staff, department=departments[code], role=role, reason="演示数据")
            sync_role_groups(user)
    accounts = "，".join(f"{u}（{Role(r).label}）" for u, _, _, r in DEMO_ACCOUNTS)
    return (
        f"{Region.objects.count()} 个行政区划，{Department.objects.count()} 个部门，"
        f"{Staff.objects.count()} 名工作人员。演示账户（密码均为 {DEMO_PASSWORD}）：{accounts}"
    )
