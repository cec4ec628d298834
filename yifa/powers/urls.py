"""Public pages of the lists, under /powers/ (the Wagtail column /qzqd/ links here)."""

from django.urls import path

from . import views

urlpatterns = [
    path("powers/", views.power_list, name="list"),
    path("powers/items/<int:pk>/", views.item_detail, name="item"),
    path("powers/items/<int:pk>/flowchart/", views.flowchart_page, name="flowchart_page"),
    path("powers/items/<int:pk>/flowchart.svg", views.flowchart_svg, name="flowchart"),
    path("powers/adjustments/", views.adjustments, name="adjustments"),
    path("powers/intermediaries/", views.intermediary_list, name="intermediaries"),
    path("powers/approvals/", views.approval_list, name="approvals"),
    path("powers/template.xlsx", views.template_download, name="template"),
    path("powers/download/<slug:slug>.<str:fmt>", views.download, name="download"),
]
