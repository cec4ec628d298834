"""The one registry of yifa's modules: each app declares once what it brings to the shared machinery.

    # yifa/disclosure/apps.py
    def ready(self) -> None:
        from .registration import MODULE
        register_module(MODULE)

A `Module` names the app's audit event types, its case types (the case registry in
`yifa.casework.registry` reads them), its public listings (columns of the portal offer them), its
search sources, its publication kinds, its website checks, its daily jobs, its demo loader, its
benchmarks and its figures selector. The shared parts read this registry when they need it — the
portal, the search, `yifa daily`, `yifa demo`, `make bench`, the staff API, the reports — so a module
never imports them and they never import a module (the layering in `pyproject.toml`).

This file sits at the bottom of the layers: it holds plain declarations and knows no other app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

if TYPE_CHECKING:  # declarations only; nothing here imports the layers above at run time
    from yifa.calendar.statutes import Statute
    from yifa.casework.registry import CaseType
    from yifa.publication.kinds import PublicationKind

Label = str | Promise


@dataclass(frozen=True)
class PublicListing:
    """A module's public page that an editor can show in a portal column (栏目 → 模块公开目录)."""

    name: str
    label: Label
    url_name: str
    description: Label = ""
    # A service a citizen comes to do (file a request, leave a message): the home page's 办事服务 band shows it
    # under this short label, with `more` as further links ((label, url name), e.g. tracking a request).
    service_label: Label = ""
    more: Sequence[tuple[Label, str]] = ()

    def more_links(self) -> list[tuple[str, str]]:
        links = []
        for label, url_name in self.more:
            try:
                links.append((str(label), reverse(url_name)))
            except NoReverseMatch:
                continue
        return links

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class AgencyLink:
    """A link on an agency's page (/jigou/<code>/) into what the agency publishes through a module.

    `count` is how many public records the link leads to (None: not counted, e.g. a form); a link with
    count 0 is shown greyed, so a visitor sees the agency has published nothing there yet."""

    label: Label
    url: str
    count: int | None = None
    description: Label = ""


@dataclass(frozen=True)
class SearchSource:
    """A kind of public record in the site search; `documents()` yields every public one (for a rebuild)."""

    name: str
    label: Label
    documents: Callable[[], Iterable[Any]]
    # A register's entries (the power lists' thousands of items): in the site search their title matches rank after
    # the title matches of pages and articles, so a guide titled with a common term is not buried under them.
    registry: bool = False


@dataclass(frozen=True)
class CatalogueItem:
    """One item a module publishes, as its agency's 政府信息公开目录 lists it (《政府信息公开条例》第十二条).

    `key` is stable within the source (a record's reference, a list version's department and date): the portal
    keeps the item's 索引号 under it, so an item withdrawn and published again gets its number back."""

    key: str
    department: Any  # yifa.org.models.Department
    title: str
    made_on: dt.date  # when the information was made or changed (条例 art.26 counts from it)
    published_on: dt.date
    url: str
    category: str = ""  # an art.20 code (A01–A15); the source's own when empty
    standard_field: str = ""  # a 基层政务公开标准目录 code (B01–B26), where one applies
    document_number: str = ""
    validity: str = ""  # "", "in_force", "amended", "repealed", "expired"


@dataclass(frozen=True)
class CatalogueSource:
    """Records a module publishes itself that belong in the agencies' catalogues (the portal's 信息公开目录).

    `items(day)` yields every item published on `day` (the daily job's date; today for the command); the portal files new ones (with a 索引号 under `category`), updates
    changed ones, and takes out those no longer yielded (withdrawn), keeping their numbers. It is read whole by
    the daily job and `manage.py catalogue sync`: keep it to a few queries, and yield one item per published
    document, not per row of a register (a power list is one item per department and version, not per power)."""

    name: str
    label: Label
    category: str  # the art.20 item the records fall under: "A02"
    items: Callable[[dt.date], Iterable[CatalogueItem]]
    standard_field: str = ""
    # Audit event types after which the source has changed (an adjustment took effect): the portal syncs it then,
    # in the same transaction, besides the daily run.
    events: Sequence[str] = ()


@dataclass(frozen=True)
class DailyJob:
    """Work `yifa daily` runs once per date: `run(day)` returns a one-line summary (or None)."""

    name: str
    label: Label
    run: Callable[[dt.date], str | None]


@dataclass(frozen=True)
class DemoLoader:
    """`yifa demo` runs the loaders in `order` (org 10, calendar 20, portal 30, …); each is idempotent.

    `load` is the dotted path of a function returning a one-line summary ("yifa.org.demo.load_org_demo"):
    demo code is imported only by `yifa demo`, never by the running site."""

    order: int
    load: str

    def run(self) -> str | None:
        from django.utils.module_loading import import_string

        return import_string(self.load)()


@dataclass(frozen=True)
class Finding:
    """What a website check found: "fail" (an inspection would fail the site now) or "warn" (it soon will)."""

    level: str
    message: str
    page_id: int | None = None


@dataclass(frozen=True)
class Module:
    label: str  # the app label: "disclosure"
    verbose_name: Label = ""
    event_types: Mapping[str, Label] = field(default_factory=dict)
    case_types: Sequence[CaseType] = ()
    listings: Sequence[PublicListing] = ()
    search_sources: Sequence[SearchSource] = ()
    publication_kinds: Sequence[PublicationKind] = ()
    website_checks: Sequence[Callable[[dt.date], list[Finding]]] = ()
    # The statutes whose text the module applies, each with its versions by date (yifa.calendar.statutes).
    statutes: Sequence[Statute] = ()
    daily_jobs: Sequence[DailyJob] = ()
    # One loader, or several at different orders (a module whose demo also builds on later modules' records).
    demo: DemoLoader | Sequence[DemoLoader] | None = None
    # "yifa.powers.bench:BENCHMARKS": imported only by `make bench`, never by the running site.
    benchmarks: str = ""
    # figures(year, department=None) -> dict: the only way the reports read a module.
    figures: Callable[..., dict[str, Any]] | None = None
    # agency_links(department) -> [AgencyLink(label, url, count), ...]: what the department publishes through
    # this module (its power list, its messages and replies, its disclosure guide), each link filtered to the
    # department. The agency pages (/jigou/<code>/) show every module's links, in module order. It is called
    # for one active department per page view: keep it to a query or two, and answer [] for none.
    agency_links: Callable[[Any], Sequence[AgencyLink]] | None = None
    # What the module publishes into the agencies' 政府信息公开目录 besides its publication kinds (those with a
    # `catalogue_category` are sources already): e.g. the power lists, one item per department and list version.
    catalogue_sources: Sequence[CatalogueSource] = ()


_MODULES: dict[str, Module] = {}
_EVENT_TYPES: dict[str, Label] = {}  # every module's, merged: read on every audited write


def register_module(module: Module) -> Module:
    """Declare a module (from its AppConfig.ready()); declaring the same label again replaces it."""
    if not module.label or module.label != module.label.strip():
        raise ValueError(f"a module needs its app label: {module.label!r}")
    previous = _MODULES.get(module.label)
    _MODULES[module.label] = module
    try:
        _check_unique()
    except ValueError:
        # Refused: the registry stays as it was, with the earlier declaration of this label if there was one.
        if previous is None:
            del _MODULES[module.label]
        else:
            _MODULES[module.label] = previous
        raise
    finally:
        _merge_event_types()
    return module


def unregister_module(label: str) -> None:
    """Forget a module (tests that register a scratch one)."""
    _MODULES.pop(label, None)
    _merge_event_types()


def _merge_event_types() -> None:
    _EVENT_TYPES.clear()
    for declared in _MODULES.values():
        _EVENT_TYPES.update(declared.event_types)


def modules() -> list[Module]:
    """Every declared module, in the order the apps were loaded."""
    return list(_MODULES.values())


def module(label: str) -> Module | None:
    return _MODULES.get(label)


def _each(attribute: str) -> Iterator[Any]:
    for declared in _MODULES.values():
        yield from getattr(declared, attribute)


def _check_unique() -> None:
    """Two modules may not claim the same listing, source, kind, case type, job or event type with another
    meaning. A publication kind is a search source too, so a source may not take a kind's name."""
    for what, names in (("listings", [item.name for item in listings()]),
                        ("search_sources", [source.name for source in search_sources()]),
                        ("publication_kinds", [kind.name for kind in publication_kinds()]),
                        ("case_types", [case_type.kind for case_type in case_types()]),
                        ("daily_jobs", [job.name for job in daily_jobs()]),
                        ("catalogue_sources", [source.name for source in catalogue_sources()]),
                        ("statutes", [each.code for each in statutes()])):
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"{what} declared twice: {sorted(duplicates)}")
    seen: dict[str, str] = {}
    for declared in _MODULES.values():
        for code, label in declared.event_types.items():
            if code in seen and seen[code] != str(label):
                raise ValueError(f"audit event type {code!r} declared twice with different labels")
            seen[code] = str(label)


# --- what the shared parts read -------------------------------------------------------------------------


def event_types() -> Mapping[str, Label]:
    return _EVENT_TYPES


def case_types() -> list[CaseType]:
    return list(_each("case_types"))


def listings() -> list[PublicListing]:
    return list(_each("listings"))


def services() -> list[PublicListing]:
    """The listings that are services (the home page's 办事服务 band), in module order."""
    return [item for item in _each("listings") if item.service_label and item.url]


def listing(name: str) -> PublicListing | None:
    return next((item for item in _each("listings") if item.name == name), None)


def agency_links(department: Any) -> list[AgencyLink]:
    """Every module's links into what `department` publishes, in module order (the agency page's 公开信息)."""
    found: list[AgencyLink] = []
    for declared in _MODULES.values():
        if declared.agency_links is not None:
            found.extend(declared.agency_links(department))
    return found


def search_sources() -> list[SearchSource]:
    """Every source of the site search: those declared, and one per publication kind."""
    return [*_each("search_sources"), *(kind.search_source() for kind in _each("publication_kinds"))]


def catalogue_sources() -> list[CatalogueSource]:
    """Every source of the agencies' catalogues: those declared, and one per publication kind that names its
    art.20 category (`PublicationKind.catalogue_category`)."""
    return [*_each("catalogue_sources"),
            *(kind.catalogue_source() for kind in _each("publication_kinds") if kind.catalogue_category)]


def catalogue_source(name: str) -> CatalogueSource | None:
    return next((source for source in catalogue_sources() if source.name == name), None)


def publication_kinds() -> list[PublicationKind]:
    return list(_each("publication_kinds"))


def statutes() -> list[Statute]:
    return list(_each("statutes"))


def website_checks() -> list[Callable[[dt.date], list[Finding]]]:
    return list(_each("website_checks"))


def daily_jobs() -> list[DailyJob]:
    return list(_each("daily_jobs"))


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    """(module label, loader), lowest order first."""
    found = []
    for declared in _MODULES.values():
        loaders = declared.demo if isinstance(declared.demo, Sequence) else [declared.demo]
        found += [(declared.label, loader) for loader in loaders if loader is not None]
    return sorted(found, key=lambda pair: (pair[1].order, pair[0]))


@contextmanager
def only_modules(*declared: Module) -> Iterator[None]:
    """Inside the block the registry holds only `declared` (tests and benchmarks of one mechanism).

    The URLconf is loaded first, from the whole registry: the back office builds the case screens' URLs from
    the registered case types once, when it is imported, and must not be imported for the first time inside
    the block (a later test would find no case screens)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the URLconf now)
    saved = dict(_MODULES)
    _MODULES.clear()
    try:
        for each in declared:
            register_module(each)
        yield
    finally:
        _MODULES.clear()
        _MODULES.update(saved)
        _merge_event_types()
