"""Plone's rich text (TinyMCE HTML, or Volto's slate blocks) to the body blocks of a
content page: headings, paragraphs of Wagtail rich text, images, tables and quotes.

Links to other Plone items (`resolveuid/<UID>`, or a path inside the site) become
Wagtail's own page and document links, so they follow the target when it moves;
images become image blocks. The HTML is cleaned by the same whitelist as the other
importers (`cms.importers.rich_text`).
"""

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from cms.importers.rich_text import clean_fragment, text_of

RESOLVEUID = re.compile(r"resolve[uU]id/([^/?#\s]+)")
# What Plone appends to an item's path to show it another way.
VIEW_SUFFIX = re.compile(
    r"(/(@@[^/]+|view|image_[a-z]+|at_download|images|download)(/.*)?)$"
)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
HEADING_LEVELS = {"h1": "2", "h2": "2", "h3": "3", "h4": "4", "h5": "4", "h6": "4"}
PENDING_LINK = re.compile(r'<a href="/__plone_import__/uid/([^"/]+)">')
PLACEHOLDER = re.compile(r'<a href="/__plone_import__/(page|document)/(\d+)">')
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "body", "html"}
SKIPPED_VOLTO_BLOCKS = {"title", "description", "toc", "separator", "leadimage"}


@dataclass(frozen=True)
class Target:
    """What a link points at in the portal."""

    kind: str  # "page", "document", "image" or "pending"
    id: int = 0
    url: str = ""


@dataclass
class Converted:
    """Body blocks in StreamField's raw form, and what could not be linked."""

    blocks: list[dict] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    pending: bool = False  # links to items not imported yet (see PENDING_LINK)
    pending_images: bool = False  # images not imported yet: convert again later
    notes: list[str] = field(default_factory=list)


Resolver = Callable[[str], Target | None]


def uid_in(href: str) -> str | None:
    match = RESOLVEUID.search(href or "")
    return match.group(1) if match else None


def internal_path(href: str, *, base_path: str) -> str | None:
    """The site path a link inside the site points at, without view suffixes; None
    for external links (other sites, mail, anchors)."""
    href = (href or "").strip()
    if not href or EXTERNAL.match(href):
        return None
    path = urlsplit(href).path
    if not path:
        return None
    if not path.startswith("/"):
        path = posixpath.join(base_path, path)
    path = posixpath.normpath(path)
    path = VIEW_SUFFIX.sub("", path) or "/"
    return path


def volto_blocks_to_html(blocks: dict, layout: list[str]) -> tuple[str, list[str]]:
    """The HTML of a page's Volto blocks, in their order; block types that have no
    counterpart are named in the second value."""
    parts, skipped = [], []
    for key in layout or list(blocks):
        block = blocks.get(key) or {}
        kind = block.get("@type") or ""
        if kind in SKIPPED_VOLTO_BLOCKS:
            continue
        if kind == "slate":
            parts.append(slate_to_html(block.get("value") or []))
        elif kind == "image" and block.get("url"):
            alt = escape(block.get("alt") or "", quote=True)
            parts.append(f'<img src="{escape(_volto_url(block["url"]))}" alt="{alt}">')
        elif kind == "html" and block.get("html"):
            parts.append(block["html"])
        elif block.get("plaintext"):
            parts.append(f"<p>{escape(block['plaintext'])}</p>")
        elif kind:
            skipped.append(kind)
    return "".join(parts), skipped


def _volto_url(url) -> str:
    if isinstance(url, list):
        url = (url[0] or {}).get("@id", "") if url else ""
    return str(url or "")


SLATE_TAGS = {
    "p": "p",
    "h1": "h2",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "h5": "h4",
    "h6": "h4",
    "ul": "ul",
    "ol": "ol",
    "li": "li",
    "strong": "b",
    "b": "b",
    "em": "i",
    "i": "i",
    "sub": "sub",
    "sup": "sup",
    "blockquote": "blockquote",
    "u": "",
    "del": "",
    "code": "",
    "span": "",
}


def slate_to_html(nodes) -> str:
    """Volto's slate JSON to plain HTML."""
    html = []
    for node in nodes or []:
        if "text" in node and "type" not in node:
            text = escape(node.get("text") or "")
            if node.get("bold"):
                text = f"<b>{text}</b>"
            if node.get("italic"):
                text = f"<i>{text}</i>"
            html.append(text.replace("\n", "<br/>"))
            continue
        kind = node.get("type") or ""
        inner = slate_to_html(node.get("children") or [])
        if kind == "link":
            url = ((node.get("data") or {}).get("url")) or ""
            html.append(f'<a href="{escape(_volto_url(url), quote=True)}">{inner}</a>')
        elif kind == "img":
            html.append(f'<img src="{escape(node.get("url") or "", quote=True)}">')
        elif SLATE_TAGS.get(kind):
            tag = SLATE_TAGS[kind]
            html.append(f"<{tag}>{inner}</{tag}>")
        else:
            html.append(inner)
    return "".join(html)


def html_to_blocks(
    html: str, *, base_path: str, resolve: Resolver, resolve_path: Resolver
) -> Converted:
    """Body blocks for one item's HTML. `resolve(uid)` and `resolve_path(path)` tell
    what a Plone UID or site path became (None when it is not in the export)."""
    result = Converted()
    soup = BeautifulSoup(html or "", "html.parser")

    def target_for(href: str) -> Target | bool | None:
        """A Target, None (broken) or False (external: leave it)."""
        uid = uid_in(href)
        if uid:
            return resolve(uid)
        path = internal_path(href, base_path=base_path)
        if path is None:
            return False
        return resolve_path(path)

    for image in soup.find_all("img"):
        src = image.get("src") or ""
        target = target_for(src)
        if target is False and src.startswith(("http://", "https://")):
            result.notes.append(f"external image kept as a link: {src}")
            link = soup.new_tag("a", href=src)
            link.string = image.get("alt") or src
            image.replace_with(link)
            continue
        if target and target.kind == "pending":
            result.pending_images = True
        if not target or target.kind != "image":
            if not target or target.kind not in ("pending", "narrower"):
                result.broken_links.append(src)
            image.decompose()
            continue
        image.attrs = {"data-image-id": str(target.id), "alt": image.get("alt") or ""}

    for link in soup.find_all("a"):
        href = link.get("href") or ""
        if not href:
            continue
        target = target_for(href)
        if target is False:
            continue
        if target is None:
            result.broken_links.append(href)
            link.unwrap()
        elif target.kind == "pending":
            # set once the target exists (`complete_pending_links`)
            result.pending = True
            link["href"] = f"/__plone_import__/uid/{target.url}"
        elif target.kind == "narrower":
            link.unwrap()
        elif target.kind in ("page", "document"):
            anchor = urlsplit(href).fragment
            link["href"] = f"/__plone_import__/{target.kind}/{target.id}"
            if anchor and target.kind == "page":
                result.notes.append(f"anchor dropped from a page link: #{anchor}")
        else:
            link["href"] = target.url

    _Builder(result).feed(soup)
    return result


class _Builder:
    """Walks the cleaned-up soup and emits body blocks."""

    def __init__(self, result: Converted):
        self.result = result
        self.run: list = []

    def feed(self, soup) -> None:
        for node in list(soup.contents):
            self.node(node)
        self.flush()

    def node(self, node) -> None:
        if isinstance(node, NavigableString):
            self.run.append(str(node))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in HEADING_LEVELS:
            self.flush()
            title = text_of(node)
            if title:
                self.append(
                    "heading",
                    {
                        "level": HEADING_LEVELS[name],
                        "number": "",
                        "title": title[:500],
                        "anchor": "",
                    },
                )
            return
        if name == "img":
            self.flush()
            self.image(node)
            return
        if name == "table":
            self.flush()
            self.append("table", _table_value(node))
            return
        if name == "blockquote":
            self.flush()
            text = "\n\n".join(
                text_of(part) for part in node.find_all(["p", "li"]) if text_of(part)
            ) or text_of(node)
            if text:
                self.append("quote", {"text": text, "attribution": ""})
            return
        if name in CONTAINERS:
            for child in list(node.contents):
                self.node(child)
            return
        images = node.find_all("img")
        if images:
            for image in images:
                image.extract()
            self.run.append(str(node))
            self.flush()
            for image in images:
                self.image(image)
            return
        self.run.append(str(node))

    def image(self, node: Tag) -> None:
        if not node.get("data-image-id"):
            return
        self.append(
            "image",
            {
                "image": {
                    "image": int(node["data-image-id"]),
                    "decorative": not node.get("alt"),
                    "alt_text": node.get("alt") or "",
                },
                "caption": "",
            },
        )

    def flush(self) -> None:
        if not self.run:
            return
        html = clean_fragment(BeautifulSoup("".join(self.run), "html.parser"))
        self.run = []
        html = PLACEHOLDER.sub(r'<a linktype="\1" id="\2">', html)
        if html:
            self.append("paragraph", html)

    def append(self, kind: str, value) -> None:
        self.result.blocks.append({"type": kind, "value": value})


def complete_pending_links(blocks: list[dict], resolve: Resolver) -> list[dict] | None:
    """The blocks with the links to items imported after them set, or None when one
    of them still cannot be linked (then the text is converted again)."""
    completed = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "paragraph" and PENDING_LINK.search(value):
            targets = {uid: resolve(uid) for uid in PENDING_LINK.findall(value)}
            if any(
                not target or target.kind not in ("page", "document")
                for target in targets.values()
            ):
                return None
            value = PENDING_LINK.sub(partial(_linked, targets), value)
        completed.append({**block, "value": value})
    return completed


def _linked(targets: dict[str, Target], match: re.Match) -> str:
    target = targets[match.group(1)]
    return f'<a linktype="{target.kind}" id="{target.id}">'


def _table_value(element: Tag) -> dict:
    rows = [
        [text_of(cell) for cell in row.find_all(["th", "td"])]
        for row in element.find_all("tr")
    ]
    width = max((len(row) for row in rows), default=0)
    return {
        "data": [row + [""] * (width - len(row)) for row in rows],
        "first_row_is_table_header": bool(element.find("th")),
        "first_col_is_header": False,
        "table_header_choice": "row" if element.find("th") else "",
        "table_caption": "",
    }
