"""Enforcement certificates in the site search: every certificate the public register shows, so that a
name or a certificate number typed into the site's search box finds the register's entry."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SOURCE = "enforcement.certificate"
LISTING = "enforcement_personnel"


def _documents(certificates: Any) -> Iterator[Any]:
    from yifa.search.index import SearchDocument

    from .selectors import register_status

    today = timezone.localdate()
    base = reverse("enforcement:personnel_register")
    for cert in certificates:
        _code, status = register_status(cert, today)
        fields = "、".join(f.name for f in cert.fields.all())
        body = " · ".join(part for part in (
            cert.get_kind_display(), cert.department.name, _("执法门类：%(fields)s") % {"fields": fields},
            _("有效期 %(start)s 至 %(end)s") % {"start": cert.issued_on, "end": cert.valid_until}, status) if part)
        yield SearchDocument(source=SOURCE, key=str(cert.pk), title=f"{cert.staff.name} {cert.number}", body=body,
                             url=f"{base}?{urlencode({'q': cert.number})}", listing=LISTING)


def certificate_documents() -> Iterator[Any]:
    from .selectors import public_register

    return _documents(public_register().iterator(chunk_size=500))


def sync_certificates(ids: Iterable[int]) -> None:
    """Index what the register shows among these certificates, remove the rest."""
    from yifa.search.index import index_document, remove_document

    from .selectors import public_register

    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        live = set()
        for document in _documents(public_register().filter(pk__in=chunk)):
            index_document(document)
            live.add(int(document.key))
        for pk in chunk:
            if pk not in live:
                remove_document(SOURCE, str(pk))
