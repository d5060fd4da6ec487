"""On PostgreSQL, the vocabulary's trigram index takes new entries at once
(`fastupdate = off`). With GIN's default, new terms wait in a pending list that
every "did you mean" and every rarity look-up scans until a vacuum merges it: just
after a rebuild, looking up two terms in a vocabulary of 3,763 took 12 ms instead
of 0.06 ms. The vocabulary grows slowly, so writing into the index directly costs
little."""

from django.db import migrations


def pending_list_off(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX IF EXISTS search_vocabulary_trigram SET (fastupdate = off)"
        )


def pending_list_on(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX IF EXISTS search_vocabulary_trigram RESET (fastupdate)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0011_postgresql_access_and_vocabulary")]

    operations = [
        migrations.RunPython(pending_list_off, pending_list_on, elidable=False)
    ]
