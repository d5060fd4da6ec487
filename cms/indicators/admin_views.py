"""The admin of indicators, in the "Plannen opvolgen" menu: the definitions, and
their values and targets as lists of their own, filtered per indicator (the
indicator's listing links to them). A value's period is taken to the first day
of its period, as the services do for the import and the API."""

import django_filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from cms.indicators.periods import period_label, period_start


class IndicatorValueForm(WagtailAdminModelForm):
    """Takes the period to the first day of its year, quarter or month before
    the value is checked (so a second value for a period is refused as such)."""

    def clean(self):
        data = super().clean()
        indicator, period = data.get("indicator"), data.get("period")
        if indicator and period:
            data["period"] = period_start(period, indicator.frequency)
            self.instance.period = data["period"]
        return data


class LinkColumn(Column):
    """A link to the values or targets of the row's indicator. (Not named
    "values": the table template reads `columns.values`.)"""

    def __init__(self, name, *, relation: str, url_name: str, **kwargs):
        self.relation, self.url_name = relation, url_name
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        count = getattr(instance, self.relation).count()
        url = reverse(self.url_name) + f"?indicator={instance.pk}"
        return format_html('<a href="{}">{} ({})</a>', url, self.label, count)


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "doc-full"
    menu_label = _("Indicatoren")
    list_filter = ["frequency", "audience", "life_domain"]
    search_fields = ["name", "description"]
    list_display = [
        "name",
        "unit",
        "frequency",
        "audience",
        LinkColumn(
            "value_link",
            relation="values",
            label=_("Waarden"),
            url_name="wagtailsnippets_indicators_indicatorvalue:list",
        ),
        LinkColumn(
            "target_link",
            relation="targets",
            label=_("Streefwaarden"),
            url_name="wagtailsnippets_indicators_indicatortarget:list",
        ),
    ]


class IndicatorValueFilterSet(WagtailFilterSet):
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), label=_("Indicator")
    )

    class Meta:
        model = IndicatorValue
        fields = ["indicator"]


class IndicatorTargetFilterSet(IndicatorValueFilterSet):
    class Meta:
        model = IndicatorTarget
        fields = ["indicator"]


class PeriodColumn(Column):
    def get_value(self, instance):
        return period_label(instance.period, instance.indicator.frequency)


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in ("indicator", "period", "value", "measured_on", "note")
        ],
        base_form_class=IndicatorValueForm,
    )
    icon = "table"
    menu_label = _("Waarden van indicatoren")
    filterset_class = IndicatorValueFilterSet
    list_display = [
        "indicator",
        PeriodColumn("period", label=_("Periode")),
        "value",
        "measured_on",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return IndicatorValue.objects.select_related("indicator")


class IndicatorTargetViewSet(SnippetViewSet):
    model = IndicatorTarget
    panels = [FieldPanel(name) for name in ("indicator", "year", "value", "note")]
    icon = "flag"
    menu_label = _("Streefwaarden van indicatoren")
    filterset_class = IndicatorTargetFilterSet
    list_display = ["indicator", "year", "value"]
    list_per_page = 50
