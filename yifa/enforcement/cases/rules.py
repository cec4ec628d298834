"""Local rules of enforcement cases: settings, each with its default and the rule it came from (rules.md:
"Where no national rule exists, the value is a setting with the default shown, and the UI says which local
rule it came from").

- YIFA_ENFORCEMENT_LOCAL_DECISION_DAYS (default 90): the decision period for cases filed before the 2021
  行政处罚法 (which has none); 90 days is what the 工商 and 质监 procedural rules of the time said.
- YIFA_ENFORCEMENT_STATEMENT_DAYS (default 5 working days): the party's statement and defence period after
  the notice (the law gives no number; the 市场监管 procedural rules use five working days).
- YIFA_ENFORCEMENT_LOCAL_PUBLICATION_DAYS (default 7 working days): the publication period before
  国办发〔2018〕118号 (the local 双公示 practice for 处罚).
- YIFA_ENFORCEMENT_LOCAL_LEGAL_REVIEW (default True): before 2018 the 行政处罚法 had no 法制审核; the city's
  rule on major enforcement decisions required it for the same matters.
- YIFA_ENFORCEMENT_HEARING_FINE (default {"natural_person": 10000, "organisation": 100000} yuan): a "较大数额"
  fine that gives the right to a hearing (art.63(一); the province sets the amounts).
- YIFA_ENFORCEMENT_REVIEW_ITEMS (default {}): each department's list of matters needing 法制审核
  (重大执法决定法制审核目录清单): department code -> power item codes (a prefix matches its sub-items).
- YIFA_ENFORCEMENT_REVIEW_FINE (default 100000 yuan): a fine at or above this is a major decision everywhere.
- YIFA_EVIDENCE_EXTENSIONS, YIFA_EVIDENCE_MAX_BYTES: what evidence files may be (documents, photos, audio and
  video of the 全过程记录) and how large (default 200 MB).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yifa.calendar.periods import Period, Unit
from yifa.calendar.statutes import StatutoryPeriod

LOCAL = _("本地规定")
DECISION_RULE = "工商行政管理机关行政处罚程序规定第五十七条、质量技术监督行政处罚程序规定（本地执行口径）"
STATEMENT_RULE = "本市行政处罚程序规定（陈述申辩期限）"
PUBLICATION_RULE = "本市“双公示”工作规定"
REVIEW_RULE = "本市重大行政执法决定法制审核办法"
HEARING_RULE = "本省行政处罚听证“较大数额”标准"

DEFAULT_EVIDENCE_EXTENSIONS = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "txt", "jpg", "jpeg", "png",
                               "mp3", "wav", "m4a", "amr", "mp4", "mov", "avi")


def _int(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def local_decision_period() -> StatutoryPeriod:
    days = _int("YIFA_ENFORCEMENT_LOCAL_DECISION_DAYS", 90)
    return StatutoryPeriod(_("作出处罚决定期限"), Period(days, Unit.DAY), f"{LOCAL}：{DECISION_RULE}")


def statement_period() -> StatutoryPeriod:
    days = _int("YIFA_ENFORCEMENT_STATEMENT_DAYS", 5)
    return StatutoryPeriod(_("陈述申辩期限"), Period(days, Unit.WORKING_DAY), f"{LOCAL}：{STATEMENT_RULE}")


def local_publication_period() -> StatutoryPeriod:
    days = _int("YIFA_ENFORCEMENT_LOCAL_PUBLICATION_DAYS", 7)
    return StatutoryPeriod(_("公示期限"), Period(days, Unit.WORKING_DAY), f"{LOCAL}：{PUBLICATION_RULE}")


def local_legal_review() -> bool:
    return bool(getattr(settings, "YIFA_ENFORCEMENT_LOCAL_LEGAL_REVIEW", True))


def hearing_fine(natural_person: bool) -> Decimal:
    amounts: Mapping[str, Any] = getattr(settings, "YIFA_ENFORCEMENT_HEARING_FINE",
                                         {"natural_person": 10000, "organisation": 100000})
    return Decimal(str(amounts["natural_person" if natural_person else "organisation"]))


def review_fine() -> Decimal:
    return Decimal(str(getattr(settings, "YIFA_ENFORCEMENT_REVIEW_FINE", 100000)))


def review_items(department_code: str) -> list[str]:
    items: Mapping[str, Any] = getattr(settings, "YIFA_ENFORCEMENT_REVIEW_ITEMS", {})
    return [str(code) for code in items.get(department_code, ())]


def evidence_extensions() -> list[str]:
    return [ext.lower() for ext in getattr(settings, "YIFA_EVIDENCE_EXTENSIONS", DEFAULT_EVIDENCE_EXTENSIONS)]


def evidence_max_bytes() -> int:
    return _int("YIFA_EVIDENCE_MAX_BYTES", 200 * 1024 * 1024)
