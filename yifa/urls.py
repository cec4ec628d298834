"""URLs. Each yifa app may have a `urls.py` with `urlpatterns`; they are included before Wagtail's
page tree, which serves everything else. Apps choose their own prefixes (e.g. "disclosure/")."""

import importlib

from django.apps import apps
from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from yifa.api.api import api
from yifa.backoffice.logout import LogoutView

urlpatterns: list = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Before Wagtail's own: logging out ends the server's session for GET too (yifa.backoffice.logout).
    path("admin/logout/", LogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
]


def _app_urlpatterns() -> list:
    patterns: list = []
    for config in apps.get_app_configs():
        if not config.name.startswith("yifa."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.urls")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.urls":
                continue
            raise
        patterns.append(path("", include((module.urlpatterns, config.label))))
    return patterns


urlpatterns += _app_urlpatterns()

if settings.YIFA_SERVE_MEDIA:
    # Public media (images, renditions) when no nginx is in front (the demo), whatever DEBUG says:
    # django.conf.urls.static.static() would serve them only with DEBUG on.
    from django.urls import re_path
    from django.views.static import serve

    def serve_media(request, path):  # type: ignore[no-untyped-def]
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media)]

# Wagtail's page tree serves everything not matched above: keep it last.
urlpatterns += [path("", include(wagtail_urls))]
