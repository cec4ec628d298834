from django.urls import path

from . import views

urlpatterns = [
    path("yishenqing/", views.application, name="application"),
    path("yishenqing/submitted/", views.submitted, name="submitted"),
    path("yishenqing/chaxun/", views.track, name="track"),
]
