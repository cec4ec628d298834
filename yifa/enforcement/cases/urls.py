"""Public pages of the cases part (行政执法公示), and the staff's downloads of a case's documents and evidence."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("zhifa/jueding/", views.decisions, name="decisions"),
    path("zhifa/jueding/<str:reference>/", views.decision, name="decision"),
    path("zhifa/anjian/<str:reference>/wenshu/<str:kind>.docx", views.case_document, name="case_document"),
    path("zhifa/anjian/<str:reference>/zhengju/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
]
