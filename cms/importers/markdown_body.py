"""The body of a Markdown document as a flat BodyBlock stream, and its footnotes.

Real texts arrive converted from Word or PDF: heading levels that jump, footnote
definitions in the middle of a sentence where a page ended, questions spread over
several lines. The line-level repairs happen here, before Markdown renders the text;
the rendered HTML is then cut into blocks at its top-level elements.
"""

import re
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag

from cms.importers.headings import (
    HEADING_LINE,
    LIST_LINE,
    MAX_LEVEL,
    MIN_LEVEL,
    normalise_headings,
    split_heading_number,
)
from cms.importers.rich_text import (
    clean_children,
    clean_fragment,
    collapse_whitespace,
    markdown_to_html,
    markdown_to_rich_text,
    parse_html,
    strip_raw_html,
    text_of,
)

FOOTNOTE_LINE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")
FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
SOURCES_TITLE = re.compile(r"^(bronnen|referenties|literatuur)[\s.:]*$", re.IGNORECASE)
ATTRIBUTION = re.compile(r"^(?:—|–|--|~)\s*(.+)$")
SENTENCE_END = tuple(".!?:;")

MAX_HEADING_LENGTH = 500
MAX_QUESTION_LENGTH = 1000


@dataclass
class Body:
    """Raw StreamField data for `body` and `footnotes`, and notes for the editor."""

    blocks: list[dict] = field(default_factory=list)
    footnotes: list[dict] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def parse_body(
    text: str, *, questions: bool = False, infer_headings: bool = True
) -> Body:
    """Cut a Markdown body into heading, paragraph, table, quote, question and sources
    blocks. With `questions`, the deepest heading level that asks questions becomes
    question blocks whose answer is the text that follows. With `infer_headings`,
    lines in capitals and numbered lines become headings and numbers set heading
    levels (`cms.importers.headings`)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, notes, messages = take_footnotes(lines)
    question_level = None
    if questions:
        lines, question_level = join_question_headings(lines)
    if infer_headings:
        lines, changes = normalise_headings(lines, keep_level=question_level)
        messages += changes
    source = strip_raw_html("\n".join(lines))
    builder = _StreamBuilder(question_level=question_level)
    for element in parse_html(markdown_to_html(source)).contents:
        builder.add(element)
    body = Body(blocks=builder.finish(), messages=messages + builder.messages)
    body.footnotes = [
        {
            "type": "footnote",
            "value": {"label": label, "text": markdown_to_rich_text(note)},
        }
        for label, note in sorted(notes.items(), key=lambda item: _label_key(item[0]))
    ]
    marks = set(FOOTNOTE_MARK.findall(source))
    for label in sorted(marks - notes.keys(), key=_label_key):
        body.messages.append(f"Footnote mark [^{label}] has no footnote text.")
    for label in sorted(notes.keys() - marks, key=_label_key):
        body.messages.append(f"Footnote [^{label}] is not referred to in the text.")
    return body


def take_footnotes(lines: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """Remove footnote definitions (`[^n]: text`, with their continuation lines,
    indented paragraphs and a web address on its own line) from the body, wherever
    they stand. A sentence that a footnote block cut in two (a page break in the
    original) is joined again."""
    kinds = ["body"] * len(lines)
    notes: dict[str, str] = {}
    messages: list[str] = []
    index, count = 0, len(lines)
    while index < count:
        match = FOOTNOTE_LINE.match(lines[index])
        if not match:
            index += 1
            continue
        label, first = match.groups()
        note = [first]
        kinds[index] = "note"
        index += 1
        while index < count and lines[index].strip() and not _opens_block(lines[index]):
            note.append(lines[index].strip())
            kinds[index] = "note"
            index += 1
        while True:
            following = index
            while following < count and not lines[following].strip():
                following += 1
            if following == index or following >= count:
                break
            line = lines[following]
            if line.startswith(("    ", "\t")):
                note.append("")
                while following < count and lines[following].strip():
                    note.append(_dedent(lines[following]))
                    kinds[following] = "note"
                    following += 1
            elif URL_ONLY.match(line.strip()) and not (
                following + 1 < count and lines[following + 1].strip()
            ):
                note += ["", line.strip()]
                kinds[following] = "note"
                following += 1
            else:
                break
            index = following
        if label in notes:
            messages.append(f"Footnote [^{label}] is defined twice; kept the first.")
        else:
            notes[label] = "\n".join(note).strip()
    return _without_notes(lines, kinds), notes, messages


def join_question_headings(lines: list[str]) -> tuple[list[str], int | None]:
    """Find the heading level that holds the questions (the deepest level where a
    heading asks something) and join each question heading with the lines that
    continue it before the next blank line."""
    headings = []
    for index, line in enumerate(lines):
        match = HEADING_LINE.match(line)
        if not match:
            continue
        end = index + 1
        parts = [match.group(2).strip()]
        while (
            end < len(lines)
            and lines[end].strip()
            and not _opens_block(lines[end])
            and not LIST_LINE.match(lines[end])
        ):
            parts.append(lines[end].strip())
            end += 1
        headings.append((index, end, len(match.group(1)), " ".join(parts)))
    if not headings:
        return lines, None
    asking = [level for _, _, level, text in headings if "?" in text]
    question_level = max(asking) if asking else max(h[2] for h in headings)
    result = list(lines)
    for index, end, level, text in reversed(headings):
        if level == question_level:
            result[index:end] = ["#" * level + " " + text]
    return result, question_level


class _StreamBuilder:
    """Turns the top-level elements of the rendered HTML into blocks, keeping the
    state a flat stream needs: the open paragraph, question and sources list."""

    def __init__(self, *, question_level: int | None):
        self.question_level = question_level
        self.blocks: list[dict] = []
        self.messages: list[str] = []
        self.paragraphs: list[str] = []
        self.question: dict | None = None
        self.answer: list[str] = []
        self.sources: dict | None = None
        self.has_sources = False
        self.previous_level = MIN_LEVEL - 1

    def add(self, element) -> None:
        if isinstance(element, NavigableString):
            if element.strip():
                self._text(f"<p>{_escape(collapse_whitespace(str(element)))}</p>")
            return
        name = element.name
        if re.fullmatch(r"h[1-6]", name):
            self._heading(int(name[1]), text_of(element))
        elif name in ("p", "ul", "ol"):
            html = clean_fragment(element)
            if html:
                self._text(html, element)
        elif name == "table":
            self._close_text()
            self._append("table", _table_value(element))
        elif name == "blockquote":
            self._close_text()
            self._append("quote", _quote_value(element))
        elif name == "hr":
            return
        else:
            html = clean_fragment(element)
            if html:
                self._text(html, element)

    def finish(self) -> list[dict]:
        self._close_text()
        return self.blocks

    def _heading(self, written_level: int, text: str) -> None:
        if not text:
            return
        self._close_text()
        number, title = split_heading_number(text)
        if written_level == self.question_level:
            if len(title) > MAX_QUESTION_LENGTH:
                self._too_long(text)
                return
            self.question = {"number": number, "question": title, "anchor": ""}
            return
        if len(title) > MAX_HEADING_LENGTH:
            self._too_long(text)
            return
        self._append_heading(written_level, number, title)
        if SOURCES_TITLE.match(title):
            if self.has_sources:
                self.messages.append(
                    f"A second sources chapter ({text}) stays as ordinary text."
                )
            else:
                self.sources = {"title": title, "items": []}
                self.has_sources = True

    def _append_heading(self, written_level: int, number: str, title: str) -> None:
        """Keep the written level, but never more than one below the heading before
        (and within the levels a body has)."""
        level = max(MIN_LEVEL, min(written_level, MAX_LEVEL, self.previous_level + 1))
        self.previous_level = level
        self._append(
            "heading",
            {"level": str(level), "number": number, "title": title, "anchor": ""},
        )

    def _too_long(self, text: str) -> None:
        self.messages.append(
            f"A heading of {len(text)} characters was kept as text: {text[:60]}…"
        )
        self._text(f"<p><b>{_escape(text)}</b></p>")

    def _text(self, html: str, element: Tag | None = None) -> None:
        if self.question is not None:
            self.answer.append(html)
        elif self.sources is not None:
            self.sources["items"].extend(
                _source_items(element) if element is not None else [html]
            )
        else:
            self.paragraphs.append(html)

    def _close_text(self) -> None:
        if self.paragraphs:
            self._append("paragraph", "".join(self.paragraphs))
            self.paragraphs = []
        if self.question is not None:
            question, answer = self.question, "".join(self.answer)
            self.question, self.answer = None, []
            if answer:
                self._append("question", {**question, "answer": answer})
            else:
                self.messages.append(
                    f"A question without an answer became a heading: "
                    f"{question['question'][:60]}"
                )
                self._append_heading(
                    self.question_level, question["number"], question["question"]
                )
        if self.sources is not None:
            if self.sources["items"]:
                self._append("sources", self.sources)
            self.sources = None

    def _append(self, block_type: str, value) -> None:
        self.blocks.append({"type": block_type, "value": value})


def _source_items(element: Tag) -> list[str]:
    """One source per paragraph or list item."""
    if element.name in ("ul", "ol"):
        items = []
        for item in element.find_all("li"):
            for nested in item.find_all(["ul", "ol"]):
                nested.extract()
            html = clean_children(item)
            if html:
                items.append(html if html.startswith("<p>") else f"<p>{html}</p>")
        return items
    html = clean_fragment(element)
    return [html] if html else []


def _table_value(element: Tag) -> dict:
    rows = [
        [text_of(cell) for cell in row.find_all(["th", "td"])]
        for row in element.find_all("tr")
    ]
    width = max((len(row) for row in rows), default=0)
    return {
        "data": [row + [""] * (width - len(row)) for row in rows],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_header_choice": "row",
        "table_caption": "",
    }


def _quote_value(element: Tag) -> dict:
    parts = [text_of(child) for child in element.find_all(["p", "li"])]
    parts = [part for part in parts if part] or [text_of(element)]
    attribution = ""
    match = ATTRIBUTION.match(parts[-1]) if len(parts) > 1 else None
    if match:
        attribution = match.group(1).strip()
        parts = parts[:-1]
    return {"text": "\n\n".join(parts), "attribution": attribution}


def _without_notes(lines: list[str], kinds: list[str]) -> list[str]:
    result: list[str] = []
    index, count = 0, len(lines)
    while index < count:
        if kinds[index] != "note":
            result.append(lines[index])
            index += 1
            continue
        end = index
        while end < count and (kinds[end] == "note" or not lines[end].strip()):
            end += 1
        while result and not result[-1].strip():
            result.pop()
        before = result[-1] if result else ""
        after = lines[end] if end < count else ""
        if not _sentence_continues(before, after):
            result.append("")
        index = end
    return result


def _sentence_continues(before: str, after: str) -> bool:
    before, after = before.strip(), after.strip()
    if not before or not after or HEADING_LINE.match(before) or _opens_block(after):
        return False
    if LIST_LINE.match(after) or before.startswith("|"):
        return False
    return not before.rstrip("*_ ").endswith(SENTENCE_END) and after[0].islower()


def _opens_block(line: str) -> bool:
    return bool(HEADING_LINE.match(line) or FOOTNOTE_LINE.match(line))


def _dedent(line: str) -> str:
    if line.startswith("\t"):
        return line[1:]
    return line[4:] if line.startswith("    ") else line.strip()


def _label_key(label: str):
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
