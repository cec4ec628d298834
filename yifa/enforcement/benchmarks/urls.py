"""Public pages of the benchmarks part (names prefixed `benchmark_` in the enforcement namespace)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("enforcement/benchmarks/", views.benchmark_list, name="benchmark_list"),
    path("enforcement/benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("enforcement/benchmarks/download.xlsx", views.benchmark_download, name="benchmark_download"),
]
