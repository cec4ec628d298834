from django.urls import include, path

from . import agencies, catalogue_views, views
from .feeds import ColumnAtomFeed, ColumnRssFeed

urlpatterns = [
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("language/<str:language>/", views.switch_language, name="language"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap/", views.sitemap_page, name="sitemap_page"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("feeds/<slug:slug>/rss.xml", ColumnRssFeed(), name="column_rss"),
    path("feeds/<slug:slug>/atom.xml", ColumnAtomFeed(), name="column_atom"),
    # 机构信息: its own namespace, so the column showing the agency listing frames these pages only.
    path("", include((agencies.urlpatterns, "agencies"))),
    # 信息公开目录 (《政府信息公开条例》第十二条): the browser, each agency's catalogue, the exports.
    path("xxgk/mulu/", catalogue_views.catalogue, name="catalogue"),
    path("xxgk/mulu/export.<str:fmt>", catalogue_views.export, name="catalogue_export"),
    path("xxgk/<slug:code>/mulu/", catalogue_views.agency_catalogue, name="catalogue_agency"),
    path("xxgk/<slug:code>/mulu/export.<str:fmt>", catalogue_views.export, name="catalogue_agency_export"),
]
