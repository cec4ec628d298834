"""PostgreSQL: one row per document for newest-first scans, a small title index, long documents apart.

Replaces the per-document segments (grouped on every query, which made counting and ordering read every
match) by three tables keyed by order_key (see engines.py and the README for the measurements):

- search_vector: the whole document (title, body, facets) as one tsvector, for every document that fits
  one segment. order_key is its primary key, so "newest first" is a backward index scan that stops after
  one page; the vector is kept inline and uncompressed (toast_tuple_target, STORAGE MAIN), because a
  compressed or out-of-line vector costs a decompression for every row an ordered scan filters.
- search_title: each document's title (and facets), small, for the first relevance tier.
- search_segment: only documents too long for one tsvector, as overlapping segments.

Facets (source and column) are lexemes "s=<hex>" / "c=<hex>" without positions: "=" is never part of a
search token, so a facet can never be mistaken for text. Existing rows are converted here in SQL.
SQLite is untouched.
"""

from django.db import migrations

FACETS = """(CASE WHEN d.column_slug <> ''
      THEN array_to_tsvector(ARRAY['s=' || encode(convert_to(d.source, 'UTF8'), 'hex'),
                                   'c=' || encode(convert_to(d.column_slug, 'UTF8'), 'hex')])
      ELSE array_to_tsvector(ARRAY['s=' || encode(convert_to(d.source, 'UTF8'), 'hex')]) END)"""

POSTGRESQL_FORWARD = [
    "ALTER TABLE search_segment RENAME TO search_segment_old",
    "ALTER INDEX search_segment_vector RENAME TO search_segment_old_vector",
    "ALTER TABLE search_segment_old RENAME CONSTRAINT search_segment_pkey TO search_segment_old_pkey",
    """CREATE TABLE search_vector (
        order_key bigint PRIMARY KEY,
        vector tsvector NOT NULL) WITH (toast_tuple_target = 8160)""",
    "ALTER TABLE search_vector ALTER COLUMN vector SET STORAGE MAIN",
    "ALTER TABLE search_vector ALTER COLUMN vector SET STATISTICS 1000",
    """CREATE TABLE search_title (
        order_key bigint PRIMARY KEY,
        vector tsvector NOT NULL)""",
    "ALTER TABLE search_title ALTER COLUMN vector SET STATISTICS 1000",
    """CREATE TABLE search_segment (
        order_key bigint NOT NULL,
        ordinal integer NOT NULL,
        vector tsvector NOT NULL,
        PRIMARY KEY (order_key, ordinal))""",
    # Convert: documents of one segment go to search_vector, longer ones keep their segments.
    f"""INSERT INTO search_vector (order_key, vector)
        SELECT d.order_key, s.vector || {FACETS} FROM search_segment_old s
        JOIN search_indexeddocument d ON d.id = s.document_id
        WHERE d.order_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM search_segment_old o WHERE o.document_id = s.document_id AND o.ordinal > 0)""",
    f"""INSERT INTO search_segment (order_key, ordinal, vector)
        SELECT d.order_key, s.ordinal, s.vector || {FACETS} FROM search_segment_old s
        JOIN search_indexeddocument d ON d.id = s.document_id
        WHERE d.order_key IS NOT NULL
          AND EXISTS (SELECT 1 FROM search_segment_old o WHERE o.document_id = s.document_id AND o.ordinal > 0)""",
    # The title is the weight-A part of the first segment, positions kept.
    f"""INSERT INTO search_title (order_key, vector)
        SELECT d.order_key, setweight(ts_filter(s.vector, '{{a}}'), 'D') || {FACETS} FROM search_segment_old s
        JOIN search_indexeddocument d ON d.id = s.document_id
        WHERE d.order_key IS NOT NULL AND s.ordinal = 0""",
    "DROP TRIGGER IF EXISTS search_indexeddocument_truncate ON search_indexeddocument",
    "DROP TRIGGER IF EXISTS search_indexeddocument_unindex ON search_indexeddocument",
    "DROP FUNCTION IF EXISTS search_segment_truncate()",
    "DROP FUNCTION IF EXISTS search_segment_unindex()",
    "DROP TABLE search_segment_old",
    "CREATE INDEX search_vector_vector ON search_vector USING gin (vector)",
    "CREATE INDEX search_title_vector ON search_title USING gin (vector)",
    "CREATE INDEX search_segment_vector ON search_segment USING gin (vector)",
    """CREATE FUNCTION search_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM search_vector WHERE order_key = OLD.order_key;
         DELETE FROM search_title WHERE order_key = OLD.order_key;
         DELETE FROM search_segment WHERE order_key = OLD.order_key;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER search_indexeddocument_unindex AFTER DELETE ON search_indexeddocument
       FOR EACH ROW EXECUTE FUNCTION search_unindex()""",
    """CREATE FUNCTION search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN TRUNCATE search_vector, search_title, search_segment; RETURN NULL; END $$""",
    """CREATE TRIGGER search_indexeddocument_truncate AFTER TRUNCATE ON search_indexeddocument
       FOR EACH STATEMENT EXECUTE FUNCTION search_truncate()""",
]

# Back to per-document segments: the documents must be reindexed (`yifa search_index`) afterwards.
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexeddocument_truncate ON search_indexeddocument",
    "DROP TRIGGER IF EXISTS search_indexeddocument_unindex ON search_indexeddocument",
    "DROP FUNCTION IF EXISTS search_truncate()",
    "DROP FUNCTION IF EXISTS search_unindex()",
    "DROP TABLE IF EXISTS search_segment",
    "DROP TABLE IF EXISTS search_title",
    "DROP TABLE IF EXISTS search_vector",
    """CREATE TABLE search_segment (
        document_id bigint NOT NULL,
        ordinal integer NOT NULL,
        vector tsvector NOT NULL,
        PRIMARY KEY (document_id, ordinal))""",
    "CREATE INDEX search_segment_vector ON search_segment USING gin (vector)",
    """CREATE FUNCTION search_segment_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN DELETE FROM search_segment WHERE document_id = OLD.id; RETURN NULL; END $$""",
    """CREATE TRIGGER search_indexeddocument_unindex AFTER DELETE ON search_indexeddocument
       FOR EACH ROW EXECUTE FUNCTION search_segment_unindex()""",
    """CREATE FUNCTION search_segment_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN TRUNCATE search_segment; RETURN NULL; END $$""",
    """CREATE TRIGGER search_indexeddocument_truncate AFTER TRUNCATE ON search_indexeddocument
       FOR EACH STATEMENT EXECUTE FUNCTION search_segment_truncate()""",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
