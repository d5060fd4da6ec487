"""/api/v1/life-domains/, social-rights/, target-groups/ and goal-statuses/: the
shared vocabularies, each the same small read-only list made by
`vocabulary_viewset`."""

from dataclasses import dataclass

from django.db import models
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from cms.models import GoalStatus, LifeDomain, SocialRight, TargetGroup
from portal.api.viewsets import ReadOnlyPortalViewSet


@dataclass(frozen=True)
class Vocabulary:
    model: type[models.Model]
    prefix: str  # the path under /api/v1/
    basename: str  # the route names: "<basename>-list", "<basename>-detail"
    fields: tuple[str, ...]
    plural: str  # the summaries in the schema
    singular: str


VOCABULARIES = (
    Vocabulary(
        LifeDomain,
        "life-domains",
        "life-domain",
        ("slug", "name", "description", "is_cross_cutting"),
        "Life domains",
        "One life domain",
    ),
    Vocabulary(
        SocialRight,
        "social-rights",
        "social-right",
        ("slug", "name", "description"),
        "Social rights",
        "One social right",
    ),
    Vocabulary(
        TargetGroup,
        "target-groups",
        "target-group",
        ("slug", "name", "description"),
        "Target groups",
        "One target group",
    ),
    Vocabulary(
        GoalStatus,
        "goal-statuses",
        "goal-status",
        ("slug", "name", "colour", "default_progress", "is_closed"),
        "Goal statuses",
        "One goal status",
    ),
)


class VocabularyViewSet(ReadOnlyPortalViewSet):
    """A small shared vocabulary: the whole list at once, each term by its slug."""

    lookup_field = "slug"
    pagination_class = None
    filter_backends: list = []


def vocabulary_serializer(vocabulary: Vocabulary) -> type[serializers.Serializer]:
    """`<Model>Serializer`: the schema names its component after the model."""
    meta = type("Meta", (), {"model": vocabulary.model, "fields": vocabulary.fields})
    name = f"{vocabulary.model.__name__}Serializer"
    return type(name, (serializers.ModelSerializer,), {"Meta": meta})


def vocabulary_viewset(vocabulary: Vocabulary) -> type[VocabularyViewSet]:
    """The read-only viewset of one vocabulary."""
    viewset = type(
        f"{vocabulary.model.__name__}ViewSet",
        (VocabularyViewSet,),
        {
            "queryset": vocabulary.model.objects.all(),
            "serializer_class": vocabulary_serializer(vocabulary),
            "__module__": __name__,
        },
    )
    return extend_schema_view(
        list=extend_schema(summary=vocabulary.plural),
        retrieve=extend_schema(summary=vocabulary.singular),
    )(viewset)
