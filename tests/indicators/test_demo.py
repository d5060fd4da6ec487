"""The demo's five indicators: values 2023-2026, targets 2026-2031, linked to
goals of Wilgendonk's plan, one quarterly and one for civil servants only; a
second run changes nothing."""

import pytest
from django.test import Client

from cms.indicators.demo import ensure_indicators
from cms.indicators.models import Frequency, Indicator, IndicatorTarget, IndicatorValue
from cms.models import PolicyPlanPage
from portal.access import Audience
from tests.conftest import demo_loaded


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


@pytest.mark.django_db
def test_the_demo_has_five_indicators_with_figures_and_goals(demo):
    indicators = Indicator.objects.prefetch_related("values", "targets", "goals")
    assert indicators.count() == 5
    for indicator in indicators:
        years = {value.period.year for value in indicator.values.all()}
        assert years == {2023, 2024, 2025, 2026}, indicator
        assert [t.year for t in indicator.targets.all()] == list(range(2026, 2032))
        assert 1 <= indicator.goals.count() <= 2, indicator
        assert indicator.life_domain is not None, indicator
    assert indicators.filter(frequency=Frequency.QUARTERLY).count() == 1
    assert indicators.filter(audience=Audience.STAFF).count() == 1
    counts = (IndicatorValue.objects.count(), IndicatorTarget.objects.count())
    plan = PolicyPlanPage.objects.get(slug="meerjarenplan-2026-2031")
    assert ensure_indicators(plan) == 0
    assert (IndicatorValue.objects.count(), IndicatorTarget.objects.count()) == counts


@pytest.mark.django_db
def test_the_demo_pages_render_for_a_citizen(demo):
    client = Client()
    html = client.get("/indicatoren/").content.decode()
    assert "Wachttijd voor budgetbegeleiding" in html
    assert "Partners die tijdig rapporteren" not in html
    for indicator in Indicator.objects.filter(audience=Audience.PUBLIC):
        response = client.get(f"/indicatoren/{indicator.slug}/")
        assert response.status_code == 200
        assert "<svg" in response.content.decode()
