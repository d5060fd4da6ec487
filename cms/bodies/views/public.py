"""The public pages of the bodies (/overleg/): the bodies, a body, a meeting, an
advice. Each shows what the viewer may see (`portal.access.bodies`): the public
sees public bodies, open meetings, published minutes and published advice; a
member or civil servant sees the body's workspace besides. Anything else answers
404."""

from collections import defaultdict

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cms.bodies.display import advice_terms, agenda_for, overdue_ids
from cms.bodies.follow_up import open_meetings
from cms.bodies.models import Advice, AdviceState, Body, Meeting
from portal.access.bodies import (
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    in_workspace,
    meeting_permissions,
    meetings_visible_to,
)

#: From its submission on, the town owes (and then has) an answer to show.
TOWN_ANSWER_STATES = frozenset(
    {AdviceState.SUBMITTED, AdviceState.ANSWERED, AdviceState.CLOSED}
)
UPCOMING_LISTED = 10


def body_list(request):
    bodies = bodies_visible_to(request.user, Body.objects.all()).prefetch_related(
        "life_domains"
    )
    return render(
        request,
        "bodies/body_list.html",
        {"bodies": bodies, "meetings": open_meetings()[:UPCOMING_LISTED]},
    )


def members_by_organisation(body: Body, *, with_names: bool) -> list[dict]:
    """The seats that run today, grouped by the organisation they represent
    (people without one last). Names of people only `with_names` (inside the
    workspace); the public reads organisations and roles."""
    today = timezone.localdate()
    groups: dict = defaultdict(list)
    seats = body.members.select_related("user", "organisation").order_by(
        "organisation__name", "role", "pk"
    )
    for seat in seats:
        if seat.is_active_on(today):
            groups[seat.organisation].append(
                {
                    "role": seat.get_role_display(),
                    "name": (seat.user.get_full_name() or seat.user.email)
                    if with_names and seat.user
                    else "",
                }
            )
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0])))
    return [{"organisation": org, "seats": seats} for org, seats in ordered]


def body_detail(request, pk):
    user = request.user
    body = get_object_or_404(bodies_visible_to(user, Body.objects.all()), pk=pk)
    workspace = in_workspace(user, body.pk)
    now = timezone.now()
    meetings = meetings_visible_to(user, body.meetings.all())
    advice = advice_visible_to(user, body.advice.all()).order_by("-created_at")
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "in_workspace": workspace,
            "groups": members_by_organisation(body, with_names=workspace),
            "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at"),
            "past": meetings.filter(starts_at__lt=now).order_by("-starts_at"),
            "advice_list": advice,
            "overdue": overdue_ids(timezone.localdate(), advice),
        },
    )


def meeting_detail(request, pk):
    user = request.user
    meeting = get_object_or_404(
        meetings_visible_to(user, Meeting.objects.select_related("body")), pk=pk
    )
    permissions = meeting_permissions(user, meeting)
    return render(
        request,
        "bodies/meeting_detail.html",
        meeting_context(user, meeting, permissions),
    )


def meeting_context(user, meeting, permissions) -> dict:
    return {
        "meeting": meeting,
        "body": meeting.body,
        "permissions": permissions,
        "agenda": agenda_for(user, meeting),
        "attendances": (
            meeting.attendances.select_related("member__user", "member__organisation")
            if permissions.can_view_attendance
            else []
        ),
    }


def advice_context(user, advice: Advice) -> dict:
    """What the advice page shows this viewer (the workspace adds its forms)."""
    permissions = advice_permissions(user, advice)
    internal = permissions.can_view_internal
    return {
        "advice": advice,
        "body": advice.body,
        "permissions": permissions,
        "in_workspace": in_workspace(user, advice.body_id),
        "terms": advice_terms(advice, timezone.localdate()),
        "recommendations": list(advice.recommendations.all()),
        "show_answers": permissions.can_view_answers
        and advice.state in TOWN_ANSWER_STATES,
        # The town's news on its answer is the dossier's (as in the API).
        "status_updates": advice.status_updates.all() if internal else [],
        "timeline": (
            advice.events.select_related("actor").order_by("created_at", "pk")
            if internal
            else []
        ),
    }


def advice_detail(request, pk):
    user = request.user
    advice = get_object_or_404(
        advice_visible_to(user, Advice.objects.select_related("body")), pk=pk
    )
    return render(
        request,
        "bodies/advice_detail.html",
        {**advice_context(user, advice), "base_template": "base.html"},
    )
