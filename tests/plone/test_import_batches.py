"""A large import commits in batches and queues its indexing per batch, not per item:
on SQLite one long transaction held the write lock past every busy timeout."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks import task_backends
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from cms.importers.plone import Outcome, import_plone
from cms.importers.plone.mapper import PloneImporter
from cms.models import PloneItem
from search.models import IndexedDocument
from tests.plone.conftest import copy_export, edit_item
from tests.plone.test_import_plone import BASE, page_of, site_shape, target

pytestmark = pytest.mark.django_db

PER_ITEM_TASKS = {
    "update_index",  # ours
    "update_reference_index_task",  # Wagtail's reference index
    "insert_or_update_object_task",  # Wagtail's search index
}


def linked_export(base_import, tmp_path):
    """The base export with a text linking to a page and a file imported later."""
    export = copy_export(base_import, tmp_path / "export")
    edit_item(
        export,
        BASE["bar_foo"],
        text={
            "content-type": "text/html",
            "data": (
                f'<p>See <a href="resolveuid/{BASE["foo_bar"]}">a later page</a> '
                f'and <a href="../resolveuid/{BASE["pdf"]}">the PDF</a>.</p>'
            ),
        },
    )
    return export


def test_indexing_is_queued_per_batch_and_catches_up(
    home, base_import, tmp_path, settings
):
    export = linked_export(base_import, tmp_path)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    backend = task_backends["default"]
    backend.clear()
    indexed_before = IndexedDocument.objects.count()

    report = import_plone(export, batch_size=3)

    assert not report.failed and report.total(Outcome.CREATED) == 8
    names = [result.task.name for result in backend.results]
    assert not PER_ITEM_TASKS & set(names)
    assert set(names) <= {"update_index_many", "wagtail_indexes_update"}
    assert len(names) == report.tasks_queued
    # 10 items in 4 batches, plus the second passes: a handful, not ~30 per index
    assert report.tasks_queued <= 2 * 6
    assert IndexedDocument.objects.count() == indexed_before  # not indexed yet

    for result in list(backend.results):
        result.task.call(*result.args, **result.kwargs)

    call_command("search_check", stdout=io.StringIO())  # raises when they differ
    linking = page_of(BASE["bar_foo"])
    referenced = {
        (ref.to_content_type.model, ref.to_object_id)
        for ref in ReferenceIndex.get_references_for_object(linking)
    }
    assert ("page", str(page_of(BASE["foo_bar"]).pk)) in referenced
    assert ("portaldocument", str(target(BASE["pdf"]).pk)) in referenced
    # Wagtail's own search index (the admin's page search)
    pages = Page.objects.filter(pk__gt=home.pk).values_list("pk", flat=True)
    entries = IndexEntry.objects.filter(object_id__in=[str(pk) for pk in pages])
    assert entries.values("object_id").distinct().count() == len(pages)


def test_a_crash_between_batches_keeps_what_was_committed_and_a_rerun_completes(
    home, base_import, tmp_path, monkeypatch
):
    export = linked_export(base_import, tmp_path)

    def crash(self, items):
        raise RuntimeError("the process was stopped")

    monkeypatch.setattr(PloneImporter, "complete_batch", crash)
    with pytest.raises(RuntimeError):
        import_plone(export, batch_size=2)

    # every item is in (their batches were committed), files included
    assert PloneItem.objects.filter(uid=BASE["foo_bar"]).exists()
    assert default_storage.exists(target(BASE["pdf"]).file.name)
    # the text with unresolved links is marked as not done
    assert PloneItem.objects.get(uid=BASE["bar_foo"]).checksum == ""

    monkeypatch.undo()
    report = import_plone(export, batch_size=2)

    assert not report.failed
    assert report.total(Outcome.UPDATED) == 1  # the unfinished text, converted again
    html = page_of(BASE["bar_foo"]).body[0].value.source
    assert f'<a linktype="page" id="{page_of(BASE["foo_bar"]).pk}">' in html
    assert f'<a linktype="document" id="{target(BASE["pdf"]).pk}">' in html
    shape = site_shape()
    again = import_plone(export)
    assert again.total(Outcome.CREATED) == again.total(Outcome.UPDATED) == 0
    assert site_shape() == shape


def test_an_item_that_fails_in_a_batch_is_reported_and_the_batch_goes_on(
    home, base_import, tmp_path
):
    export = copy_export(base_import, tmp_path / "export")
    blob = export / "content" / BASE["logo"] / "image" / "2025.png"
    blob.write_bytes(b"not an image")

    report = import_plone(export, batch_size=2)

    assert [path for path, _reason in report.failed] == ["/bar/2025.png"]
    assert report.total(Outcome.CREATED) == 7
    assert not PloneItem.objects.filter(uid=BASE["logo"]).exists()
