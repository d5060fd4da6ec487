"""On PostgreSQL, the vector table becomes `search_document_access`, as on SQLite a
narrow copy of the columns a search filters, ranks and counts on, beside the
document's vectors: a search reads one table, never the documents table, for
every match. Who may see a document is also an array of grants under the same
GIN index as the text ("public", "partners:*", "partners:organisation:3"), as
are its facet values ("kind=goal", "life_domain=Wonen"), so that filters narrow
the matches inside the index; and
"did you mean" reads a vocabulary table of the index's lexemes, kept up to date
as documents are written, under a `pg_trgm` index. SQLite keeps its own
structures (FTS5 and its vocabulary table); other databases get nothing."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

CREATE = [
    "CREATE TABLE search_document_access ("
    "id bigint PRIMARY KEY, audience varchar(16) NOT NULL, circles text NOT NULL, "
    "tags text[] NOT NULL, kind varchar(32) NOT NULL, year smallint, "
    "organisation varchar(255) NOT NULL, boost double precision NOT NULL, "
    "date date, life_domains text NOT NULL, target_groups text NOT NULL, "
    "title_length integer NOT NULL, vector tsvector NOT NULL, "
    "title_vector tsvector NOT NULL, title_words tsvector NOT NULL)",
    # Tags as in search.backends.database.postgresql.tags().
    "INSERT INTO search_document_access SELECT d.id, d.audience, d.circles, "
    "CASE WHEN d.circles = '' THEN ARRAY[d.audience::text] ELSE "
    "ARRAY[d.audience || ':*'] || ARRAY(SELECT d.audience || ':' || c FROM "
    "unnest(string_to_array(trim(both '|' from d.circles), '|')) AS c) END "
    "|| ARRAY['kind=' || d.kind] "
    "|| CASE WHEN d.year IS NULL THEN '{}' ELSE ARRAY['year=' || d.year] END "
    "|| CASE WHEN d.organisation = '' THEN '{}' "
    "ELSE ARRAY['organisation=' || d.organisation] END "
    "|| ARRAY(SELECT 'life_domain=' || v FROM unnest(string_to_array("
    "trim(both '|' from d.life_domains), '|')) AS v WHERE v <> '') "
    "|| ARRAY(SELECT 'target_group=' || v FROM unnest(string_to_array("
    "trim(both '|' from d.target_groups), '|')) AS v WHERE v <> ''), "
    "d.kind, d.year, d.organisation, d.boost, d.date, d.life_domains, "
    "d.target_groups, length(d.title), v.vector, "
    "ts_filter(v.vector, '{a}'), v.title_words "
    "FROM search_indexeddocument d JOIN search_document_vector v "
    "ON v.document_id = d.id",
    "DROP TABLE search_document_vector",
    "CREATE INDEX search_document_access_match "
    "ON search_document_access USING gin (vector, tags)",
    "CREATE INDEX search_document_access_title "
    "ON search_document_access USING gin (title_vector)",
    "CREATE INDEX search_document_access_title_words "
    "ON search_document_access USING gin (title_words)",
    "CREATE TABLE search_vocabulary (term text PRIMARY KEY, "
    "documents integer NOT NULL)",
    "INSERT INTO search_vocabulary SELECT lexeme, count(*) "
    "FROM search_document_access, unnest(vector) GROUP BY lexeme",
]
TRIGRAM_INDEX = (
    "CREATE INDEX search_vocabulary_trigram "
    "ON search_vocabulary USING gin (term gin_trgm_ops)"
)
DROP = [
    "DROP TABLE IF EXISTS search_vocabulary",
    "CREATE TABLE search_document_vector ("
    "document_id bigint PRIMARY KEY, vector tsvector NOT NULL, "
    "title_words tsvector NOT NULL)",
    "INSERT INTO search_document_vector "
    "SELECT id, vector, title_words FROM search_document_access",
    "DROP TABLE search_document_access",
    "CREATE INDEX search_document_vector_gin "
    "ON search_document_vector USING gin (vector)",
    "CREATE INDEX search_document_title_words_gin "
    "ON search_document_vector USING gin (title_words)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    if _create_extension(schema_editor, "pg_trgm"):
        schema_editor.execute(TRIGRAM_INDEX)


def _create_extension(schema_editor, name: str) -> bool:
    """Without the right to create it, "did you mean" reads the vocabulary by
    initial through the primary key instead."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT search_extension")
        try:
            cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
        except Exception as error:  # noqa: BLE001 - any refusal: do without
            cursor.execute("ROLLBACK TO SAVEPOINT search_extension")
            logger.warning("%s could not be created (%s).", name, error)
            return False
        cursor.execute("RELEASE SAVEPOINT search_extension")
        return True


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_everyday_synonyms")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
