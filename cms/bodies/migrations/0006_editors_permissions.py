"""Editors keep bodies, meetings and advice up to date in the admin, with the
rights civil servants have (`0002_civil_servants_permissions`). No delete: a
body's history (meetings, advice) stays."""

from django.db import migrations

GROUP_NAME = "Editors"

MODELS = [
    "body",
    "bodymember",
    "meeting",
    "agendaitem",
    "attendance",
    "advice",
    "recommendation",
]
PERMISSIONS = [
    (model, action) for model in MODELS for action in ("add", "change", "view")
]
PERMISSIONS += [("adviceevent", "view"), ("answerstatusupdate", "view")]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, action in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="bodies", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {model}"},
        )
        yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0005_advice_goals"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
