"""Markdown to the HTML that Wagtail stores for rich text.

Wagtail's editor only understands a small set of tags (<p>, lists, <b>, <i>,
<a href>, ...). Markdown and the raw HTML that word processors leave in converted
texts produce more than that; whatever the editor could not show is unwrapped here,
so its text stays and its markup goes.
"""

import re

import markdown
from bs4 import BeautifulSoup, NavigableString, Tag

ALLOWED_TAGS = {"p", "ul", "ol", "li", "b", "i", "a", "br", "sup", "sub"}
RENAMED_TAGS = {"strong": "b", "em": "i"}
DROPPED_TAGS = {"script", "style", "head", "title"}
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|/|#)", re.IGNORECASE)
BARE_URL = re.compile(r"\bhttps?://[^\s<>\"]*[^\s<>\".,;:!?)\]'’]")

# Raw HTML in the Markdown source: only these inline tags survive into the page.
KEPT_RAW_TAGS = {"sup", "sub", "b", "i", "strong", "em", "a", "br"}
RAW_TAG = re.compile(r"<!--.*?-->|</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>", re.DOTALL)


def strip_raw_html(text: str) -> str:
    """Remove raw HTML tags (not their text) that rich text cannot hold, such as the
    <ul style="..."> a PDF converter leaves inside a table cell. Autolinks like
    <https://...> are not tags and stay."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name and name.lower() in KEPT_RAW_TAGS:
            return match.group(0)
        return ""

    return RAW_TAG.sub(replace, text)


def markdown_to_html(text: str) -> str:
    """Render Markdown to HTML: pipe tables, lists that keep their start number, and
    only `#` headings (a converted text's stray "-" under a line is not a heading)."""
    renderer = markdown.Markdown(extensions=["tables", "sane_lists"])
    renderer.parser.blockprocessors.deregister("setextheader")
    return renderer.convert(text)


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def clean_fragment(node: Tag) -> str:
    """The storage HTML of a rendered node and everything in it."""
    return _cleaned(str(node))


def clean_children(node: Tag) -> str:
    """The storage HTML of what is inside a rendered node (without the node)."""
    return _cleaned("".join(str(child) for child in node.contents))


def markdown_to_rich_text(text: str) -> str:
    """Storage HTML for a short Markdown text, such as a footnote."""
    return _cleaned(markdown_to_html(strip_raw_html(text)))


def text_of(node: Tag) -> str:
    """The plain text of a node, whitespace collapsed."""
    return collapse_whitespace(node.get_text())


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cleaned(html: str) -> str:
    soup = parse_html(html)
    _clean(soup)
    return "".join(str(child) for child in soup.contents).strip()


def _clean(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    for tag in list(soup.find_all(True)):
        tag.name = RENAMED_TAGS.get(tag.name, tag.name)
        if tag.name not in ALLOWED_TAGS:
            tag.unwrap()
            continue
        _clean_attributes(tag)
    for item in soup.find_all("li"):
        _flatten_paragraphs(item)
    _collapse_text(soup)
    _linkify(soup)
    _wrap_loose_text(soup)
    for tag in reversed(soup.find_all(["p", "b", "i", "sup", "sub"])):
        if not tag.get_text(strip=True) and not tag.find("br"):
            tag.decompose()


def _clean_attributes(tag: Tag) -> None:
    attributes = {}
    if tag.name == "a":
        href = (tag.get("href") or "").strip()
        if not href or not SAFE_URL.match(href):
            tag.unwrap()
            return
        attributes["href"] = href
    elif tag.name == "ol":
        start = tag.get("start")
        if start and start.isdigit() and start != "1":
            attributes["start"] = start
    tag.attrs = attributes


def _flatten_paragraphs(item: Tag) -> None:
    """A loose Markdown list puts <p> inside <li>; the editor stores bare items, so
    the paragraphs become lines of the item."""
    paragraphs = item.find_all("p", recursive=False)
    for index, paragraph in enumerate(paragraphs):
        if index:
            paragraph.insert_before(Tag(name="br", can_be_empty_element=True))
        paragraph.unwrap()


def _collapse_text(soup: BeautifulSoup) -> None:
    for text in list(soup.find_all(string=True)):
        collapsed = re.sub(r"\s+", " ", str(text))
        if collapsed != text:
            text.replace_with(collapsed)
    for container in [soup, *soup.find_all(["ul", "ol"])]:
        for child in list(container.contents):
            if isinstance(child, NavigableString) and not child.strip():
                child.extract()
    for block in soup.find_all(["p", "li"]):
        _strip_edges(block)


def _strip_edges(block: Tag) -> None:
    first = block.contents[0] if block.contents else None
    if isinstance(first, NavigableString):
        first.replace_with(first.lstrip())
    last = block.contents[-1] if block.contents else None
    if isinstance(last, NavigableString):
        last.replace_with(last.rstrip())
    # whitespace next to <br/> and nested lists is layout, not text
    for child in list(block.contents):
        if isinstance(child, NavigableString) and not child.strip():
            neighbours = (child.previous_sibling, child.next_sibling)
            if any(
                isinstance(node, Tag) and node.name in ("br", "ul", "ol")
                for node in neighbours
            ):
                child.extract()


def _linkify(soup: BeautifulSoup) -> None:
    """Turn bare web addresses into links, as the editor would."""
    for text in list(soup.find_all(string=BARE_URL)):
        if text.find_parent("a"):
            continue
        parts = []
        position = 0
        for match in BARE_URL.finditer(str(text)):
            parts.append(NavigableString(str(text)[position : match.start()]))
            link = Tag(name="a", attrs={"href": match.group(0)})
            link.string = match.group(0)
            parts.append(link)
            position = match.end()
        parts.append(NavigableString(str(text)[position:]))
        for part in parts:
            if str(part):
                text.insert_before(part)
        text.extract()


def _wrap_loose_text(soup: BeautifulSoup) -> None:
    """Top-level text and inline tags go into a paragraph: storage HTML is blocks."""
    run: list = []

    def flush():
        if run and any((isinstance(node, Tag) or node.strip()) for node in run):
            paragraph = Tag(name="p")
            run[0].insert_before(paragraph)
            for node in run:
                paragraph.append(node.extract())
            _strip_edges(paragraph)
        else:
            for node in run:
                node.extract()
        run.clear()

    for child in list(soup.contents):
        if isinstance(child, Tag) and child.name in ("p", "ul", "ol"):
            flush()
        else:
            run.append(child)
    flush()
