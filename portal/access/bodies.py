"""Who may see and do what with bodies, their meetings and their advice. The one
copy of these rules: admin, pages, API, feeds and e-mails ask here.

Seeing:
- civil servants (staff) see everything;
- a person with a seat in a body that runs today (an active `BodyMember`, whatever
  the role, observers included) sees the body's workspace: the body, all its
  meetings (closed ones too), minutes in every state, attendance, and all its advice;
- everyone else (anonymous, citizens, partners without a seat) sees public bodies,
  the public meetings of public bodies, minutes once published, and advice the
  body decided to publish (`published`) once it is adopted or further on. A
  withdrawn advice is never public.

A seat is personal: representing an organisation does not open the workspace to
that organisation's other members. Rights end with the seat's end date.

Doing: `advice_permissions(user, advice)` names the actors a person is towards
one advice (member, officer = chair or secretary, civil servant); the app's
transitions table says which actor makes which step.

Being told: `body_officers` (chair and secretary with a running seat) and
`town_contacts` (the contact civil servant, or the "Civil servants" group) name
who hears of a running term; the reminders ask here.

Why a registration: access imports no content app, yet the rule needs the seat
rows, the states and the transitions table. The bodies app declares them with
`register_body_rules(BodyRules(...))` when it is ready. Access reads only these
fields: on seats `body_id`, `user`, `role`, `start_date`, `end_date`; on bodies
`pk`, `is_public`; on meetings `body_id`, `body.is_public`, `is_public`,
`minutes_state`; on advice `body_id`, `state`, `published`.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access.audiences import is_signed_in, is_staff_member
from portal.access.roles import CIVIL_SERVANTS_GROUP


class BodyActor(StrEnum):
    """How a person stands towards one body's advice."""

    MEMBER = "member"  # holds a seat in the body today
    OFFICER = "officer"  # chairs the body or keeps its secretariat
    CIVIL_SERVANT = "civil_servant"  # staff of the town or OCMW


BODY_ACTOR_LABELS = {
    BodyActor.MEMBER: _("een lid van het orgaan"),
    BodyActor.OFFICER: _("de voorzitter of secretaris van het orgaan"),
    BodyActor.CIVIL_SERVANT: _("een medewerker van het lokaal bestuur"),
}


@dataclass(frozen=True)
class BodyRules:
    """What the bodies app declares (see the module's docstring)."""

    #: All seats (`BodyMember` rows).
    seats: Callable[[], QuerySet]
    #: Seat roles that act for the body (chair, secretary).
    officer_roles: frozenset[str]
    #: (from, to) -> the actors who may make that step.
    transitions: Mapping[tuple[str, str], frozenset[BodyActor]]
    #: Advice states in which a published advice is public.
    public_advice_states: frozenset[str]
    #: The minutes state from which minutes leave the workspace.
    published_minutes_state: str
    #: Advice states in which the town answers recommendations.
    answer_states: frozenset[str]
    #: Advice states in which the body's term may be extended.
    extension_states: frozenset[str]
    #: Advice states in which the body's officers write its text and
    #: recommendations (before the body adopts it).
    edit_states: frozenset[str] = frozenset()
    #: Advice states in which the town has answered as a whole (its answers then
    #: go with the published advice).
    answered_states: frozenset[str] = frozenset()


_rules: BodyRules | None = None


def register_body_rules(rules: BodyRules) -> None:
    """Called once by the bodies app when it is ready."""
    global _rules
    _rules = rules


def body_rules() -> BodyRules:
    if _rules is None:
        raise ImproperlyConfigured("The bodies app has not registered its rules.")
    return _rules


def active_seats(user, on: datetime.date | None = None) -> QuerySet:
    """The user's seats that run on `on` (today in Brussels by default)."""
    seats = body_rules().seats()
    if not is_signed_in(user):
        return seats.none()
    on = on or timezone.localdate()
    return seats.filter(user_id=user.pk, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def seat_roles(user, on: datetime.date | None = None) -> dict[int, frozenset[str]]:
    """Body pk -> the roles the user holds in it today."""
    roles: dict[int, set[str]] = {}
    for body_id, role in active_seats(user, on).values_list("body_id", "role"):
        roles.setdefault(body_id, set()).add(role)
    return {body_id: frozenset(values) for body_id, values in roles.items()}


# Seeing ----------------------------------------------------------------------------


def bodies_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Public bodies, and those the user has a seat in; staff see all."""
    if is_staff_member(user):
        return queryset
    return queryset.filter(
        Q(is_public=True) | Q(pk__in=active_seats(user).values("body_id"))
    )


def meetings_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Public meetings of public bodies, and every meeting of a body the user has a
    seat in; staff see all."""
    if is_staff_member(user):
        return queryset
    return queryset.filter(
        Q(is_public=True, body__is_public=True)
        | Q(body_id__in=active_seats(user).values("body_id"))
    )


def advice_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Advice of the bodies the user has a seat in, and published advice once
    adopted; staff see all."""
    if is_staff_member(user):
        return queryset
    return queryset.filter(
        Q(published=True, state__in=body_rules().public_advice_states)
        | Q(body_id__in=active_seats(user).values("body_id"))
    )


def body_is_public(body) -> bool:
    """Whether everyone sees this body (`bodies_visible_to`, for one body)."""
    return bool(body.is_public)


def answers_are_public(advice) -> bool:
    """Whether the town's answers to an advice reach everyone who sees it: with the
    published advice, once the town has answered as a whole (`answered_states`).
    Before, while the advice awaits its answer (`answer_states`), the answers are
    being written and stay in the dossier; and an advice not yet submitted has no
    answers to show, whatever an editor may have typed in the admin."""
    rules = body_rules()
    return (
        advice.published
        and advice.state in rules.public_advice_states
        and advice.state in rules.answered_states
    )


def in_workspace(user, body_id: int) -> bool:
    """Whether the user works inside this body: staff, or a seat in it today."""
    return is_staff_member(user) or active_seats(user).filter(body_id=body_id).exists()


def workspace_bodies(user, queryset: QuerySet) -> QuerySet:
    """The bodies whose workspace the user enters (`in_workspace`, for a list):
    staff all of them, everyone else those they hold a seat in today."""
    if is_staff_member(user):
        return queryset
    return queryset.filter(pk__in=active_seats(user).values("body_id"))


@dataclass(frozen=True)
class MeetingPermissions:
    """What one user may see of one meeting; computed once, passed around."""

    can_view: bool
    #: The body's workspace: closed meetings, draft minutes, attendance.
    in_workspace: bool
    can_view_minutes: bool
    can_view_attendance: bool
    #: Drafts the minutes and moves them on (draft, approved, published): the
    #: body's secretary or chair, who keep its record, or a civil servant.
    can_edit_minutes: bool = False


def meeting_permissions(user, meeting) -> MeetingPermissions:
    workspace = in_workspace(user, meeting.body_id)
    can_view = workspace or (meeting.is_public and meeting.body.is_public)
    published = meeting.minutes_state == body_rules().published_minutes_state
    actors = body_actors(user, meeting.body_id) if workspace else frozenset()
    return MeetingPermissions(
        can_view=can_view,
        in_workspace=workspace,
        can_view_minutes=workspace or (can_view and published),
        can_view_attendance=workspace,
        can_edit_minutes=bool(actors & {BodyActor.OFFICER, BodyActor.CIVIL_SERVANT}),
    )


def may_view_body_report(user, body_id: int) -> bool:
    """A body's yearly report (PDF) names its members, their attendance and every
    advice, published or not: the body's workspace, so staff and the people with
    a seat in it today."""
    return in_workspace(user, body_id)


# Being told -------------------------------------------------------------------------


def body_officers(body_id: int, on: datetime.date | None = None) -> QuerySet:
    """The active accounts that chair the body or keep its secretariat on `on`
    (today by default): they speak for the body, so they are told of its terms. A
    seat that ended, or one held by an organisation without a person, tells no
    one."""
    on = on or timezone.localdate()
    seats = (
        body_rules()
        .seats()
        .filter(
            body_id=body_id,
            role__in=body_rules().officer_roles,
            user__isnull=False,
            start_date__lte=on,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    )
    return get_user_model().objects.filter(
        is_active=True, pk__in=seats.values("user_id")
    )


def _civil_servants() -> QuerySet:
    return get_user_model().objects.filter(
        Q(is_staff=True) | Q(is_superuser=True), is_active=True
    )


def town_contacts(contact_id: int | None) -> QuerySet:
    """Who answers for the town towards a body: its contact civil servant while
    that account is an active civil servant; without one, the civil servants who
    keep the bodies up to date (the "Civil servants" group), so a term never runs
    out unseen."""
    if contact_id is not None:
        contact = _civil_servants().filter(pk=contact_id)
        if contact.exists():
            return contact
    return _civil_servants().filter(groups__name=CIVIL_SERVANTS_GROUP).distinct()


# Doing ------------------------------------------------------------------------------


def body_actors(user, body_id: int) -> frozenset[BodyActor]:
    """The actors this user is towards one body today."""
    actors = set()
    roles = seat_roles(user).get(body_id, frozenset())
    if roles:
        actors.add(BodyActor.MEMBER)
    if roles & body_rules().officer_roles:
        actors.add(BodyActor.OFFICER)
    if is_staff_member(user):
        actors.add(BodyActor.CIVIL_SERVANT)
    return frozenset(actors)


@dataclass(frozen=True)
class AdvicePermissions:
    """What one user may do with one advice; computed once, passed around."""

    advice: object = field(repr=False, compare=False)
    actors: frozenset[BodyActor]
    can_view: bool
    #: The whole dossier: timeline, draft text, answers before they are public,
    #: the town's status updates on its answer and the reason of an extension.
    can_view_internal: bool
    #: The town's answers to the recommendations (see `advice_permissions`).
    can_view_answers: bool
    allowed_transitions: tuple[str, ...]
    can_answer: bool
    can_extend: bool
    can_report_status: bool
    #: Writes the advice's text and recommendations: the body's officers, while
    #: it is in preparation (once adopted, the text is the body's decision).
    can_edit: bool = False
    #: Makes an adopted advice public (or not): the body decides, through its
    #: officers.
    can_publish: bool = False

    @property
    def can_transition(self) -> bool:
        return bool(self.allowed_transitions)


def advice_permissions(user, advice) -> AdvicePermissions:
    """What `user` may see and do with `advice`.

    The town's answers reach the public only once the town has answered as a
    whole: while the advice awaits its answer (`answer_states`), the answers per
    recommendation are still being written and stay in the dossier.

    The text and recommendations are the body's: its officers (chair, secretary)
    write them while the body prepares the advice (`edit_states`); once
    adopted, the text is the body's decision and no longer changes. Plain members
    discuss it in meetings; the town does not write the body's advice.
    """
    rules = body_rules()
    actors = body_actors(user, advice.body_id)
    internal = bool(actors & {BodyActor.MEMBER, BodyActor.CIVIL_SERVANT})
    public = advice.published and advice.state in rules.public_advice_states
    town = BodyActor.CIVIL_SERVANT in actors
    return AdvicePermissions(
        advice=advice,
        actors=actors,
        can_view=internal or public,
        can_view_internal=internal,
        can_view_answers=internal or answers_are_public(advice),
        allowed_transitions=tuple(
            to
            for (source, to), who in rules.transitions.items()
            if source == advice.state and who & actors
        ),
        can_answer=town and advice.state in rules.answer_states,
        can_extend=town and advice.state in rules.extension_states,
        can_report_status=town and advice.state in rules.answer_states,
        can_edit=BodyActor.OFFICER in actors and advice.state in rules.edit_states,
        can_publish=BodyActor.OFFICER in actors
        and advice.state in rules.public_advice_states,
    )


def may_request_advice(user) -> bool:
    """The town asks for advice: its civil servants."""
    return is_staff_member(user)


def may_start_own_initiative(user, body_id: int) -> bool:
    """A body gives advice on its own initiative through its chair or secretary."""
    return BodyActor.OFFICER in body_actors(user, body_id)


__all__ = [
    "BODY_ACTOR_LABELS",
    "AdvicePermissions",
    "BodyActor",
    "BodyRules",
    "MeetingPermissions",
    "active_seats",
    "advice_permissions",
    "advice_visible_to",
    "answers_are_public",
    "bodies_visible_to",
    "body_actors",
    "body_is_public",
    "body_officers",
    "body_rules",
    "in_workspace",
    "may_request_advice",
    "may_start_own_initiative",
    "may_view_body_report",
    "meeting_permissions",
    "meetings_visible_to",
    "register_body_rules",
    "seat_roles",
    "town_contacts",
    "workspace_bodies",
]
