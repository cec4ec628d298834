"""One NinjaAPI for the project. An app exposes `router` in `yifa/<app>/api.py`, mounted at /api/<label>/;
the staff API over the case registry (`yifa/api/cases.py`) is mounted at /api/cases/."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from .auth import TokenRefused
from .cases import router as cases_router

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


@api.exception_handler(TokenRefused)
def token_refused(request: HttpRequest, error: TokenRefused) -> HttpResponse:
    response = api.create_response(request, {"detail": error.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="yifa"'
    return response


api.add_router("/cases", cases_router)
mount_app_routers()
