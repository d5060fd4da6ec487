"""/api/v1/ for plans, goals, organisations and the shared vocabularies.

Thin viewsets: what a caller may see comes from `cms.selectors`, writes go through
`cms.services`. Errors use the one format of `portal.api.errors`.
"""

import django_filters
from django.db import models
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse
from wagtail.rich_text import expand_db_html

from cms.models import (
    Goal,
    GoalLevel,
    GoalStatus,
    LifeDomain,
    PlanKind,
    PlanStatus,
    PolicyPlanPage,
    SocialRight,
    TargetGroup,
)
from cms.selectors import goals_visible_to, organisations_listed, plans_visible_to
from cms.services import goal_report_progress
from portal.api.schema import NamedChoiceField, PortalAutoSchema
from portal.models import Organisation, Sector
from portal.roles import Role, roles_for

# Serializers: the public shape of each object.


class OrganisationSerializer(serializers.ModelSerializer):
    sector_label = serializers.CharField(source="get_sector_display", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "sector",
            "sector_label",
            "is_partner",
            "kbo_number",
            "website",
        ]


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class LifeDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = LifeDomain
        fields = ["slug", "name", "description", "is_cross_cutting"]


class SocialRightSerializer(serializers.ModelSerializer):
    class Meta:
        model = SocialRight
        fields = ["slug", "name", "description"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "description"]


class GoalStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalStatus
        fields = ["slug", "name", "colour", "default_progress", "is_closed"]


class GoalStatusRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalStatus
        fields = ["slug", "name", "colour"]


class TimingSerializer(serializers.Serializer):
    term = serializers.ChoiceField(
        source="timing_term",
        choices=Goal._meta.get_field("timing_term").choices,
        allow_blank=True,
    )
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    label = serializers.CharField(source="timing_display")


class GoalSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="goal-detail")
    plan = serializers.PrimaryKeyRelatedField(read_only=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True)
    level_label = serializers.SerializerMethodField()
    owners = serializers.ListField(source="owner_list", child=serializers.CharField())
    owner_organisations = OrganisationRefSerializer(many=True, read_only=True)
    timing = TimingSerializer(source="*", read_only=True)
    status = GoalStatusRefSerializer(read_only=True, allow_null=True)
    progress = serializers.IntegerField(
        source="current_progress",
        help_text="Reported percentage, or the status's default progress.",
    )
    life_domains = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    social_rights = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "url",
            "plan",
            "parent",
            "level",
            "level_label",
            "code",
            "title",
            "description",
            "theme",
            "owners",
            "owner_organisations",
            "timing",
            "priority",
            "status",
            "progress",
            "life_domains",
            "social_rights",
            "target_groups",
        ]

    def get_level_label(self, goal) -> str:
        """The plan's own name for this level (e.g. "Strategische doelstelling")."""
        return goal.plan.level_labels.get(goal.level, goal.get_level_display())


class BudgetLineSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    estimated = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    realised = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )


class ProgressUpdateSerializer(serializers.Serializer):
    """One report in a goal's history (the author is not published)."""

    id = serializers.IntegerField()
    goal = serializers.IntegerField(source="goal_id")
    date = serializers.DateField()
    status = GoalStatusRefSerializer()
    progress = serializers.IntegerField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class GoalDetailSerializer(GoalSerializer):
    budget = BudgetLineSerializer(source="budget_lines", many=True, read_only=True)
    history = ProgressUpdateSerializer(
        source="progress_updates", many=True, read_only=True
    )

    class Meta(GoalSerializer.Meta):
        fields = [*GoalSerializer.Meta.fields, "budget", "history"]


class ProgressReportSerializer(serializers.Serializer):
    """A new progress report on a goal; it becomes the goal's current state unless a
    later report exists."""

    status = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=GoalStatus.objects.all(),
        help_text="Slug of a goal status (see /api/v1/goal-statuses/).",
    )
    progress = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text="Percentage; left out, the status's default progress.",
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    date = serializers.DateField(
        required=False, help_text="Date of the report; today when left out."
    )


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


# Filters: query parameters of the lists.


class OrganisationFilter(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    is_partner = django_filters.BooleanFilter()
    q = django_filters.CharFilter(
        method="filter_q", label="Part of the name or the KBO number."
    )

    class Meta:
        model = Organisation
        fields = ["sector", "is_partner", "q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            models.Q(name__icontains=value) | models.Q(kbo_number__icontains=value)
        )


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


class TaxonomyFilterSet(django_filters.FilterSet):
    """Filters on the shared vocabularies, for models with `life_domains` and
    `target_groups` (goals, signals)."""

    life_domain = django_filters.ModelChoiceFilter(
        field_name="life_domains",
        to_field_name="slug",
        queryset=LifeDomain.objects.all(),
        label="Slug of a life domain.",
    )
    target_group = django_filters.ModelChoiceFilter(
        field_name="target_groups",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        label="Slug of a target group.",
    )


class GoalFilter(TaxonomyFilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id", label="Id of a plan.")
    level = django_filters.ChoiceFilter(choices=GoalLevel.choices)
    status = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=GoalStatus.objects.all(),
        label="Slug of a goal status.",
    )
    owner_organisation = django_filters.ModelChoiceFilter(
        field_name="owner_organisations",
        queryset=Organisation.objects.all(),
        label="Id of an organisation that carries the goal.",
    )
    due_before = django_filters.DateFilter(
        field_name="end_date", lookup_expr="lte", label="End date on or before."
    )
    due_after = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", label="End date on or after."
    )

    class Meta:
        model = Goal
        fields = [
            "plan",
            "level",
            "status",
            "life_domain",
            "target_group",
            "owner_organisation",
            "due_before",
            "due_after",
        ]


# Permissions.


class IsCivilServant(permissions.BasePermission):
    """Civil servants (staff) only; anonymous callers get 401, others 403."""

    message = "Alleen medewerkers van het lokaal bestuur kunnen dit doen."

    def has_permission(self, request, view) -> bool:
        return Role.CIVIL_SERVANT in roles_for(request.user)


# Viewsets.


class PortalViewSet(viewsets.GenericViewSet):
    schema = PortalAutoSchema()


@extend_schema_view(
    list=extend_schema(summary="Organisations (the public directory)"),
    retrieve=extend_schema(summary="One organisation"),
)
class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet
):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return organisations_listed(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Policy plans the caller may see"),
    retrieve=extend_schema(summary="One policy plan, with its goal tree"),
)
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet):
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


@extend_schema_view(
    list=extend_schema(summary="Goals and actions of the plans the caller may see"),
    retrieve=extend_schema(summary="One goal, with its budget and progress history"),
)
class GoalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet):
    filterset_class = GoalFilter

    def get_queryset(self):
        queryset = (
            goals_visible_to(self.request.user)
            .select_related("plan", "status")
            .prefetch_related(
                "owner_organisations", "life_domains", "social_rights", "target_groups"
            )
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "budget_lines", "progress_updates__status"
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return GoalDetailSerializer
        if self.action == "progress":
            return ProgressReportSerializer
        return GoalSerializer

    @extend_schema(
        summary="Report progress on a goal (civil servants)",
        request=ProgressReportSerializer,
        responses={201: ProgressUpdateSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsCivilServant],
        filterset_class=None,
    )
    def progress(self, request, pk=None):
        goal = self.get_object()
        report = ProgressReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        update = goal_report_progress(
            goal=goal, author=request.user, **report.validated_data
        )
        return Response(
            ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED
        )


class VocabularyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet
):
    """A small shared vocabulary: the whole list at once, each term by its slug."""

    lookup_field = "slug"
    pagination_class = None
    filter_backends: list = []


@extend_schema_view(
    list=extend_schema(summary="Life domains"),
    retrieve=extend_schema(summary="One life domain"),
)
class LifeDomainViewSet(VocabularyViewSet):
    queryset = LifeDomain.objects.all()
    serializer_class = LifeDomainSerializer


@extend_schema_view(
    list=extend_schema(summary="Social rights"),
    retrieve=extend_schema(summary="One social right"),
)
class SocialRightViewSet(VocabularyViewSet):
    queryset = SocialRight.objects.all()
    serializer_class = SocialRightSerializer


@extend_schema_view(
    list=extend_schema(summary="Target groups"),
    retrieve=extend_schema(summary="One target group"),
)
class TargetGroupViewSet(VocabularyViewSet):
    queryset = TargetGroup.objects.all()
    serializer_class = TargetGroupSerializer


@extend_schema_view(
    list=extend_schema(summary="Goal statuses"),
    retrieve=extend_schema(summary="One goal status"),
)
class GoalStatusViewSet(VocabularyViewSet):
    queryset = GoalStatus.objects.all()
    serializer_class = GoalStatusSerializer


def register(router) -> None:
    """Put this module's endpoints on the /api/v1/ router."""
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("life-domains", LifeDomainViewSet, basename="life-domain")
    router.register("social-rights", SocialRightViewSet, basename="social-right")
    router.register("target-groups", TargetGroupViewSet, basename="target-group")
    router.register("goal-statuses", GoalStatusViewSet, basename="goal-status")
