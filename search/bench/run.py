"""The benchmark: per corpus size, rebuild the index through the backend's own
rebuild path, then time a realistic query mix (with facets, as anonymous, partner
and staff) and prefix suggestions through the selectors, as the site does."""

import random
import time

from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from cms.models import LifeDomain, TargetGroup
from portal.models import Membership, Organisation, User
from search.bench import explain, measure
from search.bench.corpus import (
    ORGANISATIONS,
    CorpusGenerator,
    CorpusOptions,
    Vocabulary,
)
from search.bench.pages import bench_pages
from search.bench.queries import (
    MIX,
    USER_LABELS,
    BenchQuery,
    query_mix,
    seeds_dir,
)
from search.conf import backend_path, get_backend
from search.selectors import search_documents, suggest

BENCH_EMAIL = "{label}@bench.invalid"


def bench_users() -> dict:
    """An anonymous visitor, a member of a partner organisation and a civil
    servant, made in the benchmark's database."""
    organisation = Organisation.objects.get_or_create(
        name=ORGANISATIONS[4], defaults={"is_partner": True}
    )[0]
    users = {"anonymous": AnonymousUser()}
    for label in ("partner", "staff"):
        user, _created = User.objects.get_or_create(
            email=BENCH_EMAIL.format(label=label),
            defaults={"is_staff": label == "staff"},
        )
        users[label] = user
    Membership.objects.get_or_create(
        user=users["partner"],
        organisation=organisation,
        defaults={"status": Membership.Status.ACTIVE},
    )
    return users


def corpus_options(seed: int) -> CorpusOptions:
    organisations = []
    for name in ORGANISATIONS:
        organisation = Organisation.objects.get_or_create(name=name)[0]
        organisations.append((organisation.pk, name))
    return CorpusOptions(
        life_domains=list(LifeDomain.objects.values_list("name", flat=True))
        or ["Wonen", "Werken", "Leren"],
        target_groups=list(TargetGroup.objects.values_list("name", flat=True))
        or ["Ouderen", "Jongeren"],
        organisations=organisations,
        seed=seed,
    )


def suggest_prefixes(vocabulary: Vocabulary, count: int, seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    words = vocabulary.content_words()[:1500]
    return [
        word[: rng.randint(3, min(7, len(word)))]
        for word in (rng.choice(words) for _ in range(count))
    ]


def time_queries(mix: list[BenchQuery], users: dict, *, warmup: int = 10) -> dict:
    """Latency of each query through `search_documents`, with facets, grouped by
    query group and by user; also how often a query found something."""
    for item in mix[:warmup]:
        search_documents(query=item.text, user=users[item.user], filters=item.filters)
    samples: dict[str, list[float]] = {}
    by_user: dict[str, list[float]] = {}
    totals = []
    slowest: dict[str, tuple[float, BenchQuery]] = {}
    for item in mix:
        elapsed, results = measure.timed_ms(
            search_documents,
            query=item.text,
            user=users[item.user],
            filters=item.filters,
        )
        samples.setdefault(item.group, []).append(elapsed)
        by_user.setdefault(item.user, []).append(elapsed)
        totals.append(results.total)
        if elapsed > slowest.get(item.group, (-1.0, None))[0]:
            slowest[item.group] = (elapsed, item)
    everything = [value for values in samples.values() for value in values]
    return {
        "all": measure.summary(everything),
        "groups": {group: measure.summary(values) for group, values in samples.items()},
        "users": {user: measure.summary(values) for user, values in by_user.items()},
        "share_with_hits": round(sum(map(bool, totals)) / max(len(mix), 1), 3),
        "matches": {
            key: value
            for key, value in measure.summary([float(t) for t in totals]).items()
            if key in ("p50", "p95", "max")
        },
        "slowest": {group: item for group, (_ms, item) in slowest.items()},
    }


def time_suggestions(prefixes: list[str], users: dict) -> dict:
    samples = []
    for number, prefix in enumerate(prefixes):
        user = users[USER_LABELS[number % len(USER_LABELS)]]
        elapsed, _suggestions = measure.timed_ms(suggest, prefix=prefix, user=user)
        samples.append(elapsed)
    return measure.summary(samples)


def bench_size(
    size: int,
    *,
    vocabulary: Vocabulary,
    options: CorpusOptions,
    users: dict,
    queries: int,
    explain_file: str = "",
    log=print,
) -> dict:
    """One corpus size: generate, rebuild (timed), size, queries, suggestions;
    with `explain_file`, the plans of the slowest query of each group."""
    backend = get_backend()
    started = time.perf_counter()
    documents = list(CorpusGenerator(vocabulary, options).documents(size))
    generated = time.perf_counter() - started
    log(f"  {size} documents generated in {generated:.1f} s; rebuilding ...")
    backend.setup()
    started = time.perf_counter()
    indexed = backend.rebuild(documents)
    rebuild_seconds = time.perf_counter() - started
    measure.vacuum()
    log(f"  rebuilt in {rebuild_seconds:.1f} s; timing {queries} queries ...")
    del documents
    baseline_before = measure.baseline_ms()
    mix = query_mix(vocabulary, options, queries, options.seed)
    latency = time_queries(mix, users)
    suggestions = time_suggestions(
        suggest_prefixes(vocabulary, max(queries // 2, 10), options.seed), users
    )
    baseline_after = measure.baseline_ms()
    baseline = round((baseline_before + baseline_after) / 2, 4)
    slowest = latency.pop("slowest")
    if explain_file:
        prefixes = suggest_prefixes(vocabulary, 3, options.seed)
        reports = [explain.explain_search(item, users) for item in slowest.values()]
        reports += [
            explain.explain_suggest(prefix, label, users)
            for prefix, label in zip(prefixes, USER_LABELS, strict=True)
        ]
        with open(explain_file, "a", encoding="utf-8") as file:
            file.write(f"# {size} documents\n\n{explain.as_text(reports)}\n")
        log(f"  plans written to {explain_file}")
    overall = latency["all"]
    return {
        "size": size,
        "indexed": indexed,
        "generate_seconds": round(generated, 2),
        "rebuild_seconds": round(rebuild_seconds, 2),
        "documents_per_second": round(indexed / rebuild_seconds) if indexed else 0,
        "index_size": measure.index_size(),
        "baseline_ms": baseline,
        "baseline_ms_before_after": [baseline_before, baseline_after],
        "latency": latency,
        "suggest": suggestions,
        "ratio_to_baseline": {
            key: round(overall[key] / baseline, 1) if baseline else None
            for key in ("p50", "p95", "p99")
        },
    }


def run(
    *,
    sizes: list[int],
    backend: str | None = None,
    queries: int = 300,
    seed: int = 20261130,
    wagtail_pages: int = 0,
    explain_file: str = "",
    log=print,
) -> dict:
    """The whole benchmark; returns every figure as plain data (see `report`)."""
    path = backend or backend_path()
    with override_settings(SEARCH_BACKEND=path):
        vocabulary = Vocabulary.from_seeds(seeds_dir())
        options = corpus_options(seed)
        users = bench_users()
        result = {
            "machine": measure.machine_details(),
            "database": measure.database_details(),
            "backend": path,
            "queries_per_size": queries,
            "seed": seed,
            "mix": MIX,
            "sizes": [],
        }
        if wagtail_pages:
            log(f"Real pages: the seeds and {wagtail_pages} generated pages")
            result["pages"] = bench_pages(
                wagtail_pages,
                vocabulary=vocabulary,
                options=options,
                users=users,
                queries=queries,
                log=log,
            )
        for size in sizes:
            log(f"Synthetic corpus of {size} documents ({path})")
            result["sizes"].append(
                bench_size(
                    size,
                    vocabulary=vocabulary,
                    options=options,
                    users=users,
                    queries=queries,
                    explain_file=explain_file,
                    log=log,
                )
            )
        result["machine"]["load_average_after"] = measure.machine_details()[
            "load_average"
        ]
    return result
