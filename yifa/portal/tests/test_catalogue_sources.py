"""Records the modules publish themselves in the agencies' catalogues: the registry's CatalogueSource, filed by
`sync_catalogue` (the daily job, `manage.py catalogue sync`), entering with a 索引号 and leaving when withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from yifa.audit.models import AuditEvent
from yifa.core import modules
from yifa.core.modules import CatalogueItem, CatalogueSource, Module, only_modules
from yifa.portal.catalogue import public_entries, sync_catalogue
from yifa.portal.models import CatalogueEntry

D = dt.date


@pytest.fixture
def published(department):
    """What the scratch source publishes now: edit the dict to publish and withdraw."""
    return {"r1": CatalogueItem("r1", department, "关于甲事项的答复", D(2016, 5, 3), D(2016, 5, 9), "/a/r1/"),
            "r2": CatalogueItem("r2", department, "关于乙事项的答复", D(2016, 6, 1), D(2016, 6, 2), "/a/r2/")}


@pytest.fixture
def scratch(published):
    source = CatalogueSource("scratch.answers", "答复", "A15", lambda day: list(published.values()))
    with only_modules(modules.module("portal"), Module("scratch", catalogue_sources=[source])):
        yield source


def numbers(department) -> dict[str, str]:
    return dict(public_entries().filter(department=department).values_list("source_key", "index_number"))


def test_a_sources_items_enter_their_agencys_catalogue_numbered_under_its_category(scratch, department):
    result = sync_catalogue(D(2016, 7, 1))
    assert (result.added, result.updated, result.withdrawn) == (2, 0, 0)
    prefix = f"{department.credit_code}-A15-2016-"
    assert numbers(department) == {"r1": prefix + "0001", "r2": prefix + "0002"}
    entry = CatalogueEntry.objects.get(source_key="r1")
    assert (entry.title, entry.made_on, entry.published_on, entry.url, entry.category.code, entry.issuing_body) == (
        "关于甲事项的答复", D(2016, 5, 3), D(2016, 5, 9), "/a/r1/", "A15", department.name)
    again = sync_catalogue(D(2016, 7, 2))
    assert not again.changed, "a second run with nothing new changes nothing"
    assert AuditEvent.objects.filter(event_type="portal.catalogue_synced").count() == 1


def test_a_withdrawn_item_leaves_and_gets_its_number_back_when_published_again(scratch, published, department):
    sync_catalogue(D(2016, 7, 1))
    first = numbers(department)["r1"]
    withdrawn = published.pop("r1")
    assert sync_catalogue(D(2016, 7, 5)).withdrawn == 1
    assert "r1" not in numbers(department)
    assert CatalogueEntry.objects.get(source_key="r1").withdrawn_on == D(2016, 7, 5)
    published["r1"] = withdrawn
    assert sync_catalogue(D(2016, 7, 9)).updated == 1
    assert numbers(department)["r1"] == first


def test_an_item_moved_to_another_agency_or_year_is_numbered_afresh_and_a_title_change_keeps_the_number(
        scratch, published, department, other_department):
    sync_catalogue(D(2016, 7, 1))
    published["r2"] = CatalogueItem("r2", department, "关于乙事项的答复（更正）", D(2016, 6, 1), D(2016, 6, 2), "/a/r2/")
    sync_catalogue(D(2016, 7, 2))
    assert numbers(department)["r2"].endswith("-A15-2016-0002")
    published["r1"] = CatalogueItem("r1", other_department, "关于甲事项的答复", D(2017, 1, 3), D(2017, 1, 4), "/a/r1/")
    sync_catalogue(D(2017, 1, 5))
    assert numbers(other_department) == {"r1": f"{other_department.credit_code}-A15-2017-0001"}


def test_an_item_under_an_unknown_category_is_skipped_not_filed(published, department):
    source = CatalogueSource("scratch.bad", "错", "Z99", lambda day: list(published.values()))
    with only_modules(modules.module("portal"), Module("scratch", catalogue_sources=[source])):
        result = sync_catalogue(D(2016, 7, 1))
    assert result.skipped == 2 and not CatalogueEntry.objects.exists()


def test_two_modules_may_not_declare_one_source_name(published):
    source = CatalogueSource("scratch.same", "答复", "A15", lambda day: [])
    with only_modules(Module("one", catalogue_sources=[source])), pytest.raises(ValueError, match="catalogue_sources"):
        from yifa.core.modules import register_module

        register_module(Module("two", catalogue_sources=[source]))


def test_the_command_syncs_one_source_or_refuses_an_unknown_name(scratch, department, capsys):
    call_command("catalogue", "sync", "--source", "scratch.answers")
    assert "新增 2 项" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有名为"):
        call_command("catalogue", "sync", "--source", "nothing")
