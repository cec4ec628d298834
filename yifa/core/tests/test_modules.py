"""The registry of modules: what each app declares once, and the clashes it refuses."""

import datetime as dt

import pytest

from yifa.core import modules
from yifa.core.modules import (
    DailyJob,
    DemoLoader,
    Module,
    PublicListing,
    SearchSource,
    only_modules,
    register_module,
    unregister_module,
)


def _nothing() -> list:
    return []


def _job(day: dt.date) -> str:
    return "done"


def snapshot() -> tuple:
    """Everything the shared parts read from the registry."""
    return (
        [m.label for m in modules.modules()], dict(modules.event_types()),
        [item.name for item in modules.listings()], [source.name for source in modules.search_sources()],
        [job.name for job in modules.daily_jobs()], [kind.kind for kind in modules.case_types()],
        [kind.name for kind in modules.publication_kinds()], modules.demo_loaders(),
    )


@pytest.fixture
def scratch_modules():
    """Two scratch modules in an otherwise empty registry; the real one comes back afterwards."""
    first = Module("first", event_types={"first.done": "完成"},
                   listings=[PublicListing("first", label="第一", url_name="first:list")],
                   search_sources=[SearchSource("first.item", "第一事项", _nothing)],
                   daily_jobs=[DailyJob("first.job", "第一任务", _job)], demo=DemoLoader(70, "first.demo.load"))
    second = Module("second", event_types={"second.done": "办结"}, demo=DemoLoader(65, "second.demo.load"))
    with only_modules(first, second):
        yield first, second


@pytest.mark.parametrize(
    "clash",
    [
        {"listings": [PublicListing("first", label="另一个", url_name="other:list")]},
        {"search_sources": [SearchSource("first.item", "另一个来源", _nothing)]},
        {"daily_jobs": [DailyJob("first.job", "另一个任务", _job)]},
        {"event_types": {"first.done": "另一个意思"}},
    ],
    ids=["listing", "search source", "daily job", "event type label"],
)
def test_a_new_module_claiming_a_name_already_declared_is_refused_and_changes_nothing(scratch_modules, clash):
    before = snapshot()
    with pytest.raises(ValueError, match="declared twice"):
        register_module(Module("third", **clash))
    assert snapshot() == before
    assert modules.module("third") is None


@pytest.mark.parametrize(
    "clash",
    [
        {"listings": [PublicListing("first", label="另一个", url_name="other:list")]},
        {"event_types": {"first.done": "另一个意思"}},
    ],
    ids=["listing", "event type label"],
)
def test_declaring_a_module_again_with_a_clash_keeps_its_earlier_declaration(scratch_modules, clash):
    first, second = scratch_modules
    before = snapshot()
    with pytest.raises(ValueError, match="declared twice"):
        register_module(Module("second", **clash))
    assert snapshot() == before
    assert modules.module("second") is second


def test_a_search_source_may_not_take_the_name_of_a_publication_kinds_source():
    from yifa.interaction.publication import MESSAGES

    with only_modules(Module("interaction", publication_kinds=[MESSAGES])):
        before = snapshot()
        with pytest.raises(ValueError, match="declared twice"):
            register_module(Module("copycat", search_sources=[SearchSource(MESSAGES.name, "留言", _nothing)]))
        assert snapshot() == before


def test_two_case_types_may_not_share_a_kind():
    from yifa.interaction.registration import PUBLIC_MESSAGE

    with only_modules(Module("interaction", case_types=[PUBLIC_MESSAGE])):
        before = snapshot()
        with pytest.raises(ValueError, match="declared twice"):
            register_module(Module("copycat", case_types=[PUBLIC_MESSAGE]))
        assert snapshot() == before


def test_the_same_event_type_with_the_same_label_may_be_declared_by_two_modules(scratch_modules):
    register_module(Module("third", event_types={"first.done": "完成", "third.done": "第三"}))
    assert modules.event_types()["first.done"] == "完成"
    assert modules.event_types()["third.done"] == "第三"


def test_declaring_a_module_again_replaces_it_in_place(scratch_modules):
    register_module(Module("first", event_types={"first.renamed": "改名"}))
    assert [m.label for m in modules.modules()] == ["first", "second"]
    assert "first.done" not in modules.event_types()
    assert modules.event_types()["first.renamed"] == "改名"
    assert modules.listings() == []


def test_a_module_needs_its_app_label(scratch_modules):
    before = snapshot()
    for label in ("", " first", "first "):
        with pytest.raises(ValueError, match="app label"):
            register_module(Module(label))
    assert snapshot() == before


def test_unregistering_forgets_the_module_and_its_event_types(scratch_modules):
    unregister_module("first")
    assert [m.label for m in modules.modules()] == ["second"]
    assert "first.done" not in modules.event_types()
    assert modules.listing("first") is None


def test_demo_loaders_run_in_their_order(scratch_modules):
    assert [label for label, _loader in modules.demo_loaders()] == ["second", "first"]


def test_only_modules_holds_just_the_declared_ones_and_restores_the_registry():
    before = snapshot()
    assert "disclosure" in before[0] and "interaction.message" in before[3]
    with only_modules(Module("scratch", event_types={"scratch.done": "完成"})):
        assert [m.label for m in modules.modules()] == ["scratch"]
        assert dict(modules.event_types()) == {"scratch.done": "完成"}
        assert modules.case_types() == []
    assert snapshot() == before


def test_only_modules_restores_the_registry_when_the_block_fails_or_a_declaration_is_refused():
    before = snapshot()
    with pytest.raises(RuntimeError), only_modules(Module("scratch")):
        raise RuntimeError("the test failed")
    assert snapshot() == before
    clashing = [Module("a", daily_jobs=[DailyJob("same", "同名", _job)]), Module("b", daily_jobs=[DailyJob("same", "同名", _job)])]
    with pytest.raises(ValueError), only_modules(*clashing):
        pass
    assert snapshot() == before


def test_every_installed_module_is_declared_once_without_clashes():
    labels = [m.label for m in modules.modules()]
    assert len(labels) == len(set(labels))
    assert {"casework", "publication", "disclosure", "interaction", "powers", "portal"} <= set(labels)
    assert {kind.kind for kind in modules.case_types()} == {"disclosure-request", "public-message", "power-change",
                                                              "enforcement-case"}
    sources = [source.name for source in modules.search_sources()]
    assert len(sources) == len(set(sources))
