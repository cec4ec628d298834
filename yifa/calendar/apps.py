from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "yifa.calendar"
    label = "workcalendar"  # not "calendar": keep clear of the standard library's name in tables and labels
    verbose_name = _("工作日与期限")
