"""Reads for a goal's page, each filtered by who is asking: the rules themselves
live in `portal.access` (plans and their goals, indicators, signals, advice,
organisations) and are only applied here."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cms.bodies.models import Advice
from cms.indicators.selectors import (
    IndicatorSummary,
    indicator_summary,
    indicators_for,
)
from cms.models import Goal, GoalBudget, ProgressUpdate
from cms.models.goal_tree import GoalNode, build_goal_tree
from cms.selectors import goals_visible_to
from cms.signals.models import Signal, SignalBundlePage
from cms.signals.selectors import bundles_visible_to
from cms.socialmap.models import Organization as MapOrganization
from portal.access import (
    advice_visible_to,
    may_link_signals_to_goals,
    organisations_visible_to,
    organizations_visible_to,
    signal_permissions,
    signals_visible_to,
)
from portal.access.doors import may_enter
from portal.access.roles import Door
from portal.charts import LineChart, Series, line_chart
from portal.models import Organisation


def goals_for_pages(user) -> QuerySet[Goal]:
    """The goals whose page this user may open: those of the plans they may see.
    Their plan and parent are read when used: joined in (a plan is three tables)
    beside the visibility rule, PostgreSQL spent 7 ms planning a 0.6 ms query."""
    return goals_visible_to(user).select_related("status", "lead_organisation")


def goal_node(goal: Goal) -> GoalNode | None:
    """The goal in its plan's tree: its progress is rolled up from its children as
    on the plan's page, and its children come with theirs (one query)."""
    stack = list(build_goal_tree(goal.plan))
    while stack:
        node = stack.pop()
        if node.goal.pk == goal.pk:
            return node
        stack.extend(node.children)
    return None


def goal_ancestors(goal: Goal) -> list[Goal]:
    """The goals above this one, from the strategic goal down."""
    ancestors = []
    node = goal.parent
    while node is not None:
        ancestors.append(node)
        node = node.parent
    return list(reversed(ancestors))


# Owners -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Owner:
    organisation: Organisation
    #: "trekker" or "mede-eigenaar".
    role: str
    #: The organisation's page this viewer may open, or "".
    url: str


def goal_owners(user, goal: Goal) -> list[Owner]:
    """The lead organisation and the co-owners, by name, linked to a page about the
    organisation the viewer may open: its page in the partner portal (members and
    civil servants) or else its entry on the public social map."""
    organisations = []
    if goal.lead_organisation_id:
        organisations.append((goal.lead_organisation, _("trekker")))
    for organisation in goal.owner_organisations.order_by("name"):
        if organisation.pk != goal.lead_organisation_id:
            organisations.append((organisation, _("mede-eigenaar")))
    ids = [organisation.pk for organisation, _role in organisations]
    portal_pages = set(
        organisations_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    map_entries = dict(
        organizations_visible_to(
            user, MapOrganization.objects.filter(portal_organisation__in=ids)
        ).values_list("portal_organisation", "pk")
    )
    owners = []
    for organisation, role in organisations:
        if organisation.pk in portal_pages and may_enter(user, Door.PARTNERS):
            url = reverse("partners:organisation", args=[organisation.slug])
        elif organisation.pk in map_entries:
            url = reverse("socialmap:organization", args=[map_entries[organisation.pk]])
        else:
            url = ""
        owners.append(Owner(organisation, role, url))
    return owners


# Progress ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    unit: str


@dataclass(frozen=True)
class HistoryEntry:
    update: ProgressUpdate
    figures: list[Figure] = field(default_factory=list)


def _figure_value(value) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    decimals = max(0, -number.normalize().as_tuple().exponent)
    return number_format(number, decimals, use_l10n=True, force_grouping=True)


def progress_history(goal: Goal) -> list[HistoryEntry]:
    """The goal's progress reports, newest first, with their figures formatted.
    Authors are not shown: a report speaks for its organisation."""
    updates = goal.progress_updates.select_related("status", "organisation").order_by(
        "-date", "-created_at"
    )
    entries = []
    for update in updates:
        figures = [
            Figure(
                str(figure.get("label", "")),
                _figure_value(figure.get("value", "")),
                str(figure.get("unit", "") or ""),
            )
            for figure in (update.figures or [])
            if isinstance(figure, dict)
        ]
        entries.append(HistoryEntry(update, figures))
    return entries


def progress_chart(goal: Goal, history: list[HistoryEntry]) -> LineChart | None:
    """Progress (%) over the report dates, oldest first; the last report of a day
    counts for that day. None without reports."""
    by_date: dict[datetime.date, int] = {}
    for entry in reversed(history):  # oldest first: a later report wins
        by_date[entry.update.date] = entry.update.progress
    if not by_date:
        return None
    dates = sorted(by_date)
    return line_chart(
        title=_("Voortgang van %(code)s") % {"code": goal.code},
        periods=[day.strftime("%d-%m-%Y") for day in dates],
        series=[Series(_("Voortgang"), [by_date[day] for day in dates])],
        unit="%",
    )


# Budget -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetRow:
    label: str
    estimated: Decimal | None
    adjusted: Decimal | None
    realised: Decimal | None


@dataclass(frozen=True)
class Budget:
    rows: list[BudgetRow]
    total: BudgetRow


def _sum(values) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def goal_budget(goal: Goal) -> Budget | None:
    """The budget per year (estimated, adjusted, realised) and the totals of what
    is filled in; None when the goal has no budget."""
    lines = list(GoalBudget.objects.filter(goal=goal).order_by("year"))
    if not lines:
        return None
    rows = [
        BudgetRow(str(line.year), line.estimated, line.adjusted, line.realised)
        for line in lines
    ]
    total = BudgetRow(
        _("Totaal"),
        _sum(row.estimated for row in rows),
        _sum(row.adjusted for row in rows),
        _sum(row.realised for row in rows),
    )
    return Budget(rows, total)


# Indicators -------------------------------------------------------------------------


def goal_indicators(user, goal: Goal) -> list[IndicatorSummary]:
    """The indicators measuring this goal that the viewer may see, each with its
    latest value against its target (as the indicator pages summarise them)."""
    return [
        indicator_summary(indicator)
        for indicator in indicators_for(user).filter(goals=goal).order_by("name")
    ]


# Signals and advice -----------------------------------------------------------------


@dataclass(frozen=True)
class LinkedSignal:
    signal: Signal
    #: Sees the signal itself (reference, state), not only what a bundle shows.
    internal: bool
    url: str
    #: The bundle that publishes it, for those who see it only there.
    bundle: SignalBundlePage | None = None


def goal_signals(user, goal: Goal) -> list[LinkedSignal]:
    """The signals linked to this goal that the viewer may see: in the partner
    portal for those who see the signal itself, in the bundle that publishes it
    for everyone else. Signals the viewer may not see are left out, uncounted."""
    signals = (
        signals_visible_to(user, goal.signals.all())
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )
    partners = may_enter(user, Door.PARTNERS)
    linked = []
    for signal in signals:
        permissions = signal_permissions(user, signal)
        if permissions.can_view_internal and partners:
            url = reverse("partners:signal", args=[signal.pk])
            linked.append(LinkedSignal(signal, True, url))
            continue
        bundle = (
            bundles_visible_to(user)
            .filter(
                bundle_signals__signal=signal,
                bundle_signals__signal__consent_given=True,
            )
            .first()
        )
        if bundle is not None:
            linked.append(LinkedSignal(signal, False, bundle.url or "", bundle))
    return linked


def signals_to_link(user, goal: Goal) -> QuerySet[Signal]:
    """For a civil servant: the signals they may see that are not linked to this
    goal yet, newest first; nothing for anyone else."""
    if not may_link_signals_to_goals(user):
        return Signal.objects.none()
    return (
        signals_visible_to(user)
        .exclude(goals=goal)
        .order_by("-created_at", "-pk")
        .only("pk", "reference", "title")
    )


def goal_advice(user, goal: Goal) -> QuerySet[Advice]:
    """The advice about this goal that the viewer may see."""
    return (
        advice_visible_to(user, goal.advice.all())
        .select_related("body")
        .order_by("-asked_on", "-pk")
    )
