"""A small plan followed through 2026: goals with progress reports, budgets, an
indicator with values and targets, a linked signal and a linked advice. The clock
stands in 2027, so 2026 is a closed year."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cms.bodies.models import AdviceEvent
from cms.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from cms.models import GoalBudget, GoalLevel, PolicyPlanPage
from cms.services import goal_report_progress
from cms.signals.models import SignalEvent
from portal.access.audiences import Audience
from tests.factories import (
    AdviceFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    SignalFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

TODAY = datetime.datetime(2027, 2, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


@dataclass
class Followed:
    plan: PolicyPlanPage
    goals: dict
    indicator: Indicator
    signal: object
    advice: object


@pytest.fixture
def followed(home) -> Followed:
    plan = PolicyPlanPageFactory(
        parent=home,
        title="Meerjarenplan Testdorp",
        start_year=2026,
        end_year=2031,
        audience=Audience.PUBLIC,
    )
    lead = OrganisationFactory(name="Woonmaatschappij", is_partner=True)
    sd = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    td = GoalFactory(
        plan=plan,
        parent=sd,
        level=GoalLevel.TACTICAL,
        code="TD 1.1",
        title="Meer sociale huurwoningen",
        lead_organisation=lead,
    )
    td2 = GoalFactory(
        plan=plan,
        parent=sd,
        level=GoalLevel.TACTICAL,
        code="TD 1.2",
        title="Renovatie",
    )
    goal_report_progress(
        goal=td,
        status=goal_status("gepland"),
        progress=5,
        date=datetime.date(2026, 3, 1),
    )
    goal_report_progress(
        goal=td,
        status=goal_status("lopend"),
        progress=40,
        date=datetime.date(2026, 11, 5),
    )
    goal_report_progress(
        goal=td,
        status=goal_status("lopend"),
        progress=55,
        date=datetime.date(2027, 1, 20),
    )
    GoalBudget.objects.create(
        goal=td, year=2026, estimated=Decimal(100000), realised=Decimal(80000)
    )
    GoalBudget.objects.create(
        goal=td2,
        year=2026,
        estimated=Decimal(50000),
        adjusted=Decimal(40000),
        realised=Decimal(30000),
    )
    GoalBudget.objects.create(goal=td2, year=2027, estimated=Decimal(60000))
    indicator = Indicator.objects.create(
        name="Sociale huurwoningen", unit="woningen", direction="up", decimals=0
    )
    indicator.goals.add(td)
    IndicatorValue.objects.create(
        indicator=indicator, period=datetime.date(2026, 1, 1), value=Decimal(410)
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal(400))
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal(450))
    hidden = Indicator.objects.create(
        name="Interne wachtlijst", unit="gezinnen", audience=Audience.STAFF
    )
    hidden.goals.add(td)
    signal = SignalFactory(
        title="Te weinig huurwoningen",
        state="answered",
        submitted_at=aware(2026, 4, 2),
        answered_on=datetime.date(2026, 9, 1),
    )
    signal.goals.add(td)
    SignalFactory(state="submitted", submitted_at=aware(2026, 6, 1))
    SignalFactory(state="submitted", submitted_at=aware(2025, 6, 1))
    advice = AdviceFactory(
        title="Advies over huurpremies",
        state="answered",
        published=True,
        asked_on=datetime.date(2026, 2, 1),
    )
    advice.goals.add(td2)
    for state, day in (
        ("submitted", aware(2026, 3, 1)),
        ("answered", aware(2026, 4, 1)),
    ):
        event = AdviceEvent.objects.create(advice=advice, to_state=state)
        AdviceEvent.objects.filter(pk=event.pk).update(created_at=day)
    return Followed(
        plan=plan,
        goals={"SD 1": sd, "TD 1.1": td, "TD 1.2": td2},
        indicator=indicator,
        signal=signal,
        advice=advice,
    )


@pytest.fixture
def civil_servant(db):
    return StaffFactory()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def partner(db):
    return MembershipFactory().user


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


__all__ = ["SignalEvent"]
