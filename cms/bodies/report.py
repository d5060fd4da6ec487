"""A body's yearly report: what it did in one calendar year, computed from its
meetings, attendance, advice and the town's answers.

`year_report(body, year)` gathers the figures once; two outputs use them:

- a PDF for the body's workspace (`cms.bodies.report_views`, template
  `bodies/report/year_report_pdf.html`): every meeting, attendance per member
  and per organisation, every advice with its terms and the town's answer per
  recommendation;
- a draft page an editor completes and publishes (`create_year_report_draft`,
  `BodyYearReportPage`): the same figures, but only what may become public: no
  names of people, no closed meetings' dates, no title of an advice the body did
  not publish.

Which advice belongs to a year: asked in it (a request's `asked_on`), started in
it (own initiative), or submitted or answered in it. Terms are judged against
`cms.bodies.terms`: the body's delivery is the day it submitted the advice, the
town's the day the answer was recorded (`answered`), both in Brussels. A term not
yet met is judged on the day the report is made.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cms.bodies.lifecycle import PUBLIC_STATES
from cms.bodies.models import (
    Advice,
    AdviceKind,
    AdviceState,
    AttendanceStatus,
    Body,
    BodyMember,
    BodyYearReportPage,
    Meeting,
    RecommendationAnswer,
)
from cms.bodies.terms import (
    BRUSSELS,
    body_due_date,
    start_of_day,
    submitted_on,
    town_due_date,
)
from cms.models import IndexPage
from cms.site import ensure_home_page
from portal.access import Audience, page_audience, page_audience_problem

#: The section the drafts go under (created, unpublished, when missing).
SECTION_SLUG = "jaarverslagen"
SECTION_TITLE = "Jaarverslagen"
FIRST_YEAR = 1900


class Timeliness(models.TextChoices):
    """How a term was kept."""

    ON_TIME = "on_time", gettext_lazy("op tijd")
    LATE = "late", gettext_lazy("te laat")  # delivered after the due date
    OVERDUE = "overdue", gettext_lazy("termijn verstreken")  # not delivered, past due
    RUNNING = "running", gettext_lazy("termijn loopt")  # not delivered, not yet due
    NO_TERM = "no_term", gettext_lazy("geen termijn")  # own initiative, withdrawn


def _judge(
    due: datetime.date | None, done: datetime.date | None, today: datetime.date
) -> str:
    if due is None:
        return Timeliness.NO_TERM
    if done is not None:
        return Timeliness.ON_TIME if done <= due else Timeliness.LATE
    return Timeliness.OVERDUE if today > due else Timeliness.RUNNING


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)}%"


@dataclass(frozen=True)
class MeetingLine:
    meeting: Meeting
    starts_at: datetime.datetime  # in Brussels
    is_public: bool
    present: int


@dataclass(frozen=True)
class AttendanceLine:
    """One seat (a person, an organisation, or both) over the meetings held while
    it ran."""

    name: str
    organisation: str
    role: str
    meetings: int
    present: int
    excused: int
    absent: int

    @property
    def rate(self) -> float | None:
        return self.present / self.meetings if self.meetings else None

    @property
    def rate_label(self) -> str:
        return _percent(self.rate)


@dataclass(frozen=True)
class OrganisationLine:
    """An organisation: at how many of the meetings held while it had a seat one
    of its representatives was present."""

    name: str
    meetings: int
    represented: int

    @property
    def rate(self) -> float | None:
        return self.represented / self.meetings if self.meetings else None

    @property
    def rate_label(self) -> str:
        return _percent(self.rate)


@dataclass(frozen=True)
class RecommendationLine:
    number: int
    text: str
    answer: str  # a RecommendationAnswer value, or "" while unanswered
    answer_label: str
    reason: str


@dataclass(frozen=True)
class AdviceLine:
    advice: Advice
    asked_on: datetime.date | None
    due_date: datetime.date | None
    submitted_on: datetime.date | None
    body_term: str  # Timeliness
    town_due_date: datetime.date | None
    answered_on: datetime.date | None
    town_term: str  # Timeliness, NO_TERM before submission
    recommendations: list[RecommendationLine]

    @property
    def is_public(self) -> bool:
        return self.advice.published and self.advice.state in PUBLIC_STATES

    @property
    def body_term_label(self) -> str:
        return str(Timeliness(self.body_term).label)

    @property
    def town_term_label(self) -> str:
        return str(Timeliness(self.town_term).label)


@dataclass(frozen=True)
class YearReport:
    body: Body
    year: int
    made_on: datetime.date
    meetings: list[MeetingLine]
    attendance: list[AttendanceLine]
    organisations: list[OrganisationLine]
    advice: list[AdviceLine]
    counts: dict = field(default_factory=dict)

    @property
    def public_meetings(self) -> list[MeetingLine]:
        return [line for line in self.meetings if line.is_public]

    @property
    def public_advice(self) -> list[AdviceLine]:
        return [line for line in self.advice if line.is_public]


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The calendar year in Brussels, as [start, end) aware datetimes."""
    return (
        start_of_day(datetime.date(year, 1, 1)),
        start_of_day(datetime.date(year + 1, 1, 1)),
    )


def check_year(year: int, today: datetime.date | None = None) -> None:
    """A report covers a year that has begun."""
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            _("Kies een jaar tussen %(first)s en %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year},
            code="invalid_year",
        )


def _transition_day(advice: Advice, state: str) -> datetime.date | None:
    moments = [e.created_at for e in advice.events.all() if e.to_state == state]
    return max(moments).astimezone(BRUSSELS).date() if moments else None


def _attendance(body: Body, meetings: list[Meeting]):
    """Per seat and per organisation, over the meetings held while a seat ran."""
    days = {m.pk: m.starts_at.astimezone(BRUSSELS).date() for m in meetings}
    if not days:
        return [], []
    first, last = min(days.values()), max(days.values())
    seats = (
        BodyMember.objects.filter(body=body, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("user", "organisation")
        .prefetch_related("attendances")
    )
    seat_lines = []
    by_organisation: dict[str, tuple[set, set]] = {}
    for seat in seats:
        held = {pk for pk, day in days.items() if seat.is_active_on(day)}
        if not held:
            continue
        statuses = {a.meeting_id: a.status for a in seat.attendances.all()}
        tally = Counter(statuses[pk] for pk in held if pk in statuses)
        seat_lines.append(
            AttendanceLine(
                name=str(seat.user) if seat.user else "",
                organisation=seat.organisation.name if seat.organisation else "",
                role=seat.get_role_display(),
                meetings=len(held),
                present=tally[AttendanceStatus.PRESENT],
                excused=tally[AttendanceStatus.EXCUSED],
                absent=tally[AttendanceStatus.ABSENT],
            )
        )
        key = seat.organisation.name if seat.organisation else ""
        held_by, present_at = by_organisation.setdefault(key, (set(), set()))
        held_by |= held
        present_at |= {
            pk for pk in held if statuses.get(pk) == AttendanceStatus.PRESENT
        }
    # By organisation, those on their own behalf last (as in the table below).
    seat_lines.sort(
        key=lambda line: (not line.organisation, line.organisation, line.name)
    )
    organisations = [
        OrganisationLine(
            name=name or _("op persoonlijke titel"),
            meetings=len(held),
            represented=len(present),
        )
        for name, (held, present) in sorted(
            by_organisation.items(), key=lambda item: (not item[0], item[0])
        )
    ]
    return seat_lines, organisations


def _advice_of_year(body: Body, year: int):
    start, end = year_bounds(year)
    return (
        Advice.objects.filter(body=body)
        .filter(
            Q(kind=AdviceKind.REQUEST, asked_on__year=year)
            | Q(
                kind=AdviceKind.OWN_INITIATIVE,
                created_at__gte=start,
                created_at__lt=end,
            )
            | Q(
                events__to_state__in=[AdviceState.SUBMITTED, AdviceState.ANSWERED],
                events__created_at__gte=start,
                events__created_at__lt=end,
            )
        )
        .distinct()
        .prefetch_related("events", "recommendations")
        .order_by("asked_on", "created_at", "pk")
    )


def _advice_line(advice: Advice, today: datetime.date) -> AdviceLine:
    delivered = submitted_on(advice)
    due = body_due_date(advice)
    if advice.state == AdviceState.WITHDRAWN and delivered is None:
        due = None  # the request was dropped: no term to keep
    answered = _transition_day(advice, AdviceState.ANSWERED)
    town_due = town_due_date(advice)
    return AdviceLine(
        advice=advice,
        asked_on=advice.asked_on,
        due_date=due,
        submitted_on=delivered,
        body_term=_judge(due, delivered, today),
        town_due_date=town_due,
        answered_on=answered,
        town_term=_judge(town_due, answered, today),
        recommendations=[
            RecommendationLine(
                number=r.number,
                text=r.text,
                answer=r.answer,
                answer_label=(
                    str(RecommendationAnswer(r.answer).label)
                    if r.answer
                    else _("nog niet beantwoord")
                ),
                reason=r.answer_reason,
            )
            for r in advice.recommendations.all()
        ],
    )


def year_report(body: Body, year: int, *, today: datetime.date | None = None):
    """The figures of `body` in calendar `year` (see the module's docstring)."""
    today = today or timezone.localdate()
    start, end = year_bounds(year)
    meetings = list(
        Meeting.objects.filter(body=body, starts_at__gte=start, starts_at__lt=end)
        .prefetch_related("attendances")
        .order_by("starts_at", "pk")
    )
    meeting_lines = [
        MeetingLine(
            meeting=m,
            starts_at=m.starts_at.astimezone(BRUSSELS),
            is_public=m.is_public and body.is_public,
            present=sum(
                a.status == AttendanceStatus.PRESENT for a in m.attendances.all()
            ),
        )
        for m in meetings
    ]
    attendance, organisations = _attendance(body, meetings)
    advice = [_advice_line(a, today) for a in _advice_of_year(body, year)]
    recommendations = [r for line in advice for r in line.recommendations]
    submitted = [line for line in advice if line.submitted_on]
    answers = Counter(r.answer for line in submitted for r in line.recommendations)
    body_terms = Counter(line.body_term for line in advice)
    town_terms = Counter(line.town_term for line in submitted)
    counts = {
        "meetings": len(meetings),
        "public_meetings": sum(line.is_public for line in meeting_lines),
        "advice": len(advice),
        "requests": sum(line.advice.kind == AdviceKind.REQUEST for line in advice),
        "own_initiative": sum(
            line.advice.kind == AdviceKind.OWN_INITIATIVE for line in advice
        ),
        "urgent": sum(line.advice.urgent for line in advice),
        "extended": sum(bool(line.advice.extended_until) for line in advice),
        "states": [
            (str(label), n)
            for value, label in AdviceState.choices
            if (n := sum(line.advice.state == value for line in advice))
        ],
        "body_on_time": body_terms[Timeliness.ON_TIME],
        "body_late": body_terms[Timeliness.LATE],
        "body_overdue": body_terms[Timeliness.OVERDUE],
        "body_running": body_terms[Timeliness.RUNNING],
        "submitted": len(submitted),
        "recommendations": len(recommendations),
        "taken_over": answers[RecommendationAnswer.TAKEN_OVER],
        "partly": answers[RecommendationAnswer.PARTLY],
        "not_taken_over": answers[RecommendationAnswer.NOT_TAKEN_OVER],
        "unanswered": answers[""],
        "town_on_time": town_terms[Timeliness.ON_TIME],
        "town_late": town_terms[Timeliness.LATE],
        "town_overdue": town_terms[Timeliness.OVERDUE],
        "town_running": town_terms[Timeliness.RUNNING],
    }
    return YearReport(
        body=body,
        year=year,
        made_on=today,
        meetings=meeting_lines,
        attendance=attendance,
        organisations=organisations,
        advice=advice,
        counts=counts,
    )


# The draft page -------------------------------------------------------------------


def _heading(title: str) -> dict:
    return {
        "type": "heading",
        "value": {"level": "2", "number": "", "title": title, "anchor": ""},
    }


def _paragraph(*parts: str) -> dict:
    """Rich text from plain sentences (escaped)."""
    return {"type": "paragraph", "value": "".join(f"<p>{escape(p)}</p>" for p in parts)}


def _list(items: list[str]) -> dict:
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return {"type": "paragraph", "value": f"<ul>{listed}</ul>"}


def _table(caption: str, header: list[str], rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {
            "data": [header, *rows],
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_header_choice": "both",
            "table_caption": caption,
        },
    }


def report_stream(report: YearReport) -> list[dict]:
    """The draft page's text: the figures that may become public (no names of
    people, no closed meetings' dates, no unpublished advice's title)."""
    c = report.counts
    blocks = [_heading(_("Vergaderingen"))]
    blocks.append(
        _paragraph(
            _(
                "%(body)s vergaderde in %(year)s %(count)s keer, waarvan %(public)s "
                "keer openbaar."
            )
            % {
                "body": report.body.name,
                "year": report.year,
                "count": c["meetings"],
                "public": c["public_meetings"],
            }
        )
    )
    if report.public_meetings:
        blocks.append(
            _list(
                [
                    _("Openbare vergadering op %(date)s")
                    % {"date": f"{line.starts_at:%d/%m/%Y}"}
                    for line in report.public_meetings
                ]
            )
        )
    if report.organisations:
        blocks.append(_heading(_("Aanwezigheid per organisatie")))
        blocks.append(
            _table(
                _("Aanwezigheid per organisatie in %(year)s") % {"year": report.year},
                [
                    _("Organisatie"),
                    _("Vergaderingen"),
                    _("Aanwezig"),
                    _("Aanwezigheid"),
                ],
                [
                    [
                        line.name,
                        str(line.meetings),
                        str(line.represented),
                        line.rate_label,
                    ]
                    for line in report.organisations
                ],
            )
        )
    blocks.append(_heading(_("Adviezen")))
    blocks.append(
        _paragraph(
            _(
                "%(count)s adviezen: %(requests)s op vraag van het bestuur en "
                "%(own)s op eigen initiatief. Van de gevraagde adviezen kwamen er "
                "%(on_time)s op tijd en %(late)s te laat; bij %(overdue)s is de "
                "termijn verstreken en bij %(running)s loopt hij nog."
            )
            % {
                "count": c["advice"],
                "requests": c["requests"],
                "own": c["own_initiative"],
                "on_time": c["body_on_time"],
                "late": c["body_late"],
                "overdue": c["body_overdue"],
                "running": c["body_running"],
            }
        )
    )
    if c["states"]:
        blocks.append(_list([f"{label}: {n}" for label, n in c["states"]]))
    if report.public_advice:
        blocks.append(
            _table(
                _("Gepubliceerde adviezen in %(year)s") % {"year": report.year},
                [_("Advies"), _("Soort"), _("Status"), _("Termijn")],
                [
                    [
                        line.advice.title,
                        str(line.advice.get_kind_display()),
                        str(line.advice.get_state_display()),
                        line.body_term_label,
                    ]
                    for line in report.public_advice
                ],
            )
        )
    blocks.append(_heading(_("Antwoorden van het bestuur")))
    blocks.append(
        _paragraph(
            _(
                "Het bestuur ontving %(submitted)s adviezen. Van hun aanbevelingen "
                "nam het er %(taken)s over, %(partly)s gedeeltelijk en %(not)s "
                "niet; %(open)s wachten nog op een antwoord. Het antwoordde "
                "%(on_time)s keer op tijd en %(late)s keer te laat; bij "
                "%(overdue)s is de termijn verstreken."
            )
            % {
                "submitted": c["submitted"],
                "taken": c["taken_over"],
                "partly": c["partly"],
                "not": c["not_taken_over"],
                "open": c["unanswered"],
                "on_time": c["town_on_time"],
                "late": c["town_late"],
                "overdue": c["town_overdue"],
            }
        )
    )
    return blocks


def year_report_section() -> IndexPage:
    """The index page the drafts go under: "Jaarverslagen" under the home page,
    made as an unpublished draft when missing (an editor publishes it with the
    first report)."""
    home = ensure_home_page()
    existing = IndexPage.objects.filter(slug=SECTION_SLUG).first()
    if existing is not None:
        return existing
    section = IndexPage(
        title=SECTION_TITLE, slug=SECTION_SLUG, live=False, show_in_menus=False
    )
    home.add_child(instance=section)
    section.save_revision()
    return section


@transaction.atomic
def create_year_report_draft(*, body: Body, year: int, by) -> BodyYearReportPage:
    """An unpublished yearly report page of `body` for `year`, its figures written
    out for an editor to complete. Made once: when the page exists, it is returned
    as it is (an editor may have worked on it). Readable by the body's audience
    once published: the public for a public body, staff otherwise."""
    existing = BodyYearReportPage.objects.filter(body=body, year=year).first()
    if existing is not None:
        return existing
    check_year(year)
    parent = year_report_section()
    if by is not None and not parent.permissions_for_user(by).can_add_subpage():
        raise PermissionDenied(
            _("Je mag geen pagina's toevoegen onder '%(section)s'.")
            % {"section": parent.title}
        )
    report = year_report(body, year)
    audience = Audience.PUBLIC if body.is_public else Audience.STAFF
    if page_audience_problem(audience, parent=parent):
        audience = page_audience(parent)
    title = _("Jaarverslag %(year)s %(body)s") % {"year": year, "body": body.name}
    page = BodyYearReportPage(
        title=title,
        slug=slugify(f"{year}-{body.name}")[:255],
        body=body,
        year=year,
        audience=audience,
        report=report_stream(report),
        live=False,
        owner=by,
    )
    parent.add_child(instance=page)
    page.save_revision(user=by, log_action=False)
    log(instance=page, action="wagtail.create", user=by)
    return page
