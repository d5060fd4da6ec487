"""The demo town's organisations, one account per role, a request to join and an
invitation waiting for an answer, the goals each organisation carries, and the
moderation workflow that editors and moderators act in.

Made only by `manage.py load_demo`, never by settings or migrations, so demo accounts
cannot appear in a real installation by accident.
"""

import os
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from portal.access.roles import CIVIL_SERVANTS_GROUP
from portal.models import Invitation, Membership, Organisation, Sector, User

DEFAULT_DEMO_PASSWORD = "welzijn-demo-2026"

TOWN = "Gemeente Wilgendonk"
SOCIAL_SERVICE = "OCMW Wilgendonk"
WELFARE_PARTNER = "De Brugwachter vzw"
HOUSING_PARTNER = "Woonmaatschappij Wilgenland"

# name, sector, third partner: all fictional, without KBO numbers or websites.
ORGANISATIONS = [
    (TOWN, Sector.LOCAL_GOVERNMENT, False),
    (SOCIAL_SERVICE, Sector.SOCIAL_SERVICE, False),
    (WELFARE_PARTNER, Sector.WELFARE, True),
    (HOUSING_PARTNER, Sector.HOUSING, True),
    ("Buurtwerk Wilgendonk vzw", Sector.COMMUNITY, True),
    ("Leerwerkplaats Het Aambeeld vzw", Sector.WORK, True),
    ("Zorgraad Wilgenstreek", Sector.CARE_COUNCIL, True),
]

EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"
MODERATION_WORKFLOW = "Goedkeuring door moderatoren"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    is_staff: bool = False
    is_superuser: bool = False
    groups: tuple[str, ...] = ()
    organisation: str | None = None
    membership_role: str = Membership.Role.MEMBER


DEMO_ACCOUNTS = [
    DemoAccount("burger@demo.lokaal", "inwoner", "Demo", "Inwoner"),
    DemoAccount(
        "partner@demo.lokaal",
        f"partner, coördinator van {WELFARE_PARTNER}",
        "Demo",
        "Partner",
        organisation=WELFARE_PARTNER,
        membership_role=Membership.Role.COORDINATOR,
    ),
    DemoAccount(
        "partner2@demo.lokaal",
        f"partner, lid van {HOUSING_PARTNER}",
        "Demo",
        "Partner twee",
        organisation=HOUSING_PARTNER,
    ),
    DemoAccount(
        "ambtenaar@demo.lokaal",
        "ambtenaar (dienst welzijn, Civil servants)",
        "Demo",
        "Ambtenaar",
        is_staff=True,
        groups=(CIVIL_SERVANTS_GROUP,),
        organisation=TOWN,
    ),
    DemoAccount(
        "redacteur@demo.lokaal",
        "redacteur (Editors)",
        "Demo",
        "Redacteur",
        is_staff=True,
        groups=(EDITORS_GROUP,),
        organisation=TOWN,
    ),
    DemoAccount(
        "moderator@demo.lokaal",
        "moderator (Moderators)",
        "Demo",
        "Moderator",
        is_staff=True,
        groups=(MODERATORS_GROUP,),
        organisation=SOCIAL_SERVICE,
    ),
    DemoAccount(
        "admin@demo.lokaal",
        "beheerder (superuser)",
        "Demo",
        "Beheerder",
        is_staff=True,
        is_superuser=True,
    ),
]

PARTNER_EMAIL = "partner@demo.lokaal"
CIVIL_SERVANT_EMAIL = "ambtenaar@demo.lokaal"
EDITOR_EMAIL = "redacteur@demo.lokaal"
MODERATOR_EMAIL = "moderator@demo.lokaal"

# What awaits an answer in the dashboards: a fictional applicant (no demo account:
# it cannot sign in) asks to join the housing company, and the welfare partner's
# coordinator invited a new colleague; both addresses are of the demo domain.
APPLICANT = DemoAccount(
    "kandidaat@demo.lokaal", "aanvrager", "Demo", "Kandidaat", organisation=None
)
PENDING_REQUEST = (APPLICANT.email, HOUSING_PARTNER)
OPEN_INVITATION = ("nieuwe.collega@demo.lokaal", WELFARE_PARTNER, PARTNER_EMAIL)


def demo_password() -> str:
    """The one password of every demo account: $DEMO_PASSWORD or the default."""
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def accounts_table(password: str | None = None) -> str:
    """The demo accounts as a plain-text table (e-mail, role, password)."""
    password = password or demo_password()
    rows = [("e-mail", "rol", "wachtwoord")]
    rows += [(account.email, account.role, password) for account in DEMO_ACCOUNTS]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    lines = ["  Demo-accounts:"]
    for email, role, secret in rows:
        lines.append(f"    {email:<{widths[0]}}  {role:<{widths[1]}}  {secret}")
    return "\n".join(lines)


def ensure_organisations() -> tuple[dict[str, Organisation], int]:
    """The fictional town, its OCMW and its partners, keyed on name."""
    organisations, created_count = {}, 0
    for name, sector, is_partner in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"sector": sector, "is_partner": is_partner}
        )
        if not created and (
            organisation.sector != sector or organisation.is_partner != is_partner
        ):
            organisation.sector, organisation.is_partner = sector, is_partner
            organisation.save(update_fields=["sector", "is_partner"])
        organisations[name] = organisation
        created_count += created
    return organisations, created_count


def _group(name: str) -> Group:
    try:
        return Group.objects.get(name=name)
    except Group.DoesNotExist as error:
        raise ImproperlyConfigured(
            f"Wagtail's group {name!r} is missing; run `manage.py migrate` first."
        ) from error


def ensure_account(
    account: DemoAccount,
    *,
    password: str,
    organisations: dict[str, Organisation],
) -> tuple[User, bool]:
    """Create or correct one demo account: flags, password, groups, membership."""
    user = User.objects.filter(email=account.email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=account.email,
            password=password,
            first_name=account.first_name,
            last_name=account.last_name,
            is_staff=account.is_staff,
            is_superuser=account.is_superuser,
        )
    else:
        wanted = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "is_staff": account.is_staff,
            "is_superuser": account.is_superuser,
            "is_active": True,
        }
        changed = [
            field for field, value in wanted.items() if getattr(user, field) != value
        ]
        for field in changed:
            setattr(user, field, wanted[field])
        if not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)

    wanted_groups = {_group(name) for name in account.groups}
    if set(user.groups.all()) != wanted_groups:
        user.groups.set(wanted_groups)

    if account.organisation:
        organisation = organisations[account.organisation]
        membership, made = Membership.objects.get_or_create(
            user=user,
            organisation=organisation,
            defaults={
                "role": account.membership_role,
                "status": Membership.Status.ACTIVE,
            },
        )
        if not made and (
            membership.role != account.membership_role
            or membership.status != Membership.Status.ACTIVE
        ):
            membership.role = account.membership_role
            membership.status = Membership.Status.ACTIVE
            membership.save(update_fields=["role", "status"])

    _ensure_verified_email(user)
    return user, created


def _ensure_verified_email(user: User) -> None:
    """Mark the address verified where django-allauth keeps that record."""
    if not apps.is_installed("allauth.account"):
        return
    EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )


def ensure_accounts(
    organisations: dict[str, Organisation],
) -> tuple[dict[str, User], int]:
    """Every account of DEMO_ACCOUNTS, keyed on e-mail; returns them and how many
    were new."""
    password = demo_password()
    users, created_count = {}, 0
    for account in DEMO_ACCOUNTS:
        user, created = ensure_account(
            account, password=password, organisations=organisations
        )
        users[account.email] = user
        created_count += created
    ensure_pending_memberships(users, organisations)
    return users, created_count


def ensure_pending_memberships(
    users: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    """One request to join and one open invitation, so the dashboards show what
    awaits an answer. Made once: a request approved or declined in the demo stays
    so; an invitation is made again only when none is open or accepted."""
    email, organisation_name = PENDING_REQUEST
    applicant, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": APPLICANT.first_name, "last_name": APPLICANT.last_name},
    )
    if created:
        applicant.set_unusable_password()
        applicant.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=applicant,
        organisation=organisations[organisation_name],
        defaults={"status": Membership.Status.REQUESTED},
    )
    email, organisation_name, invited_by = OPEN_INVITATION
    invitations = Invitation.objects.filter(
        email=email, organisation=organisations[organisation_name]
    )
    if not invitations.filter(
        models.Q(accepted_at__isnull=False) | models.Q(expires_at__gt=timezone.now())
    ).exists():
        invitation = Invitation(
            email=email,
            organisation=organisations[organisation_name],
            invited_by=users[invited_by],
        )
        invitation.full_clean()
        invitation.save()


def _name_key(name: str) -> str:
    name = name.strip().lower()
    return name.removesuffix(" vzw")


def ensure_goal_owners(plan: Page) -> int:
    """Link each goal to the organisations its owners text names ("Dienst wonen +
    Woonmaatschappij Wilgenland"), so partners see their goals; returns how many
    links were added."""
    organisations = {
        _name_key(organisation.name): organisation
        for organisation in Organisation.objects.filter(
            name__in=[name for name, _sector, _partner in ORGANISATIONS]
        )
    }
    added = 0
    for goal in plan.goals.prefetch_related("owner_organisations"):
        named = {
            organisations[_name_key(part)]
            for part in goal.owner_list
            if _name_key(part) in organisations
        }
        missing = named - set(goal.owner_organisations.all())
        if missing:
            goal.owner_organisations.add(*missing)
            added += len(missing)
    return added


def ensure_moderation_workflow(home: Page) -> Workflow:
    """Make sure Wagtail's moderation workflow (made by its migrations on the tree
    root, given a Dutch name by ours) governs the portal's pages, so editors submit
    for review and moderators approve. Another active workflow already in place is
    left alone."""
    workflow = home.get_workflow()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW, active=True).first()
    if workflow is None:
        task = GroupApprovalTask.objects.filter(
            name=MODERATION_WORKFLOW, active=True
        ).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=MODERATION_WORKFLOW)
            task.groups.set([_group(MODERATORS_GROUP)])
        workflow = Workflow.objects.create(name=MODERATION_WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
