"""A goal's own page (/doelen/<id>/<code>/): seen by whoever sees its plan, with its
status, progress history and chart, budget, owners, and the indicators, signals and
advice the viewer may see."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cms.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from cms.models import GoalBudget, GoalLevel, ProgressUpdate
from portal.access import Audience
from search.models import IndexedDocument
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

pytestmark = pytest.mark.django_db


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def owner():
    return MembershipFactory(
        organisation=OrganisationFactory(
            name="Woonmaatschappij Wilgenland", is_partner=True
        )
    )


@pytest.fixture
def plan(home):
    return PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")


@pytest.fixture
def goal(plan, owner):
    strategic = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    goal = GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1.1",
        title="Het aanbod sociale huurwoningen groeit",
        description="Samen met de woonmaatschappij.",
        status=goal_status("lopend"),
        progress=45,
        lead_organisation=owner.organisation,
    )
    goal.owner_organisations.add(OrganisationFactory(name="Dienst wonen"))
    contact = UserFactory(email="contact.persoon@example.test")
    goal.contact_persons.add(contact)
    return goal


@pytest.fixture
def staff_goal(home):
    plan = PolicyPlanPageFactory(
        parent=home, title="Intern actieplan", audience=Audience.STAFF
    )
    return GoalFactory(plan=plan, code="SD 9", title="Interne werking versterken")


def page_of(goal, user=None):
    return client_of(user).get(goal.get_absolute_url())


def test_the_address_carries_the_code_and_a_wrong_slug_redirects(goal):
    assert goal.get_absolute_url() == f"/doelen/{goal.pk}/td-1-1/"
    response = client_of().get(f"/doelen/{goal.pk}/iets-anders/")
    assert response.status_code == 301
    assert response["Location"] == goal.get_absolute_url()


def test_a_public_plans_goal_is_public(goal):
    response = page_of(goal)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het aanbod sociale huurwoningen groeit" in html
    assert "Samen met de woonmaatschappij." in html
    assert 'aria-valuenow="45"' in html and "Lopend" in html


@pytest.mark.parametrize("who", ["anonymous", "citizen", "partner"])
def test_a_staff_plans_goal_is_not_found_outside_staff(staff_goal, who):
    user = {
        "anonymous": None,
        "citizen": UserFactory(),
        "partner": MembershipFactory().user,
    }[who]
    assert page_of(staff_goal, user).status_code == 404
    # Not even a redirect from a wrong slug tells that it exists.
    wrong = client_of(user).get(f"/doelen/{staff_goal.pk}/x/")
    assert wrong.status_code == 404


def test_a_civil_servant_sees_a_staff_plans_goal(staff_goal):
    assert page_of(staff_goal, StaffFactory()).status_code == 200


def test_breadcrumbs_lead_through_the_plan_and_the_parent_goals(goal, plan):
    html = page_of(goal).content.decode()
    trail = html[
        html.index('class="breadcrumbs"') : html.index(
            "</nav>", html.index('class="breadcrumbs"')
        )
    ]
    assert plan.url in trail
    assert goal.parent.get_absolute_url() in trail
    assert '<span aria-current="page">TD 1.1</span>' in trail


def test_owners_are_named_and_linked_only_where_the_viewer_may_go(goal, owner):
    organisation_page = reverse("partners:organisation", args=[owner.organisation.slug])
    public = page_of(goal).content.decode()
    assert "Woonmaatschappij Wilgenland" in public and "Dienst wonen" in public
    assert "Trekker" in public and "Mede-eigenaar" in public
    assert organisation_page not in public
    assert "contact.persoon@example.test" not in public
    member = page_of(goal, owner.user).content.decode()
    assert organisation_page in member


def test_history_timeline_chart_and_table(goal, owner):
    ProgressUpdate.objects.create(
        goal=goal,
        date=datetime.date(2026, 3, 2),
        status=goal_status("gepland"),
        progress=10,
        text="Grond aangekocht.",
    )
    ProgressUpdate.objects.create(
        goal=goal,
        date=datetime.date(2026, 9, 14),
        status=goal_status("lopend"),
        progress=45,
        text="Bouwaanvraag ingediend.",
        organisation=owner.organisation,
        figures=[{"label": "Woningen in aanbouw", "value": "1250.5", "unit": "m²"}],
    )
    html = page_of(goal).content.decode()
    assert html.index("Bouwaanvraag ingediend.") < html.index("Grond aangekocht.")
    assert "namens Woonmaatschappij Wilgenland" in html
    assert "Woningen in aanbouw: <strong>1.250,5</strong> m²" in html
    assert '<svg class="line-chart__svg"' in html
    assert '<th scope="row">02-03-2026</th><td>10</td>' in html
    assert '<th scope="row">14-09-2026</th><td>45</td>' in html


def test_without_reports_the_page_says_so(goal):
    html = page_of(goal).content.decode()
    assert "nog geen voortgang gerapporteerd" in html
    assert "<svg" not in html


def test_budget_per_year_with_totals(goal):
    GoalBudget.objects.create(
        goal=goal, year=2026, estimated=Decimal("250000"), realised=Decimal("231500")
    )
    GoalBudget.objects.create(
        goal=goal, year=2027, estimated=Decimal("80000"), adjusted=Decimal("95000")
    )
    html = page_of(goal).content.decode()
    table = html[
        html.index('class="table goal-budget"') : html.index(
            "</table>", html.index("goal-budget")
        )
    ]
    assert "<caption" in table and 'scope="col"' in table
    cell = r"\s*<td>(.*?)</td>"

    def cells(label):
        return re.search(rf'<th scope="row">{label}</th>{cell * 3}', table).groups()

    assert cells("2026") == ("250.000,00", "–", "231.500,00")
    assert cells("Totaal") == ("330.000,00", "95.000,00", "231.500,00")
    assert "<tfoot>" in table


def test_children_are_listed_with_their_own_links(goal, plan):
    child = GoalFactory(
        plan=plan,
        parent=goal,
        level=GoalLevel.OPERATIONAL,
        code="OD 1.1.1",
        title="Zestig bijkomende sociale huurwoningen",
        status=goal_status("gerealiseerd"),
        progress=100,
    )
    html = page_of(goal).content.decode()
    assert child.get_absolute_url() in html
    # A parent's progress is its children's mean, as on the plan's page.
    assert 'aria-label="Voortgang TD 1.1"' in html
    assert re.search(r'aria-valuenow="100" aria-label="Voortgang OD 1.1.1"', html)


def test_indicators_only_those_the_viewer_may_see(goal):
    public = Indicator.objects.create(
        name="Sociale huurwoningen", unit="woningen", audience=Audience.PUBLIC
    )
    internal = Indicator.objects.create(
        name="Wachttijd intern", unit="maanden", audience=Audience.STAFF
    )
    for indicator in (public, internal):
        indicator.goals.add(goal)
    IndicatorValue.objects.create(
        indicator=public, period=datetime.date(2025, 1, 1), value=Decimal("410")
    )
    IndicatorValue.objects.create(
        indicator=public, period=datetime.date(2026, 1, 1), value=Decimal("432")
    )
    IndicatorTarget.objects.create(indicator=public, year=2031, value=Decimal("470"))
    html = page_of(goal).content.decode()
    assert f'href="/indicatoren/{public.slug}/"' in html
    assert "432 woningen" in html and "470 woningen" in html
    assert "Wachttijd intern" not in html
    assert "Wachttijd intern" in page_of(goal, StaffFactory()).content.decode()


def test_signals_only_for_those_who_may_see_them(goal, owner):
    draft = SignalFactory(title="Een concept van een partner", state="draft")
    registered = SignalFactory(title="Geregistreerd woonsignaal", state="registered")
    draft.goals.add(goal)
    registered.goals.add(goal)
    anonymous = page_of(goal).content.decode()
    assert "woonsignaal" not in anonymous and "concept" not in anonymous
    assert 'id="signalen"' not in anonymous  # not even an empty section
    partner = page_of(goal, MembershipFactory().user).content.decode()
    assert "Geregistreerd woonsignaal" in partner
    assert "Een concept van een partner" not in partner
    assert reverse("partners:signal", args=[registered.pk]) in partner
    author = page_of(goal, draft.author).content.decode()
    assert "Een concept van een partner" in author


def test_advice_only_when_published(goal):
    public = AdviceFactory(title="Advies over huurwoningen", state="adopted")
    public.published = True
    public.save()
    hidden = AdviceFactory(title="Ontwerp van een advies", state="adopted")
    for advice in (public, hidden):
        advice.goals.add(goal)
    html = page_of(goal).content.decode()
    assert "Advies over huurwoningen" in html
    assert reverse("bodies:advice", args=[public.pk]) in html
    assert "Ontwerp van een advies" not in html
    assert "Ontwerp van een advies" in page_of(goal, StaffFactory()).content.decode()


def test_only_owners_see_the_report_link(goal, owner):
    report = reverse("partners:goal_report", args=[goal.pk])
    assert report in page_of(goal, owner.user).content.decode()
    assert report not in page_of(goal, MembershipFactory().user).content.decode()
    assert report not in page_of(goal).content.decode()


def test_the_plan_page_links_each_panel_to_its_goal_page(goal, plan):
    html = client_of().get(plan.url).content.decode()
    assert 'id="doel-td-1-1"' in html
    assert goal.get_absolute_url() in html
    assert "Meer over deze doelstelling" in html


def test_the_partner_dashboard_links_to_the_goal_page(goal, owner):
    html = client_of(owner.user).get("/partners/").content.decode()
    assert goal.get_absolute_url() in html


def test_the_search_document_points_to_the_goal_page_which_exists(goal):
    document = IndexedDocument.objects.get(key=f"cms.goal:{goal.pk}")
    assert document.url == goal.get_absolute_url()
    assert client_of().get(document.url).status_code == 200


def test_the_api_goal_detail_links_to_the_page(goal):
    data = client_of().get(f"/api/v1/goals/{goal.pk}/").json()
    assert data["page_url"].endswith(goal.get_absolute_url())
