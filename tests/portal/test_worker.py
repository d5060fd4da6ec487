"""The task worker outlives database faults: a lock that outlasts the busy timeout, a
lost connection, a worker killed mid-task; and it reports a heartbeat."""

import logging
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult

from portal.management.commands.db_worker import ResilientWorker
from portal.worker import (
    heartbeat_record,
    orphaned_tasks_requeue,
    worker_status,
)

# The worker commits for real, so these tests flush the database afterwards;
# serialized_rollback puts back what was there (content types with their ids
# included), or the tests that follow on the same process find stale ids.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DONE: list[int] = []


@task()
def note_done(number: int) -> None:
    DONE.append(number)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DONE.clear()
    cache.clear()  # the heartbeats
    yield
    DONE.clear()


def make_worker(**options) -> ResilientWorker:
    values = {
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "worker-under-test",
        "excluded_queue_names": [],
        "max_retry_delay": 0,
    }
    return ResilientWorker(**(values | options))


def failing(times: int, error: Exception):
    """A callable that raises `error` on its first `times` calls."""
    calls = {"n": 0}

    def maybe_fail():
        calls["n"] += 1
        if calls["n"] <= times:
            raise error

    return maybe_fail


def statuses() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("status", flat=True))


def test_a_lock_outlasting_the_busy_timeout_is_retried(monkeypatch, caplog):
    """SQLite's `BEGIN EXCLUSIVE` timing out ("database is locked") used to end the
    library's loop; now the worker waits, tries again and runs every task."""
    for number in range(3):
        note_done.enqueue(number)
    real = library.exclusive_transaction
    lock = failing(3, OperationalError("database is locked"))

    @contextmanager
    def locked_at_first(using=None):
        lock()
        with real(using):
            yield

    monkeypatch.setattr(library, "exclusive_transaction", locked_at_first)
    with caplog.at_level(logging.WARNING, logger="portal.worker"):
        make_worker().run()
    assert sorted(DONE) == [0, 1, 2]
    assert statuses() == [TaskResultStatus.SUCCESSFUL] * 3
    retries = [r for r in caplog.records if "database is locked" in r.getMessage()]
    assert len(retries) == 3
    assert "answers again" in caplog.records[-1].getMessage()


def test_a_lost_connection_while_saving_a_result_reruns_the_task(monkeypatch):
    """The database went away just as the result was saved (a PostgreSQL restart):
    the task stays RUNNING, is requeued by the same worker and runs again."""
    note_done.enqueue(7)
    lost = failing(2, InterfaceError("connection already closed"))
    for name in ("set_successful", "set_failed"):
        real = getattr(DBTaskResult, name)

        def save_result(self, value, real=real):
            lost()  # the first try of each: the library's own retries gave up
            return real(self, value)

        monkeypatch.setattr(DBTaskResult, name, save_result)
    make_worker().run()
    assert DONE == [7, 7]  # at least once: our tasks are idempotent
    assert statuses() == [TaskResultStatus.SUCCESSFUL]


def test_the_retry_pause_grows_and_is_bounded():
    worker = make_worker(max_retry_delay=60)
    delays = []
    for failures in range(1, 10):
        worker.failures = failures
        delays.append(worker.retry_delay())
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_task_left_running_by_a_killed_worker_runs_again():
    result = note_done.enqueue(3)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("killed-worker")  # claimed, then the process got SIGKILL
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(hours=1)
    )
    make_worker().run()
    assert DONE == [3]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["killed-worker", "worker-under-test"]


def test_a_task_of_a_live_worker_is_left_alone():
    result = note_done.enqueue(4)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("busy-worker")
    heartbeat_record("busy-worker")
    assert orphaned_tasks_requeue(current_worker_id="other") == 0
    later = timezone.now() + timedelta(hours=1)
    assert orphaned_tasks_requeue(current_worker_id="other", now=later) == 1


def test_worker_status_reports_heartbeat_and_oldest_waiting_task():
    assert worker_status()["last_heartbeat"] is None
    note_done.enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    status = worker_status()
    assert status["waiting_tasks"] == 1
    assert 295 < status["oldest_waiting_task_age_seconds"] < 400
    make_worker().run()
    status = worker_status()
    assert status["worker_id"] == "worker-under-test"
    assert status["heartbeat_age_seconds"] < 60
    assert status["waiting_tasks"] == 0
    assert status["oldest_waiting_task_age_seconds"] is None


def test_worker_status_without_a_database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    status = worker_status()
    assert status["waiting_tasks"] is None


def test_the_command_replaces_the_librarys_and_keeps_its_options():
    note_done.enqueue(5)
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval=0"
    )
    assert DONE == [5]
    assert worker_status()["last_heartbeat"] is not None


def test_max_tasks_is_honoured_across_rounds():
    for number in range(5):
        note_done.enqueue(number)
    make_worker(batch=False, max_tasks=3, round_size=2).run()
    assert len(DONE) == 3


@task()
def wait_for_a_newer_beat(worker_id: str) -> None:
    from portal.worker import heartbeat_of

    first = heartbeat_of(worker_id)
    for _ in range(1000):
        latest = heartbeat_of(worker_id)
        if latest and first and latest > first:
            DONE.append(1)
            return
        time.sleep(0.01)


def test_a_long_task_keeps_the_heartbeat_going():
    wait_for_a_newer_beat.enqueue("worker-under-test")
    worker = make_worker()
    worker.busy_heartbeat_every = 0.05
    worker.run()
    assert DONE == [1]
