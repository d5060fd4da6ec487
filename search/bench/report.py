"""The benchmark's figures as Markdown tables (for docs/benchmarks.md) or JSON."""

import json


def _ms(summary: dict, key: str) -> str:
    value = summary.get(key)
    return "–" if value is None else f"{value:.1f}"


def _mib(size: int | None) -> str:
    return "–" if not size else f"{size / 1024 / 1024:.1f} MiB"


def as_json(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False, default=str)


def as_markdown(result: dict) -> str:
    machine, database = result["machine"], result["database"]
    lines = [
        f"Backend `{result['backend']}` on {database['version']}; "
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory']}, "
        f"Python {machine['python']}; load average before "
        f"{machine['load_average']}, after {machine.get('load_average_after')}. "
        f"{result['queries_per_size']} queries per size, seed {result['seed']}.",
        "",
        "| documents | rebuild | docs/s | index size | baseline | "
        "p50 | p95 | p99 | p95 / baseline | suggest p50 | suggest p95 | with hits "
        "| matches p50 / p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in result["sizes"]:
        latency, suggest = size["latency"]["all"], size["suggest"]
        size_bytes = size["index_size"].get("file_bytes") or size["index_size"].get(
            "search_bytes"
        )
        lines.append(
            f"| {size['size']:,} | {size['rebuild_seconds']:.1f} s "
            f"| {size['documents_per_second']:,} | {_mib(size_bytes)} "
            f"| {size['baseline_ms']:.3f} ms | {_ms(latency, 'p50')} ms "
            f"| {_ms(latency, 'p95')} ms | {_ms(latency, 'p99')} ms "
            f"| {size['ratio_to_baseline']['p95']}× "
            f"| {_ms(suggest, 'p50')} ms | {_ms(suggest, 'p95')} ms "
            f"| {size['latency']['share_with_hits']:.0%} "
            f"| {size['latency']['matches']['p50']:,.0f} / "
            f"{size['latency']['matches']['p95']:,.0f} |"
        )
    for size in result["sizes"]:
        lines += [
            "",
            f"By query group and user at {size['size']:,} documents (ms):",
            "",
            "| group | n | p50 | p95 | p99 |",
            "|---|---:|---:|---:|---:|",
        ]
        rows = list(size["latency"]["groups"].items())
        rows += [(f"user: {u}", s) for u, s in size["latency"]["users"].items()]
        for name, summary in rows:
            lines.append(
                f"| {name} | {summary['n']} | {_ms(summary, 'p50')} "
                f"| {_ms(summary, 'p95')} | {_ms(summary, 'p99')} |"
            )
        tables = size["index_size"]["tables"]
        lines += [
            "",
            "Index tables: "
            + ", ".join(f"`{name}` {_mib(value)}" for name, value in tables.items()),
        ]
    pages = result.get("pages")
    if pages:
        ours, wagtail = (
            pages["latency"]["ours_with_facets"],
            pages["latency"]["wagtail"],
        )
        lines += [
            "",
            f"Real pages ({pages['pages']:,} live pages: the seeds and "
            f"{pages['generated_pages']:,} generated content pages):",
            "",
            "| | ours (facets, audiences) | Wagtail `Page.objects.search()` |",
            "|---|---:|---:|",
            f"| p50 | {_ms(ours, 'p50')} ms | {_ms(wagtail, 'p50')} ms |",
            f"| p95 | {_ms(ours, 'p95')} ms | {_ms(wagtail, 'p95')} ms |",
            f"| p99 | {_ms(ours, 'p99')} ms | {_ms(wagtail, 'p99')} ms |",
            f"| rebuild | {pages['search_rebuild']['seconds']:.1f} s "
            f"({pages['search_rebuild']['documents']:,} documents) "
            f"| {pages['wagtail_update_index_seconds']:.1f} s (`update_index`) |",
        ]
        for label, key in (
            ("MRR@10, seeds only", "relevance_seeds_only"),
            ("MRR@10, with the generated pages", "relevance_with_generated_pages"),
        ):
            relevance = pages.get(key) or {}
            if relevance:
                lines.append(
                    f"| {label} | {relevance['ours']['mrr_at_10']:.3f} "
                    f"(top 3: {relevance['ours']['top3']:.0%}) "
                    f"| {relevance['wagtail']['mrr_at_10']:.3f} "
                    f"(top 3: {relevance['wagtail']['top3']:.0%}) |"
                )
    return "\n".join(lines) + "\n"
