"""The membership services: who may decide, the invitation flow, and access that ends
at once when a membership ends."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from portal.access.audiences import Audience, audiences_for
from portal.access.roles import CIVIL_SERVANTS_GROUP
from portal.memberships import (
    invitation_accept,
    invitation_send,
    invitation_withdraw,
    membership_approve,
    membership_decline,
    membership_end,
    membership_request,
    membership_set_role,
)
from portal.models import Invitation, Membership, User
from portal.selectors import memberships_awaiting
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Role = Membership.Role
Status = Membership.Status


@pytest.fixture
def organisation():
    return OrganisationFactory(name="De Brugwachter vzw", is_partner=True)


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__email="coord@x.test"
    ).user


@pytest.fixture
def request_(organisation, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return membership_request(
            user=UserFactory(email="kandidaat@x.test"), organisation=organisation
        )


# Asking to join -----------------------------------------------------------------------


def test_a_request_waits_and_mails_the_coordinators(request_, coordinator):
    assert request_.status == Status.REQUESTED
    assert request_.role == Role.MEMBER
    assert audiences_for(request_.user) == [Audience.PUBLIC]
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    message = mail.outbox[0]
    assert "De Brugwachter vzw" in message.subject
    assert "kandidaat@x.test" in message.body
    assert "/partners/organisaties/de-brugwachter-vzw/" in message.body


def test_the_request_awaits_its_coordinator_and_civil_servants_only(
    request_, coordinator, organisation
):
    assert list(memberships_awaiting(coordinator)) == [request_]
    assert list(memberships_awaiting(StaffFactory())) == [request_]
    member = MembershipFactory(organisation=organisation).user
    other_coordinator = MembershipFactory(role=Role.COORDINATOR).user
    assert not memberships_awaiting(member).exists()
    assert not memberships_awaiting(other_coordinator).exists()
    assert not memberships_awaiting(UserFactory()).exists()


def test_asking_twice_or_when_already_member_is_refused(request_, organisation):
    with pytest.raises(ValidationError):
        membership_request(user=request_.user, organisation=organisation)
    member = MembershipFactory(organisation=organisation).user
    with pytest.raises(ValidationError):
        membership_request(user=member, organisation=organisation)


def test_only_partner_organisations_take_requests():
    town = OrganisationFactory(is_partner=False)
    with pytest.raises(ValidationError):
        membership_request(user=UserFactory(), organisation=town)


# Deciding -----------------------------------------------------------------------------


@pytest.mark.parametrize("decider", ["coordinator", "civil_servant"])
def test_coordinator_or_civil_servant_approves(
    request_, coordinator, decider, django_capture_on_commit_callbacks
):
    by = coordinator if decider == "coordinator" else StaffFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_approve(membership=request_, by=by)
    assert membership.status == Status.ACTIVE
    assert audiences_for(membership.user) == [Audience.PUBLIC, Audience.PARTNERS]
    assert [message.to for message in mail.outbox] == [["kandidaat@x.test"]]
    assert "goedgekeurd" in mail.outbox[0].body


@pytest.mark.parametrize(
    "who", ["member", "other_coordinator", "citizen", "the_applicant"]
)
def test_others_may_not_approve_or_decline(request_, organisation, who):
    by = {
        "member": lambda: MembershipFactory(organisation=organisation).user,
        "other_coordinator": lambda: MembershipFactory(role=Role.COORDINATOR).user,
        "citizen": UserFactory,
        "the_applicant": lambda: request_.user,
    }[who]()
    with pytest.raises(PermissionDenied):
        membership_approve(membership=request_, by=by)
    with pytest.raises(PermissionDenied):
        membership_decline(membership=request_, by=by)
    request_.refresh_from_db()
    assert request_.status == Status.REQUESTED


def test_a_declined_person_is_told_and_may_ask_again(
    request_, coordinator, organisation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_decline(membership=request_, by=coordinator)
    request_.refresh_from_db()
    assert request_.status == Status.ENDED
    assert [message.to for message in mail.outbox] == [["kandidaat@x.test"]]
    assert "niet goedgekeurd" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        membership_approve(membership=request_, by=coordinator)
    again = membership_request(user=request_.user, organisation=organisation)
    assert again.pk == request_.pk
    assert again.status == Status.REQUESTED


# Roles, leaving and removal -----------------------------------------------------------


def test_a_coordinator_changes_roles_but_keeps_one_coordinator(
    organisation, coordinator
):
    member = MembershipFactory(organisation=organisation)
    membership_set_role(membership=member, role=Role.COORDINATOR, by=coordinator)
    member.refresh_from_db()
    assert member.role == Role.COORDINATOR
    own = Membership.objects.get(user=coordinator, organisation=organisation)
    membership_set_role(membership=own, role=Role.MEMBER, by=coordinator)
    with pytest.raises(PermissionDenied):
        membership_set_role(membership=member, role=Role.MEMBER, by=coordinator)
    with pytest.raises(ValidationError):
        membership_set_role(membership=member, role=Role.MEMBER, by=member.user)


def test_a_member_may_not_change_roles(organisation, coordinator):
    member = MembershipFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        membership_set_role(membership=member, role=Role.COORDINATOR, by=member.user)


def test_leaving_ends_access_at_once(client, organisation):
    from tests.factories import ContentPageFactory

    page = ContentPageFactory(audience=Audience.PARTNERS, title="Partnernieuws")
    membership = MembershipFactory(organisation=organisation)
    client.force_login(membership.user)
    assert client.get(page.url).status_code == 200
    assert client.get("/partners/").status_code == 200

    membership_end(membership=membership, by=membership.user)

    # The same session, the very next request: the door is closed.
    assert client.get(page.url).status_code == 404
    assert client.get("/partners/").status_code == 403
    assert audiences_for(membership.user) == [Audience.PUBLIC]


def test_removal_by_a_coordinator_ends_access_at_once(
    client, organisation, coordinator
):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(membership.user)
    assert client.get("/partners/").status_code == 200
    membership_end(membership=membership, by=coordinator)
    assert client.get("/partners/").status_code == 403


def test_only_the_person_or_a_manager_ends_a_membership(organisation, coordinator):
    membership = MembershipFactory(organisation=organisation)
    colleague = MembershipFactory(organisation=organisation).user
    with pytest.raises(PermissionDenied):
        membership_end(membership=membership, by=colleague)
    with pytest.raises(PermissionDenied):
        membership_end(membership=membership, by=UserFactory())


def test_the_last_coordinator_cannot_leave_but_a_civil_servant_may_end_it(
    organisation, coordinator
):
    own = Membership.objects.get(user=coordinator, organisation=organisation)
    with pytest.raises(ValidationError):
        membership_end(membership=own, by=coordinator)
    membership_end(membership=own, by=StaffFactory())
    own.refresh_from_db()
    assert own.status == Status.ENDED


def test_withdrawing_a_request(request_):
    membership_end(membership=request_, by=request_.user)
    request_.refresh_from_db()
    assert request_.status == Status.ENDED
    assert not memberships_awaiting(StaffFactory()).exists()


# Invitations --------------------------------------------------------------------------


def test_a_coordinator_invites_by_email(
    organisation, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            organisation=organisation,
            email=" Nieuw.Lid@Example.test ",
            role=Role.MEMBER,
            by=coordinator,
        )
    assert invitation.email == "nieuw.lid@example.test"
    assert invitation.is_open
    assert len(invitation.token) >= 40
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert [message.to for message in mail.outbox] == [["nieuw.lid@example.test"]]
    assert f"/partners/uitnodiging/{invitation.token}/" in mail.outbox[0].body


def test_inviting_again_withdraws_the_earlier_link(organisation, coordinator):
    first = invitation_send(
        organisation=organisation, email="a@example.test", by=coordinator
    )
    second = invitation_send(
        organisation=organisation, email="a@example.test", by=coordinator
    )
    first.refresh_from_db()
    assert not first.is_open
    assert second.is_open


@pytest.mark.parametrize("who", ["member", "citizen", "other_coordinator"])
def test_only_managers_invite(organisation, coordinator, who):
    by = {
        "member": lambda: MembershipFactory(organisation=organisation).user,
        "citizen": UserFactory,
        "other_coordinator": lambda: MembershipFactory(role=Role.COORDINATOR).user,
    }[who]()
    with pytest.raises(PermissionDenied):
        invitation_send(organisation=organisation, email="a@example.test", by=by)
    assert not Invitation.objects.exists()


def test_inviting_a_member_is_refused(organisation, coordinator):
    member = MembershipFactory(organisation=organisation).user
    with pytest.raises(ValidationError):
        invitation_send(organisation=organisation, email=member.email, by=coordinator)


def test_accepting_makes_an_active_member_with_the_invited_role():
    invitation = InvitationFactory(role=Role.COORDINATOR, email="nieuw@example.test")
    user = UserFactory(email="nieuw@example.test")
    membership = invitation_accept(invitation=invitation, user=user)
    assert (membership.status, membership.role) == (Status.ACTIVE, Role.COORDINATOR)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert audiences_for(user) == [Audience.PUBLIC, Audience.PARTNERS]
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, user=user)


def test_a_verified_second_address_may_accept():
    invitation = InvitationFactory(email="werk@example.test")
    user = UserFactory(email="prive@example.test")
    EmailAddress.objects.create(user=user, email="werk@example.test", verified=True)
    assert invitation_accept(invitation=invitation, user=user).status == Status.ACTIVE


@pytest.mark.parametrize("case", ["other_address", "unverified_address"])
def test_an_invitation_for_another_address_is_refused(case):
    invitation = InvitationFactory(email="werk@example.test")
    user = UserFactory()
    if case == "unverified_address":
        EmailAddress.objects.create(
            user=user, email="werk@example.test", verified=False
        )
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=invitation, user=user)
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.parametrize("state", ["expired", "withdrawn"])
def test_an_expired_or_withdrawn_invitation_is_refused(state):
    invitation = InvitationFactory(email="nieuw@example.test")
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
    else:
        invitation_withdraw(invitation=invitation, by=invitation.invited_by)
    with pytest.raises(ValidationError):
        invitation_accept(
            invitation=invitation, user=UserFactory(email="nieuw@example.test")
        )


def test_accepting_revives_an_ended_membership():
    invitation = InvitationFactory(email="terug@example.test")
    user = UserFactory(email="terug@example.test")
    old = MembershipFactory(
        user=user, organisation=invitation.organisation, status=Status.ENDED
    )
    membership = invitation_accept(invitation=invitation, user=user)
    assert membership.pk == old.pk
    assert membership.status == Status.ACTIVE


# The civil servants group -------------------------------------------------------------


def test_the_civil_servants_group_may_use_the_admin_and_follow_up_plans():
    group = Group.objects.get(name=CIVIL_SERVANTS_GROUP)
    granted = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
    }
    assert {
        "wagtailadmin.access_admin",
        "cms.add_goal",
        "cms.change_goal",
        "cms.add_goalbudget",
        "cms.change_goalbudget",
        "cms.add_progressupdate",
    } <= granted
    assert "cms.delete_goal" not in granted


def test_a_civil_servant_in_the_group_opens_the_goal_admin(client):
    user = StaffFactory()
    user.groups.add(Group.objects.get(name=CIVIL_SERVANTS_GROUP))
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/snippets/cms/goal/").status_code == 200
    assert client.get("/admin/snippets/cms/goal/add/").status_code == 200
    assert client.get("/admin/snippets/cms/progressupdate/add/").status_code == 200


# Signing in or up through an invitation link ---------------------------------------

NEW_PASSWORD = "een-lang-wachtwoord-2026"


def follow_invitation_to_login(client: Client, invitation: Invitation) -> str:
    """Open the invitation link without being signed in: the login page, which says
    what to do; returns the link."""
    link = invitation.get_absolute_url()
    login = client.get(link, follow=True)
    assert login.redirect_chain == [(f"/accounts/login/?next={link}", 302)]
    assert "aanvaard je de uitnodiging" in login.content.decode()
    return link


def confirmation_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", body).group(1)


def assert_welcomed_on_the_organisation(client: Client, response, invitation) -> None:
    organisation = invitation.organisation
    assert response["Location"] == f"/partners/organisaties/{organisation.slug}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f"Welkom bij {organisation.name}: je bent nu lid van deze organisatie." in [
        str(message) for message in page.context["messages"]
    ]
    assert "Jouw lidmaatschap" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_signing_up_through_an_invitation_lands_a_member_on_the_organisation(
    client, organisation
):
    invitation = InvitationFactory(organisation=organisation, email="nieuw@x.test")
    link = follow_invitation_to_login(client, invitation)
    signup = client.get(f"/accounts/login/?next={link}").context["signup_url"]
    response = client.post(
        signup,
        {"email": "nieuw@x.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/confirm-email/"

    response = client.post(confirmation_link())

    assert_welcomed_on_the_organisation(client, response, invitation)
    user = User.objects.get(email="nieuw@x.test")
    assert user.memberships.get().status == Status.ACTIVE
    assert Audience.PARTNERS in audiences_for(user)


def test_signing_in_through_an_invitation_accepts_it_with_its_role(
    client, organisation
):
    invitation = InvitationFactory(
        organisation=organisation, email="inwoner@x.test", role=Role.COORDINATOR
    )
    user = UserFactory(email="inwoner@x.test")
    link = follow_invitation_to_login(client, invitation)
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "geheim-wachtwoord-123", "next": link},
    )
    organisation_page = f"/partners/organisaties/{organisation.slug}/"
    assert response["Location"] == organisation_page
    membership = user.memberships.get()
    assert (membership.status, membership.role) == (Status.ACTIVE, Role.COORDINATOR)
    welcome = [
        str(message) for message in client.get(organisation_page).context["messages"]
    ]
    assert welcome[-1] == (
        f"Welkom bij {organisation.name}: je bent nu coördinator van deze organisatie."
    )


def test_confirming_in_another_browser_leads_back_to_the_invitation(
    client, organisation
):
    invitation = InvitationFactory(organisation=organisation, email="nieuw@x.test")
    link = follow_invitation_to_login(client, invitation)
    client.post(
        f"/accounts/signup/?next={link}",
        {"email": "nieuw@x.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    other_browser = Client()
    response = other_browser.post(confirmation_link())
    assert response["Location"] == link
    follow_invitation_to_login(other_browser, invitation)
    response = other_browser.post(
        "/accounts/login/",
        {"login": "nieuw@x.test", "password": NEW_PASSWORD, "next": link},
    )
    assert_welcomed_on_the_organisation(other_browser, response, invitation)


def test_signing_in_for_another_address_accepts_nothing(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="iemand@x.test")
    someone_else = UserFactory(email="iemand.anders@x.test")
    link = follow_invitation_to_login(client, invitation)
    response = client.post(
        "/accounts/login/",
        {
            "login": someone_else.email,
            "password": "geheim-wachtwoord-123",
            "next": link,
        },
    )
    assert response["Location"] == link
    assert client.get(link).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open
    assert not someone_else.memberships.exists()


@pytest.mark.parametrize("state", ["expired", "withdrawn", "accepted"])
def test_signing_in_through_a_closed_invitation_shows_why(client, state):
    invitation = InvitationFactory(email="nieuw@x.test")
    user = UserFactory(email="nieuw@x.test")
    if state == "accepted":
        invitation_accept(invitation=invitation, user=user)
    else:
        field = {"expired": "expires_at", "withdrawn": "withdrawn_at"}[state]
        setattr(invitation, field, timezone.now() - timedelta(minutes=1))
        invitation.save()
    link = invitation.get_absolute_url()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "geheim-wachtwoord-123", "next": link},
    )
    assert response["Location"] == link
    assert client.get(link).status_code == 200
    assert user.memberships.filter(status=Status.ACTIVE).count() == (
        state == "accepted"
    )


def test_signing_in_without_an_invitation_still_lands_at_the_door(client):
    InvitationFactory(email="nieuw@x.test")
    user = UserFactory(email="nieuw@x.test")
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "geheim-wachtwoord-123"}
    )
    assert response["Location"] == "/mijn-pagina/"
    assert not user.memberships.exists()
