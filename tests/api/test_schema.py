"""The OpenAPI 3 description of /api/v1/ and the docs that render it."""

import re

import pytest
from django.conf import settings
from django.contrib.admindocs.views import simplify_regex
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# Routes of /api/v1/ that are not endpoints: DRF's browsable root, its ".json"
# suffixes, and the catch-all that answers 404 in the API's format.
NOT_ENDPOINTS = {"api-root", "api-not-found"}


@pytest.fixture
def schema() -> dict:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def api_v1_routes() -> set[str]:
    """Every /api/v1/ route in the URLconf, as an OpenAPI path template."""
    routes = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                path = simplify_regex(text)
                if not path.startswith("/api/v1/") or pattern.name in NOT_ENDPOINTS:
                    continue
                if "<format>" in path:
                    continue
                path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
                routes.add(path.replace("{pk}", "{id}"))

    walk(get_resolver().url_patterns, "")
    return routes


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_is_served_as_json_on_request(db):
    response = APIClient().get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.status_code == 200
    assert response.json()["info"]["title"]


def test_every_api_v1_route_is_described(schema):
    routes = api_v1_routes()
    assert {"/api/v1/me/", "/api/v1/goals/{id}/progress/"} <= routes
    assert routes <= set(schema["paths"]), routes - set(schema["paths"])
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_every_operation_documents_the_error_format(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("401", "403", "429"):
                content = responses[code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (
                    method,
                    path,
                )
            if "{" in path:
                assert "404" in responses, (method, path)


def test_filters_and_the_session_token_are_described(schema):
    goals = schema["paths"]["/api/v1/goals/"]["get"]
    parameters = {parameter["name"] for parameter in goals["parameters"]}
    assert {
        "plan",
        "status",
        "life_domain",
        "target_group",
        "owner_organisation",
        "due_before",
        "due_after",
        "level",
        "page",
        "page_size",
    } <= parameters
    scheme = schema["components"]["securitySchemes"]["sessionToken"]
    assert (scheme["in"], scheme["name"]) == ("header", "X-Session-Token")
    progress = schema["paths"]["/api/v1/goals/{id}/progress/"]["post"]
    assert "201" in progress["responses"] and "400" in progress["responses"]


@pytest.mark.parametrize(
    ("path", "asset"), [("/api/docs/", "swagger-ui"), ("/api/docs/redoc/", "redoc")]
)
def test_the_docs_render_from_the_sidecar_assets(db, path, asset):
    response = APIClient().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/schema/" in html
    urls = set(re.findall(r"""["']([^"']*\.(?:js|css|png))["']""", html))
    sidecar = {url for url in urls if "drf_spectacular_sidecar" in url}
    assert any(asset in url for url in sidecar), urls
    for url in sidecar:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url


def test_what_may_be_null_is_nullable(schema):
    components = schema["components"]["schemas"]
    assert components["Goal"]["properties"]["parent"]["nullable"] is True
    assert components["Signal"]["properties"]["merged_into"]["nullable"] is True
    assert components["SignalEvent"]["properties"]["organisation"]["nullable"] is True


def test_a_new_signal_names_its_organisation(schema):
    create = schema["paths"]["/api/v1/signals/"]["post"]["requestBody"]
    reference = create["content"]["application/json"]["schema"]["$ref"]
    request = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    assert "organisation" in request["required"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/signals/{id}/transitions/"),
        ("patch", "/api/v1/signals/{id}/"),
        ("post", "/api/v1/signals/{id}/consent/"),
    ],
)
def test_conflicts_are_documented_where_they_occur(schema, method, path):
    conflict = schema["paths"][path][method]["responses"]["409"]
    content = conflict["content"]["application/json"]["schema"]
    assert content == {"$ref": "#/components/schemas/Error"}
    progress = schema["paths"]["/api/v1/goals/{id}/progress/"]["post"]
    assert "409" not in progress["responses"]


def test_a_path_id_can_be_refused_with_400(schema):
    for path, operations in schema["paths"].items():
        if "{" in path:
            for method, operation in operations.items():
                assert "400" in operation["responses"], (method, path)


def test_a_signal_seen_through_a_bundle_matches_the_schema(schema):
    """Anonymous callers get a published signal with the bundle's fields only; the
    schema requires no more than those (Schemathesis found the mismatch)."""
    from cms.signals.api.serializers import PublishedSignalSerializer

    signal = schema["components"]["schemas"]["Signal"]
    published = set(PublishedSignalSerializer.Meta.fields)
    assert set(signal["required"]) <= published
    assert {"id", "reference", "title", "organisation"} <= set(signal["required"])
    assert {"addressee", "example", "state"} <= set(signal["properties"])
