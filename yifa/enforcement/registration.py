"""行政执法, declared once. The module has three parts (personnel, benchmarks, cases), each in its own
package with its own `declaration`; this joins them into the one Module the registry holds."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from yifa.core.modules import AgencyLink, DemoLoader, Module

from .benchmarks import declaration as benchmarks
from .cases import declaration as cases
from .personnel import declaration as personnel

# In this order: cases need certified staff and benchmarks, so their demo runs last.
PARTS = (personnel, benchmarks, cases)


def figures(year: int, department: Any = None) -> dict[str, Any]:
    """The pillar's figures (the seed's 282 / 282 examined and passed, 320 certificates handled, …) for a calendar
    year the dates can hold (the API refuses any other with 400 before calling this)."""
    joined: dict[str, Any] = {}
    for part in PARTS:
        joined.update(part.figures(year, department))
    return joined


def agency_links(department: Any) -> list[AgencyLink]:
    return [link for part in PARTS for link in part.agency_links(department)]


def load_demo() -> str:
    from django.utils.module_loading import import_string

    return " ".join(str(import_string(part.DEMO)()) for part in PARTS if part.DEMO)


MODULE = Module(
    "enforcement", verbose_name=_("行政执法"),
    event_types={name: label for part in PARTS for name, label in part.EVENT_TYPES.items()},
    case_types=[case_type for part in PARTS for case_type in part.CASE_TYPES],
    listings=[listing for part in PARTS for listing in part.LISTINGS],
    search_sources=[source for part in PARTS for source in part.SEARCH_SOURCES],
    # Optional in a part's declaration: what it publishes through yifa.publication, and the statutes it applies.
    publication_kinds=[kind for part in PARTS for kind in getattr(part, "PUBLICATION_KINDS", ())],
    statutes=[each for part in PARTS for each in getattr(part, "STATUTES", ())],
    daily_jobs=[job for part in PARTS for job in part.DAILY_JOBS],
    website_checks=[check for part in PARTS for check in part.WEBSITE_CHECKS],
    demo=DemoLoader(70, "yifa.enforcement.registration.load_demo"),
    benchmarks="yifa.enforcement.bench:BENCHMARKS",
    figures=figures,
    agency_links=agency_links,
)
