"""The API's open_now filter with a frozen clock, on the demo map: public holidays
and dated closures (midnight is in test_api.py::test_open_now)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from cms.socialmap.opening import BRUSSELS

pytestmark = pytest.mark.django_db


def open_at(client, moment: str) -> set[str]:
    when = datetime.datetime.fromisoformat(moment).replace(tzinfo=BRUSSELS)
    with time_machine.travel(when):
        response = client.get(
            reverse("hsds:services"), {"open_now": "true", "per_page": 200}
        )
    assert response.status_code == 200
    return {item["name"] for item in response.json()["contents"]}


def test_on_a_public_holiday_only_services_that_stay_open(client, social_map_module):
    easter_monday = open_at(client, "2026-04-06 10:00")
    assert "Hulp bij huurachterstal" not in easter_monday  # MO-FR 08:30-12:00
    assert {"Mobiel crisisteam", "Luisterlijn Wilgenstreek"} <= easter_monday
    assert "Hulp bij huurachterstal" in open_at(client, "2026-04-07 10:00")


@pytest.mark.parametrize(
    ("service", "closed", "open_"),
    [
        ("Hulp bij huurachterstal", "2026-12-24 10:00", "2026-12-23 10:00"),
        (
            "Inschrijven voor een sociale huurwoning",
            "2026-07-29 10:00",
            "2026-07-15 10:00",
        ),
    ],
)
def test_a_dated_closure_overrides_the_weekly_hours(
    client, social_map_module, service, closed, open_
):
    assert service not in open_at(client, closed)
    assert service in open_at(client, open_)
