"""Platform roles and doors, derived from the account; never taken from the client.

A role is what a person may do on the platform; an audience (`portal.access`) is
what they may see. Both are computed from the same facts: staff flag, Wagtail groups,
memberships of partner organisations.
"""

from enum import StrEnum

from django.conf import settings

from portal.access.audiences import is_partner, is_signed_in, is_staff_member
from portal.access.facts import remembered

EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"
CIVIL_SERVANTS_GROUP = "Civil servants"
#: Partner coordinators given the duty of screening signals (civil servants have it
#: by their office).
SIGNAL_COORDINATORS_GROUP = "Signal coordinators"


class Role(StrEnum):
    CITIZEN = "citizen"
    PARTNER = "partner"
    CIVIL_SERVANT = "civil_servant"
    EDITOR = "editor"
    MODERATOR = "moderator"
    ADMINISTRATOR = "administrator"


class Door(StrEnum):
    """The front doors and where each starts: the public site for the anonymous,
    a page of one's own for a signed-in citizen, the partner portal, the intranet."""

    PUBLIC = "/"
    CITIZEN = "/mijn-pagina/"
    PARTNERS = "/partners/"
    INTRANET = "/intranet/"


def _group_names(user) -> frozenset[str]:
    return remembered(
        user,
        "group_names",
        lambda: frozenset(user.groups.values_list("name", flat=True)),
    )


def has_signal_duty(user) -> bool:
    """Whether a non-staff user was given the signal coordinators' duty."""
    if not (user and user.is_authenticated):
        return False
    return SIGNAL_COORDINATORS_GROUP in _group_names(user)


def is_signal_coordinator(user) -> bool:
    """The one definition of a signal coordinator: who screens submitted signals
    (and is told when one arrives). Civil servants by their office, and partners
    given the duty (the group)."""
    if not (user and user.is_authenticated):
        return False
    return is_staff_member(user) or has_signal_duty(user)


def may_use_django_admin(user) -> bool:
    """Django's admin is the administrators' tool; everyone else works in
    Wagtail's admin."""
    return bool(user and user.is_active and user.is_superuser)


def may_use_wagtail_admin(user) -> bool:
    """Wagtail's admin is for editors, moderators and civil servants: whoever holds
    its access right (through a group)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


def roles_for(user) -> list[Role]:
    """Every platform role this user holds, widest first."""
    if not (user and user.is_authenticated):
        return []
    roles = [Role.CITIZEN]
    if is_partner(user):
        roles.append(Role.PARTNER)
    if is_staff_member(user):
        roles.append(Role.CIVIL_SERVANT)
    groups = _group_names(user)
    if EDITORS_GROUP in groups or user.is_superuser:
        roles.append(Role.EDITOR)
    if MODERATORS_GROUP in groups or user.is_superuser:
        roles.append(Role.MODERATOR)
    if user.is_superuser:
        roles.append(Role.ADMINISTRATOR)
    return roles


def door_for(user) -> Door:
    """The front door a person lands on after signing in."""
    if is_staff_member(user):
        return Door.INTRANET
    if is_partner(user):
        return Door.PARTNERS
    if is_signed_in(user):
        return Door.CITIZEN
    return Door.PUBLIC


def requires_second_factor(user) -> bool:
    """Civil servants, editors, moderators and administrators must use MFA; demo
    accounts are spared while DEBUG is on, so a local try-out needs no phone app."""
    if not getattr(settings, "PORTAL_MFA_REQUIRED", True):
        return False
    if not is_staff_member(user):
        return False
    return not (settings.DEBUG and user.email.endswith("@demo.lokaal"))


__all__ = [
    "CIVIL_SERVANTS_GROUP",
    "EDITORS_GROUP",
    "MODERATORS_GROUP",
    "SIGNAL_COORDINATORS_GROUP",
    "Door",
    "Role",
    "door_for",
    "has_signal_duty",
    "is_signal_coordinator",
    "may_use_django_admin",
    "requires_second_factor",
    "roles_for",
]
