"""Back office for the portal: columns keep the workflow their kind needs."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .actions import apply_column_workflow
from .models import ColumnPage


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def keep_column_workflow(request: Any, page: Any) -> None:
    if isinstance(page.specific, ColumnPage):
        apply_column_workflow(page.specific)


class WebsiteChecksPanel(Component):
    """Warns editors before a government-website inspection would fail the site."""

    name = "website_checks"
    template_name = "portal/admin/website_checks_panel.html"
    order = 60

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        from .staleness import website_checks

        return {"findings": website_checks(), "request": parent_context["request"]}


def edits_the_website(user: Any) -> bool:
    """Those who can act on a website warning: they may add or change pages somewhere in the site."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


@hooks.register("construct_homepage_panels")
def add_website_checks_panel(request: Any, panels: list) -> None:
    # Warnings go to the site's editors, who can fix them, not to every inspector and leader.
    if edits_the_website(request.user):
        panels.append(WebsiteChecksPanel())


class CatalogueImportMenuItem(MenuItem):
    """导入政府信息公开目录, for those who may import into some agency's catalogue."""

    def is_shown(self, request: Any) -> bool:
        from .policies import catalogue_entry_policy

        return catalogue_entry_policy.can(request.user, "import")


@hooks.register("register_admin_urls")
def register_catalogue_urls() -> list:
    from .admin_views import import_catalogue_view

    return [path("catalogue/import/", import_catalogue_view, name="portal_admin_catalogue_import")]


@hooks.register("register_admin_menu_item")
def register_catalogue_menu_item() -> MenuItem:
    return CatalogueImportMenuItem(_("导入公开目录"), reverse("portal_admin_catalogue_import"), icon_name="upload",
                                   order=450)
