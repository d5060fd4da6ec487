"""The advice lifecycle: which state may follow which, and who may make each step.

    requested ──► in_preparation ──► adopted ──► submitted ──► answered ──► closed
        │               │               │
        └───────────────┴───────────────┴──► withdrawn

`TRANSITIONS` is the one table; `cms.bodies.services.advice_transition` enforces it,
the screens will show their buttons from it, and the tests walk it.

Who makes which step, and why:
- the town (a civil servant) asks, answers and closes: the request and the answer
  are the town's acts (the contact civil servant puts the advice on the agenda);
- the body's chair or secretary starts the preparation, records its adoption and
  submits it: they speak for the body; plain members and observers take part and
  see everything, but do not move the dossier;
- a request is withdrawn by the town while the body has not adopted anything; in
  preparation, the body may also drop it (an own-initiative advice it abandons);
  an adopted advice only the body withdraws, since the text is its decision. Once
  submitted, the advice is on the record and the town owes an answer: no withdrawal.

Advice on the body's own initiative starts `in_preparation` (nobody asked).
"""

from django.utils.translation import gettext_lazy as _

from cms.bodies.models import AdviceState, BodyMember, MemberRole, MinutesState
from portal.access.bodies import BodyActor, BodyRules

A = AdviceState

TOWN = frozenset({BodyActor.CIVIL_SERVANT})
OFFICER = frozenset({BodyActor.OFFICER})

TRANSITIONS: dict[tuple[str, str], frozenset[BodyActor]] = {
    (A.REQUESTED, A.IN_PREPARATION): OFFICER,
    (A.IN_PREPARATION, A.ADOPTED): OFFICER,
    (A.ADOPTED, A.SUBMITTED): OFFICER,
    (A.SUBMITTED, A.ANSWERED): TOWN,
    (A.ANSWERED, A.CLOSED): TOWN,
    (A.REQUESTED, A.WITHDRAWN): TOWN,
    (A.IN_PREPARATION, A.WITHDRAWN): TOWN | OFFICER,
    (A.ADOPTED, A.WITHDRAWN): OFFICER,
}

# The note each of these steps must carry.
NOTE_REQUIRED = {
    A.WITHDRAWN: _("Geef de reden van de intrekking."),
}

# The label of the button that makes each step.
ACTION_LABELS = {
    A.IN_PREPARATION: _("Voorbereiding starten"),
    A.ADOPTED: _("Goedkeuring door het orgaan registreren"),
    A.SUBMITTED: _("Aan het bestuur bezorgen"),
    A.ANSWERED: _("Antwoord van het bestuur registreren"),
    A.CLOSED: _("Afsluiten"),
    A.WITHDRAWN: _("Intrekken"),
}

#: While the body works on it, its term runs (and may be extended).
BODY_TERM_STATES = frozenset({A.REQUESTED, A.IN_PREPARATION, A.ADOPTED})
#: While the town owes an answer, its term runs.
TOWN_TERM_STATES = frozenset({A.SUBMITTED})
#: A published advice is public from its adoption on (never when withdrawn).
PUBLIC_STATES = frozenset({A.ADOPTED, A.SUBMITTED, A.ANSWERED, A.CLOSED})
#: The town has answered as a whole: its answers go with the published advice.
ANSWERED_STATES = frozenset({A.ANSWERED, A.CLOSED})
#: The body's officers write the text and recommendations until it adopts them.
EDIT_STATES = frozenset({A.IN_PREPARATION})
#: The body submits only an advice with at least one recommendation.
NEEDS_RECOMMENDATIONS = frozenset({A.ADOPTED, A.SUBMITTED})


def transitions_from(state: str) -> list[str]:
    return [to for (source, to) in TRANSITIONS if source == state]


def _seats():
    return BodyMember.objects.all()


#: What `portal.access.bodies` needs to know of this app (registered in `apps.py`).
RULES = BodyRules(
    seats=_seats,
    officer_roles=frozenset({MemberRole.CHAIR, MemberRole.SECRETARY}),
    transitions=TRANSITIONS,
    public_advice_states=PUBLIC_STATES,
    published_minutes_state=MinutesState.PUBLISHED,
    answer_states=TOWN_TERM_STATES,
    extension_states=BODY_TERM_STATES,
    edit_states=EDIT_STATES,
    answered_states=ANSWERED_STATES,
)
