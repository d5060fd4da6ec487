"""The "Civil servants" group, made the way Wagtail's migrations make Editors and
Moderators: admin access, and the rights to follow up plans (goals with their
budgets, progress reports appended)."""

from django.db import migrations

GROUP_NAME = "Civil servants"

# (app label, model, action): Django's default permissions, by codename.
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("cms", "goal", "add"),
    ("cms", "goal", "change"),
    ("cms", "goal", "view"),
    ("cms", "goalbudget", "add"),
    ("cms", "goalbudget", "change"),
    ("cms", "goalbudget", "view"),
    ("cms", "progressupdate", "add"),
    ("cms", "progressupdate", "view"),
]


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    if action == "access_admin":
        codename, name = action, "Can access Wagtail admin"
    else:
        codename, name = f"{action}_{model}", f"Can {action} {model}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *(_permission(apps, *permission) for permission in PERMISSIONS)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_invitation"),
        ("cms", "0002_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
