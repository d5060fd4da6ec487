"""Input that once reached the database unchecked and answered 500: each request
now answers 400 in the API's one error format (the HTML search page: a Dutch
message), and nothing about the caller changes that."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from search.selectors import MAX_FILTER_VALUES
from tests.api.conftest import assert_error
from tests.factories import GoalFactory, PolicyPlanPageFactory

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "9" * 23
MANY_LIFE_DOMAINS = "&".join(f"life_domain=domein-{number}" for number in range(1000))


@pytest.fixture
def goal(home):
    return GoalFactory(plan=PolicyPlanPageFactory(parent=home))


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        # A search the database backends cannot run: a lone quote, NUL, a space.
        ("/api/v2/pages/?search=%22", "search"),
        ("/api/v2/pages/?search=%00", "search"),
        ("/api/v2/pages/?search=%20", "search"),
        ("/api/v2/documents/?search=%22", "search"),
        ("/api/v2/documents/?search=%00", "search"),
        ("/api/v2/documents/?search=%20", "search"),
        ("/api/v2/images/?search=%22", "search"),
        ("/api/v2/images/?search=%00", "search"),
        ("/api/v2/images/?search=%20", "search"),
        ("/api/v2/pages/?search=wonen&search_operator=xor", "search_operator"),
        # Numbers past 64 bits.
        (f"/api/v2/pages/?offset={BEYOND_64_BITS}", "offset"),
        (f"/api/v2/pages/?child_of={BEYOND_64_BITS}", "child_of"),
        (f"/api/v2/pages/?id={BEYOND_64_BITS}", "id"),
        (f"/api/v1/plans/{BEYOND_64_BITS}/", "id"),
        (f"/api/v1/goals/{BEYOND_64_BITS}/", "id"),
        (f"/api/v1/signals/{BEYOND_64_BITS}/", "id"),
        (f"/api/v1/signals/{BEYOND_64_BITS}/timeline/", "id"),
        (f"/api/v1/organisations/{BEYOND_64_BITS}/", "id"),
        (f"/api/v1/goals/?plan={BEYOND_64_BITS}", "plan"),
        (f"/api/v1/signals/?organisation={BEYOND_64_BITS}", "organisation"),
        # Years the calendar (or the portal) does not hold.
        ("/api/v1/signals/?year=0", "year"),
        ("/api/v1/signals/?year=-1", "year"),
        ("/api/v1/signals/?year=10000", "year"),
        ("/api/v1/signals/?year=0.0", "year"),
        # NUL, which PostgreSQL cannot take in text, in any parameter.
        ("/api/v1/organisations/?q=%00", "q"),
        ("/api/v2/pages/?title=a%00b", "title"),
        ("/api/v1/hsds/services?search=%00", "search"),
        # A filter repeated a thousand times.
        (f"/api/v1/search/?{MANY_LIFE_DOMAINS}", "life_domain"),
    ],
)
def test_hostile_input_answers_400_in_the_error_format(home, url, parameter):
    error = assert_error(APIClient().get(url), 400, "invalid")
    assert list(error["fields"]) == [parameter]


def test_a_search_with_a_closed_phrase_still_works(home):
    response = APIClient().get("/api/v2/pages/", {"search": '"sociaal huis"'})
    assert response.status_code == 200


def test_an_id_within_64_bits_that_does_not_exist_is_a_404(goal):
    assert_error(APIClient().get(f"/api/v1/goals/{2**63 - 1}/"), 404, "not_found")


def test_api_v2_errors_use_the_one_format(home):
    assert_error(APIClient().get("/api/v2/pages/999999/"), 404, "not_found")
    assert_error(APIClient().get("/api/v2/pages/?type=cms.Bestaatniet"), 400, "invalid")


def test_repeated_filter_values_up_to_the_cap_are_searched(db):
    values = "&".join(f"life_domain=d{n}" for n in range(MAX_FILTER_VALUES))
    assert APIClient().get(f"/api/v1/search/?{values}").status_code == 200


def test_the_search_page_answers_a_thousand_filter_values_in_dutch(db):
    response = Client().get(f"/zoeken/?q=wonen&{MANY_LIFE_DOMAINS}")

    assert response.status_code == 400
    assert "Kies minder waarden" in response.content.decode()
