"""`manage.py load_demo`: the fictional town, its accounts and content, loaded through
the importers; safe to rerun, refused with production settings."""

import io
import re
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader
from wagtail.models import GroupApprovalTask, Page, Revision, WorkflowPage

from cms.demo.loader import load_demo as load_demo_function
from cms.models import (
    ContentPage,
    FrameworkTextPage,
    Goal,
    GoalBudget,
    GoalLevel,
    HomePage,
    PlanApproval,
    PolicyPlanPage,
    PortalDocument,
    PortalImage,
    PortalPage,
    ProgressQuestion,
    ProgressUpdate,
)
from cms.staleness import goals_due_soon, stale_goals
from portal.access.audiences import AUDIENCE_RANK, Audience, audiences_for
from portal.models import Membership, Organisation, User
from tests.factories import enrol_second_factor

pytestmark = pytest.mark.django_db

PASSWORD = "welzijn-demo-2026"
EMAILS = [
    "burger@demo.lokaal",
    "partner@demo.lokaal",
    "partner2@demo.lokaal",
    "ambtenaar@demo.lokaal",
    "redacteur@demo.lokaal",
    "moderator@demo.lokaal",
    "admin@demo.lokaal",
]
SMALL_DOCUMENT = """---
kind: "framework_text"
title: "Nota samenwerking welzijnsraad"
owner: "Gemeente Wilgendonk"
---

## 1. Opdracht

De welzijnsraad geeft advies op eigen initiatief of op vraag.
"""


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.delenv("IMPORT_DIR", raising=False)
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The demo, loaded once for a class of tests (it takes a few seconds). Each test
    still runs in its own transaction, rolled back after it; the load itself is
    rolled back after the class, and its files go to a temporary MEDIA_ROOT."""
    media_root = tmp_path_factory.mktemp("media")
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
    ):
        patch.delenv("IMPORT_DIR", raising=False)
        patch.delenv("DEMO_PASSWORD", raising=False)
        with transaction.atomic():
            yield load_demo()
            transaction.set_rollback(True)
        cache.clear()  # Wagtail caches the site's root paths


@pytest.fixture
def plan(demo) -> PolicyPlanPage:
    return PolicyPlanPage.objects.get(slug="meerjarenplan-2026-2031")


def database_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "goals": Goal.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "budget lines": GoalBudget.objects.count(),
        "approvals": PlanApproval.objects.count(),
        "questions": ProgressQuestion.objects.count(),
        "goal contacts": Goal.contact_persons.through.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "organisations": Organisation.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
        "documents": PortalDocument.objects.count(),
        "images": PortalImage.objects.count(),
    }


@pytest.mark.usefixtures("demo")
class TestTheDemo:
    def test_the_summary_reports_what_was_loaded(self, demo):
        assert "Demo Wilgendonk geladen" in demo
        assert "44 doelstellingen" in demo

    def test_the_home_page_replaces_the_welcome_page(self):
        home = HomePage.objects.get()
        assert home.url == "/" and home.title == "Lokaal sociaal beleid Wilgendonk"
        assert not Page.objects.filter(title__startswith="Welcome").exists()

    def test_a_second_run_changes_and_duplicates_nothing(self):
        before = database_counts()

        summary = load_demo_function()

        assert database_counts() == before
        assert (
            summary.organisations_created,
            summary.accounts_created,
            summary.pages_created,
            summary.files_created,
            summary.approvals_added,
            summary.budget_lines_changed,
            summary.progress_reports_added,
        ) == (0, 0, 0, 0, 0, 0, 0)
        assert not any(result.changed for result in summary.documents)

    def test_every_demo_account_has_its_role(self):
        users = {user.email: user for user in User.objects.filter(email__in=EMAILS)}
        assert sorted(users) == sorted(EMAILS)
        assert all(user.check_password(PASSWORD) for user in users.values())

        citizen = users["burger@demo.lokaal"]
        assert not citizen.is_staff and not citizen.memberships.exists()
        assert audiences_for(citizen) == [Audience.PUBLIC]

        coordinator = users["partner@demo.lokaal"].memberships.get()
        assert coordinator.role == Membership.Role.COORDINATOR
        assert coordinator.status == Membership.Status.ACTIVE
        assert coordinator.organisation.is_partner
        member = users["partner2@demo.lokaal"].memberships.get()
        assert member.role == Membership.Role.MEMBER
        assert member.status == Membership.Status.ACTIVE
        assert member.organisation.is_partner
        assert member.organisation != coordinator.organisation
        for email in ("partner@demo.lokaal", "partner2@demo.lokaal"):
            assert not users[email].is_staff
            assert audiences_for(users[email]) == [Audience.PUBLIC, Audience.PARTNERS]

        civil_servant = users["ambtenaar@demo.lokaal"]
        assert civil_servant.is_staff and not civil_servant.is_superuser
        town = civil_servant.memberships.get().organisation
        assert town.name == "Gemeente Wilgendonk" and not town.is_partner
        assert Audience.STAFF in audiences_for(civil_servant)

        def groups(email):
            return set(users[email].groups.values_list("name", flat=True))

        assert users["redacteur@demo.lokaal"].is_staff
        assert groups("redacteur@demo.lokaal") == {"Editors"}
        assert users["moderator@demo.lokaal"].is_staff
        assert groups("moderator@demo.lokaal") == {"Moderators"}
        assert users["admin@demo.lokaal"].is_superuser
        superusers = User.objects.filter(is_superuser=True)
        assert list(superusers) == [users["admin@demo.lokaal"]]

    def test_a_rerun_takes_the_password_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("DEMO_PASSWORD", "een-ander-wachtwoord-42")
        load_demo()
        for user in User.objects.filter(email__in=EMAILS):
            assert user.check_password("een-ander-wachtwoord-42"), user
        assert "een-ander-wachtwoord-42" in load_demo("--accounts-only")

    def test_editors_submit_and_moderators_approve(self):
        workflow = HomePage.objects.get().get_workflow()
        assert workflow is not None and workflow.name == "Goedkeuring door moderatoren"
        task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
        assert list(task.groups.all()) == [Group.objects.get(name="Moderators")]
        plan = PolicyPlanPage.objects.get(slug="meerjarenplan-2026-2031")
        assert plan.get_workflow() == workflow

        editor = plan.permissions_for_user(
            User.objects.get(email="redacteur@demo.lokaal")
        )
        assert editor.can_edit() and editor.can_submit_for_moderation()
        assert not editor.can_publish()
        moderator = plan.permissions_for_user(
            User.objects.get(email="moderator@demo.lokaal")
        )
        assert moderator.can_publish()

    def test_there_are_pages_for_each_audience(self):
        pages = PortalPage.objects.live()
        assert set(pages.values_list("audience", flat=True)) == set(Audience.values)
        for page in pages:
            parent = page.get_parent().specific
            if isinstance(parent, PortalPage):
                assert AUDIENCE_RANK[page.audience] >= AUDIENCE_RANK[parent.audience]

        home = HomePage.objects.get()
        menu = home.get_children().live().in_menu().values_list("slug", flat=True)
        assert {
            "kaderteksten",
            "beleidsplannen",
            "sociaal-huis",
            "meedoen",
            "over-dit-portaal",
        } <= set(menu)

    def test_the_privacy_statement_gives_the_retention_terms(self, client):
        response = client.get("/over-dit-portaal/privacy/")
        assert response.status_code == 200
        text = response.content.decode()
        for words in (
            "Privacyverklaring",
            "bijlagen na 2 jaar",
            "vrije tekst (de omschrijving, het voorbeeld, de oorzaken en de "
            "opmerkingen) na 5 jaar",
            "3 jaar niet aan",
            "geen kopie of logboek van verstuurde e-mails",
        ):
            assert words in text, words
        about = client.get("/over-dit-portaal/").content.decode()
        assert 'href="/over-dit-portaal/privacy/"' in about

    def test_there_are_files_for_each_audience_used_on_pages(self):
        documents = PortalDocument.objects.all()
        assert set(documents.values_list("audience", flat=True)) == set(Audience.values)
        images = PortalImage.objects.all()
        assert {Audience.PUBLIC, Audience.STAFF} <= set(
            images.values_list("audience", flat=True)
        )
        for document in documents:
            with document.file.open("rb") as file:
                pdf = PdfReader(io.BytesIO(file.read()), strict=True)
            assert document.title in pdf.pages[0].extract_text()
            assert document.file_size and document.file_hash
        for image in images:
            assert image.width == 800 and image.height == 450

        def files_used(slug: str) -> set[tuple[str, str]]:
            page = ContentPage.objects.get(slug=slug)
            used = [
                block.value[block.block_type]
                for block in page.body
                if block.block_type in ("document", "image")
            ]
            return {(file.title, file.audience) for file in used}

        assert {audience for _, audience in files_used("sociaal-huis")} == {
            Audience.PUBLIC
        }
        assert len(files_used("sociaal-huis")) == 2
        assert (
            "Planning signalenbundel 2027 (intern)",
            Audience.STAFF,
        ) in files_used("werknota-signalenbundel-2027")

    def test_each_audience_gets_its_files(self, client):
        staff_pdf = PortalDocument.objects.get(audience=Audience.STAFF)
        public_pdf = PortalDocument.objects.get(audience=Audience.PUBLIC)
        public_page = ContentPage.objects.get(slug="sociaal-huis")
        html = client.get(public_page.url).content.decode()
        assert public_pdf.url in html
        (picture,) = re.findall(r'<img[^>]* src="(/media/images/[^"]+)"', html)
        assert client.get(picture).status_code == 200
        assert client.get(public_pdf.url).status_code == 200
        assert client.get(staff_pdf.url).status_code == 404
        assert client.get(staff_pdf.file.url).status_code == 404

        civil_servant = User.objects.get(email="ambtenaar@demo.lokaal")
        enrol_second_factor(civil_servant)
        client.force_login(civil_servant)
        assert client.get(staff_pdf.url).status_code == 200
        staff_page = ContentPage.objects.get(slug="werknota-signalenbundel-2027")
        html = client.get(staff_page.url).content.decode()
        assert staff_pdf.url in html
        (chart,) = re.findall(r'<img[^>]* src="(/media/images/[^"]+)"', html)
        assert client.get(chart).status_code == 200
        client.logout()
        assert client.get(chart).status_code == 404

    def test_the_framework_texts_have_their_structure(self):
        texts = FrameworkTextPage.objects.live()
        assert {text.style for text in texts} == {"sections", "questions_and_answers"}
        text = texts.get(slug="kadertekst-lokaal-sociaal-beleid-wilgendonk")
        blocks = Counter(block.block_type for block in text.body)
        assert blocks["table"] and blocks["quote"] and blocks["sources"]
        assert len(text.footnotes) >= 2
        assert [section.number for section in text.outline()][:2] == ["1", "2"]
        questions = texts.get(style="questions_and_answers")
        assert Counter(b.block_type for b in questions.body)["question"] >= 6

    def test_each_audience_sees_its_own_pages_through_the_api(self, client):
        def audiences_seen() -> set[str]:
            response = client.get(
                "/api/v2/pages/",
                {"type": "cms.ContentPage", "fields": "audience", "limit": 100},
            )
            assert response.status_code == 200
            return {item["audience"] for item in response.json()["items"]}

        assert audiences_seen() == {Audience.PUBLIC}
        expected = {
            "burger@demo.lokaal": {Audience.PUBLIC},
            "partner2@demo.lokaal": {Audience.PUBLIC, Audience.PARTNERS},
            "ambtenaar@demo.lokaal": set(Audience.values),
        }
        for email, audiences in expected.items():
            user = User.objects.get(email=email)
            if user.is_staff:
                enrol_second_factor(user)
            client.force_login(user)
            assert audiences_seen() == audiences, email

    def test_the_plan_has_goals_at_every_level_with_history(self, plan):
        assert plan.live and plan.status == "running"
        assert plan.mission and plan.vision
        assert {body.name for body in plan.governing_bodies.all()} == {
            "Gemeente Wilgendonk",
            "OCMW Wilgendonk",
        }
        levels = Counter(plan.goals.values_list("level", flat=True))
        assert set(levels) == set(GoalLevel.values)
        assert levels[GoalLevel.STRATEGIC] == 6

        updates = ProgressUpdate.objects.filter(goal__plan=plan)
        assert updates.values("goal").distinct().count() >= 5
        assert set(
            updates.filter(organisation=None).values_list("author__email", flat=True)
        ) == {"ambtenaar@demo.lokaal"}
        assert {update.date.year for update in updates} >= {2025, 2026}
        for goal in plan.goals.filter(progress_updates__isnull=False).distinct():
            latest = goal.progress_updates.order_by("-date").first()
            assert (goal.status, goal.progress) == (latest.status, latest.progress)

        approvals = plan.approvals.all()
        assert {approval.body for approval in approvals} == {
            "Gemeenteraad",
            "Raad voor maatschappelijk welzijn",
        }
        assert all(approval.reference for approval in approvals)
        budgets = GoalBudget.objects.filter(goal__plan=plan)
        assert budgets.values("goal").distinct().count() >= 5
        assert budgets.filter(realised__isnull=False).exists()

    def test_partners_report_on_their_goals_over_two_years(self, plan):
        partner_reports = ProgressUpdate.objects.filter(
            goal__plan=plan, organisation__isnull=False
        )
        assert {report.organisation.name for report in partner_reports} >= {
            "Woonmaatschappij Wilgenland",
            "De Brugwachter vzw",
            "Buurtwerk Wilgendonk vzw",
        }
        housing = partner_reports.filter(
            organisation__name="Woonmaatschappij Wilgenland"
        )
        assert {report.author.email for report in housing} == {"partner2@demo.lokaal"}
        assert {report.date.year for report in partner_reports} >= {2025, 2026}

    def test_exactly_one_goal_is_not_updated_in_time(self, plan):
        stale = stale_goals(plan.goals.all())
        assert [goal.code for goal in stale] == ["TD 5.2"]
        assert "TD 1.1" in [goal.code for goal in goals_due_soon(plan.goals.all())]

    def test_the_housing_partner_has_a_contact_person_and_an_open_question(self, plan):
        housing_goals = plan.goals.filter(
            owner_organisations__name="Woonmaatschappij Wilgenland"
        ).distinct()
        assert housing_goals.exists()
        for goal in housing_goals:
            assert [person.email for person in goal.contact_persons.all()] == [
                "partner2@demo.lokaal"
            ]
        question = ProgressQuestion.objects.get(update__goal__plan=plan)
        assert question.is_open and question.update.goal.code == "OD 1.1.1"
        assert question.asked_by.email == "ambtenaar@demo.lokaal"

    def test_the_plan_is_served_with_its_goal_tree(self, plan, client):
        listing = client.get("/api/v2/pages/", {"type": "cms.PolicyPlanPage"}).json()
        assert [item["title"] for item in listing["items"]] == [plan.title]
        data = client.get(f"/api/v2/pages/{plan.pk}/").json()
        assert len(data["goals"]) == 6
        assert all(goal["children"] for goal in data["goals"])
        assert len(data["approvals"]) == 4

    def test_import_dir_brings_in_documents_beside_the_demo(
        self, tmp_path, monkeypatch
    ):
        (tmp_path / "nota.md").write_text(SMALL_DOCUMENT, encoding="utf-8")
        monkeypatch.setenv("IMPORT_DIR", str(tmp_path))

        output = load_demo()

        page = FrameworkTextPage.objects.get(title="Nota samenwerking welzijnsraad")
        assert page.live and page.get_parent().slug == "kaderteksten"
        assert str(tmp_path) in output
        assert PolicyPlanPage.objects.filter(slug="meerjarenplan-2026-2031").exists()

    def test_a_relative_import_dir_is_read_from_the_current_directory(
        self, tmp_path, monkeypatch
    ):
        folder = tmp_path / "teksten"
        folder.mkdir()
        (folder / "nota.md").write_text(SMALL_DOCUMENT, encoding="utf-8")
        monkeypatch.chdir(tmp_path)

        load_demo("--import-dir", "teksten")

        assert FrameworkTextPage.objects.filter(
            title="Nota samenwerking welzijnsraad"
        ).exists()


def test_accounts_only_prints_the_accounts_and_loads_nothing():
    output = load_demo("--accounts-only")
    for email in EMAILS:
        assert email in output
    assert PASSWORD in output
    assert not User.objects.exists()
    assert not PolicyPlanPage.objects.exists()


def test_a_missing_import_dir_is_a_command_error(tmp_path, monkeypatch):
    monkeypatch.setenv("IMPORT_DIR", str(tmp_path / "bestaat-niet"))
    with pytest.raises(CommandError, match="bestaat-niet"):
        load_demo()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"SETTINGS_MODULE": "portal.settings.production"},
        {"SETTINGS_MODULE": "portal.settings.base", "DEBUG": False},
    ],
)
def test_production_settings_are_refused_without_force(overrides):
    with override_settings(**overrides):
        with pytest.raises(CommandError, match="--force"):
            load_demo()
        assert "admin@demo.lokaal" in load_demo("--accounts-only", "--force")
    assert not User.objects.exists()
