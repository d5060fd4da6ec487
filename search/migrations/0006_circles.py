"""Internal items are narrowed to circles (an organisation's members, partners with
the signal coordinators' duty) instead of one owner organisation, so a merged
signal is found by every organisation that carries it, once. Existing owners
become "organisation:<id>" circles; on SQLite the covering index follows."""

from django.db import migrations, models

COLUMNS = (
    "id, audience, circles, kind, year, organisation, boost, date, "
    "life_domains, target_groups"
)
OLD_COLUMNS = (
    "id, audience, owner_organisation_id, kind, year, organisation, boost, date, "
    "life_domains, target_groups"
)


def fill(apps, schema_editor):
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    owned = IndexedDocument.objects.filter(owner_organisation_id__isnull=False)
    for owner in owned.values_list("owner_organisation_id", flat=True).distinct():
        owned.filter(owner_organisation_id=owner).update(
            circles=f"|organisation:{owner}|"
        )


def drop_covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_access")


def covering_index(columns):
    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS search_document_access "
                f"ON search_indexeddocument ({columns})"
            )

    return create


class Migration(migrations.Migration):
    dependencies = [("search", "0005_reanalyse_dutch_porter")]

    operations = [
        migrations.RunPython(drop_covering_index, covering_index(OLD_COLUMNS)),
        migrations.AddField(
            model_name="indexeddocument",
            name="circles",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="indexeddocument", name="search_visibility"
        ),
        migrations.RemoveField(
            model_name="indexeddocument", name="owner_organisation_id"
        ),
        migrations.RunPython(covering_index(COLUMNS), drop_covering_index),
    ]
