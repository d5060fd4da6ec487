"""The town answers each recommendation; leaving (part of) one out takes a reason,
and a refused answer saves nothing. Extensions and status updates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.bodies.models import AdviceEvent, AdviceState, AnswerStatusUpdate
from cms.bodies.services import (
    advice_answer,
    advice_extend,
    advice_report_status,
    advice_transition,
)
from cms.bodies.terms import body_due_date

A = AdviceState


@pytest.mark.parametrize("answer", ["not_taken_over", "partly"])
def test_leaving_out_without_a_reason_is_refused_and_nothing_saved(
    make_advice, civil_servant, answer
):
    advice = make_advice(state=A.SUBMITTED)
    recommendation = advice.recommendations.get()
    events = AdviceEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        advice_answer(
            recommendation=recommendation, by=civil_servant, answer=answer, reason=" "
        )
    assert error.value.message_dict["answer_reason"] == [
        "Motiveer waarom het bestuur deze aanbeveling niet (volledig) overneemt."
    ]
    recommendation.refresh_from_db()
    advice.refresh_from_db()
    assert (recommendation.answer, recommendation.answer_reason) == ("", "")
    assert advice.version == 1
    assert AdviceEvent.objects.count() == events


def test_an_answer_with_reason_is_kept_and_the_advice_can_be_answered(
    make_advice, civil_servant
):
    advice = make_advice(state=A.SUBMITTED, recommendations=2)
    first, second = advice.recommendations.all()
    advice_answer(recommendation=first, by=civil_servant, answer="taken_over")
    advice_answer(
        recommendation=second,
        by=civil_servant,
        answer="not_taken_over",
        reason="Er is geen budget in 2026.",
    )
    second.refresh_from_db()
    assert second.get_answer_display() == "niet overgenomen"
    advice_transition(advice=advice, to=A.ANSWERED, by=civil_servant)
    kinds = list(advice.events.values_list("kind", flat=True))
    assert kinds == ["answer", "answer", "transition"]


def test_only_the_town_answers_and_only_a_submitted_advice(
    make_advice, civil_servant, chair
):
    submitted = make_advice(state=A.SUBMITTED).recommendations.get()
    with pytest.raises(PermissionDenied):
        advice_answer(recommendation=submitted, by=chair, answer="taken_over")
    adopted = make_advice(state=A.ADOPTED).recommendations.get()
    with pytest.raises(PermissionDenied):
        advice_answer(recommendation=adopted, by=civil_servant, answer="taken_over")


def test_an_extension_replaces_the_due_date(make_advice, civil_servant, chair):
    advice = make_advice(state=A.IN_PREPARATION, asked_on=datetime.date(2026, 3, 2))
    with pytest.raises(ValidationError) as error:
        advice_extend(
            advice=advice,
            by=civil_servant,
            until=datetime.date(2026, 3, 20),
            reason="Meer tijd nodig.",
        )
    assert "until" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        advice_extend(
            advice=advice, by=chair, until=datetime.date(2026, 4, 20), reason="Later."
        )
    advice = advice_extend(
        advice=advice,
        by=civil_servant,
        until=datetime.date(2026, 4, 20),
        reason="Het orgaan vergadert pas op 15 april.",
    )
    assert body_due_date(advice) == datetime.date(2026, 4, 20)
    assert advice.events.get().kind == "extension"


def test_a_status_update_informs_and_restarts_nothing(make_advice, civil_servant):
    advice = make_advice(state=A.SUBMITTED)
    advice_report_status(
        advice=advice, by=civil_servant, text="Het college bespreekt het op 5 mei."
    )
    advice.refresh_from_db()
    assert advice.state == A.SUBMITTED
    assert AnswerStatusUpdate.objects.get(advice=advice).author == civil_servant
