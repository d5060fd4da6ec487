"""The intranet (/intranet/) for civil servants: what awaits handling, plan goals due
this quarter and overdue ones, and the way into the admin."""

from dataclasses import dataclass

from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms import selectors as cms_selectors
from cms.socialmap.selectors import proposals_awaiting_review
from portal import selectors
from portal.access.doors import intranet_door
from portal.access.roles import Door
from portal.navigation import render_in_door

LISTED = 10


@dataclass(frozen=True)
class ModerationItem:
    title: str
    task: str
    started_at: object
    url: str


def _moderation_items(user) -> tuple[list[ModerationItem], int]:
    states = selectors.moderation_tasks_awaiting(user)
    finder = AdminURLFinder(user)
    items = []
    for state in states[:LISTED]:
        obj = state.workflow_state.content_object
        items.append(
            ModerationItem(
                title=str(obj) if obj is not None else "",
                task=state.task.name,
                started_at=state.started_at,
                url=(obj is not None and finder.get_edit_url(obj)) or "/admin/",
            )
        )
    return items, states.count()


def _render(request, template, context, current=""):
    return render_in_door(
        request,
        f"portal/intranet/{template}",
        context,
        door=Door.INTRANET,
        current=current,
    )


@intranet_door
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    quarter_start, quarter_end = cms_selectors.quarter_bounds(today)
    requests = selectors.memberships_awaiting(user)
    moderation, moderation_count = _moderation_items(user)
    return _render(
        request,
        "dashboard.html",
        {
            "requests_awaiting": requests[:LISTED],
            "requests_count": requests.count(),
            "moderation_items": moderation,
            "moderation_count": moderation_count,
            "may_use_admin": user.has_perm("wagtailadmin.access_admin"),
            "socialmap_proposals": proposals_awaiting_review(user),
            "quarter_start": quarter_start,
            "quarter_end": quarter_end,
            "goals_due": cms_selectors.goals_due_this_quarter(user, today=today),
            "goals_overdue": cms_selectors.goals_overdue(user, today=today),
        },
        current="dashboard",
    )


@intranet_door
def requests(request):
    return _render(
        request,
        "requests.html",
        {
            "requests_awaiting": selectors.memberships_awaiting(request.user),
            "invitations_open": selectors.invitations_open_for(request.user),
        },
        current="requests",
    )
