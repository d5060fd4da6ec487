"""The task worker's health: a heartbeat the worker writes, the queue's backlog, and
the recovery of tasks a dead worker left half-done.

`manage.py db_worker` (portal/management/commands/db_worker.py) beats and recovers;
`worker_status()` is what a readiness check reads.
"""

import logging
from datetime import datetime, timedelta
from typing import TypedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "portal.worker.heartbeat"


class WorkerStatus(TypedDict):
    """What `worker_status()` reports; every value is JSON-ready."""

    last_heartbeat: str | None  # ISO 8601, the latest beat of any worker
    heartbeat_age_seconds: float | None
    worker_id: str | None  # the worker that beat last
    waiting_tasks: int | None  # ready to run now; None when tasks run elsewhere
    oldest_waiting_task_age_seconds: float | None
    running_tasks: int | None


def stale_after() -> timedelta:
    """How long a worker may stay silent before its running tasks count as orphaned
    (and before a health check should call it dead)."""
    return timedelta(seconds=getattr(settings, "TASK_WORKER_STALE_AFTER", 300))


def _worker_key(worker_id: str) -> str:
    return f"{HEARTBEAT_KEY}.{worker_id}"


def heartbeat_record(worker_id: str, *, now: datetime | None = None) -> None:
    """Note that `worker_id`'s loop is turning. Kept in the cache (shared by every
    process: the database cache table, or Redis in production); never raises."""
    now = now or timezone.now()
    timeout = int(stale_after().total_seconds() * 4)
    try:
        cache.set_many(
            {
                HEARTBEAT_KEY: {"worker_id": worker_id, "at": now.isoformat()},
                _worker_key(worker_id): now.isoformat(),
            },
            timeout=timeout,
        )
    except Exception as error:  # the database may be locked or down just now
        logger.warning("Could not record the worker's heartbeat: %s", error)


def heartbeat_of(worker_id: str) -> datetime | None:
    value = cache.get(_worker_key(worker_id))
    return datetime.fromisoformat(value) if value else None


def uses_database_queue() -> bool:
    return isinstance(task_backends["default"], DatabaseBackend)


def _oldest_waiting(now: datetime) -> datetime | None:
    """When the longest-waiting ready task became ready: its enqueue time, or its
    `run_after` when it was deferred (a retry)."""
    ready = DBTaskResult.objects.ready()
    never_deferred = ready.filter(run_after=get_date_max()).aggregate(
        at=Min("enqueued_at")
    )["at"]
    deferred = ready.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))[
        "at"
    ]
    candidates = [at for at in (never_deferred, deferred) if at is not None]
    return min(candidates) if candidates else None


def worker_status(*, now: datetime | None = None) -> WorkerStatus:
    """The task worker's last heartbeat and the queue's backlog, for `/health/ready`.

    A worker is healthy when its heartbeat is younger than `stale_after()` (it beats
    at least once per poll interval and between rounds of tasks) and the oldest
    waiting task is not much older than that. Reads only: cheap enough per probe."""
    now = now or timezone.now()
    beat = cache.get(HEARTBEAT_KEY)
    last = datetime.fromisoformat(beat["at"]) if beat else None
    status: WorkerStatus = {
        "last_heartbeat": last.isoformat() if last else None,
        "heartbeat_age_seconds": round((now - last).total_seconds(), 1)
        if last
        else None,
        "worker_id": beat["worker_id"] if beat else None,
        "waiting_tasks": None,
        "oldest_waiting_task_age_seconds": None,
        "running_tasks": None,
    }
    if uses_database_queue():
        oldest = _oldest_waiting(now)
        status["waiting_tasks"] = DBTaskResult.objects.ready().count()
        status["running_tasks"] = DBTaskResult.objects.running().count()
        status["oldest_waiting_task_age_seconds"] = (
            round(max((now - oldest).total_seconds(), 0.0), 1) if oldest else None
        )
    return status


def orphaned_tasks_requeue(
    *, current_worker_id: str, now: datetime | None = None
) -> int:
    """Put tasks back in the queue whose worker died while running them.

    django-tasks-db marks a claimed task RUNNING and never looks at it again: a
    worker killed mid-task (or one that lost the database while saving the result)
    leaves it RUNNING for ever, and its work is never done. A task is orphaned when
    its worker is this one (called between tasks, so nothing of ours is running) or
    a worker whose heartbeat is older than `stale_after()`. Tasks run at least once:
    ours are idempotent (indexing a page twice gives the same document)."""
    now = now or timezone.now()
    limit = now - stale_after()
    orphans = []
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        owner = task.worker_ids[-1] if task.worker_ids else None
        if owner == current_worker_id:
            orphans.append(task.pk)
            continue
        beat = heartbeat_of(owner) if owner else None
        last_sign = beat or task.started_at
        if last_sign is None or last_sign < limit:
            orphans.append(task.pk)
    if orphans:
        DBTaskResult.objects.filter(
            pk__in=orphans, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY)
        logger.warning(
            "Requeued %s task(s) left running by a worker that stopped.", len(orphans)
        )
    return len(orphans)
