"""The enforcement module's back-office screens: each part registers its own."""

from __future__ import annotations

from wagtail import hooks

from .benchmarks import wagtail_hooks as benchmarks_hooks  # noqa: F401  (its menu and screens)
from .personnel import screens as personnel_screens


@hooks.register("register_admin_viewset")
def register_personnel() -> personnel_screens.PersonnelGroup:
    return personnel_screens.PersonnelGroup()


@hooks.register("register_admin_urls")
def register_personnel_urls() -> list:
    return personnel_screens.admin_urls()
