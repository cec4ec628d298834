"""The one path by which a record becomes public, and stops being public.

`publish` (called from a module's action, inside its transaction) masks natural persons' data in what
the public will read, dates the publication, files it in the site search under the module's listing,
schedules its withdrawal by the kind's retention, and purges the page cache once committed.
`withdraw` undoes all of that, keeping the row as history. `withdraw_expired_publications` is the
daily job that enforces the retention dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor, SystemJob
from yifa.core.masking import mask_personal_data
from yifa.org.selectors import official_phones
from yifa.pagecache.signals import purge_after_commit
from yifa.search.index import SearchDocument, index_document, remove_document

from .kinds import PublicationKind
from .models import Publication

RETENTION_JOB = SystemJob("publication.retention", gettext_lazy("公开期满撤下"))


def public_text(text: str) -> str:
    """What the public may read of `text`: natural persons' contact data and ID numbers masked, the
    government's own published numbers left readable. Module pages show text through this too."""
    return mask_personal_data(text or "", keep=official_phones())


def _live(record: Any) -> Publication | None:
    return Publication.objects.filter(
        target_type=ContentType.objects.get_for_model(record), target_id=str(record.pk), withdrawn_at__isnull=True,
    ).first()


def publish(*, actor: Actor, record: Any, kind: PublicationKind, published_at: dt.datetime | None = None,
            reason: str = "") -> Publication:
    """Make `record` public (again). Runs in the caller's transaction when there is one."""
    check_actor(kind.policy, actor, kind.publish_permission, record)
    document = kind.document(record)
    moment = published_at or timezone.now()
    title, body = public_text(document.title)[:300], public_text(document.body)
    with transaction.atomic():
        publication = _live(record) or Publication(
            kind=kind.name, target_type=ContentType.objects.get_for_model(record), target_id=str(record.pk))
        publication.key = str(document.key)[:128]
        publication.department = document.department
        publication.title, publication.body, publication.url = title, body, document.url[:300]
        publication.natural_person = document.natural_person
        publication.published_at = moment
        publication.withdraw_due = kind.withdraw_due(timezone.localdate(moment), document.natural_person)
        publication.save()
        index_document(SearchDocument(source=kind.name, key=publication.key, title=title, body=body,
                                      url=publication.url, listing=kind.listing, published_at=moment))
        record_event(actor=actor, event_type="publication.published", target=record, reason=reason, new={
            "kind": str(kind.label), "published_at": moment, "withdraw_due": publication.withdraw_due or ""})
        purge_after_commit()
    return publication


def withdraw(*, actor: Actor, record: Any, kind: PublicationKind, reason: str, expired: bool = False) -> Publication | None:
    """Take `record` off the portal, the search and the page cache; the publication row stays as history."""
    check_actor(kind.policy, actor, kind.withdraw_permission, record)
    with transaction.atomic():
        publication = _live(record)
        if publication is None:
            return None
        publication.withdrawn_at = timezone.now()
        publication.withdrawal_reason = reason[:2000]
        publication.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        remove_document(kind.name, publication.key)
        record_event(actor=actor, event_type="publication.expired" if expired else "publication.withdrawn",
                     target=record, reason=reason, old={"published_at": publication.published_at})
        purge_after_commit()
    return publication


def withdraw_expired_publications(*, today: dt.date, actor: Actor = RETENTION_JOB) -> str:
    """The daily job: every publication whose retention ends on or before `today` is withdrawn."""
    from yifa.core.modules import publication_kinds

    kinds = {kind.name: kind for kind in publication_kinds()}
    withdrawn = 0
    for publication in Publication.objects.filter(withdrawn_at__isnull=True, withdraw_due__lte=today).select_related(
            "target_type").iterator():
        kind = kinds.get(publication.kind)
        record = publication.target
        if kind is None or record is None:
            continue
        withdraw(actor=actor, record=record, kind=kind, expired=True,
                 reason=_("公开期限至 %(day)s 届满") % {"day": publication.withdraw_due})
        withdrawn += 1
    return _("撤回公开期限届满的记录 %(n)s 条。") % {"n": withdrawn}
