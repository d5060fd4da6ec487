"""The multi-valued facets inline on the document row and, on SQLite, a covering
index of the columns a search filters, ranks, sorts and counts facets on, keyed by
id: the engine looks every FTS match up in it (`INDEXED BY`) instead of reading
whole rows, bodies included. Existing entries get their values from
`DocumentFacetValue`."""

from itertools import groupby

from django.db import migrations, models

COLUMNS = (
    "id, audience, owner_organisation_id, kind, year, organisation, boost, date, "
    "life_domains, target_groups"
)


def fill(apps, schema_editor):
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    DocumentFacetValue = apps.get_model("search", "DocumentFacetValue")
    rows = (
        DocumentFacetValue.objects.filter(facet__in=["life_domain", "target_group"])
        .order_by("document_id", "id")
        .values_list("document_id", "facet", "value")
        .iterator(chunk_size=2000)
    )
    changed = []
    for document_id, values in groupby(rows, key=lambda row: row[0]):
        packed = {"life_domain": [], "target_group": []}
        for _id, facet, value in values:
            packed[facet].append(value.replace("|", "/"))
        document = IndexedDocument(id=document_id)
        for facet, field in (
            ("life_domain", "life_domains"),
            ("target_group", "target_groups"),
        ):
            names = list(dict.fromkeys(packed[facet]))
            setattr(document, field, f"|{'|'.join(names)}|" if names else "")
        changed.append(document)
    IndexedDocument.objects.bulk_update(
        changed, ["life_domains", "target_groups"], batch_size=500
    )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_access "
            f"ON search_indexeddocument ({COLUMNS})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_access")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonyms")]

    operations = [
        migrations.AddField(
            model_name="indexeddocument",
            name="life_domains",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="indexeddocument",
            name="target_groups",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
