"""The enforcement module's public pages: each part adds its own (personnel's register, benchmarks, decisions)."""

from .benchmarks.urls import urlpatterns as benchmark_urls
from .cases.urls import urlpatterns as case_urls
from .personnel.urls import urlpatterns as personnel_urls

urlpatterns: list = [*personnel_urls, *benchmark_urls, *case_urls]
