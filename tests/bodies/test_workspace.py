"""The members' workspace (/partners/overleg/) and the intranet's advice pages:
who gets in, which forms each person is offered, Dutch messages beside the
fields, nothing half-saved, the version against lost updates, and the whole
cycle from request to answer through the forms."""

import datetime

import pytest

from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceState,
    AnswerStatusUpdate,
    Meeting,
    MinutesState,
)
from cms.bodies.selectors import overdue_advice
from tests.bodies.helpers import (  # noqa: F401 (fixtures)
    NOW,
    ROLES,
    WORKSPACE,
    former_member,
    frozen,
    user_for,
)
from tests.factories import BodyFactory, BodyMemberFactory, MeetingFactory
from tests.factories import signed_in_client as client_for

A = AdviceState
pytestmark = pytest.mark.usefixtures("frozen")


def advice_url(advice, action=""):
    return f"/partners/overleg/adviezen/{advice.pk}/{action}"


# Who gets in ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_workspace_opens_to_seats_and_civil_servants_only(
    request, role, body, make_advice
):
    advice = make_advice(state=A.IN_PREPARATION)
    meeting = MeetingFactory(body=body, is_public=False)
    client = client_for(user_for(request, role))
    pages = [
        f"/partners/overleg/{body.pk}/",
        advice_url(advice),
        f"/partners/overleg/vergaderingen/{meeting.pk}/",
    ]
    for url in pages:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == (200 if role in WORKSPACE else 404), url


@pytest.mark.parametrize("role", ["member", "observer"])
def test_plain_members_and_observers_read_but_are_offered_no_action(
    request, role, make_advice
):
    advice = make_advice(state=A.IN_PREPARATION)
    client = client_for(request.getfixturevalue(role))
    html = client.get(advice_url(advice)).content.decode()
    assert "niet openbaar" in html  # the dossier, internal parts included
    assert 'action="/partners/overleg/adviezen/' not in html
    response = client.post(
        advice_url(advice, "status/"),
        {"to": A.ADOPTED, f"naar-{A.ADOPTED}-to": A.ADOPTED},
    )
    assert response.status_code == 403
    advice.refresh_from_db()
    assert advice.state == A.IN_PREPARATION


def test_the_chair_is_offered_the_steps_of_the_table(chair, make_advice):
    advice = make_advice(state=A.IN_PREPARATION)
    html = client_for(chair).get(advice_url(advice)).content.decode()
    assert "Goedkeuring door het orgaan registreren" in html
    assert "Intrekken" in html
    assert "Tekst en aanbevelingen schrijven" in html
    assert "Antwoord bewaren" not in html  # the town answers


# Forms: refusals and lost updates ---------------------------------------------------


def test_a_withdrawal_without_a_reason_is_refused_beside_the_field(chair, make_advice):
    advice = make_advice(state=A.IN_PREPARATION)
    response = client_for(chair).post(
        advice_url(advice, "status/"),
        {
            "to": A.WITHDRAWN,
            "naar-withdrawn-to": A.WITHDRAWN,
            "naar-withdrawn-note": "  ",
            "naar-withdrawn-version": advice.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_naar-withdrawn-note_error"' in html
    assert "Dit is een verplicht veld." in html
    assert 'class="form-error-summary"' in html
    advice.refresh_from_db()
    assert advice.state == A.IN_PREPARATION


def test_the_chair_writes_three_recommendations(chair, make_advice):
    advice = make_advice(state=A.IN_PREPARATION, recommendations=0)
    client = client_for(chair)
    response = client.post(
        advice_url(advice, "tekst/"),
        {
            "advies-text": "De werkgroep adviseert de openingsuren te verruimen.",
            "advies-recommendation_1": "Open ook op zaterdag.",
            "advies-recommendation_2": "Werk met vrijwilligers.",
            "advies-recommendation_3": "Maak de prijzen bekend.",
            "advies-version": advice.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == advice_url(advice)
    advice.refresh_from_db()
    assert advice.text.startswith("De werkgroep adviseert")
    assert [(r.number, r.text) for r in advice.recommendations.all()] == [
        (1, "Open ook op zaterdag."),
        (2, "Werk met vrijwilligers."),
        (3, "Maak de prijzen bekend."),
    ]
    assert advice.version == 2
    assert advice.events.filter(kind=AdviceEvent.Kind.EDITED).exists()
    form = client.get(advice_url(advice)).context["forms"]["edit"]
    assert len(form.recommendation_fields()) == 5  # two more to add


def test_emptied_recommendations_fall_away_and_the_rest_is_renumbered(
    chair, make_advice
):
    advice = make_advice(state=A.IN_PREPARATION, recommendations=3)
    response = client_for(chair).post(
        advice_url(advice, "tekst/"),
        {
            "advies-text": "Tekst",
            "advies-recommendation_1": "",
            "advies-recommendation_2": "Tweede wordt eerste.",
            "advies-recommendation_3": "Derde wordt tweede.",
            "advies-version": advice.version,
        },
    )
    assert response.status_code == 302
    assert [(r.number, r.text) for r in advice.recommendations.all()] == [
        (1, "Tweede wordt eerste."),
        (2, "Derde wordt tweede."),
    ]


def test_a_stale_version_is_refused_with_a_clear_message(chair, make_advice):
    advice = make_advice(state=A.IN_PREPARATION)
    response = client_for(chair).post(
        advice_url(advice, "tekst/"),
        {
            "advies-text": "Een oudere versie van de tekst.",
            "advies-recommendation_1": "Iets anders.",
            "advies-version": advice.version - 1 if advice.version > 1 else 99,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit advies intussen gewijzigd" in html
    advice.refresh_from_db()
    assert advice.text == ""
    assert advice.recommendations.get().text.startswith("Aanbeveling 1")


def test_a_member_cannot_write_the_advice(member, make_advice):
    advice = make_advice(state=A.IN_PREPARATION)
    response = client_for(member).post(
        advice_url(advice, "tekst/"), {"advies-text": "x", "advies-version": 1}
    )
    assert response.status_code == 403
    advice.refresh_from_db()
    assert advice.text == ""


@pytest.mark.parametrize("answer", ["not_taken_over", "partly"])
def test_leaving_a_recommendation_out_needs_a_reason(
    civil_servant, make_advice, answer
):
    advice = make_advice(state=A.SUBMITTED)
    recommendation = advice.recommendations.get()
    prefix = f"aanbeveling-{recommendation.pk}"
    response = client_for(civil_servant).post(
        advice_url(advice, f"antwoord/{recommendation.pk}/"),
        {
            f"{prefix}-answer": answer,
            f"{prefix}-reason": "",
            f"{prefix}-version": advice.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Motiveer waarom het bestuur deze aanbeveling niet (volledig) overneemt."
        in html
    )
    assert f'id="id_{prefix}-reason_error"' in html
    recommendation.refresh_from_db()
    advice.refresh_from_db()
    assert (recommendation.answer, advice.version) == ("", 1)


def test_the_town_answers_then_records_its_answer(civil_servant, make_advice):
    advice = make_advice(state=A.SUBMITTED, recommendations=2)
    client = client_for(civil_servant)
    first, second = advice.recommendations.all()
    assert (
        "Antwoord van het bestuur registreren"
        not in client.get(advice_url(advice)).content.decode()
    )
    for recommendation, answer, reason in (
        (first, "taken_over", ""),
        (second, "not_taken_over", "Daar is geen budget voor."),
    ):
        advice.refresh_from_db()
        prefix = f"aanbeveling-{recommendation.pk}"
        response = client.post(
            advice_url(advice, f"antwoord/{recommendation.pk}/"),
            {
                f"{prefix}-answer": answer,
                f"{prefix}-reason": reason,
                f"{prefix}-version": advice.version,
            },
        )
        assert response.status_code == 302
    html = client.get(advice_url(advice)).content.decode()
    assert "Antwoord van het bestuur registreren" in html
    advice.refresh_from_db()
    response = client.post(
        advice_url(advice, "status/"),
        {
            "to": A.ANSWERED,
            "naar-answered-to": A.ANSWERED,
            "naar-answered-version": advice.version,
        },
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.state == A.ANSWERED


def test_the_town_extends_the_term_with_a_reason(civil_servant, make_advice):
    advice = make_advice(state=A.IN_PREPARATION)
    client = client_for(civil_servant)
    refused = client.post(
        advice_url(advice, "verlenging/"),
        {
            "verlenging-until": "2026-03-10",
            "verlenging-reason": "Meer tijd nodig.",
            "verlenging-version": advice.version,
        },
    )
    assert "Een verlenging valt na de huidige termijn." in refused.content.decode()
    advice.refresh_from_db()
    assert advice.extended_until is None
    response = client.post(
        advice_url(advice, "verlenging/"),
        {
            "verlenging-until": "2026-04-30",
            "verlenging-reason": "De werkgroep wacht op cijfers.",
            "verlenging-version": advice.version,
        },
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.extended_until == datetime.date(2026, 4, 30)
    html = client.get(advice_url(advice)).content.decode()
    assert "De werkgroep wacht op cijfers." in html


def test_the_town_reports_how_its_answer_comes_along(civil_servant, make_advice):
    advice = make_advice(state=A.SUBMITTED)
    client = client_for(civil_servant)
    empty = client.post(advice_url(advice, "stand-van-zaken/"), {"stand-date": ""})
    assert 'id="id_stand-text_error"' in empty.content.decode()
    assert not AnswerStatusUpdate.objects.exists()
    response = client.post(
        advice_url(advice, "stand-van-zaken/"),
        {"stand-date": "2026-03-01", "stand-text": "Het college beslist op 9 maart."},
    )
    assert response.status_code == 302
    assert AnswerStatusUpdate.objects.get(advice=advice).text.startswith("Het college")


# Starting advice ---------------------------------------------------------------------


def test_the_chair_starts_advice_on_own_initiative(body, chair, member):
    url = f"/partners/overleg/{body.pk}/eigen-advies/"
    assert client_for(member).get(url).status_code == 403
    client = client_for(chair)
    empty = client.post(url, {"title": ""})
    assert 'id="id_title_error"' in empty.content.decode()
    assert not Advice.objects.exists()
    response = client.post(url, {"title": "Toegankelijke loketten", "question": ""})
    advice = Advice.objects.get()
    assert response["Location"] == advice_url(advice)
    assert (advice.kind, advice.state) == ("own_initiative", A.IN_PREPARATION)


def test_a_civil_servant_requests_urgent_advice(body, civil_servant, member):
    url = "/intranet/advies/vragen/"
    assert client_for(member).get(url).status_code == 403
    client = client_for(civil_servant)
    refused = client.post(url, {"body": body.pk, "title": "", "question": ""})
    html = refused.content.decode()
    assert 'id="id_title_error"' in html
    assert "Dit is een verplicht veld." in html
    assert not Advice.objects.exists()
    response = client.post(
        url,
        {
            "body": body.pk,
            "title": "Betaalbare kinderopvang",
            "question": "Hoe verlagen we de drempel?",
            "asked_on": "2026-03-01",
            "urgent": "on",
        },
    )
    advice = Advice.objects.get()
    assert response["Location"] == advice_url(advice)
    assert advice.urgent and advice.state == A.REQUESTED
    html = client.get(advice_url(advice)).content.decode()
    assert "zondag 15 maart 2026" in html  # 14 days, and it is a Sunday
    assert "valt op een zondag" in html


def test_a_body_that_gives_no_advice_cannot_be_asked(civil_servant):
    forum = BodyFactory(gives_advice=False, name="Forum")
    response = client_for(civil_servant).post(
        "/intranet/advies/vragen/",
        {"body": forum.pk, "title": "x", "question": "y", "asked_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert 'id="id_body_error"' in response.content.decode()
    assert not Advice.objects.exists()


# Minutes ------------------------------------------------------------------------------


@pytest.fixture
def past_meeting(body):
    return MeetingFactory(
        body=body,
        starts_at=datetime.datetime(2026, 2, 12, 19, 30, tzinfo=NOW.tzinfo),
        ends_at=None,
        minutes="",
        minutes_state=MinutesState.DRAFT,
    )


def minutes_url(meeting, action=""):
    return f"/partners/overleg/vergaderingen/{meeting.pk}/{action}"


def test_the_secretary_drafts_approves_and_publishes_the_minutes(
    secretary, past_meeting
):
    client = client_for(secretary)
    page = client.get(minutes_url(past_meeting)).content.decode()
    assert "Verslag schrijven" in page
    version = (
        client.get(minutes_url(past_meeting))
        .context["forms"]["minutes"]["version"]
        .value()
    )
    response = client.post(
        minutes_url(past_meeting, "verslag/"),
        {
            "verslag-minutes": "De werkgroep bespreekt de wachtlijsten.",
            "verslag-version": version,
        },
    )
    assert response.status_code == 302
    for state in (MinutesState.APPROVED, MinutesState.PUBLISHED):
        step = client.get(minutes_url(past_meeting)).context["forms"]["step"]
        response = client.post(
            minutes_url(past_meeting, "verslag/status/"),
            {"verslagstap-to": state, "verslagstap-version": step["version"].value()},
        )
        assert response.status_code == 302
        past_meeting.refresh_from_db()
        assert past_meeting.minutes_state == state
    public = client_for(None).get(f"/overleg/vergaderingen/{past_meeting.pk}/")
    assert "De werkgroep bespreekt de wachtlijsten." in public.content.decode()


def test_stale_minutes_are_refused(secretary, past_meeting):
    client = client_for(secretary)
    response = client.post(
        minutes_url(past_meeting, "verslag/"),
        {"verslag-minutes": "Mijn versie", "verslag-version": "verouderd"},
    )
    assert "Iemand anders heeft dit verslag intussen gewijzigd" in (
        response.content.decode()
    )
    past_meeting.refresh_from_db()
    assert past_meeting.minutes == ""


def test_empty_minutes_are_not_approved(secretary, past_meeting):
    client = client_for(secretary)
    step = client.get(minutes_url(past_meeting)).context["forms"]["step"]
    response = client.post(
        minutes_url(past_meeting, "verslag/status/"),
        {"verslagstap-to": "approved", "verslagstap-version": step["version"].value()},
    )
    assert "Schrijf eerst het verslag." in response.content.decode()
    past_meeting.refresh_from_db()
    assert past_meeting.minutes_state == MinutesState.DRAFT


@pytest.mark.parametrize("role", ["member", "observer"])
def test_plain_members_do_not_keep_the_minutes(request, role, past_meeting):
    client = client_for(request.getfixturevalue(role))
    assert (
        "Verslag schrijven"
        not in client.get(minutes_url(past_meeting)).content.decode()
    )
    response = client.post(
        minutes_url(past_meeting, "verslag/"), {"verslag-minutes": "Van mij"}
    )
    assert response.status_code == 403
    assert Meeting.objects.get(pk=past_meeting.pk).minutes == ""


# Lists and dashboards -----------------------------------------------------------------


def test_the_workspace_lists_what_waits(body, chair, make_advice, past_meeting):
    late = make_advice(state=A.REQUESTED, asked_on=datetime.date(2026, 1, 5))
    running = make_advice(state=A.IN_PREPARATION, title="Lopend advies")
    html = client_for(chair).get(f"/partners/overleg/{body.pk}/").content.decode()
    assert "Over tijd" in html
    assert late.title in html and running.title in html
    assert "te laat" in html
    assert "wachten op goedkeuring" in html or "Verslagen die op goedkeuring" in html
    assert f"/partners/overleg/vergaderingen/{past_meeting.pk}/#verslag" in html
    dashboard = client_for(chair).get("/partners/").content.decode()
    assert "Mijn overlegorganen" in dashboard
    assert "1 advies over tijd" in dashboard


def test_the_workspace_links_the_yearly_report(body, chair, other_partner):
    BodyMemberFactory(body=body, role="member", start_date=datetime.date(2025, 3, 1))
    html = client_for(chair).get(f"/partners/overleg/{body.pk}/").content.decode()
    url = f"/partners/overleg/{body.pk}/jaarverslag/{NOW.year}/"
    assert url in html
    assert f"/partners/overleg/{body.pk}/jaarverslag/{NOW.year - 1}/" in html
    pdf = client_for(chair).get(url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert client_for(other_partner).get(url).status_code == 404


def test_the_intranet_lists_exactly_the_overdue_advice(civil_servant, make_advice):
    late_request = make_advice(state=A.REQUESTED, asked_on=datetime.date(2026, 1, 5))
    late_urgent = make_advice(
        state=A.IN_PREPARATION, urgent=True, asked_on=datetime.date(2026, 2, 10)
    )
    in_time = make_advice(state=A.REQUESTED, asked_on=datetime.date(2026, 2, 20))
    make_advice(state=A.CLOSED, asked_on=datetime.date(2025, 1, 5))
    response = client_for(civil_servant).get("/intranet/advies/")
    listed = list(response.context["overdue"])
    assert listed == list(overdue_advice(NOW.date()).order_by("asked_on", "pk"))
    assert set(listed) == {late_request, late_urgent}
    assert in_time not in listed


def test_the_intranet_flags_advising_bodies_without_advice_this_year(
    civil_servant, body, make_advice
):
    silent = BodyFactory(name="Adviesraad Senioren")
    BodyFactory(name="Forum Welzijn", gives_advice=False)
    submitted = make_advice(state=A.SUBMITTED)
    AdviceEvent.objects.create(
        advice=submitted, from_state=A.ADOPTED, to_state=A.SUBMITTED
    )
    client = client_for(civil_servant)
    for url in ("/intranet/advies/", "/intranet/"):
        html = client.get(url).content.decode()
        assert "Adviesorganen zonder advies in 2026" in html
        assert "Adviesraad Senioren" in html
        assert "Forum Welzijn" not in html
    assert set(client.get("/intranet/advies/").context["without_advice"]) == {silent}


# The whole cycle through the forms --------------------------------------------------


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return response


def _step(client, advice, to, note=""):
    advice.refresh_from_db()
    _post(
        client,
        advice_url(advice, "status/"),
        {
            "to": to,
            f"naar-{to}-to": to,
            f"naar-{to}-note": note,
            f"naar-{to}-version": advice.version,
        },
    )


def test_from_urgent_request_to_public_answer(body, chair, civil_servant):
    town, officer = client_for(civil_servant), client_for(chair)
    _post(
        town,
        "/intranet/advies/vragen/",
        {
            "body": body.pk,
            "title": "Bereikbaarheid van de sociale kruidenier",
            "question": "Hoe bereiken we meer gezinnen?",
            "asked_on": "2026-03-01",
            "urgent": "on",
        },
    )
    advice = Advice.objects.get()
    _step(officer, advice, A.IN_PREPARATION)
    advice.refresh_from_db()
    _post(
        officer,
        advice_url(advice, "tekst/"),
        {
            "advies-text": "De werkgroep adviseert drie stappen.",
            "advies-recommendation_1": "Open ook op zaterdag.",
            "advies-recommendation_2": "Werk met vrijwilligers.",
            "advies-recommendation_3": "Maak de prijzen bekend.",
            "advies-version": advice.version,
        },
    )
    _step(officer, advice, A.ADOPTED, "Goedgekeurd op de vergadering.")
    advice.refresh_from_db()
    assert client_for(None).get(f"/overleg/adviezen/{advice.pk}/").status_code == 404
    _post(
        officer,
        advice_url(advice, "publicatie/"),
        {"publicatie-published": "1", "publicatie-version": advice.version},
    )
    _step(officer, advice, A.SUBMITTED)
    answers = ["taken_over", "partly", "not_taken_over"]
    for recommendation, answer in zip(
        advice.recommendations.all(), answers, strict=True
    ):
        advice.refresh_from_db()
        prefix = f"aanbeveling-{recommendation.pk}"
        _post(
            town,
            advice_url(advice, f"antwoord/{recommendation.pk}/"),
            {
                f"{prefix}-answer": answer,
                f"{prefix}-reason": "" if answer == "taken_over" else "Geen budget.",
                f"{prefix}-version": advice.version,
            },
        )
    _step(town, advice, A.ANSWERED)
    public = client_for(None)
    assert (
        "Bereikbaarheid van de sociale kruidenier"
        in public.get(f"/overleg/{body.pk}/").content.decode()
    )
    html = public.get(f"/overleg/adviezen/{advice.pk}/").content.decode()
    assert "Werk met vrijwilligers." in html
    assert "gedeeltelijk overgenomen" in html and "niet overgenomen" in html
    assert "Beantwoord door het bestuur op" in html
    assert "Tijdlijn" not in html


def test_only_officers_publish(member, civil_servant, make_advice):
    advice = make_advice(state=A.ADOPTED)
    for user in (member, civil_servant):
        response = client_for(user).post(
            advice_url(advice, "publicatie/"),
            {"publicatie-published": "1", "publicatie-version": advice.version},
        )
        assert response.status_code == 403
    advice.refresh_from_db()
    assert not advice.published
