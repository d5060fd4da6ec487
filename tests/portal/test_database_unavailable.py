"""A request that loses the database answers 503 with a message, not a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client


@pytest.fixture
def lost_database(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("search.views.search_context", fail)
    monkeypatch.setattr("search.api.search_documents", fail)


def test_a_page_answers_503_with_a_dutch_message(lost_database, db):
    response = Client(raise_request_exception=False).get("/zoeken/", {"q": "wonen"})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "De databank is even niet bereikbaar" in response.content.decode()


def test_the_api_answers_503_in_its_error_shape(lost_database, db):
    response = Client(raise_request_exception=False).get(
        "/api/v1/search/", {"q": "wonen"}
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


def test_other_errors_are_left_alone():
    from django.test import RequestFactory

    from portal.database_unavailable import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("x")) is None
    response = middleware.process_exception(request, InterfaceError("closed"))
    assert response.status_code == 503
