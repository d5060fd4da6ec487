"""Writes on a plan's reports and versions: publishing freezes a report's
figures for good; recording a version keeps the goal tree as it stood."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.followup.engine import report_figures
from cms.followup.models import PlanReport, PlanVersion
from cms.models import Goal, PolicyPlanPage
from portal.access import may_publish_report, may_record_plan_version


def report_default_title(report: PlanReport) -> str:
    if report.kind == PlanReport.Kind.EVALUATION:
        return _("Eindevaluatie %(plan)s") % {"plan": report.plan.title}
    return _("Jaarverslag %(year)s %(plan)s") % {
        "year": report.year,
        "plan": report.plan.title,
    }


@transaction.atomic
def report_draft(
    *,
    plan: PolicyPlanPage,
    year: int | None,
    title: str = "",
    introduction: str = "",
    conclusions: str = "",
) -> PlanReport:
    """A draft yearly report (or, with `year=None`, the evaluation) of `plan`."""
    kind = PlanReport.Kind.YEAR if year is not None else PlanReport.Kind.EVALUATION
    report = PlanReport(
        plan=plan,
        kind=kind,
        year=year,
        title=title,
        introduction=introduction,
        conclusions=conclusions,
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_publish(report: PlanReport, user) -> PlanReport:
    """Publish a draft: its figures are computed once more and stored, and from
    then on neither they nor the texts change. Refused for someone who may not
    publish (PermissionDenied) and for a report published already
    (ValidationError, code `published`)."""
    report = PlanReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError(_("Dit verslag is al gepubliceerd."), code="published")
    if not may_publish_report(user, report):
        raise PermissionDenied(_("Je mag dit verslag niet publiceren."))
    year = report.year if report.kind == PlanReport.Kind.YEAR else None
    report.figures = report_figures(report.plan, year=year)
    report.title = report.title or report_default_title(report)
    report.status = PlanReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user
    report.full_clean()
    report.save()
    return report


def _budget_lines(goal: Goal) -> list[dict]:
    def money(value):
        return None if value is None else str(value)

    return [
        {
            "year": line.year,
            "estimated": money(line.estimated),
            "adjusted": money(line.adjusted),
            "realised": money(line.realised),
        }
        for line in sorted(goal.budget_lines.all(), key=lambda line: line.year)
    ]


def goal_tree_snapshot(plan: PolicyPlanPage) -> list[dict]:
    """The plan's goals as they stand, flat in the plan's order, each naming its
    parent by code: enough to show the tree again when the goals have changed."""
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("status", "parent", "lead_organisation")
        .prefetch_related("budget_lines")
        .order_by("sort_order", "code", "pk")
    )
    return [
        {
            "code": goal.code,
            "title": goal.title,
            "level": goal.level,
            "parent": goal.parent.code if goal.parent else None,
            "status": goal.status.name if goal.status else None,
            "progress": goal.current_progress,
            "lead_organisation": (
                goal.lead_organisation.name if goal.lead_organisation else None
            ),
            "budget": _budget_lines(goal),
        }
        for goal in goals
    ]


@transaction.atomic
def plan_version_record(
    plan: PolicyPlanPage,
    *,
    decided_on: datetime.date,
    decision: str,
    summary: str = "",
    changed_goals: Iterable[Goal] = (),
    user=None,
) -> PlanVersion:
    """Record an adjustment of `plan` by a council decision: the next number,
    the goals it changed, and the goal tree as it stands now."""
    if user is not None and not may_record_plan_version(user):
        raise PermissionDenied(_("Je mag geen versie van een plan vastleggen."))
    changed = list(changed_goals)
    strangers = [goal.code for goal in changed if goal.plan_id != plan.pk]
    if strangers:
        raise ValidationError(
            {
                "changed_goals": _(
                    "Deze doelstellingen horen niet bij het plan: %(codes)s."
                )
                % {"codes": ", ".join(strangers)}
            }
        )
    # Lock the plan's row so two recordings do not take the same number.
    PolicyPlanPage.objects.select_for_update().filter(pk=plan.pk).exists()
    last = PlanVersion.objects.filter(plan=plan).aggregate(n=Max("number"))["n"]
    version = PlanVersion(
        plan=plan,
        number=(last or 0) + 1,
        decided_on=decided_on,
        decision=decision,
        summary=summary,
        goal_tree=goal_tree_snapshot(plan),
        created_by=user,
    )
    version.full_clean()
    version.save()
    version.changed_goals.set(changed)
    return version
