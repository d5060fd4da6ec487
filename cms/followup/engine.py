"""The report engine: a plan's figures for one year, or over all its years (the
end-of-plan evaluation), as one JSON-serialisable dict.

The same dict is shown live while a report is a draft and stored in the report
when it is published (`cms.followup.services.report_publish`), so a council's
adopted report never changes: `figures_of(report)` reads the frozen copy.

What a figure means:

- **A goal's state** is taken at the end of the period. For a year that is over,
  that is the goal's last progress report dated on or before 31 December; a goal
  without one is "not reported". For the running year (and an evaluation of a
  plan still running) it is the goal's current status and progress, which is
  what the last report set or an editor corrected since. `reports` counts the
  progress reports dated in the period.
- **Budget**: per goal with budget lines, estimated, adjusted and realised per
  year and in total; `available` is the adjusted budget where there is one, the
  estimate otherwise, and `rate` the realised share of it (in %).
- **Indicators** linked to the plan's goals: per year the last value whose
  period starts in that year, the year's target, and whether it is on track
  (up: value >= target, down: value <= target; no direction or no target: unknown).
- **Signals**: received (submitted) in the period, answered (policy answer dated
  in it) and closed in it, across the town; those linked to the plan's goals with
  any of these in the period are counted and listed.
- **Advice**: given (submitted to the town) and answered in the period, across
  all bodies; those linked to the plan's goals with a request, delivery or answer
  in the period are counted and listed.

Lists name only what the report's readers may see
(`portal.access.reports`); counts cover everything. Money and indicator values
are decimal strings, dates ISO strings, so the dict survives JSON unchanged.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.bodies.models import Advice, AdviceEvent, AdviceState
from cms.followup.models import PlanReport
from cms.indicators.models import Direction, Indicator
from cms.models import Goal, GoalLevel, PolicyPlanPage
from cms.signals.models import Signal, SignalEvent, SignalState
from portal.access import (
    advice_listed_in_report,
    indicators_listed_in_report,
    report_readers,
    signals_listed_in_report,
)

#: Bump when the shape of the figures changes; templates read older shapes too.
FIGURES_VERSION = 1


def plan_years(plan: PolicyPlanPage, *, today: datetime.date | None = None):
    """The plan's years that have begun."""
    today = today or timezone.localdate()
    return list(range(plan.start_year, min(plan.end_year, today.year) + 1))


def check_report_year(
    plan: PolicyPlanPage, year: int, *, today: datetime.date | None = None
) -> None:
    """A yearly report covers a year of the plan that has begun."""
    years = plan_years(plan, today=today)
    if year not in years:
        if not years:
            message = _("Het plan is nog niet begonnen.")
        else:
            message = _("Kies een jaar tussen %(first)s en %(last)s.") % {
                "first": years[0],
                "last": years[-1],
            }
        raise ValidationError({"year": message}, code="invalid_year")


def _bounds(first: int, last: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[1 January of `first`, 1 January after `last`) in the site's time zone."""
    return (
        timezone.make_aware(datetime.datetime(first, 1, 1)),
        timezone.make_aware(datetime.datetime(last + 1, 1, 1)),
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def _sum(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _budget_cell(year, estimated, adjusted, realised, available=None) -> dict:
    if available is None:
        available = adjusted if adjusted is not None else estimated
    rate = (
        round(realised / available * 100)
        if realised is not None and available
        else None
    )
    cell = {
        "estimated": _money(estimated),
        "adjusted": _money(adjusted),
        "realised": _money(realised),
        "available": _money(available),
        "rate": rate,
    }
    if year is not None:
        cell = {"year": year, **cell}
    return cell


def _cell_total(lines) -> dict:
    """Sums; `available` is the sum of each line's own (adjusted or estimated)."""
    return _budget_cell(
        None,
        _sum(line.estimated for line in lines),
        _sum(line.adjusted for line in lines),
        _sum(line.realised for line in lines),
        _sum(
            line.adjusted if line.adjusted is not None else line.estimated
            for line in lines
        ),
    )


def _goal_state(goal: Goal, end: datetime.date, running: bool) -> dict:
    if running:
        status = goal.status
        return {
            "status": status.name if status else None,
            "status_slug": status.slug if status else None,
            "closed": bool(status and status.is_closed),
            "progress": goal.current_progress if status else goal.progress,
            "state_on": None,
            "state_source": "current",
        }
    # Prefetched newest first (`ProgressUpdate.Meta.ordering`).
    last = next((u for u in goal.progress_updates.all() if u.date <= end), None)
    if last is None:
        return {
            "status": None,
            "status_slug": None,
            "closed": False,
            "progress": None,
            "state_on": None,
            "state_source": "none",
        }
    return {
        "status": last.status.name,
        "status_slug": last.status.slug,
        "closed": last.status.is_closed,
        "progress": last.progress,
        "state_on": last.date.isoformat(),
        "state_source": "report",
    }


def _goals(plan, goals, first, last, running) -> tuple[list[dict], dict]:
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    labels = {**dict(GoalLevel.choices), **plan.level_labels}
    by_pk = {goal.pk: goal for goal in goals}
    rows = []
    for goal in goals:
        parent = by_pk.get(goal.parent_id)
        reports = sum(start <= u.date <= end for u in goal.progress_updates.all())
        rows.append(
            {
                "code": goal.code,
                "title": goal.title,
                "level": goal.level,
                "level_label": str(labels.get(goal.level, goal.level)),
                "parent": parent.code if parent else None,
                "lead_organisation": (
                    goal.lead_organisation.name if goal.lead_organisation else None
                ),
                **_goal_state(goal, end, running),
                "reports": reports,
            }
        )
    statuses = Counter(row["status"] or _("niet gerapporteerd") for row in rows)
    counts = {
        "total": len(rows),
        "reports": sum(row["reports"] for row in rows),
        "without_report": sum(row["reports"] == 0 for row in rows),
        "by_status": [
            [label, n]
            for label, n in sorted(statuses.items(), key=lambda i: (-i[1], i[0]))
        ],
    }
    return rows, counts


def _budget(goals, years) -> dict:
    lines = []
    per_year: dict[int, list] = {year: [] for year in years}
    for goal in goals:
        mine = [line for line in goal.budget_lines.all() if line.year in per_year]
        if not mine:
            continue
        for line in mine:
            per_year[line.year].append(line)
        by_year = {line.year: line for line in mine}
        lines.append(
            {
                "code": goal.code,
                "title": goal.title,
                "years": [
                    _budget_cell(
                        year,
                        by_year[year].estimated if year in by_year else None,
                        by_year[year].adjusted if year in by_year else None,
                        by_year[year].realised if year in by_year else None,
                    )
                    for year in years
                ],
                "total": _cell_total(mine),
            }
        )
    every = [line for year_lines in per_year.values() for line in year_lines]
    return {
        "years": list(years),
        "lines": lines,
        "totals": {
            "years": [{"year": year, **_cell_total(per_year[year])} for year in years],
            "total": _cell_total(every),
        },
    }


def _number(value: Decimal | None, decimals: int) -> str | None:
    if value is None:
        return None
    return str(value.quantize(Decimal(1).scaleb(-decimals)))


def _on_track(direction: str, value, target) -> bool | None:
    if value is None or target is None or direction == Direction.NONE:
        return None
    return value >= target if direction == Direction.UP else value <= target


def _indicators(plan, goal_codes, years, readers) -> tuple[list[dict], dict]:
    queryset = Indicator.objects.filter(goals__plan=plan).distinct()
    indicators = indicators_listed_in_report(queryset, readers).prefetch_related(
        "values",
        "targets",
        Prefetch("goals", queryset=Goal.objects.filter(plan=plan).only("code")),
    )
    rows = []
    verdicts = Counter()
    for indicator in indicators.order_by("name", "pk"):
        values = sorted(indicator.values.all(), key=lambda v: v.period)
        targets = {t.year: t.value for t in indicator.targets.all()}
        cells = []
        for year in years:
            of_year = [v for v in values if v.period.year == year]
            latest = of_year[-1] if of_year else None
            value = latest.value if latest else None
            target = targets.get(year)
            verdict = _on_track(indicator.direction, value, target)
            cells.append(
                {
                    "year": year,
                    "value": _number(value, indicator.decimals),
                    "period": latest.period.isoformat() if latest else None,
                    "measured_on": (
                        latest.measured_on.isoformat()
                        if latest and latest.measured_on
                        else None
                    ),
                    "count": len(of_year),
                    "target": _number(target, indicator.decimals),
                    "on_track": verdict,
                }
            )
        verdicts[cells[-1]["on_track"] if cells else None] += 1
        rows.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "direction_label": str(indicator.get_direction_display()),
                "source": indicator.source,
                "goals": sorted(
                    (g.code for g in indicator.goals.all()),
                    key=lambda code: goal_codes.get(code, 0),
                ),
                "years": cells,
            }
        )
    counts = {
        "total": len(rows),
        "on_track": verdicts[True],
        "off_track": verdicts[False],
        "unknown": verdicts[None],
    }
    return rows, counts


def _signals(plan, first, last, readers, goal_codes) -> dict:
    start, end = _bounds(first, last)
    day_start, day_end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    received = Q(submitted_at__gte=start, submitted_at__lt=end)
    answered = Q(answered_on__gte=day_start, answered_on__lte=day_end)
    closed_ids = SignalEvent.objects.filter(
        to_state=SignalState.CLOSED, created_at__gte=start, created_at__lt=end
    ).values("signal_id")
    closed = Q(pk__in=closed_ids)
    linked = Signal.objects.filter(
        pk__in=Signal.objects.filter(goals__plan=plan).values("pk")
    ).filter(received | answered | closed)
    listed = signals_listed_in_report(linked, readers).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.filter(plan=plan).only("code"))
    )
    rows = [
        {
            "reference": signal.reference,
            "title": signal.title,
            "state": signal.state,
            "state_label": str(signal.get_state_display()),
            "received_on": (
                timezone.localdate(signal.submitted_at).isoformat()
                if signal.submitted_at
                else None
            ),
            "answered_on": (
                signal.answered_on.isoformat() if signal.answered_on else None
            ),
            "goals": sorted(
                (g.code for g in signal.goals.all()),
                key=lambda code: goal_codes.get(code, 0),
            ),
        }
        for signal in listed.order_by("submitted_at", "pk")
    ]
    linked_count = linked.count()
    return {
        "received": Signal.objects.filter(received).count(),
        "answered": Signal.objects.filter(answered).count(),
        "closed": Signal.objects.filter(closed).count(),
        "linked": linked_count,
        "listed": rows,
        "not_listed": linked_count - len(rows),
    }


def _advice(plan, first, last, readers, goal_codes) -> dict:
    start, end = _bounds(first, last)

    def moved_to(state):
        return AdviceEvent.objects.filter(
            to_state=state, created_at__gte=start, created_at__lt=end
        ).values("advice_id")

    given = Q(pk__in=moved_to(AdviceState.SUBMITTED))
    answered = Q(pk__in=moved_to(AdviceState.ANSWERED))
    asked = Q(asked_on__year__gte=first, asked_on__year__lte=last)
    linked = Advice.objects.filter(
        pk__in=Advice.objects.filter(goals__plan=plan).values("pk")
    ).filter(given | answered | asked)
    listed = (
        advice_listed_in_report(linked, readers)
        .select_related("body")
        .prefetch_related(
            "events",
            Prefetch("goals", queryset=Goal.objects.filter(plan=plan).only("code")),
        )
    )

    def day_of(advice, state, pick):
        moments = [e.created_at for e in advice.events.all() if e.to_state == state]
        return timezone.localdate(pick(moments)).isoformat() if moments else None

    rows = [
        {
            "title": advice.title,
            "body": advice.body.name,
            "state": advice.state,
            "state_label": str(advice.get_state_display()),
            "asked_on": advice.asked_on.isoformat() if advice.asked_on else None,
            "given_on": day_of(advice, AdviceState.SUBMITTED, min),
            "answered_on": day_of(advice, AdviceState.ANSWERED, max),
            "goals": sorted(
                (g.code for g in advice.goals.all()),
                key=lambda code: goal_codes.get(code, 0),
            ),
        }
        for advice in listed.order_by("asked_on", "created_at", "pk")
    ]
    linked_count = linked.count()
    return {
        "given": Advice.objects.filter(given).count(),
        "answered": Advice.objects.filter(answered).count(),
        "linked": linked_count,
        "listed": rows,
        "not_listed": linked_count - len(rows),
    }


def report_figures(
    plan: PolicyPlanPage,
    *,
    year: int | None = None,
    today: datetime.date | None = None,
) -> dict:
    """The figures of `plan` for `year`, or over all its years that have begun
    when `year` is None (the evaluation). See the module's docstring for what each
    figure means. A year outside the plan raises ValidationError."""
    today = today or timezone.localdate()
    if year is not None:
        check_report_year(plan, year, today=today)
        years = [year]
    else:
        years = plan_years(plan, today=today) or [plan.start_year]
    first, last = years[0], years[-1]
    # The running year, or a period not yet over: the goals' current state.
    running = last >= today.year
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("status", "lead_organisation")
        .prefetch_related("progress_updates__status", "budget_lines")
        .order_by("sort_order", "code", "pk")
    )
    goal_codes = {goal.code: index for index, goal in enumerate(goals)}
    readers = report_readers(plan)
    goal_rows, goal_counts = _goals(plan, goals, first, last, running)
    indicators, indicator_counts = _indicators(plan, goal_codes, years, readers)
    return {
        "version": FIGURES_VERSION,
        "kind": (
            PlanReport.Kind.YEAR.value
            if year is not None
            else PlanReport.Kind.EVALUATION.value
        ),
        "plan": {"id": plan.pk, "title": plan.title, "period": plan.period},
        "year": year,
        "years": years,
        "period": {
            "start": datetime.date(first, 1, 1).isoformat(),
            "end": datetime.date(last, 12, 31).isoformat(),
        },
        "computed_on": today.isoformat(),
        "state_on": (today if running else datetime.date(last, 12, 31)).isoformat(),
        "readers": readers,
        "goals": goal_rows,
        "goal_counts": goal_counts,
        "budget": _budget(goals, years),
        "indicators": indicators,
        "indicator_counts": indicator_counts,
        "signals": _signals(plan, first, last, readers, goal_codes),
        "advice": _advice(plan, first, last, readers, goal_codes),
    }


def figures_of(report: PlanReport) -> dict:
    """The frozen figures of a published report; a draft's, computed now."""
    if report.is_published and report.figures:
        return report.figures
    year = report.year if report.kind == PlanReport.Kind.YEAR else None
    return report_figures(report.plan, year=year)
