"""Civil servants keep the social map up to date in the admin: they edit
organisations, locations and services, and publish (or correct) what partners
propose. Made the way `portal.0003_civil_servants_group` grants the plan rights."""

from django.db import migrations

GROUP_NAME = "Civil servants"

# (model, action): Django's default permissions plus Wagtail's `publish` for the
# models with drafts. No delete: a service is retired (status, or unpublished), so
# its history stays.
PERMISSIONS = [
    ("service", "add"),
    ("service", "change"),
    ("service", "view"),
    ("service", "publish"),
    ("organization", "add"),
    ("organization", "change"),
    ("organization", "view"),
    ("organization", "publish"),
    ("location", "add"),
    ("location", "change"),
    ("location", "view"),
]


def _permission(apps, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="socialmap", model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*(_permission(apps, *item) for item in PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*(_permission(apps, *item) for item in PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("socialmap", "0001_initial"),
        ("portal", "0003_civil_servants_group"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
