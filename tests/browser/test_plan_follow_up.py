"""Following a plan in Chromium: a partner reports progress on a goal its
organisation carries, a civil servant finds the report on the intranet dashboard,
and a citizen opens the goal's page and sees the new status, the progress chart
and its table. Every page passes axe-core, and the goal page fits a phone."""

import datetime
import re

from playwright.sync_api import expect

from cms.models import GoalLevel, ProgressUpdate
from cms.site import ensure_home_page
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_signals import session_page
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    goal_status,
)

HOUSING_PARTNER = "Woonmaatschappij Wilgenland"
REPORT = "Twaalf nieuwe sociale huurwoningen zijn toegewezen in de Molenwijk."


def carried_goal():
    """A goal of a public plan, led by the housing partner, with one earlier
    report (so the chart has a line), and a member of that partner."""
    home = ensure_home_page()
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan Wilgendonk")
    strategic = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    partner = OrganisationFactory(name=HOUSING_PARTNER, is_partner=True)
    goal = GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1.1",
        title="Het aanbod sociale huurwoningen groeit",
        status=goal_status("gepland"),
        progress=10,
        lead_organisation=partner,
        start_date=datetime.date(2026, 1, 1),
    )
    ProgressUpdate.objects.create(
        goal=goal,
        date=datetime.date(2026, 3, 1),
        status=goal_status("gepland"),
        progress=10,
        text="De bouwaanvraag is ingediend.",
        organisation=partner,
    )
    member = MembershipFactory(
        organisation=partner, user__email="partner2@demo.lokaal"
    ).user
    return goal, member


def test_a_partner_reports_the_town_sees_it_and_a_citizen_reads_it(
    new_context, live_server
):
    goal, member = carried_goal()
    civil_servant = StaffFactory(email="ambtenaar@demo.lokaal")

    # The partner reports from the dashboard's link.
    partner = session_page(new_context(), live_server, member)
    partner.goto("/partners/")
    partner.get_by_role("link", name="Voortgang melden").first.click()
    expect(partner.get_by_role("heading", level=1)).to_contain_text("TD 1.1")
    assert_no_serious_axe_violations(partner)
    partner.get_by_label("Status").select_option(label="Lopend")
    partner.get_by_label("Voortgang (%)").fill("60")
    partner.get_by_label("Toelichting").fill(REPORT)
    partner.get_by_role("button", name="Rapport bewaren").click()
    expect(
        partner.get_by_text("Je voortgangsrapport over TD 1.1 is bewaard.")
    ).to_be_visible()
    report = goal.progress_updates.get(text=REPORT)
    assert (report.progress, report.author, report.organisation.name) == (
        60,
        member,
        HOUSING_PARTNER,
    )

    # The civil servant finds it among the new reports on the intranet.
    town = session_page(new_context(), live_server, civil_servant)
    town.goto("/intranet/")
    recent = town.locator("section").filter(
        has=town.get_by_role("heading", name="Nieuwe voortgangsrapporten")
    )
    row = recent.get_by_role("row").nth(1)  # the newest report, under the header
    expect(row).to_contain_text("TD 1.1")
    expect(row).to_contain_text("Lopend, 60%")
    expect(row).to_contain_text(HOUSING_PARTNER)
    assert_no_serious_axe_violations(town)

    # A citizen goes from the plan to the goal's own page.
    citizen = new_context().new_page()
    citizen.goto(goal.plan.url)
    citizen.locator("summary", has_text="SD 1").click()  # strategic goals are folded
    citizen.get_by_role(
        "link", name=re.compile(r"Meer over deze doelstelling\W+TD 1\.1")
    ).click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text(
        "Het aanbod sociale huurwoningen groeit"
    )
    expect(citizen.get_by_text("Lopend").first).to_be_visible()
    chart = citizen.get_by_role("img", name="Voortgang")
    expect(chart).to_be_visible()
    table = citizen.locator("table").filter(
        has=citizen.locator("caption", has_text="Voortgang")
    )
    expect(table.get_by_role("row").filter(has_text="60")).to_have_count(1)
    expect(citizen.get_by_text(REPORT)).to_be_visible()
    assert_no_serious_axe_violations(citizen)

    # On a phone the page keeps to the screen's width.
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(citizen.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
