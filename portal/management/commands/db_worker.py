"""manage.py db_worker: django-tasks-db's worker, made to outlive database faults.

This command replaces django-tasks-db's own `db_worker` (the `portal` app comes first
in INSTALLED_APPS), keeping its options. What the library's loop lacked:

- It survives a lock only while claiming a task. A lock on `BEGIN EXCLUSIVE`, on
  saving a task's result or on `close_old_connections()` (SQLite's busy timeout
  during a long import), or a PostgreSQL restart, raises out of `Worker.run()`; under
  `--reload` (the default with DEBUG) the reloader then keeps the process up with no
  loop inside, and the queue silently stops.
- A task whose worker died (killed, or lost the database while saving the result)
  stays RUNNING for ever and never runs again.
- Nothing tells a health check that the loop still turns.

`ResilientWorker` runs the library's loop in bounded rounds (batch mode, at most
`round_size` tasks), and between rounds (and every 10 s while a long task runs)
records a heartbeat, requeues orphaned
tasks (`portal.worker`), and on any error logs it, closes the connections and tries
again after a growing pause (1 s, 2 s, 4 s, ... up to `--max-retry-delay`).
"""

import logging
import os
import threading
import time

from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.management.commands.db_worker import Worker

from portal.worker import heartbeat_record, orphaned_tasks_requeue

logger = logging.getLogger("portal.worker")

# The library logs these at the start and end of each of its runs; with runs as
# rounds they would repeat every poll interval.
_ROUND_MESSAGES = (
    "Starting worker",
    "No more tasks to run",
    "Run maximum tasks",
)


class _DropRoundMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_ROUND_MESSAGES)


class _BusyHeartbeat(threading.Thread):
    """Beats every `every` seconds while one task runs, so that a long task (a
    bulk import's batch) does not look like a dead worker."""

    def __init__(self, worker_id: str, every: float):
        super().__init__(daemon=True, name="worker-heartbeat")
        self.worker_id = worker_id
        self.every = every
        self.done = threading.Event()

    def run(self) -> None:
        try:
            while not self.done.wait(self.every):
                heartbeat_record(self.worker_id)
        finally:
            connections.close_all()  # this thread's own connections


class ResilientWorker(Worker):
    """The library's worker, run in rounds that a database error cannot end."""

    def __init__(
        self, *, round_size: int = 50, max_retry_delay: float = 60.0, **kwargs
    ):
        super().__init__(**kwargs)
        self.round_size = round_size
        self.max_retry_delay = max_retry_delay
        self.stop_when_empty = self.batch
        self.task_limit = self.max_tasks
        self.failures = 0

    busy_heartbeat_every = 10.0

    def run_task(self, db_task_result) -> None:
        beat = _BusyHeartbeat(self.worker_id, self.busy_heartbeat_every)
        beat.start()
        try:
            super().run_task(db_task_result)
        finally:
            beat.done.set()

    def retry_delay(self) -> float:
        return min(2 ** (self.failures - 1), self.max_retry_delay)

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s",
            self.worker_id,
            ",".join(self.queue_names),
        )
        library.logger.addFilter(_DropRoundMessages())
        while self.running:
            try:
                finished = self.run_round()
            except Exception as error:  # never leave the loop: log, wait, retry
                self.failures += 1
                delay = self.retry_delay()
                log = logger.error if self.failures >= 5 else logger.warning
                log(
                    "Task worker: %s: %s (attempt %s; trying again in %.0f s)",
                    type(error).__name__,
                    error,
                    self.failures,
                    delay,
                )
                connections.close_all()
                time.sleep(delay)
                continue
            if self.failures:
                logger.warning(
                    "Task worker: the database answers again after %s failed "
                    "attempt(s).",
                    self.failures,
                )
                self.failures = 0
            if finished:
                return

    def run_round(self) -> bool:
        """One round: beat, requeue orphans, run up to `round_size` tasks. True when
        the worker should stop (--batch with an empty queue, or --max-tasks run)."""
        heartbeat_record(self.worker_id)
        orphaned_tasks_requeue(current_worker_id=self.worker_id)
        limit = self.round_size
        if self.task_limit is not None:
            limit = min(limit, self.task_limit - self._run_tasks)
        before = self._run_tasks
        self.batch = True  # the library's run returns when the queue is empty
        self.max_tasks = self._run_tasks + limit
        super().run()
        self.startup_delay = False  # only before the first round
        if self.task_limit is not None and self._run_tasks >= self.task_limit:
            return True
        queue_empty = self._run_tasks - before < limit
        if queue_empty:
            if self.stop_when_empty:
                return True
            heartbeat_record(self.worker_id)
            if self.running and self.interval:
                time.sleep(self.interval)
        return False


class Command(library.Command):
    help = (
        "Run the database task worker; it survives database locks and restarts, "
        "records a heartbeat and requeues tasks a dead worker left running."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--max-retry-delay",
            type=float,
            default=60.0,
            help="longest pause between attempts when the database fails (seconds)",
        )
        parser.add_argument(
            "--round-size",
            type=int,
            default=50,
            help="tasks run between two heartbeats at most",
        )

    def handle(self, *, verbosity: int, reload: bool, **options) -> None:
        self.configure_logging(verbosity)
        if reload and options["batch"]:
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = (
            options["exclude_queues"].split(",") if options["exclude_queues"] else []
        )
        if excluded and "*" not in queue_names:
            raise library.CommandError(
                "--exclude-queues can only be used with --queue-name=*"
            )
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            round_size=options["round_size"],
            max_retry_delay=options["max_retry_delay"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
