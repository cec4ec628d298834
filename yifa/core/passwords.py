"""A password validator for what Django's common-password list misses here: the city's and the site's own
words with a year or a number (zhaodong2016, admin12345, Yifa@2024), which an attacker tries first."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words anyone guessing a password for this site tries first: the city, the province, the site, the roles.
LOCAL_WORDS = ("zhaodong", "suihua", "heilongjiang", "harbin", "yifa", "zwgk", "zhengwu", "gongkai", "fazhi",
               "fazhiban", "admin", "administrator", "editor", "leader", "inspector", "password", "passw0rd",
               "qwerty", "asdf", "abc", "gov", "china", "zhongguo", "welcome", "test", "demo", "user", "root")


class LocalWordPasswordValidator:
    """Refuses a password that is, apart from digits and punctuation, one of the local words (and the
    city's name in pinyin from YIFA_CITY_PINYIN)."""

    def __init__(self, extra_words: tuple[str, ...] = ()) -> None:
        self.words = {*LOCAL_WORDS, *extra_words, *(getattr(settings, "YIFA_CITY_PINYIN", "") or "").split(",")}
        self.words.discard("")

    def validate(self, password: str, user: Any = None) -> None:
        letters = re.sub(r"[^a-z]", "", (password or "").lower())
        if letters in self.words or (letters and all(part in self.words for part in _split(letters, self.words))):
            raise ValidationError(_("密码不能只由城市名、网站名或常见单词加数字组成（例如 zhaodong2016、admin12345），"
                                    "请使用更难猜到的密码。"), code="password_local_word")

    def get_help_text(self) -> str:
        return _("密码不能只由城市名、网站名或常见单词加数字组成。")


def _split(letters: str, words: set[str]) -> list[str]:
    """The letters as a run of known words (greedy, longest first), or [letters] if they are not."""
    parts: list[str] = []
    rest = letters
    while rest:
        match = next((w for w in sorted(words, key=len, reverse=True) if rest.startswith(w)), None)
        if match is None:
            return [letters]
        parts.append(match)
        rest = rest[len(match):]
    return parts
