"""The full-text structures beside `search.IndexedDocument`, per database engine:
an FTS5 table on SQLite; on PostgreSQL the `unaccent` extension (when it can be
created) and a `tsvector` table under GIN indexes. Other engines get nothing."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, title_words, tokenize = 'unicode61 remove_diacritics 2', "
    "prefix = '2 3 4')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocabulary "
    "USING fts5vocab(search_fts, 'col')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS search_fts_vocabulary",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_CREATE = [
    "CREATE TABLE IF NOT EXISTS search_document_vector ("
    "document_id bigint PRIMARY KEY, vector tsvector NOT NULL, "
    "title_words tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_document_vector USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_document_title_words_gin "
    "ON search_document_vector USING gin (title_words)",
]
POSTGRESQL_DROP = ["DROP TABLE IF EXISTS search_document_vector"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        _create_unaccent(schema_editor)
        for statement in POSTGRESQL_CREATE:
            schema_editor.execute(statement)


def _create_unaccent(schema_editor):
    """Without the right to create extensions, the backend folds accents in Python."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT search_unaccent")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except Exception as error:  # noqa: BLE001 - any refusal means: fold in Python
            cursor.execute("ROLLBACK TO SAVEPOINT search_unaccent")
            logger.warning(
                "unaccent could not be created (%s); search folds accents in Python.",
                error,
            )
        else:
            cursor.execute("RELEASE SAVEPOINT search_unaccent")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
