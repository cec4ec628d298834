"""Each step of a public message, declared once: where it may start, where it leads, who may take it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yifa.casework.transitions import Transition

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

STEPS = [REPLY, PUBLISH, WITHDRAW, CLOSE]
