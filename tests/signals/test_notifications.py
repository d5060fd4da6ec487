"""Every transition of the table mails the people concerned, and nobody else: the
author and the organisation's coordinators (never the person who acted); on
submission also the signal coordinators; a merge also the signal merged into; a
signal put in a bundle asks its organisation for consent."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied

from cms.signals.lifecycle import TRANSITIONS
from cms.signals.models import SignalState
from cms.signals.services import signal_consent_give, signal_transition
from portal.access.roles import CIVIL_SERVANTS_GROUP, is_signal_coordinator
from portal.access.signals import Actor
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory

S = SignalState


@pytest.fixture
def civil_servant(db):
    """A civil servant of the group that follows signals up."""
    user = StaffFactory(email="ambtenaar@example.org")
    user.groups.add(Group.objects.get(name=CIVIL_SERVANTS_GROUP))
    return user


@pytest.fixture
def staff_outside_groups(db):
    """Staff in neither the civil servants' nor the signal coordinators' group: they
    may screen signals (`is_signal_coordinator`), so they are told of submissions."""
    return StaffFactory(email="redactie@example.org")


@pytest.fixture
def bystanders(db, other_partner):
    """People who are never concerned: a partner of another organisation."""
    return {other_partner.email}


def actor_for(allowed: frozenset, people: dict):
    for actor, role in (
        (Actor.ORGANISATION, "member"),
        (Actor.SIGNAL_COORDINATOR, "signal_coordinator"),
        (Actor.CIVIL_SERVANT, "civil_servant"),
    ):
        if actor in allowed:
            return people[role]
    raise AssertionError(allowed)


@pytest.mark.parametrize(("state", "to"), list(TRANSITIONS))
def test_every_transition_mails_the_people_concerned(
    make_signal,
    member,
    coordinator,
    signal_coordinator,
    civil_servant,
    staff_outside_groups,
    bystanders,
    django_capture_on_commit_callbacks,
    state,
    to,
):
    people = {
        "member": member,
        "signal_coordinator": signal_coordinator,
        "civil_servant": civil_servant,
    }
    by = actor_for(TRANSITIONS[(state, to)], people)
    signal = make_signal(state=state)
    extras = {"note": "Een toelichting."}
    target = None
    if to == S.ANSWERED:
        extras["answered_on"] = datetime.date(2026, 3, 1)
    if to == S.MERGED:
        target_author = MembershipFactory(
            organisation=OrganisationFactory(name="Buurtwerk", is_partner=True)
        ).user
        target = make_signal(
            state=S.REGISTERED,
            organisation=target_author.memberships.get().organisation,
            author=target_author,
        )
        extras["merged_into"] = target
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(signal=signal, to=to, by=by, **extras)

    expected = {member.email, coordinator.email}
    if to == S.SUBMITTED:
        expected |= {
            signal_coordinator.email,
            civil_servant.email,
            staff_outside_groups.email,
        }
    expected.discard(by.email)
    state_mail, *others = mail.outbox
    assert set(state_mail.to) == expected
    assert signal.reference in state_mail.subject
    assert str(S(to).label) in state_mail.subject
    assert "Een toelichting." in state_mail.body
    assert f"/partners/signalen/{signal.pk}/" in state_mail.body

    if to == S.MERGED:
        (merge_mail,) = others
        # the target's author; the source's people were told already
        assert set(merge_mail.to) == {target.author.email}
        assert target.reference in merge_mail.subject
        assert signal.reference in merge_mail.body
    elif to == S.BUNDLED:
        (consent_mail,) = others
        assert set(consent_mail.to) == {coordinator.email}
        assert "Toestemming gevraagd" in consent_mail.subject
    else:
        assert others == []

    everyone = {address for message in mail.outbox for address in message.to}
    assert not everyone & bystanders
    assert by.email not in everyone


def test_a_signal_bundled_with_consent_asks_for_none(
    make_signal, coordinator, civil_servant, django_capture_on_commit_callbacks
):
    signal = make_signal(state=S.CLOSED)
    signal_consent_give(signal=signal, by=coordinator)
    signal_transition(signal=signal, to=S.REGISTERED, by=civil_servant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(signal=signal, to=S.BUNDLED, by=civil_servant)
    assert [m.subject for m in mail.outbox if "Toestemming" in m.subject] == []


def test_nothing_is_mailed_for_a_refused_transition(
    make_signal, member, django_capture_on_commit_callbacks
):
    signal = make_signal(state=S.SUBMITTED)
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PermissionDenied),
    ):
        signal_transition(signal=signal, to=S.REGISTERED, by=member)
    assert mail.outbox == []


def test_staff_outside_the_coordinators_group_who_screen_get_the_screening_mail(
    make_signal, member, staff_outside_groups, django_capture_on_commit_callbacks
):
    """One definition of signal coordinator: whoever may screen a submitted signal
    is told that one arrived, group or not."""
    signal = make_signal(state=S.DRAFT)
    assert is_signal_coordinator(staff_outside_groups)
    assert not staff_outside_groups.groups.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(signal=signal, to=S.SUBMITTED, by=member)
    (state_mail,) = mail.outbox
    assert staff_outside_groups.email in state_mail.to
    signal.refresh_from_db()
    signal_transition(signal=signal, to=S.REGISTERED, by=staff_outside_groups)
