"""The demo town, indexed, for the search page and API tests: every demo account and
anonymous, and what each may see, written out here independently of
`portal.access.audiences` so the tests check the rule rather than repeat it."""

import io
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from cms.bodies.models import BodyMember
from cms.demo.accounts import HOUSING_PARTNER, WELFARE_PARTNER
from portal.access.circles import organisation_circle
from portal.models import Organisation, User
from search.conf import get_backend
from search.documents import DocumentKind, SearchDocument
from search.models import IndexedDocument, unpack_values
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

ANONYMOUS = "anoniem"
CITIZEN = "burger@demo.lokaal"
PARTNER = "partner@demo.lokaal"
PARTNER2 = "partner2@demo.lokaal"
CIVIL_SERVANT = "ambtenaar@demo.lokaal"
EDITOR = "redacteur@demo.lokaal"
MODERATOR = "moderator@demo.lokaal"
ADMINISTRATOR = "admin@demo.lokaal"
IDENTITIES = [
    ANONYMOUS,
    CITIZEN,
    PARTNER,
    PARTNER2,
    CIVIL_SERVANT,
    EDITOR,
    MODERATOR,
    ADMINISTRATOR,
]
STAFF = {CIVIL_SERVANT, EDITOR, MODERATOR, ADMINISTRATOR}
PARTNERS = {PARTNER, PARTNER2}
AUDIENCES = {
    **{identity: {"public"} for identity in (ANONYMOUS, CITIZEN)},
    **{identity: {"public", "partners"} for identity in PARTNERS},
    **{identity: {"public", "partners", "staff"} for identity in STAFF},
}
OWN_ORGANISATION = {PARTNER: WELFARE_PARTNER, PARTNER2: HOUSING_PARTNER}

# Single words (no "match any" fallback) that each match restricted documents: the
# demo's partner and staff pages, and the organisation-internal notes added below.
RESTRICTED_QUERIES = [
    "partneroverleg",
    "signaalprocedure",
    "werknota",
    "redactieafspraken",
    "signalenbundel",
    "werkafspraak",
    "partners",
    "stuurgroep",
]
INTERNAL_WORD = "werkafspraak"


@dataclass(frozen=True)
class Indexed:
    """What the index holds: per key, audience, owner and facet values."""

    audience: dict[str, str]
    circles: dict[str, str]
    url: dict[str, str]
    organisation_ids: dict[str, int]
    #: identity -> the bodies they hold a seat in today.
    seats: dict[str, set[int]]

    def may_see(self, identity: str, key: str) -> bool:
        if self.audience[key] not in AUDIENCES[identity]:
            return False
        circles = self.circles[key]
        if not circles:
            return True
        # An item for an audience's circle (civil servants in a body's workspace,
        # partners for a shared signal), or for a body the person sits in today.
        if any(f"|audience:{a}|" in circles for a in AUDIENCES[identity]):
            return True
        if any(f"|body:{pk}|" in circles for pk in self.seats.get(identity, ())):
            return True
        # Staff too see an item internal to an organisation only as its members:
        # the circles decide, not the rank (portal.access.circles).
        own = OWN_ORGANISATION.get(identity)
        return (
            own is not None
            and f"|organisation:{self.organisation_ids[own]}|" in circles
        )

    def facet_counts(self, keys) -> dict[str, Counter]:
        counts: dict[str, Counter] = {}
        rows = IndexedDocument.objects.filter(key__in=list(keys)).values_list(
            "kind", "year", "organisation", "life_domains", "target_groups"
        )
        for kind, year, organisation, life_domains, target_groups in rows:
            pairs = [("kind", kind), ("year", str(year) if year else "")]
            pairs += [("organisation", organisation)]
            pairs += [("life_domain", value) for value in unpack_values(life_domains)]
            pairs += [("target_group", value) for value in unpack_values(target_groups)]
            for facet, value in pairs:
                if value:
                    counts.setdefault(facet, Counter())[value] += 1
        return counts


def _internal_notes(organisations: dict[str, int]) -> list[SearchDocument]:
    """A note internal to each partner organisation of the demo accounts (the demo
    has no internal items of its own yet)."""
    return [
        SearchDocument(
            key=f"tests.internalnote:{number}",
            kind=DocumentKind.SIGNAL,
            title=f"Interne {INTERNAL_WORD} {name}",
            body=f"Een {INTERNAL_WORD} die alleen {name} mag zien.",
            url=f"/intern-{number}/",
            audience="partners",
            circles=(organisation_circle(organisations[name]),),
            organisation=name,
            year=2026,
        )
        for number, name in enumerate((WELFARE_PARTNER, HOUSING_PARTNER), start=1)
    ]


@contextmanager
def indexed_demo(django_db_blocker) -> Iterator[Indexed]:
    """The demo town loaded and indexed (rolled back afterwards); staff accounts get
    the second factor they must have."""
    with demo_loaded(django_db_blocker):
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        call_command("search_rebuild", stdout=io.StringIO())
        organisations = dict(Organisation.objects.values_list("name", "id"))
        get_backend().index(_internal_notes(organisations))
        rows = IndexedDocument.objects.values_list("key", "audience", "circles", "url")
        yield Indexed(
            audience={key: audience for key, audience, _circles, _url in rows},
            circles={key: circles for key, _audience, circles, _url in rows},
            url={key: url for key, _audience, _circles, url in rows},
            organisation_ids=organisations,
            seats=_seats_today(),
        )


def _seats_today() -> dict[str, set[int]]:
    today = timezone.localdate()
    running = BodyMember.objects.filter(
        user__email__in=IDENTITIES, start_date__lte=today
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    seats: dict[str, set[int]] = {}
    for email, body_id in running.values_list("user__email", "body_id"):
        seats.setdefault(email, set()).add(body_id)
    return seats


def users_by_email() -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=IDENTITIES)}


def matching_keys(query: str) -> set[str]:
    """Every indexed document the query matches, whoever may see it (the engine
    asked with an all-seeing visibility)."""
    from search.analysis import plan_query
    from search.backends.base import SearchQuery, Visibility

    everything = Visibility(audiences=("public", "partners", "staff"), all_circles=True)
    results = get_backend().search(
        SearchQuery(plan=plan_query(query, []), visibility=everything, page_size=1000)
    )
    assert results.total == len(results.hits) < 1000
    return {hit.key for hit in results.hits}
