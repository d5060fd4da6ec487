"""Load the whole demo: the fictional town of Wilgendonk with its organisations, one
account per role, pages and files for each audience, its texts and plan through the
importers, and the plan's approvals, budgets and progress history.

Everything is keyed on natural keys (e-mail, organisation name, page slug, goal code,
budget year, report date), so a second run changes and duplicates nothing.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Page

from cms.bodies.demo import ensure_bodies
from cms.demo import accounts, files, pages, plan
from cms.followup.demo import ensure_plan_follow_up
from cms.importers import import_directory, import_document
from cms.indicators.demo import ensure_indicators
from cms.models import (
    Goal,
    PolicyPlanPage,
    PortalDocument,
    PortalImage,
    ProgressUpdate,
)
from cms.signals.demo import ensure_signals
from cms.site import ensure_home_page
from cms.socialmap.demo.loader import ensure_social_map
from portal.models import Membership, User
from search.bulk import deferred_indexing

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FRAMEWORK_TEXTS = [
    "kadertekst-lokaal-sociaal-beleid-wilgendonk.md",
    "afsprakenkader-partners-wilgendonk.md",
]
PLAN_DOCUMENT = "meerjarenplan-wilgendonk-2026-2031.md"


@dataclass
class DemoSummary:
    """What a run did, and what the database holds afterwards."""

    organisations_created: int = 0
    accounts_created: int = 0
    pages_created: int = 0
    files_created: int = 0
    documents: list = field(default_factory=list)
    approvals_added: int = 0
    budget_lines_changed: int = 0
    progress_reports_added: int = 0
    indicators_created: int = 0
    imported: list = field(default_factory=list)
    import_dir: Path | None = None
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        def documents(results) -> str:
            created = sum(1 for result in results if result.created)
            updated = sum(1 for r in results if r.changed and not r.created)
            return f"{len(results)} ({created} nieuw, {updated} bijgewerkt)"

        lines = [
            f"Demo Wilgendonk geladen in {self.seconds:.1f} s.",
            f"  organisaties nieuw:          {self.organisations_created}",
            f"  accounts nieuw:              {self.accounts_created}",
            f"  pagina's nieuw:              {self.pages_created}",
            f"  bestanden nieuw:             {self.files_created}",
            f"  demoteksten geïmporteerd:    {documents(self.documents)}",
            f"  goedkeuringen toegevoegd:    {self.approvals_added}",
            f"  budgetlijnen bijgewerkt:     {self.budget_lines_changed}",
            f"  voortgangsrapporten nieuw:   {self.progress_reports_added}",
            f"  indicatoren nieuw:           {self.indicators_created}",
        ]
        if self.import_dir is not None:
            lines.append(
                f"  uit {self.import_dir}: {documents(self.imported)} documenten"
            )
            for result in self.imported:
                for message in result.messages:
                    lines.append(f"    {result.page.title}: {message}")
        lines.append(
            "  in de databank: "
            + ", ".join(f"{count} {label}" for label, count in self.totals.items())
        )
        return lines


def database_totals() -> dict[str, int]:
    return {
        "pagina's": Page.objects.filter(depth__gt=1).count(),
        "documenten": PortalDocument.objects.count(),
        "afbeeldingen": PortalImage.objects.count(),
        "plannen": PolicyPlanPage.objects.count(),
        "doelstellingen": Goal.objects.count(),
        "voortgangsrapporten": ProgressUpdate.objects.count(),
        "gebruikers": User.objects.count(),
        "lidmaatschappen": Membership.objects.count(),
    }


@transaction.atomic
def load_town() -> DemoSummary:
    """The demo town itself, in one transaction, indexed once at the end (each object
    saved several times while it is built would otherwise be indexed each time)."""
    with deferred_indexing() as batch:
        summary = _build_town()
        batch.flush()
    return summary


def _build_town() -> DemoSummary:
    summary = DemoSummary()
    home = ensure_home_page(title=pages.TOWN_SITE_TITLE)
    organisations, summary.organisations_created = accounts.ensure_organisations()
    users, summary.accounts_created = accounts.ensure_accounts(organisations)
    # Editors write and moderators publish, as in the admin's workflow.
    editor = users[accounts.EDITOR_EMAIL]
    moderator = users[accounts.MODERATOR_EMAIL]
    civil_servant = users[accounts.CIVIL_SERVANT_EMAIL]
    accounts.ensure_moderation_workflow(home)

    pages.ensure_home(home, author=editor, publisher=moderator)
    summary.pages_created = pages.ensure_pages(home, author=editor, publisher=moderator)
    demo_files, summary.files_created = files.ensure_files(uploaded_by=editor)
    files.ensure_file_uses(home, demo_files, author=editor, publisher=moderator)

    for name in [*FRAMEWORK_TEXTS, PLAN_DOCUMENT]:
        summary.documents.append(
            import_document(CONTENT_DIR / name, publish=True, user=moderator)
        )
    demo_plan = summary.documents[-1].page.specific
    summary.approvals_added = plan.ensure_plan_details(
        demo_plan, author=editor, publisher=moderator
    )
    summary.budget_lines_changed = plan.ensure_budgets(demo_plan)
    summary.progress_reports_added = plan.ensure_progress_history(
        demo_plan, author=civil_servant, users=users
    )
    accounts.ensure_goal_owners(demo_plan)
    plan.ensure_goal_contacts(demo_plan, users=users)
    plan.ensure_open_question(demo_plan, asked_by=civil_servant)
    ensure_signals(home, users=users, plan=demo_plan)
    ensure_bodies(users=users, plan=demo_plan)
    ensure_social_map(user=moderator)
    summary.indicators_created = ensure_indicators(demo_plan)
    # Last: the published report counts the progress, indicators and signals above.
    ensure_plan_follow_up(demo_plan, civil_servant)
    return summary


def load_demo(*, import_dir: Path | None = None) -> DemoSummary:
    """Load the demo town, then import every document in `import_dir` (if given)."""
    started = time.monotonic()
    summary = load_town()
    if import_dir is not None:
        moderator = User.objects.get(email=accounts.MODERATOR_EMAIL)
        summary.import_dir = import_dir
        summary.imported = import_directory(import_dir, publish=True, user=moderator)
    summary.totals = database_totals()
    summary.seconds = time.monotonic() - started
    return summary
