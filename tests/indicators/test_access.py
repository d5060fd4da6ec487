"""Who sees an indicator (its audience, as for pages) and who records values."""

import pytest

from cms.indicators.models import Indicator
from portal.access import (
    Audience,
    indicator_is_visible_to,
    indicators_visible_to,
    may_record_indicator_values,
)
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

SEES = {
    "anonymous": {Audience.PUBLIC},
    "citizen": {Audience.PUBLIC},
    "partner": {Audience.PUBLIC, Audience.PARTNERS},
    "civil_servant": {Audience.PUBLIC, Audience.PARTNERS, Audience.STAFF},
}


@pytest.mark.parametrize("who", SEES)
def test_each_person_sees_the_indicators_of_their_audiences(who, people):
    for audience in Audience.values:
        IndicatorFactory(name=f"Indicator {audience}", audience=audience)
    user = people[who]
    visible = indicators_visible_to(user, Indicator.objects.all())
    assert {indicator.audience for indicator in visible} == SEES[who]
    for indicator in Indicator.objects.all():
        assert indicator_is_visible_to(user, indicator) == (
            indicator.audience in SEES[who]
        )


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("anonymous", False),
        ("citizen", False),
        ("partner", False),
        ("civil_servant", True),
        ("editor", True),
    ],
)
def test_civil_servants_and_editors_record_values(who, may, people):
    assert may_record_indicator_values(people[who]) is may
