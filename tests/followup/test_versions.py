"""Plan versions: numbered by the service, each keeping the goal tree as it was,
so earlier versions stay readable after the goals change."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from cms.followup.selectors import version_changes
from cms.followup.services import plan_version_record
from cms.models import GoalBudget
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def record(followed, user, **kwargs):
    kwargs.setdefault("decided_on", datetime.date(2025, 12, 15))
    kwargs.setdefault("decision", "GR 2025/287 – vaststelling")
    return plan_version_record(followed.plan, user=user, **kwargs)


def test_the_snapshot_stays_when_the_goals_change(followed, civil_servant):
    first = record(followed, civil_servant, summary="Vaststelling")
    assert first.number == 1
    codes = [entry["code"] for entry in first.goal_tree]
    assert codes == ["SD 1", "TD 1.1", "TD 1.2"]
    td = next(e for e in first.goal_tree if e["code"] == "TD 1.1")
    assert td["parent"] == "SD 1"
    assert td["budget"][0]["estimated"] == "100000.00"

    goal = followed.goals["TD 1.1"]
    goal.title = "Meer en betere sociale huurwoningen"
    goal.save()
    GoalBudget.objects.filter(goal=goal, year=2026).update(estimated=Decimal(150000))
    GoalFactory(plan=followed.plan, code="SD 2", title="Nieuw")
    second = record(
        followed,
        civil_servant,
        decided_on=datetime.date(2026, 10, 19),
        decision="GR 2026/241 – aanpassing nr. 1",
        changed_goals=[goal],
    )
    assert second.number == 2
    first.refresh_from_db()
    td = next(e for e in first.goal_tree if e["code"] == "TD 1.1")
    assert td["title"] == "Meer sociale huurwoningen"
    assert td["budget"][0]["estimated"] == "100000.00"
    changes = version_changes(second)
    assert changes.added == ["SD 2"]
    assert changes.changed == ["TD 1.1"]
    assert version_changes(first) is None


def test_goals_of_another_plan_and_outsiders_are_refused(
    followed, civil_servant, partner
):
    stranger = GoalFactory(code="SD 9")
    with pytest.raises(ValidationError):
        record(followed, civil_servant, changed_goals=[stranger])
    with pytest.raises(PermissionDenied):
        record(followed, partner)


def test_versions_are_readable_as_the_plan_is(followed, civil_servant, citizen):
    version = record(followed, civil_servant, changed_goals=[followed.goals["SD 1"]])
    client = Client()
    listing = client.get(f"/plannen/{followed.plan.pk}/versies/")
    assert listing.status_code == 200
    assert "GR 2025/287" in listing.content.decode()
    page = client.get(version.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Meer sociale huurwoningen" in html
    assert "gewijzigd in deze versie" in html
    csv = client.get(version.get_absolute_url(), {"formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "TD 1.1" in csv.content.decode()
    pdf = client.get(version.get_absolute_url(), {"formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/plannen/{followed.plan.pk}/versies/9/").status_code == 404

    followed.plan.audience = "staff"
    followed.plan.save()
    client.force_login(citizen)
    assert client.get(version.get_absolute_url()).status_code == 404
    assert client.get(f"/plannen/{followed.plan.pk}/versies/").status_code == 404
    client.force_login(civil_servant)
    assert client.get(version.get_absolute_url()).status_code == 200
