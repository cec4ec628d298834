"""Each step of a public message, declared once: where it may start, where it leads, who may take it."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.casework.transitions import Guard, Transition

from .models import Message

S = Message.Status

# The editor's draft; it may be revised until the head publishes it.
REPLY = Transition("reply", _("答复"), frozenset({S.RECEIVED, S.REPLIED}), S.REPLIED, "reply", "interaction.replied")
PUBLISH = Transition("publish", _("公开"), frozenset({S.REPLIED}), S.PUBLISHED, "publish", "interaction.published",
                     closes=True)
# Taken off the portal (a mistake in the reply, a privacy complaint); the reply can be corrected and published again.
WITHDRAW = Transition("withdraw", _("撤回公开"), frozenset({S.PUBLISHED}), S.REPLIED, "withdraw",
                      "interaction.withdrawn")
CLOSE = Transition("close", _("不予受理"), frozenset({S.RECEIVED, S.REPLIED}), S.CLOSED, "close", "interaction.closed",
                   closes=True)



def _not_yet_complex(message: Message) -> str | None:
    return gettext("该留言已标记为复杂留言。") if message.is_complex else None


def _not_yet_answered(message: Message) -> str | None:
    return gettext("答复已经公开，答复期限已完成，无需再标记为复杂留言。") if message.answered_on else None


# The department head marks a message complex, with a reason: its reply period becomes the complex one
# (a local rule, settings.YIFA_MESSAGE_COMPLEX_REPLY_WORKING_DAYS). The status does not change.
MARK_COMPLEX = Transition(
    "mark_complex", _("标记为复杂留言"), frozenset({S.RECEIVED, S.REPLIED}), None, "mark_complex",
    "interaction.marked_complex",
    guards=(Guard("not_yet_complex", _("尚未标记为复杂留言"), _not_yet_complex),
            Guard("not_yet_answered", _("答复尚未公开"), _not_yet_answered)),
)

STEPS = [REPLY, PUBLISH, WITHDRAW, CLOSE, MARK_COMPLEX]
