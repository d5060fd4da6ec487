"""The audiences and the facts about a person every access rule starts from.

An audience is what a person may see (`audiences_for`); it follows from the same
facts as their roles (`portal.access.roles`): the staff flag, and active memberships
of partner organisations. `active_organisation_ids` is the one definition of "the
user's organisations": a membership that ended gives nothing any more.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.access.facts import remembered
from portal.models import Membership


class Audience(models.TextChoices):
    PUBLIC = "public", _("Publiek")
    PARTNERS = "partners", _("Partners")
    STAFF = "staff", _("Medewerkers")

    @property
    def rank(self) -> int:
        return AUDIENCE_RANK[self.value]


AUDIENCE_RANK = {Audience.PUBLIC: 0, Audience.PARTNERS: 1, Audience.STAFF: 2}


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def is_staff_member(user) -> bool:
    """Civil servants of the town or the OCMW (and administrators)."""
    return bool(is_signed_in(user) and (user.is_staff or user.is_superuser))


def is_partner(user) -> bool:
    """An active member of a partner organisation."""
    if not is_signed_in(user):
        return False
    return remembered(
        user,
        "is_partner",
        Membership.objects.filter(
            user=user,
            status=Membership.Status.ACTIVE,
            organisation__is_partner=True,
        ).exists,
    )


def audiences_for(user) -> list[str]:
    """The audiences whose content this user may see, widest first."""
    if is_staff_member(user):
        return [Audience.PUBLIC, Audience.PARTNERS, Audience.STAFF]
    if is_partner(user):
        return [Audience.PUBLIC, Audience.PARTNERS]
    return [Audience.PUBLIC]


def narrowest(*audiences: str) -> str:
    """The most restricted of the given audiences (a child never opens wider)."""
    return max(audiences, key=lambda value: AUDIENCE_RANK[value])


def widest(*audiences: str) -> str:
    """The least restricted of the given audiences."""
    return min(audiences, key=lambda value: AUDIENCE_RANK[value])


def is_wider(audience: str, than: str) -> bool:
    """Whether `audience` lets in more people than `than`."""
    return AUDIENCE_RANK[audience] < AUDIENCE_RANK[than]


def active_memberships(user):
    """The user's active memberships (nothing for anonymous visitors)."""
    if not is_signed_in(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)


def active_organisation_ids(user) -> tuple[int, ...]:
    """The organisations this user acts for now: those of their active memberships.
    Staff see every organisation's internal items; callers check that first."""
    if not is_signed_in(user):
        return ()
    return remembered(
        user,
        "organisation_ids",
        lambda: tuple(
            active_memberships(user).values_list("organisation_id", flat=True)
        ),
    )


#: The earlier name, kept for callers that read it as "whose items may I see".
organisation_ids_for = active_organisation_ids

__all__ = [
    "AUDIENCE_RANK",
    "Audience",
    "active_memberships",
    "active_organisation_ids",
    "audiences_for",
    "is_partner",
    "is_signed_in",
    "is_staff_member",
    "is_wider",
    "narrowest",
    "organisation_ids_for",
    "widest",
]
