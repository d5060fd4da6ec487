"""The public pages of the bodies (/overleg/) per kind of user: what each sees,
what answers 404, and that nothing of a closed meeting or an unpublished advice
reaches the HTML of someone outside the workspace."""

import datetime

import pytest
from django.utils.html import escape

from cms.bodies.models import AdviceEvent, AdviceState, AgendaItem, MinutesState
from cms.bodies.selectors import overdue_advice
from portal.access import Audience
from tests.bodies.helpers import (  # noqa: F401 (fixtures)
    NOW,
    ROLES,
    WORKSPACE,
    former_member,
    frozen,
    user_for,
)
from tests.factories import (
    BRUSSELS,
    BodyFactory,
    BodyMemberFactory,
    ContentPageFactory,
    MeetingFactory,
    OrganisationFactory,
)
from tests.factories import signed_in_client as client_for

A = AdviceState
pytestmark = pytest.mark.usefixtures("frozen")
SECRET = "Vertrouwelijk dossier Zonnewijk"


@pytest.fixture
def closed_meeting(body):
    meeting = MeetingFactory(
        body=body, is_public=False, place="Zaal achter slot", minutes=SECRET
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title=SECRET)
    return meeting


@pytest.fixture
def open_meeting(body):
    meeting = MeetingFactory(
        body=body,
        is_public=True,
        starts_at=datetime.datetime(2026, 3, 20, 19, 30, tzinfo=BRUSSELS),
        minutes_state=MinutesState.DRAFT,
        minutes="Ontwerpverslag dat nog niemand mag lezen",
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="Welkom en inleiding")
    return meeting


@pytest.fixture
def unpublished(make_advice):
    return make_advice(state=A.ADOPTED, published=False, title=f"Advies {SECRET}")


@pytest.fixture
def published(make_advice):
    return make_advice(state=A.SUBMITTED, published=True, title="Advies over wonen")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_own_share_of_a_body(
    request, role, body, closed_meeting, open_meeting, unpublished, published
):
    client = client_for(user_for(request, role))
    inside = role in WORKSPACE

    page = client.get(f"/overleg/{body.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(body.name) in html
    assert published.title in html
    assert (SECRET in html) is inside
    assert (f"/overleg/vergaderingen/{closed_meeting.pk}/" in html) is inside

    expected = 200 if inside else 404
    assert client.get(f"/overleg/vergaderingen/{closed_meeting.pk}/").status_code == (
        expected
    )
    assert client.get(f"/overleg/adviezen/{unpublished.pk}/").status_code == expected
    assert client.get(f"/overleg/adviezen/{published.pk}/").status_code == 200

    meeting = client.get(f"/overleg/vergaderingen/{open_meeting.pk}/").content.decode()
    assert "Welkom en inleiding" in meeting
    assert ("Ontwerpverslag" in meeting) is inside  # draft minutes
    assert ("Aanwezigheden" in meeting) is inside

    listing = client.get("/overleg/").content.decode()
    assert SECRET not in listing  # the list shows open meetings only


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_body_is_a_404_outside_its_workspace(request, role, body):
    closed = BodyFactory(is_public=False, name="Besloten stuurgroep")
    for seat_role in ("member", "observer", "chair", "secretary"):
        if role == seat_role:
            BodyMemberFactory(body=closed, user=request.getfixturevalue(role))
    client = client_for(user_for(request, role))
    response = client.get(f"/overleg/{closed.pk}/")
    assert response.status_code == (200 if role in WORKSPACE else 404)
    assert ("Besloten stuurgroep" in client.get("/overleg/").content.decode()) is (
        role in WORKSPACE
    )


def test_the_public_reads_organisations_and_roles_members_read_names(body, member):
    organisation = OrganisationFactory(name="De Brugwachter vzw")
    chair = BodyMemberFactory(body=body, role="chair", organisation=organisation).user
    chair.first_name, chair.last_name = "Ilse", "Voorzitter"
    chair.save()
    public = client_for(None).get(f"/overleg/{body.pk}/").content.decode()
    assert "De Brugwachter vzw" in public
    assert "voorzitter of trekker" in public
    assert "Ilse Voorzitter" not in public
    inside = client_for(member).get(f"/overleg/{body.pk}/").content.decode()
    assert "Ilse Voorzitter" in inside


def test_agenda_links_only_what_the_viewer_may_follow(
    body, member, open_meeting, unpublished, published, home
):
    staff_page = ContentPageFactory(
        title="Interne nota wachtlijsten", audience=Audience.STAFF
    )
    for order, (title, extra) in enumerate(
        [
            ("Punt over het gepubliceerde advies", {"advice": published}),
            ("Punt over het ontwerpadvies", {"advice": unpublished}),
            ("Punt over de interne nota", {"page": staff_page}),
        ],
        start=2,
    ):
        AgendaItem.objects.create(
            meeting=open_meeting, order=order, title=title, **extra
        )
    url = f"/overleg/vergaderingen/{open_meeting.pk}/"
    public = client_for(None).get(url).content.decode()
    assert f'href="/overleg/adviezen/{published.pk}/"' in public
    assert f"/overleg/adviezen/{unpublished.pk}/" not in public
    assert "Punt over het ontwerpadvies" in public  # the title, without a link
    assert staff_page.url not in public
    assert "Punt over de interne nota" in public
    inside = client_for(member).get(url).content.decode()
    assert f'href="/overleg/adviezen/{unpublished.pk}/"' in inside
    assert staff_page.url not in inside  # a seat opens the body, not staff pages


def test_meeting_times_are_shown_in_brussels(open_meeting):
    html = client_for(None).get(f"/overleg/vergaderingen/{open_meeting.pk}/")
    assert "20 maart 2026, 19:30" in html.content.decode()


def test_the_advice_page_shows_terms_weekends_and_lateness(make_advice):
    # Asked on 2 February 2026 (urgent): due 16 February, a Monday, long past.
    late = make_advice(
        state=A.ADOPTED,
        published=True,
        urgent=True,
        asked_on=datetime.date(2026, 2, 2),
    )
    assert late in overdue_advice(NOW.date())
    html = client_for(None).get(f"/overleg/adviezen/{late.pk}/").content.decode()
    assert "maandag 16 februari 2026" in html
    assert "14 kalenderdagen na de vraag" in html
    assert "te laat" in html
    # Asked on 14 February: due 16 March is a Monday; 30 days from 13 Feb is
    # Sunday 15 March, which stays as computed and is flagged.
    sunday = make_advice(
        state=A.ADOPTED, published=True, asked_on=datetime.date(2026, 2, 13)
    )
    html = client_for(None).get(f"/overleg/adviezen/{sunday.pk}/").content.decode()
    assert "zondag 15 maart 2026" in html
    assert "valt op een zondag; de termijn verschuift niet" in html
    assert "te laat" not in html


def test_an_extension_shows_its_new_date_and_to_the_dossier_its_reason(
    make_advice, member
):
    """The new date is a term, shown to all who see the advice; why it was
    agreed is the dossier's, as in the API."""
    advice = make_advice(
        state=A.ADOPTED,
        published=True,
        extended_until=datetime.date(2026, 4, 30),
        extension_reason="De werkgroep wacht op cijfers van het OCMW.",
    )
    url = f"/overleg/adviezen/{advice.pk}/"
    html = client_for(None).get(url).content.decode()
    assert "donderdag 30 april 2026" in html
    assert "verlengd in onderling akkoord" in html
    assert "De werkgroep wacht op cijfers van het OCMW." not in html
    html = client_for(member).get(url).content.decode()
    assert "donderdag 30 april 2026" in html
    assert "De werkgroep wacht op cijfers van het OCMW." in html


def test_answers_are_public_once_the_town_answered(make_advice, member):
    advice = make_advice(state=A.SUBMITTED, published=True)
    recommendation = advice.recommendations.get()
    recommendation.answer = "not_taken_over"
    recommendation.answer_reason = "Er is geen budget voor extra uren."
    recommendation.save()
    url = f"/overleg/adviezen/{advice.pk}/"
    assert "geen budget" not in client_for(None).get(url).content.decode()
    assert "geen budget" in client_for(member).get(url).content.decode()
    advice.state = A.ANSWERED
    advice.save()
    AdviceEvent.objects.create(
        advice=advice, from_state=A.SUBMITTED, to_state=A.ANSWERED
    )
    html = client_for(None).get(url).content.decode()
    assert "niet overgenomen" in html
    assert "Er is geen budget voor extra uren." in html
    assert "Tijdlijn" not in html  # the timeline stays internal
    assert "Beantwoord door het bestuur op" in html


def test_open_meetings_appear_as_events_on_the_home_page(
    home, open_meeting, closed_meeting
):
    html = client_for(None).get("/").content.decode()
    assert "Agenda: open vergaderingen" in html
    assert f"/overleg/vergaderingen/{open_meeting.pk}/" in html
    assert f"/overleg/vergaderingen/{closed_meeting.pk}/" not in html
    assert SECRET not in html
