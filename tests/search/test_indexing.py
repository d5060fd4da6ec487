"""The index follows the content: publish, unpublish, delete, move, audience change
and goal edits, through tasks that never make a save fail."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import task_backends

from portal.access.audiences import Audience
from search import tasks
from search.conf import get_backend
from search.models import IndexedDocument
from search.selectors import search_documents
from tests.factories import (
    ContentPageFactory,
    FrameworkTextPageFactory,
    GoalFactory,
    IndexPageFactory,
    PolicyPlanPageFactory,
)

pytestmark = pytest.mark.django_db


def keys(query, user=None):
    return {hit.key for hit in search_documents(query=query, user=user).hits}


def framework_body():
    return [
        {"type": "heading", "value": {"level": "2", "number": "1", "title": "Visie"}},
        {"type": "paragraph", "value": "<p>Samen werken aan welzijn.</p>"},
        {
            "type": "heading",
            "value": {"level": "3", "number": "1.1", "title": "Signaleren"},
        },
        {"type": "paragraph", "value": "<p>Basiswerkers bundelen signalen.[^1]</p>"},
    ]


def test_a_framework_text_is_found_as_a_whole_and_per_section(home):
    page = FrameworkTextPageFactory(title="Kadertekst welzijn", body=framework_body())
    key = f"cms.frameworktextpage:{page.pk}"
    assert keys("signalen") == {key, f"{key}#sectie-1-1"}
    section = IndexedDocument.objects.get(key=f"{key}#sectie-1-1")
    assert section.url == f"{page.url}#sectie-1-1"
    assert section.title == "1.1 Signaleren"
    # the text and the section it stands in: a hit reads where it is
    assert section.context == "Kadertekst welzijn › 1 Visie"
    chapter = IndexedDocument.objects.get(key=f"{key}#sectie-1")
    assert chapter.context == "Kadertekst welzijn"
    assert "bundelen" not in chapter.body  # each section holds only its own text
    assert "[^1]" not in section.body


def test_a_goal_has_its_plans_audience_its_own_page_and_liveness(home, staff_user):
    plan = PolicyPlanPageFactory(title="Plan", audience=Audience.PARTNERS)
    goal = GoalFactory(plan=plan, code="SD 2", title="Buurtfeesten herwaarderen")
    document = IndexedDocument.objects.get(key=f"cms.goal:{goal.pk}")
    assert document.audience == Audience.PARTNERS
    assert document.url == f"/doelen/{goal.pk}/sd-2/"
    assert keys("buurtfeesten") == set()
    assert keys("buurtfeesten", staff_user) == {f"cms.goal:{goal.pk}"}
    plan.unpublish()
    assert keys("buurtfeesten", staff_user) == set()
    plan.save_revision().publish()
    assert keys("buurtfeesten", staff_user) == {f"cms.goal:{goal.pk}"}
    goal.title = "Speelstraten"
    goal.save()
    assert keys("speelstraten", staff_user) == {f"cms.goal:{goal.pk}"}
    goal.delete()
    assert keys("speelstraten", staff_user) == set()


def test_drafts_are_not_indexed_until_published(home):
    page = ContentPageFactory(title="Woonbehoeftestudie", live=False)
    assert keys("woonbehoeftestudie") == set()
    page.save_revision().publish()
    assert keys("woonbehoeftestudie") == {f"cms.contentpage:{page.pk}"}
    page.title = "Nieuwe titel"
    page.save_revision()  # a draft: the index keeps the live version
    assert keys("woonbehoeftestudie") == {f"cms.contentpage:{page.pk}"}


def test_unpublish_and_delete_remove_documents(home):
    page = FrameworkTextPageFactory(title="Kadertekst", body=framework_body())
    page.unpublish()
    assert keys("signalen") == set()
    page.save_revision().publish()
    assert len(keys("signalen")) == 2
    page.delete()
    assert keys("signalen") == set()
    source = f"cms.frameworktextpage:{page.pk}"
    assert not IndexedDocument.objects.filter(source=source).exists()


def test_an_audience_change_takes_effect_when_published(home, citizen, staff_user):
    page = ContentPageFactory(title="Vergrijzing")
    assert keys("vergrijzing", citizen)
    page.audience = Audience.STAFF
    page.save_revision().publish()
    assert keys("vergrijzing", citizen) == set()
    assert keys("vergrijzing", staff_user) == {f"cms.contentpage:{page.pk}"}


def test_a_move_updates_the_urls_below(home):
    old_parent = IndexPageFactory(title="Oud")
    new_parent = IndexPageFactory(title="Nieuw")
    page = ContentPageFactory(title="Zelfredzaamheid", parent=old_parent)
    old_parent.move(new_parent, pos="last-child")
    document = IndexedDocument.objects.get(key=f"cms.contentpage:{page.pk}")
    assert document.url == "/nieuw/oud/zelfredzaamheid/"


class BrokenBackend:
    """An engine that is down: every call fails."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("search engine unreachable")

        return fail


def test_saves_succeed_with_the_engine_down_and_search_check_repairs(home, monkeypatch):
    working = get_backend()
    monkeypatch.setattr("search.services.get_backend", lambda: BrokenBackend())
    page = FrameworkTextPageFactory(title="Kinderopvang", body=framework_body())
    plan = PolicyPlanPageFactory(title="Meerjarenplan")
    goal = GoalFactory(plan=plan, title="Huisvestingsbeleid")
    page.title = "Kinderopvang en regie"
    page.save_revision().publish()
    assert page.live and goal.pk  # every save went through
    monkeypatch.setattr("search.services.get_backend", lambda: working)
    assert keys("huisvestingsbeleid") == set()

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_check", stdout=out)
    assert f"cms.goal:{goal.pk}" in out.getvalue()

    call_command("search_check", "--repair", stdout=io.StringIO())
    assert keys("huisvestingsbeleid") == {f"cms.goal:{goal.pk}"}
    assert f"cms.frameworktextpage:{page.pk}" in keys("regie")
    call_command("search_check", stdout=io.StringIO())  # clean now: no error


def test_a_failing_task_retries_later_with_back_off(home, monkeypatch, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    monkeypatch.setattr("search.services.get_backend", lambda: BrokenBackend())
    page = ContentPageFactory(title="Pagina")
    backend = task_backends["default"]
    backend.clear()
    tasks.update_index.call("cms.contentpage", page.pk, attempt=2)
    (retry,) = backend.results
    assert retry.kwargs["attempt"] == 3
    assert retry.task.run_after is not None
    backend.clear()
    tasks.update_index.call("cms.contentpage", page.pk, attempt=tasks.MAX_ATTEMPTS)
    assert backend.results == []  # given up: search_check repairs


def test_retry_delays_grow():
    delays = [tasks.retry_delay(attempt).total_seconds() for attempt in range(1, 9)]
    assert delays == sorted(delays) and delays[0] == 30 and delays[-1] == 3600


def test_search_rebuild_reports_progress(home):
    FrameworkTextPageFactory(title="Kadertekst", body=framework_body())
    IndexedDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    assert "documents indexed" in out.getvalue()
    assert len(keys("signalen")) == 2


def test_pages_and_the_search_page_answer_with_the_engine_down(
    home, client, monkeypatch
):
    page = ContentPageFactory(title="Woonbegeleiding")
    monkeypatch.setattr("search.services.get_backend", lambda: BrokenBackend())
    monkeypatch.setattr("search.selectors.get_backend", lambda: BrokenBackend())
    assert client.get(page.url).status_code == 200
    page.title = "Woonbegeleiding en zorg"
    page.save_revision().publish()  # a save goes through
    response = client.get("/zoeken/", {"q": "woonbegeleiding"})
    assert response.status_code == 503
    assert "Zoeken is even niet beschikbaar" in response.content.decode()
