"""A civil servant returns a progress report with a question; the owners see it and
answer with their next report, which closes it. Reports themselves never change."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cms.models import GoalLevel, ProgressQuestion, ProgressUpdate
from cms.services import goal_report_progress, progress_ask_question
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory()


@pytest.fixture
def civil_servant():
    return StaffFactory()


@pytest.fixture
def update(home, owner):
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    goal = GoalFactory(
        plan=plan,
        level=GoalLevel.TACTICAL,
        code="TD 1",
        title="Sociale huurwoningen",
        lead_organisation=owner.organisation,
    )
    return goal_report_progress(
        goal=goal,
        status=goal_status("lopend"),
        progress=30,
        text="Twaalf woningen in aanbouw.",
        author=owner.user,
        organisation_id=owner.organisation_id,
        date=datetime.date(2026, 10, 5),
    )


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def question_url(update) -> str:
    return reverse("intranet:progress_question", args=[update.pk])


def test_the_intranet_lists_recent_reports_newest_first(update, civil_servant):
    older = goal_report_progress(
        goal=update.goal, status=goal_status("gepland"), date=datetime.date(2026, 3, 1)
    )
    page = client_of(civil_servant).get(reverse("intranet:progress"))
    assert page.status_code == 200
    assert [item.pk for item in page.context["reports"]] == [update.pk, older.pk]
    assert question_url(update) in page.content.decode()


def test_the_list_is_paged_by_25(update, civil_servant):
    for day in range(1, 27):
        goal_report_progress(
            goal=update.goal,
            status=goal_status("lopend"),
            date=datetime.date(2026, 1, day),
        )
    client = client_of(civil_servant)
    first = client.get(reverse("intranet:progress"))
    assert len(first.context["reports"]) == 25
    second = client.get(reverse("intranet:progress"), {"pagina": 2})
    assert len(second.context["reports"]) == 2


def test_a_civil_servant_asks_and_the_author_is_told(
    update, owner, civil_servant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(civil_servant).post(
            question_url(update), {"question": "Wanneer worden ze opgeleverd?"}
        )
    assert response.status_code == 302
    question = ProgressQuestion.objects.get()
    assert (question.update, question.asked_by, question.is_open) == (
        update,
        civil_servant,
        True,
    )
    assert [message.to for message in mail.outbox] == [[owner.user.email]]
    assert "Wanneer worden ze opgeleverd?" in mail.outbox[0].body
    assert reverse("partners:goal_report", args=[update.goal.pk]) in (
        mail.outbox[0].body
    )
    listing = client_of(civil_servant).get(reverse("intranet:progress"))
    assert "Open vraag:" in listing.content.decode()
    update.refresh_from_db()
    assert update.text == "Twaalf woningen in aanbouw."  # the report is unchanged


def test_an_empty_question_is_explained(update, civil_servant):
    response = client_of(civil_servant).post(question_url(update), {"question": ""})
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not ProgressQuestion.objects.exists()


@pytest.mark.parametrize("who", ["owner", "citizen"])
def test_others_may_not_ask(update, owner, who):
    user = owner.user if who == "owner" else UserFactory()
    client = client_of(user)
    assert client.get(question_url(update)).status_code in (403, 404)
    response = client.post(question_url(update), {"question": "Waarom?"})
    assert response.status_code in (403, 404)
    assert client.get(reverse("intranet:progress")).status_code == 403
    assert not ProgressQuestion.objects.exists()


def test_the_owners_see_the_question_and_their_next_report_answers_it(
    update, owner, civil_servant
):
    question = progress_ask_question(
        update=update, question="Hoeveel gezinnen?", asked_by=civil_servant
    )
    client = client_of(owner.user)
    assert "Hoeveel gezinnen?" in client.get("/partners/").content.decode()
    form_page = client.get(reverse("partners:goal_report", args=[update.goal.pk]))
    assert "Hoeveel gezinnen?" in form_page.content.decode()
    assert "answers_questions" in form_page.context["form"].fields

    response = client.post(
        reverse("partners:goal_report", args=[update.goal.pk]),
        {
            "status": goal_status("lopend").pk,
            "progress": "40",
            "text": "Acht gezinnen.",
            "answers_questions": "on",
        },
    )

    assert response.status_code == 302
    question.refresh_from_db()
    answer = ProgressUpdate.objects.get(text="Acht gezinnen.")
    assert question.answer == answer and not question.is_open
    assert "Hoeveel gezinnen?" not in client.get("/partners/").content.decode()
    form = client.get(reverse("partners:goal_report", args=[update.goal.pk]))
    assert "answers_questions" not in form.context["form"].fields


def test_a_report_that_does_not_answer_leaves_the_question_open(
    update, owner, civil_servant
):
    question = progress_ask_question(
        update=update, question="Hoeveel gezinnen?", asked_by=civil_servant
    )
    client_of(owner.user).post(
        reverse("partners:goal_report", args=[update.goal.pk]),
        {"status": goal_status("lopend").pk, "text": "Iets anders."},
    )
    question.refresh_from_db()
    assert question.is_open


def test_the_intranet_menu_leads_to_the_reports(civil_servant):
    page = client_of(civil_servant).get("/intranet/").content.decode()
    assert f'href="{reverse("intranet:progress")}"' in page
