"""Publishing freezes a report: its figures match the database at that moment and
stay as they were after new progress reports, budget changes and indicator
values; its texts can no longer be changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.followup.engine import figures_of, report_figures
from cms.followup.models import PlanReport
from cms.followup.services import report_draft, report_publish
from cms.indicators.models import IndicatorValue
from cms.models import GoalBudget
from cms.services import goal_report_progress
from tests.factories import goal_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(followed):
    return report_draft(
        plan=followed.plan,
        year=2026,
        introduction="Een jaar van opstart.",
        conclusions="We gaan door.",
    )


def test_the_published_figures_are_those_of_the_moment_and_stay(
    followed, draft, civil_servant
):
    before = report_figures(followed.plan, year=2026)
    report = report_publish(draft, civil_servant)
    assert report.status == PlanReport.Status.PUBLISHED
    assert report.published_by == civil_servant
    assert report.published_at is not None
    assert report.title == "Jaarverslag 2026 Meerjarenplan Testdorp"
    assert report.figures == before

    td = followed.goals["TD 1.1"]
    goal_report_progress(
        goal=td,
        status=goal_status("gerealiseerd"),
        progress=100,
        date=datetime.date(2026, 12, 20),  # late, but dated in the year
    )
    GoalBudget.objects.filter(goal=td, year=2026).update(realised=Decimal(99000))
    IndicatorValue.objects.create(
        indicator=followed.indicator,
        period=datetime.date(2026, 7, 1),
        value=Decimal(380),
    )
    live = report_figures(followed.plan, year=2026)
    assert live != before  # the database moved on ...
    report.refresh_from_db()
    assert figures_of(report) == before  # ... the report did not
    row = next(g for g in figures_of(report)["goals"] if g["code"] == "TD 1.1")
    assert (row["status"], row["progress"]) == ("Lopend", 40)


def test_a_draft_shows_live_figures(followed, draft):
    goal_report_progress(
        goal=followed.goals["TD 1.2"],
        status=goal_status("lopend"),
        progress=30,
        date=datetime.date(2026, 10, 1),
    )
    row = next(g for g in figures_of(draft)["goals"] if g["code"] == "TD 1.2")
    assert row["progress"] == 30


def test_a_published_report_cannot_be_changed(followed, draft, civil_servant):
    report = report_publish(draft, civil_servant)
    report.introduction = "Toch iets anders."
    with pytest.raises(ValidationError):
        report.full_clean()
    report.refresh_from_db()
    report.figures = {}
    with pytest.raises(ValidationError):
        report.full_clean()
    report.refresh_from_db()
    report.status = PlanReport.Status.DRAFT
    with pytest.raises(ValidationError):
        report.full_clean()
    with pytest.raises(ValidationError):
        report_publish(report, civil_servant)  # never published twice


@pytest.mark.parametrize("who", ["citizen", "partner", "anonymous"])
def test_only_civil_servants_and_editors_publish(request, draft, who):
    with pytest.raises(PermissionDenied):
        report_publish(draft, request.getfixturevalue(who))
    draft.refresh_from_db()
    assert draft.status == PlanReport.Status.DRAFT
    assert draft.figures == {}


def test_a_year_report_needs_its_year_and_is_unique(followed, draft):
    with pytest.raises(ValidationError):
        report_draft(plan=followed.plan, year=2026)
    evaluation = report_draft(plan=followed.plan, year=None)
    assert evaluation.kind == PlanReport.Kind.EVALUATION
