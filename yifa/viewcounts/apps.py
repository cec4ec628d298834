from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViewCountsConfig(AppConfig):
    name = "yifa.viewcounts"
    label = "viewcounts"
    verbose_name = _("点击数")
