"""Tracking codes (查询码): what a citizen keeps to follow a request or a message without an account.

Ten characters from an alphabet without look-alikes (no 0/O, 1/I): 32^10 ≈ 10^15 codes, so a code
cannot be guessed, and the portal asks for the phone as well. Typed back, a code is read in any case,
with spaces, full-width characters, any dash (a Chinese input method types "—") or a missing hyphen.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 10


def new_tracking_code(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_tracking_code(value: str, prefix: str) -> str:
    """"gk xxxx xxxxx", "GK－XXXXXXXXXX", "GK—XXXXXXXXXX" and "GKXXXXXXXXXX" are the same code."""
    # A code is letters and digits only: anything else typed between them is a separator.
    text = re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", value or "")).upper()[:40]
    if text.startswith(prefix.upper()):
        text = text[len(prefix):]
    return f"{prefix.upper()}-{text}"
