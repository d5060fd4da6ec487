"""The filters of the intranet's signal list and its CSV export (django-filter):
state, organisation, life domain, year, overdue, and the order. The FilterSet only
narrows the signals the view hands it, which come from
`cms.signals.selectors.signals_visible_to`; its choices are drawn from those same
signals, so a filter never names an organisation or a year the reader cannot see.
Parameter names are Dutch, as they show in the address bar."""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from cms.models import LifeDomain
from cms.signals.models import Signal, SignalState
from cms.signals.selectors import overdue_among
from portal.models import Organisation

#: The order options, each (parameter, label); the first is the default.
ORDERINGS = [
    ("-aangemaakt", _("Nieuwste eerst")),
    ("aangemaakt", _("Oudste eerst")),
    ("-gewijzigd", _("Laatst gewijzigd eerst")),
    ("referentie", _("Referentie")),
    ("titel", _("Titel (A-Z)")),
    ("organisatie", _("Organisatie (A-Z)")),
    ("status", _("Status, in de volgorde van de opvolging")),
    ("-status", _("Status, de verst gevorderde eerst")),
]


def with_state_order(signals: QuerySet[Signal]) -> QuerySet[Signal]:
    """`signals` with `state_order`, the state's place in the lifecycle (the order
    of `SignalState`), so sorting by state follows the path, not the alphabet."""
    return signals.annotate(
        state_order=Case(
            *(
                When(state=state, then=Value(place))
                for place, state in enumerate(SignalState.values)
            ),
            default=Value(len(SignalState.values)),
            output_field=IntegerField(),
        )
    )


class SignalOrdering(django_filters.OrderingFilter):
    """One order at a time, with the newest first as the tie-break, so that
    paging never shows a signal twice or skips one."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or [] if param]
        return qs.order_by(*ordering[:1], "-created_at", "-pk")


class SignalFilterForm(forms.Form):
    #: Every filter may be left open: the form style marks none as optional.
    all_optional = True


class SignalListFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="state",
        choices=SignalState.choices,
        label=_("Status"),
        empty_label=_("Alle statussen"),
    )
    organisatie = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(),  # set per reader in __init__
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisatie"),
        empty_label=_("Alle organisaties"),
    )
    levensdomein = django_filters.ModelChoiceFilter(
        field_name="life_domains",
        queryset=LifeDomain.objects.all(),
        to_field_name="slug",
        label=_("Levensdomein"),
        empty_label=_("Alle levensdomeinen"),
    )
    jaar = django_filters.ChoiceFilter(
        choices=[],  # set per reader in __init__
        method="filter_year",
        label=_("Jaar van aanmaak"),
        empty_label=_("Alle jaren"),
    )
    sorteer = SignalOrdering(
        fields=[
            ("created_at", "aangemaakt"),
            ("updated_at", "gewijzigd"),
            ("reference", "referentie"),
            ("title", "titel"),
            ("organisation__name", "organisatie"),
            ("state_order", "status"),
        ],
        choices=ORDERINGS,
        label=_("Sorteren"),
        empty_label=None,
    )

    over_tijd = django_filters.BooleanFilter(
        method="filter_overdue",
        widget=forms.CheckboxInput,
        label=_("Alleen signalen over tijd"),
        help_text=_(
            "Bezorgd aan een beleidsadressaat en na 30 dagen nog zonder "
            "beleidsantwoord."
        ),
    )

    class Meta:
        model = Signal
        fields: list[str] = []
        form = SignalFilterForm

    def __init__(self, data=None, *, queryset: QuerySet[Signal], **kwargs):
        """`queryset`: the signals the reader may see (required, so the list never
        falls back to every signal); the organisation and year choices are those
        of these signals."""
        super().__init__(data, with_state_order(queryset), **kwargs)
        self.filters["organisatie"].queryset = Organisation.objects.filter(
            Q(pk__in=queryset.values("organisation"))
            | Q(pk__in=queryset.values("co_organisations"))
        )
        years = queryset.datetimes("created_at", "year", order="DESC")
        self.filters["jaar"].extra["choices"] = [
            (str(moment.year), str(moment.year)) for moment in years
        ]

    @property
    def is_filtered(self) -> bool:
        """Whether the reader narrowed the list (the order alone does not)."""
        return any(self.data.get(name) for name in self.filters if name != "sorteer")

    def filter_organisation(self, queryset, name, value):
        """Signals the organisation raised, or carries since one of its signals
        was merged in."""
        carried = Signal.co_organisations.through.objects.filter(organisation=value)
        return queryset.filter(
            Q(organisation=value) | Q(pk__in=carried.values("signal"))
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(created_at__year=int(value))

    def filter_overdue(self, queryset, name, value):
        return overdue_among(queryset) if value else queryset
