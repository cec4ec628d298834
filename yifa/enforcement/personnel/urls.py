"""Public pages of the personnel part."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("zhifa/renyuan/", views.register, name="personnel_register"),
]
