"""Query-parameter filters of the API's lists, bounded so no value can reach the
database that it cannot hold: django-filter's `NumberFilter` takes any decimal,
and a number past 64 bits or a year outside the calendar ends in a 500 there."""

import django_filters
from django import forms

from portal.api.viewsets import MAX_ID

MIN_YEAR = 1900
MAX_YEAR = 2200


class BoundedIntegerFilter(django_filters.Filter):
    """A whole number between `min_value` and `max_value`; anything else is a 400
    naming the parameter."""

    field_class = forms.IntegerField
    min_value: int
    max_value: int

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", self.min_value)
        kwargs.setdefault("max_value", self.max_value)
        super().__init__(*args, **kwargs)
        # The schema drf-spectacular gives this parameter (what
        # `extend_schema_field` sets, but per filter, so it keeps its label).
        self._spectacular_annotation = {
            "field": {
                "type": "integer",
                "minimum": self.extra["min_value"],
                "maximum": self.extra["max_value"],
                "description": str(self.label or ""),
            }
        }


class IdFilter(BoundedIntegerFilter):
    """The id of an object."""

    min_value = 1
    max_value = MAX_ID


class YearFilter(BoundedIntegerFilter):
    """A calendar year, within the years the portal can hold."""

    min_value = MIN_YEAR
    max_value = MAX_YEAR
