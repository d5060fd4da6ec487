"""The demo signals: every state, several organisations, one published bundle that
shows only consented signals, and the visibility rule per demo account."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from cms.models import Goal
from cms.signals.demo import GOAL_LINKS, ensure_signals
from cms.signals.models import Signal, SignalBundlePage, SignalState
from cms.signals.selectors import signals_visible_to
from cms.site import ensure_home_page
from portal.models import User
from tests.conftest import demo_loaded


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def visible(email):
    user = AnonymousUser() if email is None else User.objects.get(email=email)
    return set(signals_visible_to(user).values_list("state", flat=True))


@pytest.mark.django_db
def test_demo_signals_in_every_state(demo):
    assert set(Signal.objects.values_list("state", flat=True)) == set(
        SignalState.values
    )
    assert Signal.objects.values("organisation").distinct().count() >= 4
    assert Signal.objects.filter(events__isnull=False).distinct().count() == (
        Signal.objects.count()
    )


@pytest.mark.django_db
def test_visibility_per_demo_account(demo):
    assert visible(None) == {SignalState.BUNDLED, SignalState.ANSWERED}
    assert visible("burger@demo.lokaal") == visible(None)
    # partner@ sees its own draft; partner2@ does not.
    assert SignalState.DRAFT in visible("partner@demo.lokaal")
    assert SignalState.DRAFT not in visible("partner2@demo.lokaal")
    assert SignalState.REJECTED not in visible("partner@demo.lokaal")
    assert SignalState.SUBMITTED in visible("partner2@demo.lokaal")  # its own
    staff = visible("ambtenaar@demo.lokaal")
    assert SignalState.REJECTED in staff and SignalState.DRAFT not in staff


@pytest.mark.django_db
def test_the_published_bundle_shows_consented_signals_only(demo):
    page = SignalBundlePage.objects.live().get()
    html = Client().get(page.url).content.decode()
    assert "Digitale drempels" in html
    assert "Lange wachttijden voor psychologische" in html
    assert "Geen kinderopvang voor werkzoekenden" not in html  # no consent


@pytest.mark.django_db
def test_demo_signals_inform_goals_and_their_pages_show_them(demo):
    linked = Signal.objects.filter(goals__isnull=False).distinct()
    assert linked.count() == len(GOAL_LINKS)
    events = Signal.objects.filter(events__kind="goal_linked").count()
    assert events == sum(len(codes) for codes in GOAL_LINKS.values())
    # A second run links nothing twice.
    users = {user.email: user for user in User.objects.all()}
    plan = Goal.objects.get(code="OD 2.2.1").plan
    ensure_signals(ensure_home_page(), users=users, plan=plan)
    assert Signal.objects.filter(events__kind="goal_linked").count() == events
    # The public sees a published signal on its goal's page; a registered one
    # only partners and civil servants.
    public = Client().get(Goal.objects.get(code="OD 2.2.1").get_absolute_url())
    assert "Digitale drempels" in public.content.decode()
    housing = Goal.objects.get(code="TD 1.3").get_absolute_url()
    assert "Slechte woningkwaliteit" not in Client().get(housing).content.decode()
    partner = Client()
    partner.force_login(User.objects.get(email="partner2@demo.lokaal"))
    assert "Slechte woningkwaliteit" in partner.get(housing).content.decode()
