"""The two full-text engines behind yifa.search: SQLite FTS5 and PostgreSQL tsvector, over our tokens.

Both get the tokens of `yifa.search.text` and nothing else: no engine tokenizer or parser decides what
a word is. User input reaches either engine only as quoted literal tokens inside a bound parameter.

Relevance is the same on both: documents whose title contains every term come first, then the rest;
within each tier the newest first (`keys.order_key`). This is what a government portal's readers
expect, it is identical on both databases, and it is cheap: SQLite's bm25() over the ~90,000
documents that "政府" matches in the benchmark corpus costs 90–150 ms, while a tier read newest first
stops after one page (well under a millisecond).

SQLite: one FTS5 row per document in search_fts (title, body, facets: the source and column as hex
tokens, so filters stay inside the index) and one in search_title_fts (title, facets), both with
rowid = order_key. A term is the quoted phrase `"t1 t2 t3"` (`"t1" *` for a prefix), terms are
joined by AND, and a date range is a rowid range.

PostgreSQL: the vectors are written as tsvector literals, positions and weights included (title A,
body D), because the text-search parser depends on the database's locale: with LC_CTYPE=C it reads
"肇东，东市。政府（试行）GB" as one word, and with C.UTF-8 it reads "GB/T" as a file path "gb/t". A
tsvector keeps at most 256 positions per lexeme and clamps positions above 16,383, so a long document
is written as overlapping segments (`segments`), each within those limits, overlapping by more than
the longest phrase a query can make. A term is `'t1' <-> 't2' <-> 't3':*` (`:A`/`:*A` for the title
only); a document matches when each term matches one of its segments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .text import Term

# PostgreSQL's tsvector limits (MAXNUMPOS and MAXENTRYPOS - 1), with room to spare on positions.
MAX_POSITIONS_PER_LEXEME = 256
MAX_SEGMENT_POSITIONS = 16_000
# A query is at most 50 characters, so at most 50 tokens in one phrase; segments overlap by more.
SEGMENT_OVERLAP = 64


@dataclass(frozen=True)
class Entry:
    """What an engine indexes for one document."""

    document_id: int
    order_key: int
    source: str
    column: str
    title: list[str]
    body: list[str]


@dataclass(frozen=True)
class Filters:
    source: str | None = None
    column: str | None = None
    first_key: int | None = None  # order_key range [first_key, end_key): a published_at range
    end_key: int | None = None


class Engine:
    vendor = ""

    def write(self, entries: Sequence[Entry]) -> None:
        """Index new documents."""
        raise NotImplementedError

    def replace(self, old_order_key: int | None, entry: Entry) -> None:
        """Index a document again (its order key may have changed)."""
        raise NotImplementedError

    def count(self, terms: list[Term], filters: Filters) -> int:
        raise NotImplementedError

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int) -> list[int]:
        """The order keys of one page of matches, best first."""
        raise NotImplementedError

    def matching_ids(self, terms: list[Term]) -> list[int]:
        """Every matching document's id, unranked and unfiltered."""
        raise NotImplementedError


# --- SQLite FTS5 ---------------------------------------------------------------------------------------

def fts5_phrase(term: Term) -> str:
    """A term as an FTS5 phrase: one double-quoted string (quotes inside doubled), never bare syntax."""
    quoted = '"' + " ".join(term.tokens).replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


def facet_token(kind: str, value: str) -> str:
    """A source ("s") or column ("c") as one index token: hex, so any name is a plain ASCII word."""
    return kind + value.encode().hex()


class SQLiteEngine(Engine):
    vendor = "sqlite"

    def write(self, entries: Sequence[Entry]) -> None:
        rows, titles = [], []
        for e in entries:
            facets = facet_token("s", e.source) + (" " + facet_token("c", e.column) if e.column else "")
            title = " ".join(e.title)
            rows.append((e.order_key, title, " ".join(e.body), facets))
            titles.append((e.order_key, title, facets))
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts (rowid, title, body, facets) VALUES (%s, %s, %s, %s)", rows)
            cursor.executemany("INSERT INTO search_title_fts (rowid, title, facets) VALUES (%s, %s, %s)", titles)

    def replace(self, old_order_key: int | None, entry: Entry) -> None:
        if old_order_key is not None:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [old_order_key])
                cursor.execute("DELETE FROM search_title_fts WHERE rowid = %s", [old_order_key])
        self.write([entry])

    @staticmethod
    def _expressions(terms: list[Term], filters: Filters) -> tuple[str, str]:
        """The MATCH expressions: every match (over search_fts), and title matches (over search_title_fts)."""
        every = "(" + " AND ".join(fts5_phrase(t) for t in terms) + ")"
        facets = []
        if filters.source is not None:
            facets.append(f'"{facet_token("s", filters.source)}"')
        if filters.column is not None:
            facets.append(f'"{facet_token("c", filters.column)}"')
        restrict = " AND ({facets} : (" + " AND ".join(facets) + "))" if facets else ""
        return f"({{title body}} : {every}){restrict}", f"({{title}} : {every}){restrict}"

    @staticmethod
    def _range(filters: Filters) -> tuple[str, list[int]]:
        sql, params = "", []
        if filters.first_key is not None:
            sql += " AND rowid >= %s"
            params.append(filters.first_key)
        if filters.end_key is not None:
            sql += " AND rowid < %s"
            params.append(filters.end_key)
        return sql, params

    def count(self, terms: list[Term], filters: Filters) -> int:
        where, params = self._range(filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_fts WHERE search_fts MATCH %s{where}",
                           [self._expressions(terms, filters)[0], *params])
            return int(cursor.fetchone()[0])

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int) -> list[int]:
        """Title matches newest first, then the other matches newest first; each read stops at the page."""
        where, params = self._range(filters)
        every, in_title = self._expressions(terms, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s{where}"
                " ORDER BY rowid DESC LIMIT %s OFFSET %s", [in_title, *params, limit, offset])
            keys = [row[0] for row in cursor.fetchall()]
            if len(keys) >= limit:
                return keys
            if keys or offset == 0:
                offset = 0  # the other matches start the rest of this page
            else:  # the page starts beyond the title matches
                cursor.execute(f"SELECT count(*) FROM search_title_fts WHERE search_title_fts MATCH %s{where}",
                               [in_title, *params])
                offset = max(0, offset - int(cursor.fetchone()[0]))
            # We only get here when the title matches end on or before this page, so there are at most
            # offset + limit of them to leave out.
            cursor.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where} AND rowid NOT IN"
                f" (SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s{where})"
                " ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [every, *params, in_title, *params, limit - len(keys), offset])
            keys.extend(row[0] for row in cursor.fetchall())
        return keys

    def matching_ids(self, terms: list[Term]) -> list[int]:
        expression = self._expressions(terms, Filters())[0]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id FROM search_fts CROSS JOIN search_indexeddocument d ON d.order_key = search_fts.rowid"
                " WHERE search_fts MATCH %s", [expression])
            return [row[0] for row in cursor.fetchall()]


# --- PostgreSQL tsvector ------------------------------------------------------------------------------

def _lexeme(token: str) -> str:
    """A token as a quoted tsvector/tsquery lexeme: backslashes and quotes escaped."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


Stream = list[tuple[str, str] | None]  # (token, weight) in order; None is a gap between title and body


def segments(stream: Stream) -> Iterator[Stream]:
    """Overlapping windows of the stream, each within the tsvector limits.

    Every run of up to SEGMENT_OVERLAP + 1 consecutive items lies whole in at least one window."""
    start, total = 0, len(stream)
    while True:
        counts: Counter[str] = Counter()
        end = start
        while end < total and end - start < MAX_SEGMENT_POSITIONS:
            item = stream[end]
            if item is not None:
                if counts[item[0]] >= MAX_POSITIONS_PER_LEXEME:
                    break
                counts[item[0]] += 1
            end += 1
        yield stream[start:end]
        if end >= total:
            return
        # A window holds at least MAX_POSITIONS_PER_LEXEME items, more than the overlap: always progress.
        start = end - SEGMENT_OVERLAP


def tsvector_literal(window: Stream) -> str:
    positions: dict[str, list[str]] = {}
    for offset, item in enumerate(window, start=1):
        if item is not None:
            token, weight = item
            positions.setdefault(token, []).append(f"{offset}{'' if weight == 'D' else weight}")
    return " ".join(f"{_lexeme(token)}:{','.join(places)}" for token, places in positions.items())


def document_vectors(title: list[str], body: list[str]) -> list[str]:
    stream: Stream = [(t, "A") for t in title]
    if title and body:
        stream.append(None)  # no phrase runs from the title into the body
    stream.extend((t, "D") for t in body)
    return [tsvector_literal(window) for window in segments(stream)] if stream else []


def tsquery_phrase(term: Term, weights: str = "") -> str:
    """`'t1' <-> 't2' <-> 't3':*`; with weights "A" every lexeme must be in the title."""
    lexemes = [f"{_lexeme(t)}:{weights}" if weights else _lexeme(t) for t in term.tokens]
    if term.prefix:
        lexemes[-1] = f"{_lexeme(term.tokens[-1])}:*{weights}"
    return " <-> ".join(lexemes)


class PostgreSQLEngine(Engine):
    vendor = "postgresql"

    def write(self, entries: Sequence[Entry]) -> None:
        values = [
            (e.document_id, ordinal, vector)
            for e in entries
            for ordinal, vector in enumerate(document_vectors(e.title, e.body))
        ]
        if values:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_segment (document_id, ordinal, vector) VALUES (%s, %s, %s::tsvector)", values
                )

    def replace(self, old_order_key: int | None, entry: Entry) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_segment WHERE document_id = %s", [entry.document_id])
        self.write([entry])

    @staticmethod
    def _matches(terms: list[Term], filters: Filters) -> tuple[str, list[Any]]:
        """order_key, tier of the documents where every term matches some segment, filtered."""
        phrases = [tsquery_phrase(t) for t in terms]
        titles = [tsquery_phrase(t, "A") for t in terms]
        params: list[Any] = [" & ".join(f"({p})" for p in titles), " | ".join(f"({p})" for p in phrases)]
        having = ""
        if len(phrases) > 1:
            having = " HAVING " + " AND ".join(["bool_or(s.vector @@ %s::tsquery)"] * len(phrases))
            params.extend(phrases)
        where = ""
        for clause, value in (("d.source = %s", filters.source), ("d.column_slug = %s", filters.column),
                              ("d.order_key >= %s", filters.first_key), ("d.order_key < %s", filters.end_key)):
            if value is not None:
                where += f" AND {clause}"
                params.append(value)
        sql = (
            "SELECT d.order_key, h.tier FROM ("
            " SELECT s.document_id, max(CASE WHEN s.vector @@ %s::tsquery THEN 1 ELSE 0 END) AS tier"
            f" FROM search_segment s WHERE s.vector @@ %s::tsquery GROUP BY s.document_id{having}"
            f") h JOIN search_indexeddocument d ON d.id = h.document_id WHERE TRUE{where}"
        )
        return sql, params

    def count(self, terms: list[Term], filters: Filters) -> int:
        matches, params = self._matches(terms, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({matches}) m", params)
            return int(cursor.fetchone()[0])

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int) -> list[int]:
        matches, params = self._matches(terms, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.order_key FROM ({matches}) m ORDER BY m.tier DESC, m.order_key DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def matching_ids(self, terms: list[Term]) -> list[int]:
        phrases = [tsquery_phrase(t) for t in terms]
        having = " HAVING " + " AND ".join(["bool_or(vector @@ %s::tsquery)"] * len(phrases))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT document_id FROM search_segment WHERE vector @@ %s::tsquery GROUP BY document_id{having}",
                [" | ".join(f"({p})" for p in phrases), *phrases],
            )
            return [row[0] for row in cursor.fetchall()]


def current_engine() -> Engine:
    if connection.vendor == "postgresql":
        return PostgreSQLEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise NotImplementedError(f"yifa.search supports SQLite and PostgreSQL, not {connection.vendor}")
