"""A decided report forgets who sent it after its term: the address and a
citizen's own words go, the decision stays; open ones and partners' words stay."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.socialmap.models import (
    ProposalKind,
    ProposalState,
    Service,
    ServiceProposal,
)
from cms.socialmap.retention import REMOVED_TEXT, proposal_reporters_forget
from portal.models import RetentionRecord

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=200)


def proposal(service, *, kind=ProposalKind.REPORT, decided_at=LONG_AGO, **fields):
    fields.setdefault("reporter_email", "melder@example.test")
    fields.setdefault("message", "Het telefoonnummer klopt niet meer.")
    return ServiceProposal.objects.create(
        service=service,
        kind=kind,
        state=ProposalState.ACCEPTED if decided_at else ProposalState.OPEN,
        changes={"phones": []},
        decided_at=decided_at,
        **fields,
    )


@pytest.fixture
def service(social_map) -> Service:
    return Service.objects.order_by("name").first()


def test_decided_reports_forget_their_sender_after_the_term(service):
    old_report = proposal(service)
    old_partner = proposal(service, kind=ProposalKind.PARTNER, reporter_email="")
    recent = proposal(service, decided_at=NOW - datetime.timedelta(days=10))
    still_open = proposal(service, decided_at=None)

    cut = NOW - datetime.timedelta(days=90)
    assert proposal_reporters_forget(decided_before=cut, dry_run=True) == [
        old_report.pk
    ]
    old_report.refresh_from_db()
    assert old_report.reporter_email  # a dry run changes nothing

    assert proposal_reporters_forget(decided_before=cut) == [old_report.pk]
    old_report.refresh_from_db()
    assert (old_report.reporter_email, old_report.message) == ("", REMOVED_TEXT)
    assert old_report.state == ProposalState.ACCEPTED
    for kept in (old_partner, recent, still_open):
        before = kept.message, kept.reporter_email
        kept.refresh_from_db()
        assert (kept.message, kept.reporter_email) == before
    assert proposal_reporters_forget(decided_before=cut) == []  # nothing left


def test_the_daily_command_applies_the_rule_and_records_it(service, settings):
    old_report = proposal(service)
    call_command("apply_retention")
    old_report.refresh_from_db()
    assert old_report.reporter_email == ""
    record = RetentionRecord.objects.get(rule="proposal_reporters")
    assert (record.count, record.details) == (1, [old_report.pk])
