"""The back office of the benchmarks: the menu and the screens (imported by yifa/enforcement/wagtail_hooks.py)."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Benchmark, BenchmarkVersion
from .policies import benchmark_policy, benchmark_version_policy

register_permission_policy(Benchmark, benchmark_policy)
register_permission_policy(BenchmarkVersion, benchmark_version_policy)


class ImportMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return admin_views.editing_departments(request.user).exists()


class ViewMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return benchmark_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def benchmarks_menu() -> SubmenuMenuItem:
    menu = Menu(items=[
        ViewMenuItem(_("现行裁量基准"), reverse("enforcement_benchmarks_admin"), icon_name="list-ul", order=1),
        ViewMenuItem(_("裁量计算器"), reverse("enforcement_benchmarks_calculator"), icon_name="form", order=2),
        ImportMenuItem(_("导入裁量基准"), reverse("enforcement_benchmarks_import"), icon_name="upload", order=3),
        ViewMenuItem(_("导出裁量基准"), reverse("enforcement_benchmarks_export"), icon_name="download", order=4),
    ])
    return SubmenuMenuItem(_("裁量基准"), menu, icon_name="table", order=460)


@hooks.register("register_admin_urls")
def benchmark_admin_urls() -> list:
    v = admin_views
    return [
        path("enforcement/benchmarks/", v.index, name="enforcement_benchmarks_admin"),
        path("enforcement/benchmarks/calculator/", v.calculator, name="enforcement_benchmarks_calculator"),
        path("enforcement/benchmarks/import/", v.import_view, name="enforcement_benchmarks_import"),
        path("enforcement/benchmarks/export/", v.export_view, name="enforcement_benchmarks_export"),
    ]
