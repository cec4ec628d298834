"""The two full-text engines behind yifa.search: SQLite FTS5 and PostgreSQL tsvector, over our tokens.

Both get the tokens of `yifa.search.text` and nothing else: no engine tokenizer or parser decides what
a word is. User input reaches either engine only as quoted literal tokens inside a bound parameter.

Relevance is the same on both: documents whose title contains every term come first — those of pages and
articles, then those of registers (`SearchSource.registry`: the power lists' thousands of items would otherwise
bury a guide under entries that merely name the same term) —, then the rest; within each tier the newest first
(`keys.order_key`). A tier is the title index's own match with the source facets in or out, so no tier costs
more than the title match did. This is what a government portal's readers
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

import contextlib
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, router, transaction

from .text import Term

# PostgreSQL's tsvector limits (MAXNUMPOS and MAXENTRYPOS - 1), with room to spare on positions.
MAX_POSITIONS_PER_LEXEME = 256
MAX_SEGMENT_POSITIONS = 16_000
# A query is at most 50 characters, so at most 50 tokens in one phrase; segments overlap by more.
SEGMENT_OVERLAP = 64
# Matches are counted exactly up to this many; past it the count is an estimate ("约 N 条").
COUNT_LIMIT = 1000


# PostgreSQL: about this many rows are sampled (TABLESAMPLE) to estimate a common term's count.
SAMPLE_ROWS = 1500


@dataclass(frozen=True)
class Count:
    total: int
    estimated: bool = False  # total is an estimate: more than COUNT_LIMIT matched
    share: float | None = None  # matches / documents, where known: how a page is best read


def round_estimate(value: float, floor: int) -> int:
    """An estimate to two significant figures (56,217 → 56,000), never below `floor` (what was counted)."""
    value = max(value, floor)
    magnitude = 10 ** max(len(str(int(value))) - 2, 0)
    return max(int(round(value / magnitude) * magnitude), floor)


class SearchTimeout(Exception):
    """A search query ran past its time limit (statement_timeout on PostgreSQL, a progress handler on SQLite)."""


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
    # Registers' sources (SearchSource.registry): their title matches form a tier after the other title matches.
    registries: tuple[str, ...] = ()

    def title_tiers(self) -> list[tuple[str, ...] | None]:
        """The title tiers, best first: (None) every title match, or (()) the others' then (registries) the registers'."""
        registries = tuple(r for r in self.registries if self.source is None or self.source == r)
        if not registries or (self.source is not None and self.source in registries):
            return [None]
        return [(), registries]


class Engine:
    vendor = ""

    def write(self, entries: Sequence[Entry]) -> None:
        """Index new documents."""
        raise NotImplementedError

    def replace(self, old_order_key: int | None, entry: Entry) -> None:
        """Index a document again (its order key may have changed)."""
        raise NotImplementedError

    def count(self, terms: list[Term], filters: Filters) -> Count:
        """How many documents match: exact up to COUNT_LIMIT, estimated past it."""
        raise NotImplementedError

    @contextlib.contextmanager
    def guard(self, timeout_ms: int) -> Iterator[None]:
        """Run the block's queries under a time limit; SearchTimeout when it runs out."""
        yield

    def finish_bulk(self) -> None:
        """After a bulk load: bring the statistics up to date."""

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int,
             count: Count | None = None) -> list[int]:
        """The order keys of one page of matches, best first (`count`: what count() said, if it was asked)."""
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


def reading() -> Any:
    """The connection searches read: the replica for an anonymous visitor's page when one is configured
    (yifa.core.dbrouting decides, as for the ORM), else the primary. Writes always go to `connection`."""
    from .models import IndexedDocument

    return connections[router.db_for_read(IndexedDocument) or "default"]


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

    def count(self, terms: list[Term], filters: Filters) -> Count:
        """Exact up to COUNT_LIMIT matches; past it, scaled from the newest documents that held them.

        The index yields matches newest first, so reading COUNT_LIMIT + 1 of them stops early; the key
        of the last one tells how many documents (of any kind) that stretch of time holds, and the count
        is scaled by the whole range's documents over that stretch's."""
        where, params = self._range(filters)
        with reading().cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where}"
                " ORDER BY rowid DESC LIMIT %s)", [self._expressions(terms, filters)[0], *params, COUNT_LIMIT + 1])
            counted, last_key = cursor.fetchone()
            if counted <= COUNT_LIMIT:
                return Count(int(counted))
            documents = "SELECT count(*) FROM search_indexeddocument WHERE order_key >= %s"
            cursor.execute(documents + (" AND order_key < %s" if filters.end_key is not None else ""),
                           [last_key, *([filters.end_key] if filters.end_key is not None else [])])
            window = int(cursor.fetchone()[0])
            cursor.execute(documents + (" AND order_key < %s" if filters.end_key is not None else ""),
                           [filters.first_key if filters.first_key is not None else -(2**63),
                            *([filters.end_key] if filters.end_key is not None else [])])
            everything = int(cursor.fetchone()[0])
        return Count(round_estimate(counted * everything / max(window, 1), counted), estimated=True)

    @contextlib.contextmanager
    def guard(self, timeout_ms: int) -> Iterator[None]:
        """SQLite has no statement timeout: a progress handler interrupts the query past the deadline."""
        reading().ensure_connection()
        raw = reading().connection
        deadline = time.monotonic() + timeout_ms / 1000

        def expired() -> int:
            return 1 if time.monotonic() > deadline else 0

        raw.set_progress_handler(expired, 20_000)
        try:
            yield
        except Exception as error:
            if isinstance(error.__cause__, sqlite3.OperationalError) and "interrupted" in str(error):
                raise SearchTimeout() from error
            raise
        finally:
            raw.set_progress_handler(None, 0)

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int,
             count: Count | None = None) -> list[int]:
        """Title matches newest first, tier by tier (`Filters.title_tiers`), then the other matches newest first;
        each read stops at the page."""
        where, params = self._range(filters)
        every, in_title = self._expressions(terms, filters)
        tiers = filters.title_tiers()
        registers = "{facets} : (" + " OR ".join(f'"{facet_token("s", r)}"' for r in filters.registries) + ")"
        keys: list[int] = []
        with reading().cursor() as cursor:
            for tier in tiers:
                if tier is None:
                    expression = in_title
                elif tier:  # the registers' title matches
                    expression = f"({in_title}) AND ({registers})"
                else:  # the pages' and articles': every title match but the registers'
                    expression = f"({in_title}) NOT ({registers})"
                cursor.execute(
                    f"SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s{where}"
                    " ORDER BY rowid DESC LIMIT %s OFFSET %s", [expression, *params, limit - len(keys), offset])
                found = [row[0] for row in cursor.fetchall()]
                if not found and offset:  # the page starts beyond this tier: step over it (at most `offset` rows)
                    cursor.execute(
                        f"SELECT count(*) FROM (SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s{where}"
                        " LIMIT %s)", [expression, *params, offset])
                    offset -= int(cursor.fetchone()[0])
                else:
                    offset = 0
                keys.extend(found)
                if len(keys) >= limit:
                    return keys
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
        with reading().cursor() as cursor:
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


def facet_lexemes(source: str, column: str) -> list[str]:
    """The facets of a document as lexemes without positions: "=" is never part of a text token."""
    return ["s=" + source.encode().hex(), *(["c=" + column.encode().hex()] if column else [])]


class PostgreSQLEngine(Engine):
    """Newest-first scans that stop early, a title index of its own, and a capped count.

    search_vector holds one row per document (order_key, one tsvector of title, body and facets) with
    order_key as its primary key and a GIN index on the vector. A page is "matches, newest first,
    LIMIT n": the planner chooses between a backward scan of the primary key that filters each row and
    stops after n matches (common words: 政府 fills a page within ~40 rows) and the GIN index followed by
    a sort of the matches (rare words), from the lexeme statistics that ANALYZE keeps (statistics
    target 1000, ANALYZE after every bulk load). search_title holds only titles: the first relevance
    tier. search_segment holds the rare documents too long for one tsvector, as overlapping segments,
    grouped per document (small, so grouping is cheap). See the README for the measurements."""

    vendor = "postgresql"

    # --- writing ---

    @staticmethod
    def _rows(entries: Sequence[Entry]) -> tuple[list[tuple[int, str]], list[tuple[int, int, str]], list[tuple[int, str]]]:
        vectors: list[tuple[int, str]] = []
        segments_: list[tuple[int, int, str]] = []
        titles: list[tuple[int, str]] = []
        for e in entries:
            facets = " ".join(_lexeme(f) for f in facet_lexemes(e.source, e.column))
            parts = document_vectors(e.title, e.body)
            if len(parts) <= 1:
                vectors.append((e.order_key, f"{parts[0]} {facets}" if parts and parts[0] else facets))
            else:
                segments_.extend((e.order_key, ordinal, f"{vector} {facets}") for ordinal, vector in enumerate(parts))
            # A title too long for one tsvector (never seen in practice) ranks by its first segment only.
            title = next(segments([(t, "D") for t in e.title]), []) if e.title else []
            title_vector = tsvector_literal(title)
            titles.append((e.order_key, f"{title_vector} {facets}" if title_vector else facets))
        return vectors, segments_, titles

    def write(self, entries: Sequence[Entry]) -> None:
        vectors, segments_, titles = self._rows(entries)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            # COPY: a bulk load of 100,000 documents spends most of its time sending rows.
            for table, columns, rows in (("search_vector", "order_key, vector", vectors),
                                         ("search_title", "order_key, vector", titles),
                                         ("search_segment", "order_key, ordinal, vector", segments_)):
                if not rows:
                    continue
                if len(rows) == 1:
                    placeholders = ", ".join(["%s"] * (len(rows[0]) - 1)) + ", %s::tsvector"
                    cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows[0])
                    continue
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def replace(self, old_order_key: int | None, entry: Entry) -> None:
        if old_order_key is not None:
            with connection.cursor() as cursor:
                for table in ("search_vector", "search_title", "search_segment"):
                    cursor.execute(f"DELETE FROM {table} WHERE order_key = %s", [old_order_key])
        self.write([entry])

    def finish_bulk(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_vector, search_title, search_segment")

    # --- reading ---

    @contextlib.contextmanager
    def guard(self, timeout_ms: int) -> Iterator[None]:
        """statement_timeout for each query, no parallel workers (a search is short, and the count's
        estimate reads the table in block order), no synchronised scans (which may start mid-table)."""
        settings = {"statement_timeout": f"{max(int(timeout_ms), 1)}ms", "max_parallel_workers_per_gather": "0",
                    "synchronize_seqscans": "off", "work_mem": "32MB", "enable_bitmapscan": "on",
                    "enable_indexscan": "on", "enable_seqscan": "on"}
        try:
            with transaction.atomic(using=reading().alias):
                with reading().cursor() as cursor:
                    cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in settings))
                    before = cursor.fetchone()
                    cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _name in settings),
                                   [v for pair in settings.items() for v in pair])
                yield
                with reading().cursor() as cursor:  # SET LOCAL would outlive a savepoint: restore them
                    cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _name in settings),
                                   [v for pair in zip(settings, before, strict=True) for v in pair])
        except Exception as error:
            if type(error.__cause__).__name__ == "QueryCanceled":
                raise SearchTimeout() from error
            raise

    @staticmethod
    def _queries(terms: list[Term], filters: Filters) -> tuple[str, str, str, list[str]]:
        """(every term and the facets, the same with each lexeme in the title, any term and the facets, each term)."""
        phrases = [f"({tsquery_phrase(t)})" for t in terms]
        facets = []
        if filters.source is not None:
            facets.append(_lexeme("s=" + filters.source.encode().hex()))
        if filters.column is not None:
            facets.append(_lexeme("c=" + filters.column.encode().hex()))
        every = " & ".join(phrases + facets)
        in_title = " & ".join(f"({tsquery_phrase(t, 'A')})" for t in terms)
        anyone = "(" + " | ".join(phrases) + ")" + "".join(f" & {f}" for f in facets)
        return every, in_title, anyone, phrases

    @staticmethod
    def _range(filters: Filters, column: str = "order_key") -> tuple[str, list[int]]:
        sql, params = "", []
        if filters.first_key is not None:
            sql += f" AND {column} >= %s"
            params.append(filters.first_key)
        if filters.end_key is not None:
            sql += f" AND {column} < %s"
            params.append(filters.end_key)
        return sql, params

    def _long(self, terms: list[Term], filters: Filters) -> tuple[str, list[Any]]:
        """order_key of the long documents (search_segment) where every term matches some segment."""
        every, _in_title, anyone, phrases = self._queries(terms, filters)
        where, params = self._range(filters)
        having = ""
        if len(phrases) > 1:
            having = " HAVING " + " AND ".join(["bool_or(vector @@ %s::tsquery)"] * len(phrases))
        sql = f"SELECT order_key FROM search_segment WHERE vector @@ %s::tsquery{where} GROUP BY order_key{having}"
        return sql, [anyone, *params, *(phrases if having else [])]

    def count(self, terms: list[Term], filters: Filters) -> Count:
        """Exact up to COUNT_LIMIT; past it an estimate, from a sample or from the share of the table read.

        1. A fixed sample of about SAMPLE_ROWS rows (TABLESAMPLE SYSTEM … REPEATABLE): a common term
           (政府: about 840 of 1,500) is estimated from it, and nothing else is read.
        2. Otherwise the matches are counted up to COUNT_LIMIT + 1 (the planner reads the GIN index).
           The capped count reads search_vector in block order (a sequential or bitmap heap scan,
           never parallel or synchronised: see guard), so when it reaches the cap the matches lie in
           blocks 0..b and the estimate is (COUNT_LIMIT + 1) × blocks / (b + 1).
        The phrase's selectivity is what the planner cannot know (it multiplies the bigrams'
        frequencies: 197 rows for 乡镇人民政府 against 16,552 matches), so `share` tells page() which
        plan to use."""
        every, _in_title, _anyone, _phrases = self._queries(terms, filters)
        where, params = self._range(filters)
        long_sql, long_params = self._long(terms, filters)
        with reading().cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({long_sql}) l", long_params)
            long_count = int(cursor.fetchone()[0])
            cursor.execute("SELECT reltuples, pg_relation_size('search_vector') / current_setting('block_size')::int"
                           " FROM pg_class WHERE oid = 'search_vector'::regclass")
            rows, blocks = cursor.fetchone()
            rows = max(float(rows or 0), 0.0)
            if rows > SAMPLE_ROWS * 2:
                cursor.execute(
                    f"SELECT count(*), count(*) FILTER (WHERE vector @@ %s::tsquery{where})"
                    " FROM search_vector TABLESAMPLE SYSTEM (%s) REPEATABLE (2016)",
                    [every, *params, min(100.0, 100.0 * SAMPLE_ROWS / rows)])
                sampled, matched = cursor.fetchone()
                if sampled and matched >= 30 and matched * rows / sampled > 2 * COUNT_LIMIT:
                    share = matched / sampled
                    return Count(round_estimate(share * rows, COUNT_LIMIT + 1) + long_count, True, share)
            cursor.execute(
                "SELECT count(*), max(block) FROM (SELECT (ctid::text::point)[0] AS block FROM search_vector"
                f" WHERE vector @@ %s::tsquery{where} LIMIT %s) m", [every, *params, COUNT_LIMIT + 1])
            counted, last_block = cursor.fetchone()
        if counted <= COUNT_LIMIT:
            return Count(int(counted) + long_count, share=counted / rows if rows else None)
        estimate = counted * blocks / (int(last_block) + 1)
        if rows:
            estimate = min(estimate, rows)
        return Count(round_estimate(estimate, counted) + long_count, True, estimate / rows if rows else None)

    @staticmethod
    def _newest_first_scan(count: Count | None, wanted: int) -> bool | None:
        """Whether a page is best read by the newest-first scan (True) or the GIN index (False), or None
        to leave it to the planner: the scan reads about wanted / share rows, the index every match."""
        if count is None or not count.share:
            return None
        return wanted / count.share < count.total

    def page(self, terms: list[Term], filters: Filters, limit: int, offset: int,
             count: Count | None = None) -> list[int]:
        """Title matches newest first (search_title), tier by tier (`Filters.title_tiers`), then the other matches
        newest first."""
        every, in_title, _anyone, _phrases = self._queries(terms, filters)
        where, params = self._range(filters)
        title_query = f"SELECT order_key FROM search_title WHERE vector @@ %s::tsquery{where}"
        registers = " | ".join(_lexeme("s=" + r.encode().hex()) for r in filters.registries)
        keys: list[int] = []
        with reading().cursor() as cursor:
            for tier in filters.title_tiers():
                # search_title holds titles and facets only: `every` there is a title match.
                query = every if tier is None else f"{every} & ({registers})" if tier else f"{every} & !({registers})"
                cursor.execute(f"{title_query} ORDER BY order_key DESC LIMIT %s OFFSET %s",
                               [query, *params, limit - len(keys), offset])
                found = [row[0] for row in cursor.fetchall()]
                if not found and offset:  # the page starts beyond this tier: at most `offset` of it to step over
                    cursor.execute(f"SELECT count(*) FROM ({title_query} LIMIT %s) t", [query, *params, offset])
                    offset -= int(cursor.fetchone()[0])
                else:
                    offset = 0
                keys.extend(found)
                if len(keys) >= limit:
                    return keys
            long_sql, long_params = self._long(terms, filters)
            wanted = limit - len(keys)
            scan = self._newest_first_scan(count, offset + wanted)
            if scan is not None:  # until the end of guard()'s transaction, which restores them
                cursor.execute("SELECT set_config('enable_bitmapscan', %s, true), set_config('enable_seqscan', %s, true),"
                               " set_config('enable_indexscan', %s, true)",
                               ["off" if scan else "on", "off" if scan else "on", "on" if scan else "off"])
            cursor.execute(
                "SELECT order_key FROM ("
                f" (SELECT order_key FROM search_vector WHERE vector @@ %s::tsquery AND NOT vector @@ %s::tsquery{where}"
                "  ORDER BY order_key DESC LIMIT %s)"
                f" UNION ALL (SELECT l.order_key FROM ({long_sql}) l WHERE NOT EXISTS ("
                "  SELECT 1 FROM search_title t WHERE t.order_key = l.order_key AND t.vector @@ %s::tsquery))"
                ") r ORDER BY order_key DESC LIMIT %s OFFSET %s",
                [every, in_title, *params, offset + wanted, *long_params, every, wanted, offset])
            keys.extend(row[0] for row in cursor.fetchall())
        return keys

    def matching_ids(self, terms: list[Term]) -> list[int]:
        every, _in_title, _anyone, _phrases = self._queries(terms, Filters())
        long_sql, long_params = self._long(terms, Filters())
        with reading().cursor() as cursor:
            cursor.execute(
                "SELECT d.id FROM search_vector v JOIN search_indexeddocument d ON d.order_key = v.order_key"
                " WHERE v.vector @@ %s::tsquery UNION ALL"
                f" SELECT d.id FROM ({long_sql}) l JOIN search_indexeddocument d ON d.order_key = l.order_key",
                [every, *long_params])
            return [row[0] for row in cursor.fetchall()]


def current_engine() -> Engine:
    if connection.vendor == "postgresql":
        return PostgreSQLEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise NotImplementedError(f"yifa.search supports SQLite and PostgreSQL, not {connection.vendor}")
