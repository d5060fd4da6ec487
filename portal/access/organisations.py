"""Who may see and manage which organisation and its memberships."""

from django.db.models import QuerySet

from portal.access.audiences import is_signed_in, is_staff_member
from portal.models import Membership, Organisation


def organisations_managed_by(user) -> QuerySet[Organisation]:
    """The organisations whose memberships this user decides on: civil servants for
    every organisation, a coordinator for the ones they coordinate."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    if is_staff_member(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role=Membership.Role.COORDINATOR,
    )


def may_manage(user, organisation: Organisation) -> bool:
    """Whether this user approves, invites and removes members of `organisation`."""
    return organisations_managed_by(user).filter(pk=organisation.pk).exists()


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisations whose portal page (members, requests) this user may open: their
    own (active membership) and, for civil servants, every one."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    if is_staff_member(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    )


def may_leave_without_coordinator(user) -> bool:
    """An organisation keeps at least one coordinator, unless a civil servant
    decides otherwise."""
    return is_staff_member(user)
