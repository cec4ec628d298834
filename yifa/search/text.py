"""Turning text into index tokens and a query into phrases: the one tokenizer both engines share.

Text is first *folded*: lower-cased and mapped by NFKC where NFKC gives one letter, digit or
ideograph (full-width ＡＢＣ１２３ become ASCII, compatibility ideographs and Kangxi radicals the unified
ideographs, ① becomes 1). Folding keeps
every character in its place, so an offset in folded text is the same offset in the original, which
is what lets highlighting work on the original text.

Folded text is then cut into runs: a run of Han characters, or a run of other letters and digits (a
"word"); anything else (punctuation, spaces, symbols, "_") only separates runs. Tokens, in order:

* a Han run of n characters gives its n-1 overlapping bigrams, then an end token: its last character
  followed by "_" ("肇东市" → 肇东 东市 市_; a one-character run "年" → 年_);
* a word gives itself, cut to `MAX_WORD` characters ("GB/T" → gb t).

The end token is what keeps matching exact: no bigram spans two runs, and because the end token sits
between two runs, consecutive bigrams of different runs are never adjacent, so a phrase of bigrams
matches only inside one run. Every Han character of the text begins some token (a bigram, or the end
token for the last one), so a one-character query is the prefix query "X*" over the same tokens.

A query term (the query split on spaces) becomes one phrase of the same tokens; several terms mean AND.
Inside a mixed term ("2016年报告", "第1条"), a Han piece followed by another piece must end its run
(the end token), and a single Han character that closes a term matches as a prefix ("2016年" →
2016 年*, found in "2016年度" and "2016年。"). Words match whole words.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MAX_WORD = 64  # longer "words" (base64 blobs, long URLs) are cut; the query side cuts the same way
END = "_"  # marks a Han run's last character; never part of a word, since "_" separates runs

# Han ideographs: 〇, Extension A, the URO, compatibility ideographs, Extensions B–I.
HAN_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U000323af"
)
HAN = f"[{HAN_CLASS}]"
WORD_CHAR = f"[^\\W_{HAN_CLASS}]"  # a letter or digit that is not Han
RUN = re.compile(f"(?P<han>{HAN}+)|(?P<word>{WORD_CHAR}+)")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")

# Blocks whose characters NFKC maps to one other character: full-width forms, ideographic space,
# compatibility ideographs, Kangxi and supplementary radicals, circled and enclosed numbers, Roman
# numerals, Latin-1 (no-break space, superscripts), general punctuation spaces.
_FOLD_BLOCKS = (
    (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2150, 0x218F), (0x2460, 0x24FF), (0x2E80, 0x2FDF),
    (0x3000, 0x303F), (0x3200, 0x33FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x2F800, 0x2FA1F),
)


def _fold_table() -> dict[int, str]:
    """Characters whose folding matters: ones that are, or become, letters, digits or ideographs.

    Punctuation is left alone (a full-width comma separates runs as well as a comma does), so most
    Chinese text needs no translation at all, which `fold` checks first."""
    table: dict[int, str] = {}
    for first, last in _FOLD_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char).lower()
            if len(folded) == 1 and folded != char and (folded.isalnum() or char.isalnum()):
                table[code] = folded
    return table


def _char_class(codes: Iterable[int]) -> str:
    ordered = sorted(codes)
    ranges: list[tuple[int, int]] = []
    for code in ordered:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)


FOLD_TABLE = _fold_table()
NEEDS_FOLD = re.compile(f"[{_char_class(FOLD_TABLE)}]")


def fold(text: str) -> str:
    """Lower-cased, NFKC where that keeps one character per character: `len(fold(t)) == len(t)`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ".lower() is two characters: keep such characters as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(FOLD_TABLE) if NEEDS_FOLD.search(lowered) else lowered


def clean(text: str) -> str:
    """Text without NUL and other control or invisible format characters (PostgreSQL refuses NUL)."""
    return CONTROL.sub(" ", text) if text else ""


def _bigrams(run: str) -> list[str]:
    return list(map(operator.add, run, run[1:]))


_RUN_PARTS = re.compile(f"({HAN}+)|({WORD_CHAR}+)")


def index_tokens(text: str) -> list[str]:
    """The tokens of a title or body, in order (see the module docstring)."""
    tokens: list[str] = []
    extend, append, add = tokens.extend, tokens.append, operator.add
    for han, word in _RUN_PARTS.findall(fold(text)):  # findall and map: this runs for every indexed character
        if han:
            extend(map(add, han, han[1:]))
            append(han[-1] + END)
        else:
            append(word[:MAX_WORD])
    return tokens


@dataclass(frozen=True)
class Piece:
    kind: str  # "han" or "word"
    text: str  # folded


@dataclass(frozen=True)
class Term:
    """One space-separated part of a query: a phrase of tokens, the last one maybe a prefix."""

    text: str  # as the user typed it (without control characters), for display
    pieces: tuple[Piece, ...]
    tokens: tuple[str, ...]
    prefix: bool  # the last token matches any token that begins with it

    @property
    def is_single_han(self) -> bool:
        return len(self.pieces) == 1 and self.pieces[0].kind == "han" and len(self.pieces[0].text) == 1


def compile_term(text: str) -> Term | None:
    """The phrase a query term means, or None when it has no letters, digits or Han characters."""
    pieces = tuple(Piece(m.lastgroup or "", m.group()) for m in RUN.finditer(fold(text)))
    if not pieces:
        return None
    tokens: list[str] = []
    prefix = False
    for position, piece in enumerate(pieces):
        last = position == len(pieces) - 1
        if piece.kind == "word":
            tokens.append(piece.text[:MAX_WORD])
            continue
        tokens.extend(_bigrams(piece.text))
        if not last:
            tokens.append(piece.text[-1] + END)  # the run ends here: the next piece starts a new run
        elif len(piece.text) == 1:
            tokens.append(piece.text)  # "年" closing a term: any run that begins with 年
            prefix = True
    return Term(text=text, pieces=pieces, tokens=tuple(tokens), prefix=prefix)


def compile_terms(query: str) -> tuple[list[Term], list[str]]:
    """The distinct searchable terms of a (normalised) query, and the parts that had nothing to search."""
    terms: list[Term] = []
    dropped: list[str] = []
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for part in query.split():
        term = compile_term(part)
        if term is None:
            dropped.append(part)
        elif (term.tokens, term.prefix) not in seen:
            seen.add((term.tokens, term.prefix))
            terms.append(term)
    return terms, dropped


def highlight_pattern(term: Term) -> re.Pattern[str]:
    """A regular expression over *folded* text finding what the term's phrase matches."""
    if len(term.pieces) == 1 and term.pieces[0].kind == "han":
        return re.compile(re.escape(term.pieces[0].text))  # a Han substring, anywhere
    parts: list[str] = []
    for position, piece in enumerate(term.pieces):
        first, last = position == 0, position == len(term.pieces) - 1
        if piece.kind == "word":
            parts.append(f"(?<!{WORD_CHAR}){re.escape(piece.text)}(?!{WORD_CHAR})")
        else:
            parts.append(("" if first else f"(?<!{HAN})") + re.escape(piece.text) + ("" if last else f"(?!{HAN})"))
    # Between pieces the text may have nothing (2016年) or separators (GB/T, GB T).
    return re.compile("[\\W_]{0,8}?".join(parts))


def spans(folded: str, patterns: list[re.Pattern[str]]) -> Iterator[tuple[int, int]]:
    """Every match of every pattern, merged where they overlap, in order."""
    found = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(folded) if m.end() > m.start())
    current: tuple[int, int] | None = None
    for start, end in found:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current
