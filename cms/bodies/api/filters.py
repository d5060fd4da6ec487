"""The filters of /api/v1/meetings/ (body, from, to) and /api/v1/advice/ (body,
state, kind, overdue, year). Days are days in Brussels, the site's time zone."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from cms.bodies.models import Advice, AdviceKind, AdviceState, Meeting
from cms.bodies.selectors import overdue_advice
from cms.bodies.terms import start_of_day
from portal.api.filters import MAX_YEAR, MIN_YEAR, IdFilter, YearFilter


class CalendarDateField(forms.DateField):
    """A date as YYYY-MM-DD within the years the portal holds: a date at the edge
    of the calendar cannot be turned into a moment in Brussels."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Geef een datum als JJJJ-MM-DD."}

    def validate(self, value):
        super().validate(value)
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                f"Geef een datum tussen {MIN_YEAR} en {MAX_YEAR}.", code="invalid"
            )


class CalendarDateFilter(django_filters.Filter):
    field_class = CalendarDateField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._spectacular_annotation = {
            "field": {
                "type": "string",
                "format": "date",
                "description": str(self.label or ""),
            }
        }


class TrueFalseField(forms.Field):
    """`true` or `false` (also 1/0), nothing else: a typo is refused, not read as
    "no filter"."""

    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return self.VALUES[str(value).strip().lower()]
        except KeyError:
            raise forms.ValidationError(
                "Kies 'true' of 'false'.", code="invalid"
            ) from None


class TrueFalseFilter(django_filters.Filter):
    field_class = TrueFalseField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._spectacular_annotation = {
            "field": {"type": "boolean", "description": str(self.label or "")}
        }


class MeetingFilter(django_filters.FilterSet):
    body = IdFilter(field_name="body_id", label="Id of a body.")

    class Meta:
        model = Meeting
        fields = ["body"]

    def filter_from(self, queryset, name, value: datetime.date):
        return queryset.filter(starts_at__gte=start_of_day(value))

    def filter_to(self, queryset, name, value: datetime.date):
        return queryset.filter(
            starts_at__lt=start_of_day(value + datetime.timedelta(days=1))
        )


# `from` is a Python keyword: these two are put on the filter set by name.
MeetingFilter.base_filters["from"] = CalendarDateFilter(
    method="filter_from", label="Meetings starting on or after this day (Brussels)."
)
MeetingFilter.base_filters["to"] = CalendarDateFilter(
    method="filter_to", label="Meetings starting on or before this day (Brussels)."
)


class AdviceFilter(django_filters.FilterSet):
    body = IdFilter(field_name="body_id", label="Id of a body.")
    state = django_filters.ChoiceFilter(choices=AdviceState.choices)
    kind = django_filters.ChoiceFilter(choices=AdviceKind.choices)
    overdue = TrueFalseFilter(
        method="filter_overdue",
        label="true: only advice whose term has passed; false: none of those.",
    )
    year = YearFilter(
        method="filter_year",
        label="Year the advice was asked (own initiative: started).",
    )

    class Meta:
        model = Advice
        fields = ["body", "state", "kind", "overdue", "year"]

    def filter_overdue(self, queryset, name, value: bool | None):
        if value is None:
            return queryset
        late = overdue_advice(timezone.localdate(), Advice.objects.all()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_year(self, queryset, name, value: int):
        return queryset.filter(
            Q(asked_on__year=value) | Q(asked_on__isnull=True, created_at__year=value)
        )
