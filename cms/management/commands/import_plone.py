"""manage.py import_plone PATH: bring a Plone site over, whole."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from cms.importers import ImportInputError
from cms.importers.plone import import_plone


class Command(BaseCommand):
    help = (
        "Import a Plone site from a plone.exportimport folder or collective."
        "exportimport JSON files: pages, files, images, accounts, roles, history and "
        "redirects. Safe to run again: items are matched on their Plone UID."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="export folder (or collective JSON file)")
        parser.add_argument(
            "--parent",
            help="URL path of the page to import under (default: the home page)",
        )
        parser.add_argument(
            "--slug", help="slug of the page the Plone site becomes (default: its id)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would change, save nothing",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="update every item, also those unchanged since the last import",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not show a progress bar"
        )

    def handle(self, *args, path, parent=None, slug=None, **options):
        parent_page = None
        if parent:
            parent_page = self._page_at(parent)
        try:
            report = import_plone(
                path,
                parent=parent_page,
                slug=slug,
                dry_run=options["dry_run"],
                force=options["force"],
                progress=None if options["no_progress"] else self.stderr._out,
            )
        except ImportInputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.render())
        if report.failed:
            self.stderr.write(f"{len(report.failed)} items failed (see above).")

    def _page_at(self, url_path: str) -> Page:
        wanted = "/" + url_path.strip("/") + "/" if url_path.strip("/") else "/"
        for page in Page.objects.filter(depth__gte=2).specific():
            if page.url == wanted:
                return page
        raise CommandError(f"No page at {url_path}.")
