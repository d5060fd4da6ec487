"""Locust's stats CSV as the table of docs/benchmarks.md, with each request type's
p50 and p95 as a ratio to the trivial view measured in the same run."""

import csv
import sys


def main(path: str) -> None:
    with open(path) as handle:
        rows = list(csv.DictReader(handle))
    base = next(r for r in rows if r["Name"] == "trivial view (baseline)")
    base50, base95 = float(base["50%"]) or 1, float(base["95%"]) or 1
    print(
        "| request | count | failures | req/s | p50 ms | p95 ms | p99 ms "
        "| p50/base | p95/base |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: r["Name"] == "Aggregated"):
        print(
            f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} "
            f"| {float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} "
            f"| {float(r['50%']) / base50:.1f}× | {float(r['95%']) / base95:.1f}× |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
