"""Timing, percentiles, a baseline for ratios, index sizes and machine details."""

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

from search.models import IndexedDocument


def timed_ms(function: Callable, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def summary(samples: list[float]) -> dict:
    """p50, p95, p99, mean and max of latencies in milliseconds."""
    if not samples:
        return {"n": 0}
    if len(samples) == 1:
        cuts = samples * 99
    else:
        cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "n": len(samples),
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "mean": round(statistics.fmean(samples), 2),
        "max": round(max(samples), 2),
    }


def baseline_ms(repeat: int = 300) -> float:
    """The median time of a plain indexed SELECT on the index table (one row by
    its unique key, through the ORM), measured now: latencies divided by it compare
    across machines and across moments on a shared one."""
    keys = list(
        IndexedDocument.objects.order_by("?").values_list("key", flat=True)[:50]
    )
    if not keys:
        return 0.0
    samples = []
    for number in range(repeat):
        key = keys[number % len(keys)]
        elapsed, _row = timed_ms(lambda k=key: IndexedDocument.objects.get(key=k))
        samples.append(elapsed)
    return round(statistics.median(samples), 4)


def vacuum() -> None:
    """On PostgreSQL, what autovacuum does soon after a rebuild: the rows the
    rebuild replaced cleared and the planner's statistics renewed, so that the
    queries are timed on the index a site would have, not on its dead rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
            "AND n.nspname = current_schema() AND relname LIKE 'search\\_%'"
        )
        # VACUUM cannot run in a transaction (the tests run in one).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        for (table,) in cursor.fetchall():
            cursor.execute(f'{command} "{table}"')


def index_size() -> dict:
    """Bytes the index takes: per table (SQLite's dbstat, PostgreSQL's
    pg_total_relation_size) and, on SQLite, the whole file."""
    vendor = connection.vendor
    tables: dict[str, int] = {}
    result: dict = {"tables": tables}
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                "SELECT name, SUM(pgsize) FROM dbstat "
                "WHERE name LIKE 'search\\_%' ESCAPE '\\' "
                "OR name LIKE 'sqlite_autoindex_search\\_%' ESCAPE '\\' "
                "GROUP BY name ORDER BY name"
            )
            tables.update({name: int(size) for name, size in cursor.fetchall()})
            path = connection.settings_dict["NAME"]
            if path and str(path) != ":memory:" and Path(path).is_file():
                result["file_bytes"] = Path(path).stat().st_size
        elif vendor == "postgresql":
            cursor.execute(
                "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'r' AND n.nspname = current_schema() "
                "AND relname LIKE 'search\\_%' ORDER BY relname"
            )
            tables.update({name: int(size) for name, size in cursor.fetchall()})
    result["search_bytes"] = sum(tables.values())
    return result


def database_details() -> dict:
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        elif vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            version = vendor
    return {"vendor": vendor, "version": version}


def machine_details() -> dict:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        first = meminfo.read_text().splitlines()[0].split()
        memory = f"{int(first[1]) / 1024 / 1024:.1f} GiB"
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(value, 2) for value in load],
    }
