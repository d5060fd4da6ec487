"""The intranet (/intranet/) for civil servants: what awaits handling, plan goals due
this quarter, overdue and not updated in time, the progress reports to read and
question, and the way into the admin."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms import selectors as cms_selectors
from cms.services import progress_ask_question
from cms.socialmap.selectors import proposals_awaiting_review
from cms.staleness import stale_goals
from portal import selectors
from portal.access import may_question_progress
from portal.access.doors import intranet_door
from portal.access.roles import Door
from portal.navigation import render_in_door
from portal.portals.forms import ProgressQuestionForm

LISTED = 10
REPORTS_PER_PAGE = 25


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
            # Lazy where a cached panel shows it (intranet_dashboard_work).
            "goals_due": cms_selectors.goals_due_this_quarter(user, today=today),
            "goals_overdue": cms_selectors.goals_overdue(user, today=today),
            "goals_stale": SimpleLazyObject(
                lambda: stale_goals(cms_selectors.goals_visible_to(user), today)
            ),
            "recent_reports": cms_selectors.progress_reports_for_review(user)[:LISTED],
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


@intranet_door
def progress(request):
    """The latest progress reports on the goals this civil servant may see, with
    the questions that wait for an answer marked."""
    reports = cms_selectors.progress_reports_for_review(request.user)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return _render(
        request,
        "progress.html",
        {"page": page, "reports": page.object_list},
        current="progress",
    )


@intranet_door
def progress_question(request, update_id):
    """Return a progress report with a question: the report stays as it was, its
    author is told, the goal's owners see the question until they report again."""
    user = request.user
    update = get_object_or_404(
        cms_selectors.progress_reports_for_review(user), pk=update_id
    )
    if not may_question_progress(user, update):
        raise Http404
    form = ProgressQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        progress_ask_question(
            update=update, question=form.cleaned_data["question"], asked_by=user
        )
        messages.success(
            request,
            _("Je vraag bij het rapport over %(code)s is bewaard.")
            % {"code": update.goal.code},
        )
        return redirect("intranet:progress")
    return _render(
        request,
        "progress_question.html",
        {"update": update, "form": form, "questions": update.questions.all()},
        current="progress",
    )
