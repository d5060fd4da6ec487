"""manage.py import_document FILE.md [FILE.md ...] [--parent PAGE_ID] [--draft]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from cms.importers import ImportInputError, documents_in, import_documents


class Command(BaseCommand):
    help = (
        "Import framework texts and policy plans from Markdown files with YAML front "
        "matter. A folder stands for its *.md files. Importing again updates the "
        "same pages; nothing is saved when one file cannot be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE.md")
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="Put the pages under this page instead of their usual section.",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save the changes as a draft revision instead of publishing them.",
        )

    def handle(self, *args, paths, parent, draft, **options):
        parent_page = None
        if parent is not None:
            parent_page = Page.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"There is no page with id {parent}.")
        try:
            files = _expand(paths)
            results = import_documents(files, parent=parent_page, publish=not draft)
        except ImportInputError as error:
            raise CommandError(str(error)) from error
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for result in results:
            outcome = (
                "created"
                if result.created
                else ("updated" if result.changed else "unchanged")
            )
            counts[outcome] += 1
            self.stdout.write(f"{outcome}: {result.page.title} (id {result.page.pk})")
            for message in result.messages:
                self.stdout.write(f"  {message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
                + (" (drafts)" if draft else "")
                + "."
            )
        )


def _expand(paths: list[str]) -> list[Path]:
    """Files as given; a folder stands for its import documents."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(documents_in(path) if path.is_dir() else [path])
    return files
