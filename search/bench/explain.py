"""Where a search spends its time: every SQL statement one search runs, with
PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)` (SQLite's `EXPLAIN QUERY PLAN`), for the
slowest query of each group of the benchmark mix (`search_bench --explain`)."""

import time
from contextlib import contextmanager

from django.db import connection

from search.bench.queries import BenchQuery
from search.selectors import search_documents, suggest


@contextmanager
def captured_statements():
    """The SQL statements run inside the block, with their parameters and time."""
    statements: list[dict] = []

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(
                {
                    "sql": sql,
                    "params": params,
                    "many": many,
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                }
            )

    with connection.execute_wrapper(wrapper):
        yield statements


def explain(sql: str, params) -> str:
    """The plan of one SELECT, run for real on PostgreSQL (ANALYZE, BUFFERS)."""
    prefix = "EXPLAIN QUERY PLAN "
    if connection.vendor == "postgresql":
        prefix = "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())


def explain_search(item: BenchQuery, users: dict) -> dict:
    """Run one query of the mix, then explain each SELECT it ran."""
    started = time.perf_counter()
    with captured_statements() as statements:
        results = search_documents(
            query=item.text, user=users[item.user], filters=item.filters
        )
    elapsed = (time.perf_counter() - started) * 1000
    return _report(item.group, item.text, item.user, elapsed, results.total, statements)


def explain_suggest(prefix: str, user_label: str, users: dict) -> dict:
    started = time.perf_counter()
    with captured_statements() as statements:
        suggest(prefix=prefix, user=users[user_label])
    elapsed = (time.perf_counter() - started) * 1000
    return _report("suggest", prefix, user_label, elapsed, None, statements)


def _report(group, text, user, elapsed, total, statements) -> dict:
    explained = []
    for statement in statements:
        sql = statement["sql"]
        if sql.lstrip().upper().startswith(("SET ", "RESET ")):
            with connection.cursor() as cursor:  # planner settings of the search
                cursor.execute(sql, statement["params"])
            continue
        if statement["many"] or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        explained.append(
            {
                "ms": statement["ms"],
                "sql": sql,
                "plan": explain(sql, statement["params"]),
            }
        )
    return {
        "group": group,
        "query": text,
        "user": user,
        "ms": round(elapsed, 2),
        "total": total,
        "statements": explained,
    }


def as_text(reports: list[dict]) -> str:
    """The plans as plain text, one section per query."""
    lines = []
    for report in reports:
        lines += [
            f"## {report['group']}: {report['query']!r} as {report['user']} "
            f"({report['ms']:.1f} ms, {report['total']} matches)",
            "",
        ]
        for statement in report["statements"]:
            lines += [
                f"### {statement['ms']:.1f} ms",
                statement["sql"],
                "",
                statement["plan"],
                "",
            ]
    return "\n".join(lines)
