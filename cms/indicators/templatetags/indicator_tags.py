"""How an indicator's figures read on a page: the number with its decimals, as
the chart and the API's labels write it."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from cms.indicators.periods import period_label

register = template.Library()


@register.filter
def figure(value, indicator) -> str:
    """A value or target written with the indicator's decimals ("1.204,5")."""
    if value is None or value == "":
        return "–"
    decimals = indicator.decimals
    rounded = round(Decimal(str(value)), decimals)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@register.filter
def period(value, indicator) -> str:
    """A period's first day as people read the period ("2026 K2")."""
    return period_label(value, indicator.frequency) if value else ""
