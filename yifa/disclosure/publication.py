"""The public log of answered requests (依申请公开答复选登): so that people find what was already released before
asking again (as WhatDoTheyKnow and FragDenStaat show every request). The office chooses what to publish: a
title and the request's text as staff rewrote it without the applicant's identity, the reply, and the
released files. The publication path masks any natural person's contact data left in them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yifa.publication.kinds import PublicationKind, PublicDocument

from .models import DisclosureRequest
from .policies import request_policy


def answer_document(request: DisclosureRequest) -> PublicDocument:
    reply = "：".join(part for part in (request.get_outcome_display(), request.reason_label()) if part)
    return PublicDocument(
        key=request.reference, title=request.answer_title,
        body="\n".join(part for part in (request.answer_text, f"{request.department.name}答复（{reply}）：{request.reply_summary}")
                       if part),
        url=reverse("disclosure:answer", args=[request.reference]), department=request.department,
        natural_person=False,
    )


# No statutory retention: an answer stays in the log until withdrawn. While published it is in the agency's
# 政府信息公开目录 under 条例 art.20 item (15), "其他": information released on request that the office makes
# public for everyone is turned into proactive disclosure (条例 art.44), which art.20 names under no other item.
ANSWERS = PublicationKind(
    name="disclosure.answer", label=_("依申请公开答复"), listing="disclosure_answers", policy=request_policy,
    document=answer_document, publish_permission="publish_answer", withdraw_permission="publish_answer",
    catalogue_category="A15", catalogue_made_on=lambda request: request.concluded_on,
)
