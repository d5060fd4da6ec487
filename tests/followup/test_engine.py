"""The report engine: what each figure of a yearly report and of the evaluation
says, computed from the database in a bounded number of queries."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.followup.engine import report_figures
from cms.models import GoalBudget
from cms.services import goal_report_progress
from portal.access.audiences import Audience
from tests.factories import GoalFactory, goal_status

pytestmark = pytest.mark.django_db


def goal_row(figures, code):
    return next(row for row in figures["goals"] if row["code"] == code)


def test_a_closed_year_takes_each_goal_as_it_stood_on_31_december(followed):
    figures = report_figures(followed.plan, year=2026)
    td = goal_row(figures, "TD 1.1")
    assert td["status"] == "Lopend"
    assert td["progress"] == 40  # the report of January 2027 is not counted
    assert td["state_on"] == "2026-11-05"
    assert td["state_source"] == "report"
    assert td["reports"] == 2
    assert td["parent"] == "SD 1"
    assert td["lead_organisation"] == "Woonmaatschappij"
    assert goal_row(figures, "TD 1.2")["state_source"] == "none"
    assert figures["goal_counts"]["reports"] == 2
    assert figures["goal_counts"]["without_report"] == 2
    assert json.loads(json.dumps(figures)) == figures  # stored as they are


def test_the_running_year_takes_the_current_state(followed):
    figures = report_figures(followed.plan, year=2027)
    td = goal_row(figures, "TD 1.1")
    assert (td["status"], td["progress"], td["state_source"]) == (
        "Lopend",
        55,
        "current",
    )
    assert td["reports"] == 1


def test_budget_per_goal_and_in_total(followed):
    budget = report_figures(followed.plan, year=2026)["budget"]
    assert budget["years"] == [2026]
    lines = {line["code"]: line for line in budget["lines"]}
    assert set(lines) == {"TD 1.1", "TD 1.2"}
    assert lines["TD 1.2"]["years"][0] == {
        "year": 2026,
        "estimated": "50000.00",
        "adjusted": "40000.00",
        "realised": "30000.00",
        "available": "40000.00",
        "rate": 75,
    }
    total = budget["totals"]["total"]
    assert total["estimated"] == "150000.00"
    assert total["realised"] == "110000.00"
    assert total["adjusted"] == "40000.00"
    assert total["available"] == "140000.00"  # each line's adjusted or estimate
    assert total["rate"] == 79


def test_the_evaluation_covers_every_year_begun(followed):
    figures = report_figures(followed.plan)
    assert figures["kind"] == "evaluation"
    assert figures["years"] == [2026, 2027]
    td2 = next(line for line in figures["budget"]["lines"] if line["code"] == "TD 1.2")
    assert [cell["estimated"] for cell in td2["years"]] == ["50000.00", "60000.00"]
    assert td2["total"]["estimated"] == "110000.00"
    assert goal_row(figures, "TD 1.1")["reports"] == 3


def test_indicators_against_their_targets(followed):
    figures = report_figures(followed.plan, year=2026)
    (row,) = figures["indicators"]  # the staff-only one is not named on a public plan
    assert row["name"] == "Sociale huurwoningen"
    assert row["goals"] == ["TD 1.1"]
    assert row["years"][0]["value"] == "410"
    assert row["years"][0]["target"] == "400"
    assert row["years"][0]["on_track"] is True
    assert figures["indicator_counts"]["on_track"] == 1
    evaluation = report_figures(followed.plan)
    cell_2027 = evaluation["indicators"][0]["years"][1]
    assert (cell_2027["value"], cell_2027["target"], cell_2027["on_track"]) == (
        None,
        "450",
        None,
    )


def test_a_staff_plan_names_its_staff_indicators(followed):
    followed.plan.audience = Audience.STAFF
    followed.plan.save()
    names = [
        row["name"] for row in report_figures(followed.plan, year=2026)["indicators"]
    ]
    assert names == ["Interne wachtlijst", "Sociale huurwoningen"]


def test_signals_and_advice_of_the_year(followed):
    figures = report_figures(followed.plan, year=2026)
    signals = figures["signals"]
    assert (signals["received"], signals["answered"], signals["linked"]) == (2, 1, 1)
    # A signal not published in a bundle is counted, not named, on a public plan.
    assert signals["listed"] == []
    assert signals["not_listed"] == 1
    advice = figures["advice"]
    assert (advice["given"], advice["answered"], advice["linked"]) == (1, 1, 1)
    (listed,) = advice["listed"]
    assert listed["title"] == "Advies over huurpremies"
    assert listed["goals"] == ["TD 1.2"]
    assert (listed["given_on"], listed["answered_on"]) == ("2026-03-01", "2026-04-01")


def test_a_staff_plan_names_its_signals(followed):
    followed.plan.audience = Audience.STAFF
    followed.plan.save()
    (listed,) = report_figures(followed.plan, year=2026)["signals"]["listed"]
    assert listed["title"] == "Te weinig huurwoningen"
    assert listed["goals"] == ["TD 1.1"]
    assert listed["received_on"] == "2026-04-02"


def test_a_year_outside_the_plan_is_refused(followed):
    from django.core.exceptions import ValidationError

    for year in (2025, 2028):
        with pytest.raises(ValidationError):
            report_figures(followed.plan, year=year)


def test_queries_do_not_grow_with_the_goals(followed):
    with CaptureQueriesContext(connection) as few:
        report_figures(followed.plan, year=2026)
    for n in range(10):
        goal = GoalFactory(plan=followed.plan, code=f"SD {n + 10}")
        GoalBudget.objects.create(goal=goal, year=2026, estimated=1000)
        goal_report_progress(
            goal=goal, status=goal_status("lopend"), date=datetime.date(2026, 5, 1)
        )
    with CaptureQueriesContext(connection) as many:
        report_figures(followed.plan, year=2026)
    assert len(many) == len(few)
