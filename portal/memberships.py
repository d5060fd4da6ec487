"""Writes with rules for organisations: asking to join, approving and declining,
inviting by e-mail, changing roles, leaving and removal.

Coordinators decide for their own organisation, civil servants for every one
(`portal.selectors.may_manage`). Access follows at once: audiences are computed per
request from active memberships, so an ended membership opens nothing any more.
E-mails leave once the transaction commits.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access.organisations import may_leave_without_coordinator
from portal.models import Invitation, Membership, Organisation
from portal.selectors import (
    invitation_is_addressed_to,
    may_manage,
    open_invitations,
)

Role = Membership.Role
Status = Membership.Status

# E-mails ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mail:
    """A plain-text e-mail from `theme/templates/emails/membership/<name>_*.txt`."""

    name: str
    to: list[str]
    context: dict

    def send(self) -> None:
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "base_url": _base_url(),
            **self.context,
        }
        folder = "emails/membership"
        subject = render_to_string(f"{folder}/{self.name}_subject.txt", context)
        body = render_to_string(f"{folder}/{self.name}_body.txt", context)
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            self.to,
        )


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _absolute(path: str) -> str:
    return f"{_base_url()}{path}"


def _send_on_commit(mail: Mail) -> None:
    if mail.to:
        transaction.on_commit(mail.send)


def _coordinator_addresses(organisation: Organisation) -> list[str]:
    return list(
        organisation.memberships.filter(
            status=Status.ACTIVE, role=Role.COORDINATOR
        ).values_list("user__email", flat=True)
    )


# Rules --------------------------------------------------------------------------------


def _require_manager(user, organisation: Organisation) -> None:
    if not may_manage(user, organisation):
        raise PermissionDenied(
            _("Alleen een coördinator van %(organisation)s of een medewerker mag dit.")
            % {"organisation": organisation}
        )


def _is_last_coordinator(membership: Membership) -> bool:
    if membership.role != Role.COORDINATOR or membership.status != Status.ACTIVE:
        return False
    return not (
        membership.organisation.memberships.filter(
            status=Status.ACTIVE, role=Role.COORDINATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _lock(membership: Membership) -> Membership:
    """The membership as it is now in the database, locked until commit."""
    return (
        Membership.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=membership.pk)
    )


# Services -----------------------------------------------------------------------------


@transaction.atomic
def membership_request(*, user, organisation: Organisation) -> Membership:
    """Ask to join a partner organisation; its coordinators get an e-mail. A person
    whose membership ended may ask again."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Meld je aan om lid te worden."))
    if not organisation.is_partner:
        raise ValidationError(
            _("Lid worden kan alleen bij een partnerorganisatie."), code="not_partner"
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, organisation=organisation)
        .first()
    )
    if membership is not None and membership.status == Status.ACTIVE:
        raise ValidationError(
            _("Je bent al lid van %(organisation)s.") % {"organisation": organisation},
            code="already_member",
        )
    if membership is not None and membership.status == Status.REQUESTED:
        raise ValidationError(
            _("Je vroeg al om lid te worden van %(organisation)s.")
            % {"organisation": organisation},
            code="already_requested",
        )
    if membership is None:
        membership = Membership(user=user, organisation=organisation)
    membership.role = Role.MEMBER
    membership.status = Status.REQUESTED
    membership.created_at = timezone.now()
    membership.full_clean()
    membership.save()
    _send_on_commit(
        Mail(
            "request_received",
            _coordinator_addresses(organisation),
            {
                "membership": membership,
                "organisation": organisation,
                "person": user,
                "url": _absolute(
                    reverse("partners:organisation", args=[organisation.slug])
                ),
            },
        )
    )
    return membership


def _decide_request(
    membership: Membership, *, by, status: str, mail: str, url: str
) -> Membership:
    membership = _lock(membership)
    _require_manager(by, membership.organisation)
    if membership.status != Status.REQUESTED:
        raise ValidationError(_("Deze aanvraag is al behandeld."), code="not_requested")
    membership.status = status
    membership.full_clean()
    membership.save(update_fields=["status"])
    context = {"membership": membership, "organisation": membership.organisation}
    _send_on_commit(
        Mail(mail, [membership.user.email], {**context, "url": _absolute(url)})
    )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by) -> Membership:
    """Approve a request to join: the person is an active member at once and gets
    an e-mail."""
    return _decide_request(
        membership,
        by=by,
        status=Status.ACTIVE,
        mail="request_approved",
        url=reverse("partners:dashboard"),
    )


@transaction.atomic
def membership_decline(*, membership: Membership, by) -> Membership:
    """Decline a request to join; the person gets an e-mail and may ask again."""
    return _decide_request(
        membership,
        by=by,
        status=Status.ENDED,
        mail="request_declined",
        url=reverse("partners:join"),
    )


@transaction.atomic
def membership_end(*, membership: Membership, by) -> Membership:
    """End a membership: the person leaves (or withdraws a request), or a coordinator
    or civil servant removes them. Access ends with the next request. An
    organisation keeps at least one coordinator unless a civil servant decides."""
    membership = _lock(membership)
    if by != membership.user:
        _require_manager(by, membership.organisation)
    if membership.status == Status.ENDED:
        raise ValidationError(
            _("Dit lidmaatschap is al beëindigd."), code="already_ended"
        )
    if _is_last_coordinator(membership) and not may_leave_without_coordinator(by):
        raise ValidationError(
            _(
                "%(organisation)s heeft geen andere coördinator. Maak eerst iemand "
                "anders coördinator."
            )
            % {"organisation": membership.organisation},
            code="last_coordinator",
        )
    membership.status = Status.ENDED
    membership.full_clean()
    membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by) -> Membership:
    """Make an active member coordinator, or a coordinator member again."""
    membership = _lock(membership)
    _require_manager(by, membership.organisation)
    if role not in Role.values:
        raise ValidationError(_("Onbekende rol."), code="invalid_role")
    if membership.status != Status.ACTIVE:
        raise ValidationError(
            _("Alleen een actief lid krijgt een rol."), code="not_active"
        )
    if (
        role != Role.COORDINATOR
        and _is_last_coordinator(membership)
        and not may_leave_without_coordinator(by)
    ):
        raise ValidationError(
            _(
                "%(organisation)s heeft geen andere coördinator. Maak eerst iemand "
                "anders coördinator."
            )
            % {"organisation": membership.organisation},
            code="last_coordinator",
        )
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    email: str,
    role: str = Role.MEMBER,
    by,
) -> Invitation:
    """Invite someone by e-mail. An earlier open invitation to the same address is
    withdrawn, so only the newest link works."""
    _require_manager(by, organisation)
    email = email.strip().lower()
    if organisation.memberships.filter(
        status=Status.ACTIVE, user__email__iexact=email
    ).exists():
        raise ValidationError(
            _("Deze persoon is al lid van %(organisation)s.")
            % {"organisation": organisation},
            code="already_member",
        )
    open_invitations().filter(organisation=organisation, email__iexact=email).update(
        withdrawn_at=timezone.now()
    )
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    _send_on_commit(
        Mail(
            "invitation",
            [email],
            {
                "invitation": invitation,
                "organisation": organisation,
                "invited_by": by,
                "url": _absolute(invitation.get_absolute_url()),
            },
        )
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> Invitation:
    """Withdraw an open invitation: its link no longer works."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_manager(by, invitation.organisation)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is niet meer open."), code="not_open")
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Accept an invitation with the account of its address: the person becomes an
    active member with the invited role (a coordinator stays coordinator)."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if not (
        user and user.is_authenticated and invitation_is_addressed_to(invitation, user)
    ):
        raise PermissionDenied(
            _("Deze uitnodiging is voor een ander e-mailadres bestemd.")
        )
    if not invitation.is_open:
        raise ValidationError(
            _("Deze uitnodiging is verlopen, ingetrokken of al aanvaard."),
            code="not_open",
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, organisation=invitation.organisation)
        .first()
    )
    if membership is None:
        membership = Membership(user=user, organisation=invitation.organisation)
    if not (membership.status == Status.ACTIVE and membership.role == Role.COORDINATOR):
        membership.role = invitation.role
    membership.status = Status.ACTIVE
    membership.full_clean()
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
