"""Civil servants keep bodies, meetings and advice up to date in the admin. Made
the way `socialmap.0002_civil_servants_permissions` grants the social map. No
delete: a body's history (meetings, advice) stays."""

from django.db import migrations

GROUP_NAME = "Civil servants"

MODELS = [
    "body",
    "bodymember",
    "meeting",
    "agendaitem",
    "attendance",
    "advice",
    "recommendation",
]
PERMISSIONS = [(model, action) for model in MODELS for action in ("add", "change", "view")]
PERMISSIONS += [("adviceevent", "view"), ("answerstatusupdate", "view")]


def _permission(apps, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="bodies", model=model)
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
        ("bodies", "0001_initial"),
        ("portal", "0003_civil_servants_group"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
