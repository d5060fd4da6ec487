"""Rebuild the search index from the database, with a progress bar."""

import time

from django.core.management.base import BaseCommand

from search.conf import backend_path
from search.services import index_rebuild, objects_to_index


class ProgressBar:
    def __init__(self, stream, total_objects: int, width: int = 30):
        self.stream, self.width = stream, width
        self.total_objects = max(total_objects, 1)
        self.done = 0
        self.interactive = getattr(stream, "isatty", lambda: False)()

    def __call__(self, count: int) -> None:
        self.done += count
        if self.interactive:
            # Documents outnumber objects (sections, goals): the bar is an estimate.
            share = min(self.done / (self.total_objects * 4), 0.99)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done} documents")
            self.stream.flush()
        else:
            self.stream.write(f"{self.done} documents indexed\n")


class Command(BaseCommand):
    help = "Rebuild the search index from the database (searches keep working)."

    def handle(self, *args, **options):
        started = time.monotonic()
        self.stdout.write(f"Rebuilding the search index ({backend_path()})")
        progress = ProgressBar(self.stdout, objects_to_index())
        total = index_rebuild(progress=progress)
        if progress.interactive:
            self.stdout.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"{total} documents indexed in {elapsed:.1f} s.")
        )
