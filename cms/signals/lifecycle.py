"""The signal lifecycle: which state may follow which, and who may make each step.

`TRANSITIONS` is the one table; `cms.signals.services.signal_transition` enforces it,
the portal shows its buttons from it, and the tests walk it.
"""

from enum import StrEnum

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cms.signals.models import Signal, SignalState
from portal.audiences import is_staff_member, organisation_ids_for
from portal.roles import SIGNAL_COORDINATORS_GROUP, has_signal_duty

S = SignalState


class Actor(StrEnum):
    """How a person stands towards one signal."""

    ORGANISATION = "organisation"  # member of the submitting organisation
    SIGNAL_COORDINATOR = "signal_coordinator"  # screens and steers signals
    CIVIL_SERVANT = "civil_servant"  # staff of the town or OCMW


ACTOR_LABELS = {
    Actor.ORGANISATION: _("de indienende organisatie"),
    Actor.SIGNAL_COORDINATOR: _("een signaalcoördinator"),
    Actor.CIVIL_SERVANT: _("een medewerker van het lokaal bestuur"),
}

ORG = frozenset({Actor.ORGANISATION})
COORDINATOR = frozenset({Actor.SIGNAL_COORDINATOR})
CIVIL_SERVANT = frozenset({Actor.CIVIL_SERVANT})

TRANSITIONS: dict[tuple[str, str], frozenset[Actor]] = {
    (S.DRAFT, S.SUBMITTED): ORG,
    (S.RETURNED, S.SUBMITTED): ORG,
    (S.SUBMITTED, S.REGISTERED): COORDINATOR,
    (S.SUBMITTED, S.RETURNED): COORDINATOR,
    (S.SUBMITTED, S.REJECTED): COORDINATOR,
    (S.SUBMITTED, S.MERGED): COORDINATOR,
    (S.REGISTERED, S.MERGED): COORDINATOR,
    (S.REGISTERED, S.BUNDLED): CIVIL_SERVANT,
    (S.BUNDLED, S.ANALYSED): CIVIL_SERVANT,
    (S.ANALYSED, S.COMMUNICATED): CIVIL_SERVANT,
    (S.COMMUNICATED, S.ANSWERED): CIVIL_SERVANT,
    (S.ANSWERED, S.CLOSED): COORDINATOR | CIVIL_SERVANT,
    (S.CLOSED, S.REGISTERED): COORDINATOR | CIVIL_SERVANT,
}

# The note each of these steps must carry, and how the form asks for it.
NOTE_REQUIRED = {
    S.REJECTED: _("Geef de reden van de afwijzing."),
    S.RETURNED: _("Stel de vraag aan de indiener."),
    S.ANSWERED: _("Geef de tekst van het beleidsantwoord."),
    S.COMMUNICATED: _("Vermeld aan wie het signaal bezorgd is."),
}

# The label of the button that makes each step.
ACTION_LABELS = {
    S.SUBMITTED: _("Indienen"),
    S.REGISTERED: _("Registreren"),
    S.RETURNED: _("Terugsturen met een vraag"),
    S.REJECTED: _("Afwijzen"),
    S.MERGED: _("Samenvoegen"),
    S.BUNDLED: _("In een bundel opnemen"),
    S.ANALYSED: _("Als geanalyseerd markeren"),
    S.COMMUNICATED: _("Aan een beleidsadressaat bezorgen"),
    S.ANSWERED: _("Beleidsantwoord registreren"),
    S.CLOSED: _("Afsluiten"),
}

# Editable by the organisation; a partner signal is private to it in these states.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
# From registration on, every partner organisation sees the signal.
SHARED_STATES = frozenset(
    {S.REGISTERED, S.BUNDLED, S.ANALYSED, S.COMMUNICATED, S.ANSWERED, S.CLOSED}
)


def is_signal_coordinator(user) -> bool:
    """Civil servants, and partner coordinators given the duty (the group)."""
    if not (user and user.is_authenticated):
        return False
    if is_staff_member(user):
        return True
    return has_signal_duty(user)


def ensure_signal_coordinators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SIGNAL_COORDINATORS_GROUP)
    return group


def actors_for(user, signal: Signal) -> frozenset[Actor]:
    """How this user stands towards this signal (possibly several ways)."""
    if not (user and user.is_authenticated):
        return frozenset()
    actors = set()
    if signal.author_id == user.pk or (
        signal.organisation_id in organisation_ids_for(user)
    ):
        actors.add(Actor.ORGANISATION)
    if is_signal_coordinator(user):
        actors.add(Actor.SIGNAL_COORDINATOR)
    if is_staff_member(user):
        actors.add(Actor.CIVIL_SERVANT)
    return frozenset(actors)


def transitions_from(state: str) -> list[str]:
    return [to for (source, to) in TRANSITIONS if source == state]


def allowed_transitions(user, signal: Signal) -> list[str]:
    """The states this user may move this signal to now."""
    actors = actors_for(user, signal)
    return [
        to
        for to in transitions_from(signal.state)
        if TRANSITIONS[(signal.state, to)] & actors
    ]
