"""When the cache is purged: after any change to what published pages show.

The whole cache is emptied, not just the changed page: a page is listed on its column pages (and
their later pages), on the home page, in its neighbours' 上一篇/下一篇 and, for a column, in every
page's navigation. Working out that set is error-prone, and a portal publishes a few dozen times a
day, so each purge costs a few hundred renders spread over the next visits.

Purges run after the transaction commits, so the next render sees the new content.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store

DISPATCH = "yifa.pagecache"


def purge_after_commit(sender: Any = None, **kwargs: Any) -> None:
    transaction.on_commit(store.purge, robust=True)


def _purge_if_page(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        purge_after_commit()


def _purge_now(sender: Any, **kwargs: Any) -> None:
    store.purge()  # migrate and flush (e.g. `manage.py demo` rebuilding the site) change every page


def connect() -> None:
    page_published.connect(purge_after_commit, dispatch_uid=f"{DISPATCH}.published")
    page_unpublished.connect(purge_after_commit, dispatch_uid=f"{DISPATCH}.unpublished")
    post_page_move.connect(purge_after_commit, dispatch_uid=f"{DISPATCH}.moved")
    # Deleting a page deletes its subtree; each row is a concrete subclass of Page.
    post_delete.connect(_purge_if_page, dispatch_uid=f"{DISPATCH}.page_deleted")
    # A page made private must leave the cache at once; site settings (footer, sponsor) are on every page.
    watched = [PageViewRestriction, Site] + [
        model for model in apps.get_models() if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    if apps.is_installed("wagtail.contrib.redirects"):
        watched.append(apps.get_model("wagtailredirects", "Redirect"))
    for model in watched:
        label = model._meta.label_lower
        post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"{DISPATCH}.saved.{label}")
        post_delete.connect(purge_after_commit, sender=model, dispatch_uid=f"{DISPATCH}.deleted.{label}")
    # Sent once per app: wagtailcore's is enough.
    post_migrate.connect(_purge_now, sender=apps.get_app_config("wagtailcore"), dispatch_uid=f"{DISPATCH}.migrated")
