"""The site search: `search(q, ...)` answers one page of results, highlighted, for any input at all.

A query is cleaned (control characters and NUL removed, spaces collapsed), cut to MAX_QUERY_LENGTH
characters, split on spaces into terms (AND), and each term compiled by `yifa.search.text` into a
phrase of index tokens. Nothing the user typed reaches the database except as quoted literal tokens
in a bound parameter. Results are ordered by relevance (title matches first, registers' after pages'), ties by
the newest published_at.

The total is exact up to `COUNT_LIMIT` matches and an estimate past it (`SearchPage.estimated`,
shown as "约 N 条"), and a reader pages through at most `MAX_RESULTS` of them: counting every one
of the 560,000 documents that contain 政府 would cost more than the whole page. Every query runs
under a time limit; one that runs out answers with a notice, never an error.

Highlighting works on the original text, not on the index: each term becomes a regular expression
over the folded text (`text.highlight_pattern`), and since folding keeps every character in place the
matches are spans of the original, which is HTML-escaped around the <mark>s.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import keys
from .engines import COUNT_LIMIT, Filters, SearchTimeout, current_engine
from .index import registry_sources, source_label
from .models import IndexedDocument
from .text import Term, clean, compile_terms, fold, highlight_pattern, spans

MAX_QUERY_LENGTH = 50
MAX_PER_PAGE = 100
# A reader can page through this many results; past COUNT_LIMIT the total is an estimate anyway.
MAX_RESULTS = COUNT_LIMIT
# Each search query's time limit (settings.YIFA_SEARCH_TIMEOUT_MS); a slower one answers with a notice.
DEFAULT_TIMEOUT_MS = 2000
SNIPPET_LENGTH = 120
SNIPPET_LEAD = 30  # characters of context before the first match
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchItem:
    title_html: str  # escaped title, matches in <mark>: safe to render with |safe
    snippet_html: str  # about SNIPPET_LENGTH characters of the body around the first match, likewise
    url: str
    source: str
    source_label: str
    column: str
    published_at: dt.datetime | None
    key: str


@dataclass(frozen=True)
class SearchPage:
    items: list[SearchItem] = field(default_factory=list)
    total: int = 0  # exact, or an estimate rounded to two significant figures when `estimated`
    estimated: bool = False  # more than COUNT_LIMIT matched: show "约 N 条"
    page: int = 1
    num_pages: int = 1
    query: str = ""  # the normalised query actually searched
    notice: str = ""  # a message for the user, or ""
    per_page: int = 20

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def normalise_query(q: object) -> tuple[str, bool]:
    """The query without control characters and extra spaces, cut to MAX_QUERY_LENGTH; and whether it was cut."""
    text = WHITESPACE.sub(" ", clean(q if isinstance(q, str) else "")).strip()
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


def _as_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default


def _first_key_of_day(day: dt.date, days_later: int = 0) -> int | None:
    """The first order key of documents published on `day` (local time) or later; None past the calendar's ends."""
    try:
        return keys.first_key_at(timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days_later), dt.time())))
    except (OverflowError, ValueError):
        return None


def _as_date(value: object, notices: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        notices.append(_("“%(value)s”不是有效的日期（应为 YYYY-MM-DD），已忽略。") % {"value": str(value)[:20]})
        return None


def _mark(text: str, matches: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """text[start:end] escaped, with the given spans (clipped to the window) in <mark>."""
    end = len(text) if end is None else end
    out: list[str] = []
    position = start
    for first, last in matches:
        first, last = max(first, start), min(last, end)
        if first >= last:
            continue
        out.append(escape(text[position:first]))
        out.append(f"<mark>{escape(text[first:last])}</mark>")
        position = last
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight_title(title: str, patterns: list[re.Pattern[str]]) -> str:
    return _mark(title, list(spans(fold(title), patterns)))


def snippet(body: str, patterns: list[re.Pattern[str]], length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of the body: its opening when the first match is in it, else around the first
    match; marked and escaped."""
    text = WHITESPACE.sub(" ", body).strip()
    matches = list(spans(fold(text), patterns))
    first = matches[0][0] if matches else 0
    # From the opening when the first match lies within it (a register's line reads from its start).
    start = 0 if matches and matches[0][1] <= length else max(0, first - SNIPPET_LEAD)
    end = min(len(text), start + length)
    start = max(0, end - length)
    if matches and matches[0][1] > end:  # a match longer than the window: show it from its start
        start, end = first, min(len(text), first + length)
    return ("…" if start > 0 else "") + _mark(text, matches, start, end) + ("…" if end < len(text) else "")


def search(
    q: str,
    *,
    source: str | None = None,
    column: str | None = None,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of the documents matching every term of `q`, best first; never raises for bad input."""
    per_page = min(max(_as_int(per_page, 20), 1), MAX_PER_PAGE)
    page = max(_as_int(page, 1), 1)
    query, cut = normalise_query(q)
    notices: list[str] = []
    if cut:
        notices.append(_("检索词过长，只按前 %(n)d 个字符检索。") % {"n": MAX_QUERY_LENGTH})
    date_from, date_to = _as_date(date_from, notices), _as_date(date_to, notices)
    terms, _dropped = compile_terms(query)
    searched = " ".join(t.text for t in terms)

    def answer(total: int = 0, items: list[SearchItem] | None = None, page_number: int = 1,
               estimated: bool = False) -> SearchPage:
        return SearchPage(
            items=items or [], total=total, estimated=estimated, page=page_number,
            num_pages=max(1, math.ceil(min(total, MAX_RESULTS) / per_page)),
            query=searched, notice=" ".join(notices), per_page=per_page,
        )

    if not terms:
        if query:
            notices.append(_("检索词中没有可检索的文字（汉字、字母或数字），请换一个检索词。"))
        return answer()
    if date_from and date_to and date_from > date_to:
        notices.append(_("起始日期晚于截止日期，没有符合条件的结果。"))
        return answer()

    filters = Filters(
        source=clean(source).strip() or None if source else None,
        column=clean(column).strip() or None if column else None,
        # A date filter leaves out undated documents (their keys lie below every dated one).
        first_key=((date_from and _first_key_of_day(date_from)) or keys.FIRST_DATED) if date_from or date_to else None,
        end_key=_first_key_of_day(date_to, days_later=1) if date_to else None,
        registries=registry_sources(),
    )
    engine = current_engine()
    try:
        with engine.guard(getattr(settings, "YIFA_SEARCH_TIMEOUT_MS", DEFAULT_TIMEOUT_MS)):
            count = engine.count(terms, filters)
            if count.total == 0:
                return answer()
            num_pages = math.ceil(min(count.total, MAX_RESULTS) / per_page)
            if page > num_pages and count.total > MAX_RESULTS:
                notices.append(_("结果较多，只能翻阅前 %(n)d 条；请增加检索词，或按栏目、日期筛选。") % {"n": MAX_RESULTS})
            page = min(page, num_pages)
            offset = (page - 1) * per_page
            order_keys = engine.page(terms, filters, min(per_page, MAX_RESULTS - offset), offset, count)
    except SearchTimeout:
        notices.append(_("检索超时：这个检索词太宽泛，请增加检索词，或按栏目、日期缩小范围后重试。"))
        return answer()
    return answer(count.total, _items(order_keys, terms), page, estimated=count.estimated)


def matching_ids(q: str) -> list[int]:
    """The id of every document matching `q` (as `search` reads it), unranked: for checks and exports."""
    terms, _dropped = compile_terms(normalise_query(q)[0])
    return current_engine().matching_ids(terms) if terms else []


def _items(order_keys: list[int], terms: list[Term]) -> list[SearchItem]:
    documents = IndexedDocument.objects.in_bulk(order_keys, field_name="order_key")
    patterns = [highlight_pattern(t) for t in terms]
    items = []
    for order_key in order_keys:
        document = documents.get(order_key)
        if document is None:  # removed between the two queries
            continue
        items.append(SearchItem(
            title_html=highlight_title(document.title, patterns),
            snippet_html=snippet(document.body, patterns),
            url=document.url, source=document.source, source_label=str(source_label(document.source)),
            column=document.column, published_at=document.published_at, key=document.key,
        ))
    return items
