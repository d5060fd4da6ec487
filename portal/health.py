"""Health checks for a load balancer and for monitoring.

`/health/live` says the process answers; `/health/ready` checks what a request needs
(the database and the cache) and reports what the background work needs (the task
queue, the search engine). Only the first two decide the status code: a late queue or
an unreachable search engine leaves pages and saves working (they are retried later),
so taking the web processes out of the balancer would only make things worse.
Nothing in the answers names a host, a user or a setting.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.worker import stale_after, worker_status
from search.conf import get_backend

logger = logging.getLogger(__name__)


@dataclass
class Check:
    status: str  # "ok", "degraded" or "failing"
    detail: dict

    def as_json(self) -> dict:
        return {"status": self.status, **self.detail}


def _timed(check: Callable[[], dict]) -> Check:
    started = time.perf_counter()
    try:
        detail = check()
        status = detail.pop("status", "ok")
    except Exception as error:  # a health check reports, it never raises
        logger.warning("health check %s failed: %r", check.__name__, error)
        status, detail = "failing", {"error": type(error).__name__}
    detail["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return Check(status, detail)


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache() -> dict:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "1":
        raise RuntimeError("cache did not return what was written")
    return {}


def check_task_queue() -> dict:
    """The age of the oldest task waiting to run and the worker's last heartbeat: a
    worker that died or fell behind shows here long before anyone misses a search
    result."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return {"backend": backend.rsplit(".", 1)[-1], "waiting": 0}
    worker = worker_status()
    age = worker["oldest_waiting_task_age_seconds"] or 0.0
    beat_age = worker["heartbeat_age_seconds"]
    limit = settings.HEALTH_TASK_QUEUE_MAX_AGE
    silent = beat_age is None or beat_age > stale_after().total_seconds()
    late = age > limit
    return {
        "status": "degraded" if late or (silent and worker["waiting_tasks"]) else "ok",
        "waiting": worker["waiting_tasks"],
        "running": worker["running_tasks"],
        "oldest_age_s": round(age, 1),
        "max_age_s": limit,
        "worker_heartbeat_age_s": beat_age,
    }


def check_search() -> dict:
    get_backend().ping()
    return {}


# Checks that decide whether this process can serve requests at all.
REQUIRED = {"database": check_database, "cache": check_cache}
# Checks that only report: the site keeps working while they fail.
REPORTED = {"task_queue": check_task_queue, "search": check_search}


def readiness() -> tuple[bool, dict]:
    """Run every check; ready when the required ones pass."""
    results = {name: _timed(check) for name, check in {**REQUIRED, **REPORTED}.items()}
    ready = all(results[name].status == "ok" for name in REQUIRED)
    for name in REPORTED:
        if results[name].status == "failing":
            results[name].status = "degraded"
    overall = "ok" if ready else "failing"
    if ready and any(check.status != "ok" for check in results.values()):
        overall = "degraded"
    body = {"status": overall, "checks": {k: v.as_json() for k, v in results.items()}}
    return ready, body


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    is_ready, body = readiness()
    return JsonResponse(body, status=200 if is_ready else 503)


VIEWS = {"/health/live": live, "/health/ready": ready}


class HealthCheckMiddleware:
    """Answers the health paths before any other middleware: a load balancer asks by
    the machine's address over plain HTTP, so the host check, the HTTPS redirect,
    sessions and the second-factor rule must not stand in its way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        view = VIEWS.get(request.path_info.rstrip("/"))
        if view is not None:
            return view(request)
        return self.get_response(request)
