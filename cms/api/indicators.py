"""/api/v1/indicators/: the indicators a caller may see, with their targets, and
their values per period; civil servants and editors record values."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from cms.indicators.models import Direction, Frequency, Indicator, IndicatorValue
from cms.indicators.periods import parse_period, period_label
from cms.indicators.selectors import indicators_for
from cms.indicators.services import indicator_record_value
from cms.models import LifeDomain
from cms.selectors import goals_visible_to
from portal.access import may_record_indicator_values
from portal.api.errors import call_service
from portal.api.filters import IdFilter
from portal.api.schema import NamedChoiceField
from portal.api.viewsets import ReadOnlyPortalViewSet


class IndicatorValueSerializer(serializers.ModelSerializer):
    """One value: `period` is the first day of its year, quarter or month."""

    period_label = serializers.SerializerMethodField(
        help_text='The period as people read it: "2026", "2026 K2", "mrt 2026".'
    )

    class Meta:
        model = IndicatorValue
        fields = ["id", "period", "period_label", "value", "measured_on", "note"]

    def get_period_label(self, value) -> str:
        return period_label(value.period, value.indicator.frequency)


class IndicatorTargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    note = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="indicator-detail")
    direction = NamedChoiceField(
        enum_name="IndicatorDirection",
        choices=Direction.choices,
        help_text="Which way is better: up (higher), down (lower) or none.",
    )
    frequency = NamedChoiceField(
        enum_name="IndicatorFrequency", choices=Frequency.choices
    )
    life_domain = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    goals = serializers.SerializerMethodField(
        help_text="Ids of the goals it informs, of the plans the caller may see."
    )
    page = serializers.SerializerMethodField(help_text="The indicator's web page.")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "page",
            "name",
            "slug",
            "description",
            "unit",
            "direction",
            "source",
            "frequency",
            "life_domain",
            "decimals",
            "goals",
        ]

    def get_goals(self, indicator) -> list[int]:
        return [goal.pk for goal in indicator.visible_goals]

    def get_page(self, indicator) -> str:
        request = self.context.get("request")
        path = reverse("indicators:detail", args=[indicator.slug])
        return request.build_absolute_uri(path) if request else path


class IndicatorDetailSerializer(IndicatorSerializer):
    targets = IndicatorTargetSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "targets"]


class IndicatorValueInputSerializer(serializers.Serializer):
    """A value for a period; a value already kept for that period is replaced."""

    period = serializers.CharField(
        max_length=20,
        help_text="A year (2026), quarter (2026-K2 or 2026-Q2), month (2026-03) or "
        "day (2026-03-31), taken to the period of the indicator's frequency.",
    )
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    measured_on = serializers.DateField(
        required=False, allow_null=True, help_text="When the figure was measured."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_period(self, text: str):
        try:
            return parse_period(text, self.context["indicator"].frequency)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class IndicatorFilter(django_filters.FilterSet):
    goal = IdFilter(field_name="goals", label="Id of a goal the indicator informs.")
    life_domain = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=LifeDomain.objects.all(),
        label="Slug of a life domain.",
    )
    frequency = django_filters.ChoiceFilter(
        choices=Frequency.choices, label="How often it is measured."
    )

    class Meta:
        model = Indicator
        fields = ["goal", "life_domain", "frequency"]


@extend_schema_view(
    list=extend_schema(summary="Indicators the caller may see"),
    retrieve=extend_schema(summary="One indicator, with its targets per year"),
)
class IndicatorViewSet(ReadOnlyPortalViewSet):
    filterset_class = IndicatorFilter

    def get_queryset(self):
        goals = goals_visible_to(self.request.user).order_by("pk")
        return (
            indicators_for(self.request.user)
            .prefetch_related(
                Prefetch("goals", queryset=goals, to_attr="visible_goals")
            )
            .distinct()
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return IndicatorDetailSerializer
        if self.action == "values":
            return IndicatorValueSerializer
        return IndicatorSerializer

    @extend_schema(
        methods=["GET"],
        summary="The indicator's values, oldest period first",
        responses={200: IndicatorValueSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Record a value for a period (civil servants and editors)",
        request=IndicatorValueInputSerializer,
        responses={
            200: IndicatorValueSerializer,
            201: IndicatorValueSerializer,
        },
        description="201 when the period had no value yet, 200 when its value "
        "is replaced.",
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def values(self, request, pk=None, **kwargs):
        indicator = self.get_object()
        if request.method == "POST":
            return self._record(request, indicator)
        rows = indicator.values.order_by("period").select_related("indicator")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            IndicatorValueSerializer(page, many=True).data
        )

    def _record(self, request, indicator: Indicator) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not may_record_indicator_values(request.user):
            raise PermissionDenied(
                "Alleen medewerkers en redacteurs registreren waarden van indicatoren."
            )
        data = IndicatorValueInputSerializer(
            data=request.data, context={"indicator": indicator}
        )
        data.is_valid(raise_exception=True)
        row, created = call_service(
            indicator_record_value, indicator=indicator, **data.validated_data
        )
        return Response(
            IndicatorValueSerializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
