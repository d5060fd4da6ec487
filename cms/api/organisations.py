"""/api/v1/organisations/: the public directory of organisations."""

import django_filters
from django.db import models
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from cms.selectors import organisations_listed
from portal.api.viewsets import ReadOnlyPortalViewSet
from portal.models import Organisation, Sector


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


# An organisation named inside another object (a plan's owner, a signal's
# organisation).
class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


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


@extend_schema_view(
    list=extend_schema(summary="Organisations (the public directory)"),
    retrieve=extend_schema(summary="One organisation"),
)
class OrganisationViewSet(ReadOnlyPortalViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return organisations_listed(self.request.user)
