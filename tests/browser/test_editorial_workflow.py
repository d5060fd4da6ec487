"""The editorial workflow through Wagtail's admin, as editors and moderators use it:
an editor drafts a policy plan and submits it to moderation, a moderator approves it,
the plan goes live and the page history records each step.

The admin speaks Dutch; elements are found by names, ids and data attributes."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowPage,
)

from cms.models import PolicyPlanPage
from cms.site import ensure_section
from tests.factories import StaffFactory, current_totp_code, enrol_second_factor

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
WORKFLOW_NAME = "Goedkeuring door moderatoren"
GROUP_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page"],
}
TITLE = "Lokaal sociaal beleidsplan 2026-2031"


def test_wagtail_migrations_give_groups_and_workflow_on_the_root():
    """What the editorial test (and load_demo) rely on: Wagtail's migrations grant
    the Editors and Moderators groups rights on the root page and assign the
    Goedkeuring door moderatoren workflow there, so it covers the whole portal."""
    root = Page.get_first_root_node()
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        granted = GroupPagePermission.objects.filter(
            group__name=name, page=root
        ).values_list("permission__codename", flat=True)
        assert set(codenames) <= set(granted), name
        assert (
            Group.objects.get(name=name)
            .permissions.filter(codename="access_admin")
            .exists()
        )
    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    assert ensure_section("beleidsplannen").get_workflow().name == WORKFLOW_NAME


def staff_in_group(email: str, group_name: str):
    """A staff user in one of Wagtail's default groups; grants the group's rights on
    the root page when they are missing (they come from Wagtail's migrations)."""
    group = Group.objects.get(name=group_name)
    root = Page.get_first_root_node()
    for codename in GROUP_PAGE_PERMISSIONS[group_name]:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = StaffFactory(email=email, second_factor=False)
    user.totp_secret = enrol_second_factor(user)
    user.groups.add(group)
    return user


def moderation_workflow(page) -> Workflow:
    """The workflow that applies to `page`, assigning Wagtail's default one to the root
    page if none does."""
    workflow = page.get_workflow()
    if workflow is None:
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        WorkflowPage.objects.update_or_create(
            page=Page.get_first_root_node(), defaults={"workflow": workflow}
        )
    return workflow


def sign_in(context, user, next_url: str):
    """Sign in as the admin does: /admin/login/ sends to allauth's form, then the
    authenticator code (staff must use one), and land on `next_url`."""
    page = context.new_page()
    page.goto(f"/admin/login/?next={next_url}")
    page.wait_for_url("**/accounts/login/**")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(current_totp_code(user.totp_secret))
    page.locator("main form").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{next_url}")
    return page


def open_more_actions(page):
    """Open the dropdown of the editor's footer action menu."""
    page.locator("footer button.w-dropdown__toggle.button").click()


def test_editor_submits_a_plan_and_a_moderator_approves_it(new_context):
    section = ensure_section("beleidsplannen")
    editor = staff_in_group("redacteur@example.test", "Editors")
    moderator = staff_in_group("moderator@example.test", "Moderators")
    assert moderation_workflow(section).name == WORKFLOW_NAME

    # The editor drafts a plan and submits it to moderation.
    add_url = f"/admin/pages/add/cms/policyplanpage/{section.pk}/"
    editing = sign_in(new_context(), editor, add_url)
    editing.fill("#id_title", TITLE)
    editing.fill("#id_start_year", "2026")
    editing.fill("#id_end_year", "2031")
    open_more_actions(editing)
    editing.locator("button[name='action-submit']").click()
    editing.wait_for_url(f"**/admin/pages/{section.pk}/")
    assert TITLE in editing.locator(".messages").inner_text()

    plan = PolicyPlanPage.objects.get(title=TITLE)
    assert not plan.live
    assert (plan.start_year, plan.end_year) == (2026, 2031)
    assert plan.current_workflow_state.status == "in_progress"
    assert plan.current_workflow_state.workflow.name == WORKFLOW_NAME

    visitor = new_context().new_page()
    assert visitor.goto(plan.url).status == 404

    # The moderator approves it.
    reviewing = sign_in(new_context(), moderator, f"/admin/pages/{plan.pk}/edit/")
    open_more_actions(reviewing)
    reviewing.locator(
        "button[data-workflow-action-name='approve']"
        ":not([data-workflow-action-modal-url])"
    ).click()
    reviewing.wait_for_url(f"**/admin/pages/{section.pk}/")

    # The plan is live for everyone.
    response = visitor.goto(plan.url)
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == TITLE

    # The page history shows each step; the audit log holds them in order.
    reviewing.goto(f"/admin/pages/{plan.pk}/history/")
    history = reviewing.locator("main table tbody")
    assert history.locator("tr").count() >= 4
    assert WORKFLOW_NAME in history.inner_text()
    entries = list(
        PageLogEntry.objects.filter(page=plan)
        .order_by("timestamp", "pk")
        .values_list("action", "user__email")
    )
    expected = [
        ("wagtail.create", editor.email),
        ("wagtail.workflow.start", editor.email),
        ("wagtail.workflow.approve", moderator.email),
        ("wagtail.publish", moderator.email),
    ]
    steps = iter(entries)
    missing = [step for step in expected if step not in steps]
    assert missing == [], entries
