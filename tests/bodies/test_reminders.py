"""Term reminders with a frozen clock: 7 and 2 days before a due date and on the
due date itself, for the body's term and the town's; urgent requests, extensions,
a missed run, nothing twice, nothing for advice without a running term, and
exactly the right people."""

import datetime
import io
import smtplib

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command

from cms.bodies import reminders
from cms.bodies.models import AdviceReminder, AdviceState
from cms.bodies.reminders import advice_url, reminders_send, step_due
from cms.bodies.services import advice_extend, advice_transition
from cms.bodies.terms import BRUSSELS
from portal.access.roles import CIVIL_SERVANTS_GROUP
from tests.factories import (
    BodyFactory,
    BodyMemberFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

A = AdviceState
day = datetime.date


def run(on: datetime.date, **kwargs):
    """The daily job, as cron runs it at 06:00 in Brussels on `on`."""
    moment = datetime.datetime.combine(on, datetime.time(6, 0), tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=False):
        return reminders_send(**kwargs)


def days(start: datetime.date, end: datetime.date):
    while start <= end:
        yield start
        start += datetime.timedelta(days=1)


@pytest.fixture
def contact(body):
    """The body's contact civil servant."""
    servant = StaffFactory(email="contact@demo.lokaal")
    body.contact_civil_servant = servant
    body.save()
    return servant


@pytest.fixture
def civil_servants_group(db):
    """Civil servants who keep the bodies up to date: the town's stand-ins for a
    missing contact. Staff outside the group and inactive accounts are not."""
    group = Group.objects.get(name=CIVIL_SERVANTS_GROUP)
    in_group = StaffFactory(email="dienst-welzijn@demo.lokaal")
    in_group.groups.add(group)
    gone = StaffFactory(email="vertrokken@demo.lokaal", is_active=False)
    gone.groups.add(group)
    StaffFactory(email="andere-dienst@demo.lokaal")
    return group


@pytest.fixture
def seats(body, contact):
    """Everyone with some tie to the body; only the chair, the secretary and the
    contact civil servant hear of the body's term."""
    people = {
        "chair": BodyMemberFactory(body=body, role="chair").user,
        "secretary": BodyMemberFactory(body=body, role="secretary").user,
        "member": BodyMemberFactory(body=body, role="member").user,
        "observer": BodyMemberFactory(body=body, role="observer").user,
        "former chair": BodyMemberFactory(
            body=body, role="chair", end_date=day(2025, 12, 31)
        ).user,
        "future secretary": BodyMemberFactory(
            body=body, role="secretary", start_date=day(2027, 1, 1)
        ).user,
        "inactive chair": BodyMemberFactory(
            body=body, role="chair", user=UserFactory(is_active=False)
        ).user,
        "chair of another body": BodyMemberFactory(role="chair").user,
    }
    BodyMemberFactory(
        body=body, role="chair", user=None, organisation=OrganisationFactory()
    )
    return people


def subjects(mailoutbox) -> list[str]:
    return [message.subject for message in mailoutbox]


# Which step, when --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "step"),
    [
        (day(2026, 3, 24), None),  # 8 days before
        (day(2026, 3, 25), 7),
        (day(2026, 3, 27), 7),  # the 7-day step, caught up
        (day(2026, 3, 30), 2),
        (day(2026, 3, 31), 2),
        (day(2026, 4, 1), 0),  # the due date itself
        (day(2026, 4, 4), 0),  # a missed due date, caught up for 3 days
        (day(2026, 4, 5), None),  # overdue: the dashboards take over
    ],
)
def test_the_step_due_on_a_day(today, step):
    assert step_due(day(2026, 4, 1), today) == step


# The body's term ---------------------------------------------------------------------


def test_a_request_is_reminded_7_and_2_days_before_and_on_its_due_date_once(
    make_advice, seats, mailoutbox
):
    advice = make_advice(asked_on=day(2026, 3, 2), title="Sociale kruidenier")
    for today in days(day(2026, 3, 20), day(2026, 4, 10)):
        run(today)
        run(today)  # a second run the same day sends nothing
    assert subjects(mailoutbox) == [
        "Herinnering: advies 'Sociale kruidenier' verwacht op 01/04/2026 (nog 7 dagen)",
        "Herinnering: advies 'Sociale kruidenier' verwacht op 01/04/2026 (nog 2 dagen)",
        "Vandaag verloopt de termijn voor het advies 'Sociale kruidenier'",
    ]
    sent = AdviceReminder.objects.filter(advice=advice)
    assert list(sent.values_list("days_before", "sent_on")) == [
        (7, day(2026, 3, 25)),
        (2, day(2026, 3, 30)),
        (0, day(2026, 4, 1)),
    ]
    assert {r.term for r in sent} == {"body"}
    assert {r.recipient_count for r in sent} == {3}


def test_the_reminder_goes_to_the_chair_the_secretary_and_the_contact_only(
    make_advice, seats, contact, mailoutbox
):
    make_advice(asked_on=day(2026, 3, 2))
    run(day(2026, 3, 25))
    (message,) = mailoutbox
    assert sorted(message.to) == sorted(
        [seats["chair"].email, seats["secretary"].email, contact.email]
    )


def test_the_mail_names_the_advice_body_due_date_and_links_to_it(
    make_advice, body, seats, mailoutbox
):
    advice = make_advice(asked_on=day(2026, 3, 2), title="Kruidenier & buurt")
    run(day(2026, 3, 30))
    (message,) = mailoutbox
    # Plain text: nothing HTML-escaped, in the subject either.
    assert message.subject == (
        "Herinnering: advies 'Kruidenier & buurt' verwacht op 01/04/2026 (nog 2 dagen)"
    )
    text = message.body
    assert "Werkgroep Welzijn & Samenleven" in text
    assert "'Kruidenier & buurt'" in text
    assert "op 02/03/2026 om advies" in text
    assert "uiterlijk op 01/04/2026" in text
    assert "Nog 2 dagen tot de vervaldag (01/04/2026)." in text
    assert "Let op" not in text  # 1 April 2026 is a Wednesday
    assert advice_url(advice) in text
    assert advice_url(advice).startswith("http://testserver/")


def test_the_link_leads_to_the_advice_in_the_workspace(make_advice):
    advice = make_advice()
    assert advice_url(advice) == (
        f"http://testserver/partners/overleg/adviezen/{advice.pk}/"
    )


@pytest.mark.parametrize(
    ("asked_on", "urgent", "due", "warning"),
    [
        (day(2026, 2, 5), False, "07/03/2026", "(zaterdag)"),
        (day(2026, 4, 14), False, "14/05/2026", "(O. L. H. Hemelvaart)"),
        (day(2026, 7, 7), True, "21/07/2026", "(Nationale feestdag)"),
    ],
)
def test_a_due_date_on_a_closed_day_is_flagged_in_the_mail(
    make_advice, seats, mailoutbox, asked_on, urgent, due, warning
):
    make_advice(asked_on=asked_on, urgent=urgent)
    due_day = datetime.datetime.strptime(due, "%d/%m/%Y").date()
    run(due_day - datetime.timedelta(days=2))
    (message,) = mailoutbox
    assert f"Let op: {due} is geen werkdag {warning}." in message.body
    assert "De termijn schuift daardoor niet op" in message.body


def test_an_urgent_request_is_reminded_on_its_14_day_term(
    make_advice, seats, mailoutbox
):
    make_advice(asked_on=day(2026, 3, 2), urgent=True, title="Dringend")
    for today in days(day(2026, 3, 2), day(2026, 4, 10)):
        run(today)
    assert subjects(mailoutbox) == [
        "Herinnering: advies 'Dringend' verwacht op 16/03/2026 (nog 7 dagen)",
        "Herinnering: advies 'Dringend' verwacht op 16/03/2026 (nog 2 dagen)",
        "Vandaag verloopt de termijn voor het advies 'Dringend'",
    ]
    assert "hoogdringend (14 dagen)" in mailoutbox[0].body
    sent_on = AdviceReminder.objects.values_list("sent_on", flat=True)
    assert sorted(sent_on) == [day(2026, 3, 9), day(2026, 3, 14), day(2026, 3, 16)]


def test_an_extension_moves_the_reminders_to_the_new_due_date(
    make_advice, seats, contact, mailoutbox
):
    advice = make_advice(asked_on=day(2026, 3, 2), state=A.IN_PREPARATION)
    run(day(2026, 3, 25))  # 7 days before 1 April
    advice_extend(
        advice=advice, by=contact, until=day(2026, 4, 20), reason="Hoorzitting"
    )
    for today in days(day(2026, 3, 26), day(2026, 4, 30)):
        run(today)
    assert [m.subject.split(" verwacht op ")[-1] for m in mailoutbox[:3]] == [
        "01/04/2026 (nog 7 dagen)",
        "20/04/2026 (nog 7 dagen)",
        "20/04/2026 (nog 2 dagen)",
    ]
    assert len(mailoutbox) == 4
    assert "Die datum is de verlengde termijn." in mailoutbox[1].body
    assert list(
        AdviceReminder.objects.values_list("due_date", "days_before", "sent_on")
    ) == [
        (day(2026, 4, 1), 7, day(2026, 3, 25)),
        (day(2026, 4, 20), 7, day(2026, 4, 13)),
        (day(2026, 4, 20), 2, day(2026, 4, 18)),
        (day(2026, 4, 20), 0, day(2026, 4, 20)),
    ]


def test_a_missed_run_sends_the_latest_step_once(make_advice, seats, mailoutbox):
    make_advice(asked_on=day(2026, 3, 2), title="Gemist")
    run(day(2026, 3, 31))  # nothing ran since the 24th: the 2-day step only
    run(day(2026, 3, 31))
    run(day(2026, 4, 3))  # the due date's run was missed too
    run(day(2026, 4, 4))
    assert subjects(mailoutbox) == [
        "Herinnering: advies 'Gemist' verwacht op 01/04/2026 (nog 1 dag)",
        "De termijn voor het advies 'Gemist' verliep op 01/04/2026",
    ]
    assert "De termijn verliep op 01/04/2026." in mailoutbox[1].body


@pytest.mark.parametrize("state", [A.ANSWERED, A.CLOSED, A.WITHDRAWN, A.SUBMITTED])
def test_no_body_reminder_once_the_body_has_delivered_or_the_request_is_gone(
    make_advice, seats, mailoutbox, state
):
    make_advice(asked_on=day(2026, 3, 2), state=state)
    for today in (day(2026, 3, 25), day(2026, 3, 30), day(2026, 4, 1)):
        run(today)
    assert mailoutbox == []


def test_own_initiative_has_no_body_reminder(make_advice, seats, mailoutbox):
    make_advice(kind="own_initiative", asked_on=None, state=A.IN_PREPARATION)
    for today in days(day(2026, 3, 1), day(2026, 5, 1)):
        run(today)
    assert mailoutbox == []
    assert not AdviceReminder.objects.exists()


def test_without_anyone_to_tell_nothing_is_recorded_until_someone_is(
    make_advice, mailoutbox
):
    advice = make_advice(asked_on=day(2026, 3, 2))  # no seats, no contact
    run(day(2026, 3, 25))
    assert mailoutbox == []
    assert not AdviceReminder.objects.exists()
    BodyMemberFactory(body=advice.body, role="chair")
    run(day(2026, 3, 26))
    assert len(mailoutbox) == 1


def test_a_refused_mail_is_tried_again_the_next_run(
    make_advice, seats, mailoutbox, monkeypatch
):
    make_advice(asked_on=day(2026, 3, 2), title="Eerste")
    make_advice(asked_on=day(2026, 3, 2), title="Tweede")
    real_send = reminders.send_mail

    def refuse_first(subject, *args, **kwargs):
        if "'Eerste'" in subject:
            raise smtplib.SMTPServerDisconnected("weg")
        return real_send(subject, *args, **kwargs)

    monkeypatch.setattr(reminders, "send_mail", refuse_first)
    run(day(2026, 3, 25))
    assert [m.subject.split("'")[1] for m in mailoutbox] == ["Tweede"]
    assert AdviceReminder.objects.count() == 1
    monkeypatch.setattr(reminders, "send_mail", real_send)
    run(day(2026, 3, 25))
    assert [m.subject.split("'")[1] for m in mailoutbox] == ["Tweede", "Eerste"]
    assert AdviceReminder.objects.count() == 2


# The town's term ---------------------------------------------------------------------


def _submitted(make_advice, chair, on: datetime.datetime, **kwargs):
    advice = make_advice(state=A.ADOPTED, **kwargs)
    with time_machine.travel(on, tick=False):
        advice_transition(advice=advice, to=A.SUBMITTED, by=chair)
    return advice


def test_the_town_is_reminded_of_its_answer_7_and_2_days_before_and_on_the_day(
    make_advice, seats, contact, mailoutbox
):
    submitted_at = datetime.datetime(2026, 4, 10, 16, 0, tzinfo=BRUSSELS)
    _submitted(make_advice, seats["chair"], submitted_at, title="Wonen")
    mailoutbox.clear()  # whatever the step itself sends
    for today in days(day(2026, 4, 10), day(2026, 5, 20)):
        run(today)
        run(today)
    assert subjects(mailoutbox) == [
        "Herinnering: antwoord op het advies 'Wonen' verwacht op 10/05/2026 "
        "(nog 7 dagen)",
        "Herinnering: antwoord op het advies 'Wonen' verwacht op 10/05/2026 "
        "(nog 2 dagen)",
        "Vandaag verloopt de termijn voor het antwoord op het advies 'Wonen'",
    ]
    assert {tuple(m.to) for m in mailoutbox} == {(contact.email,)}
    body = mailoutbox[0].body
    assert "bezorgde het lokaal bestuur op 10/04/2026 het advies 'Wonen'" in body
    assert "uiterlijk op 10/05/2026" in body
    assert "Let op: 10/05/2026 is geen werkdag (zondag)." in body
    assert list(AdviceReminder.objects.values_list("term", flat=True)) == ["town"] * 3


def test_without_a_contact_the_civil_servants_group_is_told(
    make_advice, seats, body, civil_servants_group, mailoutbox
):
    body.contact_civil_servant = None
    body.save()
    submitted_at = datetime.datetime(2026, 4, 10, 16, 0, tzinfo=BRUSSELS)
    _submitted(make_advice, seats["chair"], submitted_at)
    mailoutbox.clear()
    run(day(2026, 5, 3))
    (message,) = mailoutbox
    assert message.to == ["dienst-welzijn@demo.lokaal"]


def test_a_contact_who_left_the_town_is_replaced_by_the_group(
    make_advice, seats, contact, civil_servants_group, mailoutbox
):
    contact.is_staff = False
    contact.save()
    submitted_at = datetime.datetime(2026, 4, 10, 16, 0, tzinfo=BRUSSELS)
    _submitted(make_advice, seats["chair"], submitted_at)
    mailoutbox.clear()
    run(day(2026, 5, 3))
    (message,) = mailoutbox
    assert message.to == ["dienst-welzijn@demo.lokaal"]


@pytest.mark.parametrize("state", [A.ANSWERED, A.CLOSED])
def test_no_town_reminder_once_answered(make_advice, seats, contact, mailoutbox, state):
    submitted_at = datetime.datetime(2026, 4, 10, 16, 0, tzinfo=BRUSSELS)
    advice = _submitted(make_advice, seats["chair"], submitted_at)
    advice.state = state
    advice.save()
    mailoutbox.clear()
    for today in (day(2026, 5, 3), day(2026, 5, 8), day(2026, 5, 10)):
        run(today)
    assert mailoutbox == []


# The command -----------------------------------------------------------------------


def test_the_command_sends_and_a_dry_run_only_lists(make_advice, seats, mailoutbox):
    advice = make_advice(asked_on=day(2026, 3, 2))
    moment = datetime.datetime(2026, 3, 25, 6, 0, tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=False):
        out = io.StringIO()
        call_command("advice_reminders", "--dry-run", stdout=out)
        assert f"advice {advice.pk}, body term due 01/04/2026 (-7 days)" in (
            out.getvalue()
        )
        assert "1 reminder(s) would be sent." in out.getvalue()
        assert mailoutbox == []
        assert not AdviceReminder.objects.exists()
        out = io.StringIO()
        call_command("advice_reminders", stdout=out)
        assert "1 reminder(s) sent." in out.getvalue()
        assert len(mailoutbox) == 1
        out = io.StringIO()
        call_command("advice_reminders", stdout=out)
        assert "0 reminder(s) sent." in out.getvalue()


def test_other_bodies_seats_never_leak_into_the_recipients(make_advice, seats):
    other = BodyFactory()
    BodyMemberFactory(body=other, role="secretary")
    make_advice(asked_on=day(2026, 3, 2))
    ((_reminder, recipients),) = run(day(2026, 3, 25), dry_run=True)
    assert seats["chair of another body"].email not in recipients
    assert len(recipients) == 3
