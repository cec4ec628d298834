from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "yifa.interaction"
    label = "interaction"
    verbose_name = _("互动交流")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types
        from yifa.portal.registry import register_public_listing
        from yifa.portal.staleness import register_website_check

        from . import search
        from .checks import unanswered_messages

        register_public_listing(
            "interaction", label=_("我要留言：向市政府各部门留言"), url_name="interaction:submit",
            description=_("部门答复后在“留言选登”中公开；凭查询码可查询办理情况"),
        )
        register_website_check(unanswered_messages)
        search.register()
        register_event_types(
            {
                "interaction.submitted": _("收到公众留言"),
                "interaction.replied": _("答复留言"),
                "interaction.published": _("公开留言和答复"),
                "interaction.withdrawn": _("撤回公开的留言"),
                "interaction.closed": _("留言不予受理"),
            }
        )
