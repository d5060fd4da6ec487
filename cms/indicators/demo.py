"""Five indicators of the fictional town of Wilgendonk, with values for 2023-2026
and targets for 2026-2031, linked to goals of its plan. Every figure is made up.

Keyed on natural keys (slug, period, year, goal code): a second run changes and
duplicates nothing.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from cms.indicators.models import Direction, Frequency, Indicator
from cms.indicators.services import indicator_record_value, indicator_set_target
from cms.models import LifeDomain, PolicyPlanPage
from portal.access import Audience


@dataclass(frozen=True)
class DemoIndicator:
    slug: str
    name: str
    description: str
    unit: str
    direction: str
    source: str
    life_domain: str
    goals: tuple[str, ...]
    #: period text (2026, or 2026-K2 for quarterly) -> value
    values: dict[str, str]
    targets: dict[int, str]
    frequency: str = Frequency.YEARLY
    decimals: int = 0
    audience: str = Audience.PUBLIC
    notes: dict[str, str] = field(default_factory=dict)


def _quarters(first_year: int, figures: list[int]) -> dict[str, str]:
    return {
        f"{first_year + index // 4}-K{index % 4 + 1}": str(value)
        for index, value in enumerate(figures)
    }


INDICATORS = [
    DemoIndicator(
        slug="gezinnen-met-huurachterstal",
        name="Gezinnen met huurachterstal",
        description="Huishoudens die het sociaal huis opvolgt omdat ze twee maanden "
        "of meer huur achterstaan, op 31 december.",
        unit="gezinnen",
        direction=Direction.DOWN,
        source="Registratie sociaal huis en Woonmaatschappij Wilgenland",
        life_domain="wonen",
        goals=("TD 1.2", "OD 1.2.1"),
        values={"2023": "138", "2024": "151", "2025": "144", "2026": "129"},
        targets={
            2026: "135",
            2027: "125",
            2028: "115",
            2029: "105",
            2030: "95",
            2031: "85",
        },
        notes={"2026": "Voorlopig cijfer: de woonmaatschappij levert in februari."},
    ),
    DemoIndicator(
        slug="bereik-sociale-dienst",
        name="Inwoners bereikt door de sociale dienst",
        description="Inwoners met minstens één contact met het sociaal huis of de "
        "sociale dienst van het OCMW in het jaar.",
        unit="inwoners",
        direction=Direction.UP,
        source="Cliëntregistratie OCMW",
        life_domain="inkomen",
        goals=("TD 2.2",),
        values={"2023": "1840", "2024": "1915", "2025": "2068", "2026": "2190"},
        targets={
            2026: "2150",
            2027: "2250",
            2028: "2350",
            2029: "2450",
            2030: "2550",
            2031: "2650",
        },
    ),
    DemoIndicator(
        slug="wachttijd-budgetbegeleiding",
        name="Wachttijd voor budgetbegeleiding",
        description="Gemiddeld aantal kalenderdagen tussen de aanmelding en het "
        "eerste gesprek bij de dienst schuldhulpverlening.",
        unit="dagen",
        direction=Direction.DOWN,
        source="Registratie dienst schuldhulpverlening OCMW",
        life_domain="inkomen",
        goals=("TD 2.3",),
        values={"2023": "46", "2024": "52", "2025": "41", "2026": "37"},
        targets={
            2026: "35",
            2027: "30",
            2028: "28",
            2029: "25",
            2030: "21",
            2031: "21",
        },
    ),
    DemoIndicator(
        slug="partners-tijdig-gerapporteerd",
        name="Partners die tijdig rapporteren",
        description="Aandeel van de partners met een gedragen doelstelling dat zijn "
        "voortgangsrapport binnen de termijn bezorgt.",
        unit="%",
        direction=Direction.UP,
        source="Opvolging meerjarenplan, dienst welzijn",
        life_domain="leefbaarheid",
        goals=("SD 6", "TD 6.2"),
        values={"2023": "61.5", "2024": "66.7", "2025": "72.2", "2026": "70.6"},
        targets={
            2026: "75",
            2027: "80",
            2028: "85",
            2029: "90",
            2030: "90",
            2031: "95",
        },
        decimals=1,
        audience=Audience.STAFF,
    ),
    DemoIndicator(
        slug="outreachcontacten",
        name="Outreachcontacten in de wijken",
        description="Gesprekken van de outreachwerkers met inwoners die de weg naar "
        "hulp niet zelf vinden, per kwartaal.",
        unit="contacten",
        direction=Direction.UP,
        source="Registratie Buurtwerk Wilgendonk",
        life_domain="leefbaarheid",
        goals=("TD 5.2",),
        frequency=Frequency.QUARTERLY,
        values=_quarters(
            2023,
            [84, 97, 71, 102, 110, 118, 93, 125, 131, 140, 112, 149, 152, 158, 137],
        ),
        targets={
            2026: "160",
            2027: "170",
            2028: "180",
            2029: "190",
            2030: "200",
            2031: "210",
        },
    ),
]


def _period(text: str, frequency: str) -> datetime.date:
    year, _sep, quarter = text.partition("-K")
    month = 3 * int(quarter) - 2 if quarter else 1
    return datetime.date(int(year), month, 1)


def _measured_on(period: datetime.date, frequency: str) -> datetime.date:
    """A plausible day of measurement: some weeks after the period ends, or today
    for a period still running (a provisional figure)."""
    if frequency == Frequency.QUARTERLY:
        month = period.month + 3
        year = period.year + (month > 12)
        day = datetime.date(year, (month - 1) % 12 + 1, 20)
    else:
        day = datetime.date(period.year + 1, 2, 15)
    return max(period, min(day, timezone.localdate()))


def ensure_indicators(plan: PolicyPlanPage) -> int:
    """The demo indicators with their values, targets and goals; returns how many
    indicators were new."""
    goals = {goal.code: goal for goal in plan.goals.all()}
    domains = {domain.slug: domain for domain in LifeDomain.objects.all()}
    created_count = 0
    for item in INDICATORS:
        indicator, created = Indicator.objects.update_or_create(
            slug=item.slug,
            defaults={
                "name": item.name,
                "description": item.description,
                "unit": item.unit,
                "direction": item.direction,
                "source": item.source,
                "frequency": item.frequency,
                "life_domain": domains.get(item.life_domain),
                "decimals": item.decimals,
                "audience": item.audience,
            },
        )
        created_count += created
        indicator.goals.add(*(goals[code] for code in item.goals if code in goals))
        known = {row.period: row for row in indicator.values.all()}
        for text, value in item.values.items():
            period = _period(text, item.frequency)
            row = known.get(period)
            note = item.notes.get(text, "")
            if row and row.value == Decimal(value) and row.note == note:
                continue
            indicator_record_value(
                indicator=indicator,
                period=period,
                value=value,
                measured_on=_measured_on(period, item.frequency),
                note=note,
            )
        targets = {row.year: row.value for row in indicator.targets.all()}
        for year, value in item.targets.items():
            if targets.get(year) != Decimal(value):
                indicator_set_target(indicator=indicator, year=year, value=value)
    return created_count
