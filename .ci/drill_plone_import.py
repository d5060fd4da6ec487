"""The steps of `.ci/drill-plone-import`, run against the database of a `make run`
that is serving (same VAR_DIR / DATABASE_URL). Each step prints one JSON line.

    python .ci/drill_plone_import.py import EXPORT_DIR ITEMS
    python .ci/drill_plone_import.py signal
    python .ci/drill_plone_import.py outdate-and-queue
    python .ci/drill_plone_import.py wait-running
    python .ci/drill_plone_import.py wait-drain
    python .ci/drill_plone_import.py status
    python .ci/drill_plone_import.py check
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402

from portal.worker import worker_status  # noqa: E402


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


class Sampler(threading.Thread):
    """Reads worker_status() every `every` seconds (its own connection)."""

    def __init__(self, every: float = 2.0):
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[dict] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.samples.append(worker_status() | {"t": time.monotonic()})
            except Exception as error:  # a read may time out under the import
                self.samples.append({"error": str(error), "t": time.monotonic()})
            self.stop.wait(self.every)
        connection.close()

    def summary(self) -> dict:
        ok = [s for s in self.samples if "error" not in s]
        ages = [s["heartbeat_age_seconds"] for s in ok if s["heartbeat_age_seconds"]]
        return {
            "samples": len(self.samples),
            "sample_errors": len(self.samples) - len(ok),
            "max_waiting_tasks": max((s["waiting_tasks"] or 0 for s in ok), default=0),
            "max_heartbeat_age_seconds": max(ages, default=None),
            "max_oldest_waiting_task_age_seconds": max(
                (s["oldest_waiting_task_age_seconds"] or 0 for s in ok), default=0
            ),
        }


def queued_total() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.count()


def step_import(export: str, items: str) -> None:
    from cms.importers.plone import import_plone
    from cms.importers.plone.bench import generate_export

    if not (Path(export) / "content").is_dir():
        generate_export(Path(export), items=int(items))
    before = queued_total()
    sampler = Sampler()
    sampler.start()
    started = time.monotonic()
    report = import_plone(Path(export))
    seconds = time.monotonic() - started
    sampler.stop.set()
    sampler.join()
    emit(
        step="import",
        items=int(items),
        import_seconds=round(seconds, 1),
        created=report.total("created"),
        failed=len(report.failed),
        tasks_queued=queued_total() - before,
        **sampler.summary(),
    )


def step_wait_drain(timeout: float = 3600) -> None:
    sampler = Sampler(every=1.0)
    sampler.start()
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        status = worker_status()
        if status["waiting_tasks"] == 0 and status["running_tasks"] == 0:
            break
        time.sleep(1)
    seconds = time.monotonic() - started
    sampler.stop.set()
    sampler.join()
    emit(
        step="wait-drain",
        drain_seconds=round(seconds, 1),
        drained=status["waiting_tasks"] == 0 and status["running_tasks"] == 0,
        **sampler.summary(),
    )


def step_signal(timeout: float = 120) -> None:
    """Submit a signal as a partner and time until staff find it by search."""
    from cms.models import LifeDomain
    from cms.signals import services
    from cms.signals.models import SignalState
    from portal.models import Membership, User
    from search.selectors import search_documents

    membership = Membership.objects.select_related("user", "organisation").first()
    staff = User.objects.filter(is_superuser=True).first()
    word = f"drillsignaal{int(time.time())}"
    signal, _findings = services.signal_create(
        by=membership.user,
        organisation=membership.organisation,
        title=f"Oefening {word}",
        description="Een signaal uit de oefening met de Plone-import.",
        life_domains=[LifeDomain.objects.first()],
    )
    services.signal_transition(
        signal=signal, to=SignalState.SUBMITTED, by=membership.user
    )
    submitted = time.monotonic()
    found = False
    while time.monotonic() - submitted < timeout:
        if search_documents(query=word, user=staff).hits:
            found = True
            break
        time.sleep(0.25)
    emit(
        step="signal",
        reference=signal.reference,
        searchable=found,
        seconds_to_searchable=round(time.monotonic() - submitted, 2),
    )


def step_outdate_and_queue(chunk: int = 100) -> None:
    """Drop the imported pages from our index and queue their reindexing in tasks
    of `chunk` pages: work for a worker to be killed in the middle of."""
    from wagtail.models import Page

    from search.conf import get_backend
    from search.documents import object_key
    from search.tasks import update_index_many

    pages = list(
        Page.objects.live()
        .filter(url_path__contains="/bench/")
        .specific()
        .order_by("pk")
    )
    get_backend().delete([object_key(page) for page in pages])
    items = [[page._meta.label_lower, page.pk, False] for page in pages]
    for start in range(0, len(items), chunk):
        update_index_many.enqueue(items=items[start : start + chunk])
    emit(step="outdate-and-queue", pages=len(pages), tasks=-(-len(items) // chunk))
    # In the same process: a new one takes seconds to start, and by then a small
    # import's tasks may all have run, leaving nothing to kill the worker in.
    step_wait_running()


def step_wait_running(timeout: float = 300) -> None:
    """Return as soon as the worker is running a task (to kill it then)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if worker_status()["running_tasks"]:
            break
        time.sleep(0.05)
    emit(step="wait-running", **worker_status())


def step_status() -> None:
    emit(step="status", **worker_status())


def step_check() -> None:
    from search.services import index_check

    report = index_check()
    emit(
        step="check",
        clean=report.is_clean,
        missing=len(report.missing),
        outdated=len(report.outdated),
        stale=len(report.stale),
    )


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    {
        "import": step_import,
        "wait-drain": step_wait_drain,
        "signal": step_signal,
        "outdate-and-queue": step_outdate_and_queue,
        "status": step_status,
        "wait-running": step_wait_running,
        "check": step_check,
    }[name](*args)
