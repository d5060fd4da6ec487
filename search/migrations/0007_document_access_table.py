"""On SQLite, the covering index `search_document_access` becomes a narrow rowid
table of the same columns (see `search.backends.database.sqlite`): looking a
match up by rowid costs a third less than seeking it in an index."""

from django.db import migrations

COLUMNS = (
    "id, audience, circles, kind, year, organisation, boost, date, "
    "life_domains, target_groups"
)


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_document_access")
    schema_editor.execute(
        "CREATE TABLE search_document_access (id INTEGER PRIMARY KEY, "
        "audience TEXT NOT NULL, circles TEXT NOT NULL, kind TEXT NOT NULL, "
        "year INTEGER, organisation TEXT NOT NULL, boost REAL NOT NULL, date TEXT, "
        "life_domains TEXT NOT NULL, target_groups TEXT NOT NULL)"
    )
    schema_editor.execute(
        f"INSERT INTO search_document_access ({COLUMNS}) "
        f"SELECT {COLUMNS} FROM search_indexeddocument"
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_document_access")
    schema_editor.execute(
        "CREATE INDEX search_document_access "
        f"ON search_indexeddocument ({COLUMNS})"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_circles")]

    operations = [migrations.RunPython(create_table, drop_table)]
