"""The benchmark's query mix: word, phrase, typo and filtered queries in fixed
proportions, the same list for the same seed (used by the engine run and by the
comparison with Wagtail's search on real pages)."""

import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from search.bench.corpus import CorpusOptions, Vocabulary
from search.bench.relevance import load_queries, queries_file
from search.documents import DocumentKind, Facet

#: Query groups of the mix, and how many of every hundred queries each takes.
MIX = {
    "word": 30,
    "phrase": 15,
    "queries_file": 15,
    "typo": 10,
    "kind_filter": 15,
    "life_domain_filter": 15,
}
USER_LABELS = ("anonymous", "partner", "staff")


def seeds_dir() -> Path:
    return Path(settings.SHARED_DIR) / "seeds"


@dataclass(frozen=True)
class BenchQuery:
    group: str
    text: str
    user: str
    filters: dict = field(default_factory=dict)


def _typo(word: str, rng: random.Random) -> str:
    """One adjacent transposition or one dropped letter, not at the first letter."""
    position = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return (
            word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        )
    return word[:position] + word[position + 1 :]


def query_mix(
    vocabulary: Vocabulary, options: CorpusOptions, count: int, seed: int
) -> list[BenchQuery]:
    """`count` queries in the proportions of `MIX`, each for one of the three
    users in turn; the same list for the same seed."""
    rng = random.Random(seed)
    words = vocabulary.content_words()[:1500]
    long_words = [word for word in words if len(word) >= 7][:600]
    phrases = vocabulary.phrases()[:400]
    file_queries = (
        [item["q"] for item in load_queries()] if queries_file().is_file() else phrases
    )
    kinds = [str(kind) for kind in DocumentKind]
    groups = rng.choices(list(MIX), weights=list(MIX.values()), k=count)
    mix = []
    for number, group in enumerate(groups):
        user = USER_LABELS[number % len(USER_LABELS)]
        filters = {}
        if group == "word":
            text = rng.choice(words)
        elif group == "phrase":
            text = rng.choice(phrases)
        elif group == "queries_file":
            text = rng.choice(file_queries)
        elif group == "typo":
            text = _typo(rng.choice(long_words), rng)
        elif group == "kind_filter":
            text = rng.choice(words)
            filters = {Facet.KIND.value: rng.choice(kinds)}
        else:
            text = rng.choice(words)
            filters = {Facet.LIFE_DOMAIN.value: rng.choice(options.life_domains)}
        mix.append(BenchQuery(group=group, text=text, user=user, filters=filters))
    return mix
