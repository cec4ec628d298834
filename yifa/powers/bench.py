"""Benchmarks: importing a 100,000-row power list, and the portal's pages at 100,000 items.

The import is compared with calamine — the reader the import itself uses — merely reading the same
file into Python values in the same run (target ≤ 1.5×, the median of three reads): everything yifa
adds (checking every cell, comparing with the list, writing items, versions, bases, adjustments,
approving them, indexing them for the site search) is measured against the floor of reading the file.
Every row has its own legal bases (one to three provisions of 40 laws, thousands of distinct ones).
The portal's list and item pages must issue as many queries at 100,000 items as at ten.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from yifa.bench.rows import Row

ROWS = int(os.environ.get("YIFA_BENCH_POWER_ROWS", "100000"))
TARGET_RATIO = 1.5
LAWS = ["中华人民共和国行政处罚法", "中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国安全生产法",
        "中华人民共和国环境保护法", "中华人民共和国土地管理法", "中华人民共和国城乡规划法", "中华人民共和国药品管理法",
        "中华人民共和国道路交通安全法", "中华人民共和国消防法", "中华人民共和国建筑法", "中华人民共和国森林法",
        "中华人民共和国草原法", "中华人民共和国水法", "中华人民共和国动物防疫法", "中华人民共和国畜牧法",
        "中华人民共和国种子法", "中华人民共和国农产品质量安全法", "中华人民共和国价格法", "中华人民共和国广告法",
        "中华人民共和国计量法", "中华人民共和国标准化法", "中华人民共和国统计法", "中华人民共和国档案法",
        "中华人民共和国教育法", "中华人民共和国执业医师法", "中华人民共和国传染病防治法", "中华人民共和国职业病防治法",
        "中华人民共和国劳动法", "中华人民共和国社会保险法", "中华人民共和国税收征收管理法", "中华人民共和国文物保护法",
        "中华人民共和国大气污染防治法", "中华人民共和国水污染防治法", "中华人民共和国固体废物污染环境防治法",
        "中华人民共和国矿产资源法", "中华人民共和国公路法", "中华人民共和国特种设备安全法", "黑龙江省安全生产条例",
        "黑龙江省食品小作坊小餐饮店小食杂店和食品摊贩管理条例"]
NUMERALS = "一二三四五六七八九"
CLAUSES = ["违反本法规定，", "有下列行为之一的，", "未取得许可擅自从事", "拒不改正的，", "情节严重的，", "由县级以上人民政府有关部门",
           "责令限期改正，", "没收违法所得，", "并处罚款；", "依法给予处分。", "予以警告，", "吊销许可证。"]


def _article(n: int) -> str:
    tens, units = divmod(n, 10)
    return "第" + (("" if tens == 1 else NUMERALS[tens - 1]) + "十" if tens else "") + (NUMERALS[units - 1] if units else "") + "条"


def _bases(rng: random.Random) -> str:
    """One to three provisions: a law, an article (1–99) and its text, which depends on both."""
    lines = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        law, number = rng.randrange(len(LAWS)), rng.randint(1, 99)
        local = random.Random(law * 1000 + number)
        text = "".join(local.choice(CLAUSES) for _ in range(local.randint(3, 7))).rstrip("，；。") + "。"
        lines.append(f"《{LAWS[law]}》{_article(number)}：{text}")
    return "\n".join(lines)


def _department(code: str, n: int) -> Any:
    from yifa.org.models import Department, Region
    from yifa.org.validators import uscc_check_character

    city, _ = Region.objects.get_or_create(code="231282000000", defaults={"name": "肇东市", "level": "city"})
    first17 = f"11231282{800000 + n:09d}"
    department, _ = Department.objects.get_or_create(code=code, defaults={
        "name": f"基准测试局{n}", "short_name": f"测试{n}", "credit_code": first17 + uscc_check_character(first17),
        "region": city})
    return department


def _write_list(path: Path, rows: int, prefix: str = "02") -> None:
    """A department's list in the template's columns, as an export writes it (write-only openpyxl)."""
    from openpyxl import Workbook

    from .spreadsheet import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("权力清单")
    sheet.append(COLUMNS)
    rng = random.Random(2016 + rows)
    for n in range(1, rows + 1):
        values = {
            "基本编码": f"{prefix}{n:05d}000" if n < 100_000 else f"{prefix}{n % 100_000:05d}000",
            "事项名称": f"对违反管理规定第{n}项行为的处罚", "事项类型": "02 行政处罚", "办理处室": "综合执法大队",
            "行使层级": "县级", "设定依据": _bases(rng), "法定办结时限": 90, "法定时限单位": "日",
            "承诺办结时限": 60, "承诺时限单位": "日", "是否收费": "否", "是否存在中介服务": "否",
            "服务对象": "自然人、企业法人", "监督电话": "0455-7711365",
            "责任事项": "立案：对违法线索审查后立案\n调查取证：两名以上执法人员调查\n决定：依法作出处罚决定",
            "追责情形": "立案：应当立案而不立案的\n决定：违反法定程序的", "生效日期": "2016-06-30",
            "文件依据": "关于公布权力清单的通知（肇政发〔2016〕18号）",
        }
        sheet.append([values.get(c) for c in COLUMNS])
    book.save(path)


def _read_with_calamine(path: Path) -> int:
    """The floor: calamine (the import's reader) reading the file's bytes into every row's Python values."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    try:
        return sum(1 for _ in book.get_sheet_by_name("权力清单").iter_rows())
    finally:
        book.close()


def _page_queries(client: Any, url: str) -> tuple[int, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: the flowchart is rendered once, then read from its store
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    return len(queries), elapsed, response.status_code


def import_a_hundred_thousand_rows() -> list[Row]:
    from django.test import Client

    from yifa.audit.actors import SystemJob

    from .actions import import_powers
    from .models import PowerVersion

    job = SystemJob("bench")
    folder = Path(tempfile.mkdtemp(prefix="yifa-powers-bench-"))
    small_department, big_department = _department("bench-small", 1), _department("bench-big", 2)
    small_file, big_file = folder / "10.xlsx", folder / f"{ROWS}.xlsx"
    _write_list(small_file, 10)
    _write_list(big_file, ROWS)

    client = Client()
    import_powers(actor=job, department=small_department, path=small_file, filename="10.xlsx", apply=True)
    small_item = PowerVersion.objects.filter(department=small_department).values_list("item_id", flat=True).first()
    small_list = _page_queries(client, "/powers/")
    small_page = _page_queries(client, f"/powers/items/{small_item}/")

    reads = []
    for _ in range(3):
        started = time.perf_counter()
        read_rows = _read_with_calamine(big_file)
        reads.append(time.perf_counter() - started)
    baseline = statistics.median(reads)

    started = time.perf_counter()
    outcome = import_powers(actor=job, department=big_department, path=big_file, filename=big_file.name, apply=True)
    measured = time.perf_counter() - started
    imported = PowerVersion.objects.filter(department=big_department, effective_from__isnull=False).count()
    assert read_rows == ROWS + 1 and imported == ROWS, (read_rows, imported, outcome.plan.counts())

    big_item = PowerVersion.objects.filter(department=big_department).order_by("-pk").values_list(
        "item_id", flat=True).first()
    big_list = _page_queries(client, "/powers/?p=2000")
    big_page = _page_queries(client, f"/powers/items/{big_item}/")
    ratio = measured / baseline
    rows = [
        Row(name=f"import a {ROWS:,}-row power list (xlsx → checked, compared, written, approved, indexed)",
            measured=f"{measured:.1f} s", baseline=f"{baseline:.2f} s (calamine reads the file)",
            ratio=f"{ratio:.2f}×", target=f"≤ {TARGET_RATIO}×", ok=ratio <= TARGET_RATIO),
    ]
    for label, small, big in (("portal list page", small_list, big_list), ("portal item page", small_page, big_page)):
        rows.append(Row(
            name=f"{label} at {imported + 10:,} items (queries; time)",
            measured=f"{big[0]} queries; {big[1] * 1000:.0f} ms", baseline=f"{small[0]} queries at 10 items",
            ratio="", target="same number of queries", ok=big[0] == small[0] and big[2] == small[2] == 200))
    for path in (small_file, big_file):
        path.unlink(missing_ok=True)
    return rows


BENCHMARKS = [import_a_hundred_thousand_rows]
