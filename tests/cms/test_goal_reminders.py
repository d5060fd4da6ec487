"""Reminders that a goal's progress must be reported (cms.progress_reminders), sent
once per goal, kind and due date, with a frozen clock."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from cms.models import GoalLevel, GoalReminder
from cms.progress_reminders import reminders_send
from cms.services import goal_report_progress
from portal.models import Membership
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    PolicyPlanPageFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db

REPORTED_ON = datetime.date(2026, 3, 10)
DUE_ON = datetime.date(2026, 9, 10)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def owner():
    return MembershipFactory()


@pytest.fixture
def goal(home, owner):
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    goal = GoalFactory(
        plan=plan,
        level=GoalLevel.TACTICAL,
        code="TD 1",
        title="Sociale huurwoningen",
        lead_organisation=owner.organisation,
    )
    goal_report_progress(goal=goal, status=goal_status("lopend"), date=REPORTED_ON)
    return goal


def run(on: datetime.date) -> str:
    """The daily job, as cron runs it at 06:05 in Brussels on `on`."""
    out = io.StringIO()
    with time_machine.travel(
        datetime.datetime.combine(on, datetime.time(6, 5)), tick=False
    ):
        call_command("goal_reminders", stdout=out)
    return out.getvalue()


def kinds() -> list[tuple[str, datetime.date]]:
    return sorted(GoalReminder.objects.values_list("kind", "due_date"))


def test_nothing_before_the_fourteen_days(goal):
    assert "0 reminder(s) sent" in run(DUE_ON - 15 * DAY)
    assert not mail.outbox and not kinds()


def test_before_and_due_are_each_sent_once(goal, owner):
    run(DUE_ON - 14 * DAY)
    assert kinds() == [("before", DUE_ON)]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.user.email]
    assert "TD 1" in message.subject and "10/09/2026" in message.subject
    assert "nog 14 dagen" in message.subject
    assert f"/partners/doelstellingen/{goal.pk}/rapporteren/" in message.body
    assert "10/03/2026" in message.body  # the last report

    run(DUE_ON - 14 * DAY)  # a second run the same day
    run(DUE_ON - 3 * DAY)  # and the days after
    assert len(mail.outbox) == 1

    run(DUE_ON)
    assert kinds() == [("before", DUE_ON), ("due", DUE_ON)]
    assert "Vandaag" in mail.outbox[1].subject
    run(DUE_ON + DAY)
    assert len(mail.outbox) == 2


def test_a_missed_run_sends_only_the_latest_reminder(goal):
    run(DUE_ON + 2 * DAY)
    assert kinds() == [("due", DUE_ON)]
    assert "moest gemeld zijn op 10/09/2026" in mail.outbox[0].subject


def test_the_due_reminder_is_not_caught_up_after_a_week(goal):
    run(DUE_ON + 8 * DAY)
    assert not mail.outbox and not kinds()


def test_a_new_report_starts_a_new_due_date(goal):
    run(DUE_ON)
    goal_report_progress(goal=goal, status=goal_status("lopend"), date=DUE_ON)
    later_due = datetime.date(2027, 3, 10)
    run(later_due - 10 * DAY)
    assert kinds() == [("before", later_due), ("due", DUE_ON)]


def test_contact_persons_are_reminded_instead_of_the_members(goal, owner):
    contact = UserFactory()
    goal.contact_persons.add(contact)
    run(DUE_ON)
    assert mail.outbox[0].to == [contact.email]


def test_only_active_members_are_reminded(goal, owner):
    ended = MembershipFactory(
        organisation=owner.organisation, status=Membership.Status.ENDED
    )
    colleague = MembershipFactory(organisation=owner.organisation)
    run(DUE_ON)
    assert sorted(mail.outbox[0].to) == sorted([owner.user.email, colleague.user.email])
    assert ended.user.email not in mail.outbox[0].to


def test_without_recipients_nothing_is_recorded(goal, owner):
    owner.status = Membership.Status.ENDED
    owner.save()
    run(DUE_ON)
    assert not mail.outbox and not kinds()


def test_closed_goals_get_no_reminder(goal):
    goal_report_progress(
        goal=goal, status=goal_status("gerealiseerd"), date=REPORTED_ON
    )
    run(DUE_ON)
    assert not mail.outbox


def test_a_dry_run_lists_and_records_nothing(goal):
    with time_machine.travel(
        datetime.datetime.combine(DUE_ON, datetime.time(6, 5)), tick=False
    ):
        out = io.StringIO()
        call_command("goal_reminders", "--dry-run", stdout=out)
    assert "TD 1" in out.getvalue() and "would be sent" in out.getvalue()
    assert not mail.outbox and not kinds()


def test_a_refusing_mail_server_leaves_it_to_the_next_run(goal, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("cms.progress_reminders.send_mail", refuse)
    assert reminders_send(today=DUE_ON) == []
    assert not kinds()
    monkeypatch.undo()
    assert len(reminders_send(today=DUE_ON)) == 1
