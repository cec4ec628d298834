"""What this part adds to the enforcement module's one declaration (registration.py joins the parts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from yifa.casework.registry import CaseType
from yifa.core.modules import AgencyLink, DailyJob, PublicListing, SearchSource

from .actions import EVENTS

EVENT_TYPES: Mapping[str, Any] = EVENTS
CASE_TYPES: Sequence[CaseType] = ()
LISTINGS: Sequence[PublicListing] = ()
SEARCH_SOURCES: Sequence[SearchSource] = ()
DAILY_JOBS: Sequence[DailyJob] = ()
WEBSITE_CHECKS: Sequence[Callable[..., Any]] = ()
# The part's demo: a dotted path to a function returning a one-line summary; run in PARTS order.
DEMO: str = ""


def figures(year: int, department: Any = None) -> dict[str, Any]:
    return {}


def agency_links(department: Any) -> list[AgencyLink]:
    return []
