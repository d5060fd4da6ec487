"""Every (state, transition, role) triple: allowed steps succeed and append to the
timeline; all others fail with a clear message and change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.signals.lifecycle import TRANSITIONS
from cms.signals.models import SignalEvent, SignalState
from cms.signals.services import signal_transition
from portal.access.signals import Actor

ROLES = {
    "member": {Actor.ORGANISATION},
    "signal_coordinator": {Actor.SIGNAL_COORDINATOR},
    "civil_servant": {Actor.SIGNAL_COORDINATOR, Actor.CIVIL_SERVANT},
    "other_partner": set(),
    "citizen": set(),
}
TRIPLES = [
    (state, to, role)
    for state in SignalState.values
    for to in SignalState.values
    for role in ROLES
]


def _extras(to, make_signal):
    extras = {"note": "Een toelichting."}
    if to == SignalState.ANSWERED:
        extras["answered_on"] = datetime.date(2026, 3, 1)
    if to == SignalState.MERGED:
        extras["merged_into"] = make_signal(state=SignalState.REGISTERED)
    return extras


@pytest.mark.parametrize(("state", "to", "role"), TRIPLES)
def test_transition_table(request, make_signal, state, to, role):
    user = request.getfixturevalue(role)
    signal = make_signal(state=state)
    allowed = bool(TRANSITIONS.get((state, to), set()) & ROLES[role])
    extras = _extras(to, make_signal)
    before = SignalEvent.objects.filter(signal=signal).count()
    if allowed:
        signal_transition(signal=signal, to=to, by=user, **extras)
        signal.refresh_from_db()
        assert signal.state == to
        assert signal.version == 2
        event = signal.events.last()
        assert (event.from_state, event.to_state, event.actor) == (state, to, user)
        assert event.note == "Een toelichting."
    else:
        with pytest.raises((PermissionDenied, ValidationError)) as error:
            signal_transition(signal=signal, to=to, by=user, **extras)
        message = " ".join(getattr(error.value, "messages", [str(error.value)]))
        assert "kan niet naar" in message or message.startswith("Alleen ")
        signal.refresh_from_db()
        assert signal.state == state
        assert signal.version == 1
        assert SignalEvent.objects.filter(signal=signal).count() == before


@pytest.mark.parametrize("to", [SignalState.REJECTED, SignalState.RETURNED])
def test_a_reason_or_question_is_required(make_signal, civil_servant, to):
    signal = make_signal(state=SignalState.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        signal_transition(signal=signal, to=to, by=civil_servant)
    assert "note" in error.value.message_dict
    signal.refresh_from_db()
    assert signal.state == SignalState.SUBMITTED


def test_answer_needs_a_date(make_signal, civil_servant):
    signal = make_signal(state=SignalState.COMMUNICATED)
    with pytest.raises(ValidationError) as error:
        signal_transition(
            signal=signal, to=SignalState.ANSWERED, by=civil_servant, note="Antwoord"
        )
    assert "answered_on" in error.value.message_dict


def test_merge_needs_a_target_and_carries_both_organisations(
    make_signal, civil_servant, other_partner
):
    signal = make_signal(state=SignalState.SUBMITTED)
    with pytest.raises(ValidationError):
        signal_transition(signal=signal, to=SignalState.MERGED, by=civil_servant)
    target = make_signal(
        state=SignalState.REGISTERED,
        organisation=other_partner.memberships.get().organisation,
        author=other_partner,
    )
    signal_transition(
        signal=signal, to=SignalState.MERGED, by=civil_servant, merged_into=target
    )
    assert target.organisation_ids == {signal.organisation_id, target.organisation_id}
    signal.refresh_from_db()
    assert signal.merged_into == target


def test_a_stale_edit_is_refused(make_signal, member):
    signal = make_signal(state=SignalState.DRAFT)
    with pytest.raises(ValidationError) as error:
        signal_transition(signal=signal, to=SignalState.SUBMITTED, by=member, version=7)
    assert error.value.code == "stale"
    signal_transition(signal=signal, to=SignalState.SUBMITTED, by=member, version=1)


def test_personal_data_blocks_registration(make_signal, civil_servant):
    signal = make_signal(
        state=SignalState.SUBMITTED,
        example="Mevrouw met rijksregisternummer 85.07.30-033.28 vond geen woning.",
    )
    with pytest.raises(ValidationError) as error:
        signal_transition(signal=signal, to=SignalState.REGISTERED, by=civil_servant)
    assert error.value.code == "personal_data"
    assert "rijksregisternummer" in error.value.messages[0]
    signal.refresh_from_db()
    assert signal.state == SignalState.SUBMITTED


def test_each_state_change_mails_the_people_concerned(
    make_signal, member, coordinator, civil_servant, django_capture_on_commit_callbacks
):
    from django.core import mail

    signal = make_signal(state=SignalState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(
            signal=signal,
            to=SignalState.RETURNED,
            by=civil_servant,
            note="Hoeveel gezinnen?",
        )
    (message,) = mail.outbox
    assert set(message.to) == {member.email, coordinator.email}
    assert signal.reference in message.subject
    assert "Hoeveel gezinnen?" in message.body
