"""统一社会信用代码 (GB 32100-2015) and 行政区划代码 checks."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 18 characters from this alphabet (no I, O, Z, S, V); the last is a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        raise ValidationError(
            _("统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）。"), code="uscc_format"
        )
    if uscc_check_character(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="uscc_checksum")


REGION_CODE_RE = re.compile(r"^\d{12}$")


def validate_region_code(value: str) -> None:
    """Statistical division codes (统计用区划代码): 12 digits, province..village."""
    if not REGION_CODE_RE.match(value or ""):
        raise ValidationError(_("行政区划代码应为 12 位数字。"), code="region_code")


POSTAL_CODE_RE = re.compile(r"^\d{6}$")
# What an agency page may publish as its number: a landline with its area code, or a short service
# hotline (12345, 12315). A mobile number is a person's own and is never published as the agency's.
OFFICE_PHONE_RE = re.compile(r"^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|1\d{2,4}|400-?\d{3}-?\d{4})$")
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
PHOTO_MAX_BYTES = 2 * 1024 * 1024


def validate_postal_code(value: str) -> None:
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(_("邮政编码应为 6 位数字。"), code="postal_code")


def validate_office_phone(value: str) -> None:
    """A number published as the agency's: never a mobile (a person's own), never free text."""
    from yifa.core.contact import normalise_phone

    phone = normalise_phone(value)
    if not phone:
        return
    if not OFFICE_PHONE_RE.match(phone):
        raise ValidationError(
            _("请填写对外公布的办公电话：带区号的固定电话（如 0455-7771365）或服务热线（如 12345），不能填写个人手机号码。"),
            code="office_phone",
        )


def validate_public_text(value: str) -> None:
    """Text published on an agency page carries no person's mobile or ID number."""
    from yifa.core.masking import MOBILE, RESIDENT_ID

    if value and (MOBILE.search(value) or RESIDENT_ID.search(value)):
        raise ValidationError(
            _("公开内容中不能包含手机号码或身份证号码，请删除后再保存。"), code="personal_data"
        )


def validate_photo(value) -> None:  # type: ignore[no-untyped-def]
    name = (getattr(value, "name", "") or "").lower()
    if name and not name.endswith(PHOTO_EXTENSIONS):
        raise ValidationError(_("照片应为 JPG、PNG 或 WebP 图片。"), code="photo_type")
    size = getattr(value, "size", 0) or 0
    if size > PHOTO_MAX_BYTES:
        raise ValidationError(_("照片不能超过 2 MB。"), code="photo_size")
