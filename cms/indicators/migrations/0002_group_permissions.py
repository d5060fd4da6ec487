"""Editors and civil servants manage indicators, their values and targets in the
admin (the API and the pages ask `portal.access.indicators`, not these rights)."""

from django.db import migrations

GROUPS = ("Editors", "Civil servants")
MODELS = ("indicator", "indicatorvalue", "indicatortarget")
ACTIONS = ("add", "change", "delete", "view")


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="indicators", model=model
        )
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("portal", "0003_civil_servants_group"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
