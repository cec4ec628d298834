from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "yifa.portal"
    label = "portal"
    verbose_name = _("政务公开网站")
