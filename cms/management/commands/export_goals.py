"""manage.py export_goals PLAN [-o FILE.csv]"""

import io

from django.core.management.base import BaseCommand, CommandError

from cms.importers import export_goals
from cms.management.commands.import_goals import find_plan


class Command(BaseCommand):
    help = (
        "Write the goals of a policy plan as a goal-tree CSV (to standard output "
        "unless -o is given), in the columns import_goals reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="Page id or slug of the plan.")
        parser.add_argument("-o", "--output", metavar="FILE.csv")

    def handle(self, *args, plan, output, **options):
        page = find_plan(plan)
        if output is None:
            buffer = io.StringIO()
            export_goals(page, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
            return
        try:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                export_goals(page, stream)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        self.stderr.write(
            f"{page.title}: {page.goals.count()} goals written to {output}."
        )
