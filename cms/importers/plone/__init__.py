"""Import a whole Plone site: `import_plone(path)` reads a plone.exportimport or
collective.exportimport export and builds the same site in the portal."""

import time
from pathlib import Path
from typing import TextIO

from django.db import transaction
from wagtail.models import Page

from cms.importers.plone.mapper import PloneImporter, delete_file
from cms.importers.plone.readers import read_export
from cms.importers.plone.report import ImportReport, Outcome, Progress
from cms.site import ensure_home_page
from search.bulk import deferred_indexing

__all__ = ["ImportReport", "Outcome", "import_plone"]


# Items per transaction. SQLite has one writer at a time: a 5,000-item import in one
# transaction held the write lock for minutes, longer than the task worker's and the
# web requests' busy timeout. A batch of 200 takes a few seconds.
BATCH_SIZE = 200


def import_plone(
    path: Path,
    *,
    parent: Page | None = None,
    slug: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: TextIO | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import the Plone export at `path` under `parent` (the home page by default):
    the Plone site becomes one page there, with everything in it below.

    Commits every `batch_size` items, and queues the indexing of each batch as one
    task per index (`search.bulk`) rather than three tasks per item. A crash between
    batches leaves the batches before it; running the import again carries on (items
    are matched on their Plone UID). With `dry_run` everything runs in one
    transaction that is rolled back, and the report tells what would have changed.
    `force` updates items even when unchanged since the last import."""
    started = time.monotonic()
    site = read_export(Path(path))
    report = ImportReport(layout=site.layout, dry_run=dry_run)
    bar = Progress(len(site.all_items()), stream=progress) if progress else None
    saved_files: list[str] = []  # files of the batch not yet committed
    try:
        importer = PloneImporter(
            site,
            parent=parent or ensure_home_page(),
            report=report,
            slug=slug,
            force=force,
            advance=bar.advance if bar else lambda: None,
            saved_files=saved_files,
        )
        if dry_run:
            with transaction.atomic(), deferred_indexing():
                importer.run()
                transaction.set_rollback(True)
        else:
            for step in importer.steps(batch_size=batch_size):
                with transaction.atomic(), deferred_indexing() as indexing:
                    step()
                    report.tasks_queued += indexing.flush()
                saved_files.clear()  # committed: the files belong to saved rows
    except BaseException:
        for name in saved_files:
            delete_file(name)
        raise
    if dry_run:
        for name in saved_files:
            delete_file(name)
    report.seconds = time.monotonic() - started
    return report
