"""Which checks a reply that releases information passes in a department before it goes out (ReleaseReview):
the department's own setting, or the city's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class ReleaseRules:
    confidentiality_review: bool
    head_sign_off: bool
    own: bool  # the department set them itself (else the city's defaults)

    @property
    def any(self) -> bool:
        return self.confidentiality_review or self.head_sign_off


def city_defaults() -> ReleaseRules:
    chosen = set(settings.YIFA_RELEASE_REVIEW_DEFAULTS)
    return ReleaseRules("confidentiality" in chosen, "head" in chosen, own=False)


def rules_for(department: Any) -> ReleaseRules:
    from .models import ReleaseReview

    row = ReleaseReview.objects.filter(department=department).first()
    if row is None:
        return city_defaults()
    return ReleaseRules(row.confidentiality_review, row.head_sign_off, own=True)
