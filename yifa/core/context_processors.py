from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"YIFA_SITE_NAME": settings.WAGTAIL_SITE_NAME, "YIFA_CITY_NAME": settings.YIFA_CITY_NAME}
