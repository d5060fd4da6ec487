"""On SQLite the index holds stems made in Python: re-analyse the stored titles and
bodies with the classic Dutch stemmer (`search.analysis.STEMMER_LANGUAGE`), which
replaced Snowball 3's "dutch" that strips "ge-". PostgreSQL stems itself."""

from django.db import migrations

from search import analysis

CHUNK = 1000


def reanalyse(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    rows = IndexedDocument.objects.order_by("id").values_list("id", "title", "body")
    with schema_editor.connection.cursor() as cursor:
        batch = []
        for pk, title, body in rows.iterator(chunk_size=CHUNK):
            batch.append(
                (
                    pk,
                    analysis.index_text(title),
                    analysis.index_text(body),
                    " ".join(analysis.words(title)),
                )
            )
            if len(batch) == CHUNK:
                _write(cursor, batch)
                batch = []
        _write(cursor, batch)


def _write(cursor, batch) -> None:
    if batch:
        cursor.executemany(
            "INSERT OR REPLACE INTO search_fts (rowid, title, body, title_words) "
            "VALUES (%s, %s, %s, %s)",
            batch,
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_document_facets_inline")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop)]
