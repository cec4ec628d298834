from django.urls import path

from . import views

urlpatterns = [
    path("hdjl/liuyan/", views.submit, name="submit"),
    path("hdjl/liuyan/yitijiao/", views.submitted, name="submitted"),
    path("hdjl/liuyan/chaxun/", views.lookup, name="lookup"),
    path("hdjl/liuyan/gongkai/", views.published, name="published"),
    path("hdjl/liuyan/gongkai/<slug:reference>/", views.detail, name="detail"),
]
