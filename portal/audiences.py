"""Who may see what: the audiences and the one function that maps a user onto them.

Every page, document and listing asks `audiences_for(user)`; the access selectors in
`portal.access` build on it. Keep a single copy of this rule.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Publiek")
    PARTNERS = "partners", _("Partners")
    STAFF = "staff", _("Medewerkers")

    @property
    def rank(self) -> int:
        return AUDIENCE_RANK[self.value]


AUDIENCE_RANK = {Audience.PUBLIC: 0, Audience.PARTNERS: 1, Audience.STAFF: 2}


def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def is_partner(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    from portal.models import Membership

    return Membership.objects.filter(
        user=user,
        status=Membership.Status.ACTIVE,
        organisation__is_partner=True,
    ).exists()


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


def organisation_ids_for(user) -> tuple[int, ...]:
    """The organisations whose internal items this user may see: those of their
    active memberships (staff see every organisation's; callers check that first)."""
    if not (user and user.is_authenticated):
        return ()
    from portal.models import Membership

    return tuple(
        Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE
        ).values_list("organisation_id", flat=True)
    )
