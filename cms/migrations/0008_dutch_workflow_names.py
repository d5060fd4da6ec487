"""Wagtail's migrations make the workflow and task "Moderators approval"; editors
read that name in "Stuur door naar ...", so it gets a Dutch one. A workflow or task
renamed by hand already is left alone."""

from django.db import migrations

RENAMES = {"Moderators approval": "Goedkeuring door moderatoren"}


def rename(apps, schema_editor, renames=RENAMES):
    for model in ("Workflow", "Task"):
        manager = apps.get_model("wagtailcore", model).objects
        for old, new in renames.items():
            manager.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_editors_manage_goals"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
