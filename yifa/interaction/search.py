"""Published messages and their replies in the site search, as the portal shows them (details masked)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yifa.search.index import SearchDocument, index_document, register_source, remove_document

from .models import Message
from .selectors import public_message, published_messages

SOURCE = "interaction.message"
COLUMN = "hdjl"  # the portal's 互动交流 column


def message_document(message: Message) -> SearchDocument:
    shown = public_message(message)
    return SearchDocument(
        source=SOURCE, key=message.reference, title=shown.subject,
        body="\n".join(part for part in (shown.content, f"{shown.department}：{shown.reply}") if part),
        url=reverse("interaction:detail", args=[message.reference]), column=COLUMN,
        published_at=message.published_at,
    )


def message_documents() -> Iterator[SearchDocument]:
    for message in published_messages().iterator():
        yield message_document(message)


def index_message(message: Message) -> None:
    index_document(message_document(message))


def unindex_message(message: Message) -> None:
    remove_document(SOURCE, message.reference)


def register() -> None:
    register_source(SOURCE, label=_("公众留言"), documents=message_documents)
