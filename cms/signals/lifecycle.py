"""The signal lifecycle: which state may follow which, and who may make each step.

`TRANSITIONS` is the one table; `cms.signals.services.signal_transition` enforces it,
the portal shows its buttons from it, and the tests walk it. Who counts as which
actor, and who sees a signal in which stage, is decided by `portal.access.signals`;
`RULES` tells it this app's states and tables.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cms.signals.models import BundleSignal, Signal, SignalState
from portal.access.roles import SIGNAL_COORDINATORS_GROUP
from portal.access.signals import Actor, SignalRules, SignalStage

S = SignalState

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


def ensure_signal_coordinators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SIGNAL_COORDINATORS_GROUP)
    return group


def transitions_from(state: str) -> list[str]:
    return [to for (source, to) in TRANSITIONS if source == state]


# How far each state is shared: the organisation alone while it drafts (or answers
# a question after a return), the signal coordinators while it is screened, every
# partner from registration on.
STAGES = {
    S.DRAFT: SignalStage.PRIVATE,
    S.RETURNED: SignalStage.SCREENING,
    S.SUBMITTED: SignalStage.SCREENING,
    S.REJECTED: SignalStage.SCREENING,
    S.MERGED: SignalStage.SCREENING,
    **{state: SignalStage.SHARED for state in SHARED_STATES},
}

# The organisation's consent matters from submission on; not for a draft, nor for
# a signal rejected or merged into another.
CONSENT_STATES = frozenset(set(S.values) - {S.DRAFT, S.REJECTED, S.MERGED})


def _publications():
    """Where signals are published: bundle entries whose organisation consented."""
    return BundleSignal.objects.filter(signal__consent_given=True)


#: What `portal.access.signals` needs to know of this app (registered in `apps.py`).
RULES = SignalRules(
    model=Signal,
    stages=STAGES,
    transitions=TRANSITIONS,
    editable_states=EDITABLE_STATES,
    consent_states=CONSENT_STATES,
    publications=_publications,
)
