"""What each kind of user sees of a body's workspace: a closed meeting, draft
minutes, unpublished advice. Members with a running seat and civil servants see
it all; anonymous visitors, citizens and partners without a seat see only what is
public. The querysets and the permissions objects agree."""

import datetime

import pytest

from cms.bodies.models import Advice, AdviceState, Body, Meeting, MinutesState
from portal.access.bodies import (
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    meeting_permissions,
    meetings_visible_to,
)
from tests.factories import BodyFactory, BodyMemberFactory, MeetingFactory

A = AdviceState
USERS = ["anonymous", "citizen", "member", "other_partner", "civil_servant"]
WORKSPACE = {"member", "civil_servant"}


@pytest.fixture
def closed_meeting(body):
    return MeetingFactory(body=body, is_public=False)


@pytest.fixture
def draft_minutes(body):
    return MeetingFactory(body=body, minutes_state=MinutesState.DRAFT)


@pytest.fixture
def published_minutes(body):
    return MeetingFactory(body=body, minutes_state=MinutesState.PUBLISHED)


def _meetings(user):
    return set(meetings_visible_to(user, Meeting.objects.all()))


def _advice(user):
    return set(advice_visible_to(user, Advice.objects.all()))


@pytest.mark.parametrize("role", USERS)
def test_a_closed_meeting_stays_in_the_workspace(request, role, closed_meeting):
    user = request.getfixturevalue(role)
    sees = role in WORKSPACE
    assert (closed_meeting in _meetings(user)) is sees
    permissions = meeting_permissions(user, closed_meeting)
    assert permissions.can_view is sees
    assert permissions.can_view_minutes is sees
    assert permissions.can_view_attendance is sees


@pytest.mark.parametrize("role", USERS)
def test_draft_minutes_stay_in_the_workspace(
    request, role, draft_minutes, published_minutes
):
    user = request.getfixturevalue(role)
    assert {draft_minutes, published_minutes} <= _meetings(user)
    assert meeting_permissions(user, draft_minutes).can_view_minutes is (
        role in WORKSPACE
    )
    assert meeting_permissions(user, published_minutes).can_view_minutes


@pytest.mark.parametrize("role", USERS)
def test_unpublished_advice_stays_in_the_workspace(request, role, make_advice):
    user = request.getfixturevalue(role)
    unpublished = make_advice(state=A.ADOPTED, published=False)
    published = make_advice(state=A.SUBMITTED, published=True)
    not_yet = make_advice(state=A.IN_PREPARATION, published=True)
    withdrawn = make_advice(state=A.WITHDRAWN, published=True)
    visible = _advice(user)
    if role in WORKSPACE:
        assert visible == {unpublished, published, not_yet, withdrawn}
    else:
        assert visible == {published}
    for advice in (unpublished, published, not_yet, withdrawn):
        permissions = advice_permissions(user, advice)
        assert permissions.can_view is (advice in visible)
        assert permissions.can_view_internal is (role in WORKSPACE)


@pytest.mark.parametrize("role", USERS)
def test_a_closed_body_and_all_of_it_stays_with_its_members(db, request, role):
    closed = BodyFactory(is_public=False)
    BodyMemberFactory(body=closed, user=request.getfixturevalue("member"))
    meeting = MeetingFactory(
        body=closed, is_public=True, minutes_state=MinutesState.PUBLISHED
    )
    user = request.getfixturevalue(role)
    sees = role in WORKSPACE
    assert (closed in set(bodies_visible_to(user, Body.objects.all()))) is sees
    assert (meeting in _meetings(user)) is sees
    assert meeting_permissions(user, meeting).can_view_minutes is sees


def test_an_ended_seat_takes_the_workspace_along(body, make_advice, closed_meeting):
    seat = BodyMemberFactory(body=body, end_date=datetime.date(2025, 12, 31))
    advice = make_advice(state=A.ADOPTED)
    assert closed_meeting not in _meetings(seat.user)
    assert advice not in _advice(seat.user)
    assert not advice_permissions(seat.user, advice).can_view


def test_a_seat_that_has_not_started_gives_nothing_yet(body, closed_meeting):
    seat = BodyMemberFactory(body=body, start_date=datetime.date(2099, 1, 1))
    assert closed_meeting not in _meetings(seat.user)


def test_an_observer_sees_the_workspace_but_moves_nothing(
    observer, make_advice, closed_meeting
):
    advice = make_advice(state=A.REQUESTED)
    permissions = advice_permissions(observer, advice)
    assert permissions.can_view_internal
    assert not permissions.can_transition
    assert closed_meeting in _meetings(observer)


def test_what_each_may_do_with_a_submitted_advice(
    make_advice, chair, member, civil_servant
):
    advice = make_advice(state=A.SUBMITTED)
    town = advice_permissions(civil_servant, advice)
    assert (town.can_answer, town.can_report_status) == (True, True)
    assert town.allowed_transitions == (A.ANSWERED,)
    for user in (chair, member):
        permissions = advice_permissions(user, advice)
        assert not (permissions.can_answer or permissions.can_transition)
