"""Checks of the identity and contact details people give the government: phones, ID numbers.

Shared by every public form (disclosure requests, messages, complaints) so that each gives the
same answer to the same mistake.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def normalise_phone(value: str) -> str:
    """The phone as typed, without spaces, brackets or full-width characters: "（0455）777 1365" → "0455-7771365"-ish."""
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s()]", "", text).replace("—", "-").replace("–", "-")


def phone_digits(value: str) -> str:
    """The digits that identify a phone: "+86 138-0455-1234", "0086 13804551234" and "13804551234" are
    one mobile; "0455-7771365" and "04557771365" one landline."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value or ""))
    for country in ("0086", "86"):
        if digits.startswith(country) and 10 <= len(digits) - len(country) <= 12:
            rest = digits[len(country):]
            if rest.startswith("1") and len(rest) == 11:
                return rest
            if rest.startswith("0"):
                return rest
            if len(rest) in (10, 11):  # a landline written +86 455 7771365: the trunk 0 is implied
                return "0" + rest
    return digits


def same_phone(given: str, stored: str) -> bool:
    """Whether the phone someone types now is the one stored with their case (tracking lookups)."""
    left, right = phone_digits(given), phone_digits(stored)
    return bool(left) and len(left) >= 7 and left == right


def validate_phone(value: str) -> None:
    """A mainland mobile (13812345678) or a landline with its area code (0455-7771365)."""
    phone = normalise_phone(value)
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    if not (MOBILE.match(phone) or LANDLINE.match(phone)):
        raise ValidationError(
            _("请填写正确的联系电话：11 位手机号码，或带区号的固定电话（如 0455-7771365）。"), code="phone"
        )


def resident_id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value: str) -> None:
    """居民身份证号码 (GB 11643-1999): 18 characters, the last a check digit or X."""
    number = (value or "").strip().upper()
    if not RESIDENT_ID.match(number):
        raise ValidationError(_("居民身份证号码应为 18 位，最后一位可以是数字或 X。"), code="resident_id_format")
    if resident_id_check_character(number[:17]) != number[17]:
        raise ValidationError(_("居民身份证号码校验位不正确，请核对。"), code="resident_id_checksum")


def mask_phone(value: str) -> str:
    phone = normalise_phone(value)
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


def mask_id(value: str) -> str:
    return value[:6] + "********" + value[-4:] if len(value) >= 10 else "****"
