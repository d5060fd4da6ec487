"""Bodies, meetings and advice in the one search index, over the demo town: for
each kind of person (anonymous, a citizen, a partner without a seat, a partner
whose organisation holds a seat but not they, a member, an observer, a member
whose seat ended, a civil servant) search finds exactly what
`portal.access.bodies` shows them: no closed meeting, unpublished advice or
minutes before their publication reaches anyone outside the body's workspace.
Documents carry the body's life domains and lead organisation as facets, and the
search page and API name the kinds in Dutch."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.bodies import services
from cms.bodies.models import Advice, AdviceState, Body, BodyMember, Meeting
from portal.access import (
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    meeting_permissions,
    meetings_visible_to,
)
from portal.access.bodies import answers_are_public
from portal.models import Membership, Organisation, User
from search.selectors import search_documents
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

pytestmark = pytest.mark.django_db

ANONYMOUS = "anoniem"
CITIZEN = "burger@demo.lokaal"
MEMBER = "partner@demo.lokaal"  # chairs the working group, sits in the steering group
OBSERVER = "partner2@demo.lokaal"  # observes the working group; no seat elsewhere
CIVIL_SERVANT = "ambtenaar@demo.lokaal"
SEATED_ORGANISATION = "collega@demo.lokaal"  # their organisation keeps a seat
FORMER_MEMBER = "oud-lid@demo.lokaal"  # sat in the steering group until yesterday
IDENTITIES = [
    ANONYMOUS,
    CITIZEN,
    SEATED_ORGANISATION,
    MEMBER,
    OBSERVER,
    FORMER_MEMBER,
    CIVIL_SERVANT,
]

WORKING_GROUP = "Werkgroep Welzijn"
STEERING_GROUP = "Stuurgroep Lokaal Sociaal Beleid"

#: A word of each demo meeting's minutes, found nowhere else among the bodies'
#: documents: published (public meeting), approved (public meeting), draft
#: (closed), approved (closed), draft (closed), published (forum).
MINUTES_WORDS = [
    "huurachterstallen",
    "buddywerking",
    "wachttijden",
    "projecten",
    "geregistreerde",
    "eenzaamheid",
]
#: A word of each demo advice: requested (urgent), in preparation, adopted but not
#: published, submitted and published, answered and published, withdrawn (in the
#: withdrawal's note).
ADVICE_WORDS = {
    "zitdagen": AdviceState.REQUESTED,
    "kruidenier": AdviceState.IN_PREPARATION,
    "baliemedewerkers": AdviceState.ADOPTED,
    "jeugdhulp": AdviceState.SUBMITTED,
    "beurtenkaart": AdviceState.ANSWERED,
    "milieuraad": AdviceState.WITHDRAWN,
}
#: The reason of the town's answer to a published advice it is still answering.
PENDING_ANSWER_WORD = "tussentijds"
#: The reason of an answer the town gave as a whole.
GIVEN_ANSWER_WORD = "schooljaar"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo town, plus a colleague of an organisation with a seat in the
    working group (not they), a member of the steering group whose seat ended
    yesterday, and one answer the town is still writing; then indexed."""
    with demo_loaded(django_db_blocker):
        today = timezone.localdate()
        community = Organisation.objects.get(name="Buurtwerk Wilgendonk vzw")
        assert BodyMember.objects.filter(
            organisation=community, user__isnull=True, body__name=WORKING_GROUP
        ).exists()
        colleague = User.objects.create_user(email=SEATED_ORGANISATION, password="x")
        Membership.objects.create(
            user=colleague, organisation=community, status=Membership.Status.ACTIVE
        )
        former = User.objects.create_user(email=FORMER_MEMBER, password="x")
        Membership.objects.create(
            user=former, organisation=community, status=Membership.Status.ACTIVE
        )
        BodyMember.objects.create(
            body=Body.objects.get(name=STEERING_GROUP),
            user=former,
            organisation=community,
            start_date=datetime.date(2024, 1, 1),
            end_date=today - datetime.timedelta(days=1),
        )
        civil_servant = User.objects.get(email=CIVIL_SERVANT)
        enrol_second_factor(civil_servant)
        submitted = Advice.objects.get(state=AdviceState.SUBMITTED)
        assert submitted.published
        services.advice_answer(
            recommendation=submitted.recommendations.first(),
            by=civil_servant,
            answer="partly",
            reason=f"Een {PENDING_ANSWER_WORD} antwoord: de jeugdhulp bekijkt het.",
        )
        call_command("search_rebuild", verbosity=0)
        yield


def user_for(identity: str):
    if identity == ANONYMOUS:
        return AnonymousUser()
    return User.objects.get(email=identity)


def searched(user, *, query: str = "", kind: str | None = None) -> list:
    hits = []
    filters = {"kind": kind} if kind else {}
    for page in range(1, 20):
        results = search_documents(
            query=query, user=user, filters=filters, page=page, page_size=50
        )
        hits += results.hits
        if page >= results.page_count:
            break
    return hits


def source_ids(hits, model: str) -> set[int]:
    """The pks of the `bodies.<model>` objects the hits come from."""
    prefix = f"bodies.{model}:"
    return {
        int(hit.key.split("#")[0].removeprefix(prefix))
        for hit in hits
        if hit.key.startswith(prefix)
    }


def everything(query: str) -> list:
    """What the query matches for someone who sees every body's workspace."""
    return searched(User.objects.get(email=CIVIL_SERVANT), query=query)


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize(
    ("kind", "model", "visible_to"),
    [
        ("body", Body, bodies_visible_to),
        ("meeting", Meeting, meetings_visible_to),
        ("advice", Advice, advice_visible_to),
    ],
)
def test_search_finds_what_access_shows(demo, identity, kind, model, visible_to):
    user = user_for(identity)
    visible = set(visible_to(user, model.objects.all()).values_list("pk", flat=True))
    hits = searched(user, kind=kind)
    assert {hit.kind for hit in hits} <= {kind}
    assert source_ids(hits, model._meta.model_name) == visible
    assert 0 < len(visible) <= model.objects.count()


def test_the_identities_see_different_things(demo):
    """The matrix above is on trial: each kind of person sees a different part."""
    meetings = {
        identity: frozenset(
            meetings_visible_to(user_for(identity), Meeting.objects.all())
        )
        for identity in IDENTITIES
    }
    everyone = {ANONYMOUS, CITIZEN, SEATED_ORGANISATION, FORMER_MEMBER}
    assert len({meetings[identity] for identity in everyone}) == 1
    public = meetings[ANONYMOUS]
    assert public < meetings[OBSERVER] < meetings[MEMBER] < meetings[CIVIL_SERVANT]


@pytest.mark.parametrize("word", MINUTES_WORDS)
def test_minutes_are_found_by_who_may_read_them(demo, word):
    meeting = Meeting.objects.get(minutes__icontains=word)
    assert source_ids(everything(word), "meeting") == {meeting.pk}
    for identity in IDENTITIES:
        user = user_for(identity)
        found = meeting.pk in source_ids(searched(user, query=word), "meeting")
        assert found == meeting_permissions(user, meeting).can_view_minutes, identity


def test_minutes_in_each_state_are_on_trial(demo):
    anonymous = AnonymousUser()
    meetings = [Meeting.objects.get(minutes__icontains=w) for w in MINUTES_WORDS]
    assert {m.minutes_state for m in meetings} == {"draft", "approved", "published"}
    readable = [meeting_permissions(anonymous, m) for m in meetings]
    # a public meeting whose minutes are not yet published: seen, minutes not read
    assert any(p.can_view and not p.can_view_minutes for p in readable)
    assert any(p.can_view_minutes for p in readable)
    assert any(not p.can_view for p in readable)


@pytest.mark.parametrize("word", ADVICE_WORDS)
def test_advice_is_found_by_who_may_see_it(demo, word):
    advice = Advice.objects.get(state=ADVICE_WORDS[word])
    assert source_ids(everything(word), "advice") == {advice.pk}
    for identity in IDENTITIES:
        user = user_for(identity)
        found = advice.pk in source_ids(searched(user, query=word), "advice")
        assert found == advice_permissions(user, advice).can_view, identity


@pytest.mark.parametrize(
    ("word", "state"),
    [(PENDING_ANSWER_WORD, AdviceState.SUBMITTED), (GIVEN_ANSWER_WORD, "answered")],
)
def test_the_town_s_answers_are_public_once_given_as_a_whole(demo, word, state):
    advice = Advice.objects.get(state=state)
    assert advice.published
    for identity in IDENTITIES:
        user = user_for(identity)
        found = advice.pk in source_ids(searched(user, query=word), "advice")
        internal = advice_permissions(user, advice).can_view_internal
        assert found == (internal or answers_are_public(advice)), identity
    anonymous = source_ids(searched(AnonymousUser(), query=word), "advice")
    assert (advice.pk in anonymous) == (state == "answered")


def test_published_advice_and_minutes_are_found_by_anyone(demo):
    anonymous = AnonymousUser()
    hits = searched(anonymous, query="beurtenkaart")
    advice = [hit for hit in hits if hit.kind == "advice"]
    assert len(advice) == 1
    assert advice[0].url.endswith(f"/{Advice.objects.get(state='answered').pk}/")
    minutes = searched(anonymous, query="huurachterstallen")
    assert [hit.kind for hit in minutes if hit.key.startswith("bodies.")] == ["meeting"]


def test_documents_carry_life_domain_and_organisation_facets(demo):
    results = search_documents(
        query="beurtenkaart", user=AnonymousUser(), filters={"kind": "advice"}
    )
    hit = results.hits[0]
    group = Body.objects.get(name=WORKING_GROUP)
    assert set(hit.life_domains) == {d.name for d in group.life_domains.all()}
    assert hit.organisation == "De Brugwachter vzw"  # the chair's organisation
    facets = {
        facet: {count.value for count in counts}
        for facet, counts in results.facets.items()
    }
    assert facets["life_domain"] == set(hit.life_domains)
    assert facets["organisation"] == {"De Brugwachter vzw"}
    filtered = search_documents(
        query="",
        user=AnonymousUser(),
        filters={"kind": "meeting", "organisation": "De Brugwachter vzw"},
        page_size=50,
    )
    assert filtered.total >= 1
    assert {hit.organisation for hit in filtered.hits} == {"De Brugwachter vzw"}


def test_a_meeting_is_dated_by_its_start_and_an_advice_by_its_question(demo):
    advice = Advice.objects.get(state="answered")
    (hit,) = [
        hit
        for hit in searched(AnonymousUser(), query="beurtenkaart")
        if hit.kind == "advice"
    ]
    assert hit.date == advice.asked_on
    meeting = Meeting.objects.get(minutes__icontains="eenzaamheid")
    (hit,) = [
        hit
        for hit in searched(AnonymousUser(), query="eenzaamheid")
        if hit.kind == "meeting"
    ]
    assert hit.date == meeting.local_starts_at.date()


def test_the_search_page_and_api_name_the_kinds_in_dutch(demo):
    client = Client()
    html = client.get("/zoeken/", {"q": "beurtenkaart"}).content.decode()
    assert "Advies" in html
    html = client.get("/zoeken/", {"q": "eenzaamheid"}).content.decode()
    assert "Vergadering" in html
    html = client.get("/zoeken/", {"q": "Werkgroep Welzijn"}).content.decode()
    assert "Overlegorgaan" in html
    body = client.get("/api/v1/search/", {"q": "beurtenkaart"}).json()
    labels = {hit["kind"]: hit["kind_label"] for hit in body["results"]}
    assert labels["advice"] == "Advies"
    kinds = {option["value"]: option for option in body["facets"]["kind"]}
    assert "advice" in kinds
    closed = client.get("/zoeken/", {"q": "milieuraad"}).content.decode()
    assert "containerpark" not in closed


class TestTheIndexFollows:
    """Publishing, minutes moving on, a body opening and a seat ending: search
    follows at once (the first three reindex; a seat is checked when searching)."""

    def test_publishing_an_adopted_advice(self, demo):
        advice = Advice.objects.get(state=AdviceState.ADOPTED)
        assert not source_ids(
            searched(AnonymousUser(), query="baliemedewerkers"), "advice"
        )
        advice.published = True
        advice.save()
        assert source_ids(
            searched(AnonymousUser(), query="baliemedewerkers"), "advice"
        ) == {advice.pk}

    def test_publishing_minutes(self, demo):
        meeting = Meeting.objects.get(minutes__icontains="buddywerking")
        assert not source_ids(
            searched(AnonymousUser(), query="buddywerking"), "meeting"
        )
        meeting.minutes_state = "published"
        meeting.save()
        hits = searched(AnonymousUser(), query="buddywerking")
        assert [hit.key for hit in hits if hit.kind == "meeting"] == [
            f"bodies.meeting:{meeting.pk}"
        ]

    def test_a_body_made_public(self, demo):
        body = Body.objects.get(name=STEERING_GROUP)
        assert body.pk not in source_ids(searched(AnonymousUser(), kind="body"), "body")
        body.is_public = True
        body.save()
        assert body.pk in source_ids(searched(AnonymousUser(), kind="body"), "body")
        # its meetings stay closed
        assert not source_ids(searched(AnonymousUser(), query="projecten"), "meeting")

    def test_a_seat_that_ends(self, demo):
        member = User.objects.get(email=MEMBER)
        assert source_ids(searched(member, query="projecten"), "meeting")
        BodyMember.objects.filter(body__name=STEERING_GROUP, user=member).update(
            end_date=timezone.localdate() - datetime.timedelta(days=1)
        )
        assert not source_ids(searched(member, query="projecten"), "meeting")
