"""A plan's goals as a tree, with progress rolled up from the leaves.

Built in memory from one query, so a plan page and its API never walk the tree with a
query per node.
"""

import re
from dataclasses import dataclass, field

from cms.models.goals import LEVEL_DEPTH, Goal, GoalLevel


@dataclass
class GoalNode:
    goal: Goal
    level_label: str
    children: list["GoalNode"] = field(default_factory=list)

    @property
    def progress(self) -> int:
        """A leaf reports its own progress; a parent the mean of its children's."""
        if not self.children:
            return self.goal.current_progress
        return round(
            sum(child.progress for child in self.children) / len(self.children)
        )

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict:
        goal = self.goal
        status = goal.status
        return {
            "code": goal.code,
            "title": goal.title,
            "level": goal.level,
            "level_label": self.level_label,
            "description": goal.description,
            "theme": goal.theme,
            "owners": goal.owner_list,
            "timing": {
                "term": goal.timing_term or None,
                "start_date": goal.start_date.isoformat() if goal.start_date else None,
                "end_date": goal.end_date.isoformat() if goal.end_date else None,
                "label": goal.timing_display(),
            },
            "priority": goal.priority,
            "status": (
                {"slug": status.slug, "name": status.name, "colour": status.colour}
                if status
                else None
            ),
            "progress": self.progress,
            "life_domains": [term.slug for term in goal.life_domains.all()],
            "social_rights": [term.slug for term in goal.social_rights.all()],
            "target_groups": [term.slug for term in goal.target_groups.all()],
            "children": [child.as_dict() for child in self.children],
        }


def build_goal_tree(plan) -> list[GoalNode]:
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("status")
        .prefetch_related("life_domains", "social_rights", "target_groups")
        .order_by("sort_order", "code")
    )
    labels = plan.level_labels
    nodes = {
        goal.pk: GoalNode(goal, labels.get(goal.level, goal.level)) for goal in goals
    }
    roots = []
    for goal in goals:
        node = nodes[goal.pk]
        parent = nodes.get(goal.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


DEFAULT_CODE_PREFIXES = {
    GoalLevel.STRATEGIC: "SD",
    GoalLevel.TACTICAL: "TD",
    GoalLevel.OPERATIONAL: "OD",
    GoalLevel.ACTION: "A",
}
_CODE = re.compile(r"^\s*(?P<prefix>[^\d\s]+)\s*(?P<number>\d+(?:\.\d+)*)\s*$")


def child_level(parent: Goal | None) -> str:
    """The level one below `parent` (a strategic goal without a parent)."""
    if parent is None:
        return GoalLevel.STRATEGIC
    depth = LEVEL_DEPTH[parent.level] + 1
    return next(
        (level for level, d in LEVEL_DEPTH.items() if d == depth), GoalLevel.ACTION
    )


def goal_code_suggestion(*, plan, parent: Goal | None) -> str:
    """The code a new goal under `parent` gets by its position: the level's prefix
    as the plan uses it, the parent's number and the next free number ("TD 1.3"
    under "SD 1" with two tactical goals). Editors may type another: codes stay
    unique per plan, which the form checks."""
    level = child_level(parent)
    codes = set(Goal.objects.filter(plan=plan).values_list("code", flat=True))
    prefix = DEFAULT_CODE_PREFIXES[level]
    sibling = Goal.objects.filter(plan=plan, level=level).first()
    if sibling and (match := _CODE.match(sibling.code)):
        prefix = match["prefix"]
    stem = ""
    if parent is not None and (match := _CODE.match(parent.code)):
        stem = match["number"] + "."
    siblings = Goal.objects.filter(plan=plan, parent=parent).count()
    number = siblings + 1
    while f"{prefix} {stem}{number}" in codes:
        number += 1
    return f"{prefix} {stem}{number}"
