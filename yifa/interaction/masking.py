"""What the portal shows of the person who left a message: their phone and e-mail never in full,
their name only if they allowed it, and no phone, ID number or e-mail written into the text itself.

(个人信息保护法 art.28 and the inspection's privacy checks: a government website must not expose
citizens' contact details or ID numbers.)
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from yifa.core.contact import mask_id, mask_phone

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
RESIDENT_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def mask_email(value: str) -> str:
    local, _at, domain = (value or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"


def public_name(name: str, allowed: bool) -> str:
    return name if allowed and name.strip() else _("网友")


def mask_personal_data(text: str) -> str:
    """Masks e-mail addresses, ID numbers and phone numbers a citizen wrote into a message's text."""
    text = EMAIL.sub(lambda m: mask_email(m.group()), text or "")
    text = RESIDENT_ID.sub(lambda m: mask_id(m.group()), text)
    text = MOBILE.sub(lambda m: mask_phone(m.group().replace(" ", "").replace("-", "")), text)
    return LANDLINE.sub(lambda m: mask_phone(m.group()), text)
