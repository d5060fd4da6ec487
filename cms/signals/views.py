"""Signals in the partner portal (/partners/signalen/) and the coordinators' queue on
the intranet (/intranet/signalen/). What a person sees and may do comes from
`portal.access.signals` (through `cms.signals.selectors` and the permissions
object), every write goes through `cms.signals.services`; a signal the person may
not see answers 404, as does its attachment. The URLs are in `cms.signals.urls`,
mounted by the doors under their namespaces."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.selectors import goals_visible_to
from cms.signals import selectors, services
from cms.signals.attachments import content_type_for
from cms.signals.forms import (
    CommentForm,
    SignalForm,
    SignalGoalsForm,
    TransitionForm,
)
from cms.signals.lifecycle import ACTION_LABELS, NOTE_REQUIRED, SHARED_STATES
from cms.signals.models import Signal, SignalState
from cms.signals.privacy import describe
from portal.access import (
    Audience,
    active_organisation_ids,
    may_link_signal_goals,
    signal_permissions,
)
from portal.access.doors import intranet_door, partners_door
from portal.access.roles import Door
from portal.files import file_response
from portal.models import Organisation
from portal.navigation import render_in_door, report_refusal

S = SignalState


def _render(request, template, context, *, door=Door.PARTNERS):
    return render_in_door(
        request, f"signals/{template}", context, door=door, current="signals"
    )


def _visible_signal(request, pk: int) -> Signal:
    return get_object_or_404(
        selectors.signals_visible_to(request.user).select_related(
            "organisation", "author", "merged_into"
        ),
        pk=pk,
    )


def _organisations_for(user):
    """The organisations a person may raise a signal for: their own."""
    return Organisation.objects.filter(pk__in=active_organisation_ids(user))


def _verbose_names() -> dict[str, str]:
    return {field.name: str(field.verbose_name) for field in Signal._meta.fields}


def _warn_findings(request, findings) -> None:
    if findings:
        messages.warning(
            request,
            _(
                "Het signaal is bewaard, maar bevat nog persoonsgegevens. Verwijder ze "
                "voor je het indient; een signaal met persoonsgegevens wordt niet "
                "geregistreerd."
            ),
        )
        names = _verbose_names()
        for finding in findings:
            messages.warning(request, describe(finding, names))


def _apply_refusal(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
    form.describe_errors()


@partners_door
def signal_list(request):
    user = request.user
    own = selectors.signals_of_organisations(user).select_related("organisation")
    shared = (
        selectors.signals_visible_to(user)
        .filter(state__in=SHARED_STATES)
        .exclude(pk__in=own.values("pk"))
        .select_related("organisation")
    )
    return _render(
        request,
        "signal_list.html",
        {
            "own_signals": own,
            "shared_signals": shared,
            "awaiting": selectors.signals_awaiting_organisation(user),
            "may_raise": _organisations_for(user).exists(),
        },
    )


@partners_door
def signal_new(request):
    organisations = _organisations_for(request.user)
    if not organisations.exists():
        messages.error(
            request,
            _("Je kunt een signaal melden zodra je lid bent van een organisatie."),
        )
        return redirect("partners:signals")
    posted = request.method == "POST"
    form = SignalForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisations=organisations,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                signal, findings = services.signal_create(
                    by=request.user,
                    organisation=form.cleaned_data["organisation"],
                    attachments=form.cleaned_data["attachments"],
                    **form.service_fields(),
                )
            except ValidationError as error:
                _apply_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("Signaal %(reference)s is bewaard als concept.")
                    % {"reference": signal.reference},
                )
                _warn_findings(request, findings)
                return redirect("partners:signal", signal.pk)
        form.describe_errors()
    return _render(request, "signal_form.html", {"form": form, "signal": None})


@partners_door
def signal_edit(request, pk):
    signal = _visible_signal(request, pk)
    permissions = signal_permissions(request.user, signal)
    if not permissions.acts_for_organisation:
        raise PermissionDenied
    if not permissions.can_edit:
        messages.error(request, _("Dit signaal kan niet meer gewijzigd worden."))
        return redirect("partners:signal", signal.pk)
    posted = request.method == "POST"
    form = SignalForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=signal,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                signal, findings = services.signal_update(
                    signal=signal,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    attachments=form.cleaned_data["attachments"],
                    **form.service_fields(),
                )
            except ValidationError as error:
                signal.refresh_from_db()
                _apply_refusal(form, error)
            else:
                messages.success(request, _("De wijzigingen zijn bewaard."))
                _warn_findings(request, findings)
                return redirect("partners:signal", signal.pk)
        form.describe_errors()
    return _render(request, "signal_form.html", {"form": form, "signal": signal})


def _transition_forms(permissions, signal):
    forms = []
    for to in permissions.allowed_transitions:
        form = TransitionForm(
            initial={"to": to, "version": signal.version}, prefix=f"naar-{to}"
        )
        form.fields["note"].required = to in NOTE_REQUIRED
        if to in NOTE_REQUIRED:
            form.fields["note"].label = NOTE_REQUIRED[to]
        forms.append(
            {
                "to": to,
                "label": ACTION_LABELS[to],
                "form": form,
                "asks_target": to == S.MERGED,
                "asks_date": to == S.ANSWERED,
            }
        )
    return forms


@partners_door
def signal_detail(request, pk):
    user = request.user
    signal = _visible_signal(request, pk)
    permissions = signal_permissions(user, signal)
    own_organisations = _organisations_for(user).filter(is_partner=True)
    recognising = own_organisations.exclude(pk__in=signal.organisation_ids).exclude(
        pk__in=signal.recognitions.values("organisation")
    )
    findings = (
        services.privacy_findings(signal)
        if permissions.can_see_privacy_findings
        else []
    )
    names = _verbose_names()
    return _render(
        request,
        "signal_detail.html",
        {
            "signal": signal,
            "timeline": selectors.timeline_for(signal, permissions),
            "attachments": signal.attachments.all(),
            "recognitions": signal.recognitions.select_related("organisation"),
            "co_organisations": signal.co_organisations.all(),
            "findings": [describe(finding, names) for finding in findings],
            "may_edit": permissions.can_edit,
            "transitions": _transition_forms(permissions, signal),
            "may_consent": permissions.can_consent,
            "may_comment": permissions.can_comment,
            "comment_form": CommentForm(prefix="opmerking"),
            "recognising_organisations": recognising
            if signal.state in SHARED_STATES
            else [],
            **_goal_context(user, signal),
        },
    )


def _goal_context(user, signal, form=None) -> dict:
    """The goals the signal informs, and for civil servants the form to link more."""
    may_link = may_link_signal_goals(user, signal)
    if may_link and form is None:
        groups = selectors.goals_to_link(user, signal)
        form = SignalGoalsForm(groups=groups, prefix="doelen") if groups else None
    return {
        "goals": selectors.goals_of_signal(user, signal),
        "may_link_goals": may_link,
        "goals_form": form if may_link else None,
    }


def _back(signal):
    return redirect(reverse("partners:signal", args=[signal.pk]) + "#tijdlijn")


@require_POST
@partners_door
def signal_transition(request, pk):
    signal = _visible_signal(request, pk)
    to = request.POST.get("to", "")
    if not signal_permissions(request.user, signal).actors:
        raise PermissionDenied  # no part in this signal: no step is theirs
    form = TransitionForm(request.POST, prefix=f"naar-{to}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(signal)
    data = form.cleaned_data
    target = None
    if data["merged_into"]:
        target = (
            selectors.signals_visible_to(request.user)
            .filter(reference__iexact=data["merged_into"].strip())
            .first()
        )
        if target is None:
            messages.error(request, _("Er is geen signaal met die referentie."))
            return _back(signal)
    try:
        services.signal_transition(
            signal=signal,
            to=data["to"],
            by=request.user,
            note=data["note"],
            version=data["version"],
            merged_into=target,
            answered_on=data["answered_on"],
        )
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Je mag dit niet doen."))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Het signaal heeft nu de status '%(state)s'.")
            % {"state": S(data["to"]).label},
        )
    return _back(signal)


@require_POST
@partners_door
def signal_comment(request, pk):
    signal = _visible_signal(request, pk)
    if not signal_permissions(request.user, signal).can_comment:
        raise PermissionDenied
    form = CommentForm(request.POST, prefix="opmerking")
    if not form.is_valid():
        messages.error(request, _("Schrijf een opmerking."))
        return _back(signal)
    try:
        services.signal_comment(
            signal=signal, by=request.user, note=form.cleaned_data["note"]
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Je opmerking staat op de tijdlijn."))
    return _back(signal)


@require_POST
@partners_door
def signal_consent(request, pk):
    signal = _visible_signal(request, pk)
    if not signal_permissions(request.user, signal).holds_consent_right:
        raise PermissionDenied
    give = request.POST.get("consent") == "give"
    service = services.signal_consent_give if give else services.signal_consent_withdraw
    try:
        service(signal=signal, by=request.user, note=request.POST.get("note", ""))
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("De toestemming tot publicatie is gegeven.")
            if give
            else _("De toestemming tot publicatie is ingetrokken."),
        )
    return _back(signal)


@require_POST
@partners_door
def signal_recognise(request, pk):
    signal = _visible_signal(request, pk)
    organisation = _organisations_for(request.user).filter(
        pk=request.POST.get("organisation") or 0
    )
    if not organisation:
        raise Http404
    try:
        services.signal_recognise(
            signal=signal,
            by=request.user,
            organisation=organisation.get(),
            note=request.POST.get("note", ""),
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Je organisatie herkent dit signaal."))
    return _back(signal)


@require_POST
@partners_door
def signal_link_goals(request, pk):
    """A civil servant links the signal to goals of the plans they may see."""
    signal = _visible_signal(request, pk)
    if not may_link_signal_goals(request.user, signal):
        raise PermissionDenied
    groups = selectors.goals_to_link(request.user, signal)
    form = SignalGoalsForm(request.POST, groups=groups, prefix="doelen")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_goals(signal)
    goals = goals_visible_to(request.user).filter(pk__in=form.cleaned_data["goals"])
    try:
        linked = services.signal_link_goals(
            signal=signal, goals=goals, user=request.user
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Het signaal is gekoppeld aan %(goals)s.")
            % {"goals": ", ".join(goal.code for goal in linked)},
        )
    return _back_to_goals(signal)


@require_POST
@partners_door
def signal_unlink_goal(request, pk, goal_id):
    signal = _visible_signal(request, pk)
    if not may_link_signal_goals(request.user, signal):
        raise PermissionDenied
    goal = get_object_or_404(
        selectors.goals_of_signal(request.user, signal), pk=goal_id
    )
    try:
        services.signal_unlink_goal(signal=signal, goal=goal, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Het signaal is losgekoppeld van %(code)s.") % {"code": goal.code},
        )
    return _back_to_goals(signal)


def _back_to_goals(signal):
    return redirect(reverse("partners:signal", args=[signal.pk]) + "#doelstellingen")


@partners_door
def signal_attachment(request, pk, attachment_pk):
    """An attachment, only to those who may see its signal; never cached."""
    signal = _visible_signal(request, pk)
    attachment = get_object_or_404(signal.attachments, pk=attachment_pk)
    return file_response(
        attachment.file.open("rb"),
        audience=Audience.STAFF,  # never cached, whatever the signal's state
        content_type=content_type_for(attachment.filename),
        filename=attachment.filename,
        attachment=True,
    )


@intranet_door
def coordinator_queue(request):
    """The signal coordinators' queue: what awaits screening, what is overdue, and
    how many signals stand in each state."""
    user = request.user
    counts = dict(
        selectors.signals_visible_to(user)
        .values_list("state")
        .annotate(total=Count("pk"))
        .values_list("state", "total")
    )
    return _render(
        request,
        "signal_queue.html",
        {
            "awaiting": selectors.signals_awaiting_coordinator(user).select_related(
                "organisation"
            ),
            "overdue": selectors.signals_overdue(user).select_related("organisation"),
            "states": [
                (state, label, counts.get(state, 0)) for state, label in S.choices
            ],
        },
        door=Door.INTRANET,
    )
