"""The load and the checks of `.ci/drill-postgres-restart`: readers request pages over
HTTP and a writer raises signals through the service while PostgreSQL restarts;
afterwards every write that reported success is whole, none is half-written, and
the server and the task worker answer again. Prints one JSON object."""

import collections
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

BASE = os.environ.get("BASE_URL_DRILL", "http://127.0.0.1:8130")
URLS = ["/", "/zoeken/?q=wonen", "/sociale-kaart/", "/api/v2/pages/"]
RESTART_AT = float(os.environ.get("RESTART_AT", "6"))
DURATION = float(os.environ.get("DURATION", "30"))
RESTART = os.environ.get(
    "RESTART_COMMAND", "pg_ctlcluster --skip-systemctl-redirect 15 main restart"
)

started = time.monotonic()
events: list[tuple[float, str, str]] = []  # (t, what, outcome)
lock = threading.Lock()
stop = threading.Event()
restart_window: dict[str, float] = {}


def note(what: str, outcome: str) -> None:
    with lock:
        events.append((time.monotonic() - started, what, outcome))


def reader(number: int) -> None:
    i = number
    while not stop.is_set():
        url = BASE + URLS[i % len(URLS)]
        i += 1
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                note("GET", str(response.status))
        except urllib.error.HTTPError as error:
            note("GET", str(error.code))
        except Exception as error:
            note("GET", type(error).__name__)
        time.sleep(0.05)


def writer(created: list[str]) -> None:
    from cms.models import LifeDomain
    from cms.signals import services
    from portal.models import Membership

    membership = Membership.objects.select_related("user", "organisation").first()
    domain = LifeDomain.objects.first()
    n = 0
    while not stop.is_set():
        n += 1
        try:
            signal, _ = services.signal_create(
                by=membership.user,
                organisation=membership.organisation,
                title=f"Herstartoefening {n}",
                description="Geschreven terwijl de databank herstart.",
                life_domains=[domain],
            )
            created.append(signal.reference)
            note("write", "ok")
        except Exception as error:
            note("write", type(error).__name__)
            connection.close()  # the next attempt opens a new connection
        time.sleep(0.1)


def restarter() -> None:
    time.sleep(RESTART_AT)
    restart_window["from"] = time.monotonic() - started
    subprocess.run(RESTART.split(), check=True)
    restart_window["to"] = time.monotonic() - started


def summary(kind: str, since: float, until: float) -> dict:
    return dict(
        collections.Counter(o for t, w, o in events if w == kind and since <= t < until)
    )


def main() -> None:
    from cms.signals.models import Signal, SignalEvent
    from portal.worker import worker_status

    created: list[str] = []
    threads = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    threads += [
        threading.Thread(target=writer, args=(created,)),
        threading.Thread(target=restarter),
    ]
    for thread in threads:
        thread.start()
    time.sleep(DURATION)
    stop.set()
    for thread in threads:
        thread.join()
    connection.close()

    low, high = restart_window["from"], restart_window["to"]
    ours = Signal.objects.filter(title__startswith="Herstartoefening")
    without_event = ours.exclude(pk__in=SignalEvent.objects.values("signal_id")).count()
    without_domain = ours.filter(life_domains=None).count()
    stored = set(ours.values_list("reference", flat=True))
    # recovered: the last 10 seconds answered without a single failure
    tail_from = DURATION - 10
    with transaction.atomic():
        status = worker_status()
    result = {
        "restart_seconds": [round(low, 1), round(high, 1)],
        "get_before": summary("GET", 0, low),
        "get_during_and_5s_after": summary("GET", low, high + 5),
        "get_last_10s": summary("GET", tail_from, DURATION + 1),
        "writes_before": summary("write", 0, low),
        "writes_during_and_5s_after": summary("write", low, high + 5),
        "writes_last_10s": summary("write", tail_from, DURATION + 1),
        "writes_reported_ok": len(created),
        "writes_stored": len(stored),
        "ok_writes_missing": len(set(created) - stored),
        "stored_writes_not_reported": len(stored - set(created)),
        "signals_without_event": without_event,
        "signals_without_life_domain": without_domain,
        "worker_heartbeat_age_seconds": status["heartbeat_age_seconds"],
        "waiting_tasks": status["waiting_tasks"],
    }
    print(json.dumps(result, indent=2))
    recovered = set(result["get_last_10s"]) == {"200"} and set(
        result["writes_last_10s"]
    ) == {"ok"}
    whole = not (result["ok_writes_missing"] or without_event or without_domain)
    sys.exit(0 if recovered and whole else 1)


if __name__ == "__main__":
    main()
