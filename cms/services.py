"""Writes with rules for content: the shape of a goal tree, progress reports on
goals, and the questions a civil servant returns them with."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cms.models import Goal, GoalStatus, ProgressQuestion, ProgressUpdate
from cms.models.goal_tree import build_goal_tree
from portal.access import goal_question_recipients

logger = logging.getLogger(__name__)


@transaction.atomic
def goal_report_progress(
    *,
    goal: Goal,
    status: GoalStatus,
    progress: int | None = None,
    text: str = "",
    author=None,
    date: datetime.date | None = None,
    figures: list[dict] | None = None,
    organisation_id: int | None = None,
    answers_questions: bool = False,
) -> ProgressUpdate:
    """Append a progress update and make it the goal's current state. Earlier updates
    stay as they were: they are the goal's history. With `answers_questions`, the
    update answers the goal's open questions (`ProgressQuestion.answer`)."""
    update = ProgressUpdate(
        goal=goal,
        status=status,
        progress=status.default_progress if progress is None else progress,
        text=text,
        author=author,
        figures=figures or [],
        organisation_id=organisation_id,
    )
    if date is not None:
        update.date = date
    update.full_clean()
    update.save()
    latest = goal.progress_updates.order_by("-date", "-created_at", "-pk").first()
    if latest.pk == update.pk:
        goal.status = update.status
        goal.progress = update.progress
        goal.save(update_fields=["status", "progress"])
    if answers_questions:
        ProgressQuestion.objects.filter(update__goal=goal, answer__isnull=True).update(
            answer=update
        )
    return update


@transaction.atomic
def progress_ask_question(
    *, update: ProgressUpdate, question: str, asked_by, notify: bool = True
) -> ProgressQuestion:
    """Return a progress report with a question. The report stays as it was; its
    author is told by e-mail (once the question is saved), and the goal's owners
    see the question until a new report answers it."""
    item = ProgressQuestion(update=update, question=question.strip(), asked_by=asked_by)
    item.full_clean()
    item.save()
    if notify:
        recipients = [
            email
            for email in goal_question_recipients(update).values_list(
                "email", flat=True
            )
            if email
        ]
        if recipients:
            transaction.on_commit(lambda: _send_question(item, recipients))
    return item


def _send_question(item: ProgressQuestion, recipients: list[str]) -> None:
    goal = item.update.goal
    path = reverse("partners:goal_report", args=[goal.pk])
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "goal": goal,
        "update": item.update,
        "question": item.question,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
    }
    subject = render_to_string("emails/goals/progress_question_subject.txt", context)
    body = render_to_string("emails/goals/progress_question_body.txt", context)
    try:
        send_mail(
            " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients
        )
    except OSError:
        # The question is saved and shows on the owners' dashboard all the same.
        logger.exception("Question %s on a progress report not mailed.", item.pk)


def _renumber_goals(plan) -> None:
    """Sort orders in the tree's reading order (a parent before its children), so
    the plan page, the API and the admin list the goals as the tree shows them."""
    position = 0
    changed = []
    for root in build_goal_tree(plan):
        for node in root.walk():
            if node.goal.sort_order != position:
                node.goal.sort_order = position
                changed.append(node.goal)
            position += 1
    Goal.objects.bulk_update(changed, ["sort_order"])


def _siblings(goal: Goal) -> list[Goal]:
    return list(
        Goal.objects.filter(plan=goal.plan_id, parent=goal.parent_id).order_by(
            "sort_order", "code"
        )
    )


@transaction.atomic
def goal_shift(*, goal: Goal, offset: int) -> None:
    """Move a goal `offset` places among its siblings (-1: one up); at either end
    it stays."""
    siblings = _siblings(goal)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == goal.pk)
    target = max(0, min(len(siblings) - 1, index + offset))
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings):
        sibling.sort_order = position
    Goal.objects.bulk_update(siblings, ["sort_order"])
    _renumber_goals(goal.plan)


@transaction.atomic
def goal_move(*, goal: Goal, parent: Goal | None) -> Goal:
    """Hang a goal (with its children) under another parent, as its last child.
    The goal's rules apply (`Goal.clean`: same plan, a higher level, not under
    itself); a refusal is a ValidationError in words."""
    goal.parent = parent
    goal.sort_order = max((s.sort_order for s in _siblings(goal)), default=0) + 1
    goal.full_clean()
    goal.save(update_fields=["parent", "sort_order"])
    _renumber_goals(goal.plan)
    return goal
