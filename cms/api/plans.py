"""/api/v1/plans/: the policy plans a caller may see, each with its goal tree."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.reverse import reverse
from wagtail.rich_text import expand_db_html

from cms.api.goals import GoalStatusRefSerializer
from cms.api.organisations import OrganisationRefSerializer
from cms.models import GoalLevel, LifeDomain, PlanKind, PlanStatus, PolicyPlanPage
from cms.selectors import plans_visible_to
from portal.api.schema import NamedChoiceField
from portal.api.viewsets import ReadOnlyPortalViewSet


class GoalNodeSerializer(serializers.Serializer):
    """A node of a plan's goal tree; a parent's progress is its children's mean."""

    id = serializers.IntegerField(source="goal.pk")
    code = serializers.CharField(source="goal.code")
    title = serializers.CharField(source="goal.title")
    level = serializers.ChoiceField(source="goal.level", choices=GoalLevel.choices)
    level_label = serializers.CharField()
    status = GoalStatusRefSerializer(source="goal.status", allow_null=True)
    progress = serializers.IntegerField()

    def get_fields(self):
        fields = super().get_fields()
        fields["children"] = GoalNodeSerializer(many=True)
        return fields


class PlanApprovalSerializer(serializers.Serializer):
    body = serializers.CharField()
    date = serializers.DateField()
    reference = serializers.CharField()


class PlanSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="plan-detail")
    web_url = serializers.SerializerMethodField()
    owner_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    life_domains = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    plan_kind = NamedChoiceField(
        choices=PlanKind.choices, enum_name="PlanKindEnum", read_only=True
    )
    status = NamedChoiceField(
        choices=PlanStatus.choices, enum_name="PlanStatusEnum", read_only=True
    )
    goals = serializers.SerializerMethodField()

    class Meta:
        model = PolicyPlanPage
        fields = [
            "id",
            "url",
            "web_url",
            "title",
            "slug",
            "audience",
            "plan_kind",
            "status",
            "start_year",
            "end_year",
            "summary",
            "owner_organisation",
            "life_domains",
            "goals",
        ]

    def get_web_url(self, plan) -> str | None:
        """The plan's page on the portal."""
        return plan.get_full_url(self.context.get("request"))

    def get_goals(self, plan) -> str:
        """The plan's goals as a flat, filterable list."""
        url = reverse("goal-list", request=self.context.get("request"))
        return f"{url}?plan={plan.pk}"


class PlanDetailSerializer(PlanSerializer):
    governing_bodies = OrganisationRefSerializer(many=True, read_only=True)
    approvals = PlanApprovalSerializer(many=True, read_only=True)
    mission = serializers.SerializerMethodField()
    vision = serializers.SerializerMethodField()
    level_labels = serializers.DictField(child=serializers.CharField())
    goal_tree = GoalNodeSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "governing_bodies",
            "approvals",
            "timing_terms",
            "mission",
            "vision",
            "level_labels",
            "goal_tree",
        ]

    def get_mission(self, plan) -> str:
        """HTML."""
        return expand_db_html(plan.mission)

    def get_vision(self, plan) -> str:
        """HTML."""
        return expand_db_html(plan.vision)


class PlanFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)
    plan_kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    life_domain = django_filters.ModelChoiceFilter(
        field_name="life_domains",
        to_field_name="slug",
        queryset=LifeDomain.objects.all(),
        label="Slug of a life domain.",
    )

    class Meta:
        model = PolicyPlanPage
        fields = ["status", "plan_kind", "life_domain"]


@extend_schema_view(
    list=extend_schema(summary="Policy plans the caller may see"),
    retrieve=extend_schema(summary="One policy plan, with its goal tree"),
)
class PlanViewSet(ReadOnlyPortalViewSet):
    filterset_class = PlanFilter

    def get_queryset(self):
        queryset = plans_visible_to(self.request.user).select_related(
            "owner_organisation"
        )
        if self.action == "retrieve":
            return queryset.prefetch_related(
                "life_domains", "governing_bodies", "approvals"
            )
        return queryset.prefetch_related("life_domains").order_by("-start_year", "pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PlanDetailSerializer
        return PlanSerializer
