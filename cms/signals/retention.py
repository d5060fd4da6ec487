"""How long a signal keeps the personal data it may hold (see `portal.retention` for
the terms and the command that applies them).

A signal describes a structural problem, but its attachments and free text may still
name people despite the privacy guard. Once a signal has ended (closed, rejected or
merged), its attachments are deleted after one term and its free text is replaced
after a longer one; what remains (reference, title, classification, state, dates,
the town's answer) keeps the signal countable in reports and bundles. Each signal
gets a line on its timeline saying what went.
"""

import datetime

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.signals.models import (
    Recognition,
    Signal,
    SignalAttachment,
    SignalEvent,
    SignalState,
)

ENDED_STATES = (SignalState.CLOSED, SignalState.REJECTED, SignalState.MERGED)
REMOVED_TEXT = "[Tekst verwijderd na de bewaartermijn.]"
# The fields that may hold personal data; `title`, `region` and the town's `answer`
# stay (the privacy guard refuses personal data there before registration).
FREE_TEXT_FIELDS = ("description", "affected", "example", "causes")


def signals_ended_before(moment: datetime.datetime) -> QuerySet[Signal]:
    """Signals that ended (closed, rejected, merged) before `moment`: the time of
    the last step into their current state, or their last change when the timeline
    has none (an imported signal)."""
    ended = (
        SignalEvent.objects.filter(
            signal=OuterRef("pk"),
            kind=SignalEvent.Kind.TRANSITION,
            to_state=OuterRef("state"),
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Signal.objects.filter(state__in=ENDED_STATES)
        .annotate(ended_at=Coalesce(Subquery(ended), "updated_at"))
        .filter(ended_at__lt=moment)
    )


def _note(signal: Signal, text: str) -> None:
    SignalEvent.objects.create(
        signal=signal, kind=SignalEvent.Kind.RETENTION, actor=None, note=text
    )


def signal_attachments_expire(
    *, ended_before: datetime.datetime, dry_run: bool = False
) -> list[str]:
    """Delete the attachments (rows and files) of signals that ended before
    `ended_before`; returns the references of the signals concerned."""
    signals = signals_ended_before(ended_before).filter(attachments__isnull=False)
    references = sorted(set(signals.values_list("reference", flat=True)))
    if dry_run:
        return references
    for signal in Signal.objects.filter(reference__in=references):
        with transaction.atomic():
            attachments = list(SignalAttachment.objects.filter(signal=signal))
            for attachment in attachments:
                name = attachment.file.name
                storage = attachment.file.storage
                attachment.delete()
                # The file goes only once its row is gone for good.
                transaction.on_commit(lambda s=storage, n=name: s.delete(n))
            _note(
                signal,
                f"{len(attachments)} bijlage(n) verwijderd na de bewaartermijn.",
            )
    return references


def signal_texts_anonymise(
    *, ended_before: datetime.datetime, dry_run: bool = False
) -> list[str]:
    """Replace the free text of signals that ended before `ended_before`, and the
    notes on their timeline and recognitions; returns the references."""
    signals = signals_ended_before(ended_before).filter(anonymised_at__isnull=True)
    references = sorted(signals.values_list("reference", flat=True))
    if dry_run:
        return references
    for signal in Signal.objects.filter(reference__in=references):
        with transaction.atomic():
            for name in FREE_TEXT_FIELDS:
                if getattr(signal, name):
                    setattr(signal, name, REMOVED_TEXT)
            signal.anonymised_at = timezone.now()
            # save(), not update(): the search index follows through its receivers;
            # updated_at stays, so the signal does not look as if it ended today.
            signal.save(update_fields=[*FREE_TEXT_FIELDS, "anonymised_at"])
            SignalEvent.objects.filter(signal=signal).exclude(
                Q(note="") | Q(kind=SignalEvent.Kind.RETENTION)
            ).update(note=REMOVED_TEXT)
            Recognition.objects.filter(signal=signal).exclude(note="").update(
                note=REMOVED_TEXT
            )
            _note(signal, "Vrije tekst verwijderd na de bewaartermijn.")
    return references
