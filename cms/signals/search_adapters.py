"""Signals and signal bundles in the one search index.

Who finds a signal is decided by `portal.access.signals`, the same rule the
selectors apply: the document carries the circles `signal_circles` lists (the
organisations that carry it, its author, the signal coordinators once submitted,
every partner once registered, the audience of a bundle that publishes it). A
signal published in a public bundle is one public document, found on the bundle
page, whose body carries only what the bundle publishes; any other carries the
signal's texts and its timeline.
"""

from collections.abc import Iterable

from cms.search_adapters.pages import PageAdapter, clean, rich_text
from cms.signals.models import (
    BundleSignal,
    Signal,
    SignalBundlePage,
    SignalEvent,
)
from portal.access.audiences import Audience
from portal.access.circles import audience_circle
from portal.access.pages import page_audience
from portal.access.signals import publication_pages, signal_circles
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register

PUBLIC = audience_circle(Audience.PUBLIC)


def public_entry(signal: Signal) -> BundleSignal | None:
    """The signal's entry in a bundle anyone may see, if it has consent."""
    public_pages = [
        page.pk
        for page in publication_pages(signal)
        if page_audience(page) == Audience.PUBLIC
    ]
    if not public_pages:
        return None
    return (
        signal.bundle_entries.filter(page__in=public_pages)
        .select_related("page")
        .first()
    )


@register(Signal)
class SignalAdapter(Adapter):
    def queryset(self):
        return Signal.objects.select_related("organisation")

    def documents(self, signal) -> Iterable[SearchDocument]:
        texts = [signal.description, signal.affected, signal.causes]
        circles = signal_circles(signal)
        entry = public_entry(signal) if PUBLIC in circles else None
        if entry is not None:
            circles = ()
            url = f"{entry.page.specific.url}#signaal-{signal.pk}"
            texts += [entry.analysis, entry.recommendation, signal.answer]
        else:
            # Everyone may hold a circle (an author who left keeps reading): the
            # circles decide, the audience lets every signed-in circle through.
            circles = tuple(sorted(circles))
            url = signal.get_absolute_url()
            texts += [signal.example, signal.answer]
            texts += [event.note for event in signal.events.all()]
        day = (signal.submitted_at or signal.created_at).date()
        return [
            SearchDocument(
                key=object_key(signal),
                kind=DocumentKind.SIGNAL,
                title=f"{signal.title} ({signal.reference})",
                body=clean(" ".join(text for text in texts if text)),
                url=url,
                audience=Audience.PUBLIC,
                circles=circles,
                life_domains=tuple(d.name for d in signal.life_domains.all()),
                target_groups=tuple(g.name for g in signal.target_groups.all()),
                organisation=signal.organisation.name,
                date=day,
                year=day.year,
            )
        ]


@register(SignalEvent)
class SignalEventAdapter(Adapter):
    """Events are not documents of their own: a new line on the timeline reindexes
    its signal."""

    def queryset(self):
        return SignalEvent.objects.none()

    def documents(self, event) -> Iterable[SearchDocument]:
        return ()

    def dependents(self, event):
        return [event.signal]


@register(SignalBundlePage)
class SignalBundleAdapter(PageAdapter):
    kind = DocumentKind.SIGNAL_BUNDLE
    boost = 1.2

    def body(self, page) -> str:
        consented = page.bundle_signals.filter(signal__consent_given=True)
        titles = [entry.signal.title for entry in consented.select_related("signal")]
        return clean(
            " ".join(
                [
                    page.edition,
                    rich_text(page.introduction),
                    rich_text(page.analysis),
                    *titles,
                    rich_text(page.policy_responses),
                ]
            )
        )

    def dependents(self, page):
        """Publishing or unpublishing a bundle changes who finds its signals."""
        return [entry.signal for entry in page.bundle_signals.select_related("signal")]
