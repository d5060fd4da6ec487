"""`manage.py load_demo`: the demo town, its accounts and content; safe to rerun."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from cms.demo.accounts import accounts_table
from cms.demo.loader import load_demo
from cms.importers import ImportInputError


def settings_module() -> str:
    # Under override_settings (tests) Django reports no module; the environment does.
    return settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")


def production_settings() -> bool:
    """Production settings, or any settings without DEBUG other than the tests'."""
    name = settings_module().rsplit(".", 1)[-1]
    return name == "production" or (not settings.DEBUG and name != "test")


def resolve_import_dir(value: str | None) -> Path | None:
    """The directory to import from, relative to the current directory; None when
    not given."""
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if not path.is_dir():
        raise CommandError(f"IMPORT_DIR {value!r} is geen bestaande map ({path}).")
    return path.resolve()


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud over de fictieve gemeente Wilgendonk: organisaties, "
        "demo-accounts, pagina's per publiek, kaderteksten en het meerjarenplan. "
        "Importeert daarna elk *.md-bestand uit IMPORT_DIR (of --import-dir). "
        "Opnieuw uitvoeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts-only",
            action="store_true",
            help="Toon enkel de tabel met demo-accounts.",
        )
        parser.add_argument(
            "--import-dir",
            help="Map met importbestanden (standaard: $IMPORT_DIR).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren met productie-instellingen.",
        )

    def handle(self, *args, **options):
        if production_settings() and not options["force"]:
            raise CommandError(
                "load_demo maakt demo-accounts met een bekend wachtwoord en weigert "
                f"te lopen met {settings_module()} (DEBUG uit). Gebruik "
                "--force als dit echt de bedoeling is."
            )
        if options["accounts_only"]:
            self.stdout.write(accounts_table())
            return

        import_dir = resolve_import_dir(
            options["import_dir"] or os.environ.get("IMPORT_DIR")
        )
        try:
            # The demo's signals walk their lifecycle, which mails the people
            # concerned: fictional addresses, and pages of console output in dev.
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
            ):
                summary = load_demo(import_dir=import_dir)
        except ImportInputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(summary.lines()))
