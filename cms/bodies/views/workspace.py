"""The members' workspace (/partners/overleg/): per body what is in preparation,
the agendas of coming meetings, minutes awaiting approval and what is overdue;
the advice with the actions the person may take; the minutes. Civil servants
reach the same pages from the intranet.

A seat is what opens a workspace (`portal.access.bodies.in_workspace`), whatever
door the person otherwise uses, so these views ask for a signed-in person and
answer 404 outside the workspace. Every write goes through a service; a refused
form is shown again with its messages beside the fields, a saved one redirects.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.bodies import meetings as minutes_services
from cms.bodies import services
from cms.bodies.calendar import personal_token
from cms.bodies.display import overdue_ids
from cms.bodies.follow_up import workspace_of, workspaces_of
from cms.bodies.forms import (
    AdviceEditForm,
    AnswerForm,
    ExtensionForm,
    MinutesForm,
    MinutesStepForm,
    OwnInitiativeForm,
    PublishForm,
    StatusUpdateForm,
    TransitionForm,
)
from cms.bodies.lifecycle import ACTION_LABELS
from cms.bodies.meetings import MINUTES_ACTION_LABELS, MINUTES_NEXT, minutes_version
from cms.bodies.models import (
    Advice,
    AdviceKind,
    AdviceState,
    Body,
    Meeting,
    MinutesState,
)
from cms.bodies.views.public import (
    advice_context,
    meeting_context,
    members_by_organisation,
)
from portal.access.bodies import (
    advice_permissions,
    in_workspace,
    may_start_own_initiative,
    meeting_permissions,
)
from portal.access.doors import signed_in
from portal.access.roles import Door
from portal.navigation import render_in_door

A = AdviceState


def _render(request, template, context):
    return render_in_door(
        request, f"bodies/{template}", context, door=Door.PARTNERS, current="bodies"
    )


def _workspace_body(request, pk) -> Body:
    body = get_object_or_404(Body, pk=pk)
    if not in_workspace(request.user, body.pk):
        raise Http404
    return body


def _workspace_advice(request, pk) -> Advice:
    advice = get_object_or_404(Advice.objects.select_related("body"), pk=pk)
    if not in_workspace(request.user, advice.body_id):
        raise Http404
    return advice


def _workspace_meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not in_workspace(request.user, meeting.body_id):
        raise Http404
    return meeting


def _feed_url(request) -> str:
    return request.build_absolute_uri(
        reverse("bodies:personal_feed", args=[personal_token(request.user)])
    )


@signed_in
def workspace_list(request):
    """ "Mijn overlegorganen": every body the person works in."""
    return _render(
        request,
        "workspace_list.html",
        {
            "workspaces": workspaces_of(request.user, now=timezone.now()),
            "feed_url": _feed_url(request),
        },
    )


@signed_in
def workspace_body(request, pk):
    user = request.user
    body = _workspace_body(request, pk)
    return _render(
        request,
        "workspace_body.html",
        {
            "body": body,
            "workspace": workspace_of(user, body, now=timezone.now()),
            "groups": members_by_organisation(body, with_names=True),
            "all_advice": body.advice.order_by("-created_at"),
            "overdue": overdue_ids(timezone.localdate(), body.advice.all()),
            "may_start": body.gives_advice and may_start_own_initiative(user, body.pk),
            "feed_url": _feed_url(request),
            "report_years": _report_years(body),
        },
    )


def _report_years(body) -> list[int]:
    """This year and the last, newest first; not before the body's first seat."""
    this_year = timezone.localdate().year
    first = body.members.order_by("start_date").values_list("start_date", flat=True)
    start = first[0].year if first else this_year
    return [year for year in (this_year, this_year - 1) if year >= start]


@signed_in
def own_initiative(request, pk):
    user = request.user
    body = _workspace_body(request, pk)
    if not (body.gives_advice and may_start_own_initiative(user, body.pk)):
        raise PermissionDenied
    form = OwnInitiativeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                advice = services.advice_create_own_initiative(
                    body=body, by=user, **form.cleaned_data
                )
            except ValidationError as error:
                form.apply_refusal(error)
            else:
                messages.success(
                    request, _("Het advies op eigen initiatief is aangemaakt.")
                )
                return redirect("partners:body_advice", advice.pk)
        form.describe_errors()
    return _render(request, "own_initiative_form.html", {"body": body, "form": form})


# The advice and its actions ---------------------------------------------------------


def _action_forms(advice: Advice, permissions, recommendations) -> dict:
    version = {"version": advice.version}
    forms = {}
    all_answered = all(r.answer for r in recommendations)
    for to in permissions.allowed_transitions:
        if to == A.ANSWERED and not all_answered:
            continue  # the step comes once every recommendation has its answer
        forms[f"transition:{to}"] = TransitionForm(initial={"to": to, **version}, to=to)
    if permissions.can_edit:
        forms["edit"] = AdviceEditForm(
            initial={"text": advice.text, **version},
            recommendations=[r.text for r in recommendations],
        )
    if permissions.can_publish:
        forms["publish"] = PublishForm(
            initial={"published": "0" if advice.published else "1", **version}
        )
    if permissions.can_answer:
        for recommendation in recommendations:
            forms[f"answer:{recommendation.pk}"] = AnswerForm(
                initial={
                    "answer": recommendation.answer or None,
                    "reason": recommendation.answer_reason,
                    **version,
                },
                recommendation=recommendation,
            )
    if permissions.can_extend and advice.kind == AdviceKind.REQUEST:
        forms["extend"] = ExtensionForm(
            initial={"until": advice.extended_until, **version}
        )
    if permissions.can_report_status:
        forms["status"] = StatusUpdateForm(initial={"date": timezone.localdate()})
    return forms


def _advice_page(request, advice: Advice, *, bound: dict | None = None):
    context = advice_context(request.user, advice)
    permissions = context["permissions"]
    forms = _action_forms(advice, permissions, context["recommendations"])
    forms.update(bound or {})
    steps = [
        to for to in permissions.allowed_transitions if f"transition:{to}" in forms
    ]
    context.update(
        {
            "base_template": "portal/base.html",
            "workspace": True,
            "forms": forms,
            "transitions": [
                {
                    "to": to,
                    "label": ACTION_LABELS[to],
                    "form": forms[f"transition:{to}"],
                }
                for to in steps
            ],
            "answer_forms": [
                (recommendation, forms.get(f"answer:{recommendation.pk}"))
                for recommendation in context["recommendations"]
            ],
            # The town's "answered" step waits until every recommendation has one.
            "awaiting_answers": A.ANSWERED in permissions.allowed_transitions
            and A.ANSWERED not in steps,
        }
    )
    return _render(request, "advice_detail.html", context)


@signed_in
def workspace_advice(request, pk):
    return _advice_page(request, _workspace_advice(request, pk))


def _refused(form, error, aliases=None):
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("Je mag dit niet doen."))
        form.describe_errors()
    else:
        form.apply_refusal(error, aliases)


def _done(request, advice, message, anchor=""):
    messages.success(request, message)
    return redirect(reverse("partners:body_advice", args=[advice.pk]) + anchor)


@require_POST
@signed_in
def advice_transition(request, pk):
    advice = _workspace_advice(request, pk)
    to = request.POST.get("to", "")
    if to not in advice_permissions(request.user, advice).allowed_transitions:
        raise PermissionDenied
    form = TransitionForm(request.POST, to=to)
    if form.is_valid():
        try:
            services.advice_transition(
                advice=advice,
                to=to,
                by=request.user,
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _done(
                request,
                advice,
                _("Het advies heeft nu de status '%(state)s'.")
                % {"state": A(to).label},
                "#tijdlijn",
            )
    form.describe_errors()
    return _advice_page(request, advice, bound={f"transition:{to}": form})


@require_POST
@signed_in
def advice_edit(request, pk):
    advice = _workspace_advice(request, pk)
    if not advice_permissions(request.user, advice).can_edit:
        raise PermissionDenied
    form = AdviceEditForm(
        request.POST,
        recommendations=[r.text for r in advice.recommendations.all()],
    )
    if form.is_valid():
        try:
            services.advice_edit(
                advice=advice,
                by=request.user,
                text=form.cleaned_data["text"],
                recommendations=form.recommendations(),
                version=form.cleaned_data["version"],
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _done(
                request, advice, _("De tekst en de aanbevelingen zijn bewaard.")
            )
    form.describe_errors()
    return _advice_page(request, advice, bound={"edit": form})


@require_POST
@signed_in
def advice_publish(request, pk):
    advice = _workspace_advice(request, pk)
    if not advice_permissions(request.user, advice).can_publish:
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            advice = services.advice_publish(
                advice=advice, by=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _done(
                request,
                advice,
                _("Het advies is openbaar.")
                if advice.published
                else _("Het advies is niet meer openbaar."),
            )
    form.describe_errors()
    return _advice_page(request, advice, bound={"publish": form})


@require_POST
@signed_in
def advice_answer(request, pk, recommendation_pk):
    advice = _workspace_advice(request, pk)
    if not advice_permissions(request.user, advice).can_answer:
        raise PermissionDenied
    recommendation = get_object_or_404(advice.recommendations, pk=recommendation_pk)
    form = AnswerForm(request.POST, recommendation=recommendation)
    if form.is_valid():
        try:
            services.advice_answer(
                recommendation=recommendation,
                by=request.user,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error, {"answer_reason": "reason"})
        else:
            return _done(
                request,
                advice,
                _("Het antwoord op aanbeveling %(number)s is bewaard.")
                % {"number": recommendation.number},
                "#aanbevelingen",
            )
    form.describe_errors()
    return _advice_page(request, advice, bound={f"answer:{recommendation.pk}": form})


@require_POST
@signed_in
def advice_extend(request, pk):
    advice = _workspace_advice(request, pk)
    if not advice_permissions(request.user, advice).can_extend:
        raise PermissionDenied
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.advice_extend(advice=advice, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _done(request, advice, _("De termijn is verlengd."), "#termijnen")
    form.describe_errors()
    return _advice_page(request, advice, bound={"extend": form})


@require_POST
@signed_in
def advice_status_update(request, pk):
    advice = _workspace_advice(request, pk)
    if not advice_permissions(request.user, advice).can_report_status:
        raise PermissionDenied
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.advice_report_status(
                advice=advice, by=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _done(
                request, advice, _("De stand van zaken is bewaard."), "#stand-van-zaken"
            )
    form.describe_errors()
    return _advice_page(request, advice, bound={"status": form})


# Meetings and their minutes ---------------------------------------------------------


def _meeting_page(request, meeting: Meeting, *, bound: dict | None = None):
    permissions = meeting_permissions(request.user, meeting)
    context = meeting_context(request.user, meeting, permissions)
    version = minutes_version(meeting)
    forms = {}
    if permissions.can_edit_minutes:
        if meeting.minutes_state == MinutesState.DRAFT:
            forms["minutes"] = MinutesForm(
                initial={"minutes": meeting.minutes, "version": version}
            )
        following = MINUTES_NEXT.get(meeting.minutes_state)
        if following:
            forms["step"] = MinutesStepForm(
                initial={"to": following, "version": version}
            )
            context["step_label"] = MINUTES_ACTION_LABELS[following]
    forms.update(bound or {})
    context.update({"workspace": True, "forms": forms})
    return _render(request, "workspace_meeting.html", context)


@signed_in
def workspace_meeting(request, pk):
    return _meeting_page(request, _workspace_meeting(request, pk))


def _meeting_done(request, meeting, message):
    messages.success(request, message)
    return redirect(reverse("partners:body_meeting", args=[meeting.pk]) + "#verslag")


@require_POST
@signed_in
def minutes_save(request, pk):
    meeting = _workspace_meeting(request, pk)
    if not meeting_permissions(request.user, meeting).can_edit_minutes:
        raise PermissionDenied
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            minutes_services.meeting_minutes_save(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _meeting_done(request, meeting, _("Het verslag is bewaard."))
    form.describe_errors()
    return _meeting_page(request, meeting, bound={"minutes": form})


@require_POST
@signed_in
def minutes_advance(request, pk):
    meeting = _workspace_meeting(request, pk)
    if not meeting_permissions(request.user, meeting).can_edit_minutes:
        raise PermissionDenied
    form = MinutesStepForm(request.POST)
    if form.is_valid():
        try:
            meeting = minutes_services.meeting_minutes_advance(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            return _meeting_done(
                request,
                meeting,
                _("Het verslag heeft nu de status '%(state)s'.")
                % {"state": meeting.get_minutes_state_display()},
            )
    form.describe_errors()
    return _meeting_page(request, meeting, bound={"step": form})
