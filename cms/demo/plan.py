"""What the import formats cannot carry for the demo plan: its approvals by the two
councils, yearly budgets of some goals, a history of progress reports since the
plan's adoption in December 2025 (by the town's civil servant, and by the partners
for the goals they carry), contact persons and a civil servant's open question.

Each goal's last report below matches its status and progress in the goals CSV, so
reimporting the CSV and replaying the history agree on the goal's current state.

The plan asks for a report every six months. So that the demo shows exactly one goal
not updated in time whenever it is loaded (`STALE_GOAL`), the partners' goals get a
follow-up report dated relative to the day of loading (`FOLLOW_UPS`) when they have
none within the interval; a second run finds one and adds nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from cms.demo.accounts import HOUSING_PARTNER, WELFARE_PARTNER
from cms.models import (
    Goal,
    GoalBudget,
    GoalStatus,
    PlanApproval,
    PolicyPlanPage,
    ProgressQuestion,
    ProgressUpdate,
)
from cms.services import goal_report_progress, progress_ask_question
from cms.staleness import add_months
from portal.models import Organisation

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
    # A partner's report: the organisation it reports for and the demo account
    # that wrote it (none: the partner has no demo account). Without an
    # organisation, the town's civil servant wrote it.
    organisation: str = ""
    author: str = ""


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

WORK_PARTNER = "Leerwerkplaats Het Aambeeld vzw"
CARE_COUNCIL = "Zorgraad Wilgenstreek"
COMMUNITY_PARTNER = "Buurtwerk Wilgendonk vzw"
HOUSING_MEMBER_EMAIL = "partner2@demo.lokaal"
WELFARE_COORDINATOR_EMAIL = "partner@demo.lokaal"


def _housing(day: datetime.date, status: str, progress: int, text: str) -> Report:
    return Report(day, status, progress, text, HOUSING_PARTNER, HOUSING_MEMBER_EMAIL)


# The partners' own reports, from the plan's adoption (15 December 2025) on.
PARTNER_HISTORY = {
    "SD 1": [
        _housing(_d(1, 19), "lopend", 15, "Gezamenlijke woonagenda vastgelegd."),
        _housing(
            _d(7, 6),
            "lopend",
            30,
            "Eerste halfjaar: 18 woningen toegewezen via de lokale toewijzingsregels.",
        ),
    ],
    "TD 1.1": [
        _housing(
            datetime.date(2025, 12, 18),
            "gepland",
            5,
            "Startoverleg na de goedkeuring van het plan: planning van de eerste "
            "40 woningen.",
        ),
        _housing(
            _d(6, 13),
            "lopend",
            35,
            "Twee bouwprojecten in voorbereiding; 16 woningen aangekocht.",
        ),
    ],
    "OD 1.1.1": [
        _housing(
            datetime.date(2025, 12, 18),
            "gepland",
            5,
            "Gronden aan de Wilgenlaan verworven voor 24 sociale huurwoningen.",
        ),
        _housing(_d(4, 14), "lopend", 10, "Bouwaanvraag ingediend."),
        _housing(
            _d(9, 21),
            "lopend",
            25,
            "Bouwvergunning verkregen; de aanbesteding loopt.",
        ),
    ],
    "TD 2.1": [
        Report(
            datetime.date(2025, 12, 22),
            "gepland",
            5,
            "Leerwerkplekken voor 2026 vastgelegd: 30 plaatsen.",
            WORK_PARTNER,
        ),
    ],
    "SD 4": [
        Report(
            _d(3, 30),
            "lopend",
            20,
            "Zorgoverleg in de drie deelgemeenten opgestart.",
            CARE_COUNCIL,
        ),
        Report(
            _d(10, 5),
            "lopend",
            40,
            "Het eerste zorgbuurtplan is goedgekeurd.",
            CARE_COUNCIL,
        ),
    ],
    "OD 4.1.1": [
        Report(
            _d(2, 23),
            "lopend",
            10,
            "Vrijwilligers voor de buurtzorg aangeworven.",
            COMMUNITY_PARTNER,
        ),
        Report(
            _d(8, 31),
            "lopend",
            30,
            "Buurtzorg actief in twee wijken; 45 ouderen krijgen bezoek.",
            COMMUNITY_PARTNER,
        ),
    ],
    "SD 5": [
        Report(
            _d(1, 12),
            "lopend",
            20,
            "Ontmoetingsruimte in de Wilgenwijk geopend.",
            COMMUNITY_PARTNER,
        ),
        Report(
            _d(9, 14),
            "lopend",
            45,
            "Drie buurtfeesten en een wekelijkse open koffie.",
            COMMUNITY_PARTNER,
        ),
    ],
    # The goal that is not updated in time: its last report dates from May 2026.
    "TD 5.2": [
        Report(
            datetime.date(2025, 12, 19),
            "gepland",
            10,
            "Eerste overleg met de jeugdbewegingen over een vrijetijdsaanbod voor "
            "kinderen in armoede.",
            WELFARE_PARTNER,
            WELFARE_COORDINATOR_EMAIL,
        ),
        Report(
            _d(5, 18),
            "lopend",
            40,
            "Zomerwerking voorbereid samen met Buurtwerk Wilgendonk.",
            WELFARE_PARTNER,
            WELFARE_COORDINATOR_EMAIL,
        ),
    ],
}

STALE_GOAL = "TD 5.2"


@dataclass(frozen=True)
class FollowUp:
    """A report dated relative to the day of loading, added only when the goal has
    no report within the plan's interval: it is then due in `due_in_days`."""

    status: str
    progress: int
    text: str
    organisation: str = ""
    author: str = ""
    due_in_days: int = 150


FOLLOW_UPS = {
    "SD 1": FollowUp(
        "lopend",
        30,
        "De woonagenda loopt volgens plan.",
        HOUSING_PARTNER,
        HOUSING_MEMBER_EMAIL,
    ),
    # Due within two weeks of loading: it shows as "binnenkort te melden".
    "TD 1.1": FollowUp(
        "lopend",
        35,
        "De bouwprojecten lopen; de aankopen gaan door.",
        HOUSING_PARTNER,
        HOUSING_MEMBER_EMAIL,
        due_in_days=10,
    ),
    "OD 1.1.1": FollowUp(
        "lopend", 25, "De werf is voorbereid.", HOUSING_PARTNER, HOUSING_MEMBER_EMAIL
    ),
    "TD 2.1": FollowUp("lopend", 45, "De trajecten lopen verder.", WORK_PARTNER),
    "SD 4": FollowUp("lopend", 40, "Het zorgoverleg loopt.", CARE_COUNCIL),
    "TD 4.3": FollowUp(
        "gepland", 10, "Het aanspreekpunt wordt voorbereid.", CARE_COUNCIL
    ),
    "OD 4.1.1": FollowUp("lopend", 30, "De buurtzorg loopt.", COMMUNITY_PARTNER),
    "SD 5": FollowUp("lopend", 45, "De buurtwerking loopt.", COMMUNITY_PARTNER),
    "OD 4.2.2": FollowUp(
        "gepland",
        10,
        "Het project wordt voorbereid.",
        WELFARE_PARTNER,
        WELFARE_COORDINATOR_EMAIL,
    ),
}

# The goals carried by the housing partner get its demo member as contact person.
CONTACT_PERSONS = {HOUSING_PARTNER: HOUSING_MEMBER_EMAIL}

# A civil servant's question, still open, on a report of the housing partner.
OPEN_QUESTION = (
    "OD 1.1.1",
    _d(9, 21),
    "Hoeveel van de 24 woningen worden in 2027 opgeleverd?",
)


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


def _history() -> dict[str, list[Report]]:
    codes = PROGRESS_HISTORY.keys() | PARTNER_HISTORY.keys()
    return {
        code: sorted(
            [*PROGRESS_HISTORY.get(code, []), *PARTNER_HISTORY.get(code, [])],
            key=lambda report: report.date,
        )
        for code in codes
    }


def _follow_up_date(goal: Goal, follow_up: FollowUp, today: datetime.date):
    """The day to date a follow-up report so the goal is due `due_in_days` after
    `today`; never before the goal started nor after today."""
    due = today + datetime.timedelta(days=follow_up.due_in_days)
    day = min(add_months(due, -goal.plan.update_interval_months), today)
    return max(day, goal.start_date) if goal.start_date else day


def ensure_progress_history(
    plan: PolicyPlanPage,
    *,
    author=None,
    users: dict | None = None,
    today: datetime.date | None = None,
) -> int:
    """Append the reports of PROGRESS_HISTORY and PARTNER_HISTORY that the goal does
    not have yet (one per goal and date), oldest first, then the FOLLOW_UPS of
    started goals without a report within the plan's interval. Returns how many were
    appended."""
    today = today or timezone.localdate()
    users = users or {}
    history = _history()
    goals = _goals_by_code(plan, history.keys() | FOLLOW_UPS.keys())
    statuses = {status.slug: status for status in GoalStatus.objects.all()}
    organisations = dict(
        Organisation.objects.filter(
            name__in={r.organisation for reports in history.values() for r in reports}
            | {follow_up.organisation for follow_up in FOLLOW_UPS.values()}
        ).values_list("name", "pk")
    )

    def append(goal: Goal, report: Report | FollowUp, date: datetime.date) -> None:
        goal_report_progress(
            goal=goal,
            status=statuses[report.status],
            progress=report.progress,
            text=report.text,
            author=users.get(report.author) if report.organisation else author,
            organisation_id=organisations.get(report.organisation),
            date=date,
        )

    appended = 0
    for code, reports in history.items():
        goal = goals[code]
        known = set(goal.progress_updates.values_list("date", flat=True))
        for report in reports:
            if report.date not in known:
                append(goal, report, report.date)
                appended += 1
    for code, follow_up in FOLLOW_UPS.items():
        goal = goals[code]
        interval_start = add_months(today, -plan.update_interval_months)
        started = goal.start_date is None or goal.start_date <= today
        recent = goal.progress_updates.filter(date__gt=interval_start).exists()
        if started and not recent:
            append(goal, follow_up, _follow_up_date(goal, follow_up, today))
            appended += 1
    return appended


def ensure_goal_contacts(plan: PolicyPlanPage, *, users: dict) -> int:
    """Make the demo member of each partner in CONTACT_PERSONS the contact person of
    the goals it carries; returns how many links were added."""
    added = 0
    for name, email in CONTACT_PERSONS.items():
        person = users[email]
        carried = plan.goals.filter(
            Q(lead_organisation__name=name) | Q(owner_organisations__name=name)
        ).exclude(contact_persons=person)
        for goal in carried.distinct():
            goal.contact_persons.add(person)
            added += 1
    return added


def ensure_open_question(plan: PolicyPlanPage, *, asked_by) -> int:
    """Put OPEN_QUESTION on its report, once (no e-mail: it is demo content)."""
    code, date, question = OPEN_QUESTION
    update = ProgressUpdate.objects.filter(
        goal__plan=plan, goal__code=code, date=date
    ).first()
    if (
        update is None
        or ProgressQuestion.objects.filter(update=update, question=question).exists()
    ):
        return 0
    progress_ask_question(
        update=update, question=question, asked_by=asked_by, notify=False
    )
    return 1
