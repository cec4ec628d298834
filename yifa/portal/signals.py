"""What happens when Wagtail publishes or withdraws a page: the audit log and the search index.

Wagtail writes its own log entry for every publication, withdrawal and workflow step, with the
user who acted (none for scheduled publishing, which a system job does). We copy those into
yifa's audit log, so the one audit report shows the portal's publishing too.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy
from wagtail.models import PageLogEntry
from wagtail.signals import page_published, page_unpublished

from yifa.audit.actions import record_event
from yifa.audit.actors import SystemJob

from .models import ArticlePage

# Wagtail's log action → our event type.
LOGGED_ACTIONS = {
    "wagtail.publish": "portal.page_published",
    "wagtail.publish.scheduled": "portal.page_scheduled",
    "wagtail.unpublish": "portal.page_unpublished",
    "wagtail.unpublish.scheduled": "portal.page_scheduled_withdrawal",
    "wagtail.workflow.approve": "portal.page_approved",
    "wagtail.workflow.reject": "portal.page_rejected",
    "wagtail.delete": "portal.page_deleted",
}
SCHEDULED_PUBLISHING = SystemJob("wagtail.scheduled_publishing", gettext_lazy("定时发布"))


@receiver(post_save, sender=PageLogEntry)
def copy_publishing_to_audit_log(sender: Any, instance: PageLogEntry, created: bool, **kwargs: Any) -> None:
    event_type = LOGGED_ACTIONS.get(instance.action)
    if not created or event_type is None:
        return
    page = instance.page
    record_event(
        actor=instance.user or SCHEDULED_PUBLISHING,
        event_type=event_type,
        target=page.specific if page is not None else None,
        new={"page_id": instance.page_id, "title": instance.label, "revision": instance.revision_id,
             "url": page.url if page is not None else None, "data": instance.data},
    )


@receiver(page_published)
def index_published_article(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        from .catalogue import catalogue_article
        from .search import index_article

        # In the publishing transaction: if the publication rolls back, so do its index and catalogue entries.
        catalogue_article(instance)
        index_article(instance)


@receiver(page_unpublished)
def unindex_withdrawn_article(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        from .search import unindex_article

        unindex_article(instance)


@receiver(post_delete, sender=ArticlePage)
def unindex_deleted_article(sender: Any, instance: ArticlePage, **kwargs: Any) -> None:
    from .search import unindex_article

    unindex_article(instance)


# --- the agency pages (/jigou/) are stored in the page cache: changes to what they show purge it -----------

# Audit events after which an agency page's counts change without a publication (which purges by itself).
AGENCY_COUNTS_CHANGED = frozenset({"powers.adjustments_took_effect", "powers.list_imported"})


def _purge_agency_pages(sender: Any, **kwargs: Any) -> None:
    from yifa.pagecache.signals import purge_after_commit

    purge_after_commit()


def _index_agency(sender: Any, instance: Any, **kwargs: Any) -> None:
    from yifa.org.models import Department

    from .agencies import index_agency

    department = instance if isinstance(instance, Department) else Department.objects.filter(
        pk=instance.department_id).first()
    if department is not None:
        index_agency(department)


def _purge_if_counts_changed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if created and instance.event_type in AGENCY_COUNTS_CHANGED:
        _purge_agency_pages(sender)


def _connect_agency_purges() -> None:
    from yifa.audit.models import AuditEvent
    from yifa.org.models import Department, InternalUnit, Leader

    for model in (Department, InternalUnit, Leader):
        label = model._meta.label_lower
        post_save.connect(_purge_agency_pages, sender=model, dispatch_uid=f"portal.agencies.saved.{label}")
        post_delete.connect(_purge_agency_pages, sender=model, dispatch_uid=f"portal.agencies.deleted.{label}")
    post_save.connect(_purge_if_counts_changed, sender=AuditEvent, dispatch_uid="portal.agencies.audit")
    # The agency pages in the site search: a change to what the page says re-indexes it.
    for model in (Department, InternalUnit):
        label = model._meta.label_lower
        post_save.connect(_index_agency, sender=model, dispatch_uid=f"portal.agencies.index.{label}")
        post_delete.connect(_index_agency, sender=model, dispatch_uid=f"portal.agencies.unindex.{label}")


_connect_agency_purges()


def _sync_catalogue_source(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A module's audit event that changes a catalogue source (a power list's adjustment took effect): the
    source is brought in step at once, in the event's transaction."""
    if not created:
        return
    from yifa.core import modules

    for source in modules.catalogue_sources():
        if instance.event_type in source.events:
            from .catalogue import sync_source

            sync_source(source)


def _catalogue_publication(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .catalogue import sync_publication

    sync_publication(instance)


def _connect_catalogue() -> None:
    from yifa.audit.models import AuditEvent
    from yifa.publication.models import Publication

    post_save.connect(_catalogue_publication, sender=Publication, dispatch_uid="portal.catalogue.publication")
    post_save.connect(_sync_catalogue_source, sender=AuditEvent, dispatch_uid="portal.catalogue.source_events")


_connect_catalogue()
