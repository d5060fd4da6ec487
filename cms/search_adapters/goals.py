"""Goals and actions in the one search index: each is found at its own page
(`/doelen/<id>/<code>/`), with its plan's audience and liveness."""

from cms.models import Goal
from cms.models.goals import code_slug
from cms.search_adapters.pages import clean
from portal.access import page_audience
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register


def goal_anchor(code: str) -> str:
    """The id of the goal's panel on its plan's page."""
    return "doel-" + code_slug(code)


@register(Goal)
class GoalAdapter(Adapter):
    """A goal or action, found at its own page."""

    def queryset(self):
        return (
            Goal.objects.filter(plan__live=True)
            .select_related("plan", "plan__owner_organisation")
            .prefetch_related("life_domains", "target_groups", "social_rights")
        )

    def is_indexable(self, goal) -> bool:
        return bool(goal.plan.live)

    def documents(self, goal):
        plan = goal.plan
        day = goal.start_date
        body = " ".join(
            [
                goal.get_level_display(),
                goal.description,
                goal.theme,
                goal.owners,
                " ".join(right.name for right in goal.social_rights.all()),
            ]
        )
        yield SearchDocument(
            key=object_key(goal),
            kind=DocumentKind.GOAL,
            title=clean(f"{goal.code} {goal.title}"),
            body=clean(body),
            url=goal.get_absolute_url(),
            audience=page_audience(plan),
            life_domains=tuple(domain.name for domain in goal.life_domains.all()),
            target_groups=tuple(group.name for group in goal.target_groups.all()),
            organisation=plan.owner_organisation.name
            if plan.owner_organisation
            else "",
            date=day,
            year=day.year if day else plan.start_year,
            context=plan.title,
        )
