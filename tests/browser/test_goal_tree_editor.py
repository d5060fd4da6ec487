"""The goal tree editor in Chromium: an editor adds a goal under a strategic goal
(its code suggested by position), hangs a tactical goal under another strategic
goal and moves it up among its new siblings. The tree passes axe-core."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms.models import Goal, GoalLevel
from cms.site import ensure_home_page
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_signals import session_page
from tests.factories import GoalFactory, PolicyPlanPageFactory, StaffFactory


def children_codes(page, code: str) -> list[str]:
    """The codes directly under `code`, in the order the tree shows them."""
    item = page.locator(f'li[data-goal-code="{code}"]')
    return item.locator(":scope > div > ol > li").evaluate_all(
        "items => items.map(item => item.dataset.goalCode)"
    )


def test_an_editor_adds_moves_and_reorders_goals(new_context, live_server):
    plan = PolicyPlanPageFactory(parent=ensure_home_page(), title="Meerjarenplan")
    first = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    second = GoalFactory(plan=plan, code="SD 2", title="Iedereen aan het werk")
    for code, title in [("TD 1.1", "Meer huurwoningen"), ("TD 1.2", "Huurpremie")]:
        GoalFactory(
            plan=plan, parent=first, level=GoalLevel.TACTICAL, code=code, title=title
        )
    GoalFactory(
        plan=plan,
        parent=second,
        level=GoalLevel.TACTICAL,
        code="TD 2.1",
        title="Leerwerkplekken",
    )
    editor = StaffFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    page = session_page(new_context(), live_server, editor)

    page.goto("/admin/doelenboom/")  # one plan: straight to its tree
    expect(
        page.get_by_role("heading", name="Doelenboom van Meerjarenplan")
    ).to_be_visible()
    assert children_codes(page, "SD 2") == ["TD 2.1"]
    assert_no_serious_axe_violations(page)

    # Add: a child of SD 2, with the next code by position filled in.
    page.get_by_role("link", name="Onderliggende toevoegen onder SD 2").click()
    expect(page.locator("#id_code")).to_have_value("TD 2.2")
    expect(page.locator("#id_level")).to_have_value(GoalLevel.TACTICAL)
    page.locator("#id_title").fill("Taalcoaching op de werkvloer")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".messages")).to_contain_text("TD 2.2")
    added = Goal.objects.get(plan=plan, code="TD 2.2")
    assert added.parent == second

    # Move: TD 1.2 goes under SD 2, as its last child.
    page.goto(f"/admin/doelenboom/{plan.pk}/")
    page.get_by_role("link", name="Verplaatsen TD 1.2").click()
    page.get_by_label("Nieuwe bovenliggende doelstelling").select_option(
        label="SD 2 Iedereen aan het werk"
    )
    page.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("TD 1.2 is verplaatst")
    assert children_codes(page, "SD 1") == ["TD 1.1"]
    assert children_codes(page, "SD 2") == ["TD 2.1", "TD 2.2", "TD 1.2"]

    # Reorder: TD 1.2 one place up, twice; at the top "Omhoog" is switched off.
    page.get_by_role("button", name="Omhoog TD 1.2").click()
    expect(page.locator(".messages")).to_contain_text("TD 1.2 is verschoven")
    assert children_codes(page, "SD 2") == ["TD 2.1", "TD 1.2", "TD 2.2"]
    page.get_by_role("button", name="Omhoog TD 1.2").click()
    expect(page.get_by_role("button", name="Omhoog TD 1.2")).to_be_disabled()
    assert children_codes(page, "SD 2") == ["TD 1.2", "TD 2.1", "TD 2.2"]

    # The plan lists the goals in the tree's order.
    codes = list(Goal.objects.filter(plan=plan).values_list("code", flat=True))
    assert codes == ["SD 1", "TD 1.1", "SD 2", "TD 1.2", "TD 2.1", "TD 2.2"]
