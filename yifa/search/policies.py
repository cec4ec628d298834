"""Who may rebuild the search index: system administrators and system jobs (the command line)."""

from __future__ import annotations

from yifa.org.models import Role
from yifa.org.policies import EVERY_ROLE, ReferenceDataPolicy

from .models import IndexedDocument


class SearchIndexPolicy(ReferenceDataPolicy):
    rules = {
        "view": EVERY_ROLE,
        "rebuild": frozenset({Role.SYSTEM_ADMIN}),
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset(),
    }


search_index_policy = SearchIndexPolicy(IndexedDocument)
