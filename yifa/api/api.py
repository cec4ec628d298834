"""One NinjaAPI for the project. An app exposes `router` in `yifa/<app>/api.py`, mounted at /api/<label>/."""

from __future__ import annotations

import importlib

from django.apps import apps
from ninja import NinjaAPI

api = NinjaAPI(
    title="yifa API",
    version="1",
    description="依法 — 政务公开与依法行政平台接口。Every endpoint calls the same actions as the back office.",
    urls_namespace="api",
)


def mount_app_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("yifa.") or config.name == "yifa.api":
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.api":
                continue
            raise
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(f"/{config.label}/", router)


mount_app_routers()
