"""The admin: indicators, their values and targets in "Plannen opvolgen"; a
value's period is taken to the start of its quarter."""

import datetime

import pytest

from cms.indicators.models import Frequency, IndicatorValue
from tests.factories import IndicatorFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_the_menu_lists_indicators_and_links_their_values(admin_client):
    indicator = IndicatorFactory(name="Huurachterstal")
    html = admin_client.get("/admin/snippets/indicators/indicator/").content.decode()
    assert "Huurachterstal" in html
    assert (
        f"/admin/snippets/indicators/indicatorvalue/?indicator={indicator.pk}" in html
    )


def test_a_value_added_in_the_admin_starts_on_the_first_day_of_its_quarter(
    admin_client,
):
    indicator = IndicatorFactory(frequency=Frequency.QUARTERLY)
    response = admin_client.post(
        "/admin/snippets/indicators/indicatorvalue/add/",
        {
            "indicator": indicator.pk,
            "period": "2026-05-20",
            "value": "12.5",
            "measured_on": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    value = IndicatorValue.objects.get()
    assert value.period == datetime.date(2026, 4, 1)
    listing = admin_client.get(
        f"/admin/snippets/indicators/indicatorvalue/?indicator={indicator.pk}"
    )
    assert "2026 K2" in listing.content.decode()


@pytest.mark.parametrize("group", ["Editors", "Civil servants"])
def test_editors_and_civil_servants_manage_indicators(client, group):
    """The groups get the rights by a data migration, not by hand."""
    from django.contrib.auth.models import Group

    user = StaffFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    IndicatorFactory(name="Wachttijd schuldhulp")
    listing = client.get("/admin/snippets/indicators/indicator/")
    assert listing.status_code == 200
    assert "Wachttijd schuldhulp" in listing.content.decode()
    assert (
        client.get("/admin/snippets/indicators/indicatorvalue/add/").status_code == 200
    )
