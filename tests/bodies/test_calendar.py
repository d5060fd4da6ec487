"""The iCalendar feeds, read back with the `icalendar` library: per body (what
the requester may see) and per person (a signed address, checked against the
seats at every request). A closed meeting reaches no feed of a non-member."""

import datetime

import pytest
import time_machine
from django.core import signing
from icalendar import Calendar

from cms.bodies.calendar import SALT, personal_token
from cms.bodies.models import AgendaItem
from tests.bodies.helpers import (  # noqa: F401 (fixtures)
    ROLES,
    WORKSPACE,
    former_member,
    frozen,
    user_for,
)
from tests.factories import BRUSSELS, BodyFactory, BodyMemberFactory, MeetingFactory
from tests.factories import signed_in_client as client_for

pytestmark = pytest.mark.usefixtures("frozen")
SECRET = "Besloten punt over de wachtlijst"


@pytest.fixture
def open_meeting(body):
    meeting = MeetingFactory(body=body, is_public=True, place="Welzijnshuis")
    AgendaItem.objects.create(meeting=meeting, title="Voorstelling van de cijfers")
    return meeting


@pytest.fixture
def closed_meeting(body):
    meeting = MeetingFactory(
        body=body,
        is_public=False,
        starts_at=datetime.datetime(2026, 4, 2, 14, 0, tzinfo=BRUSSELS),
        ends_at=None,
        place="",
        online_url="https://vergader.demo.lokaal/werkgroep",
    )
    AgendaItem.objects.create(meeting=meeting, title=SECRET)
    return meeting


def events_of(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(meeting) -> str:
    return f"vergadering-{meeting.pk}@testserver"


@pytest.mark.parametrize("role", ROLES)
def test_the_body_feed_holds_what_the_requester_may_see(
    request, role, body, open_meeting, closed_meeting
):
    response = client_for(user_for(request, role)).get(f"/overleg/{body.pk}/agenda.ics")
    events = events_of(response)
    inside = role in WORKSPACE
    assert uid(open_meeting) in events
    assert (uid(closed_meeting) in events) is inside
    assert (SECRET.encode() in response.content) is inside
    event = events[uid(open_meeting)]
    assert event["SUMMARY"] == f"Vergadering van {body.name}"
    assert event["LOCATION"] == "Welzijnshuis"
    assert "Voorstelling van de cijfers" in event["DESCRIPTION"]
    assert str(event["URL"]).endswith(f"/overleg/vergaderingen/{open_meeting.pk}/")
    start = event["DTSTART"].dt
    assert start == datetime.datetime(2026, 3, 12, 19, 30, tzinfo=BRUSSELS)
    assert start.utcoffset() is not None


def test_a_closed_body_has_no_public_feed(db, member):
    closed = BodyFactory(is_public=False)
    MeetingFactory(body=closed)
    assert client_for(None).get(f"/overleg/{closed.pk}/agenda.ics").status_code == 404
    BodyMemberFactory(body=closed, user=member)
    assert client_for(member).get(f"/overleg/{closed.pk}/agenda.ics").status_code == 200


def test_the_personal_feed_holds_the_meetings_of_ones_seats(
    body, member, open_meeting, closed_meeting
):
    elsewhere = MeetingFactory(body=BodyFactory(name="Andere werkgroep"))
    url = f"/overleg/mijn-agenda/{personal_token(member)}.ics"
    response = client_for(None).get(url)  # a calendar app: no session
    events = events_of(response)
    assert set(events) == {uid(open_meeting), uid(closed_meeting)}
    closed = events[uid(closed_meeting)]
    assert "(besloten)" in closed["SUMMARY"]
    assert SECRET in closed["DESCRIPTION"]
    assert closed["LOCATION"] == "https://vergader.demo.lokaal/werkgroep"
    assert uid(elsewhere) not in events
    # The same UID at every request, so calendars update instead of duplicating.
    assert set(events_of(client_for(None).get(url))) == set(events)


def test_the_personal_feed_empties_when_the_seat_ends(
    body, open_meeting, closed_meeting
):
    seat = BodyMemberFactory(body=body, end_date=datetime.date(2026, 3, 31))
    url = f"/overleg/mijn-agenda/{personal_token(seat.user)}.ics"
    assert len(events_of(client_for(None).get(url))) == 2
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=BRUSSELS)):
        response = client_for(None).get(url)
    assert events_of(response) == {}
    assert SECRET.encode() not in response.content


def test_a_non_members_personal_feed_is_empty(other_partner, closed_meeting):
    url = f"/overleg/mijn-agenda/{personal_token(other_partner)}.ics"
    response = client_for(None).get(url)
    assert events_of(response) == {}
    assert SECRET.encode() not in response.content


@pytest.mark.parametrize(
    "token",
    [
        "niet-ondertekend",
        signing.dumps(1, salt="een-ander-doel"),
        "X" + signing.dumps(1, salt=SALT)[1:],
    ],
    # Signed tokens carry a timestamp: fixed ids keep the workers' collections equal.
    ids=["unsigned", "other-salt", "tampered"],
)
def test_a_forged_token_is_a_404(member, closed_meeting, token):
    response = client_for(None).get(f"/overleg/mijn-agenda/{token}.ics")
    assert response.status_code == 404


def test_a_token_for_another_person_cannot_be_made_by_editing_it(member, chair):
    token = personal_token(member)
    _value, signature = token.rsplit(":", 1)
    forged = f"{signing.b64_encode(str(chair.pk).encode()).decode()}:{signature}"
    assert forged != token
    response = client_for(None).get(f"/overleg/mijn-agenda/{forged}.ics")
    assert response.status_code == 404


def test_the_workspace_shows_the_personal_address(body, member):
    html = client_for(member).get("/partners/overleg/").content.decode()
    assert f"/overleg/mijn-agenda/{personal_token(member)}.ics" in html
