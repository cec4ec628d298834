"""The categories of proactive disclosure (主动公开) that catalogue items carry.

Two schemes, both reference data seeded by migration `0003_catalogue_fields` (edit here, then add a data
migration for existing databases):

- 《政府信息公开条例》(2019) 第二十条: the fifteen items every administrative agency publishes proactively
  (codes A01–A15, A + the item's number). REQUIRED_FOR_EVERY_AGENCY are those every agency has something
  under: its own organisation and contacts (item 2) and its budget and final accounts (item 7, every budget
  unit publishes its 部门预决算). The website checks warn when an agency has nothing published under them.
- 基层政务公开标准目录: the 26 fields of the State Council departments' standard directories for
  county-level governments (国办发〔2017〕42号 pilots; directories issued 2019–2020 under 国办发〔2019〕54号),
  codes B01–B26. The names follow the commonly published list of the 26 fields; the directories' own
  titles vary slightly (e.g. "生态环境" for 环境保护) — check a new field against the directory before use.
"""

from __future__ import annotations

ARTICLE_20 = "art20"
STANDARD = "standard"

# (item number, name) — 《政府信息公开条例》(国务院令第711号) 第二十条.
ARTICLE_20_ITEMS: list[tuple[int, str]] = [
    (1, "行政法规、规章和规范性文件"),
    (2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    (3, "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    (4, "国民经济和社会发展统计信息"),
    (5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    (6, "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"),
    (7, "财政预算、决算信息"),
    (8, "行政事业性收费项目及其依据、标准"),
    (9, "政府集中采购项目的目录、标准及实施情况"),
    (10, "重大建设项目的批准和实施情况"),
    (11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    (12, "突发公共事件的应急预案、预警信息及应对情况"),
    (13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    (14, "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    (15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
]
REQUIRED_FOR_EVERY_AGENCY = {2, 7}
# How a catalogue's 主题分类 column names each item, short enough for a table cell.
ARTICLE_20_SHORT = {
    1: "法规文件", 2: "机构职能", 3: "规划计划", 4: "统计信息", 5: "行政许可和服务", 6: "行政处罚和强制",
    7: "财政预决算", 8: "行政事业性收费", 9: "政府采购", 10: "重大建设项目", 11: "民生政策和实施", 12: "应急管理",
    13: "监督检查", 14: "公务员招考", 15: "其他",
}

# The 26 fields of the 基层政务公开标准目录 (commonly published list; see the module docstring).
STANDARD_FIELDS: list[str] = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿",
    "国有土地上房屋征收与补偿", "城乡规划", "生态环境", "公共文化服务", "公共法律服务", "扶贫",
    "救灾", "食品药品监管", "社会救助", "养老服务", "户籍管理", "涉农补贴", "就业", "社会保险",
    "义务教育", "卫生健康", "市政服务", "农村危房改造", "保障性住房", "城市综合执法",
]

CHINESE_NUMERALS = "一二三四五六七八九十"


def item_label(number: int) -> str:
    """"第二十条第（二）项" for item 2."""
    numeral = CHINESE_NUMERALS[number - 1] if number <= 10 else "十" + CHINESE_NUMERALS[number - 11]
    return f"第二十条第（{numeral}）项"


def article_20_code(number: int) -> str:
    return f"A{number:02d}"


def standard_code(position: int) -> str:
    return f"B{position:02d}"


def reference_rows() -> list[dict]:
    """Every category as the migration seeds it (code, scheme, name, short name, basis, order, required)."""
    rows = [{"code": article_20_code(n), "scheme": ARTICLE_20, "name": name, "short_name": ARTICLE_20_SHORT[n],
             "basis": item_label(n),
             "order": n, "required": n in REQUIRED_FOR_EVERY_AGENCY} for n, name in ARTICLE_20_ITEMS]
    rows += [{"code": standard_code(i), "scheme": STANDARD, "name": name, "short_name": name,
              "basis": "基层政务公开标准目录",
              "order": 100 + i, "required": False} for i, name in enumerate(STANDARD_FIELDS, start=1)]
    return rows


def ensure_categories(**kwargs: object) -> None:
    """Seed the categories where they are missing (after migrate, and after a test database is flushed: the
    reference data the data migration wrote goes with the flush). Connected to post_migrate."""
    from django.db import connections

    from .models import DisclosureCategory

    using = str(kwargs.get("using") or "default")
    # post_migrate is sent for every app even when one other app was migrated (`migrate core`): the table may
    # not exist yet.
    if DisclosureCategory._meta.db_table not in connections[using].introspection.table_names():
        return
    rows = reference_rows()
    if DisclosureCategory.objects.using(using).count() == len(rows):
        return
    for row in rows:
        code = row.pop("code")
        DisclosureCategory.objects.using(using).update_or_create(code=code, defaults=row)
