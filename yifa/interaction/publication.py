"""How a public message reads once published: its subject, the citizen's text and the department's reply,
with natural persons' data masked by the publication path; the author's name only if they allowed it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yifa.publication.kinds import PublicationKind, PublicDocument

from .models import Message
from .policies import message_policy


def message_document(message: Message) -> PublicDocument:
    return PublicDocument(
        key=message.reference, title=message.subject,
        body="\n".join(part for part in (message.content, f"{message.department.name}：{message.reply}") if part),
        url=reverse("interaction:detail", args=[message.reference]), department=message.department,
        natural_person=True,
    )


# No statutory retention: a published message and its reply stay until withdrawn. While published the reply is
# in the department's 政府信息公开目录 under 条例 art.20 item (15) ("其他": no other item names replies to the
# public), dated by the reply.
MESSAGES = PublicationKind(
    name="interaction.message", label=_("公众留言"), listing="interaction", policy=message_policy,
    document=message_document, catalogue_category="A15", catalogue_made_on=lambda message: message.replied_on,
)
