"""manage.py import_goals PLAN FILE.csv"""

from django.core.management.base import BaseCommand, CommandError

from cms.importers import ImportInputError, import_goals
from cms.models import PolicyPlanPage


def find_plan(reference: str) -> PolicyPlanPage:
    """The policy plan with this page id or slug."""
    plans = PolicyPlanPage.objects.all()
    if reference.isdigit():
        plan = plans.filter(pk=int(reference)).first()
        if plan is not None:
            return plan
    matches = list(plans.filter(slug=reference)[:2])
    if not matches:
        raise CommandError(f"There is no policy plan with id or slug '{reference}'.")
    if len(matches) > 1:
        raise CommandError(
            f"More than one policy plan has slug '{reference}'; use its id."
        )
    return matches[0]


class Command(BaseCommand):
    help = (
        "Create or update the goals of a policy plan from a goal-tree CSV, matched "
        "by code. Nothing is saved when a row cannot be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="Page id or slug of the plan.")
        parser.add_argument("path", metavar="FILE.csv")

    def handle(self, *args, plan, path, **options):
        page = find_plan(plan)
        try:
            result = import_goals(page, path)
        except ImportInputError as error:
            raise CommandError(str(error)) from error
        for message in result.messages:
            self.stdout.write(f"  {message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{page.title}: {result.created} goals created, {result.updated} "
                f"updated, {result.unchanged} unchanged."
            )
        )
