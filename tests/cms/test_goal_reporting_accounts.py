"""Acceptance: on a goal of Woonmaatschappij Wilgenland, every demo account finds
the report form in the partner portal and may POST to the API only when it is a
member of an owning organisation or a civil servant."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.demo.accounts import DEMO_ACCOUNTS, HOUSING_PARTNER, PARTNER_EMAIL
from cms.models import Goal, ProgressUpdate
from portal.models import User
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

pytestmark = pytest.mark.django_db

ANONYMOUS = "anoniem"
EMAILS = [account.email for account in DEMO_ACCOUNTS]
# The housing partner's member and everyone with a civil servant's role (staff).
REPORTERS = {"partner2@demo.lokaal"} | {
    account.email for account in DEMO_ACCOUNTS if account.is_staff
}


@pytest.fixture(scope="module")
def goal(django_db_setup, django_db_blocker) -> Goal:
    """The demo, loaded once for this module; a goal only the housing partner
    carries (not partner@'s organisation)."""
    with demo_loaded(django_db_blocker):
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        goal = (
            Goal.objects.filter(lead_organisation__name=HOUSING_PARTNER)
            .exclude(owner_organisations__memberships__user__email=PARTNER_EMAIL)
            .order_by("pk")
            .first()
        )
        yield goal


def client_for(identity: str) -> Client:
    client = Client()
    if identity != ANONYMOUS:
        client.force_login(User.objects.get(email=identity))
    return client


def test_the_list_covers_the_acceptance_accounts():
    assert {"partner@demo.lokaal", "partner2@demo.lokaal"} <= set(EMAILS)
    assert "partner@demo.lokaal" not in REPORTERS


@pytest.mark.parametrize("identity", [ANONYMOUS, *EMAILS])
def test_the_report_form(goal, identity):
    response = client_for(identity).get(reverse("partners:goal_report", args=[goal.pk]))
    if identity in REPORTERS:
        assert response.status_code == 200
        assert 'name="status"' in response.content.decode()
    elif identity == ANONYMOUS:
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif identity == "burger@demo.lokaal":
        assert response.status_code == 403  # not a partner: the wrong door
    else:
        assert response.status_code == 404
        assert 'name="status"' not in response.content.decode()


@pytest.mark.parametrize("identity", [ANONYMOUS, *EMAILS])
def test_the_api(goal, identity):
    before = ProgressUpdate.objects.filter(goal=goal).count()
    response = client_for(identity).post(
        f"/api/v1/goals/{goal.pk}/progress/",
        {"status": "lopend", "progress": 30, "text": "Via de API."},
        content_type="application/json",
    )
    after = ProgressUpdate.objects.filter(goal=goal).count()
    if identity in REPORTERS:
        assert response.status_code == 201, response.content
        assert after == before + 1
    else:
        assert response.status_code == (401 if identity == ANONYMOUS else 403)
        assert after == before


def test_the_housing_member_reports_for_its_organisation(goal):
    client = client_for("partner2@demo.lokaal")
    response = client.post(
        reverse("partners:goal_report", args=[goal.pk]),
        {"status": goal.status.pk, "progress": "30", "text": "Via het portaal."},
    )
    assert response.status_code == 302
    report = ProgressUpdate.objects.get(goal=goal, text="Via het portaal.")
    assert report.organisation.name == HOUSING_PARTNER
    assert report.author.email == "partner2@demo.lokaal"
