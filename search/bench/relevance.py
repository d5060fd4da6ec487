"""Relevance scoring of the public queries file (MRR@10), shared by the relevance
test and the benchmark so both score the same way."""

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

from django.conf import settings


def queries_file() -> Path:
    return Path(settings.SHARED_DIR) / "relevance" / "queries.json"


def load_queries(path: Path | None = None) -> list[dict]:
    """The queries of the file: each {"q": ..., "expect": [title parts]}."""
    path = path or queries_file()
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_relevant(title: str, expect: list[str]) -> bool:
    """A title answers a query when it contains one of the expected parts
    (case- and accent-insensitive)."""
    return any(_fold(part) in _fold(title) for part in expect)


def score(
    queries: list[dict], titles_for: Callable[[str], list[str]]
) -> tuple[float, float, list[tuple]]:
    """MRR@10 and the share of queries answered in the top 3, with per-query ranks."""
    reciprocal, top3, rows = 0.0, 0, []
    for item in queries:
        titles = titles_for(item["q"])[:10]
        rank = next(
            (
                i
                for i, title in enumerate(titles, 1)
                if is_relevant(title, item["expect"])
            ),
            None,
        )
        reciprocal += 1 / rank if rank else 0
        top3 += bool(rank and rank <= 3)
        rows.append((item["q"], rank, titles[:3]))
    return reciprocal / len(queries), top3 / len(queries), rows
