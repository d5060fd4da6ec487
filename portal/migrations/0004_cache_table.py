"""The database cache's table (when the cache is the database: no REDIS_URL), so
that `migrate` alone prepares a database. Wagtail's page moves and deletes, the
rate limits and the search vocabulary use the cache; `createcachetable` is
idempotent and does nothing for other cache backends."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_civil_servants_group")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
