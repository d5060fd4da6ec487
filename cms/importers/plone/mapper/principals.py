"""Accounts, groups and roles: Plone's users and groups, their site roles, local
roles on items and the owners of pages, files and images."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from cms.importers.plone.source import SourceItem
from portal.access.audiences import Audience
from portal.access.roles import EDITORS_GROUP, MODERATORS_GROUP

# Plone roles -> the portal's groups (site-wide) or Wagtail page permissions (local)
ROLE_GROUPS = {
    "Editor": EDITORS_GROUP,
    "Contributor": EDITORS_GROUP,
    "Reviewer": MODERATORS_GROUP,
}
ROLE_PAGE_PERMISSIONS = {
    "Contributor": ["add_page"],
    "Editor": ["add_page", "change_page"],
    "Reviewer": ["publish_page"],
}


class PrincipalsMixin:
    """Accounts and groups first, local roles once every page is there."""

    def owner_of(self, item: SourceItem):
        owners = [
            principal
            for principal, roles in item.local_roles.items()
            if "Owner" in roles and principal in self.users
        ]
        for name in [*owners, *item.creators]:
            if name in self.users:
                return self.users[name]
        return None

    def import_principals(self) -> None:
        User = get_user_model()
        by_email = {}
        for source in self.site.users:
            if not source.email or "@" not in source.email:
                self.report.users["skipped"] += 1
                self.report.skipped.append(
                    (
                        f"user {source.username}",
                        "no e-mail address, so no way to sign in or reset a password",
                    )
                )
                continue
            email = source.email.lower()
            user = by_email.get(email) or User.objects.filter(email=email).first()
            if user is None:
                first, _, last = (source.fullname or "").partition(" ")
                user = User(email=email, first_name=first[:150], last_name=last[:150])
                user.set_unusable_password()
                user.save()
                self.report.users["created"] += 1
            else:
                self.report.users["existing"] += 1
            by_email[email] = user
            self.users[source.username] = user
            self.grant_site_roles(user, source.roles, who=f"user {source.username}")
        for source in self.site.groups:
            group, _ = Group.objects.get_or_create(name=f"Plone: {source.title}"[:150])
            self.groups[source.groupid] = group
            members = [
                self.users[name] for name in source.members if name in self.users
            ]
            members += [
                self.users[user.username]
                for user in self.site.users
                if source.groupid in user.groups and user.username in self.users
            ]
            for member in members:
                member.groups.add(group)
            for member in members:
                self.grant_site_roles(
                    member, source.roles, who=f"group {source.groupid}"
                )
            self.describe_group_roles(source)
        self.report.mapped(
            "Plone groups: a group 'Plone: <title>' with the same members"
        )
        unknown = sorted(
            {
                name
                for item in self.items.values()
                for name in [*item.creators, *(entry.actor for entry in item.history)]
                if name and name not in self.users
            }
        )
        if unknown:
            self.report.note(
                "people named as creators or in workflow history without an account "
                f"in the export ({', '.join(unknown)}): pages keep no owner for them; "
                "their names stay in the audit log entries"
            )

    def grant_site_roles(self, user, roles: list[str], *, who: str) -> None:
        for role in roles:
            if role in ROLE_GROUPS:
                user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
                if not user.is_staff:
                    user.is_staff = True
                    user.save(update_fields=["is_staff"])
                self.report.mapped(
                    f"site role {role}: group {ROLE_GROUPS[role]} and civil servant "
                    "(staff)"
                )
            elif role in ("Manager", "Site Administrator"):
                self.report.unmapped(
                    f"{who}: site role {role} not granted; give administrator rights "
                    "in the portal by hand"
                )
            elif role in ("Member", "Authenticated"):
                self.report.mapped(f"site role {role}: an account (citizen)")
            else:
                self.report.unmapped(f"{who}: site role {role} has no counterpart")

    def describe_group_roles(self, source) -> None:
        for role in source.roles:
            if role in ("Manager", "Site Administrator"):
                self.report.unmapped(
                    f"group {source.groupid}: site role {role} not granted; give "
                    "administrator rights in the portal by hand"
                )

    def import_local_roles(self) -> None:
        """Local roles on items: owners become page owners; roles of groups become
        page permissions for their group; the rest is reported."""
        permissions = {
            permission.codename: permission
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore",
                codename__in=["add_page", "change_page", "publish_page"],
            )
        }
        for item in self.site.all_items():
            target = self.targets.get(item.uid)
            if item.block_inheritance:
                self.report.unmapped(
                    f"{item.path}: inherited roles were blocked here; Wagtail's page "
                    "permissions always inherit, and its audience "
                    f"({Audience(self.audiences.get(item.uid, Audience.STAFF)).label}) "
                    "decides who sees it"
                )
            for name, detail in sorted(item.local_permissions.items()):
                self.report.unmapped(
                    f"{item.path}: local permission '{name}' for "
                    f"{', '.join(detail.get('roles') or [])} not carried over (the "
                    "portal's page types decide what may be added where)"
                )
            for principal, roles in sorted(item.local_roles.items()):
                for role in roles:
                    if role == "Owner":
                        continue
                    if role == "Reader":
                        self.report.unmapped(
                            f"{item.path}: {principal} may read it in Plone; in the "
                            "portal its audience decides who sees it"
                        )
                        continue
                    codenames = ROLE_PAGE_PERMISSIONS.get(role)
                    group = self.groups.get(principal)
                    if codenames and group is not None and isinstance(target, Page):
                        for codename in codenames:
                            GroupPagePermission.objects.get_or_create(
                                group=group,
                                page=target,
                                permission=permissions[codename],
                            )
                        self.report.mapped(
                            f"local role {role} of a group: Wagtail page permission "
                            f"{'/'.join(codenames)} for the group on that page"
                        )
                    elif codenames and group is None:
                        self.report.unmapped(
                            f"{item.path}: local role {role} of user {principal}; "
                            "Wagtail grants page permissions to groups only"
                        )
                    else:
                        self.report.unmapped(
                            f"{item.path}: local role {role} of {principal} has no "
                            "counterpart"
                        )
        self.report.mapped("local role Owner: the page's owner")
