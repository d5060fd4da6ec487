"""Reads of a plan's reports and versions, filtered by who asks
(`portal.access.reports`)."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from cms.followup.models import PlanReport, PlanVersion
from cms.models import GoalLevel, PolicyPlanPage
from cms.selectors import plans_visible_to
from portal.access import (
    plan_versions_visible_to,
    report_is_visible_to,
    reports_visible_to,
)


def plan_visible_to(user, plan_id: int) -> PolicyPlanPage | None:
    return plans_visible_to(user).filter(pk=plan_id).first()


def plan_reports_visible_to(user, plan: PolicyPlanPage) -> QuerySet[PlanReport]:
    """The plan's reports this user may see: the evaluation first, then the years,
    newest first."""
    return reports_visible_to(user, PlanReport.objects.filter(plan=plan)).order_by(
        "-kind", "-year"
    )


def plan_versions_of(user, plan: PolicyPlanPage) -> QuerySet[PlanVersion]:
    return plan_versions_visible_to(user, PlanVersion.objects.filter(plan=plan))


def report_for(
    user, plan_id: int, *, year: int | None
) -> tuple[PolicyPlanPage | None, PlanReport | None]:
    """The plan (if visible) and its report for `year` (None: the evaluation), if
    this user may see it."""
    plan = plan_visible_to(user, plan_id)
    if plan is None:
        return None, None
    reports = PlanReport.objects.filter(plan=plan).select_related("plan")
    if year is None:
        report = reports.filter(kind=PlanReport.Kind.EVALUATION).first()
    else:
        report = reports.filter(kind=PlanReport.Kind.YEAR, year=year).first()
    if report is None or not report_is_visible_to(user, report):
        return plan, None
    return plan, report


@dataclass
class SnapshotNode:
    entry: dict
    level_label: str
    changed: bool = False
    children: list["SnapshotNode"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def version_tree(version: PlanVersion, changed_codes: set[str]) -> list[SnapshotNode]:
    """The version's frozen goal tree, nested again by parent code."""
    labels = {**dict(GoalLevel.choices), **version.plan.level_labels}
    nodes = {
        entry["code"]: SnapshotNode(
            entry=entry,
            level_label=str(labels.get(entry["level"], entry["level"])),
            changed=entry["code"] in changed_codes,
        )
        for entry in version.goal_tree
    }
    roots = []
    for entry in version.goal_tree:
        node = nodes[entry["code"]]
        parent = nodes.get(entry.get("parent") or "")
        (parent.children if parent else roots).append(node)
    return roots


@dataclass(frozen=True)
class VersionChanges:
    """How a version's goal tree differs from the version before it."""

    added: list[str]
    removed: list[str]
    changed: list[str]


def version_changes(version: PlanVersion) -> VersionChanges | None:
    """The codes added, removed or changed (title, level, parent, budget) since
    the previous version; None for the first."""
    previous = (
        PlanVersion.objects.filter(plan_id=version.plan_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None
    before = {entry["code"]: entry for entry in previous.goal_tree}
    after = {entry["code"]: entry for entry in version.goal_tree}
    keys = ("title", "level", "parent", "budget", "lead_organisation")
    return VersionChanges(
        added=[code for code in after if code not in before],
        removed=[code for code in before if code not in after],
        changed=[
            code
            for code, entry in after.items()
            if code in before
            and any(entry.get(key) != before[code].get(key) for key in keys)
        ],
    )
