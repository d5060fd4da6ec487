"""Signals and bundles in the one search index: found by those who may see them,
by nobody else, with the timeline text in the body."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.signals.models import BundleSignal, SignalBundlePage, SignalState
from cms.signals.services import signal_comment, signal_consent_give
from search.selectors import search_documents

S = SignalState


def found(user, query="woningnood") -> set[str]:
    return {hit.key for hit in search_documents(query=query, user=user).hits}


@pytest.fixture
def signals(make_signal):
    return {
        state: make_signal(state=state, title=f"Woningnood {state}")
        for state in (S.DRAFT, S.SUBMITTED, S.REGISTERED, S.BUNDLED)
    }


def key(signal) -> str:
    return f"signals.signal:{signal.pk}"


def test_search_follows_the_visibility_rule(
    signals, member, other_partner, civil_servant, citizen
):
    # a draft too: its organisation sees it, as the selector shows it
    assert found(member) == {key(signal) for signal in signals.values()}
    assert found(other_partner) == {key(signals[s]) for s in (S.REGISTERED, S.BUNDLED)}
    assert found(civil_servant) == {
        key(signals[s]) for s in (S.SUBMITTED, S.REGISTERED, S.BUNDLED)
    }
    assert found(citizen) == set()
    assert found(AnonymousUser()) == set()


def test_published_with_consent_is_public(home, signals, coordinator):
    bundled = signals[S.BUNDLED]
    page = SignalBundlePage(title="Signalenbundel 2026", edition="Signalenbundel 2026")
    home.add_child(instance=page)
    BundleSignal.objects.create(page=page, signal=bundled)
    page.save_revision().publish()
    assert found(AnonymousUser()) == set()
    signal_consent_give(signal=bundled, by=coordinator)
    assert found(AnonymousUser()) == {key(bundled)}
    assert f"signals.signalbundlepage:{page.pk}" in found(
        AnonymousUser(), "Signalenbundel"
    )
    page.unpublish()
    assert found(AnonymousUser()) == set()


def test_the_timeline_is_searchable(signals, member, other_partner):
    signal_comment(signal=signals[S.REGISTERED], by=member, note="Ook in Kapelwijk")
    assert found(other_partner, "Kapelwijk") == {key(signals[S.REGISTERED])}


def test_merged_in_organisations_find_the_submitted_target(
    make_signal, member, other_partner, civil_servant, signal_coordinator
):
    """One document, found by every organisation that carries it, once."""
    target = make_signal(state=S.SUBMITTED, title="Woningnood samen")
    target.co_organisations.add(other_partner.memberships.get().organisation)
    for user in (member, other_partner, civil_servant, signal_coordinator):
        results = search_documents(query="Woningnood samen", user=user)
        assert [hit.key for hit in results.hits] == [key(target)]
        assert results.total == 1


def test_a_partner_signal_coordinator_finds_no_more_than_they_may_see(
    signals, signal_coordinator
):
    """A partner coordinator with the signal duty finds what they screen, as
    the rule says, and nothing more."""
    from cms.signals.selectors import signals_visible_to

    visible = {key(s) for s in signals_visible_to(signal_coordinator)}
    assert found(signal_coordinator) == visible
    assert key(signals[S.SUBMITTED]) in found(signal_coordinator)
