"""The partner portal (/partners/): a dashboard of the person's organisations and what
awaits them, a page per organisation, the pages for partners, and joining."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import selectors as cms_selectors
from cms.models import Goal
from cms.services import goal_report_progress
from cms.staleness import goals_by_due
from portal import memberships as services
from portal import selectors
from portal.access import may_report_progress, reporting_organisation_id
from portal.access.doors import partners_door, signed_in
from portal.access.roles import Door
from portal.accounts.invitations import (
    ask_to_sign_in_for_invitation,
    membership_page,
    welcome_member,
)
from portal.models import Membership
from portal.navigation import go_back, render_in_door, report_refusal
from portal.portals.forms import (
    InvitationForm,
    JoinForm,
    ProgressReportForm,
    RoleForm,
)

RECENT_PAGES = 8
PAGES_LISTED = 50


def _render(request, template, context, current=""):
    return render_in_door(
        request,
        f"portal/partners/{template}",
        context,
        door=Door.PARTNERS,
        current=current,
    )


@partners_door
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    goals = cms_selectors.goals_of_organisations_of(user)
    return _render(
        request,
        "dashboard.html",
        {
            "memberships": selectors.memberships_of(user),
            "requests_awaiting": selectors.memberships_awaiting(user, own_only=True),
            "invitations_open": selectors.invitations_open_for(user, own_only=True),
            "own_requests": selectors.membership_requests_of(user),
            "goals": goals,
            # Lazy: the panels that show it are cached (partner_dashboard_work).
            "due": SimpleLazyObject(lambda: goals_by_due(goals, today)),
            "open_questions": cms_selectors.open_progress_questions(goals),
            "recent_pages": cms_selectors.partner_pages_visible_to(user)[:RECENT_PAGES],
        },
        current="dashboard",
    )


@partners_door
def organisations(request):
    """ "Mijn organisatie": the person's organisation, or a choice when there are
    several."""
    memberships = list(selectors.memberships_of(request.user))
    if len(memberships) == 1:
        return redirect("partners:organisation", memberships[0].organisation.slug)
    return _render(
        request,
        "organisations.html",
        {"memberships": memberships},
        current="organisations",
    )


@partners_door
def organisation(request, slug):
    user = request.user
    organisation = get_object_or_404(
        selectors.organisations_visible_to(user), slug=slug
    )
    return _organisation_page(request, organisation)


def _organisation_page(request, organisation, *, invitation_form=None):
    """The organisation's page; after a refused invitation, with that form and its
    errors beside its fields."""
    user = request.user
    may_manage = selectors.may_manage(user, organisation)
    members = list(selectors.members_of(organisation))
    for member in members:
        member.role_form = RoleForm(
            initial={"role": member.role}, prefix=f"lid-{member.pk}"
        )
    return _render(
        request,
        "organisation.html",
        {
            "organisation": organisation,
            "members": members,
            "own_membership": next((m for m in members if m.user_id == user.pk), None),
            "may_manage": may_manage,
            "requests_awaiting": (
                selectors.memberships_awaiting(user, organisation=organisation)
                if may_manage
                else []
            ),
            "invitations_open": (
                selectors.invitations_open_for(user, organisation=organisation)
                if may_manage
                else []
            ),
            "invitation_form": (invitation_form or InvitationForm(prefix="uitnodiging"))
            if may_manage
            else None,
        },
        current="organisations",
    )


@require_POST
@partners_door
def invite(request, slug):
    user = request.user
    organisation = get_object_or_404(
        selectors.organisations_visible_to(user), slug=slug
    )
    if not selectors.may_manage(user, organisation):
        raise PermissionDenied  # before the form: members learn nothing from it
    form = InvitationForm(request.POST, prefix="uitnodiging")
    if not form.is_valid():
        return _organisation_page(request, organisation, invitation_form=form)
    try:
        invitation = services.invitation_send(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=user,
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Uitnodiging verstuurd naar %(email)s.") % {"email": invitation.email},
        )
    return redirect("partners:organisation", organisation.slug)


@require_POST
@partners_door
def invitation_withdraw(request, pk):
    invitation = get_object_or_404(selectors.invitations_open_for(request.user), pk=pk)
    try:
        services.invitation_withdraw(invitation=invitation, by=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken.")
            % {"email": invitation.email},
        )
    return go_back(
        request, reverse("partners:organisation", args=[invitation.organisation.slug])
    )


@partners_door
def pages(request):
    return _render(
        request,
        "pages.html",
        {"pages": cms_selectors.partner_pages_visible_to(request.user)[:PAGES_LISTED]},
        current="pages",
    )


@signed_in
def join(request):
    """Any signed-in person asks to join a partner organisation, follows their
    requests and may withdraw them."""
    user = request.user
    if request.method == "POST":
        form = JoinForm(request.POST, user=user)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                services.membership_request(user=user, organisation=organisation)
            except ValidationError as error:
                report_refusal(request, error)
            else:
                messages.success(
                    request,
                    _(
                        "Je aanvraag om lid te worden van %(organisation)s is "
                        "verstuurd. Je krijgt een e-mail zodra ze behandeld is."
                    )
                    % {"organisation": organisation},
                )
        else:
            messages.error(request, _("Kies een organisatie uit de lijst."))
        return redirect("partners:join")
    return _render(
        request,
        "join.html",
        {
            "organisations": selectors.organisations_to_join(user),
            "own_requests": selectors.membership_requests_of(user),
            "memberships": selectors.memberships_of(user),
        },
        current="join",
    )


def invitation(request, token):
    """The invitation link: whoever holds the invited address accepts it here, or by
    signing in (or up) from it (`portal.accounts.invitations`). An invitation for
    another address answers 404, like one that does not exist."""
    if not request.user.is_authenticated:
        ask_to_sign_in_for_invitation(request)
        return redirect_to_login(request.get_full_path())
    invitation = selectors.invitation_addressed_to(request.user, token)
    if invitation is None:
        raise Http404
    if request.method == "POST":
        try:
            membership = services.invitation_accept(
                invitation=invitation, user=request.user
            )
        except ValidationError as error:
            report_refusal(request, error)
            return redirect("partners:invitation", token)
        welcome_member(request, membership)
        return redirect(membership_page(membership))
    return _render(request, "invitation.html", {"invitation": invitation})


# Membership decisions: the person themselves (withdraw, leave) or a manager. -------


def _membership_or_404(request, pk) -> Membership:
    membership = selectors.membership_actionable_by(request.user, pk)
    if membership is None:
        raise Http404
    return membership


def _decide(request, pk, action, success_message):
    membership = _membership_or_404(request, pk)
    try:
        action(membership)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            success_message
            % {
                "person": membership.user.get_full_name() or membership.user.email,
                "organisation": membership.organisation,
            },
        )
    return go_back(request, reverse("partners:join"))


@require_POST
@signed_in
def membership_approve(request, pk):
    return _decide(
        request,
        pk,
        lambda m: services.membership_approve(membership=m, by=request.user),
        _("%(person)s is nu lid van %(organisation)s."),
    )


@require_POST
@signed_in
def membership_decline(request, pk):
    return _decide(
        request,
        pk,
        lambda m: services.membership_decline(membership=m, by=request.user),
        _("De aanvraag van %(person)s bij %(organisation)s is geweigerd."),
    )


@require_POST
@signed_in
def membership_end(request, pk):
    membership = _membership_or_404(request, pk)
    if membership.user_id == request.user.pk:
        message = (
            _("Je aanvraag bij %(organisation)s is ingetrokken.")
            if membership.status == Membership.Status.REQUESTED
            else _("Je bent geen lid meer van %(organisation)s.")
        )
    else:
        message = _("%(person)s is geen lid meer van %(organisation)s.")
    return _decide(
        request,
        pk,
        lambda m: services.membership_end(membership=m, by=request.user),
        message,
    )


@require_POST
@signed_in
def membership_set_role(request, pk):
    membership = _membership_or_404(request, pk)
    form = RoleForm(request.POST, prefix=f"lid-{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Kies een geldige rol."))
        return go_back(request, reverse("partners:join"))
    return _decide(
        request,
        pk,
        lambda m: services.membership_set_role(
            membership=m, role=form.cleaned_data["role"], by=request.user
        ),
        _("De rol van %(person)s bij %(organisation)s is aangepast."),
    )


@partners_door
def goal_report(request, goal_id):
    """Report progress on a goal the person's organisation owns. The form exists only
    for those who may report: to everyone else the address does not exist."""
    user = request.user
    goal = get_object_or_404(
        cms_selectors.goals_visible_to(user).select_related("plan", "status"),
        pk=goal_id,
    )
    if not may_report_progress(user, goal):
        raise Http404
    open_questions = list(
        cms_selectors.open_progress_questions(Goal.objects.filter(pk=goal.pk))
    )
    form = ProgressReportForm(
        request.POST if request.method == "POST" else None,
        open_questions=bool(open_questions),
    )
    if request.method == "POST" and form.is_valid():
        goal_report_progress(
            goal=goal,
            author=user,
            organisation_id=reporting_organisation_id(user, goal),
            **form.cleaned_data,
        )
        messages.success(
            request,
            _("Je voortgangsrapport over %(code)s is bewaard.") % {"code": goal.code},
        )
        return redirect("partners:dashboard")
    return _render(
        request,
        "goal_report.html",
        {
            "goal": goal,
            "form": form,
            "open_questions": open_questions,
            "history": goal.progress_updates.select_related("status", "organisation")[
                :10
            ],
        },
        current="dashboard",
    )
