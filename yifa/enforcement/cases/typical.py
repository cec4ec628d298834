"""A concluded enforcement case told as a typical case (典型案例) for a 以案释法 article: the portal drafts the
article from this and refuses to publish it while it still names the party (yifa.portal.explanations)."""

from __future__ import annotations

import re

from yifa.casework.registry import TypicalCaseDraft
from yifa.core.masking import mask_name
from yifa.publication.actions import public_text

from .models import EnforcementCase

# What an organisation is called in a typical case: "某" and the kind of business its name ends with.
BUSINESS_KINDS = ("有限责任公司", "有限公司", "公司", "超市", "商店", "商行", "饭店", "餐馆", "药店", "诊所", "加油站",
                  "门市部", "经销处", "食品加工厂", "加工厂", "厂", "合作社", "网吧", "宾馆", "酒店")


def designation(case: EnforcementCase) -> str:
    """How the article names the party: 张某 for a natural person, 某超市 for a business, 当事人 otherwise."""
    name = case.party_name.strip()
    if case.natural_person:
        return mask_name(name) or "当事人"
    kind = next((kind for kind in BUSINESS_KINDS if name.endswith(kind)), "")
    return f"某{kind}" if kind else "当事人"


def _anonymised(case: EnforcementCase, text: str) -> str:
    name = case.party_name.strip()
    if name:
        text = text.replace(name, designation(case))
    if case.party_address.strip():
        text = text.replace(case.party_address.strip(), "")
    if case.party_id_number.strip():
        text = text.replace(case.party_id_number.strip(), "")
    return public_text(re.sub(r"\s+\n", "\n", text)).strip()


def typical_case(case: EnforcementCase) -> TypicalCaseDraft:
    party = designation(case)
    title = f"{case.department.short_name}查处{party}{case.title}案"
    decided = f"{case.decided_on:%Y年%-m月%-d日}，" if case.decided_on else ""
    if case.outcome == EnforcementCase.Outcome.PENALTY:
        penalties = "、".join(case.penalty_kind_labels()) or "行政处罚"
        fine = f"，罚款人民币{case.fine.normalize():f}元" if case.fine else ""
        result = f"{decided}{case.department.name}依法对{party}作出{penalties}的决定{fine}。"
    else:
        result = f"{decided}{case.department.name}对{party}{case.get_outcome_display() or '依法处理'}。"
    if case.decision_text.strip():
        result += "\n" + case.decision_text.strip()
    lessons = [f"本案是{case.department.short_name}依法查处{case.title}的典型案例。"]
    if case.benchmark_id:
        lessons.append("执法人员按照本部门公布的行政处罚裁量基准确定处罚幅度，同案同罚、过罚相当（《行政处罚法》第三十四条）。")
    if case.major_reasons:
        lessons.append("本案属于重大执法决定，作出决定前经过法制审核（《行政处罚法》第五十八条）。")
    return TypicalCaseDraft(
        title=_anonymised(case, title)[:255],
        facts=_anonymised(case, case.facts),
        result=_anonymised(case, result),
        legal_basis=_anonymised(case, case.legal_basis),
        legal_point="\n".join(lessons),
        party_names=tuple(name for name in (case.party_name.strip(),) if name),
    )
