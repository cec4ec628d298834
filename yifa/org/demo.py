"""Zhaodong (肇东市), 2016: the region tree, the 34 departments, their staff and one account per role, the
22 town and 4 sub-district offices, and what each agency's page shows (functions, units, leaders).

The city had 22 towns and township offices (乡镇), 4 urban sub-district offices (街道办事处) and
130 villages and communities — the e-government coverage figures of the seed report.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from yifa.audit.actors import DEMO_LOADER

from .actions import grant_role, sync_role_groups
from .models import Department, InternalUnit, Leader, Membership, Region, Role, Staff
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
        _load_local_offices(start=len(DEPARTMENTS) + 1)
        _load_agency_pages()
    accounts = "，".join(f"{u}（{Role(r).label}）" for u, _, _, r in DEMO_ACCOUNTS)
    return (
        f"{Region.objects.count()} 个行政区划，"
        f"{Department.objects.exclude(kind__in=Department.LOCAL_KINDS).count()} 个部门，"
        f"{Department.objects.filter(kind__in=Department.LOCAL_KINDS).count()} 个乡镇人民政府和街道办事处，"
        f"{Staff.objects.count()} 名工作人员。演示账户（密码均为 {DEMO_PASSWORD}）：{accounts}"
    )


# --- agency pages (/jigou/): the towns' and sub-districts' offices, each department's public information ----

# The town and sub-district governments are agencies too (乡镇人民政府, 街道办事处): each has its page.
# (region name, department code). The names are the demo's regions above; the codes are their pinyin.
LOCAL_OFFICES: list[tuple[str, str]] = [
    ("正阳街道办事处", "zhengyang"), ("站前街道办事处", "zhanqian"), ("西园街道办事处", "xiyuan"),
    ("东升街道办事处", "dongsheng"),
    ("昌五镇", "changwu"), ("宋站镇", "songzhan"), ("五站镇", "wuzhan"), ("尚家镇", "shangjia"),
    ("姜家镇", "jiangjia"), ("里木店镇", "limudian"), ("四站镇", "sizhan"), ("涝洲镇", "laozhou"),
    ("五里明镇", "wuliming"), ("黎明镇", "liming"), ("西八里镇", "xibali"), ("肇东镇", "zhaodongzhen"),
    ("东发镇", "dongfa"), ("德昌镇", "dechang"),
    ("太平乡", "taiping"), ("海城乡", "haicheng"), ("向阳乡", "xiangyang"), ("洪河乡", "honghe"),
    ("跃进乡", "yuejin"), ("宣化乡", "xuanhua"), ("明久乡", "mingjiu"), ("安民乡", "anmin"),
]
assert len(LOCAL_OFFICES) == 26

OFFICE_HOURS = "周一至周五 8:30—12:00，13:30—17:00（夏季 5月1日至9月30日下午 14:00—17:30）；法定节假日除外"
POSTAL_CODE = "151100"
STREETS = ["正阳大街", "东升路", "西园路", "站前街", "北二道街", "中央大街", "八道街", "光明路"]

# 机构职能 of some departments, as their 三定 rules put it (shortened); the others get their kind's text.
FUNCTIONS: dict[str, list[str]] = {
    "bgs": ["协助市政府领导处理市政府日常工作，组织起草市政府文件，审核以市政府和市政府办公室名义发布的公文。",
            "督促检查市政府各部门和各乡镇、街道对市政府决定事项的贯彻落实情况。",
            "负责全市政府信息公开、政务公开和政府网站的组织协调、指导推进和监督检查工作。"],
    "sfj": ["承担市政府规范性文件的合法性审查、备案审查和清理工作。",
            "负责重大行政决策、重大行政执法决定和市政府合同的合法性审查。",
            "负责全市行政执法证件管理、行政执法监督和行政复议、行政应诉工作。"],
    "scjgj": ["负责市场综合监督管理，组织实施质量强市和食品安全战略。",
              "负责市场主体统一登记注册和信用监管，组织开展“双随机、一公开”监管。",
              "负责食品、特种设备、计量、标准化和产品质量的监督管理，依法查处违法行为。"],
    "jyj": ["贯彻执行国家和省教育工作方针政策，统筹全市各级各类教育发展。",
            "负责义务教育均衡发展和学校安全、教育收费、教师队伍建设的管理工作。"],
    "mzj": ["负责社会救助、最低生活保障和特困人员供养工作。",
            "负责社会组织登记管理、养老服务、殡葬管理和社区建设指导工作。"],
    "rsj": ["负责就业创业、社会保险和劳动关系工作，组织实施劳动保障监察。",
            "负责机关事业单位人事管理、职称和职业技能鉴定工作。"],
    "hbj": ["负责全市生态环境监督管理，组织实施大气、水、土壤污染防治。",
            "负责建设项目环境影响评价审批和环境执法监督检查。"],
    "zjj": ["负责城乡规划建设、建筑市场和工程质量安全监督管理。",
            "负责住房保障、城市基础设施建设和物业管理的指导监督工作。"],
}
KIND_FUNCTIONS: dict[str, list[str]] = {
    Department.Kind.GOVERNMENT: [
        "贯彻执行国家、省和绥化市关于本行业的法律法规和方针政策，拟订全市本行业发展规划并组织实施。",
        "依法实施本部门权责清单所列行政许可、行政处罚、行政检查等行政职权，接受社会监督。",
        "负责本部门政府信息公开、政务服务和“互联网+监管”工作，办理人大代表建议和政协委员提案。",
        "完成市委、市政府交办的其他任务。",
    ],
    Department.Kind.INSTITUTION: [
        "承担法律法规授权和市政府委托的行政管理职能，依法实施相关行政职权。",
        "负责本系统政务服务事项的办理和政府信息公开工作。",
        "完成市委、市政府交办的其他任务。",
    ],
    Department.Kind.VERTICAL: [
        "依法负责辖区内相关税费的征收管理，组织实施税收政策和纳税服务。",
        "依法实施税务行政许可、行政处罚和税务检查，办理税务行政复议应诉事项。",
        "完成上级机关和市政府交办的其他任务。",
    ],
    Department.Kind.TOWN: [
        "贯彻执行法律法规和上级决定，制定并组织实施本行政区域经济社会发展规划。",
        "负责农业农村、乡村振兴、耕地保护和农村人居环境整治工作。",
        "负责民政、社会保障、教育卫生、文化体育等公共服务和社会事务管理。",
        "负责安全生产、生态环境保护、综合行政执法和平安建设工作，依法实施赋予乡镇的行政职权。",
        "负责本级政府信息公开和政务服务，接受群众的意见和建议。",
    ],
    Department.Kind.SUBDISTRICT: [
        "贯彻执行法律法规和市政府的决定，统筹辖区社区建设和社会治理。",
        "负责辖区公共服务、社会保障、民政事务和就业服务的组织实施。",
        "负责辖区城市管理、市容环境卫生、安全生产和综合行政执法工作。",
        "指导社区居民委员会工作，负责本级政府信息公开和便民服务。",
    ],
}
UNITS: dict[str, list[tuple[str, str]]] = {
    "department": [
        ("办公室", "负责机关文电、会务、机要、档案、财务和政务公开等日常运转工作。"),
        ("政策法规股", "负责本部门规范性文件起草、合法性审查、行政复议应诉和普法工作。"),
        ("业务股", "负责本行业发展规划、业务指导和行政审批事项的办理。"),
        ("综合执法大队", "负责本部门行政检查、行政处罚等执法工作。"),
    ],
    "town": [
        ("党政综合办公室", "负责机关日常运转、文电会务、政务公开和督查督办工作。"),
        ("经济发展办公室", "负责农业农村、招商引资、统计和财政所业务指导工作。"),
        ("社会事务办公室", "负责民政、社保、医保、退役军人服务、教育卫生和文化工作。"),
        ("综合行政执法办公室", "负责安全生产、自然资源、生态环境和村镇建设领域的综合执法。"),
        ("便民服务中心", "集中办理群众和企业的政务服务事项。"),
    ],
    "subdistrict": [
        ("党政办公室", "负责机关日常运转、文电会务、政务公开和督查督办工作。"),
        ("社区建设办公室", "负责社区建设、民政救助、就业和社会保障服务。"),
        ("城市管理办公室", "负责辖区市容环境卫生、城市管理和综合执法协调工作。"),
        ("平安建设办公室", "负责矛盾纠纷调解、信访和安全生产工作。"),
    ],
}
# Leaders' names are made up for the demo, like every person in it.
LEADER_GIVEN = ["振东", "国庆", "丽娜", "宏伟", "淑华", "长江", "玉梅", "德明", "晓光", "秀兰", "成林", "雅琴"]
LEADER_DUTIES = {
    "head": "主持全面工作，负责%(what)s的统筹领导。",
    "deputy1": "负责办公室、政策法规和政务公开工作，分管%(unit1)s。",
    "deputy2": "负责%(unit2)s工作，协助处理日常事务。",
}
POSTS = {
    Department.Kind.TOWN: ("镇长", "副镇长"),
    Department.Kind.SUBDISTRICT: ("主任", "副主任"),
}


def _posts(department: Department) -> tuple[str, str]:
    if department.kind == Department.Kind.TOWN and department.name.endswith("乡人民政府"):
        return "乡长", "副乡长"
    if department.kind in POSTS:
        return POSTS[department.kind]  # type: ignore[index]
    if department.name.endswith(("办公室", "委员会")):
        return "主任", "副主任"
    return "局长", "副局长"


def _load_local_offices(start: int) -> int:
    created = 0
    for offset, (region_name, code) in enumerate(LOCAL_OFFICES):
        region = Region.objects.get(name=region_name)
        is_subdistrict = region.level == Region.Level.SUBDISTRICT
        short = region_name.replace("街道办事处", "街道")
        name = f"肇东市{region_name}" if is_subdistrict else f"肇东市{region_name}人民政府"
        index = start + offset
        _, was_created = Department.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "short_name": short, "credit_code": credit_code(200000 + offset + 1),
                "kind": Department.Kind.SUBDISTRICT if is_subdistrict else Department.Kind.TOWN,
                "region": region, "sort_order": index, "phone": f"0455-78{offset + 1:05d}",
            },
        )
        created += was_created
    return created


def _load_agency_pages() -> int:
    """Each agency's public information, its internal units and leaders: filled where still blank."""
    filled = 0
    for index, department in enumerate(Department.objects.order_by("sort_order", "pk")):
        local = department.kind in Department.LOCAL_KINDS
        if not department.functions:
            lines = FUNCTIONS.get(department.code) or KIND_FUNCTIONS.get(department.kind, KIND_FUNCTIONS["government"])
            place = department.region.name if local else ""
            street = f"{place}政府街 1 号" if local else f"{STREETS[index % len(STREETS)]} {10 + index * 7} 号"
            Department.objects.filter(pk=department.pk).update(
                functions="\n".join(lines), office_hours=OFFICE_HOURS, postal_code=POSTAL_CODE,
                address=department.address or f"黑龙江省肇东市{street}",
                fax=f"0455-79{department.phone[-5:]}" if department.phone else "",
                email=f"{department.code}@zhaodong.example",
            )
            filled += 1
        if not department.internal_units.exists():
            kept_units = UNITS["town" if department.kind == Department.Kind.TOWN else
                          "subdistrict" if department.kind == Department.Kind.SUBDISTRICT else "department"]
            for order, (unit, functions) in enumerate(kept_units, start=1):
                InternalUnit.objects.create(department=department, name=unit, functions=functions, sort_order=order)
        if not department.leaders.exists():
            head_post, deputy_post = _posts(department)
            unit_names: list[str] = list(department.internal_units.values_list("name", flat=True))
            what = department.short_name
            people = [
                (head_post, LEADER_DUTIES["head"] % {"what": what}),
                (deputy_post, LEADER_DUTIES["deputy1"] % {"unit1": unit_names[0] if unit_names else what}),
                (deputy_post, LEADER_DUTIES["deputy2"] % {"unit2": "、".join(unit_names[2:4]) or what}),
            ]
            for order, (post, duties) in enumerate(people, start=1):
                name = SURNAMES[(index * 3 + order * 5) % len(SURNAMES)] + LEADER_GIVEN[(index + order * 4) % len(LEADER_GIVEN)]
                Leader.objects.create(department=department, name=name, post=post, duties=duties, sort_order=order)
    return filled
