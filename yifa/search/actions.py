"""Rebuilding the search index, checked and logged (the command line and any back-office button).

Indexing single documents (`index.index_document`) happens inside other apps' audited actions and is
not logged again; a rebuild touches the whole index, so it leaves one audit row with the counts.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused

from .index import registered_sources, reindex
from .models import IndexedDocument
from .policies import search_index_policy


def rebuild_index(*, actor: Actor | None, source: str | None = None) -> dict[str, int]:
    """Rebuild one source (or all) from its documents(); returns the document count per source."""
    check_actor(search_index_policy, actor, "rebuild")
    names = [name for name, _label in registered_sources()]
    if source is not None and source not in names:
        known = "、".join(names) or _("（无）")
        raise ActionRefused(_("没有名为“%(source)s”的检索来源。已登记的来源：%(known)s") % {"source": source, "known": known})
    with transaction.atomic():
        before = IndexedDocument.objects.filter(**({"source": source} if source else {})).count()
        reindex(source)
        counts = {
            name: IndexedDocument.objects.filter(source=name).count() for name in ([source] if source else names)
        }
        record_event(
            actor=actor, event_type="search.reindexed", old={"documents": before},
            new={"source": source or "*", "counts": counts},
        )
    return counts
