"""Reads of organisations, memberships, invitations and the portal dashboards,
filtered by who is asking.

Views call these and never filter on their own: an object missing from a selector's
answer is one the user may not see (the view answers 404).
"""

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import TaskState

from portal.access import organisations as access_organisations
from portal.access.audiences import active_memberships
from portal.models import Invitation, Membership, Organisation

# Organisations ------------------------------------------------------------------------

# Who manages and who sees which organisation is an access rule.
organisations_managed_by = access_organisations.organisations_managed_by
may_manage = access_organisations.may_manage
organisations_visible_to = access_organisations.organisations_visible_to


def organisations_to_join(user) -> QuerySet[Organisation]:
    """Partner organisations this user is not a member of and has not asked to join."""
    taken = Membership.objects.filter(
        user=user,
        status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
    ).values("organisation")
    return Organisation.objects.filter(is_partner=True).exclude(pk__in=taken)


# Memberships --------------------------------------------------------------------------


def memberships_of(user) -> QuerySet[Membership]:
    """The user's own active memberships, with their organisations."""
    return (
        active_memberships(user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_requests_of(user) -> QuerySet[Membership]:
    """The user's own requests to join, still waiting for an answer."""
    if not (user and user.is_authenticated):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, status=Membership.Status.REQUESTED)
        .select_related("organisation")
        .order_by("-created_at")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """The active members of an organisation, coordinators first. Callers have
    checked that the user may see the organisation (`organisations_visible_to`)."""
    return (
        organisation.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email")
    )


def _managed(user, organisation: Organisation | None, own_only: bool) -> QuerySet:
    """The pks of the organisations to look in: those the user manages, narrowed to
    one organisation, or to the user's own (a civil servant in the partner portal)."""
    managed = organisations_managed_by(user)
    if organisation is not None:
        managed = managed.filter(pk=organisation.pk)
    if own_only:
        managed = managed.filter(pk__in=memberships_of(user).values("organisation"))
    return managed.values("pk")


def memberships_awaiting(
    user, *, organisation: Organisation | None = None, own_only: bool = False
) -> QuerySet[Membership]:
    """Requests to join that this user may approve or decline, oldest first; only
    those of the user's own organisations with `own_only`."""
    return (
        Membership.objects.filter(
            status=Membership.Status.REQUESTED,
            organisation__in=_managed(user, organisation, own_only),
        )
        .select_related("user", "organisation")
        .order_by("created_at")
    )


def membership_actionable_by(user, pk: int) -> Membership | None:
    """A membership this user may act on: their own (to leave or withdraw) or one of
    an organisation they manage. None means: answer 404."""
    if not (user and user.is_authenticated):
        return None
    managed = organisations_managed_by(user).values("pk")
    return (
        Membership.objects.filter(pk=pk)
        .filter(Q(user=user) | Q(organisation__in=managed))
        .select_related("user", "organisation")
        .first()
    )


# Invitations --------------------------------------------------------------------------


def open_invitations() -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def newest_open_invitation_to(email: str) -> Invitation | None:
    """The newest open invitation to this address, if any."""
    return (
        open_invitations().filter(email__iexact=email).order_by("-created_at").first()
    )


def invitations_open_for(
    user, *, organisation: Organisation | None = None, own_only: bool = False
) -> QuerySet[Invitation]:
    """Open invitations of the organisations this user manages, newest first."""
    return (
        open_invitations()
        .filter(organisation__in=_managed(user, organisation, own_only))
        .select_related("organisation", "invited_by")
    )


def invitation_addressed_to(user, token: str) -> Invitation | None:
    """The invitation behind a link, when it is addressed to one of this user's
    verified e-mail addresses (open or not: the page explains). Someone else's
    invitation is None: answer 404."""
    if not (user and user.is_authenticated):
        return None
    invitation = (
        Invitation.objects.filter(token=token).select_related("organisation").first()
    )
    if invitation is None or not invitation_is_addressed_to(invitation, user):
        return None
    return invitation


def invitation_is_addressed_to(invitation: Invitation, user) -> bool:
    """Whether the invitation's address is the user's own: their account address or
    a verified address that django-allauth holds for them."""
    email = invitation.email.lower()
    if user.email.lower() == email:
        return True
    return EmailAddress.objects.filter(
        user=user, email__iexact=email, verified=True
    ).exists()


# Dashboards ---------------------------------------------------------------------------
# (The doors' dashboards read pages and goals from `cms.selectors`.)


def moderation_tasks_awaiting(user) -> QuerySet[TaskState]:
    """Wagtail moderation tasks in progress that this user may approve or reject."""
    if not (user and user.is_authenticated):
        return TaskState.objects.none()
    return (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "task", "workflow_state")
        .order_by("-started_at")
    )
