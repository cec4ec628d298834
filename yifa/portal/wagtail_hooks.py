"""Back office for the portal: columns keep the workflow their kind needs; a policy document going out without
its interpretation warns its editor (or is refused, where the city's rule says so); repeal and amendment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from .actions import apply_column_workflow, can_change_policy_validity
from .models import ArticlePage, ColumnPage


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
    return CatalogueImportMenuItem(gettext_lazy("导入公开目录"), reverse("portal_admin_catalogue_import"), icon_name="upload",
                                   order=450)
# The editor's actions that send a page out or towards publication (Wagtail's edit and create forms).
GOING_OUT = ("action-publish", "action-submit", "action-restart-workflow")


def _goes_out(request: Any) -> bool:
    if request.method != "POST":
        return False
    if request.POST.get("action-workflow-action"):  # a reviewer's step from the editor: only an approval
        return request.POST.get("workflow-action-name") == "approve"
    return any(request.POST.get(name) for name in GOING_OUT)


def _uninterpreted_policy(page: Any) -> ArticlePage | None:
    from .interpretations import has_published_interpretation
    from .selectors import is_policy_document

    page = page.specific
    if is_policy_document(page) and not has_published_interpretation(page):
        return page  # type: ignore[no-any-return]
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_policy_without_interpretation(request: Any, page: Any) -> None:
    """政策解读 is published with its policy (国办发〔2016〕80号): warn whoever publishes or submits a policy document
    that has no published interpretation yet. A warning, not a refusal, unless the city requires it (below)."""
    if not _goes_out(request):
        return
    policy = _uninterpreted_policy(page)
    if policy is not None:
        from .interpretations import interpretation_warning

        messages.warning(request, interpretation_warning(policy))


@hooks.register("before_publish_page")
def refuse_policy_without_interpretation(request: Any, page: Any) -> Any:
    """Where the city's rule forbids a policy without its interpretation (YIFA_POLICY_INTERPRETATION_REQUIRED),
    publishing it is refused; Wagtail has saved the editor's draft already. Approving it in the moderation
    workflow is refused the same way (`workflow_views`)."""
    from .workflow_views import publication_refusal, record_refusal

    refusal = publication_refusal(page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    record_refusal(request.user, page, refusal, "publish")
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_admin_viewset")
def register_article_page_viewset() -> Any:
    """Articles' page screens: the workflow's approval refuses what publishing refuses (`workflow_views`)."""
    from .workflow_views import article_page_viewset

    return article_page_viewset


@hooks.register("register_page_header_buttons")
def policy_validity_button(page: Any, user: Any, view_name: str, next_url: str | None = None) -> Any:
    from .selectors import is_policy_document

    specific = page.specific
    if is_policy_document(specific) and specific.live and can_change_policy_validity(user, specific):
        yield Button(_("修改效力状态"), reverse("portal_policy_validity", args=[page.pk]), icon_name="history",
                     priority=66)


@hooks.register("register_admin_urls")
def register_policy_urls() -> list:
    from .admin_views import policy_validity

    return [path("portal/policies/<int:page_id>/validity/", policy_validity, name="portal_policy_validity")]


class TypicalCasesMenuItem(MenuItem):
    """以案释法: shown to whoever may add an article to some column (the website's editors)."""

    def is_shown(self, request: Any) -> bool:
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return bool(PagePermissionPolicy().user_has_permission(request.user, "add"))


@hooks.register("register_admin_urls")
def register_typical_case_urls() -> list:
    from .explanation_views import typical_cases

    return [path("portal/typical-cases/", typical_cases, name="portal_typical_cases")]


@hooks.register("register_admin_menu_item")
def register_typical_cases_menu_item() -> MenuItem:
    return TypicalCasesMenuItem(gettext_lazy("以案释法"), reverse("portal_typical_cases"), icon_name="doc-full", order=460)
