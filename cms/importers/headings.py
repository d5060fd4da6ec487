"""Headings of converted texts, read the way a person reads them.

Word and PDF conversions lose structure in two ways: a sub-heading typed in capitals
("HUISVESTING") or as a numbered line ("3.2 Wonen") arrives as a paragraph, and a
numbered heading arrives one level too deep or too shallow ("### 3. Samenstelling"
under "## 2. Doelstelling"). The rule, applied to the Markdown lines before they are
rendered:

- A line that stands alone (a blank line, or the start or end of the text, on both
  sides), is at most 100 characters long, has at least four letters and no lower-case
  letter is a heading one level below the last heading that was not such a line.
- A line that stands alone, starts with a section number ("3", "3.2", "3.2.1") and a
  capital, does not end like a sentence and continues the text's numbering (the next
  number after an open numbered heading, or its first sub-number) is a heading.
- A numbered heading that continues the numbering takes the level its number gives:
  "3." is a chapter after "2." whatever its number of "#", "3.1" is one level below.
  Other headings keep their written level, never more than one below the heading
  before.

Front matter `infer_headings: false` turns the rule off for a text where it reads
wrongly; the headings then stay as written. Every change is reported.
"""

import re
from dataclasses import dataclass

HEADING_LINE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
LIST_LINE = re.compile(r"^ {0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+")
HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,4})\.?[ \t]+(\S.*)$")
MIN_LEVEL, MAX_LEVEL = 2, 4
MAX_LINE_LENGTH = 100
MIN_CAPITAL_LETTERS = 4
NUMBERED_LINE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?[ \t]+([A-ZÀ-Ý].*)$")
SENTENCE_END = tuple(".!?:;,")
BULLET_LINE = re.compile(r"^ {0,3}[-*+•][ \t]+")
NOT_A_HEADING = re.compile(r"^(?:[|>`~\[]|<|    |\t)")


def split_heading_number(text: str) -> tuple[str, str]:
    """'1.1. Aanleidingen' -> ('1.1', 'Aanleidingen'); text without a number -> ('',
    text)."""
    match = HEADING_NUMBER.match(text.strip())
    if match:
        return match.group(1), match.group(2).strip()
    return "", text.strip()


@dataclass
class _Open:
    """A heading whose section has not ended yet."""

    number: tuple[int, ...]
    level: int
    inferred: bool


def normalise_headings(
    lines: list[str], *, keep_level: int | None = None
) -> tuple[list[str], list[str]]:
    """The lines with inferred headings written as Markdown headings and every
    heading at the level its number or its place gives, and a message per change.
    Headings written at `keep_level` (the questions of a question-and-answer text)
    are left alone, and no other heading is moved onto that level."""
    result = list(lines)
    messages: list[str] = []
    open_headings: list[_Open] = []
    previous_level = MIN_LEVEL - 1
    fenced = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        match = HEADING_LINE.match(line)
        if match:
            written, text = len(match.group(1)), match.group(2).strip()
            if written == keep_level:
                level = written
                number: tuple[int, ...] = ()
                inferred = False
            else:
                number = _number(text)
                level = _numbered_level(number, open_headings)
                reason = "its number continues the numbering"
                if level is None or level == keep_level:
                    level = max(MIN_LEVEL, min(written, MAX_LEVEL, previous_level + 1))
                    reason = "one level below the heading before"
                inferred = False
                if level != written and written >= MIN_LEVEL:
                    messages.append(
                        f"Heading '{_short(text)}' moved from level {written} to "
                        f"{level} ({reason})."
                    )
                result[index] = "#" * level + " " + text
        elif _stands_alone(lines, index):
            text = line.strip()
            number, level, reason = _inferred(text, open_headings)
            if level is None or level == keep_level:
                continue
            inferred = not number
            messages.append(
                f"'{_short(text)}' became a heading of level {level} ({reason})."
            )
            result[index] = "#" * level + " " + text
        else:
            continue
        while open_headings and open_headings[-1].level >= level:
            open_headings.pop()
        open_headings.append(_Open(number=number, level=level, inferred=inferred))
        previous_level = level
    return result, messages


def _number(text: str) -> tuple[int, ...]:
    number, _title = split_heading_number(text)
    return tuple(int(part) for part in number.split(".")) if number else ()


def _numbered_level(number: tuple[int, ...], open_headings: list[_Open]) -> int | None:
    """The level a number gives when it continues the numbering of an open heading:
    the same level as the heading it follows ("3" after "2"), or one below the
    heading it belongs to ("3.1" under "3")."""
    if not number:
        return None
    for heading in reversed(open_headings):
        known = heading.number
        if not known:
            continue
        if (
            len(number) == len(known)
            and number[:-1] == known[:-1]
            and number[-1] == known[-1] + 1
        ):
            return heading.level
        if len(number) == len(known) + 1 and number[:-1] == known:
            return min(heading.level + 1, MAX_LEVEL)
    return None


def _inferred(
    text: str, open_headings: list[_Open]
) -> tuple[tuple[int, ...], int | None, str]:
    """(number, level, reason) of a line that may be a heading; level None when it
    is not one."""
    if len(text) > MAX_LINE_LENGTH or NOT_A_HEADING.match(text):
        return (), None, ""
    numbered = NUMBERED_LINE.match(text)
    if numbered and not text.endswith(SENTENCE_END):
        number = tuple(int(part) for part in numbered.group(1).split("."))
        level = _numbered_level(number, open_headings)
        if level is not None:
            return number, level, "a numbered line that continues the numbering"
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= MIN_CAPITAL_LETTERS and not any(
        char.islower() for char in letters
    ):
        parent = next(
            (
                heading.level
                for heading in reversed(open_headings)
                if not heading.inferred
            ),
            MIN_LEVEL - 1,
        )
        return (), min(parent + 1, MAX_LEVEL), "a line in capitals"
    return (), None, ""


def _stands_alone(lines: list[str], index: int) -> bool:
    """A non-empty line with a blank line (or the text's edge) on both sides, that is
    not a bullet, a table row, a quote or code, nor a numbered item of a list."""
    line = lines[index]
    if not line.strip() or BULLET_LINE.match(line) or NOT_A_HEADING.match(line):
        return False
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    if not (before and after):
        return False
    around = [_neighbour(lines, index, -1), _neighbour(lines, index, 1)]
    if LIST_LINE.match(line):  # "3. Wonen": a heading only when no list is near
        return not any(LIST_LINE.match(other) for other in around)
    return not all(LIST_LINE.match(other) for other in around)  # a loose list


def _neighbour(lines: list[str], index: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1)."""
    position = index + step
    while 0 <= position < len(lines) and not lines[position].strip():
        position += step
    return lines[position] if 0 <= position < len(lines) else ""


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
