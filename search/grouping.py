"""One hit per place: the sections of a text that rank on one page of results are
shown under their text (as sitelinks), not as hits of their own beside it.

Engines rank documents, and a text and its sections are documents each; a text's
body holds its sections' words, so both rank for the same passage. Grouping happens
on what the engine returned for the page, after its audience filter, so it can show
nothing the reader may not see.
"""

from dataclasses import dataclass, field, replace

from search.backends.base import Hit
from search.documents import source_of


@dataclass
class HitGroup:
    """A hit and the hits of the same source (its sections) that ranked with it."""

    hit: Hit
    sections: list[Hit] = field(default_factory=list)


def group_by_document(hits: list[Hit]) -> list[HitGroup]:
    """The hits in rank order, each source once, at the place of its best hit. The
    document itself leads when it ranked; otherwise its best section does. A section
    whose snippet is the leader's passage keeps only its title."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(source_of(hit.key), []).append(hit)
    result = []
    for source, members in groups.items():
        lead = next((hit for hit in members if hit.key == source), members[0])
        sections = [
            replace(hit, snippet="") if hit.snippet == lead.snippet else hit
            for hit in members
            if hit is not lead
        ]
        result.append(HitGroup(hit=lead, sections=sections))
    return result
