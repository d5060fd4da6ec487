"""Editors keep the goal trees up to date in the admin, as civil servants do
(goals with their budgets; progress reports are appended, never changed)."""

from django.db import migrations

GROUP_NAME = "Editors"

# (model, action): Django's default permissions, by codename.
PERMISSIONS = [
    ("goal", "add"),
    ("goal", "change"),
    ("goal", "view"),
    ("goalbudget", "add"),
    ("goalbudget", "change"),
    ("goalbudget", "view"),
    ("progressupdate", "add"),
    ("progressupdate", "view"),
]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, action in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="cms", model=model
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
        ("cms", "0006_plan_follow_up"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
