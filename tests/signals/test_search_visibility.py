"""Search finds exactly the signals the selector shows: for every signal state and
every demo account (and a member who left), the set found by search equals
`signals_visible_to`. Both come from one rule, `portal.access.signals`."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from cms.demo.accounts import DEMO_ACCOUNTS, HOUSING_PARTNER, WELFARE_PARTNER
from cms.signals.models import BundleSignal, Signal, SignalBundlePage, SignalState
from portal.access import Audience, signals_visible_to
from portal.models import Membership, Organisation, User
from search.selectors import search_documents
from tests.conftest import demo_loaded
from tests.factories import SignalFactory

S = SignalState
FORMER_MEMBER = "oud-lid@demo.lokaal"
ACCOUNTS = [None, *(account.email for account in DEMO_ACCOUNTS), FORMER_MEMBER]


def extra_signal(**fields) -> Signal:
    """A signal beside the demo's own, with references of their own year."""
    number = Signal.objects.filter(reference__startswith="S-2099-").count() + 1
    return SignalFactory(reference=f"S-2099-{number:04d}", **fields)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo town, plus a signal in every state for each partner organisation,
    one carried by two organisations, one written by a member who left, and one
    published (with consent) in a bundle for partners only."""
    with demo_loaded(django_db_blocker):
        welfare = Organisation.objects.get(name=WELFARE_PARTNER)
        housing = Organisation.objects.get(name=HOUSING_PARTNER)
        partner = User.objects.get(email="partner@demo.lokaal")
        partner2 = User.objects.get(email="partner2@demo.lokaal")
        for organisation, author in ((welfare, partner), (housing, partner2)):
            for state in S.values:
                extra_signal(
                    organisation=organisation,
                    author=author,
                    state=state,
                    title=f"Zichtbaarheid {state} {organisation.name}",
                )
        carried = extra_signal(organisation=welfare, author=partner, state=S.SUBMITTED)
        carried.co_organisations.add(housing)
        former = User.objects.create_user(email=FORMER_MEMBER, password="x")
        membership = Membership.objects.create(
            user=former, organisation=housing, status=Membership.Status.ACTIVE
        )
        for state in (S.DRAFT, S.SUBMITTED, S.REGISTERED):
            extra_signal(organisation=housing, author=former, state=state)
        membership.status = Membership.Status.ENDED
        membership.save()
        bundle = SignalBundlePage(
            title="Bundel voor partners",
            edition="Partners 2026",
            audience=Audience.PARTNERS,
        )
        SignalBundlePage.objects.live().first().get_parent().add_child(instance=bundle)
        merged = extra_signal(
            organisation=welfare, author=partner, state=S.MERGED, consent_given=True
        )
        BundleSignal.objects.create(page=bundle, signal=merged)
        bundle.save_revision().publish()
        call_command("search_rebuild", verbosity=0)
        yield


def searched_signal_ids(user) -> set[int]:
    ids = set()
    for page in range(1, 20):
        results = search_documents(
            query="", user=user, filters={"kind": "signal"}, page=page, page_size=50
        )
        ids |= {int(hit.key.split("#")[0].split(":")[1]) for hit in results.hits}
        if page >= results.page_count:
            break
    return ids


@pytest.mark.django_db
@pytest.mark.parametrize("email", ACCOUNTS)
def test_search_finds_what_the_selector_shows(demo, email):
    user = AnonymousUser() if email is None else User.objects.get(email=email)
    states = dict(Signal.objects.values_list("pk", "state"))
    assert set(states.values()) == set(S.values)  # every state is on trial
    visible = set(signals_visible_to(user).values_list("pk", flat=True))
    found = searched_signal_ids(user)
    for state in S.values:
        in_state = {pk for pk, value in states.items() if value == state}
        assert found & in_state == visible & in_state, (email, state)
    assert found == visible
    if email == FORMER_MEMBER:  # still reads what they wrote, as a citizen now
        assert len(visible) >= 3
