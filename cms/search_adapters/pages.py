"""Adapters for the CMS's pages: framework texts (the text and each numbered
section), policy plans (the plan and its chapters; its goals in `goals`) and general
pages, and the text helpers other content's adapters share.

Only live pages are indexed; a document's audience is its page's audience.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import replace

from wagtail.rich_text import get_text_for_indexing

from cms.models import (
    ContentPage,
    FrameworkTextPage,
    HomePage,
    IndexPage,
    PolicyPlanPage,
)
from cms.outline import Section
from portal.access import page_audience
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register

FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
SPACES = re.compile(r"\s+")
CONTEXT_SEPARATOR = " › "
YEAR = re.compile(r"(19|20|21)\d\d")


def clean(text: str) -> str:
    return SPACES.sub(" ", FOOTNOTE_MARK.sub("", text or "")).strip()


def rich_text(html: str) -> str:
    return get_text_for_indexing(html or "")


def block_text(child) -> str:
    """The searchable text of one stream block (a heading as number and title)."""
    if child.block_type == "heading":
        return f"{child.value.get('number', '')} {child.value.get('title', '')}"
    return " ".join(
        str(part) for part in child.block.get_searchable_content(child.value)
    )


def stream_text(stream) -> str:
    return clean(" ".join(block_text(child) for child in stream or []))


class PageAdapter(Adapter):
    """A live portal page as one document."""

    kind = DocumentKind.PAGE
    boost = 1.0

    def queryset(self):
        # specific(): a news page is a ContentPage too, and must get the key the
        # receivers give it ("cms.newspage:<id>"), or search_check sees a
        # document missing and another stale, and a rebuild indexes it twice.
        return self.model.objects.live().select_related("owner").specific()

    def is_indexable(self, page) -> bool:
        return bool(page.live)

    def body(self, page) -> str:
        return ""

    def organisation(self, page) -> str:
        owner = getattr(page, "owner_organisation", None)
        return owner.name if owner else ""

    def life_domains(self, page) -> tuple[str, ...]:
        if not hasattr(page, "life_domains"):
            return ()
        return tuple(domain.name for domain in page.life_domains.all())

    def date(self, page):
        published = page.last_published_at or page.first_published_at
        return published.date() if published else None

    def document(self, page, **fields) -> SearchDocument:
        day = fields["date"] if "date" in fields else self.date(page)
        fields.pop("date", None)
        values = {
            "key": object_key(page),
            "kind": self.kind,
            "title": page.title,
            "body": self.body(page),
            "url": page.url or "",
            "audience": page_audience(page),
            "life_domains": self.life_domains(page),
            "organisation": self.organisation(page),
            "date": day,
            "year": day.year if day else None,
            "boost": self.boost,
        }
        values.update(fields)
        return SearchDocument(**values)

    def documents(self, page) -> Iterable[SearchDocument]:
        yield self.document(page)

    def section_documents(self, page, outline: list[Section], kind, **fields):
        """One document per titled section, down to the smallest: each holds only
        its own text, is found at its own anchor, and names the text and the
        sections it stands in as its context."""
        base = self.document(page, **fields)
        for section, parents in _walk(outline):
            yield replace(
                base,
                key=f"{base.key}#{section.anchor}",
                kind=kind,
                title=clean(section.label),
                body=stream_text(section.blocks),
                url=f"{base.url}#{section.anchor}",
                context=CONTEXT_SEPARATOR.join(
                    [page.title, *(clean(parent.label) for parent in parents)]
                ),
            )


def _walk(sections: list[Section], parents: tuple[Section, ...] = ()):
    """Each section with the sections it stands in, in reading order."""
    for section in sections:
        yield section, parents
        yield from _walk(section.children, (*parents, section))


@register(HomePage)
class HomePageAdapter(PageAdapter):
    def body(self, page) -> str:
        return clean(f"{rich_text(page.intro)} {stream_text(page.body)}")


@register(IndexPage)
class IndexPageAdapter(PageAdapter):
    def body(self, page) -> str:
        return clean(rich_text(page.intro))


@register(ContentPage)
class ContentPageAdapter(PageAdapter):
    def body(self, page) -> str:
        return clean(f"{page.summary} {stream_text(page.body)}")


class OwnedTextAdapter(PageAdapter):
    """Texts and plans: both carry an owner organisation and life domains."""

    def queryset(self):
        return (
            super()
            .queryset()
            .select_related("owner_organisation")
            .prefetch_related("life_domains")
        )


@register(FrameworkTextPage)
class FrameworkTextAdapter(OwnedTextAdapter):
    """The text as a whole, and each numbered section as its own hit."""

    kind = DocumentKind.FRAMEWORK_TEXT

    def date(self, page):
        """The text's own date: the day it is dated, else the day it takes effect,
        else the year of its version; never the day it was imported."""
        if page.published_on or page.valid_from:
            return page.published_on or page.valid_from
        version = (page.version_label or "").strip()
        if YEAR.fullmatch(version):
            return datetime.date(int(version), 1, 1)
        return None

    def body(self, page) -> str:
        footnotes = " ".join(block_text(child) for child in page.footnotes or [])
        return clean(f"{page.summary} {stream_text(page.body)} {footnotes}")

    def documents(self, page):
        yield self.document(page)
        yield from self.section_documents(
            page, page.outline(), DocumentKind.FRAMEWORK_SECTION
        )


@register(PolicyPlanPage)
class PolicyPlanAdapter(OwnedTextAdapter):
    """The plan, each chapter, and (through `dependents`) each goal."""

    kind = DocumentKind.POLICY_PLAN

    def date(self, page):
        """The start of the plan's period (shown as its year); without a period,
        the latest decision on it; never the day it was imported."""
        if page.start_year:
            return datetime.date(page.start_year, 1, 1)
        approval = page.approvals.order_by("-date").first()
        return approval.date if approval else None

    def body(self, page) -> str:
        return clean(
            " ".join(
                [
                    page.summary,
                    page.period,
                    page.timing_terms,
                    rich_text(page.mission),
                    rich_text(page.vision),
                    stream_text(page.body),
                ]
            )
        )

    def documents(self, page):
        yield self.document(page, year=page.start_year)
        yield from self.section_documents(
            page, page.outline(), DocumentKind.PLAN_SECTION, year=page.start_year
        )

    def dependents(self, page):
        return page.goals.all()
