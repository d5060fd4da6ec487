"""Writes with rules for content: progress reports on goals, and the questions a
civil servant returns them with."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cms.models import Goal, GoalStatus, ProgressQuestion, ProgressUpdate
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
