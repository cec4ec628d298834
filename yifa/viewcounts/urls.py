from django.urls import re_path

from . import views

urlpatterns = [
    # At most 18 digits, so any id the URL accepts fits the database's integer (no overflow, no 500).
    re_path(r"^views/(?P<page_id>[1-9][0-9]{0,17})/$", views.beacon, name="beacon"),
]
