"""Filters shared by the lists of content tagged with the shared vocabularies."""

import django_filters

from cms.models import LifeDomain, TargetGroup


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
