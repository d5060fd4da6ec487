"""A plan's goals as a tree, with progress rolled up from the leaves.

Built in memory from one query, so a plan page and its API never walk the tree with a
query per node.
"""

from dataclasses import dataclass, field

from cms.models.goals import Goal


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
