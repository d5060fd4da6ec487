"""Who may see and do what with a signal. The one copy of these rules: the signal
pages, the API, the services, the e-mails and the search index all ask here.

Seeing a signal:
- the organisations that carry it (its own, and those merged into it) and its
  author, in every state; an author whose membership ended keeps reading what they
  wrote, nothing more;
- once submitted (screening): also the signal coordinators;
- once registered (shared): every partner organisation;
- anyone who may see a live bundle page that publishes it with its organisation's
  consent (the public, for a public bundle).

Doing something with it is decided by `signal_permissions(user, signal)`: acting
for the organisation takes an active membership of it (or being the civil servant
who raised the signal on its behalf), screening takes the signal
coordinators' duty, the lifecycle steps follow the app's transitions table.

Why a registration: access must not import a content app (content builds on
access, not the other way round), yet the rule needs the signal's states and where
bundles publish it. So the rule is written here in access's own words (stages,
actors, circles), and the signals app declares how its states and tables map onto
them with `register_signal_rules(SignalRules(...))` when it is ready. Access reads
only these fields of the declared model: `state`, `organisation` (with
`is_partner`), `organisation_ids` (the carrying organisations), `co_organisations`
and `author`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.access.audiences import Audience, is_signed_in, is_staff_member
from portal.access.circles import (
    SIGNAL_COORDINATORS_CIRCLE,
    audience_circle,
    organisation_circle,
    person_circle,
)
from portal.access.pages import page_audience, pages_visible_to
from portal.access.roles import SIGNAL_COORDINATORS_GROUP, is_signal_coordinator
from portal.models import Membership


class SignalStage(StrEnum):
    """How far a signal is shared, whatever the app calls its states."""

    PRIVATE = "private"  # the organisations that carry it, and its author
    SCREENING = "screening"  # ... and the signal coordinators
    SHARED = "shared"  # ... and every partner organisation


class Actor(StrEnum):
    """How a person stands towards one signal."""

    ORGANISATION = "organisation"  # acts for the submitting organisation
    SIGNAL_COORDINATOR = "signal_coordinator"  # screens and steers signals
    CIVIL_SERVANT = "civil_servant"  # staff of the town or OCMW


ACTOR_LABELS = {
    Actor.ORGANISATION: _("de indienende organisatie"),
    Actor.SIGNAL_COORDINATOR: _("een signaalcoördinator"),
    Actor.CIVIL_SERVANT: _("een medewerker van het lokaal bestuur"),
}


@dataclass(frozen=True)
class SignalRules:
    """What the signals app declares (see the module's docstring)."""

    model: type[Model]
    #: Each state's stage.
    stages: Mapping[str, SignalStage]
    #: (from, to) -> the actors who may make that step.
    transitions: Mapping[tuple[str, str], frozenset[Actor]]
    #: States in which the organisation edits the signal and adds files.
    editable_states: frozenset[str]
    #: States in which the organisation gives or withdraws consent to publish.
    consent_states: frozenset[str]
    #: Rows with `signal` and `page`: where signals are published with consent.
    publications: Callable[[], QuerySet]

    def states_in(self, *stages: SignalStage) -> list[str]:
        return [state for state, stage in self.stages.items() if stage in stages]


_rules: SignalRules | None = None


def register_signal_rules(rules: SignalRules) -> None:
    """Called once by the signals app when it is ready."""
    global _rules
    _rules = rules


def signal_rules() -> SignalRules:
    if _rules is None:
        raise ImproperlyConfigured("The signals app has not registered its rules.")
    return _rules


@dataclass(frozen=True)
class Person:
    """The facts about a user that the signal rules read, gathered in two queries
    (compute once per request or list; `signal_permissions` accepts it)."""

    pk: int | None = None
    staff: bool = False
    partner: bool = False
    coordinator: bool = False  # the signal coordinators' duty (or staff)
    organisations: frozenset[int] = frozenset()

    @property
    def signed_in(self) -> bool:
        return self.pk is not None


ANONYMOUS = Person()


def person_of(user) -> Person:
    if not is_signed_in(user):
        return ANONYMOUS
    memberships = list(
        Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE
        ).values_list("organisation_id", "organisation__is_partner")
    )
    return Person(
        pk=user.pk,
        staff=is_staff_member(user),
        partner=any(is_partner for _pk, is_partner in memberships),
        coordinator=is_signal_coordinator(user),
        organisations=frozenset(pk for pk, _is_partner in memberships),
    )


# Seeing ----------------------------------------------------------------------------


def _published_visible_to(user) -> QuerySet:
    """The pks of signals published with consent on a page this user may see."""
    return (
        signal_rules()
        .publications()
        .filter(page__in=pages_visible_to(user).values("pk"))
        .values("signal")
    )


def signals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The signals this user may see (see the module's rule)."""
    rules = signal_rules()
    queryset = rules.model.objects.all() if queryset is None else queryset
    visible = Q(pk__in=_published_visible_to(user))
    person = person_of(user)
    if person.signed_in:
        own = person.organisations
        visible |= (
            Q(organisation_id__in=own)
            | Q(co_organisations__in=own)
            | Q(author_id=person.pk)
        )
        if person.coordinator:
            stages = (SignalStage.SCREENING, SignalStage.SHARED)
            visible |= Q(state__in=rules.states_in(*stages))
        elif person.partner:
            visible |= Q(state__in=rules.states_in(SignalStage.SHARED))
    ids = rules.model.objects.filter(visible).values("pk")
    return queryset.filter(pk__in=ids)


def signal_is_visible_to(user, signal) -> bool:
    return signal_permissions(user, signal).can_view


def _member_sees(person: Person, signal) -> bool:
    """Seen through a right the person holds now (not only as the author)."""
    stage = signal_rules().stages[signal.state]
    if person.organisations & signal.organisation_ids:
        return True
    if person.coordinator and stage != SignalStage.PRIVATE:
        return True
    return person.partner and stage == SignalStage.SHARED


def signal_circles(signal) -> frozenset[str]:
    """The circles that may see this signal (for the search index): the same rule
    as `signals_visible_to`, in the words a search engine filters on."""
    rules = signal_rules()
    stage = rules.stages[signal.state]
    circles = {organisation_circle(pk) for pk in signal.organisation_ids}
    if signal.author_id:
        circles.add(person_circle(signal.author_id))
    if stage != SignalStage.PRIVATE:
        circles.add(SIGNAL_COORDINATORS_CIRCLE)
    if stage == SignalStage.SHARED:
        circles.add(audience_circle(Audience.PARTNERS))
    for page in publication_pages(signal):
        circles.add(audience_circle(page_audience(page)))
    return frozenset(circles)


def publication_pages(signal) -> list:
    """The live pages that publish this signal with its organisation's consent."""
    pages = signal_rules().publications().filter(signal=signal).values("page")
    return list(Page.objects.live().filter(pk__in=pages))


# Doing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalPermissions:
    """What one user may do with one signal; computed once, passed around."""

    user: object = field(repr=False, compare=False)
    signal: object = field(repr=False, compare=False)
    can_view: bool
    #: Sees the whole signal, not only what a bundle publishes.
    can_view_internal: bool
    actors: frozenset[Actor]
    #: Acts for the submitting organisation (an active member of it, or the civil
    #: servant who raised the signal on its behalf).
    acts_for_organisation: bool
    can_edit: bool
    can_comment: bool
    can_see_privacy_findings: bool
    can_see_timeline: bool
    #: The timeline names people (their own organisations, civil servants);
    #: everyone else reads the organisation instead.
    sees_people: bool
    allowed_transitions: tuple[str, ...]

    @cached_property
    def holds_consent_right(self) -> bool:
        """Speaks for the organisation on publishing (whatever the state)."""
        return (
            self.can_view
            and signal_consent_givers(self.signal).filter(pk=self.user.pk).exists()
        )

    @cached_property
    def can_consent(self) -> bool:
        """May give or withdraw the organisation's consent now."""
        return (
            self.signal.state in signal_rules().consent_states
            and self.holds_consent_right
        )


def signal_permissions(
    user, signal, *, person: Person | None = None
) -> SignalPermissions:
    """What `user` may see and do with `signal`. Pass `person` (`person_of(user)`)
    when computing for many signals."""
    rules = signal_rules()
    person = person_of(user) if person is None else person
    is_author = person.signed_in and signal.author_id == person.pk
    member_sees = person.signed_in and _member_sees(person, signal)
    internal = member_sees or is_author
    published = (
        not internal and _published_visible_to(user).filter(signal=signal.pk).exists()
    )
    can_view = internal or published
    actors = set()
    if person.signed_in and can_view:
        # A member acts for their organisation while the membership lasts; a
        # civil servant who raised the signal on its behalf (by phone, at the
        # desk) does so by their office, not by a membership.
        if signal.organisation_id in person.organisations or (
            is_author and person.staff
        ):
            actors.add(Actor.ORGANISATION)
        if person.coordinator:
            actors.add(Actor.SIGNAL_COORDINATOR)
        if person.staff:
            actors.add(Actor.CIVIL_SERVANT)
    actors = frozenset(actors)
    acts_for_organisation = Actor.ORGANISATION in actors
    return SignalPermissions(
        user=user,
        signal=signal,
        can_view=can_view,
        can_view_internal=internal,
        actors=actors,
        acts_for_organisation=acts_for_organisation,
        can_edit=acts_for_organisation and signal.state in rules.editable_states,
        can_comment=bool((actors or person.partner) and (member_sees or published)),
        can_see_privacy_findings=bool(
            actors & {Actor.ORGANISATION, Actor.SIGNAL_COORDINATOR}
        ),
        can_see_timeline=bool(can_view and (actors or person.partner)),
        sees_people=bool(
            person.staff or (person.organisations & signal.organisation_ids)
        ),
        allowed_transitions=tuple(
            to
            for (source, to), who in rules.transitions.items()
            if source == signal.state and who & actors
        ),
    )


def signal_consent_givers(signal) -> QuerySet:
    """Who gives the organisation's consent to publish: its coordinators; for the
    town's own signals (a non-partner organisation), also its civil servants.
    Active members only. The permissions and the consent request mail read this."""
    rule = Q(role=Membership.Role.COORDINATOR)
    if not signal.organisation.is_partner:
        rule |= Q(user__is_staff=True) | Q(user__is_superuser=True)
    memberships = Membership.objects.filter(
        rule,
        organisation_id=signal.organisation_id,
        status=Membership.Status.ACTIVE,
    )
    return get_user_model().objects.filter(
        is_active=True, pk__in=memberships.values("user")
    )


def signal_coordinators() -> QuerySet:
    """Everyone who screens signals (`is_signal_coordinator`), as accounts: told
    when a signal is submitted."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__name=SIGNAL_COORDINATORS_GROUP)
        )
        .distinct()
    )


def may_raise_signal_for(user, organisation_id: int) -> bool:
    """An active member raises signals for their organisation; a civil servant for
    any organisation."""
    if not is_signed_in(user):
        return False
    return is_staff_member(user) or organisation_id in person_of(user).organisations


def may_choose_signals_for_bundles(user) -> bool:
    """Bundles are made by the town: only its staff choose signals for them."""
    return is_staff_member(user)


def may_link_signals_to_goals(user) -> bool:
    """Linking signals and a plan's goals is the town's work: its civil servants."""
    return is_staff_member(user)


def may_link_signal_goals(user, signal) -> bool:
    """A civil servant who may see the signal links it to goals and unlinks it."""
    return may_link_signals_to_goals(user) and signal_is_visible_to(user, signal)


def sees_full_coordinator_queue(user) -> bool:
    """Staff screen from the intranet queue; partner coordinators from their
    dashboard."""
    return is_staff_member(user)


__all__ = [
    "ACTOR_LABELS",
    "ANONYMOUS",
    "Actor",
    "Person",
    "SignalPermissions",
    "SignalRules",
    "SignalStage",
    "may_choose_signals_for_bundles",
    "may_link_signal_goals",
    "may_link_signals_to_goals",
    "may_raise_signal_for",
    "person_of",
    "publication_pages",
    "register_signal_rules",
    "sees_full_coordinator_queue",
    "signal_circles",
    "signal_consent_givers",
    "signal_coordinators",
    "signal_is_visible_to",
    "signal_permissions",
    "signal_rules",
    "signals_visible_to",
]
