"""After `make load`: every write the simulated users made is in the database and in
the search index. Run with the load test's environment (production settings)."""

import json
import sys

import django

django.setup()

from cms.models import ProgressUpdate  # noqa: E402
from cms.signals.models import Signal  # noqa: E402
from search.services import index_check  # noqa: E402


def main(path: str) -> int:
    with open(path) as handle:
        writes = json.load(handle)
    problems = []
    signals = {
        s.pk: s
        for s in Signal.objects.filter(pk__in=[w["id"] for w in writes["signals"]])
    }
    for write in writes["signals"]:
        signal = signals.get(write["id"])
        if signal is None:
            problems.append(f"signal {write['id']} is missing")
        elif write["marker"] not in signal.title or signal.state not in {
            write["state"],
            write.get("sent"),  # asked for when the run ended, its answer unread
        }:
            problems.append(
                f"signal {write['id']}: {signal.state}, not {write['state']}"
            )
    markers = set(
        ProgressUpdate.objects.filter(text__startswith="Stand van zaken ").values_list(
            "text", flat=True
        )
    )
    for write in writes["progress"]:
        if f"Stand van zaken {write['marker']}" not in markers:
            problems.append(f"progress report {write['marker']} is missing")
    report = index_check()
    if not report.is_clean:
        problems.append(
            f"search index differs: {len(report.missing)} missing, "
            f"{len(report.outdated)} outdated, {len(report.stale)} stale"
        )
    print(
        f"writes checked: {len(writes['signals'])} signals, "
        f"{len(writes['progress'])} progress reports; index clean: {report.is_clean}"
    )
    for problem in problems[:20]:
        print("LOST:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
