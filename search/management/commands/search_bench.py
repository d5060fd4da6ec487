"""Benchmark the search index on a synthetic corpus (see docs/benchmarks.md).

It replaces the whole search index of the database it runs on, so it refuses a
database whose name does not say "bench" (`make bench` uses var/bench/)."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search.bench.report import as_json, as_markdown
from search.bench.run import run
from search.conf import DATABASE, ELASTICSEARCH

BACKENDS = {"database": DATABASE, "elasticsearch": ELASTICSEARCH}


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part]
    except ValueError:
        raise CommandError(
            f"--sizes: numbers separated by commas, not {value!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise CommandError("--sizes: at least one size of 1 or more.")
    return sizes


class Command(BaseCommand):
    help = "Benchmark search: rebuild, query latency with facets, index size."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000", type=_sizes)
        parser.add_argument(
            "--backend",
            default=None,
            help="database, elasticsearch or a dotted path (default: the setting).",
        )
        parser.add_argument("--queries", type=int, default=300)
        parser.add_argument("--seed", type=int, default=20261130)
        parser.add_argument(
            "--wagtail-pages",
            type=int,
            default=2000,
            help="Generated pages for the Wagtail comparison (0: skip it).",
        )
        parser.add_argument(
            "--output", choices=["markdown", "json"], default="markdown"
        )
        parser.add_argument("--output-file", default="", help="Also write it here.")
        parser.add_argument("--json-file", default="", help="Also write JSON here.")
        parser.add_argument(
            "--explain",
            default="",
            help="Write the query plans of the slowest query per group here.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run on a database whose name does not contain 'bench'.",
        )

    def handle(self, *args, **options):
        name = str(connection.settings_dict["NAME"] or "")
        if "bench" not in Path(name).name and not options["force"]:
            raise CommandError(
                f"The benchmark replaces the search index of {name!r}: point "
                "DATABASE_URL at a benchmark database (`make bench` uses "
                "var/bench/) or pass --force."
            )
        for name in ("wagtail", "cms"):  # page-by-page log lines of the set-up
            logging.getLogger(name).setLevel(logging.WARNING)
        backend = options["backend"]
        result = run(
            sizes=options["sizes"],
            backend=BACKENDS.get(backend, backend),
            queries=options["queries"],
            seed=options["seed"],
            wagtail_pages=options["wagtail_pages"],
            explain_file=options["explain"],
            log=lambda line: self.stderr.write(line),
        )
        text = as_json(result) if options["output"] == "json" else as_markdown(result)
        if options["output_file"]:
            Path(options["output_file"]).write_text(text, encoding="utf-8")
        if options["json_file"]:
            Path(options["json_file"]).write_text(as_json(result), encoding="utf-8")
        self.stdout.write(text)
