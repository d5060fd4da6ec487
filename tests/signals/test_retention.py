"""Signals' personal data over time: attachments go two years after a signal ended,
its free text five years after (the terms are settings), each with a line on the
timeline and a record of the run."""

import datetime

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.signals.models import (
    Recognition,
    SignalAttachment,
    SignalEvent,
    SignalState,
)
from cms.signals.retention import REMOVED_TEXT
from portal.models import RetentionRecord
from portal.retention import retention_apply
from tests.factories import OrganisationFactory

CLOSED_ON = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
YEAR = datetime.timedelta(days=365)
DAY = datetime.timedelta(days=1)


def outcome(outcomes, rule):
    return next(item for item in outcomes if item.rule == rule)


@pytest.fixture
def ended(make_signal, member):
    """Make a signal with an attachment, a comment and a recognition that reached
    `state` on CLOSED_ON."""

    def make(state=SignalState.CLOSED, **fields):
        with time_machine.travel(CLOSED_ON - 30 * DAY, tick=False):
            signal = make_signal(
                state=state,
                description="Mevrouw Janssens uit de Kerkstraat vindt geen woning.",
                example="Een gezin met drie kinderen.",
                **fields,
            )
            SignalEvent.objects.create(
                signal=signal,
                kind=SignalEvent.Kind.COMMENT,
                actor=member,
                note="Bel haar op 0470 12 34 56.",
            )
            Recognition.objects.create(
                signal=signal,
                organisation=OrganisationFactory(),
                note="Ook bij ons: meneer Peeters.",
            )
            SignalAttachment.objects.create(
                signal=signal,
                file=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF\n"),
                filename="verslag.pdf",
                size=15,
            )
        with time_machine.travel(CLOSED_ON, tick=False):
            SignalEvent.objects.create(
                signal=signal,
                kind=SignalEvent.Kind.TRANSITION,
                from_state=SignalState.ANSWERED,
                to_state=state,
            )
        return signal

    return make


def run_at(moment, *, dry_run=False):
    with time_machine.travel(moment, tick=False):
        return retention_apply(dry_run=dry_run)


def test_attachments_stay_until_two_years_after_closing(ended):
    signal = ended()
    run_at(CLOSED_ON + 2 * YEAR - DAY)
    assert signal.attachments.count() == 1


def test_attachments_go_two_years_after_closing(
    ended, django_capture_on_commit_callbacks
):
    signal = ended()
    name = signal.attachments.get().file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = run_at(CLOSED_ON + 2 * YEAR + DAY)
    assert signal.reference in outcome(outcomes, "signal_attachments").touched
    assert not signal.attachments.exists()
    assert not default_storage.exists(name)
    note = signal.events.get(kind=SignalEvent.Kind.RETENTION).note
    assert note == "1 bijlage(n) verwijderd na de bewaartermijn."
    record = RetentionRecord.objects.get(rule="signal_attachments")
    assert signal.reference in record.details
    assert record.term_days == 730


@pytest.mark.parametrize("state", [SignalState.REJECTED, SignalState.MERGED])
def test_rejected_and_merged_signals_have_ended_too(ended, state):
    signal = ended(state=state)
    run_at(CLOSED_ON + 2 * YEAR + DAY)
    assert not signal.attachments.exists()


def test_a_signal_still_open_keeps_everything(make_signal):
    with time_machine.travel(CLOSED_ON, tick=False):
        signal = make_signal(state=SignalState.REGISTERED, description="Tekst.")
        SignalAttachment.objects.create(
            signal=signal,
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
            filename="a.pdf",
            size=9,
        )
    run_at(CLOSED_ON + 10 * YEAR)
    signal.refresh_from_db()
    assert signal.attachments.count() == 1
    assert signal.description == "Tekst."


def test_a_reopened_signal_is_not_counted_as_ended(ended):
    signal = ended()
    signal.state = SignalState.REGISTERED
    signal.save()
    run_at(CLOSED_ON + 6 * YEAR)
    signal.refresh_from_db()
    assert signal.attachments.count() == 1
    assert signal.anonymised_at is None


def test_free_text_stays_until_five_years_after_closing(ended):
    signal = ended()
    run_at(CLOSED_ON + 5 * YEAR - DAY)
    signal.refresh_from_db()
    assert "Janssens" in signal.description
    assert signal.anonymised_at is None


def test_free_text_goes_five_years_after_closing(ended):
    signal = ended(title="Geen betaalbare woningen")
    outcomes = run_at(CLOSED_ON + 5 * YEAR + DAY)
    assert outcome(outcomes, "signal_texts").touched == [signal.reference]
    signal.refresh_from_db()
    assert signal.description == REMOVED_TEXT
    assert signal.example == REMOVED_TEXT
    assert signal.affected == ""  # empty stays empty
    assert signal.title == "Geen betaalbare woningen"
    assert signal.state == SignalState.CLOSED
    assert signal.anonymised_at is not None
    comment = signal.events.get(kind=SignalEvent.Kind.COMMENT)
    assert comment.note == REMOVED_TEXT
    assert signal.recognitions.get().note == REMOVED_TEXT
    assert signal.events.filter(
        kind=SignalEvent.Kind.RETENTION,
        note="Vrije tekst verwijderd na de bewaartermijn.",
    ).exists()


def test_anonymising_twice_does_nothing_more(ended):
    signal = ended()
    run_at(CLOSED_ON + 5 * YEAR + DAY)
    outcomes = run_at(CLOSED_ON + 5 * YEAR + 2 * DAY)
    assert outcome(outcomes, "signal_texts").touched == []
    assert signal.events.filter(kind=SignalEvent.Kind.RETENTION).count() == 2
    assert RetentionRecord.objects.filter(rule="signal_texts").count() == 1


def test_a_dry_run_counts_and_changes_nothing(ended):
    signal = ended()
    outcomes = run_at(CLOSED_ON + 6 * YEAR, dry_run=True)
    assert outcome(outcomes, "signal_attachments").touched == [signal.reference]
    assert outcome(outcomes, "signal_texts").touched == [signal.reference]
    signal.refresh_from_db()
    assert signal.attachments.count() == 1
    assert "Janssens" in signal.description
    assert not RetentionRecord.objects.exists()


def test_the_terms_come_from_settings(ended, settings):
    settings.RETENTION = {**settings.RETENTION, "SIGNAL_ATTACHMENTS_DAYS": 30}
    signal = ended()
    run_at(CLOSED_ON + 31 * DAY)
    assert not signal.attachments.exists()


def test_a_term_of_zero_turns_a_rule_off(ended, settings):
    settings.RETENTION = {**settings.RETENTION, "SIGNAL_TEXT_DAYS": 0}
    signal = ended()
    outcomes = run_at(CLOSED_ON + 20 * YEAR)
    assert "signal_texts" not in {item.rule for item in outcomes}
    signal.refresh_from_db()
    assert signal.anonymised_at is None
