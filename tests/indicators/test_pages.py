"""/indicatoren/: the list grouped by life domain with the latest value, target,
trend and outlook in words; an indicator's page with its chart, tables and
goals; 404 for an indicator the visitor may not see."""

import datetime
import re

import pytest
from django.test import Client

from cms.indicators.charts import indicator_chart
from cms.indicators.models import Direction, Frequency
from cms.indicators.selectors import Outlook, Trend, indicator_summary
from cms.models import LifeDomain
from portal.access import Audience
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    PolicyPlanPageFactory,
)
from tests.factories import signed_in_client as client_for

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def waiting_time(home):
    """Waiting days for budget counselling: lower is better, falling, target met
    not yet."""
    indicator = IndicatorFactory(
        name="Wachttijd budgetbegeleiding",
        slug="wachttijd",
        unit="dagen",
        direction=Direction.DOWN,
        life_domain=LifeDomain.objects.get(slug="inkomen"),
        source="Registratie OCMW",
    )
    IndicatorValueFactory(
        indicator=indicator,
        period=D(2025, 1, 1),
        value=48,
        measured_on=D(2026, 1, 15),
        note="Nieuwe registratie",
    )
    IndicatorValueFactory(indicator=indicator, period=D(2026, 1, 1), value=41)
    IndicatorTargetFactory(indicator=indicator, year=2027, value=30)
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan Wilgendonk")
    indicator.goals.add(GoalFactory(plan=plan, code="TD 2.3", title="Schulden"))
    return indicator


def test_the_summary_reads_trend_and_outlook_against_the_direction(waiting_time):
    summary = indicator_summary(waiting_time)
    assert summary.trend == Trend.DOWN
    assert summary.outlook == Outlook.GOOD  # falling, and lower is better
    assert summary.target.year == 2027
    IndicatorValueFactory(indicator=waiting_time, period=D(2027, 1, 1), value=29)
    assert indicator_summary(waiting_time).outlook == Outlook.REACHED
    waiting_time.targets.all().delete()
    waiting_time.direction = Direction.UP  # the same fall, where higher is better
    assert indicator_summary(waiting_time).outlook == Outlook.BAD
    waiting_time.direction = Direction.NONE
    assert indicator_summary(waiting_time).outlook is None


def test_the_list_groups_by_life_domain_and_says_it_in_words(waiting_time, people):
    IndicatorFactory(name="Intern cijfer", audience=Audience.STAFF)
    html = client_for(people["citizen"]).get("/indicatoren/").content.decode()
    assert '<h2 id="domein-inkomen">Inkomen</h2>' in html
    assert "Wachttijd budgetbegeleiding" in html
    assert "41 dagen" in html and "30 dagen" in html
    assert "daalt" in html and "gaat de goede kant op" in html
    assert "Intern cijfer" not in html
    staff_html = client_for(people["civil_servant"]).get("/indicatoren/")
    assert "Intern cijfer" in staff_html.content.decode()


def test_the_page_has_the_chart_the_tables_and_the_goals(waiting_time, people):
    response = client_for(people["anonymous"]).get("/indicatoren/wachttijd/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="line-chart__svg"' in html and "<rect" in html  # a target
    assert '<th scope="row">2026</th><td>41</td><td>–</td>' in html
    assert "15 januari 2026" in html and "Nieuwe registratie" in html
    assert "Registratie OCMW" in html and "lager is beter" in html
    goal = waiting_time.goals.get()
    assert f'href="{goal.get_absolute_url()}"' in html
    assert "TD 2.3 Schulden" in html


def test_an_indicator_the_visitor_may_not_see_is_a_404(people):
    IndicatorFactory(slug="partnercijfer", audience=Audience.PARTNERS)
    assert (
        client_for(people["citizen"]).get("/indicatoren/partnercijfer/").status_code
        == 404
    )
    assert (
        client_for(people["partner"]).get("/indicatoren/partnercijfer/").status_code
        == 200
    )
    assert (
        client_for(people["anonymous"]).get("/indicatoren/bestaat-niet/").status_code
        == 404
    )


def test_a_goal_of_a_plan_the_visitor_may_not_see_is_not_linked(
    waiting_time, people, home
):
    plan = PolicyPlanPageFactory(parent=home, audience=Audience.STAFF, title="Intern")
    waiting_time.goals.add(GoalFactory(plan=plan, code="SD 9", title="Geheim doel"))
    html = client_for(people["citizen"]).get("/indicatoren/wachttijd/").content.decode()
    assert "Geheim doel" not in html


def test_a_quarterly_chart_puts_each_yearly_target_on_the_fourth_quarter():
    indicator = IndicatorFactory(frequency=Frequency.QUARTERLY)
    IndicatorValueFactory(indicator=indicator, period=D(2025, 10, 1), value=5)
    IndicatorValueFactory(indicator=indicator, period=D(2026, 4, 1), value=7)
    IndicatorTargetFactory(indicator=indicator, year=2026, value=9)
    chart = indicator_chart(indicator)
    assert chart.periods == ["2025 K4", "2026 K1", "2026 K2", "2026 K3", "2026 K4"]
    assert chart.rows[1] == ("2026 K1", ["–", "–"])  # a gap stays a gap
    assert chart.rows[-1] == ("2026 K4", ["–", "9"])


def test_no_wide_elements_that_would_scroll_sideways(waiting_time):
    """Every table of the pages stacks on a phone, and the chart scales."""
    html = Client().get("/indicatoren/wachttijd/").content.decode()
    tables = re.findall(r'<table class="([^"]+)"', html)
    assert tables and all(
        "table--stack" in classes or "line-chart__table" in classes
        for classes in tables
    )
    assert 'viewBox="0 0 640 280"' in html and ' width="640"' not in html


def test_the_plan_page_leads_to_the_indicators_that_measure_it(waiting_time, people):
    plan = waiting_time.goals.get().plan
    html = client_for(people["anonymous"]).get(plan.url).content.decode()
    assert 'href="/indicatoren/"' in html
    waiting_time.audience = Audience.STAFF
    waiting_time.save()
    html = client_for(people["anonymous"]).get(plan.url).content.decode()
    assert 'href="/indicatoren/"' not in html
