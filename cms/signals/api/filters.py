"""The filters of /api/v1/signals/: state, life domain, target group, organisation
(submitting or merged in) and year."""

import django_filters
from django.db.models import Q

from cms.api import TaxonomyFilterSet
from cms.signals.models import Signal, SignalState
from portal.api.filters import IdFilter, YearFilter


class SignalFilter(TaxonomyFilterSet):
    state = django_filters.ChoiceFilter(choices=SignalState.choices)
    organisation = IdFilter(
        method="filter_organisation", label="Id of a carrying organisation."
    )
    year = YearFilter(
        field_name="created_at__year", label="Year the signal was raised."
    )

    class Meta:
        model = Signal
        fields = ["state", "life_domain", "target_group", "organisation", "year"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Q(organisation_id=value) | Q(co_organisations=value)
        ).distinct()
