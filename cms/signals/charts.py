"""The figures behind the intranet's signal charts: signals per life domain per
year, and how many signals stand in each state. Each chart has a table alternative
in the template; the numbers come from the visible signals only."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from cms.signals.models import SignalState
from cms.signals.selectors import signals_visible_to


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int  # of the largest bar, for the bar's width


def _bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _label, value in pairs), default=0) or 1
    return [Bar(label, value, round(100 * value / top)) for label, value in pairs]


def signals_per_state(user) -> list[Bar]:
    counts = Counter(
        dict(
            signals_visible_to(user)
            .values_list("state")
            .annotate(total=Count("pk"))
            .values_list("state", "total")
        )
    )
    return _bars([(label, counts[state]) for state, label in SignalState.choices])


def signals_per_domain_per_year(user) -> tuple[list[int], list[dict]]:
    """The years, and per life domain its count in each year."""
    rows = (
        signals_visible_to(user)
        .exclude(state=SignalState.DRAFT)
        .annotate(year=ExtractYear("created_at"))
        .values_list("life_domains__name", "year")
        .annotate(total=Count("pk", distinct=True))
    )
    years = sorted({year for _domain, year, _total in rows})
    table: dict[str, dict[int, int]] = {}
    for domain, year, total in rows:
        table.setdefault(domain or str(_("Zonder levensdomein")), {})[year] = total
    top = max((t for counts in table.values() for t in counts.values()), default=1)
    return years, [
        {
            "domain": domain,
            "counts": [
                Bar(
                    str(year),
                    counts.get(year, 0),
                    round(100 * counts.get(year, 0) / top),
                )
                for year in years
            ],
        }
        for domain, counts in sorted(table.items())
    ]
