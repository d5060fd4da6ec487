"""The bodies' endpoints in the OpenAPI schema, and the answers every kind of caller
gets conform to it (what Schemathesis checks in the deploy smoke): a field hidden
from a caller is there as null, and the schema says it may be."""

import datetime

import pytest
from openapi_schema_validator import OAS30ReadValidator
from rest_framework.test import APIClient

from cms.bodies.models import AdviceState, AgendaItem, Attendance
from tests.factories import MeetingFactory

A = AdviceState
ROLES = [
    "anonymous",
    "citizen",
    "other_partner",
    "member",
    "observer",
    "chair",
    "civil_servant",
]
ENDPOINTS = {
    ("get", "/api/v1/bodies/"),
    ("get", "/api/v1/bodies/{id}/"),
    ("get", "/api/v1/meetings/"),
    ("get", "/api/v1/meetings/{id}/"),
    ("get", "/api/v1/advice/"),
    ("post", "/api/v1/advice/"),
    ("get", "/api/v1/advice/{id}/"),
    ("patch", "/api/v1/advice/{id}/"),
    ("post", "/api/v1/advice/{id}/transitions/"),
    ("post", "/api/v1/advice/{id}/answer/"),
    ("post", "/api/v1/advice/{id}/extension/"),
    ("post", "/api/v1/advice/{id}/status-updates/"),
    ("get", "/api/v1/advice/{id}/timeline/"),
}


@pytest.fixture
def schema(db) -> dict:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def client_for(user) -> APIClient:
    client = APIClient()
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


def nullable_as_any_of(node):
    """`nullable: true` as Schemathesis reads it: the schema, or null (so a
    nullable `allOf` reference accepts null too)."""
    if isinstance(node, list):
        return [nullable_as_any_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: nullable_as_any_of(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"enum": [None]}]}
    return node


def assert_conforms(schema: dict, method: str, path: str, response) -> None:
    """The answer matches what the schema documents for its status code."""
    operation = schema["paths"][path][method]
    documented = operation["responses"]
    code = str(response.status_code)
    assert code in documented, (method, path, code)
    body = documented[code]["content"]["application/json"]["schema"]
    components = nullable_as_any_of(schema["components"])
    validator = OAS30ReadValidator({"components": components, **body})
    errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(response.json())
    ]
    assert errors == [], (method, path, errors)


def test_every_bodies_endpoint_is_documented(schema):
    documented = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert documented >= ENDPOINTS, ENDPOINTS - documented
    meetings = schema["paths"]["/api/v1/meetings/"]["get"]["parameters"]
    assert {"body", "from", "to", "page", "page_size"} <= {p["name"] for p in meetings}
    advice = schema["paths"]["/api/v1/advice/"]["get"]["parameters"]
    assert {"body", "state", "kind", "overdue", "year"} <= {p["name"] for p in advice}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/advice/{id}/"),
        ("post", "/api/v1/advice/{id}/transitions/"),
        ("post", "/api/v1/advice/{id}/answer/"),
        ("post", "/api/v1/advice/{id}/extension/"),
    ],
)
def test_conflicts_are_documented(schema, method, path):
    assert "409" in schema["paths"][path][method]["responses"]


def test_the_answer_takes_one_answer_or_a_list(schema):
    body = schema["paths"]["/api/v1/advice/{id}/answer/"]["post"]["requestBody"]
    name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    request = schema["components"]["schemas"][name]
    assert {"recommendation", "number", "answer", "reason", "answers", "version"} <= (
        set(request["properties"])
    )
    assert "all or nothing" in request["description"]


def test_what_a_caller_may_not_see_is_nullable(schema):
    components = schema["components"]["schemas"]
    for component, field in [
        ("AdviceDetail", "status_updates"),
        ("AdviceDetail", "due_date"),
        ("AdviceDetail", "answer_due_date"),
        ("AdviceDetail", "due_date_closed_day"),
        ("AdviceDetail", "extension_reason"),
        ("Recommendation", "answer"),
        ("Recommendation", "answer_reason"),
        ("MeetingDetail", "minutes"),
        ("MeetingDetail", "attendance"),
        ("BodyMember", "person"),
        ("BodyMember", "organisation"),
        ("Body", "contact_civil_servant"),
    ]:
        prop = components[component]["properties"][field]
        assert prop.get("nullable") is True, (component, field)
        assert field in components[component]["required"], (component, field)


@pytest.fixture
def world(body, member, make_advice):
    """A closed and an open meeting with agenda and attendance, advice in several
    states, one answered with status updates."""
    seat = body.members.get(user=member)
    closed = MeetingFactory(body=body, is_public=False)
    open_meeting = MeetingFactory(body=body, minutes_state="published")
    submitted = make_advice(state=A.SUBMITTED, published=True, recommendations=2)
    submitted.recommendations.update(answer="partly", answer_reason="Deels.")
    submitted.status_updates.create(date=datetime.date(2026, 4, 1), text="Loopt.")
    hidden = make_advice(state=A.IN_PREPARATION)
    for meeting in (closed, open_meeting):
        Attendance.objects.create(meeting=meeting, member=seat)
        AgendaItem.objects.create(meeting=meeting, title="Advies", advice=hidden)
    return {
        "meetings": [closed, open_meeting],
        "advice": [submitted, hidden],
        "body": body,
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_caller_gets_what_the_schema_says(request, schema, role, world):
    user = request.getfixturevalue(role)
    client = client_for(user)
    body = world["body"]
    calls = [
        ("/api/v1/bodies/", "/api/v1/bodies/"),
        ("/api/v1/bodies/{id}/", f"/api/v1/bodies/{body.pk}/"),
        ("/api/v1/meetings/", "/api/v1/meetings/"),
        ("/api/v1/advice/", "/api/v1/advice/"),
    ]
    calls += [
        ("/api/v1/meetings/{id}/", f"/api/v1/meetings/{meeting.pk}/")
        for meeting in world["meetings"]
    ]
    for advice in world["advice"]:
        calls += [
            ("/api/v1/advice/{id}/", f"/api/v1/advice/{advice.pk}/"),
            ("/api/v1/advice/{id}/timeline/", f"/api/v1/advice/{advice.pk}/timeline/"),
        ]
    for path, url in calls:
        assert_conforms(schema, "get", path, client.get(url))


@pytest.mark.parametrize("role", ["citizen", "chair", "civil_servant"])
def test_writes_answer_what_the_schema_says(request, schema, role, world):
    client = client_for(request.getfixturevalue(role))
    submitted, hidden = world["advice"]
    writes = [
        (
            "post",
            "/api/v1/advice/",
            "/api/v1/advice/",
            {"body": world["body"].pk, "title": "Nieuw", "kind": "own_initiative"},
        ),
        (
            "patch",
            "/api/v1/advice/{id}/",
            f"/api/v1/advice/{hidden.pk}/",
            {"recommendations": ["Een.", ""]},
        ),
        (
            "patch",
            "/api/v1/advice/{id}/",
            f"/api/v1/advice/{hidden.pk}/",
            {"text": "Tekst.", "recommendations": ["Een.", "Twee."]},
        ),
        (
            "post",
            "/api/v1/advice/{id}/answer/",
            f"/api/v1/advice/{submitted.pk}/answer/",
            {"answers": [{"number": 1, "answer": "taken_over"}, {"number": 2}]},
        ),
        (
            "post",
            "/api/v1/advice/{id}/answer/",
            f"/api/v1/advice/{submitted.pk}/answer/",
            {"number": 1, "answer": "taken_over"},
        ),
        (
            "post",
            "/api/v1/advice/{id}/status-updates/",
            f"/api/v1/advice/{submitted.pk}/status-updates/",
            {"text": "Verder besproken."},
        ),
        (
            "post",
            "/api/v1/advice/{id}/transitions/",
            f"/api/v1/advice/{submitted.pk}/transitions/",
            {"to": "withdrawn", "version": 1},
        ),
    ]
    codes = []
    for method, path, url, data in writes:
        response = getattr(client, method)(url, data, format="json")
        assert_conforms(schema, method, path, response)
        codes.append(response.status_code)
    assert 400 in codes, codes
    assert any(code < 300 for code in codes) is (role != "citizen"), codes
