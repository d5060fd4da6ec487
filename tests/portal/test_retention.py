"""Unused accounts are warned, deactivated and removed; ended invitations go; every
run is recorded, and `apply_retention --dry-run` reports counts only."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from portal.models import Invitation, RetentionRecord, User
from portal.retention import retention_apply
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

LAST_SEEN = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
INACTIVE = 3 * 365 * DAY
WARNED_ON = LAST_SEEN + INACTIVE + DAY
DEACTIVATED_ON = WARNED_ON + 31 * DAY


def run_at(moment, *, dry_run=False):
    with time_machine.travel(moment, tick=False):
        return {item.rule: item.touched for item in retention_apply(dry_run=dry_run)}


@pytest.fixture
def unused():
    with time_machine.travel(LAST_SEEN - 10 * DAY, tick=False):
        user = UserFactory(email="oud@example.test")
    User.objects.filter(pk=user.pk).update(last_login=LAST_SEEN)
    return user


def test_an_account_used_recently_is_left_alone(unused):
    touched = run_at(LAST_SEEN + INACTIVE - DAY)
    assert unused.pk not in touched["accounts_warned"]
    assert not mail.outbox


def test_an_unused_account_is_warned_once_by_email(unused):
    touched = run_at(WARNED_ON)
    assert touched["accounts_warned"] == [unused.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["oud@example.test"]
    assert "gedeactiveerd" in message.subject
    assert "/accounts/login/" in message.body
    unused.refresh_from_db()
    assert unused.retention_warned_at is not None and unused.is_active
    run_at(WARNED_ON + DAY)
    assert len(mail.outbox) == 1


def test_a_warned_account_is_deactivated_when_nobody_signs_in(unused):
    run_at(WARNED_ON)
    assert run_at(WARNED_ON + 29 * DAY)["accounts_deactivated"] == []
    assert run_at(DEACTIVATED_ON)["accounts_deactivated"] == [unused.pk]
    unused.refresh_from_db()
    assert not unused.is_active
    assert unused.retention_deactivated_at is not None


def test_signing_in_after_the_warning_keeps_the_account(unused):
    run_at(WARNED_ON)
    User.objects.filter(pk=unused.pk).update(last_login=WARNED_ON + 2 * DAY)
    assert run_at(DEACTIVATED_ON)["accounts_deactivated"] == []
    unused.refresh_from_db()
    assert unused.is_active
    assert unused.retention_warned_at is None


def test_a_deactivated_account_is_removed_a_year_later(unused):
    run_at(WARNED_ON)
    run_at(DEACTIVATED_ON)
    assert run_at(DEACTIVATED_ON + 364 * DAY)["accounts_removed"] == []
    assert run_at(DEACTIVATED_ON + 366 * DAY)["accounts_removed"] == [unused.pk]
    assert not User.objects.filter(pk=unused.pk).exists()
    record = RetentionRecord.objects.get(rule="accounts_removed")
    assert record.details == [unused.pk]
    assert "oud@example.test" not in str(
        list(RetentionRecord.objects.values_list("details", flat=True))
    )


def test_an_account_reactivated_by_an_administrator_starts_again(unused):
    run_at(WARNED_ON)
    run_at(DEACTIVATED_ON)
    User.objects.filter(pk=unused.pk).update(is_active=True)
    touched = run_at(DEACTIVATED_ON + 366 * DAY)
    assert unused.pk not in touched["accounts_removed"]
    unused.refresh_from_db()
    assert unused.retention_deactivated_at is None


def test_an_account_that_never_signed_in_counts_from_its_creation():
    with time_machine.travel(LAST_SEEN, tick=False):
        user = UserFactory()
    assert run_at(WARNED_ON)["accounts_warned"] == [user.pk]


def test_a_superuser_is_never_touched(unused):
    User.objects.filter(pk=unused.pk).update(is_superuser=True)
    assert run_at(WARNED_ON)["accounts_warned"] == []
    assert not mail.outbox


def test_ended_invitations_go_after_their_term():
    with time_machine.travel(LAST_SEEN, tick=False):
        expired = InvitationFactory()  # valid for 14 days
        accepted = InvitationFactory()
        Invitation.objects.filter(pk=accepted.pk).update(accepted_at=LAST_SEEN)
    with time_machine.travel(LAST_SEEN + 100 * DAY, tick=False):
        open_one = InvitationFactory()
    touched = run_at(LAST_SEEN + 110 * DAY)
    assert sorted(touched["invitations"]) == sorted([expired.pk, accepted.pk])
    assert list(Invitation.objects.values_list("pk", flat=True)) == [open_one.pk]


def test_the_command_reports_a_dry_run_and_records_nothing(unused):
    out = io.StringIO()
    with time_machine.travel(WARNED_ON, tick=False):
        call_command("apply_retention", dry_run=True, stdout=out)
    assert "accounts_warned: 1 would be handled" in out.getvalue()
    assert "Dry run" in out.getvalue()
    unused.refresh_from_db()
    assert unused.retention_warned_at is None
    assert not mail.outbox
    assert not RetentionRecord.objects.exists()


def test_the_command_records_each_run(unused):
    out = io.StringIO()
    with time_machine.travel(WARNED_ON, tick=False):
        call_command("apply_retention", stdout=out)
    assert "accounts_warned: 1 handled (term 1095 days" in out.getvalue()
    record = RetentionRecord.objects.get()
    assert (record.rule, record.count, record.term_days) == ("accounts_warned", 1, 1095)
