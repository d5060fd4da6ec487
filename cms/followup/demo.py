"""Wilgendonk's plan followed up for the demo: its two versions (adoption in
December 2025 and the first adjustment in October 2026, which changed two goals'
budgets) and its published 2026 yearly report.

Idempotent: a version that exists keeps its snapshot, a report that exists is
left as it is (never published again), adjusted budgets are set only when the
adjustment is first recorded. Run it after the plan's progress, indicators and
signals are loaded, so the report's figures count them.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from cms.followup.engine import plan_years
from cms.followup.models import PlanReport, PlanVersion
from cms.followup.services import plan_version_record, report_draft, report_publish
from cms.models import Goal, GoalBudget, PolicyPlanPage

ADOPTION = (
    datetime.date(2025, 12, 15),
    "GR 2025/287 – vaststelling van het meerjarenplan 2026-2031 en goedkeuring van "
    "het deel van het OCMW",
    "De gemeenteraad en de raad voor maatschappelijk welzijn stellen het "
    "meerjarenplan vast.",
)
ADJUSTMENT = (
    datetime.date(2026, 10, 19),
    "GR 2026/241 – aanpassing nr. 1 van het meerjarenplan 2026-2031",
    "De eerste aanpassing verschuift budget: de bouw van sociale huurwoningen "
    "kost in 2026 minder dan geraamd omdat de tweede fase pas in 2027 start, en "
    "het schoolkostenfonds krijgt er middelen bij nu meer gezinnen het vinden.",
)
# goal code -> adjusted budget for 2026, in euro
ADJUSTED_2026 = {"OD 1.1.1": 240_000, "TD 3.1": 45_000}

REPORT_YEAR = 2026
INTRODUCTION = (
    "2026 was het eerste jaar van het meerjarenplan. De meeste doelstellingen "
    "zijn opgestart; partners rapporteerden zelf over de doelstellingen die ze "
    "trekken.\n\n"
    "Dit verslag zet per doelstelling de status en de voortgang op het einde van "
    "het jaar naast het budget, de indicatoren en hun streefwaarden, en de "
    "signalen en adviezen die het beleid mee vormden."
)
CONCLUSIONS = (
    "Het plan ligt grotendeels op schema. De renovatiebegeleiding loopt "
    "vertraging op en vraagt in 2027 extra aandacht; de uitbreiding van het "
    "schoolkostenfonds werkt.\n\n"
    "De gemeenteraad neemt kennis van het jaarverslag 2026."
)


def _adjust_budgets(plan: PolicyPlanPage) -> list[Goal]:
    goals = list(Goal.objects.filter(plan=plan, code__in=ADJUSTED_2026))
    for goal in goals:
        GoalBudget.objects.filter(goal=goal, year=REPORT_YEAR).update(
            adjusted=Decimal(ADJUSTED_2026[goal.code])
        )
    return goals


@transaction.atomic
def ensure_plan_follow_up(plan: PolicyPlanPage, user) -> dict[str, int]:
    """The plan's versions 1 and 2 and its published 2026 report, made when
    missing. Returns how many of each were made."""
    made = {"versions": 0, "reports": 0}
    numbers = set(
        PlanVersion.objects.filter(plan=plan).values_list("number", flat=True)
    )
    if 1 not in numbers:
        decided_on, decision, summary = ADOPTION
        plan_version_record(
            plan, decided_on=decided_on, decision=decision, summary=summary, user=user
        )
        made["versions"] += 1
    if 2 not in numbers:
        decided_on, decision, summary = ADJUSTMENT
        plan_version_record(
            plan,
            decided_on=decided_on,
            decision=decision,
            summary=summary,
            changed_goals=_adjust_budgets(plan),
            user=user,
        )
        made["versions"] += 1
    exists = PlanReport.objects.filter(
        plan=plan, kind=PlanReport.Kind.YEAR, year=REPORT_YEAR
    ).exists()
    if not exists and REPORT_YEAR in plan_years(plan):
        report = report_draft(
            plan=plan,
            year=REPORT_YEAR,
            introduction=INTRODUCTION,
            conclusions=CONCLUSIONS,
        )
        report_publish(report, user)
        made["reports"] += 1
    return made
