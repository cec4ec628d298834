"""The demo's approval catalogue (行政审批项目目录): every item a licence that a law sets, none made up."""

import datetime as dt
import re

import pytest

from yifa.powers.demo_patterns import LICENSING
from yifa.powers.models import AdjustmentKind, ApprovalCategory, ApprovalVersion, Catalogue, PowerType
from yifa.powers.selectors import in_force

# The names the demo once generated over each department's fields of work ("应急值守项目审核" …).
OLD_FORMS = re.compile(r"(项目审核|年度计划审批|资金使用审批)(（\d+）)?$")
CITATION = re.compile(r"^《[^》]+》第[一二三四五六七八九十百零]+条")
END_OF_2016 = dt.date(2016, 12, 31)


def test_the_licences_table_names_departments_levels_and_articles():
    entries = [(code, *entry) for code, items in LICENSING.items() for entry in items]
    assert len(entries) > 100
    for _code, name, _law, article, level, renewable in entries:
        assert re.search(r"(许可|审批|核发|登记|认定)$", name), name
        assert not OLD_FORMS.search(name), name
        assert re.match(r"^第[一二三四五六七八九十百零]+条", article), (name, article)
        assert level in ("county", "higher") and isinstance(renewable, bool)
    # Attributed as the laws do: the police issue the licences for explosives and precursor chemicals, the
    # transport department those for road transport.
    assert any(name == "民用爆炸物品购买许可证核发" for name, *_ in LICENSING["gaj"])
    assert any(name.startswith("易制毒化学品") for name, *_ in LICENSING["gaj"])
    assert not any("民用爆炸" in name for code, items in LICENSING.items() if code != "gaj" for name, *_ in items)
    assert any(name == "道路运输经营许可证核发" for name, *_ in LICENSING["jtj"])


@pytest.mark.django_db
def test_no_approval_item_is_made_up(demo_lists):
    names = list(ApprovalVersion.objects.values_list("name", flat=True))
    assert len(names) == 282
    assert not [n for n in names if OLD_FORMS.search(n)]
    # Non-licensing approvals were abolished in 2015 (国发〔2015〕27号): the catalogue holds licences only.
    assert set(ApprovalVersion.objects.values_list("category", flat=True)) == {ApprovalCategory.LICENSING}
    assert all(CITATION.match(basis) for basis in ApprovalVersion.objects.values_list("basis", flat=True))


@pytest.mark.django_db
def test_the_kept_items_are_the_licences_in_the_power_lists_linked_to_them(demo_lists):
    kept = list(in_force(Catalogue.APPROVAL, END_OF_2016).select_related("department"))
    assert len(kept) == 102
    powers = {v.item_id: v for v in in_force(Catalogue.POWER, END_OF_2016)}
    for approval in kept:
        power = powers[approval.power_id]
        assert power.power_type == PowerType.LICENSING and power.code.endswith("000")
        assert (power.name, power.department_id) == (approval.name, approval.department_id)
    # Every licence in the power lists is in the catalogue, and more than a handful of departments issue them.
    licences = {v.item_id for v in powers.values() if v.power_type == PowerType.LICENSING}
    assert licences == {a.power_id for a in kept}
    assert len({a.department_id for a in kept}) >= 20
    # The written-out licences are among them, with the article that sets them.
    food = next(a for a in kept if a.name == "食品经营许可")
    assert food.basis.startswith("《中华人民共和国食品安全法》第三十五条")


@pytest.mark.django_db
def test_each_cancelled_item_says_why_it_left_the_catalogue(demo_lists):
    from yifa.powers.models import Adjustment

    cancelled = Adjustment.objects.filter(catalogue=Catalogue.APPROVAL, kind=AdjustmentKind.CANCEL,
                                          effective_date__year=2016)
    assert cancelled.count() == 180
    versions = {v.item_id: v for v in ApprovalVersion.objects.filter(item__in=cancelled.values("item"))}
    kept_powers = set(in_force(Catalogue.APPROVAL, END_OF_2016).values_list("power_id", flat=True))
    higher = merged = 0
    for adjustment in cancelled:
        version = versions[adjustment.item_id]
        if adjustment.reason.startswith("依法由上级行政机关实施"):
            higher += 1
            assert version.power_id is None  # the county lists no such power
        else:
            merged += 1
            licence = re.match(r"^(.+)（(变更|延续)）$", version.name)
            assert licence, version.name
            assert adjustment.reason == f"并入“{licence.group(1)}”，不再单列"
            assert version.power_id in kept_powers
            assert "《中华人民共和国行政许可法》第" in version.basis
    assert higher > 40 and merged > 40
