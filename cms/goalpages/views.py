"""The goal pages (`goals:detail`) and the civil servants' forms on them to link a
signal to the goal or unlink it. A goal whose plan the viewer may not see answers
404; who may link is decided by `portal.access.signals`, every write goes through
`cms.signals.services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from cms.goalpages import selectors
from cms.goalpages.forms import GoalSignalForm
from cms.signals import services as signal_services
from portal.access import (
    may_link_signal_goals,
    may_link_signals_to_goals,
    may_report_progress,
    pages_visible_to,
    signals_visible_to,
)
from portal.access.doors import signed_in
from portal.navigation import report_refusal


def _plan_crumbs(request, plan) -> list:
    """The pages from the site's home to the plan that the viewer may see."""
    site = Site.find_for_request(request)
    pages = plan.get_ancestors(inclusive=True)
    if site is not None:
        pages = pages.filter(depth__gte=site.root_page.depth)
    return list(pages_visible_to(request.user, pages).order_by("depth"))


def goal_detail(request, goal_id: int, slug: str):
    user = request.user
    goal = get_object_or_404(selectors.goals_for_pages(user), pk=goal_id)
    if slug != goal.code_slug:
        return redirect(goal.get_absolute_url(), permanent=True)
    plan = goal.plan.specific
    node = selectors.goal_node(goal)
    history = selectors.progress_history(goal)
    may_link = may_link_signals_to_goals(user)
    return render(
        request,
        "goalpages/goal_page.html",
        {
            "goal": goal,
            "plan": plan,
            "level_label": plan.level_labels.get(goal.level, goal.get_level_display()),
            "progress": node.progress if node else goal.current_progress,
            "children": node.children if node else [],
            "crumbs": _plan_crumbs(request, plan),
            "ancestors": selectors.goal_ancestors(goal),
            "owners": selectors.goal_owners(user, goal),
            "history": history,
            "chart": selectors.progress_chart(goal, history),
            "budget": selectors.goal_budget(goal),
            "indicators": selectors.goal_indicators(user, goal),
            "signals": selectors.goal_signals(user, goal),
            "advice_list": selectors.goal_advice(user, goal),
            "may_report": may_report_progress(user, goal),
            "may_link_signals": may_link,
            "signal_form": GoalSignalForm(
                signals=selectors.signals_to_link(user, goal), prefix="signaal"
            )
            if may_link
            else None,
        },
    )


def _back(goal):
    return redirect(goal.get_absolute_url() + "#signalen")


def _linkable_signal(request, signal_id):
    signal = get_object_or_404(signals_visible_to(request.user), pk=signal_id)
    if not may_link_signal_goals(request.user, signal):
        raise PermissionDenied
    return signal


@require_POST
@signed_in
def goal_link_signal(request, goal_id: int):
    """A civil servant links a signal they may see to this goal."""
    user = request.user
    goal = get_object_or_404(selectors.goals_for_pages(user), pk=goal_id)
    if not may_link_signals_to_goals(user):
        raise PermissionDenied
    form = GoalSignalForm(
        request.POST, signals=selectors.signals_to_link(user, goal), prefix="signaal"
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(goal)
    signal = _linkable_signal(request, form.cleaned_data["signal"])
    try:
        signal_services.signal_link_goals(signal=signal, goals=[goal], user=user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Signaal %(reference)s is gekoppeld aan deze doelstelling.")
            % {"reference": signal.reference},
        )
    return _back(goal)


@require_POST
@signed_in
def goal_unlink_signal(request, goal_id: int, signal_id: int):
    user = request.user
    goal = get_object_or_404(selectors.goals_for_pages(user), pk=goal_id)
    if not may_link_signals_to_goals(user):
        raise PermissionDenied
    signal = _linkable_signal(request, signal_id)
    try:
        signal_services.signal_unlink_goal(signal=signal, goal=goal, user=user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Signaal %(reference)s is losgekoppeld van deze doelstelling.")
            % {"reference": signal.reference},
        )
    return _back(goal)
