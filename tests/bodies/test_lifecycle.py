"""Every (state, transition, role) triple: allowed steps succeed and append to the
timeline; all others fail with a clear message and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.bodies.lifecycle import TRANSITIONS
from cms.bodies.models import AdviceEvent, AdviceState, RecommendationAnswer
from cms.bodies.services import (
    advice_create_own_initiative,
    advice_request,
    advice_transition,
)
from portal.access.bodies import BodyActor

A = AdviceState
ROLES = {
    "chair": {BodyActor.MEMBER, BodyActor.OFFICER},
    "secretary": {BodyActor.MEMBER, BodyActor.OFFICER},
    "member": {BodyActor.MEMBER},
    "observer": {BodyActor.MEMBER},
    "civil_servant": {BodyActor.CIVIL_SERVANT},
    "other_partner": set(),
    "citizen": set(),
}
TRIPLES = [(state, to, role) for state in A.values for to in A.values for role in ROLES]


@pytest.mark.parametrize(("state", "to", "role"), TRIPLES)
def test_transition_table(request, make_advice, state, to, role):
    user = request.getfixturevalue(role)
    advice = make_advice(state=state)
    if to == A.ANSWERED:  # the town answered every recommendation first
        advice.recommendations.update(answer=RecommendationAnswer.TAKEN_OVER)
    allowed = bool(TRANSITIONS.get((state, to), set()) & ROLES[role])
    before = AdviceEvent.objects.filter(advice=advice).count()
    if allowed:
        advice_transition(advice=advice, to=to, by=user, note="Een toelichting.")
        advice.refresh_from_db()
        assert advice.state == to
        assert advice.version == 2
        event = advice.events.last()
        assert (event.from_state, event.to_state, event.actor) == (state, to, user)
        assert event.note == "Een toelichting."
    else:
        with pytest.raises((PermissionDenied, ValidationError)) as error:
            advice_transition(advice=advice, to=to, by=user, note="Een toelichting.")
        message = " ".join(getattr(error.value, "messages", [str(error.value)]))
        assert (
            "kan niet naar" in message
            or message.startswith("Alleen ")
            or message == "Dat advies bestaat niet."
        )
        advice.refresh_from_db()
        assert advice.state == state
        assert advice.version == 1
        assert AdviceEvent.objects.filter(advice=advice).count() == before


def test_withdrawal_needs_a_reason(make_advice, civil_servant):
    advice = make_advice(state=A.REQUESTED)
    with pytest.raises(ValidationError) as error:
        advice_transition(advice=advice, to=A.WITHDRAWN, by=civil_servant)
    assert "note" in error.value.message_dict
    advice.refresh_from_db()
    assert advice.state == A.REQUESTED


def test_no_adoption_without_a_recommendation(make_advice, chair):
    advice = make_advice(state=A.IN_PREPARATION, recommendations=0)
    with pytest.raises(ValidationError) as error:
        advice_transition(advice=advice, to=A.ADOPTED, by=chair)
    assert error.value.code == "recommendations_required"


def test_no_answer_before_every_recommendation_is_answered(make_advice, civil_servant):
    advice = make_advice(state=A.SUBMITTED, recommendations=2)
    advice.recommendations.filter(number=1).update(answer="taken_over")
    with pytest.raises(ValidationError) as error:
        advice_transition(advice=advice, to=A.ANSWERED, by=civil_servant)
    assert error.value.code == "answers_required"


def test_a_stale_step_is_refused(make_advice, chair):
    advice = make_advice(state=A.REQUESTED)
    with pytest.raises(ValidationError) as error:
        advice_transition(advice=advice, to=A.IN_PREPARATION, by=chair, version=7)
    assert error.value.code == "stale"
    advice_transition(advice=advice, to=A.IN_PREPARATION, by=chair, version=1)


def test_the_town_asks_and_the_timeline_starts(body, civil_servant, member):
    advice = advice_request(
        body=body, by=civil_servant, title="Huisvesting van nieuwkomers", urgent=True
    )
    assert (advice.state, advice.kind, advice.urgent) == (A.REQUESTED, "request", True)
    assert advice.events.get().to_state == A.REQUESTED
    with pytest.raises(PermissionDenied):
        advice_request(body=body, by=member, title="Een vraag")


def test_a_body_that_gives_no_advice_is_not_asked(body, civil_servant):
    body.gives_advice = False
    body.save()
    with pytest.raises(ValidationError) as error:
        advice_request(body=body, by=civil_servant, title="Een vraag")
    assert error.value.code == "no_advice"


def test_own_initiative_by_the_chair_only(body, chair, member, civil_servant):
    advice = advice_create_own_initiative(body=body, by=chair, title="Eenzaamheid")
    assert (advice.state, advice.kind, advice.asked_on) == (
        A.IN_PREPARATION,
        "own_initiative",
        None,
    )
    for user in (member, civil_servant):
        with pytest.raises(PermissionDenied):
            advice_create_own_initiative(body=body, by=user, title="Eenzaamheid")
