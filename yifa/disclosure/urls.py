from django.urls import path

from . import views

urlpatterns = [
    path("yishenqing/", views.application, name="application"),
    path("yishenqing/submitted/", views.submitted, name="submitted"),
    path("yishenqing/chaxun/", views.track, name="track"),
    path("yishenqing/chaxun/<str:code>/", views.tracked, name="tracked"),
    path("yishenqing/chaxun/<str:code>/files/<int:attachment_id>/", views.tracked_file, name="tracked_file"),
    path("yishenqing/chaxun/<str:code>/notices/<str:kind>.docx", views.tracked_notice, name="tracked_notice"),
    path("yishenqing/wode/", views.my_requests, name="mine"),
    path("yishenqing/dafu/", views.answers, name="answers"),
    path("yishenqing/dafu/<str:reference>/", views.answer, name="answer"),
    path("yishenqing/dafu/<str:reference>/files/<int:attachment_id>/", views.answer_file, name="answer_file"),
]

# 政府信息公开指南 of each agency (《政府信息公开条例》第十二条), generated from its data and the statute in force.
urlpatterns += [path("xxgk/<slug:code>/zhinan/", views.agency_guide, name="guide")]
