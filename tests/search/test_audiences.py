"""For anonymous visitors, citizens, partners and staff: no hit, no snippet, no facet
count and no suggestion from a document they may not see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.models import LifeDomain, TargetGroup
from portal.access.audiences import Audience
from portal.access.circles import SIGNAL_COORDINATORS_CIRCLE, organisation_circle
from search.conf import get_backend
from search.documents import DocumentKind, SearchDocument
from search.selectors import search_documents, suggest
from tests.factories import (
    ContentPageFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
)

pytestmark = pytest.mark.django_db

# Words that occur only in restricted documents: any trace of them is a leak.
SECRET = {
    Audience.PARTNERS: "partnergeheim",
    Audience.STAFF: "dienstgeheim",
    "internal": "organisatiegeheim",
    "other": "concurrentgeheim",
}


@pytest.fixture
def corpus(home, partner_organisation):
    housing = LifeDomain.objects.get(slug="wonen")
    elderly = TargetGroup.objects.get(slug="ouderen")
    ContentPageFactory(title="Kinderopvang voor iedereen", summary="Wachtlijst publiek")
    ContentPageFactory(
        title="Kinderopvang partners",
        summary=f"Wachtlijst {SECRET[Audience.PARTNERS]}",
        audience=Audience.PARTNERS,
    )
    ContentPageFactory(
        title="Kinderopvang medewerkers",
        summary=f"Wachtlijst {SECRET[Audience.STAFF]}",
        audience=Audience.STAFF,
    )
    plan = PolicyPlanPageFactory(
        title="Intern meerjarenplan", audience=Audience.STAFF, start_year=2031
    )
    goal = GoalFactory(
        plan=plan, title=f"Kinderopvang uitbreiden {SECRET[Audience.STAFF]}"
    )
    goal.life_domains.set([housing])
    goal.target_groups.set([elderly])
    other = OrganisationFactory(name="Andere vzw", is_partner=True)
    get_backend().index(
        [
            SearchDocument(
                key="signals.signal:1",
                kind=DocumentKind.SIGNAL,
                title="Signaal kinderopvang",
                body=f"Wachtlijst {SECRET['internal']}",
                url="/signalen/1/",
                audience=Audience.PARTNERS,
                # a submitted signal: its organisation and the coordinators
                circles=(
                    organisation_circle(partner_organisation.pk),
                    SIGNAL_COORDINATORS_CIRCLE,
                ),
                organisation=partner_organisation.name,
                year=2029,
            ),
            SearchDocument(
                key="signals.signal:2",
                kind=DocumentKind.SIGNAL,
                title="Signaal kinderopvang andere",
                body=f"Wachtlijst {SECRET['other']}",
                url="/signalen/2/",
                audience=Audience.PARTNERS,
                circles=(organisation_circle(other.pk), SIGNAL_COORDINATORS_CIRCLE),
                organisation=other.name,
                year=2030,
            ),
        ]
    )


@pytest.fixture
def other_partner(db):
    return MembershipFactory(
        organisation=OrganisationFactory(name="Derde vzw", is_partner=True)
    ).user


READERS = {
    "anonymous": set(),
    "citizen": set(),
    "partner": {Audience.PARTNERS, "internal"},
    "other_partner": {Audience.PARTNERS},
    "staff": {Audience.PARTNERS, Audience.STAFF, "internal", "other"},
}


@pytest.fixture
def reader(request, citizen, partner, other_partner, staff_user):
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "partner": partner,
        "other_partner": other_partner,
        "staff": staff_user,
    }[request.param]


def _leaks(text: str, allowed: set) -> list[str]:
    return [
        word
        for scope, word in SECRET.items()
        if scope not in allowed and word in text.lower()
    ]


@pytest.mark.parametrize("reader", list(READERS), indirect=True)
@pytest.mark.parametrize(
    "query",
    [
        "kinderopvang",
        "wachtlijst",
        "partnergeheim",
        "dienstgeheim",
        "organisatiegeheim",
    ],
)
def test_no_hit_snippet_or_count_from_an_invisible_document(
    corpus, reader, query, request
):
    allowed = READERS[request.node.callspec.params["reader"]]
    results = search_documents(query=query, user=reader)
    for hit in results.hits:
        assert not _leaks(f"{hit.title} {hit.snippet} {hit.url}", allowed), hit
    counted = sum(value.count for value in results.facets["kind"])
    assert counted == results.total == len(results.hits)
    organisations = {value.value for value in results.facets["organisation"]}
    years = {value.value for value in results.facets["year"]}
    life_domains = {value.value for value in results.facets["life_domain"]}
    target_groups = {value.value for value in results.facets["target_group"]}
    if Audience.STAFF in allowed and query == "kinderopvang":
        assert {"2031", "2029", "2030"} <= years and "Wonen" in life_domains
    if Audience.STAFF not in allowed:
        assert "2031" not in years
        assert "Wonen" not in life_domains
        assert "Ouderen" not in target_groups
    if "internal" not in allowed:
        assert "CAW Oost" not in organisations
        assert "2029" not in years
    if "other" not in allowed:
        assert "Andere vzw" not in organisations
        assert "2030" not in years


@pytest.mark.parametrize("reader", list(READERS), indirect=True)
def test_counts_match_what_the_reader_may_see(corpus, reader, request):
    allowed = READERS[request.node.callspec.params["reader"]]
    expected = 1 + len(allowed) + (Audience.STAFF in allowed)  # the goal is staff's
    assert search_documents(query="kinderopvang", user=reader).total == expected


@pytest.mark.parametrize("reader", list(READERS), indirect=True)
def test_no_suggestion_or_correction_from_an_invisible_document(
    corpus, reader, request
):
    allowed = READERS[request.node.callspec.params["reader"]]
    titles = " ".join(s.title for s in suggest(prefix="kinderopvang", user=reader))
    assert ("medewerkers" in titles.lower()) == (Audience.STAFF in allowed)
    assert ("partners" in titles.lower()) == (Audience.PARTNERS in allowed)
    corrected = search_documents(query="dienstgeheym", user=reader).did_you_mean
    assert (corrected is not None) == (Audience.STAFF in allowed)
