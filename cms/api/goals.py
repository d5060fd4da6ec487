"""/api/v1/goals/: the goals and actions of the plans a caller may see, and the
progress reports of civil servants and of the organisations that own a goal."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from cms.api.filters import TaxonomyFilterSet
from cms.api.organisations import OrganisationRefSerializer
from cms.models import Goal, GoalLevel, GoalStatus
from cms.selectors import goals_visible_to
from cms.services import goal_report_progress
from portal.access import may_report_progress, reporting_organisation_id
from portal.api.filters import IdFilter
from portal.api.viewsets import ReadOnlyPortalViewSet
from portal.models import Organisation


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
    page_url = serializers.SerializerMethodField()
    plan = serializers.PrimaryKeyRelatedField(read_only=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
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
            "page_url",
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

    def get_page_url(self, goal) -> str:
        """The goal's page on the site (its plan's audience applies)."""
        request = self.context.get("request")
        url = goal.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

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
    figures = serializers.JSONField()
    organisation = serializers.CharField(
        source="organisation.name", allow_null=True, default=None
    )
    created_at = serializers.DateTimeField()


class GoalDetailSerializer(GoalSerializer):
    budget = BudgetLineSerializer(source="budget_lines", many=True, read_only=True)
    history = ProgressUpdateSerializer(
        source="progress_updates", many=True, read_only=True
    )

    class Meta(GoalSerializer.Meta):
        fields = [*GoalSerializer.Meta.fields, "budget", "history"]


class FigureSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit = serializers.CharField(max_length=60, required=False, allow_blank=True)

    def to_internal_value(self, data):
        figure = super().to_internal_value(data)
        # Stored as JSON: a decimal becomes its exact text.
        return {**figure, "value": str(figure["value"])}


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
    figures = FigureSerializer(
        many=True,
        required=False,
        help_text="Optional figures, e.g. the number of families reached.",
    )


class GoalFilter(TaxonomyFilterSet):
    plan = IdFilter(field_name="plan_id", label="Id of a plan.")
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


@extend_schema_view(
    list=extend_schema(summary="Goals and actions of the plans the caller may see"),
    retrieve=extend_schema(summary="One goal, with its budget and progress history"),
)
class GoalViewSet(ReadOnlyPortalViewSet):
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
        permission_classes=[IsAuthenticated],
        filterset_class=None,
    )
    def progress(self, request, pk=None):
        goal = self.get_object()
        if not may_report_progress(request.user, goal):
            raise PermissionDenied(
                "Alleen medewerkers en leden van een organisatie die deze "
                "doelstelling draagt, rapporteren erover."
            )
        report = ProgressReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        update = goal_report_progress(
            goal=goal,
            author=request.user,
            organisation_id=reporting_organisation_id(request.user, goal),
            **report.validated_data,
        )
        return Response(
            ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED
        )
