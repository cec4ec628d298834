"""What a staff API token looks like, and how it is stored: "yifa_" and 43 URL-safe characters
(256 random bits); only its SHA-256 hash is kept, so a copy of the database gives no one access."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

SCHEME = "yifa_"
PATTERN = re.compile(r"yifa_[A-Za-z0-9_-]{43}")
PREFIX_LENGTH = len(SCHEME) + 6  # "yifa_AbC123": shown in lists to tell tokens apart


@dataclass(frozen=True)
class NewToken:
    plaintext: str
    prefix: str
    digest: str


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def new_token() -> NewToken:
    plaintext = SCHEME + secrets.token_urlsafe(32)
    return NewToken(plaintext=plaintext, prefix=plaintext[:PREFIX_LENGTH], digest=hash_token(plaintext))


def looks_like_a_token(text: str) -> bool:
    return PATTERN.fullmatch(text) is not None
