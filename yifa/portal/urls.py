from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .feeds import ColumnAtomFeed, ColumnRssFeed

urlpatterns = [
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("language/<str:language>/", views.switch_language, name="language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/<slug:slug>/rss.xml", ColumnRssFeed(), name="column_rss"),
    path("feeds/<slug:slug>/atom.xml", ColumnAtomFeed(), name="column_atom"),
]
