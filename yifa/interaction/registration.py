"""互动交流, declared once: the message as a case type, its publication, listing, website check and demo."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from yifa.casework.registry import CaseType, Panel, Step
from yifa.core.modules import AgencyLink, DemoLoader, Module, PublicListing

from . import actions, citizen_notices, forms
from . import transitions as steps
from .checks import unanswered_messages
from .models import Message
from .policies import message_policy
from .publication import MESSAGES
from .selectors import public_message

PUBLIC_PREVIEW = Panel("interaction/admin/public_panel.html", lambda request, message: {"public": public_message(message)})

PUBLIC_MESSAGE = CaseType(
    kind="public-message", model=Message, policy=message_policy,
    label=_("公众留言"), label_plural=_("公众留言"), menu_label=_("公众留言"), icon="mail", menu_order=210,
    summary=lambda message: message.subject, main_deadline=actions.REPLY,
    detail_template="interaction/admin/facts.html",
    panels=[PUBLIC_PREVIEW],
    search_fields=("reference", "subject", "name"), personal_data=True,
    # A new message waits for a reply; a replied one for the head to publish it.
    awaiting={Message.Status.RECEIVED: "reply", Message.Status.REPLIED: "publish"},
    citizen_contact=citizen_notices.contact, citizen_notices=citizen_notices.NOTICES,
    steps=[
        Step(steps.REPLY, forms.ReplyForm, initial=lambda message: {"reply": message.reply},
             perform=lambda actor, message, data, files: actions.reply_message(
                 actor=actor, message=message, reply=data["reply"])),
        Step(steps.PUBLISH, forms.PublishForm, help_text=_("公开后，留言和答复在网站“留言选登”中显示；留言人的联系方式不公开。"),
             panels=[PUBLIC_PREVIEW],
             perform=lambda actor, message, data, files: actions.publish_message(actor=actor, message=message)),
        Step(steps.WITHDRAW, forms.WithdrawForm,
             perform=lambda actor, message, data, files: actions.withdraw_message(
                 actor=actor, message=message, reason=data["reason"])),
        Step(steps.CLOSE, forms.CloseForm,
             perform=lambda actor, message, data, files: actions.close_message(
                 actor=actor, message=message, reason=data["reason"], note=data["note"])),
        Step(steps.MARK_COMPLEX, forms.MarkComplexForm, help_text=forms.complex_help,
             perform=lambda actor, message, data, files: actions.mark_complex(
                 actor=actor, message=message, reason=data["reason"])),
    ],
)


def agency_links(department: Any) -> list[AgencyLink]:
    """The agency page's links: its published messages and replies, and the form addressed to it."""
    from django.urls import reverse

    from .selectors import published_messages

    count = published_messages(department_id=department.pk).count()
    return [
        AgencyLink(_("留言选登"), f"{reverse('interaction:published')}?department={department.code}", count,
                   _("公众留言和本机构的答复")),
        AgencyLink(_("我要留言"), f"{reverse('interaction:submit')}?department={department.code}", None,
                   _("向本机构留言，答复后公开")),
    ]


MODULE = Module(
    "interaction", verbose_name=_("互动交流"),
    case_types=[PUBLIC_MESSAGE],
    publication_kinds=[MESSAGES],
    listings=[PublicListing("interaction", label=_("我要留言：向市政府各部门留言"), url_name="interaction:submit",
                            description=_("部门答复后在“留言选登”中公开；凭查询码可查询办理情况"),
                            service_label=_("我要留言"),
                            more=((_("留言查询"), "interaction:lookup"), (_("留言选登"), "interaction:published")))],
    website_checks=[unanswered_messages],
    agency_links=agency_links,
    demo=DemoLoader(60, "yifa.interaction.demo.load_interaction_demo"),
    event_types={
        "interaction.submitted": _("收到公众留言"),
        "interaction.replied": _("答复留言"),
        "interaction.published": _("公开留言和答复"),
        "interaction.withdrawn": _("撤回公开的留言"),
        "interaction.closed": _("留言不予受理"),
        "interaction.marked_complex": _("标记为复杂留言"),
    },
)
