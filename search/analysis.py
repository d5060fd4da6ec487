"""Dutch text analysis in Python: accent folding, tokens, stop words, stemming,
synonym expansion and highlighted snippets.

The database backend runs the same analysis on the indexed text and on the query,
so an engine without a Dutch analyser (SQLite's FTS5) still matches "signalen" with
"signaal" and "creëren" with "creeren".
"""

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer
from django.utils.html import escape

#: Snowball's classic Dutch stemmer, the one PostgreSQL's `dutch` configuration and
#: Elasticsearch's `dutch` stemmer use. Snowball 3 renamed it: its new "dutch"
#: (Kraaij-Pohlmann) strips "ge-", which makes "gezin" "zin", "geweld" "wel" and
#: "begeleiding" "beleid", and so floods a policy corpus with false matches.
STEMMER_LANGUAGE = "dutch_porter"

# Snowball's Dutch stop-word list, folded, plus a few function words it lacks.
# fmt: off
STOP_WORDS = frozenset({
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan",
    "dat", "de", "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een",
    "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb", "hebben",
    "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in",
    "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met",
    "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om",
    "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch",
    "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was",
    "wat", "werd", "wezen", "wie", "wil", "worden", "wordt", "zal", "ze", "zelf",
    "zich", "zij", "zijn", "zo", "zonder", "zou", "per", "via", "bv", "bijv", "enz",
})
# fmt: on

# Number words and digits mean the same: "twee keer per jaar" finds "2 keer per jaar".
NUMBER_WORDS = {
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
    "tien": "10",
    "twaalf": "12",
    "twintig": "20",
    "dertig": "30",
    "veertig": "40",
    "vijftig": "50",
    "honderd": "100",
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

# Words that only say someone is looking for help ("hulp bij papieren", "leefloon
# aanvragen"): the texts rarely use them, so a query does not require them when it
# has other words.
# fmt: off
REQUEST_WORDS = frozenset({
    "hulp", "help", "helpen", "zoeken", "zoek", "gezocht", "vinden", "aanvragen",
    "aanvraag", "nodig", "info", "informatie", "waar", "krijgen",
})
# fmt: on

_TOKEN = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX_LENGTH = 4


def fold(text: str) -> str:
    """Lower case without accents: "Creëren" -> "creeren", "ĳ" -> "ij"."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_combining_marks()).lower()


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """Every combining character, to delete with `str.translate`."""
    return {
        code: None
        for code in range(sys.maxunicode + 1)
        if unicodedata.combining(chr(code))
    }


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included (underscores split words)."""
    return [w for token in _TOKEN.findall(fold(text)) for w in token.split("_") if w]


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer(STEMMER_LANGUAGE)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The stem of one folded word (a number word becomes its digits)."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word.isdigit() or len(word) < 3:
        return word
    return _stemmer().stemWord(word)


def numbers_as_digits(text: str) -> str:
    """Number words replaced by digits, for engines that analyse the text
    themselves."""
    return _NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group().lower()], text)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


def terms(text: str) -> list[str]:
    """The index terms of a text: folded, without stop words, stemmed."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def index_text(text: str) -> str:
    """A text as the space-separated index terms the database backend stores."""
    return " ".join(terms(text))


@dataclass(frozen=True)
class Alternative:
    """One way to say a query term: a word, or a phrase ("sociaal huis")."""

    words: tuple[str, ...]

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.words if w not in STOP_WORDS)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1

    @property
    def allows_prefix(self) -> bool:
        """Dutch compounds: "advies" also finds "adviesverlening"."""
        stems = self.stems
        return len(stems) == 1 and len(stems[0]) >= MIN_PREFIX_LENGTH


@dataclass(frozen=True)
class Clause:
    """A term of the query and its synonyms; a document must match one of them."""

    alternatives: tuple[Alternative, ...]
    original: str

    @property
    def stems(self) -> set[str]:
        return {s for alternative in self.alternatives for s in alternative.stems}


@dataclass(frozen=True)
class QueryPlan:
    """A query as clauses; backends turn it into their own syntax."""

    text: str
    clauses: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @cached_property
    def stems(self) -> set[str]:
        return {s for clause in self.clauses for s in clause.stems}

    @cached_property
    def prefixes(self) -> set[str]:
        return {
            alternative.stems[0]
            for clause in self.clauses
            for alternative in clause.alternatives
            if alternative.allows_prefix
        }


def parse_synonym_groups(groups: list[str]) -> list[list[tuple[str, ...]]]:
    """Each group "OCMW, sociaal huis" as lists of folded word tuples."""
    parsed = []
    for group in groups:
        variants = [tuple(words(part)) for part in re.split(r"[,\n;]", group)]
        variants = [variant for variant in variants if variant]
        if len(variants) > 1:
            parsed.append(variants)
    return parsed


def plan_query(text: str, synonym_groups: list[list[tuple[str, ...]]]) -> QueryPlan:
    """Split a query into clauses, one per word, except that a run of words that is a
    synonym variant (the longest first, stop words skipped) becomes one clause with
    every variant of its group. Words that only ask for help (`REQUEST_WORDS`) are
    left out when the query has other words."""
    lookup: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in synonym_groups:
        for variant in group:
            key = Alternative(variant).stems
            if key:
                lookup.setdefault(key, group)
    longest = max((len(key) for key in lookup), default=0)
    content = [word for word in words(text) if word not in STOP_WORDS]
    if any(word not in REQUEST_WORDS for word in content):
        content = [word for word in content if word not in REQUEST_WORDS]
    clauses: list[Clause] = []
    position = 0
    while position < len(content):
        for size in range(min(longest, len(content) - position), 0, -1):
            run = content[position : position + size]
            group = lookup.get(tuple(stem(word) for word in run))
            if group:
                alternatives = tuple(dict.fromkeys(Alternative(v) for v in group))
                clauses.append(
                    Clause(alternatives=alternatives, original=" ".join(run))
                )
                position += size
                break
        else:
            word = content[position]
            clauses.append(Clause(alternatives=(Alternative((word,)),), original=word))
            position += 1
    return QueryPlan(text=text, clauses=tuple(clauses))


def matches(word: str, plan: QueryPlan) -> bool:
    """Whether one folded word of a text answers the query (for highlighting)."""
    if word in STOP_WORDS:
        return False
    word_stem = stem(word)
    if word_stem in plan.stems:
        return True
    return any(word_stem.startswith(prefix) for prefix in plan.prefixes)


def snippet(text: str, plan: QueryPlan, *, length: int = 240) -> str:
    """An escaped extract of `text` around the densest run of query words, with each
    of them in <mark>. Without a match, the beginning of the text."""
    answers: dict[str, bool] = {}  # a long text repeats its words: decide each once
    hits = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        found = answers.get(token)
        if found is None:
            found = answers[token] = matches(fold(token), plan)
        if found:
            hits.append((match.start(), match.end()))
    if not hits:
        cut = text[:length]
        if len(text) > length:
            cut = cut.rsplit(" ", 1)[0] + " …"
        return escape(cut)
    best_start, best_count, last = hits[0][0], 0, 0
    for index, (start, _end) in enumerate(hits):  # a sliding window over the hits
        last = max(last, index)
        while last + 1 < len(hits) and hits[last + 1][0] < start + length:
            last += 1
        if last - index + 1 > best_count:
            best_start, best_count = start, last - index + 1
    begin = max(0, best_start - length // 4)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 and begin - space < 40 else begin
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    parts, cursor = [], begin
    for start, stop in hits:
        if start < begin or stop > end:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    return (
        ("… " if begin else "")
        + "".join(parts).strip()
        + (" …" if end < len(text) else "")
    )


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
