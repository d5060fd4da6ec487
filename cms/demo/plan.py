"""What the import formats cannot carry for the demo plan: its approvals by the two
councils, yearly budgets of some goals, and a history of progress reports over 2026.

Each goal's last report below matches its status and progress in the goals CSV, so
reimporting the CSV and replaying the history agree on the goal's current state.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from cms.models import Goal, GoalBudget, GoalStatus, PlanApproval, PolicyPlanPage
from cms.services import goal_report_progress

GEMEENTERAAD = "Gemeenteraad"
RMW = "Raad voor maatschappelijk welzijn"


@dataclass(frozen=True)
class Approval:
    body: str
    date: datetime.date
    reference: str


APPROVALS = [
    Approval(
        RMW,
        datetime.date(2025, 12, 15),
        "RMW 2025/112 – vaststelling van het deel van het OCMW in het meerjarenplan "
        "2026-2031",
    ),
    Approval(
        GEMEENTERAAD,
        datetime.date(2025, 12, 15),
        "GR 2025/287 – vaststelling van het meerjarenplan 2026-2031 en goedkeuring "
        "van het deel van het OCMW",
    ),
    Approval(
        RMW,
        datetime.date(2026, 10, 19),
        "RMW 2026/094 – aanpassing nr. 1 van het meerjarenplan 2026-2031",
    ),
    Approval(
        GEMEENTERAAD,
        datetime.date(2026, 10, 19),
        "GR 2026/241 – aanpassing nr. 1 van het meerjarenplan 2026-2031",
    ),
]

YEARS = range(2026, 2032)


def _yearly(amount: int, *, realised_2026: int | None = None, first=None) -> dict:
    """Budget lines per year: the same estimate each year (or `first` in 2026), and
    what was spent so far in 2026."""
    lines = {}
    for year in YEARS:
        estimated = first if (first is not None and year == 2026) else amount
        realised = realised_2026 if year == 2026 else None
        lines[year] = (estimated, realised)
    return lines


# goal code -> {year: (estimated, realised)} in euro
BUDGETS = {
    "OD 1.1.1": _yearly(80_000, first=250_000, realised_2026=231_500),
    "A 1.2.1.2": {2026: (25_000, 6_200), 2027: (25_000, None)},
    "TD 2.1": _yearly(120_000, realised_2026=104_300),
    "OD 2.2.1": _yearly(15_000, first=40_000, realised_2026=28_750),
    "TD 3.1": _yearly(35_000, realised_2026=12_400),
    "OD 4.1.1": {
        2026: (55_000, 41_800),
        2027: (110_000, None),
        2028: (110_000, None),
    },
    "OD 4.2.1": _yearly(90_000, realised_2026=86_900),
    "TD 5.1": _yearly(60_000, realised_2026=47_650),
    "OD 6.2.1": _yearly(8_000, first=30_000, realised_2026=26_400),
}


@dataclass(frozen=True)
class Report:
    date: datetime.date
    status: str
    progress: int
    text: str


def _d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


PROGRESS_HISTORY = {
    "TD 1.3": [
        Report(
            _d(3, 16),
            "gepland",
            10,
            "Ontwerp van een renovatiepremie voor kwetsbare eigenaars-bewoners "
            "besproken met de woonwinkel.",
        ),
        Report(
            _d(6, 22),
            "lopend",
            20,
            "Premiereglement goedgekeurd; eerste huisbezoeken met energiescan.",
        ),
        Report(
            _d(10, 12),
            "vertraagd",
            20,
            "De aanwerving van een tweede woonconsulent loopt vertraging op; de "
            "renovatiebegeleiding start pas in 2027 op volle kracht.",
        ),
    ],
    "TD 2.1": [
        Report(_d(2, 9), "lopend", 15, "Twaalf trajecten opgestart."),
        Report(
            _d(6, 15),
            "lopend",
            30,
            "Samenwerkingsovereenkomst met leerwerkplaats Het Aambeeld ondertekend; "
            "24 trajecten lopend.",
        ),
        Report(
            _d(10, 19),
            "lopend",
            45,
            "Negen deelnemers vonden werk in het normaal economisch circuit.",
        ),
    ],
    "OD 2.2.1": [
        Report(_d(3, 2), "gepland", 10, "Inventaris van de lokale tegemoetkomingen."),
        Report(
            _d(7, 6),
            "lopend",
            40,
            "De vrijetijdspas wordt automatisch toegekend; de eerste brieven zijn "
            "verstuurd.",
        ),
        Report(
            _d(10, 26),
            "lopend",
            75,
            "Ook de tussenkomst in de schoolkosten wordt automatisch toegekend en de "
            "huisbezoeken lopen. De verwarmingstoelage wacht nog op de gegevensdeling "
            "met de energieleverancier.",
        ),
    ],
    "TD 2.3": [
        Report(
            _d(3, 23),
            "lopend",
            20,
            "Afspraken met de woonmaatschappij over het melden van huurachterstand.",
        ),
        Report(
            _d(9, 14),
            "vertraagd",
            35,
            "De afspraken met de waterleverancier zijn nog niet rond; de scholen "
            "melden sinds september.",
        ),
    ],
    "TD 3.1": [
        Report(
            _d(5, 18),
            "lopend",
            20,
            "Het lokaal overleg onderwijs werkt aan gemeenschappelijke afspraken.",
        ),
        Report(
            _d(10, 5),
            "lopend",
            50,
            "Vijf van de zeven basisscholen ondertekenden de afspraken over "
            "betaalbare uitstappen.",
        ),
    ],
    "OD 4.2.1": [
        Report(_d(2, 16), "lopend", 30, "Ontwerp van het nieuwe reglement."),
        Report(
            _d(6, 29),
            "lopend",
            70,
            "Reglement goedgekeurd door de gemeenteraad; oppas aan huis loopt.",
        ),
        Report(
            _d(11, 2),
            "gerealiseerd",
            100,
            "Kortverblijf beschikbaar via de zorgraad; de nieuwe premie wordt "
            "uitbetaald.",
        ),
    ],
    "TD 4.3": [
        Report(
            _d(4, 20),
            "niet-gestart",
            0,
            "Wacht op de middelen van de eerstelijnszone.",
        ),
        Report(
            _d(9, 28),
            "gepland",
            10,
            "Start van het aanspreekpunt gepland in het voorjaar van 2027.",
        ),
    ],
    "TD 5.1": [
        Report(_d(1, 26), "lopend", 40, "Vrijetijdspas geldig bij 31 verenigingen."),
        Report(
            _d(9, 7),
            "lopend",
            70,
            "Uitgebreid naar de muziekacademie en de jeugdbewegingen.",
        ),
    ],
    "OD 6.1.1": [
        Report(_d(2, 2), "lopend", 30, "Eerste zitdag in een kerkdorp."),
        Report(
            _d(5, 11),
            "gerealiseerd",
            100,
            "Wekelijkse zitdagen in de drie kerkdorpen.",
        ),
    ],
    "OD 6.2.1": [
        Report(_d(2, 23), "lopend", 20, "Ontwerp van het signalenregister."),
        Report(
            _d(6, 30),
            "lopend",
            50,
            "Register in gebruik op het partnerportaal.",
        ),
        Report(
            _d(10, 26),
            "lopend",
            75,
            "Alle partners aangesloten; vorming voor basiswerkers loopt.",
        ),
    ],
    "A 6.2.1.1": [
        Report(
            _d(6, 30),
            "gerealiseerd",
            100,
            "Het register staat online.",
        ),
    ],
}


MISSION = (
    "<p>Het lokaal bestuur van Wilgendonk zorgt er samen met zijn partners voor dat "
    "elke inwoner zijn sociale grondrechten ten volle kan opnemen. We bouwen aan een "
    "gemeente waar niemand uit de boot valt: met betaalbare woningen, werk op maat, "
    "gelijke onderwijskansen, zorg dicht bij huis en buurten waar mensen naar elkaar "
    "omkijken.</p>"
)

VISION = (
    "<p>We voeren een inclusief sociaal beleid: een dienstverlening die werkt voor "
    "iedereen, met extra ondersteuning voor wie dat nodig heeft.</p>"
    "<ul>"
    "<li>We werken proactief en kennen rechten waar mogelijk automatisch toe.</li>"
    "<li>We denken in levensdomeinen en niet in diensten, zodat inwoners met één "
    "vraag bij één loket terechtkunnen.</li>"
    "<li>De signalen van basiswerkers en partners zijn de motor van het beleid.</li>"
    "<li>We maken zichtbaar wat we bereiken: de voortgang van elke doelstelling "
    "staat op dit portaal.</li>"
    "</ul>"
)


def ensure_plan_details(plan: PolicyPlanPage, *, author=None, publisher=None) -> int:
    """Give the plan its mission and vision (when empty) and the missing approvals,
    in one new revision so later revisions keep them. Returns how many approvals
    were added."""
    page = plan.get_latest_revision_as_object()
    existing = {(approval.body, approval.date) for approval in page.approvals.all()}
    missing = [a for a in APPROVALS if (a.body, a.date) not in existing]
    texts_missing = not page.mission or not page.vision
    if not missing and not texts_missing:
        return 0
    if texts_missing:
        page.mission = page.mission or MISSION
        page.vision = page.vision or VISION
    for approval in missing:
        page.approvals.add(
            PlanApproval(
                body=approval.body,
                date=approval.date,
                reference=approval.reference,
                sort_order=APPROVALS.index(approval),
            )
        )
    page.save_revision(user=author).publish(user=publisher)
    return len(missing)


def _goals_by_code(plan: PolicyPlanPage, codes) -> dict[str, Goal]:
    goals = {goal.code: goal for goal in Goal.objects.filter(plan=plan, code__in=codes)}
    missing = set(codes) - goals.keys()
    if missing:
        raise LookupError(
            f"The plan {plan.title!r} has no goals {', '.join(sorted(missing))}."
        )
    return goals


def ensure_budgets(plan: PolicyPlanPage) -> int:
    """Create or correct the budget lines of BUDGETS; returns how many changed."""
    goals = _goals_by_code(plan, BUDGETS)
    changed = 0
    for code, lines in BUDGETS.items():
        goal = goals[code]
        current = {line.year: line for line in goal.budget_lines.all()}
        for order, (year, (estimated, realised)) in enumerate(sorted(lines.items())):
            wanted = (
                Decimal(estimated),
                None if realised is None else Decimal(realised),
            )
            line = current.get(year)
            if line is not None and (line.estimated, line.realised) == wanted:
                continue
            line = line or GoalBudget(goal=goal, year=year)
            line.estimated, line.realised = wanted
            line.sort_order = order
            line.save()
            changed += 1
    return changed


def ensure_progress_history(plan: PolicyPlanPage, *, author=None) -> int:
    """Append the reports of PROGRESS_HISTORY that the goal does not have yet (one
    per goal and date), oldest first. Returns how many were appended."""
    goals = _goals_by_code(plan, PROGRESS_HISTORY)
    statuses = {status.slug: status for status in GoalStatus.objects.all()}
    appended = 0
    for code, reports in PROGRESS_HISTORY.items():
        goal = goals[code]
        known = set(goal.progress_updates.values_list("date", flat=True))
        for report in sorted(reports, key=lambda r: r.date):
            if report.date in known:
                continue
            goal_report_progress(
                goal=goal,
                status=statuses[report.status],
                progress=report.progress,
                text=report.text,
                author=author,
                date=report.date,
            )
            appended += 1
    return appended
