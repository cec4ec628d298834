"""Finds Wagtail's own strings that a page shows untranslated (a test helper: polib is a dev dependency): the
visible text of a back-office page matched against every message of Wagtail's catalogues that has no translation
in the active language. The tests use it to keep the Chinese back office Chinese (yifa/locale supplies what
Wagtail's zh_Hans catalogue lacks)."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import wagtail
from django.utils import translation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
WORD = re.compile(r"[A-Za-z]{3,}")
TAG = re.compile(r"<[^>]*>")


class _VisibleText(HTMLParser):
    """Text nodes outside scripts, styles and templates; the whole text of each link, button, heading, label and
    title (a count and its noun are two nodes: "<span>42</span> Pages"); the placeholders and labels people read."""

    HIDDEN = {"script", "style", "template", "svg", "noscript"}
    WHOLE = {"a", "button", "h1", "h2", "h3", "label", "title", "th"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.open: list[tuple[str, list[str]]] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self.depth += 1
            return
        if tag in self.WHOLE:
            self.open.append((tag, []))
        for name, value in attrs:
            if value and name in ("placeholder", "aria-label", "title"):
                self.chunks.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1
        elif self.open and self.open[-1][0] == tag:
            self.chunks.append(" ".join(self.open.pop()[1]))

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.chunks.append(data)
            for _tag, parts in self.open:
                parts.append(data)


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks]


@cache
def _wagtail_messages() -> tuple[tuple[str, str, str], ...]:
    """(context, message, plural) of every message in Wagtail's catalogues."""
    messages: set[tuple[str, str, str]] = set()
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django*.po"):
        for entry in polib.pofile(str(po)):
            messages.add((entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""))
    return tuple(sorted(messages))


def _translated(context: str, message: str, plural: str) -> bool:
    if plural:
        return (translation.npgettext(context, message, plural, 2) if context
                else translation.ngettext(message, plural, 2)) != plural
    return (translation.pgettext(context, message) if context else translation.gettext(message)) != message


def _pattern(message: str) -> re.Pattern[str]:
    """The message as shown: tags gone, any value in each placeholder, or the message as a label ("Exploring: X")."""
    text = " ".join(TAG.sub(" ", message).split())
    parts = [re.escape(part).replace("\\ ", r"\s+") for part in PLACEHOLDER.split(text)]
    return re.compile(r"\S+".join(parts) + r"(\s*\Z|:)")


@cache
def untranslated_messages(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Wagtail's messages with words in them that `language` leaves in English."""
    found = []
    with translation.override(language):
        for context, message, plural in _wagtail_messages():
            if not WORD.search(PLACEHOLDER.sub("", TAG.sub("", message))) or _translated(context, message, plural):
                continue
            found += [(shown, _pattern(shown)) for shown in (message, plural) if shown]
    return tuple(found)


def untranslated_on(html: str, language: str = "zh-hans") -> set[str]:
    """The Wagtail messages this page shows in English although the page is in `language`."""
    messages = untranslated_messages(language)
    shown = set()
    for chunk in set(visible_text(html)):
        if not WORD.search(chunk):
            continue
        for message, pattern in messages:
            if pattern.match(chunk):
                shown.add(message)
    return shown
