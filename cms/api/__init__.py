"""/api/v1/ for plans, goals, indicators, organisations and the shared
vocabularies, one module each.

Thin viewsets: what a caller may see comes from `cms.selectors`, writes go through
`cms.services`. The shared base (errors, paging, schema, router) is `portal.api`.
"""

from cms.api.filters import TaxonomyFilterSet
from cms.api.goals import GoalViewSet
from cms.api.indicators import IndicatorViewSet
from cms.api.organisations import OrganisationRefSerializer, OrganisationViewSet
from cms.api.plans import PlanViewSet
from cms.api.vocabularies import VOCABULARIES, vocabulary_viewset

__all__ = ["OrganisationRefSerializer", "TaxonomyFilterSet", "register"]


def register(router) -> None:
    """Put this package's endpoints on the /api/v1/ router."""
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    for vocabulary in VOCABULARIES:
        router.register(
            vocabulary.prefix,
            vocabulary_viewset(vocabulary),
            basename=vocabulary.basename,
        )
