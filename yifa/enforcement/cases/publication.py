"""行政执法公示 (行政处罚法 2021 art.48; 国办发〔2018〕118号): a decision as the public reads it on the portal
(/zhifa/jueding/), through the one publication path, which masks natural persons' ID numbers and contact data
and schedules the withdrawal: 5 years online, 2 years when the party is a natural person. A natural person's
name is shown with only its first character."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yifa.core.masking import mask_name
from yifa.publication.kinds import PublicationKind, PublicDocument, Retention

from .models import EnforcementCase
from .policies import case_policy


def public_party(case: EnforcementCase) -> str:
    """The party as published: an organisation by its name, a natural person as the core's masking writes every
    published name (王某, 欧阳某: `core.masking.mask_name`)."""
    if case.natural_person:
        return mask_name(case.party_name)
    return case.party_name


def decision_document(case: EnforcementCase) -> PublicDocument:
    lines = [
        f"决定书文号：{case.decision_number}",
        f"执法机关：{case.department.name}",
        f"当事人：{public_party(case)}",
        f"执法事项：{case.power.name}",
        f"违法事实：{case.facts}",
        f"法律依据：{case.legal_basis}",
        f"处罚决定：{case.decision_text}",
        f"决定日期：{case.decided_on}",
    ]
    if case.natural_person:
        # The facts and the decision may name the person again: the published text uses the masked name.
        lines = [line.replace(case.party_name, public_party(case)) if case.party_name else line for line in lines]
    return PublicDocument(
        key=case.reference, title=f"{case.department.short_name}{case.decision_number} {case.title}",
        body="\n".join(lines), url=reverse("enforcement:decision", args=[case.reference]),
        department=case.department, natural_person=case.natural_person)


DECISIONS = PublicationKind(
    name="enforcement.decision", label=_("行政执法决定"), listing="enforcement_decisions", policy=case_policy,
    document=decision_document, retention=Retention(5, 2, basis="国办发〔2018〕118号"),
    publish_permission="publish", withdraw_permission="withdraw",
    # 《政府信息公开条例》第二十条（六）: penalty decisions are proactive disclosure, so they enter the deciding
    # agency's 政府信息公开目录 while they are published, dated by the decision.
    catalogue_category="A06", catalogue_made_on=lambda case: case.decided_on,
)
