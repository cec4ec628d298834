"""The full-text index beside search_indexeddocument: FTS5 on SQLite, tsvector segments on PostgreSQL.

Each step runs only on its own database. The SQL is written out here (not imported) so that this
migration keeps meaning what it meant when it was written.
"""

from django.db import migrations

SQLITE_FORWARD = [
    # Tokens arrive pre-split by yifa.search.text, separated by spaces. The "ascii" tokenizer keeps every
    # non-ASCII character as a token character, so Han bigrams reach the index exactly as we made them
    # ("_" marks a run's last character). prefix='1' indexes one-character prefixes: single-character
    # queries. facets holds the source and column as tokens, so filters never need a join. The rowid
    # is the document's order_key: newest first is the index's own order.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, facets, tokenize="ascii tokenchars '_'", prefix='1', detail=full)""",
    # The titles again, on their own: "which matches have the query in the title" (the first relevance
    # tier) reads only title doclists, not every body's positions.
    """CREATE VIRTUAL TABLE search_title_fts USING fts5(
        title, facets, tokenize="ascii tokenchars '_'", detail=full)""",
    """CREATE TRIGGER search_indexeddocument_unindex AFTER DELETE ON search_indexeddocument
       BEGIN
         DELETE FROM search_fts WHERE rowid = old.order_key;
         DELETE FROM search_title_fts WHERE rowid = old.order_key;
       END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexeddocument_unindex",
    "DROP TABLE IF EXISTS search_title_fts",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL_FORWARD = [
    # One document may need several segments: a tsvector keeps at most 256 positions per lexeme and
    # clamps positions above 16383, either of which would break phrase adjacency in a long document.
    """CREATE TABLE search_segment (
        document_id bigint NOT NULL,
        ordinal integer NOT NULL,
        vector tsvector NOT NULL,
        PRIMARY KEY (document_id, ordinal))""",
    "CREATE INDEX search_segment_vector ON search_segment USING gin (vector)",
    # No foreign key: Django's flush TRUNCATEs search_indexeddocument, which a foreign key would refuse.
    # Triggers keep the segments in step instead, for row deletes and for TRUNCATE.
    """CREATE FUNCTION search_segment_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN DELETE FROM search_segment WHERE document_id = OLD.id; RETURN NULL; END $$""",
    """CREATE TRIGGER search_indexeddocument_unindex AFTER DELETE ON search_indexeddocument
       FOR EACH ROW EXECUTE FUNCTION search_segment_unindex()""",
    """CREATE FUNCTION search_segment_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN TRUNCATE search_segment; RETURN NULL; END $$""",
    """CREATE TRIGGER search_indexeddocument_truncate AFTER TRUNCATE ON search_indexeddocument
       FOR EACH STATEMENT EXECUTE FUNCTION search_segment_truncate()""",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexeddocument_truncate ON search_indexeddocument",
    "DROP TRIGGER IF EXISTS search_indexeddocument_unindex ON search_indexeddocument",
    "DROP FUNCTION IF EXISTS search_segment_truncate()",
    "DROP FUNCTION IF EXISTS search_segment_unindex()",
    "DROP TABLE IF EXISTS search_segment",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_indexed_document")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
