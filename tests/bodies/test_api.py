"""/api/v1/bodies/, /api/v1/meetings/ and /api/v1/advice/: what each kind of user
sees, who may ask, start, move, write and answer advice, refusals in the one error
format with the services' Dutch messages, and the list filters."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from cms.bodies.lifecycle import TRANSITIONS
from cms.bodies.models import (
    AdviceEvent,
    AdviceState,
    AgendaItem,
    Attendance,
    MinutesState,
    Recommendation,
)
from portal.access.bodies import BodyActor
from tests.api.conftest import assert_error
from tests.factories import (
    AdviceFactory,
    BodyFactory,
    BodyMemberFactory,
    MeetingFactory,
    OrganisationFactory,
)

A = AdviceState
ROLES = [
    "anonymous",
    "citizen",
    "other_partner",
    "former_member",
    "member",
    "observer",
    "chair",
    "secretary",
    "civil_servant",
]
WORKSPACE = {"member", "observer", "chair", "secretary", "civil_servant"}
OUTSIDERS = [role for role in ROLES if role not in WORKSPACE]
OFFICERS = {"chair", "secretary"}
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def former_member(body):
    """A partner whose seat ended: nothing internal any more."""
    return BodyMemberFactory(
        body=body,
        role="member",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    ).user


@pytest.fixture
def everyone(request):
    """Every role's user, created before the test's objects (all seats exist)."""
    return {role: request.getfixturevalue(role) for role in ROLES}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


def get(user, url, params=None):
    return client_for(user).get(url, params or {})


def post(user, url, data):
    return client_for(user).post(url, data, format="json")


def patch(user, url, data):
    return client_for(user).patch(url, data, format="json")


def ok(response, code: int = 200) -> dict | list:
    assert response.status_code == code, response.content
    return response.json()


def ids(response) -> set[int]:
    return {item["id"] for item in ok(response)["results"]}


def advice_url(advice, tail: str = "") -> str:
    return f"/api/v1/advice/{advice.pk}/{tail}"


# Bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_body_is_seen_by_its_workspace_only(everyone, role, body):
    body.is_public = False
    body.save()
    public = BodyFactory(name="Forum Wilgendonk")
    user = everyone[role]
    visible = ids(get(user, "/api/v1/bodies/"))
    if role in WORKSPACE:
        assert visible == {body.pk, public.pk}
        assert ok(get(user, f"/api/v1/bodies/{body.pk}/"))["in_workspace"] is True
    else:
        assert visible == {public.pk}
        assert_error(get(user, f"/api/v1/bodies/{body.pk}/"), 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_names_of_members_only_in_the_workspace(everyone, role, body, chair):
    chair.first_name, chair.last_name = "Ilse", "Demo"
    chair.save()
    seat = body.members.get(user=chair)
    seat.organisation = OrganisationFactory(name="CAW Wilgendonk")
    seat.save()
    detail = ok(get(everyone[role], f"/api/v1/bodies/{body.pk}/"))
    (row,) = [m for m in detail["members"] if m["id"] == seat.pk]
    assert row["role"] == "chair"
    assert row["organisation"]["name"] == "CAW Wilgendonk"
    assert row["start_date"] == "2020-01-01"
    assert row["person"] == ("Ilse Demo" if role in WORKSPACE else None)
    former = [m for m in detail["members"] if m["end_date"] == "2021-12-31"]
    assert former == [], "an ended seat is no longer listed"
    assert detail["in_workspace"] is (role in WORKSPACE)


@pytest.mark.parametrize("role", ROLES)
def test_a_body_lists_the_meetings_its_caller_may_see(everyone, role, body):
    open_meeting = MeetingFactory(body=body, is_public=True)
    closed = MeetingFactory(body=body, is_public=False)
    detail = ok(get(everyone[role], f"/api/v1/bodies/{body.pk}/"))
    listed = {meeting["id"] for meeting in detail["meetings"]}
    expected = {open_meeting.pk, closed.pk} if role in WORKSPACE else {open_meeting.pk}
    assert listed == expected


# Meetings -------------------------------------------------------------------------


@pytest.fixture
def meetings(body, member):
    seat = body.members.get(user=member)
    closed = MeetingFactory(body=body, is_public=False, minutes="Besloten punt.")
    draft = MeetingFactory(
        body=body, minutes="Ontwerpverslag.", minutes_state=MinutesState.DRAFT
    )
    published = MeetingFactory(
        body=body, minutes="Goedgekeurd verslag.", minutes_state=MinutesState.PUBLISHED
    )
    for meeting in (closed, draft, published):
        Attendance.objects.create(meeting=meeting, member=seat, status="excused")
    return {"closed": closed, "draft": draft, "published": published}


@pytest.mark.parametrize("role", ROLES)
def test_closed_meetings_draft_minutes_and_attendance_stay_in_the_workspace(
    everyone, role, meetings
):
    user = everyone[role]
    inside = role in WORKSPACE
    visible = ids(get(user, "/api/v1/meetings/"))
    public = {meetings["draft"].pk, meetings["published"].pk}
    assert visible == (public | {meetings["closed"].pk} if inside else public)

    closed = get(user, f"/api/v1/meetings/{meetings['closed'].pk}/")
    if inside:
        assert ok(closed)["minutes"] == "Besloten punt."
    else:
        assert_error(closed, 404, "not_found")

    draft = ok(get(user, f"/api/v1/meetings/{meetings['draft'].pk}/"))
    assert draft["minutes"] == ("Ontwerpverslag." if inside else None)
    published = ok(get(user, f"/api/v1/meetings/{meetings['published'].pk}/"))
    assert published["minutes"] == "Goedgekeurd verslag."
    if inside:
        assert [row["status"] for row in published["attendance"]] == ["excused"]
        assert published["attendance"][0]["member"]["role"] == "member"
    else:
        assert published["attendance"] is None
        assert draft["attendance"] is None


@pytest.mark.parametrize("role", ROLES)
def test_an_agenda_links_only_what_the_caller_may_see(
    everyone, role, body, make_advice
):
    meeting = MeetingFactory(body=body)
    hidden = make_advice(state=A.ADOPTED, published=False)
    public = make_advice(state=A.SUBMITTED, published=True)
    AgendaItem.objects.create(meeting=meeting, order=1, title="Ontwerp", advice=hidden)
    AgendaItem.objects.create(meeting=meeting, order=2, title="Bezorgd", advice=public)
    detail = ok(get(everyone[role], f"/api/v1/meetings/{meeting.pk}/"))
    agenda = {item["title"]: item["links"] for item in detail["agenda"]}
    assert agenda["Bezorgd"] == [{"kind": "advice", "id": public.pk}]
    assert agenda["Ontwerp"] == (
        [{"kind": "advice", "id": hidden.pk}] if role in WORKSPACE else []
    )


def test_meetings_filter_by_body_and_by_days_in_brussels(body, civil_servant):
    other = BodyFactory()
    # 00:30 in Brussels on 12 March is still 11 March in UTC.
    early = MeetingFactory(
        body=body,
        starts_at=datetime.datetime(2026, 3, 12, 0, 30, tzinfo=BRUSSELS),
        ends_at=None,
    )
    later = MeetingFactory(
        body=body,
        starts_at=datetime.datetime(2026, 4, 2, 19, 0, tzinfo=BRUSSELS),
        ends_at=None,
    )
    elsewhere = MeetingFactory(body=other)
    url = "/api/v1/meetings/"
    assert ids(get(civil_servant, url, {"body": body.pk})) == {early.pk, later.pk}
    assert ids(get(civil_servant, url, {"from": "2026-03-12", "to": "2026-03-12"})) == {
        early.pk,
        elsewhere.pk,  # the factory's meeting: 12 March, 19:30
    }
    assert ids(get(civil_servant, url, {"to": "2026-03-11"})) == set()
    assert ids(get(civil_servant, url, {"from": "2026-03-13"})) == {later.pk}
    listed = ok(get(civil_servant, url, {"body": body.pk, "to": "2026-03-12"}))
    assert listed["results"][0]["starts_at"] == "2026-03-12T00:30:00+01:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "12/03/2026"}, "from"),
        ({"to": "0001-01-01"}, "to"),
        ({"body": "twee"}, "body"),
    ],
)
def test_a_bad_meeting_filter_is_refused_per_field(civil_servant, params, field):
    error = assert_error(get(civil_servant, "/api/v1/meetings/", params), 400)
    assert field in error["fields"]


# Advice: seeing -------------------------------------------------------------------


@pytest.fixture
def dossier(make_advice):
    return {
        "unpublished": make_advice(state=A.ADOPTED, published=False),
        "published": make_advice(state=A.SUBMITTED, published=True),
        "preparing": make_advice(state=A.IN_PREPARATION, published=True),
        "withdrawn": make_advice(state=A.WITHDRAWN, published=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_and_withdrawn_advice_stay_in_the_workspace(
    everyone, role, dossier
):
    user = everyone[role]
    visible = ids(get(user, "/api/v1/advice/"))
    if role in WORKSPACE:
        assert visible == {advice.pk for advice in dossier.values()}
    else:
        assert visible == {dossier["published"].pk}
        for name in ("unpublished", "preparing", "withdrawn"):
            assert_error(get(user, advice_url(dossier[name])), 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_answers_and_status_updates_before_the_answer_are_internal(
    everyone, role, make_advice, civil_servant
):
    advice = make_advice(state=A.SUBMITTED, published=True)
    recommendation = advice.recommendations.get()
    recommendation.answer = "taken_over"
    recommendation.save()
    advice.status_updates.create(
        date=datetime.date(2026, 4, 1), text="Op de agenda van de raad."
    )
    detail = ok(get(everyone[role], advice_url(advice)))
    (row,) = detail["recommendations"]
    assert row["text"] == recommendation.text
    if role in WORKSPACE:
        assert row["answer"] == "taken_over"
        assert row["answer_label"] == "overgenomen"
        assert [u["text"] for u in detail["status_updates"]] == [
            "Op de agenda van de raad."
        ]
    else:
        assert (row["answer"], row["answer_label"], row["answer_reason"]) == (
            None,
            None,
            None,
        )
        assert detail["status_updates"] is None
        assert detail["extension_reason"] is None


@pytest.mark.parametrize("role", ROLES)
def test_the_answer_is_public_once_the_town_has_answered(everyone, role, make_advice):
    advice = make_advice(state=A.ANSWERED, published=True)
    advice.recommendations.update(
        answer="not_taken_over", answer_reason="Geen budget in 2026."
    )
    (row,) = ok(get(everyone[role], advice_url(advice)))["recommendations"]
    assert (row["answer"], row["answer_reason"]) == (
        "not_taken_over",
        "Geen budget in 2026.",
    )


def test_terms_and_a_closed_due_day_are_in_the_advice(make_advice, civil_servant):
    # Asked on Monday 30 March 2026: 14 days later is Easter Monday.
    advice = make_advice(asked_on=datetime.date(2026, 3, 23), urgent=True)
    with time_machine.travel(datetime.datetime(2026, 3, 24, 12, tzinfo=BRUSSELS)):
        detail = ok(get(civil_servant, advice_url(advice)))
    assert detail["due_date"] == "2026-04-06"
    assert detail["due_date_closed_day"] == "Paasmaandag"
    assert detail["answer_due_date"] is None
    assert detail["overdue"] is False
    assert detail["version"] == 1
    assert detail["allowed_transitions"] == ["withdrawn"]
    assert detail["actions"] == {
        "edit": False,
        "answer": False,
        "extend": True,
        "report_status": False,
        "publish": False,
    }
    with time_machine.travel(datetime.datetime(2026, 4, 7, 12, tzinfo=BRUSSELS)):
        assert ok(get(civil_servant, advice_url(advice)))["overdue"] is True


# Advice: asking and starting ------------------------------------------------------


def create(user, body, **fields):
    data = {"body": body.pk, "title": "Toegankelijkheid van het sociaal huis"}
    return post(user, "/api/v1/advice/", {**data, **fields})


@pytest.mark.parametrize("role", ROLES)
def test_only_civil_servants_ask_for_advice(everyone, role, body):
    response = create(everyone[role], body, kind="request", urgent=True)
    if role == "civil_servant":
        advice = ok(response, 201)
        assert advice["state"] == "requested"
        assert advice["kind"] == "request"
        assert advice["urgent"] is True
        today = datetime.date.fromisoformat(advice["asked_on"])
        assert advice["due_date"] == str(today + datetime.timedelta(days=14))
    elif role == "anonymous":
        assert_error(response, 401, "not_authenticated")
    else:
        error = assert_error(response, 403, "permission_denied")
        assert error["message"] == "Alleen het lokaal bestuur kan advies vragen."


@pytest.mark.parametrize("role", ROLES)
def test_only_the_chair_and_secretary_start_own_initiative(everyone, role, body):
    response = create(everyone[role], body, kind="own_initiative")
    if role in OFFICERS:
        advice = ok(response, 201)
        assert (advice["state"], advice["kind"]) == ("in_preparation", "own_initiative")
        assert advice["due_date"] is None
        assert advice["actions"]["edit"] is True
    elif role == "anonymous":
        assert_error(response, 401, "not_authenticated")
    else:
        error = assert_error(response, 403, "permission_denied")
        assert "voorzitter of secretaris" in error["message"]


@pytest.mark.parametrize("role", ["citizen", "other_partner", "former_member"])
def test_a_body_the_caller_cannot_see_answers_as_if_it_did_not_exist(
    everyone, role, body
):
    body.is_public = False
    body.save()
    hidden = assert_error(create(everyone[role], body, kind="request"), 400, "invalid")
    absent = type(body)(pk=body.pk + 1000)
    missing = assert_error(create(everyone[role], absent, kind="request"), 400)
    assert hidden == missing
    assert hidden["fields"] == {"body": ["Er is geen orgaan met dit id."]}


def test_asking_refuses_bad_input_per_field(body, civil_servant):
    missing = assert_error(
        post(civil_servant, "/api/v1/advice/", {"body": body.pk}), 400
    )
    assert "title" in missing["fields"]
    own = create(civil_servant, body, kind="own_initiative", urgent=True)
    assert "urgent" in assert_error(own, 400)["fields"]
    far = create(civil_servant, body, kind="request", asked_on="9999-12-31")
    assert assert_error(far, 400)["fields"] == {
        "asked_on": ["Geef een datum tussen 1900 en 2200."]
    }
    bad_kind = create(civil_servant, body, kind="vraag")
    assert "kind" in assert_error(bad_kind, 400)["fields"]
    silent = BodyFactory(gives_advice=False)
    error = assert_error(create(civil_servant, silent, kind="request"), 400)
    assert error["code"] == "no_advice"
    assert "geeft geen advies" in error["message"]


# Advice: writing, moving, answering -----------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_transitions_allowed_and_refused_with_the_dutch_message(
    everyone, role, make_advice
):
    advice = make_advice(state=A.REQUESTED)
    response = post(
        everyone[role], advice_url(advice, "transitions/"), {"to": "in_preparation"}
    )
    if role in OFFICERS:
        assert ok(response)["state"] == "in_preparation"
        assert AdviceEvent.objects.filter(advice=advice, to_state="in_preparation")
    elif role == "anonymous":
        assert_error(response, 401)
    elif role not in WORKSPACE:
        assert_error(response, 404, "not_found")
    else:
        error = assert_error(response, 403, "permission_denied")
        assert error["message"] == (
            "Alleen de voorzitter of secretaris van het orgaan mag een advies met "
            "status 'gevraagd' naar 'in voorbereiding' zetten."
        )
    advice.refresh_from_db()
    assert advice.state == ("in_preparation" if role in OFFICERS else "requested")


def test_a_published_advice_cannot_be_moved_by_the_public(make_advice, citizen):
    advice = make_advice(state=A.SUBMITTED, published=True)
    response = post(citizen, advice_url(advice, "transitions/"), {"to": "answered"})
    error = assert_error(response, 403, "permission_denied")
    assert "betrokken" in error["message"]


def test_a_step_out_of_turn_a_missing_note_and_a_stale_version(
    make_advice, chair, civil_servant
):
    advice = make_advice(state=A.REQUESTED)
    url = advice_url(advice, "transitions/")
    out_of_turn = assert_error(
        post(civil_servant, url, {"to": "closed"}), 409, "invalid_transition"
    )
    assert out_of_turn["message"] == (
        "Een advies met status 'gevraagd' kan niet naar 'afgesloten'."
    )
    no_note = assert_error(post(civil_servant, url, {"to": "withdrawn"}), 400)
    assert no_note["fields"] == {"note": ["Geef de reden van de intrekking."]}
    stale = post(chair, url, {"to": "in_preparation", "version": 7})
    assert_error(stale, 409, "stale")
    advice.refresh_from_db()
    assert (advice.state, advice.version) == (A.REQUESTED, 1)


@pytest.mark.parametrize("role", ROLES)
def test_the_chair_and_secretary_write_the_advice_in_preparation(
    everyone, role, make_advice
):
    advice = make_advice(state=A.IN_PREPARATION)
    response = patch(
        everyone[role],
        advice_url(advice),
        {
            "text": "De werkgroep adviseert ruimere openingsuren.",
            "recommendations": ["Open op zaterdag.", "Werk met vrijwilligers."],
            "version": 1,
        },
    )
    if role in OFFICERS:
        detail = ok(response)
        assert detail["text"] == "De werkgroep adviseert ruimere openingsuren."
        assert [(r["number"], r["text"]) for r in detail["recommendations"]] == [
            (1, "Open op zaterdag."),
            (2, "Werk met vrijwilligers."),
        ]
        assert detail["version"] == 2
    elif role == "anonymous":
        assert_error(response, 401)
    elif role not in WORKSPACE:
        assert_error(response, 404)
    else:
        error = assert_error(response, 403, "permission_denied")
        assert "voorzitter of secretaris" in error["message"]
        assert advice.recommendations.get().text.startswith("Aanbeveling 1")


def test_an_adopted_advice_is_no_longer_edited(make_advice, chair):
    advice = make_advice(state=A.ADOPTED)
    response = patch(chair, advice_url(advice), {"text": "Later toegevoegd."})
    error = assert_error(response, 400, "not_editable")
    assert "voorbereiding" in error["message"]
    stale = make_advice(state=A.IN_PREPARATION)
    assert_error(patch(chair, advice_url(stale), {"text": "x", "version": 5}), 409)
    blank = patch(chair, advice_url(stale), {"recommendations": ["Goed.", " "]})
    assert "recommendations.1" in assert_error(blank, 400)["fields"]
    assert stale.recommendations.count() == 1


@pytest.fixture
def submitted(make_advice):
    return make_advice(state=A.SUBMITTED, recommendations=3)


def test_not_taken_over_without_a_reason_is_refused_and_nothing_saved(
    submitted, civil_servant
):
    first = submitted.recommendations.get(number=1)
    response = post(
        civil_servant,
        advice_url(submitted, "answer/"),
        {"recommendation": first.pk, "answer": "not_taken_over", "reason": " "},
    )
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {
        "reason": [
            "Motiveer waarom het bestuur deze aanbeveling niet (volledig) overneemt."
        ]
    }
    first.refresh_from_db()
    assert first.answer == ""
    assert not submitted.events.exists()


def test_a_list_of_answers_is_saved_all_or_nothing(submitted, civil_servant):
    url = advice_url(submitted, "answer/")
    refused = post(
        civil_servant,
        url,
        {
            "answers": [
                {"number": 1, "answer": "taken_over"},
                {"number": 2, "answer": "not_taken_over"},
                {"number": 3, "answer": "partly", "reason": "Deels in 2027."},
            ],
            "version": 1,
        },
    )
    error = assert_error(refused, 400, "invalid")
    assert list(error["fields"]) == ["answers.1.reason"]
    assert set(Recommendation.objects.values_list("answer", flat=True)) == {""}
    submitted.refresh_from_db()
    assert submitted.version == 1
    assert not submitted.events.exists()

    saved = post(
        civil_servant,
        url,
        {
            "answers": [
                {"number": 1, "answer": "taken_over"},
                {"number": 2, "answer": "not_taken_over", "reason": "Geen budget."},
                {"number": 3, "answer": "partly", "reason": "Deels in 2027."},
            ],
            "version": 1,
        },
    )
    answers = [(r["answer"], r["answer_reason"]) for r in ok(saved)["recommendations"]]
    assert answers == [
        ("taken_over", ""),
        ("not_taken_over", "Geen budget."),
        ("partly", "Deels in 2027."),
    ]
    assert ok(saved)["version"] == 4
    answered = post(
        civil_servant, advice_url(submitted, "transitions/"), {"to": "answered"}
    )
    assert ok(answered)["state"] == "answered"


def test_answering_refuses_a_stale_version_an_unknown_recommendation_and_the_body(
    submitted, civil_servant, chair
):
    url = advice_url(submitted, "answer/")
    stale = {"number": 1, "answer": "taken_over", "version": 9}
    assert_error(post(civil_servant, url, stale), 409, "stale")
    unknown = post(civil_servant, url, {"number": 4, "answer": "taken_over"})
    assert "number" in assert_error(unknown, 400)["fields"]
    both = post(
        civil_servant, url, {"recommendation": 1, "number": 1, "answer": "partly"}
    )
    assert "recommendation" in assert_error(both, 400)["fields"]
    by_body = post(chair, url, {"number": 1, "answer": "taken_over"})
    error = assert_error(by_body, 403, "permission_denied")
    assert "lokaal bestuur" in error["message"]
    assert set(Recommendation.objects.values_list("answer", flat=True)) == {""}


def test_extension_and_status_updates_by_the_town(make_advice, civil_servant, member):
    advice = make_advice(asked_on=datetime.date(2026, 3, 2))
    url = advice_url(advice, "extension/")
    refused = post(member, url, {"until": "2026-05-15", "reason": "Extra overleg."})
    assert_error(refused, 403, "permission_denied")
    too_early = post(civil_servant, url, {"until": "2026-03-20", "reason": "x"})
    assert "until" in assert_error(too_early, 400)["fields"]
    extended = ok(
        post(civil_servant, url, {"until": "2026-05-15", "reason": "Extra overleg."})
    )
    assert (extended["due_date"], extended["extension_reason"]) == (
        "2026-05-15",
        "Extra overleg.",
    )

    submitted = make_advice(state=A.SUBMITTED)
    updates = advice_url(submitted, "status-updates/")
    assert_error(post(member, updates, {"text": "Bijna klaar."}), 403)
    update = ok(
        post(
            civil_servant,
            updates,
            {"text": "Op de raad van mei.", "date": "2026-04-20"},
        ),
        201,
    )
    assert (update["date"], update["text"]) == ("2026-04-20", "Op de raad van mei.")
    assert (
        ok(get(member, advice_url(submitted)))["status_updates"][0]["id"]
        == (update["id"])
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_timeline_is_for_the_workspace(everyone, role, make_advice, chair):
    advice = make_advice(state=A.REQUESTED, published=True)
    post(chair, advice_url(advice, "transitions/"), {"to": "in_preparation"})
    advice.state, advice.published = A.SUBMITTED, True  # public from here on
    advice.save()
    response = get(everyone[role], advice_url(advice, "timeline/"))
    if role in WORKSPACE:
        (event,) = ok(response)
        assert (event["kind"], event["to_state"]) == ("transition", "in_preparation")
    elif role == "anonymous":
        assert_error(response, 401)
    else:
        error = assert_error(response, 403, "permission_denied")
        assert "tijdlijn" in error["message"]


# Advice: filters ------------------------------------------------------------------


def test_advice_filters(body, civil_servant, chair):
    other = BodyFactory()
    today = timezone.localdate()
    late = AdviceFactory(body=body, asked_on=today - datetime.timedelta(days=40))
    fresh = AdviceFactory(body=body, asked_on=today, urgent=True)
    last_year = AdviceFactory(
        body=other, state=A.CLOSED, asked_on=datetime.date(today.year - 1, 6, 1)
    )
    own = ok(create(chair, body, kind="own_initiative"), 201)["id"]
    url = "/api/v1/advice/"

    def found(**params):
        return ids(get(civil_servant, url, params))

    assert found(body=body.pk) == {late.pk, fresh.pk, own}
    assert found(state="closed") == {last_year.pk}
    assert found(kind="own_initiative") == {own}
    assert found(overdue="true") == {late.pk}
    assert found(overdue="false") == {fresh.pk, last_year.pk, own}
    assert found(year=today.year - 1) == {last_year.pk}
    assert found(year=today.year) >= {fresh.pk, own}
    listed = ok(get(civil_servant, url, {"overdue": "true"}))["results"]
    assert listed[0]["overdue"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"state": "klaar"}, "state"),
        ({"year": "12"}, "year"),
        ({"overdue": "misschien"}, "overdue"),
        ({"body": "99999999999999999999999"}, "body"),
    ],
)
def test_a_bad_advice_filter_is_refused_per_field(civil_servant, params, field):
    error = assert_error(get(civil_servant, "/api/v1/advice/", params), 400)
    assert field in error["fields"]


def test_lists_are_paged(make_advice, civil_servant):
    for _ in range(3):
        make_advice()
    page = ok(get(civil_servant, "/api/v1/advice/", {"page_size": 2}))
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert_error(get(civil_servant, "/api/v1/advice/", {"page": 9}), 404)


def test_an_unknown_or_bad_id_answers_in_the_error_format(civil_servant):
    assert_error(get(civil_servant, "/api/v1/advice/424242/"), 404, "not_found")
    assert_error(get(civil_servant, "/api/v1/meetings/424242/"), 404, "not_found")
    assert_error(get(civil_servant, "/api/v1/bodies/nul/"), 400, "invalid")


@pytest.mark.parametrize("state", A.values)
def test_only_an_advice_in_preparation_is_written(make_advice, chair, state):
    advice = make_advice(state=state)
    kept = advice.recommendations.get().pk
    response = patch(chair, advice_url(advice), {"recommendations": ["Nieuw.", "Ook."]})
    if state == A.IN_PREPARATION:
        rows = ok(response)["recommendations"]
        assert [(r["id"] == kept, r["text"]) for r in rows] == [
            (True, "Nieuw."),
            (False, "Ook."),
        ]
        assert advice.events.get().kind == "edited"
    else:
        assert_error(response, 400, "not_editable")
        assert advice.recommendations.get().text.startswith("Aanbeveling 1")


@pytest.mark.parametrize("role", ["member", "chair", "civil_servant"])
@pytest.mark.parametrize(("source", "to"), list(TRANSITIONS))
def test_every_step_through_the_api(request, make_advice, role, source, to):
    user = request.getfixturevalue(role)
    advice = make_advice(state=source)
    advice.recommendations.update(answer="taken_over")
    response = post(
        user, advice_url(advice, "transitions/"), {"to": to, "note": "Zo beslist."}
    )
    actor = {
        "member": BodyActor.MEMBER,
        "chair": BodyActor.OFFICER,
        "civil_servant": BodyActor.CIVIL_SERVANT,
    }[role]
    if actor in TRANSITIONS[(source, to)]:
        assert ok(response)["state"] == to
        assert ok(response)["version"] == 2
    else:
        error = assert_error(response, 403, "permission_denied")
        assert error["message"].startswith("Alleen ")


BEYOND_64_BITS = "9" * 23


@pytest.mark.parametrize(
    ("method", "url", "data", "field"),
    [
        ("get", f"/api/v1/bodies/{BEYOND_64_BITS}/", None, "id"),
        ("get", f"/api/v1/meetings/{BEYOND_64_BITS}/", None, "id"),
        ("get", f"/api/v1/advice/{BEYOND_64_BITS}/timeline/", None, "id"),
        ("get", f"/api/v1/meetings/?body={BEYOND_64_BITS}", None, "body"),
        ("get", "/api/v1/meetings/?from=9999-12-31", None, "from"),
        ("get", "/api/v1/advice/?year=0", None, "year"),
        ("post", "/api/v1/advice/", {"body": BEYOND_64_BITS, "title": "x"}, "body"),
        ("post", "/api/v1/advice/", {"body": 1, "title": "a\x00b"}, "title"),
    ],
)
def test_input_the_database_cannot_hold_is_refused(
    civil_servant, body, method, url, data, field
):
    client = client_for(civil_servant)
    response = client.get(url) if method == "get" else client.post(url, data, "json")
    assert field in assert_error(response, 400, "invalid")["fields"]


def test_answer_input_the_database_cannot_hold_is_refused(submitted, civil_servant):
    url = advice_url(submitted, "answer/")
    far = {"recommendation": BEYOND_64_BITS, "answer": "taken_over"}
    assert (
        "recommendation" in assert_error(post(civil_servant, url, far), 400)["fields"]
    )
    deep = {"answers": [{"number": 99999, "answer": "taken_over"}]}
    assert (
        "answers.0.number"
        in assert_error(post(civil_servant, url, deep), 400)["fields"]
    )
    extension = post(
        civil_servant,
        advice_url(submitted, "extension/"),
        {"until": "9999-12-31", "reason": "x"},
    )
    assert "until" in assert_error(extension, 400)["fields"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_body_s_officers_publish_its_adopted_advice(
    everyone, role, make_advice
):
    advice = make_advice(state=A.ADOPTED, published=False)
    response = post(
        everyone[role], advice_url(advice, "publication/"), {"published": True}
    )
    advice.refresh_from_db()
    if role in OFFICERS:
        assert ok(response)["published"] is True
        assert advice.published
        assert advice.events.filter(kind=AdviceEvent.Kind.PUBLICATION).count() == 1
        # Anyone now reads it.
        assert get(None, advice_url(advice)).status_code == 200
    else:
        assert response.status_code in (401, 403, 404), response.content
        assert not advice.published


def test_an_advice_in_preparation_is_not_published(make_advice, chair):
    advice = make_advice(state=A.IN_PREPARATION)
    response = post(chair, advice_url(advice, "publication/"), {"published": True})
    assert_error(response, 403, "permission_denied")
    advice.refresh_from_db()
    assert not advice.published
