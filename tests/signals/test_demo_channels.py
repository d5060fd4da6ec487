"""The visibility rule of signals, per demo account, through every channel: the
portal pages, the public bundle page, the API, attachment downloads and search.

The expectation is written out from the rule (DOMAIN.md, issue text), not taken
from the selector, so a channel and the selector cannot agree on a mistake.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.test import Client
from rest_framework.test import APIClient

from cms.signals.lifecycle import SHARED_STATES
from cms.signals.models import (
    BundleSignal,
    Signal,
    SignalAttachment,
    SignalBundlePage,
    SignalState,
)
from portal.access.audiences import is_partner, is_staff_member, organisation_ids_for
from portal.access.roles import is_signal_coordinator
from portal.models import User
from search.selectors import search_documents
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

ACCOUNTS = [
    None,
    "burger@demo.lokaal",
    "partner@demo.lokaal",
    "partner2@demo.lokaal",
    "ambtenaar@demo.lokaal",
    "redacteur@demo.lokaal",
    "moderator@demo.lokaal",
    "admin@demo.lokaal",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def user_for(email):
    return AnonymousUser() if email is None else User.objects.get(email=email)


def is_published(signal: Signal) -> bool:
    if not signal.consent_given:
        return False
    return BundleSignal.objects.filter(
        signal=signal, page__in=SignalBundlePage.objects.live().public()
    ).exists()


def may_see(user, signal: Signal) -> bool:
    """The rule: published with consent: everyone; its organisations (also those
    merged in) and its author: always; civil servants and signal coordinators:
    once submitted; every partner: once registered."""
    if is_published(signal):
        return True
    if not user.is_authenticated:
        return False
    if signal.author_id == user.pk or (
        signal.organisation_ids & set(organisation_ids_for(user))
    ):
        return True
    if is_signal_coordinator(user) and signal.state != SignalState.DRAFT:
        return True
    return is_partner(user) and signal.state in SHARED_STATES


def portal_client(user) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
        if is_staff_member(user):
            enrol_second_factor(user)
            session = client.session
            session["account_authentication_methods"] = [
                {"method": "password"},
                {"method": "mfa", "type": "totp"},
            ]
            session.save()
    return client


def searched_signal_ids(user) -> set[int]:
    ids = set()
    for page in range(1, 10):
        results = search_documents(
            query="", user=user, filters={"kind": "signal"}, page=page, page_size=50
        )
        ids |= {int(hit.key.split("#")[0].split(":")[1]) for hit in results.hits}
        if page >= results.page_count:
            break
    return ids


@pytest.mark.django_db
@pytest.mark.parametrize("email", ACCOUNTS)
def test_every_channel_follows_the_rule(demo, email):
    user = user_for(email)
    signals = list(Signal.objects.prefetch_related("co_organisations"))
    expected = {signal.pk for signal in signals if may_see(user, signal)}
    for signal in signals:
        SignalAttachment.objects.create(
            signal=signal,
            file=ContentFile(b"%PDF-1.4 demo", name="verslag.pdf"),
            filename="verslag.pdf",
            size=13,
        )

    # the API: the list, and each detail
    api = APIClient()
    if user.is_authenticated:
        api.force_authenticate(user)
    listed = {row["id"] for row in api.get("/api/v1/signals/").json()["results"]}
    assert listed == expected
    for signal in signals:
        status = api.get(f"/api/v1/signals/{signal.pk}/").status_code
        assert (status == 200) is (signal.pk in expected), (email, signal.state)

    # search: the same rule (`portal.access.signals.signal_circles`)
    assert searched_signal_ids(user) == expected

    # the portal pages and the attachment downloads: only behind the partner
    # door; the public reads published signals on the bundle page
    client = portal_client(user)
    behind_the_door = is_partner(user) or is_staff_member(user)
    for signal in signals:
        page = client.get(f"/partners/signalen/{signal.pk}/").status_code
        url = signal.attachments.get().get_absolute_url()
        download = client.get(url).status_code
        shown = behind_the_door and signal.pk in expected
        assert (page == 200) is shown, (email, signal.state, page)
        assert (download == 200) is shown, (email, signal.state, download)

    bundle = SignalBundlePage.objects.live().get()
    html = client.get(bundle.url).content.decode()
    for entry in bundle.bundle_signals.select_related("signal"):
        assert (entry.signal.title in html) is (entry.signal.pk in expected)
