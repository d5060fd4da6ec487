"""A deterministic synthetic corpus: Dutch text built from the seeds' own words.

The seeds (`settings.SHARED_DIR / "seeds"`) are read at run time and never copied
into the product. Bodies are collages of short runs of seed text, so word
frequencies, compounds and two-word phrases ("sociaal huis") are those of real
policy texts; titles are seed headings and goal titles, or runs of seed text.
"""

import csv
import datetime
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from portal.access.audiences import Audience
from portal.access.circles import organisation_circle
from search.analysis import STOP_WORDS, fold
from search.documents import DocumentKind, SearchDocument

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]:?")
_TOKEN = re.compile(r"[^\W\d_][\w'-]*|\d+", re.UNICODE)

#: How often each kind occurs: sections, goals and signals dominate a real portal.
KIND_WEIGHTS = {
    DocumentKind.FRAMEWORK_TEXT: 1,
    DocumentKind.FRAMEWORK_SECTION: 22,
    DocumentKind.POLICY_PLAN: 1,
    DocumentKind.PLAN_SECTION: 12,
    DocumentKind.GOAL: 22,
    DocumentKind.PAGE: 8,
    DocumentKind.SIGNAL: 14,
    DocumentKind.SIGNAL_BUNDLE: 2,
    DocumentKind.SERVICE: 12,
    DocumentKind.ORGANISATION: 3,
    DocumentKind.FILE: 3,
    DocumentKind.BODY: 1,
    DocumentKind.MEETING: 4,
    DocumentKind.ADVICE: 3,
    DocumentKind.INDICATOR: 1,
}
AUDIENCE_WEIGHTS = {Audience.PUBLIC: 60, Audience.PARTNERS: 25, Audience.STAFF: 15}
#: Share of partner and staff documents internal to their owning organisation.
INTERNAL_SHARE = 0.3
ORGANISATIONS = (
    "Stad Wilgendonk",
    "OCMW Wilgendonk",
    "Gemeente Beverhout",
    "Sociaal Huis Beverhout",
    "CAW Oost",
    "Huurdersbond Zuid",
    "Kinderopvang De Rups",
    "Welzijnsschakel Noord",
    "Thuiszorg Samen",
    "Woonmaatschappij Kempen",
    "Vrijwilligerspunt Regio",
    "Dienstencentrum De Linde",
)
FIRST_YEAR, LAST_YEAR = 2008, 2026
#: A document's text comes from a stretch of this many seed tokens (its topic).
TOPIC_SPAN = 800


@dataclass(frozen=True)
class Vocabulary:
    """The seeds as a stream of tokens (in reading order) and a list of titles."""

    tokens: tuple[str, ...]
    titles: tuple[str, ...]

    @classmethod
    def from_seeds(cls, seeds_dir: Path) -> "Vocabulary":
        """Read the structured seeds (Markdown bodies, goal CSVs) of a folder."""
        folder = Path(seeds_dir)
        structured = (
            folder / "structured" if (folder / "structured").is_dir() else folder
        )
        texts, titles = [], []
        for path in sorted(structured.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            if not _FRONT_MATTER.match(text):
                continue  # a README, not a seed document
            text = _FOOTNOTE.sub(" ", _FRONT_MATTER.sub("", text))
            titles += [_clean_heading(h) for h in _HEADING.findall(text)]
            texts.append(text)
        for path in sorted(structured.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    titles.append(row.get("title", "").strip())
                    texts.append(f"{row.get('title', '')} {row.get('description', '')}")
        tokens = tuple(token for text in texts for token in _TOKEN.findall(text))
        titles = tuple(dict.fromkeys(t for t in titles if 2 <= len(t) <= 160))
        if len(tokens) < 1000 or not titles:
            raise ValueError(f"Too little seed text under {folder} for a corpus.")
        return cls(tokens=tokens, titles=titles)

    def content_words(self, *, minimum_length: int = 5) -> list[str]:
        """Distinct lower-case words that are not stop words, by frequency."""
        counts: dict[str, int] = {}
        for token in self.tokens:
            word = token.lower()
            if (
                len(word) >= minimum_length
                and not word.isdigit()
                and fold(word) not in STOP_WORDS
            ):
                counts[word] = counts.get(word, 0) + 1
        return sorted(counts, key=lambda word: (-counts[word], word))

    def phrases(self) -> list[str]:
        """Two adjacent content words of the seed text, by frequency."""
        counts: dict[str, int] = {}
        words = [token.lower() for token in self.tokens]
        for first, second in pairwise(words):
            if all(
                len(w) >= 4 and not w.isdigit() and fold(w) not in STOP_WORDS
                for w in (first, second)
            ):
                phrase = f"{first} {second}"
                counts[phrase] = counts.get(phrase, 0) + 1
        return sorted(counts, key=lambda phrase: (-counts[phrase], phrase))


def _clean_heading(heading: str) -> str:
    return re.sub(r"[*_`]+", "", heading).strip()


@dataclass(frozen=True)
class CorpusOptions:
    """What the documents may carry; ids of organisations come from the database."""

    life_domains: Sequence[str]
    target_groups: Sequence[str]
    organisations: Sequence[tuple[int | None, str]]
    seed: int = 20261130


class CorpusGenerator:
    def __init__(self, vocabulary: Vocabulary, options: CorpusOptions):
        self.vocabulary = vocabulary
        self.options = options

    def documents(self, size: int) -> Iterator[SearchDocument]:
        """`size` documents, the same ones for the same seed and size."""
        rng = random.Random(self.options.seed)
        kinds = rng.choices(
            list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=size
        )
        audiences = rng.choices(
            list(AUDIENCE_WEIGHTS), weights=list(AUDIENCE_WEIGHTS.values()), k=size
        )
        for number, (kind, audience) in enumerate(zip(kinds, audiences, strict=True)):
            yield self._document(rng, number, str(kind), str(audience))

    def _document(self, rng: random.Random, number: int, kind: str, audience: str):
        owner_id, organisation = rng.choice(self.options.organisations)
        internal = audience != Audience.PUBLIC and rng.random() < INTERNAL_SHARE
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        domains = self.options.life_domains
        groups = self.options.target_groups
        return SearchDocument(
            key=f"bench.{kind}:{number}",
            kind=kind,
            title=self._title(rng, organisation),
            body=self._text(rng, rng.randint(30, 260)),
            url=f"/bench/{kind.replace('_', '-')}/{number}/",
            audience=audience,
            circles=(organisation_circle(owner_id),) if internal else (),
            life_domains=tuple(
                rng.sample(domains, k=min(len(domains), rng.randint(0, 3)))
            ),
            target_groups=tuple(
                rng.sample(groups, k=min(len(groups), rng.randint(0, 2)))
            ),
            organisation=organisation,
            date=day,
            year=year,
            boost=1.5
            if kind in (DocumentKind.POLICY_PLAN, DocumentKind.FRAMEWORK_TEXT)
            else 1.0,
            context=rng.choice(self.vocabulary.titles) if rng.random() < 0.5 else "",
        )

    def _title(self, rng: random.Random, organisation: str) -> str:
        roll = rng.random()
        if roll < 0.5:
            return rng.choice(self.vocabulary.titles)
        if roll < 0.7:
            return f"{rng.choice(self.vocabulary.titles)} ({organisation})"
        text = self._text(rng, rng.randint(3, 8))
        return text[:1].upper() + text[1:]

    def _text(self, rng: random.Random, length: int) -> str:
        """About `length` words: runs of 3 to 12 consecutive seed tokens, taken
        near one place of the seeds, so a document keeps to a topic the way a
        real one does (its words cluster instead of spreading evenly)."""
        tokens = self.vocabulary.tokens
        span = min(TOPIC_SPAN, len(tokens) - 13)
        topic = rng.randrange(len(tokens) - span)
        parts, count = [], 0
        while count < length:
            run = min(rng.randint(3, 12), length - count)
            start = topic + rng.randrange(span - run)
            parts.append(" ".join(tokens[start : start + run]))
            count += run
        return ". ".join(parts)
