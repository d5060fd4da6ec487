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

__all__ = ["ImportReport", "Outcome", "import_plone"]


def import_plone(
    path: Path,
    *,
    parent: Page | None = None,
    slug: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: TextIO | None = None,
) -> ImportReport:
    """Import the Plone export at `path` under `parent` (the home page by default):
    the Plone site becomes one page there, with everything in it below. Runs in one
    transaction; with `dry_run` it is rolled back and the report tells what would
    have changed. `force` updates items even when unchanged since the last import."""
    started = time.monotonic()
    site = read_export(Path(path))
    report = ImportReport(layout=site.layout, dry_run=dry_run)
    bar = Progress(len(site.all_items()), stream=progress) if progress else None
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            importer = PloneImporter(
                site,
                parent=parent or ensure_home_page(),
                report=report,
                slug=slug,
                force=force,
                advance=bar.advance if bar else lambda: None,
                saved_files=saved_files,
            )
            importer.run()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        for name in saved_files:
            delete_file(name)
        raise
    if dry_run:
        for name in saved_files:
            delete_file(name)
    report.seconds = time.monotonic() - started
    return report
