"""The two signed-in doors: who enters where, what the dashboards show, and 404 for
objects a person may not see."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import Page, Workflow

from cms.selectors import quarter_bounds
from portal.access.audiences import Audience
from portal.access.roles import CIVIL_SERVANTS_GROUP, MODERATORS_GROUP
from portal.models import Invitation, Membership
from tests.factories import (
    ContentPageFactory,
    GoalFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db

Role = Membership.Role
Status = Membership.Status


@pytest.fixture
def organisation():
    return OrganisationFactory(name="De Brugwachter vzw", is_partner=True)


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


@pytest.fixture
def people(organisation, coordinator):
    return {
        "anonymous": None,
        "citizen": UserFactory(),
        "partner": MembershipFactory(organisation=organisation).user,
        "coordinator": coordinator,
        "staff": StaffFactory(),
    }


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


# Doors --------------------------------------------------------------------------------

DOORS = {
    # person: (answer at /partners/, answer at /intranet/)
    "anonymous": ("login", "login"),
    "citizen": (403, 403),
    "partner": (200, 403),
    "coordinator": (200, 403),
    "staff": (200, 200),
}


@pytest.mark.parametrize("person", DOORS)
@pytest.mark.parametrize("door", ["/partners/", "/intranet/"])
def test_each_door_admits_its_people(client, people, person, door):
    expected = DOORS[person][door == "/intranet/"]
    response = get(client, people[person], door)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={door}"
    else:
        assert response.status_code == expected


def test_a_citizen_at_the_partner_door_learns_how_to_join(client, people):
    response = get(client, people["citizen"], "/partners/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het partnerportaal is voor partners" in html
    assert 'href="/partners/lid-worden/"' in html
    assert 'href="/"' in html


def test_a_partner_at_the_intranet_is_sent_to_the_partner_portal(client, people):
    response = get(client, people["partner"], "/intranet/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het intranet is voor medewerkers" in html
    assert 'href="/partners/"' in html


@pytest.mark.parametrize(
    ("person", "door"),
    [
        ("citizen", "/mijn-pagina/"),
        ("partner", "/partners/"),
        ("staff", "/intranet/"),
    ],
)
def test_signing_in_lands_at_ones_own_door(client, people, person, door):
    response = get(client, people[person], "/mijn-portaal/")
    assert response["Location"] == door


@pytest.mark.parametrize(
    "url",
    [
        "/partners/organisaties/",
        "/partners/paginas/",
        "/partners/organisaties/de-brugwachter-vzw/",
    ],
)
def test_partner_pages_close_to_citizens(client, people, url):
    assert get(client, people["citizen"], url).status_code == 403
    client.logout()
    assert get(client, None, url).status_code == 302


@pytest.mark.parametrize("url", ["/partners/lid-worden/", "/intranet/aanvragen/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_header_offers_sign_in_or_my_portal_and_sign_out(client, people, home):
    html = client.get("/").content.decode()
    assert "Aanmelden" in html and "Afmelden" not in html
    html = get(client, people["partner"], "/").content.decode()
    assert 'href="/mijn-portaal/"' in html
    assert 'action="/accounts/logout/"' in html and 'method="post"' in html


def test_each_portal_has_its_own_navigation(client, people):
    html = get(client, people["partner"], "/partners/").content.decode()
    assert 'aria-label="Menu van het partnerportaal"' in html
    for label in ["Overzicht", "Mijn organisatie", "Pagina&#x27;s voor partners"]:
        assert label in html
    assert html.count("<h1") == 1
    html = get(client, people["staff"], "/intranet/").content.decode()
    assert 'aria-label="Menu van het intranet"' in html
    assert html.count("<h1") == 1


# Partner dashboard --------------------------------------------------------------------


def test_the_partner_dashboard_shows_organisations_goals_and_pages(
    client, people, organisation, home
):
    plan = PolicyPlanPageFactory(parent=home)
    own_goal = GoalFactory(plan=plan, code="TD 1.1", title="Betaalbaar wonen")
    own_goal.owner_organisations.add(organisation)
    GoalFactory(plan=plan, code="TD 9.9", title="Van een andere organisatie")
    hidden_plan = PolicyPlanPageFactory(parent=home, audience=Audience.STAFF)
    hidden = GoalFactory(plan=hidden_plan, code="SD 7", title="Interne doelstelling")
    hidden.owner_organisations.add(organisation)
    ContentPageFactory(parent=home, title="Nieuws voor partners", audience="partners")
    ContentPageFactory(parent=home, title="Intern nieuws", audience="staff")
    ContentPageFactory(parent=home, title="Openbaar nieuws")

    html = get(client, people["partner"], "/partners/").content.decode()
    assert "De Brugwachter vzw" in html
    assert "Betaalbaar wonen" in html
    assert "Van een andere organisatie" not in html
    assert "Interne doelstelling" not in html
    assert "Nieuws voor partners" in html
    assert "Intern nieuws" not in html
    assert "Openbaar nieuws" not in html
    assert "Er wacht niets op jouw actie." in html


def test_a_coordinator_sees_requests_and_invitations_awaiting(
    client, organisation, coordinator
):
    request = MembershipFactory(
        organisation=organisation,
        status=Status.REQUESTED,
        user__email="kandidaat@example.test",
    )
    InvitationFactory(
        organisation=organisation, email="genodigd@example.test", invited_by=coordinator
    )
    other = OrganisationFactory(is_partner=True)
    MembershipFactory(
        organisation=other, status=Status.REQUESTED, user__email="elders@example.test"
    )
    html = get(client, coordinator, "/partners/").content.decode()
    assert "kandidaat@example.test" in html
    assert f"/partners/lidmaatschappen/{request.pk}/goedkeuren/" in html
    assert "genodigd@example.test" in html
    assert "elders@example.test" not in html


def test_a_member_sees_no_decisions(client, people, organisation):
    MembershipFactory(
        organisation=organisation,
        status=Status.REQUESTED,
        user__email="kandidaat@example.test",
    )
    html = get(client, people["partner"], "/partners/").content.decode()
    assert "kandidaat@example.test" not in html
    html = client.get(f"/partners/organisaties/{organisation.slug}/").content.decode()
    assert "kandidaat@example.test" not in html
    assert "Iemand uitnodigen" not in html


# Organisation page and decisions ------------------------------------------------------


def test_the_organisation_page_lists_members_for_members(client, people, organisation):
    html = get(
        client, people["partner"], f"/partners/organisaties/{organisation.slug}/"
    ).content.decode()
    assert people["coordinator"].email in html
    assert people["partner"].email in html


def test_another_organisations_page_answers_404(client, people):
    other = OrganisationFactory(name="Woonmaatschappij", is_partner=True)
    MembershipFactory(organisation=other, user__email="buur@example.test")
    for person in ["partner", "coordinator"]:
        response = get(client, people[person], f"/partners/organisaties/{other.slug}/")
        assert response.status_code == 404
    response = get(client, people["staff"], f"/partners/organisaties/{other.slug}/")
    assert response.status_code == 200


def test_the_coordinator_approves_through_the_portal(
    client, coordinator, organisation, django_capture_on_commit_callbacks
):
    request = MembershipFactory(organisation=organisation, status=Status.REQUESTED)
    client.force_login(coordinator)
    page = f"/partners/organisaties/{organisation.slug}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/partners/lidmaatschappen/{request.pk}/goedkeuren/", {"next": page}
        )
    assert response.status_code == 302
    assert response["Location"] == page
    request.refresh_from_db()
    assert request.status == Status.ACTIVE
    assert mail.outbox[-1].to == [request.user.email]


def test_the_coordinator_invites_changes_roles_and_removes(
    client, coordinator, organisation
):
    member = MembershipFactory(organisation=organisation)
    client.force_login(coordinator)
    base = "/partners/"
    response = client.post(
        f"{base}organisaties/{organisation.slug}/uitnodigen/",
        {"uitnodiging-email": "nieuw@example.test", "uitnodiging-role": "member"},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "nieuw@example.test"

    client.post(
        f"{base}lidmaatschappen/{member.pk}/rol/",
        {f"lid-{member.pk}-role": "coordinator"},
    )
    member.refresh_from_db()
    assert member.role == Role.COORDINATOR

    client.post(f"{base}lidmaatschappen/{member.pk}/beeindigen/")
    member.refresh_from_db()
    assert member.status == Status.ENDED


def test_a_refused_invitation_shows_its_errors_beside_the_fields(
    client, coordinator, organisation
):
    client.force_login(coordinator)
    response = client.post(
        f"/partners/organisaties/{organisation.slug}/uitnodigen/",
        {"uitnodiging-email": "geen adres", "uitnodiging-role": "member"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_uitnodiging-email"' in html  # the summary links to the field
    assert 'id="id_uitnodiging-email_error"' in html
    assert 'aria-describedby="id_uitnodiging-email_error"' in html
    assert 'value="geen adres"' in html  # what was typed stays
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("action", ["goedkeuren", "weigeren", "beeindigen", "rol"])
def test_foreign_memberships_answer_404(client, people, action):
    foreign = MembershipFactory(status=Status.REQUESTED)
    for person in ["citizen", "partner", "coordinator"]:
        client.force_login(people[person])
        response = client.post(f"/partners/lidmaatschappen/{foreign.pk}/{action}/")
        assert response.status_code == 404, person
    foreign.refresh_from_db()
    assert foreign.status == Status.REQUESTED


def test_a_member_may_not_decide_on_their_own_organisation(
    client, people, organisation
):
    request = MembershipFactory(organisation=organisation, status=Status.REQUESTED)
    client.force_login(people["partner"])
    response = client.post(f"/partners/lidmaatschappen/{request.pk}/goedkeuren/")
    assert response.status_code == 404
    response = client.post(
        f"/partners/organisaties/{organisation.slug}/uitnodigen/",
        {"uitnodiging-email": "x@example.test", "uitnodiging-role": "member"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_action_urls_take_post_only(client, coordinator, organisation):
    request = MembershipFactory(organisation=organisation, status=Status.REQUESTED)
    client.force_login(coordinator)
    response = client.get(f"/partners/lidmaatschappen/{request.pk}/goedkeuren/")
    assert response.status_code == 405


# Joining ------------------------------------------------------------------------------


def test_a_citizen_asks_to_join_and_withdraws(client, people, organisation):
    OrganisationFactory(name="Gemeente", is_partner=False)
    client.force_login(people["citizen"])
    html = client.get("/partners/lid-worden/").content.decode()
    assert "De Brugwachter vzw" in html
    assert "Gemeente" not in html
    assert "Menu van het partnerportaal" not in html

    response = client.post("/partners/lid-worden/", {"organisation": organisation.slug})
    assert response.status_code == 302
    membership = Membership.objects.get(user=people["citizen"])
    assert membership.status == Status.REQUESTED
    html = client.get("/partners/lid-worden/").content.decode()
    assert "wacht op goedkeuring" in html

    client.post(f"/partners/lidmaatschappen/{membership.pk}/beeindigen/")
    membership.refresh_from_db()
    assert membership.status == Status.ENDED


def test_joining_a_non_partner_organisation_is_refused(client, people):
    town = OrganisationFactory(name="Gemeente", is_partner=False)
    client.force_login(people["citizen"])
    client.post("/partners/lid-worden/", {"organisation": town.slug})
    assert not Membership.objects.filter(user=people["citizen"]).exists()


# Invitations --------------------------------------------------------------------------


def test_the_invitation_link_after_signing_in(client):
    invitation = InvitationFactory(email="nieuw@example.test")
    url = f"/partners/uitnodiging/{invitation.token}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")

    user = UserFactory(email="nieuw@example.test")
    client.force_login(user)
    assert "Uitnodiging aanvaarden" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == (
        f"/partners/organisaties/{invitation.organisation.slug}/"
    )
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/partners/").status_code == 200


def test_a_foreign_or_unknown_invitation_answers_404(client, people):
    invitation = InvitationFactory(email="iemand@example.test")
    client.force_login(people["partner"])
    assert client.get(f"/partners/uitnodiging/{invitation.token}/").status_code == 404
    assert client.post(f"/partners/uitnodiging/{invitation.token}/").status_code == 404
    assert client.get("/partners/uitnodiging/onbekend/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_withdrawing_an_invitation_of_another_organisation_answers_404(
    client, coordinator
):
    foreign = InvitationFactory()
    client.force_login(coordinator)
    response = client.post(f"/partners/uitnodigingen/{foreign.pk}/intrekken/")
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_open


# Intranet dashboard -------------------------------------------------------------------


def test_quarter_bounds():
    assert quarter_bounds(datetime.date(2026, 11, 30)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert quarter_bounds(datetime.date(2027, 2, 1)) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 31),
    )


def test_the_intranet_shows_goals_due_this_quarter_and_overdue(client, home):
    today = timezone.localdate()
    _, quarter_end = quarter_bounds(today)
    plan = PolicyPlanPageFactory(parent=home)
    running, realised = goal_status("lopend"), goal_status("gerealiseerd")
    due = GoalFactory(plan=plan, title="Loopt dit kwartaal af", status=running)
    due.end_date = quarter_end
    due.save()
    late = GoalFactory(plan=plan, title="Is over tijd", status=running)
    late.end_date = today - datetime.timedelta(days=1)
    late.save()
    done = GoalFactory(plan=plan, title="Al gerealiseerd", status=realised)
    done.end_date = today - datetime.timedelta(days=1)
    done.save()
    later = GoalFactory(plan=plan, title="Pas volgend jaar")
    later.end_date = quarter_end + datetime.timedelta(days=200)
    later.save()

    response = get(client, StaffFactory(), "/intranet/")
    due_goals = list(response.context["goals_due"])
    overdue = list(response.context["goals_overdue"])
    assert due_goals == [due]
    assert overdue == [late]
    html = response.content.decode()
    assert "Loopt dit kwartaal af" in html and "Is over tijd" in html
    assert "Al gerealiseerd" not in html and "Pas volgend jaar" not in html


def test_the_intranet_shows_membership_requests_and_moderation_tasks(client, home):
    request = MembershipFactory(
        status=Status.REQUESTED, user__email="kandidaat@example.test"
    )
    moderator = StaffFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    editor = StaffFactory()
    page = ContentPageFactory(parent=home, title="Nieuwe dienstverlening", live=False)
    workflow = Workflow.objects.get(name="Goedkeuring door moderatoren")
    workflow.start(Page.objects.get(pk=page.pk).specific, editor)

    html = get(client, moderator, "/intranet/").content.decode()
    assert "kandidaat@example.test" in html
    assert f"/partners/lidmaatschappen/{request.pk}/goedkeuren/" in html
    assert "Nieuwe dienstverlening" in html
    assert f"/admin/pages/{page.pk}/edit/" in html

    html = get(client, StaffFactory(), "/intranet/").content.decode()
    assert "Nieuwe dienstverlening" not in html
    assert "Er wachten geen pagina's op jouw goedkeuring." in html


def test_the_intranet_links_into_the_admin_for_civil_servants(client):
    staff = StaffFactory()
    html = get(client, staff, "/intranet/").content.decode()
    assert "/admin/snippets/cms/goal/" not in html
    staff.groups.add(Group.objects.get(name=CIVIL_SERVANTS_GROUP))
    html = client.get("/intranet/").content.decode()
    assert "/admin/snippets/cms/goal/" in html
