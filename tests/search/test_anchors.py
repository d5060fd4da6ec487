"""Every search hit lands where it says: for every document the index holds for the
demo town and the imported seed texts, its page opens for a reader who may see it,
and the fragment of its address is the id of an element on that page."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client

from cms.importers import import_directory
from portal.access.roles import requires_second_factor
from search.documents import DocumentKind
from search.registry import all_documents
from search.selectors import visibility_for
from tests.conftest import SEEDS_DIR, demo_loaded
from tests.factories import enrol_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]


@pytest.fixture(scope="module")
def demo_and_seeds(django_db_setup, django_db_blocker):
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    with (
        demo_loaded(django_db_blocker),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        for user in get_user_model().objects.all():
            if requires_second_factor(user):
                enrol_second_factor(user)
        import_directory(SEEDS_DIR)
        yield
        transaction.set_rollback(True)


def _sees(visibility, document) -> bool:
    """What the engines filter on (`search.backends`): the audience, and for an
    item narrowed to circles, one of them."""
    if document.audience not in visibility.audiences:
        return False
    return not document.circles or bool(set(document.circles) & set(visibility.circles))


def _readers() -> list:
    """Anonymous first, then every account: the first who may see a document reads
    it."""
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    readers = [AnonymousUser(), *users]
    return [(reader, visibility_for(reader)) for reader in readers]


def test_every_hit_address_opens_on_an_element_of_its_page(demo_and_seeds):
    documents = list(all_documents())
    kinds = {document.kind for document in documents}
    assert {
        DocumentKind.FRAMEWORK_SECTION,
        DocumentKind.PLAN_SECTION,
        DocumentKind.GOAL,
        DocumentKind.SIGNAL,
        DocumentKind.ADVICE,
        DocumentKind.SERVICE,
    } <= kinds
    assert any(document.url.endswith("#huisvesting") for document in documents)
    with_fragment = [
        document for document in documents if urlsplit(document.url).fragment
    ]
    assert len(with_fragment) > 100

    readers = _readers()
    pages: dict[tuple, tuple[int, set[str]]] = {}
    failures = []
    for document in documents:
        reader = next(
            (user for user, visibility in readers if _sees(visibility, document)),
            None,
        )
        if reader is None:
            failures.append(f"{document.key}: no account may see it")
            continue
        parts = urlsplit(document.url)
        page_key = (getattr(reader, "pk", None), parts.path, parts.query)
        if page_key not in pages:
            client = Client()
            if reader.is_authenticated:
                client.force_login(reader)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            response = client.get(path)
            ids: set[str] = set()
            if response.status_code == 200 and "html" in response.get("Content-Type"):
                soup = BeautifulSoup(response.content, "html.parser")
                ids = {element["id"] for element in soup.find_all(id=True)}
            status = response.status_code
            if status != 200:
                status = f"{status} {response.get('Location', '')}".strip()
            pages[page_key] = (status, ids)
        status, ids = pages[page_key]
        if status != 200:
            failures.append(f"{document.key}: {document.url} answers {status}")
        elif parts.fragment and parts.fragment not in ids:
            failures.append(f"{document.key}: no id '{parts.fragment}' on {parts.path}")
    assert not failures, "\n".join(failures)
