"""Writes with rules for content: progress reports on goals."""

import datetime

from django.db import transaction

from cms.models import Goal, GoalStatus, ProgressUpdate


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
) -> ProgressUpdate:
    """Append a progress update and make it the goal's current state. Earlier updates
    stay as they were: they are the goal's history."""
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
    return update
