"""Facets are counted and filtered from the packed columns of the document row
(`life_domains`, `target_groups`) on every database: the table of facet values one a
row is no longer read, and no longer written."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0007_document_access_table")]

    operations = [migrations.DeleteModel(name="DocumentFacetValue")]
