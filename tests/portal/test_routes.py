"""Every route of the URLconf, for anonymous and every demo account: the answer matches
the route's access decision.

Routes are discovered from the URLconf, never listed by hand; each must match an entry
of `DECISIONS`, so a new route without an access decision fails `test_every_route_has_
an_access_decision`. Third-party trees (Wagtail's admin, Django's admin, allauth) are
decided as a whole by their gate; every route of our own is decided on its own, with a
sample object where it takes one (a staff-only object, so that "invisible answers 404"
is what gets checked).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import (
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

from cms.bodies.models import Advice, AdviceState, Body, Meeting, Recommendation
from cms.demo.accounts import HOUSING_PARTNER
from cms.followup.models import PlanReport, PlanVersion
from cms.indicators.models import Indicator
from cms.models import (
    Goal,
    IndexPage,
    PolicyPlanPage,
    PortalDocument,
    PortalImage,
    PortalPage,
    ProgressUpdate,
)
from cms.signals.models import Signal
from cms.socialmap.models import Location as MapLocation
from cms.socialmap.models import Organization as MapOrganization
from cms.socialmap.models import ProposalKind, ServiceProposal
from cms.socialmap.models import Service as MapService
from portal.access.audiences import Audience
from portal.models import Invitation, Membership, Organisation, User
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

ANONYMOUS = "anoniem"
CITIZEN = "burger@demo.lokaal"
PARTNER = "partner@demo.lokaal"
PARTNER2 = "partner2@demo.lokaal"
CIVIL_SERVANT = "ambtenaar@demo.lokaal"
EDITOR = "redacteur@demo.lokaal"
MODERATOR = "moderator@demo.lokaal"
ADMINISTRATOR = "admin@demo.lokaal"
IDENTITIES = [
    ANONYMOUS,
    CITIZEN,
    PARTNER,
    PARTNER2,
    CIVIL_SERVANT,
    EDITOR,
    MODERATOR,
    ADMINISTRATOR,
]
OUTSIDERS = {ANONYMOUS, CITIZEN, PARTNER, PARTNER2}  # no access to staff things
PARTNERS = {PARTNER, PARTNER2}
STAFF = {CIVIL_SERVANT, EDITOR, MODERATOR, ADMINISTRATOR}


class Outcome(StrEnum):
    OK = "ok"  # 2xx, or a redirect that is not to the login page
    LOGIN = "login"  # sent to sign in (302 to the login page, or 401 from an API)
    DENIED = "denied"  # 403
    HIDDEN = "hidden"  # 404
    REFUSED = "refused"  # 400, 405, 409: bad sample input, wrong method, no flow
    ERROR = "error"  # 5xx, or anything else: never expected


LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/django-admin/login/")


def outcome_of(response) -> Outcome:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = response.headers.get("Location", "")
        if target.startswith(LOGIN_PATHS) or "/accounts/login/?" in target:
            return Outcome.LOGIN
        return Outcome.OK
    if 200 <= status < 300 or status == 304:
        return Outcome.OK
    if status == 401:
        return Outcome.LOGIN
    if status == 403:
        return Outcome.DENIED
    if status == 404:
        return Outcome.HIDDEN
    if status in (400, 405, 409):
        return Outcome.REFUSED
    return Outcome.ERROR


# What each kind of route may answer, per identity.
SEEN = {Outcome.OK, Outcome.HIDDEN, Outcome.REFUSED}  # reachable (sample may not exist)


def everyone(_: str) -> set[Outcome]:
    return SEEN


def signed_in(identity: str) -> set[Outcome]:
    return {Outcome.LOGIN} if identity == ANONYMOUS else SEEN


def staff_only(identity: str) -> set[Outcome]:
    """A staff door or tool: outsiders are sent to sign in or refused, never served."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    if identity in OUTSIDERS:
        return {Outcome.LOGIN, Outcome.DENIED, Outcome.HIDDEN}
    return SEEN


def wagtail_admin(identity: str) -> set[Outcome]:
    """Wagtail's admin: gated by `wagtailadmin.access_admin`, then by its own
    permission policies (a staff member without rights on a thing gets 403 or is sent
    back to the dashboard)."""
    if identity in OUTSIDERS:
        return {Outcome.LOGIN}
    return SEEN | {Outcome.DENIED}


def partner_door(identity: str) -> set[Outcome]:
    """The partner portal: partners and civil servants; a citizen is shown the way
    to the right door (403), the anonymous are sent to sign in."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    if identity == CITIZEN:
        return {Outcome.DENIED}
    return {Outcome.OK}


def intranet_door(identity: str) -> set[Outcome]:
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    return {Outcome.OK} if identity in STAFF else {Outcome.DENIED}


def housing_partner_only(identity: str) -> set[Outcome]:
    """Something of the housing partner (partner2@'s organisation): its members and
    civil servants see it; the other partner gets 404, a citizen the wrong door."""
    if identity in (PARTNER2, *STAFF):
        return SEEN
    return partner_door(identity) if identity != PARTNER else {Outcome.HIDDEN}


def managed_by_staff_or(coordinator: str | None) -> Callable[[str], set[Outcome]]:
    """A membership action (POST): civil servants, or the organisation's own
    coordinator, may act; other partners are refused or shown 404."""

    def expect(identity: str) -> set[Outcome]:
        if identity == ANONYMOUS:
            return {Outcome.LOGIN}
        if identity in STAFF or identity == coordinator:
            return SEEN
        return {Outcome.DENIED, Outcome.HIDDEN}

    return expect


def superuser_only(identity: str) -> set[Outcome]:
    """Django's admin: administrators only; everyone else is never served a page
    (sent to sign in, refused, or shown a 404 for an unknown address)."""
    if identity == ADMINISTRATOR:
        return SEEN | {Outcome.DENIED}
    return {Outcome.LOGIN, Outcome.DENIED, Outcome.HIDDEN, Outcome.REFUSED}


def visible_from(audience: str) -> Callable[[str], set[Outcome]]:
    """An object of this audience: served to those who may see it, 404 to others."""
    allowed = {
        Audience.PUBLIC: set(IDENTITIES),
        Audience.PARTNERS: PARTNERS | STAFF,
        Audience.STAFF: STAFF,
    }[audience]

    def expect(identity: str) -> set[Outcome]:
        return {Outcome.OK} if identity in allowed else {Outcome.HIDDEN}

    return expect


def api_open(_: str) -> set[Outcome]:
    """An API endpoint anyone may call; what it returns is filtered per caller
    (checked in the API's own tests)."""
    return SEEN


def entrance(_: str) -> set[Outcome]:
    """allauth's sign-in flows: open to all; a step without its flow goes back to
    the login page."""
    return SEEN | {Outcome.LOGIN}


def goal_owners_api(identity: str) -> set[Outcome]:
    """Reporting on a public goal through the API: civil servants and the owning
    organisation's members; everyone else who is signed in is refused (403)."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    if identity in (PARTNER2, *STAFF):
        return SEEN
    return {Outcome.DENIED}


def housing_goal(demo) -> Goal:
    """A goal the housing partner owns and partner@'s organisation does not."""
    return (
        Goal.objects.filter(owner_organisations=demo.housing_partner)
        .exclude(owner_organisations__memberships__user__email=PARTNER)
        .exclude(lead_organisation__memberships__user__email=PARTNER)
        .order_by("pk")
        .first()
    )


def staff_goal(demo) -> Goal:
    """A goal of a plan only civil servants see (made in the test's transaction)."""
    plan = PolicyPlanPage(
        title="Intern actieplan (routetest)",
        slug="intern-actieplan-routetest",
        audience=Audience.STAFF,
        start_year=2026,
        end_year=2031,
    )
    IndexPage.objects.get(slug="intern").add_child(instance=plan)
    plan.save_revision().publish()
    return Goal.objects.create(plan=plan, code="SD 1", title="Interne doelstelling")


def linked_signal(demo) -> tuple[Signal, Goal]:
    """A registered demo signal (partners and civil servants see it) and a public
    goal it is linked to."""
    signal = Signal.objects.get(title="Slechte woningkwaliteit bij private huur")
    return signal, signal.goals.order_by("pk").first()


def civil_servants_link(identity: str) -> set[Outcome]:
    """Linking signals and goals: civil servants; everyone else signed in is
    refused (403), the anonymous are sent to sign in."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    return SEEN if identity in STAFF else {Outcome.DENIED}


def civil_servants_link_api(identity: str) -> set[Outcome]:
    """The same in the API, on a registered signal: a citizen does not see it
    (404), partners see it and are refused (403)."""
    if identity == CITIZEN:
        return {Outcome.HIDDEN}
    return civil_servants_link(identity)


def to_login(_: str) -> set[Outcome]:
    return {Outcome.LOGIN}


def admin_login(identity: str) -> set[Outcome]:
    """The admin's sign-in: the anonymous go on to allauth's login, staff on to the
    admin; anyone else signed in is told the admin is for editors (403)."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    return {Outcome.OK} if identity in STAFF else {Outcome.DENIED}


def closed_body():
    """A body that is not public and where no demo account has a seat."""
    from cms.bodies.models import Body

    return Body.objects.get_or_create(
        name="Besloten orgaan (routetest)", defaults={"is_public": False}
    )[0]


def nobody(_: str) -> set[Outcome]:
    return {Outcome.HIDDEN}


def closed_body_workspace(identity: str) -> set[Outcome]:
    """Inside a body's workspace (a closed body nobody of the demo sits in): the
    anonymous are sent to sign in, civil servants work in it (an officer's
    action refuses them), everyone else gets 404."""
    if identity == ANONYMOUS:
        return {Outcome.LOGIN}
    if identity in STAFF:
        return SEEN | {Outcome.DENIED}
    return {Outcome.HIDDEN}


def closed_body_sample(kind: str) -> str:
    """The URL of something of a closed body without demo members (created in the
    test's transaction): staff see it, nobody else."""
    body = Body.objects.create(
        name="Besloten werkgroep (routetest)", is_public=False, gives_advice=True
    )
    meeting = Meeting.objects.create(
        body=body, starts_at="2026-03-12T19:30:00+01:00", is_public=False
    )
    advice = Advice.objects.create(
        body=body,
        title="Ontwerpadvies",
        asked_on="2026-03-02",
        state=AdviceState.ADOPTED,
    )
    recommendation = Recommendation.objects.create(advice=advice, text="Iets")
    args = {
        "body": [body.pk],
        "meeting": [meeting.pk],
        "advice": [advice.pk],
        "recommendation": [advice.pk, recommendation.pk],
    }
    name, _sep, key = kind.partition("|")
    return reverse(name, args=args[key or name.split(":")[-1]])


def sample_report() -> ServiceProposal:
    """A citizen's report on a published service (made in the test's transaction)."""
    return ServiceProposal.objects.get_or_create(
        service=MapService.objects.filter(live=True).order_by("pk")[0],
        kind=ProposalKind.REPORT,
        defaults={"message": "Het telefoonnummer klopt niet (routetest)."},
    )[0]


def staff_indicator():
    """An indicator for civil servants only (created in the test's transaction)."""
    return Indicator.objects.get_or_create(
        slug="intern-cijfer-routetest",
        defaults={"name": "Intern cijfer", "unit": "%", "audience": Audience.STAFF},
    )[0]


@dataclass(frozen=True)
class Decision:
    """The access decision for routes whose full pattern matches `route` (a regular
    expression over the joined pattern strings)."""

    route: str
    expect: Callable[[str], set[Outcome]]
    # Routes that answer the same to everyone (generated documentation) are asked
    # by these identities only, to keep the walk fast.
    identities: tuple[str, ...] = tuple(IDENTITIES)
    method: str = "get"
    # A route that an earlier one answers for (a wrapper in front of a library view)
    # is never reached; the test checks that it is indeed shadowed.
    shadowed: bool = False
    # Builds the URL to request from the demo objects; by default the route is
    # reversed with sample values for its parameters.
    url: Callable[["Demo"], str] | None = None
    why: str = ""
    pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "pattern", re.compile(self.route))


@dataclass
class Demo:
    staff_page: PortalPage
    partner_page: PortalPage
    public_page: PortalPage
    staff_document: PortalDocument
    staff_image: PortalImage
    housing_partner: Organisation
    join_request: Membership
    invitation: Invitation


DECISIONS = [
    # Third-party trees, decided by their own gate.
    Decision(
        r"admin/login/",
        admin_login,
        why="allauth's login for the anonymous; says the admin is for editors",
    ),
    Decision(
        r"admin/password_reset/.*",
        nobody,
        why="switched off: passwords are reset through allauth",
    ),
    Decision(r"admin/(jsi18n|sprite)/", everyone, why="the admin's script assets"),
    Decision(
        r"admin/failwhale/",
        wagtail_admin,
        identities=(ANONYMOUS, CITIZEN, PARTNER, PARTNER2),
        why="Wagtail's deliberate error, to test error reporting: staff get a 500",
    ),
    *[
        Decision(
            rf"admin/snippets/choose/socialmap/{model._meta.model_name}/chosen/"
            r"<str:pk>/",
            wagtail_admin,
            url=lambda demo, model=model: reverse(
                f"wagtailsnippetchoosers_socialmap_{model._meta.model_name}:chosen",
                args=[model.objects.all()[0].pk],
            ),
            why="Wagtail's chooser: a malformed UUID is a 500 there, so a real one",
        )
        for model in (MapService, MapOrganization, MapLocation)
    ],
    *[
        Decision(
            rf"admin/snippets/socialmap/{model._meta.model_name}/history/.*"
            r"/revisions/compare/.*",
            wagtail_admin,
            url=lambda demo, model=model: reverse(
                f"wagtailsnippets_socialmap_{model._meta.model_name}:revisions_compare",
                args=[model.objects.all()[0].pk, "earliest", "latest"],
            ),
            why="Wagtail's revision compare: a malformed UUID is a 500, so a real one",
        )
        for model in (MapService, MapOrganization, MapLocation)
    ],
    Decision(r"admin/.*", wagtail_admin, why="Wagtail admin: access_admin permission"),
    Decision(
        r"django-admin/logout/",
        lambda _: {Outcome.OK, Outcome.LOGIN, Outcome.REFUSED},
        why="signing out needs no rights",
    ),
    Decision(r"django-admin/.*", superuser_only, why="Django admin: superusers"),
    Decision(
        r"accounts/(email|password/change|password/set|2fa|3rdparty/$"
        r"|reauthenticate).*",
        signed_in,
        why="allauth pages about one's own account",
    ),
    Decision(r"accounts/.*", entrance, why="allauth: sign in, sign up, reset"),
    Decision(
        r"_allauth/openapi\.(yaml|json|html)",
        everyone,
        identities=(ANONYMOUS,),
        why="allauth's published API description",
    ),
    Decision(
        r"_allauth/.*",
        lambda _: {Outcome.OK, Outcome.LOGIN, Outcome.REFUSED},
        why="allauth's headless API for apps: signs in with a session token, not "
        "the cookie (tests/api); without one it answers 401 or a form error",
    ),
    # Our own routes, one by one.
    Decision(r"_util/login/", to_login, why="redirects to allauth's login"),
    Decision(
        r"_util/authenticate_with_password/.*",
        everyone,
        why="Wagtail page passwords: unused; a missing restriction answers 404",
    ),
    Decision(
        r"documents/authenticate_with_password/.*",
        everyone,
        why="Wagtail collection passwords: unused; a missing restriction answers 404",
    ),
    Decision(r"sitemap\.xml", everyone, why="public pages only (tests/portal)"),
    Decision(
        r"mijn-portaal/",
        signed_in,
        why="redirects to the person's door; the anonymous sign in first",
    ),
    Decision(r"mijn-pagina/", signed_in, why="one's own saved services and account"),
    Decision(
        r"\^documents/\(\\d\+\)/\(\.\*\)\$",
        visible_from(Audience.STAFF),
        url=lambda demo: demo.staff_document.url,
        why="Wagtail's document view behind the audience check",
    ),
    Decision(
        r"documents/\^\(\\d\+\)/\(\.\*\)\$",
        nobody,
        shadowed=True,
        why="Wagtail's own route, answered by the wrapper above",
    ),
    Decision(
        r"media/<path:path>",
        visible_from(Audience.STAFF),
        url=lambda demo: demo.staff_image.file.url,
        why="every uploaded file, after the audience check (portal/files.py)",
    ),
    Decision(r"partners/(|organisaties/|paginas/)", partner_door),
    Decision(
        r"partners/organisaties/<str:slug>/",
        housing_partner_only,
        url=lambda demo: reverse(
            "partners:organisation", args=[demo.housing_partner.slug]
        ),
    ),
    Decision(
        r"partners/organisaties/<str:slug>/uitnodigen/",
        managed_by_staff_or(None),
        method="post",
        url=lambda demo: reverse("partners:invite", args=[demo.housing_partner.slug]),
    ),
    Decision(
        r"partners/lidmaatschappen/<int:pk>/(goedkeuren|weigeren|beeindigen|rol)/",
        managed_by_staff_or(None),
        method="post",
        url=lambda demo: f"/partners/lidmaatschappen/{demo.join_request.pk}/weigeren/",
        why="a request to join the housing partner; partner2@ is no coordinator",
    ),
    Decision(
        r"partners/uitnodigingen/<int:pk>/intrekken/",
        managed_by_staff_or(PARTNER),
        method="post",
        url=lambda demo: reverse(
            "partners:invitation_withdraw", args=[demo.invitation.pk]
        ),
        why="partner@ coordinates the organisation that invited",
    ),
    Decision(r"partners/(lid-worden|uitnodiging/<str:token>)/", signed_in),
    Decision(
        r"partners/doelstellingen/<int:goal_id>/rapporteren/",
        housing_partner_only,
        url=lambda demo: reverse("partners:goal_report", args=[housing_goal(demo).pk]),
        why="a goal only the housing partner owns: its members and staff report",
    ),
    Decision(r"intranet/(|aanvragen/|voortgang/)", intranet_door),
    Decision(
        r"intranet/voortgang/<int:update_id>/vraag/",
        intranet_door,
        url=lambda demo: reverse(
            "intranet:progress_question",
            args=[ProgressUpdate.objects.order_by("pk").first().pk],
        ),
        why="civil servants return a progress report with a question",
    ),
    Decision(
        r"api/v2/\^pages/<int:pk>/",
        visible_from(Audience.STAFF),
        url=lambda demo: reverse("wagtailapi:pages:detail", args=[demo.staff_page.pk]),
    ),
    Decision(r"api/v2/.*", api_open, why="lists filtered by portal.access"),
    Decision(r"api/v1/me/", api_open),
    Decision(
        r"api/v1/\^goals/.*progress.*",
        goal_owners_api,
        method="post",
        url=lambda demo: f"/api/v1/goals/{housing_goal(demo).pk}/progress/",
        why="civil servants and the owning organisation's members report",
    ),
    *[
        Decision(
            rf"api/v1/\^{prefix}/\(\?P<pk>\[\^/\.\]\+\){below}{tail}",
            visible_from(Audience.STAFF),
            url=lambda demo, name=name, end=end: closed_body_sample(name)[:-1] + end,
            why="a closed body, its closed meeting, an unpublished advice and its "
            "timeline in the API: 404 outside the workspace (tests/bodies)",
        )
        for prefix, below, name in [
            ("bodies", "", "body-detail|body"),
            ("meetings", "", "meeting-detail|meeting"),
            ("advice", "", "advice-detail|advice"),
            ("advice", "/timeline", "advice-timeline|advice"),
        ]
        # .../$ and .../.json (DRF's format suffix)
        for tail, end in [(r"/\$", "/"), (r"\\\.\(\?P<format>.*", ".json")]
    ],
    *[
        Decision(
            rf"api/v1/\^advice/\(\?P<pk>\[\^/\.\]\+\)/{action}{tail}",
            closed_body_workspace,
            method="post",
            url=lambda demo, action=action, end=end: (
                closed_body_sample(f"advice-{action}|advice")[:-1] + end
            ),
            why="writes on an advice of a closed body: sign in first, then 404 "
            "outside the workspace; the services decide who acts (tests/bodies)",
        )
        for action in ("transitions", "answer", "extension", "status-updates")
        for tail, end in [(r"/\$", "/"), (r"\\\.\(\?P<format>.*", ".json")]
    ],
    *[
        Decision(
            rf"api/v1/\^signals/\(\?P<pk>\[\^/\.\]\+\)/goals{below}{tail}",
            civil_servants_link_api,
            method=method,
            url=lambda demo, end=end, below=below: (
                f"/api/v1/signals/{linked_signal(demo)[0].pk}/goals"
                + (f"/{linked_signal(demo)[1].pk}" if below else "")
                + end
            ),
            why="civil servants link a signal to goals and unlink it "
            "(tests/signals/test_goal_links.py)",
        )
        for below, method in [
            ("", "post"),
            (r"/\(\?P<goal_id>\[0-9\]\+\)", "delete"),
        ]
        for tail, end in [(r"/\$", "/"), (r"\\\.\(\?P<format>.*", ".json")]
    ],
    *[
        Decision(
            rf"api/v1/\^indicators/\(\?P<pk>\[\^/\.\]\+\){below}{tail}",
            visible_from(Audience.STAFF),
            url=lambda demo, below=below, end=end: (
                f"/api/v1/indicators/{staff_indicator().pk}{below}{end}"
            ),
            why="an indicator for civil servants: 404 to all others (tests/indicators)",
        )
        for below in ("", "/values")
        for tail, end in [(r"/\$", "/"), (r"\\\.\(\?P<format>.*", ".json")]
    ],
    Decision(r"api/v1/.*", api_open),
    Decision(
        r"api/(schema|docs)/.*",
        api_open,
        identities=(ANONYMOUS, ADMINISTRATOR),
        why="the public API description, the same for everyone",
    ),
    Decision(r"zoeken/", everyone, why="results filtered per person (tests/search)"),
    Decision(r"partners/zoeken/", partner_door, why="the partner portal's search"),
    Decision(r"intranet/zoeken/", intranet_door, why="the intranet's search"),
    Decision(
        r"partners/signalen/(|nieuw/)", partner_door, why="signals (tests/signals)"
    ),
    Decision(
        r"partners/signalen/<int:pk>/(|bewerken/|bijlagen/<int:attachment_pk>/)",
        lambda who: partner_door(who) if who in (ANONYMOUS, CITIZEN) else SEEN,
        why="a signal or its file: 404 unless cms.signals.selectors shows it",
    ),
    Decision(
        r"partners/signalen/<int:pk>/(status|opmerking|toestemming|herkennen)/",
        lambda who: partner_door(who) if who in (ANONYMOUS, CITIZEN) else SEEN,
        method="post",
        why="signal actions; the services decide who may act (tests/signals)",
    ),
    Decision(r"intranet/signalen/", intranet_door, why="the coordinators' queue"),
    Decision(
        r"intranet/signalen/(alle/|alle\.csv)",
        intranet_door,
        why="all signals a civil servant may see, and as CSV (tests/signals)",
    ),
    Decision(
        r"partners/signalen/<int:pk>/doelstellingen/",
        civil_servants_link,
        method="post",
        url=lambda demo: reverse(
            "partners:signal_goals", args=[linked_signal(demo)[0].pk]
        ),
        why="civil servants link a signal to goals (tests/signals)",
    ),
    Decision(
        r"partners/signalen/<int:pk>/doelstellingen/<int:goal_id>/ontkoppelen/",
        civil_servants_link,
        method="post",
        url=lambda demo: reverse(
            "partners:signal_goal_unlink",
            args=[item.pk for item in linked_signal(demo)],
        ),
        why="civil servants unlink a goal; once unlinked, the next gets 404",
    ),
    Decision(
        r"doelen/<int:goal_id>/<str:slug>/",
        visible_from(Audience.STAFF),
        url=lambda demo: staff_goal(demo).get_absolute_url(),
        why="a goal's page: 404 to whoever may not see its plan",
    ),
    Decision(
        r"doelen/<int:goal_id>/signalen/koppelen/",
        civil_servants_link,
        method="post",
        url=lambda demo: reverse("goals:link_signal", args=[linked_signal(demo)[1].pk]),
        why="civil servants link a signal to the goal (tests/signals)",
    ),
    Decision(
        r"doelen/<int:goal_id>/signalen/<int:signal_id>/ontkoppelen/",
        civil_servants_link,
        method="post",
        url=lambda demo: reverse(
            "goals:unlink_signal",
            args=[linked_signal(demo)[1].pk, linked_signal(demo)[0].pk],
        ),
        why="civil servants unlink a signal from the goal (tests/signals)",
    ),
    Decision(
        r"intranet/organen/<int:pk>/jaarverslag/<int:year>/",
        lambda who: (
            {Outcome.LOGIN}
            if who == ANONYMOUS
            else ({Outcome.OK} if who in STAFF else {Outcome.HIDDEN})
        ),
        url=lambda demo: reverse(
            "intranet:body_year_report", args=[closed_body().pk, 2026]
        ),
        why="a body's yearly report: its workspace (staff and seats), 404 to others",
    ),
    Decision(
        r"partners/overleg/<int:pk>/jaarverslag/<int:year>/",
        lambda who: (
            {Outcome.LOGIN}
            if who == ANONYMOUS
            else ({Outcome.OK} if who in STAFF else {Outcome.HIDDEN})
        ),
        url=lambda demo: reverse(
            "partners:body_year_report", args=[closed_body().pk, 2026]
        ),
        why="the same report from the workspace, the door of its members",
    ),
    Decision(
        r"plannen/<int:plan_id>/verslag/<int:year>/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: PlanReport.objects.get(
            kind="year", status="published"
        ).get_absolute_url(),
        why="Wilgendonk's published 2026 report: whoever may see the plan",
    ),
    Decision(
        r"plannen/<int:plan_id>/evaluatie/",
        visible_from(Audience.STAFF),
        url=lambda demo: PlanReport.objects.create(
            plan=PlanReport.objects.get(kind="year").plan, kind="evaluation"
        ).get_absolute_url(),
        why="a draft evaluation: civil servants and editors only (tests/followup)",
    ),
    Decision(
        r"plannen/<int:plan_id>/versies/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: reverse(
            "followup:versions", args=[PlanVersion.objects.first().plan_id]
        ),
        why="a public plan's versions",
    ),
    Decision(
        r"plannen/<int:plan_id>/versies/<int:number>/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: PlanVersion.objects.get(number=1).get_absolute_url(),
        why="a version of a public plan: as the plan is",
    ),
    Decision(r"sociale-kaart/", everyone, why="the social map: public, no login"),
    Decision(r"overleg/", everyone, why="public bodies and open meetings"),
    Decision(r"indicatoren/", everyone, why="the indicators each person may see"),
    Decision(
        r"indicatoren/<str:slug>/",
        visible_from(Audience.STAFF),
        url=lambda demo: reverse("indicators:detail", args=[staff_indicator().slug]),
        why="an indicator for civil servants: 404 to everyone else",
    ),
    *[
        Decision(
            route,
            visible_from(Audience.STAFF),
            url=lambda demo, name=name: closed_body_sample(name),
            why="a closed body, its closed meeting, an unpublished advice: 404 "
            "outside the workspace (tests/bodies)",
        )
        for route, name in [
            (r"overleg/<int:pk>/", "bodies:body"),
            (r"overleg/<int:pk>/agenda\.ics", "bodies:body_feed|body"),
            (r"overleg/vergaderingen/<int:pk>/", "bodies:meeting"),
            (r"overleg/adviezen/<int:pk>/", "bodies:advice"),
        ]
    ],
    Decision(
        r"overleg/mijn-agenda/<str:token>\.ics",
        nobody,
        why="a personal feed: a token that is not signed answers 404",
    ),
    Decision(r"partners/overleg/", signed_in, why="the bodies one sits in"),
    *[
        Decision(
            route,
            closed_body_workspace,
            method=method,
            url=lambda demo, name=name: closed_body_sample(name),
            why="a body's workspace: its seats and civil servants (tests/bodies)",
        )
        for route, name, method in [
            (r"partners/overleg/<int:pk>/", "partners:body_workspace|body", "get"),
            (
                r"partners/overleg/<int:pk>/eigen-advies/",
                "partners:body_own_initiative|body",
                "get",
            ),
            (
                r"partners/overleg/adviezen/<int:pk>/",
                "partners:body_advice|advice",
                "get",
            ),
            *[
                (
                    rf"partners/overleg/adviezen/<int:pk>/{action}/",
                    f"partners:{name}|advice",
                    "post",
                )
                for action, name in [
                    ("status", "body_advice_transition"),
                    ("tekst", "body_advice_edit"),
                    ("verlenging", "body_advice_extend"),
                    ("stand-van-zaken", "body_advice_status"),
                    ("publicatie", "body_advice_publish"),
                ]
            ],
            (
                r"partners/overleg/adviezen/<int:pk>/antwoord/<int:recommendation_pk>/",
                "partners:body_advice_answer|recommendation",
                "post",
            ),
            (
                r"partners/overleg/vergaderingen/<int:pk>/",
                "partners:body_meeting|meeting",
                "get",
            ),
            (
                r"partners/overleg/vergaderingen/<int:pk>/verslag/",
                "partners:body_minutes|meeting",
                "post",
            ),
            (
                r"partners/overleg/vergaderingen/<int:pk>/verslag/status/",
                "partners:body_minutes_step|meeting",
                "post",
            ),
        ]
    ],
    Decision(r"intranet/advies/(|vragen/)", intranet_door, why="civil servants"),
    Decision(r"partners/sociale-kaart/", partner_door, why="partners' own services"),
    Decision(
        r"partners/sociale-kaart/<uuid:pk>/",
        housing_partner_only,
        url=lambda demo: reverse(
            "socialmap_partners:propose",
            args=[
                MapService.objects.filter(
                    organization__portal_organisation=demo.housing_partner
                )[0].pk
            ],
        ),
        why="a proposal for a service of the housing partner: its members only",
    ),
    Decision(
        r"sociale-kaart/diensten/<uuid:pk>/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: reverse(
            "socialmap:service", args=[MapService.objects.filter(live=True)[0].pk]
        ),
        why="published services only; drafts and proposals answer 404",
    ),
    Decision(
        r"sociale-kaart/diensten/<uuid:pk>/(bewaren|niet-meer-bewaren)/",
        signed_in,
        method="post",
        url=lambda demo: reverse(
            "socialmap:service_save", args=[MapService.objects.filter(live=True)[0].pk]
        ),
        why="anyone signed in saves a published service on their own page",
    ),
    Decision(
        r"sociale-kaart/diensten/<uuid:pk>/fout-melden/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: reverse(
            "socialmap:report", args=[MapService.objects.filter(live=True)[0].pk]
        ),
        why="anyone reports a mistake on a published service; no account needed",
    ),
    Decision(
        r"intranet/sociale-kaart/",
        intranet_door,
        why="proposals for the social map; empty for staff who do not publish them",
    ),
    Decision(
        r"intranet/sociale-kaart/<int:pk>/",
        staff_only,
        url=lambda demo: reverse(
            "intranet:socialmap_proposal", args=[sample_report().pk]
        ),
        why="reviewing a proposal: those who publish services; other staff get 404",
    ),
    Decision(
        r"sociale-kaart/organisaties/<uuid:pk>/",
        visible_from(Audience.PUBLIC),
        url=lambda demo: reverse(
            "socialmap:organization",
            args=[MapOrganization.objects.filter(live=True)[0].pk],
        ),
    ),
    Decision(
        r"\^\(\(\?:\[\\w\\-\]\+/\)\*\)\$",
        visible_from(Audience.STAFF),
        url=lambda demo: demo.staff_page.url,
        why="Wagtail's page serving; a staff page answers 404 to others",
    ),
]

# Sample values for route parameters, by name; otherwise 1 for digits and a word.
SAMPLE_BY_NAME = {
    "app_label": "cms",
    "model_name": "goal",
    "provider_id": "town",
    "format": "json",
}
PARAMETER = re.compile(
    r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\((?:\?P<(?P<group>\w+)>)?"
)


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


LEAVES = dict(walk(get_resolver().url_patterns))
ROUTES = sorted(LEAVES)


def decision_for(route: str) -> Decision | None:
    return next((d for d in DECISIONS if d.pattern.fullmatch(route)), None)


def _group_end(route: str, start: int) -> int:
    depth = 0
    for index in range(start, len(route)):
        if route[index] == "(" and route[index - 1] != "\\":
            depth += 1
        elif route[index] == ")" and route[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(route)


def _sample(name: str | None, body: str, fallback: str) -> str:
    if re.fullmatch(r"[\w|]+", body):  # an alternation such as (?P<app>auth|mfa)
        return body.split("|")[0]
    if name in SAMPLE_BY_NAME:
        return SAMPLE_BY_NAME[name]
    if body in (r"\d+", "[0-9]+"):
        return "1"
    return fallback


def fill(route: str, fallback: str) -> str:
    """The route as a path, its parameters replaced by sample values."""
    out, index = [], 0
    while index < len(route):
        match = PARAMETER.match(route, index)
        if match and match.group("name"):
            converter = match.group("converter") or "str"
            value = SAMPLE_BY_NAME.get(match.group("name"))
            if converter == "drf_format_suffix":
                value = ".json"
            elif converter == "uuid" and value is None:
                value = "00000000-0000-0000-0000-000000000000"  # exists nowhere
            elif value is None:
                value = "1" if converter == "int" else fallback
            out.append(value)
            index = match.end()
        elif match and route[index] == "(" and route[index - 1 : index] != "\\":
            end = _group_end(route, index)
            body = route[match.end() : end - 1]
            out.append(_sample(match.group("group"), body, fallback))
            index = end
        else:
            out.append(route[index])
            index += 1
    path = "".join(out)
    for token, plain in (("^", ""), ("$", ""), ("/?", "/"), ("\\.", "."), (".*", "x")):
        path = path.replace(token, plain)
    return "/" + path


def sample_url(route: str) -> str | None:
    """A URL that resolves back to this route, with sample parameter values."""
    for fallback in ("1", "x"):
        url = fill(route, fallback)
        try:
            match = resolve(url)
        except Resolver404:
            continue
        # Django drops the "^" of an included regex when it joins routes.
        if match.route.replace("/^", "/") == route.replace("/^", "/"):
            return url
    return None


def test_every_route_has_an_access_decision():
    undecided = [route for route in ROUTES if decision_for(route) is None]
    assert not undecided, (
        "Routes without an access decision (add them to DECISIONS in "
        f"{__name__}): {undecided}"
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Demo:
    """The demo site, loaded once for this module and rolled back after it. Staff
    accounts get the second factor they must have."""
    with demo_loaded(django_db_blocker):
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        pages = PortalPage.objects.live()
        housing_partner = Organisation.objects.get(name=HOUSING_PARTNER)
        yield Demo(
            staff_page=pages.filter(audience=Audience.STAFF).first(),
            partner_page=pages.filter(audience=Audience.PARTNERS).first(),
            public_page=pages.filter(audience=Audience.PUBLIC).exclude(depth=2)[0],
            staff_document=PortalDocument.objects.get(audience=Audience.STAFF),
            staff_image=PortalImage.objects.get(audience=Audience.STAFF),
            housing_partner=housing_partner,
            join_request=Membership.objects.get(
                organisation=housing_partner, status=Membership.Status.REQUESTED
            ),
            invitation=Invitation.objects.get(accepted_at=None),
        )


@pytest.fixture(scope="module")
def sessions(demo, django_db_blocker) -> dict[str, str]:
    """One signed-in session per identity, made once for the module (inside the
    demo's transaction, so every test finds it): signing in for each of the
    5,000 requests took a fifth of this module's time."""
    with django_db_blocker.unblock():
        keys = {}
        for user in User.objects.filter(email__in=IDENTITIES):
            client = Client()
            client.force_login(user)
            keys[user.email] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return keys


def client_for(identity: str, sessions: dict[str, str]) -> Client:
    """A client of this identity's session (a route that signed out or rotated the
    key in an earlier test cannot change it: each test starts from the key)."""
    client = Client()
    if identity != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[identity]
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_each_identity_gets_the_decided_answer(route, demo, sessions):
    decision = decision_for(route)
    if decision is None:
        pytest.fail(f"no access decision for {route}")
    if decision.shadowed:
        url = fill(route, "1")
        assert resolve(url).route != route, f"{route} is reachable: decide it"
        return
    url = decision.url(demo) if decision.url else sample_url(route)
    assert url, f"no sample URL for {route}: give its decision a `url`"
    cache.clear()  # rate limits and throttles must not leak between identities
    wrong = {}
    for identity in decision.identities:
        client = client_for(identity, sessions)
        response = getattr(client, decision.method)(url)
        got = outcome_of(response)
        if got not in decision.expect(identity):
            wrong[identity] = f"{got} ({response.status_code})"
    assert not wrong, f"GET {url}: {wrong}"
