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
    assert found(member) == {
        key(signals[s]) for s in (S.SUBMITTED, S.REGISTERED, S.BUNDLED)
    }
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
