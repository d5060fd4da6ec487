"""Signals and signal bundles in the one search index.

A signal's document follows `cms.signals.selectors` (audience and circles), never
wider:
- a draft is not indexed;
- submitted, returned, rejected or merged: the organisations that carry it (its
  own, and those whose signals were merged into it), partners with the signal
  coordinators' duty, and civil servants;
- registered and further: every partner;
- in a published public bundle, with consent: the public, found on the bundle page.
The body carries the signal's texts and its timeline, except in the public
document, which carries only what the bundle publishes.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from cms.search_adapters.pages import PageAdapter, clean, rich_text
from cms.signals.lifecycle import SHARED_STATES
from cms.signals.models import (
    BundleSignal,
    Signal,
    SignalBundlePage,
    SignalEvent,
    SignalState,
)
from cms.signals.selectors import bundles_visible_to
from portal.audiences import Audience
from search.documents import (
    SIGNAL_COORDINATORS_CIRCLE,
    DocumentKind,
    SearchDocument,
    object_key,
    organisation_circle,
)
from search.registry import Adapter, register


def public_entry(signal: Signal) -> BundleSignal | None:
    """The signal's entry in a bundle anyone may see, if it has consent."""
    if not signal.consent_given:
        return None
    public_bundles = bundles_visible_to(AnonymousUser()).values("pk")
    return (
        signal.bundle_entries.filter(page__in=public_bundles)
        .select_related("page")
        .first()
    )


def circles_of(signal: Signal) -> tuple[str, ...]:
    """Who finds a signal not yet shared with every partner: the organisations
    that carry it (the submitting one, and those merged into it), and partners
    with the signal coordinators' duty (civil servants find every one)."""
    circles = [organisation_circle(pk) for pk in sorted(signal.organisation_ids)]
    return (*circles, SIGNAL_COORDINATORS_CIRCLE)


@register(Signal)
class SignalAdapter(Adapter):
    def queryset(self):
        return Signal.objects.select_related("organisation")

    def is_indexable(self, signal) -> bool:
        return signal.state != SignalState.DRAFT

    def documents(self, signal) -> Iterable[SearchDocument]:
        texts = [signal.description, signal.affected, signal.causes]
        entry = public_entry(signal)
        if entry is not None:
            audience, circles = Audience.PUBLIC, ()
            url = f"{entry.page.specific.url}#signaal-{signal.pk}"
            texts += [entry.analysis, entry.recommendation, signal.answer]
        else:
            audience = Audience.PARTNERS
            circles = () if signal.state in SHARED_STATES else circles_of(signal)
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
                audience=audience,
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
