"""A page's number of database queries must not grow with its content: every page
type that `make bench-pages` times (`portal.bench.pages.targets`) is rendered on the
demo town, then again after more goals, services and signals were added, and may not
need a single query more. Fragments are not cached here (a dummy cache), so each
render does all its work."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cms.demo.accounts import CIVIL_SERVANT_EMAIL, PARTNER_EMAIL
from cms.models import Goal, GoalLevel, LifeDomain, PolicyPlanPage
from cms.signals.models import SignalState
from cms.socialmap.models import Service
from portal.access.roles import requires_second_factor
from portal.bench import pages
from portal.models import Membership
from tests.conftest import demo_loaded
from tests.factories import GoalFactory, SignalFactory, enrol_second_factor

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

#: The page types of the three doors the benchmark and this test must cover.
PAGE_TYPES = {
    "home",
    "search",
    "social map list",
    "social map search",
    "citizen page",
    "partner dashboard",
    "partner signals",
    "partner search",
    "partner signal",
    "intranet dashboard",
    "intranet signal queue",
    "intranet progress",
    "intranet search",
    "framework text",
    "plan page",
    "plan page (staff)",
    "goal page",
    "signal bundle",
    "service page",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def _clients(targets) -> dict:
    clients = {None: Client()}
    for email in {target.reader for target in targets if target.reader}:
        user = get_user_model().objects.get(email=email)
        if requires_second_factor(user):
            enrol_second_factor(user)
        client = Client()
        client.force_login(user)
        clients[email] = client
    return clients


def _query_counts(targets, clients) -> dict[str, int]:
    counts = {}
    for target in targets:
        client = clients[target.reader]
        client.get(target.path, secure=True)  # sessions and lookups settle first
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target.path, secure=True)
        assert response.status_code == 200, target.label
        counts[target.label] = len(queries)
    return counts


def _add_content() -> None:
    """More of everything the pages list: goals with children under the plan and
    under the goal with most children, services, and signals of the partner's
    organisation in every state the doors show."""
    plan = max(PolicyPlanPage.objects.live(), key=lambda plan: plan.goals.count())
    domain = LifeDomain.objects.first()
    for number in range(6):
        parent = GoalFactory(plan=plan, code=f"SD 9{number}")
        parent.life_domains.add(domain)
        child = GoalFactory(
            plan=plan, parent=parent, level=GoalLevel.TACTICAL, code=f"TD 9{number}.1"
        )
        child.life_domains.add(domain)
    busiest = max(Goal.objects.all(), key=lambda goal: goal.children.count())
    for number in range(4):
        GoalFactory(
            plan=busiest.plan,
            parent=busiest,
            level=GoalLevel.TACTICAL,
            code=f"{busiest.code}.9{number}",
        )
    for service in list(Service.objects.filter(live=True)[:5]):
        service.pk = uuid.uuid4()
        service.name = f"{service.name} (bis)"
        service.save()
    organisation = Membership.objects.get(user__email=PARTNER_EMAIL).organisation
    states = (SignalState.DRAFT, SignalState.SUBMITTED, SignalState.REGISTERED)
    for index, state in enumerate(states):
        for number in range(3):
            SignalFactory(
                organisation=organisation,
                state=state,
                reference=f"S-2099-{index}{number:03d}",  # fits the 16 characters
            )


@override_settings(CACHES=NO_CACHE)
def test_no_page_needs_more_queries_for_more_content(demo):
    targets = pages.targets()
    assert {target.label for target in targets} >= PAGE_TYPES
    clients = _clients(targets)
    before = _query_counts(targets, clients)
    goals, signals = Goal.objects.count(), SignalFactory._meta.model.objects.count()

    _add_content()

    assert Goal.objects.count() == goals + 16
    assert SignalFactory._meta.model.objects.count() == signals + 9
    after = _query_counts(targets, clients)
    grown = {
        label: (before[label], count)
        for label, count in after.items()
        if count > before[label]
    }
    print("queries per page:", after)
    assert not grown, f"queries grew with content (before, after): {grown}"
    assert CIVIL_SERVANT_EMAIL in clients
