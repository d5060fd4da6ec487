"""The signal chooser of the bundle editor: staff pick registered signals only,
searchable by reference and title; nobody else gets in."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.models import LifeDomain
from cms.signals.choosers import signal_chooser_viewset
from cms.signals.models import SignalBundlePage, SignalState
from portal.access.roles import CIVIL_SERVANTS_GROUP, EDITORS_GROUP
from tests.factories import StaffFactory

S = SignalState
CHOOSE = "signal_chooser:choose"
RESULTS = "signal_chooser:choose_results"
CHOSEN = "signal_chooser:chosen"


def staff_in(group_name: str):
    user = StaffFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture(params=[EDITORS_GROUP, CIVIL_SERVANTS_GROUP])
def staff_client(request, db, client):
    client.force_login(staff_in(request.param))
    return client


@pytest.fixture
def signals(make_signal):
    housing = LifeDomain.objects.get(slug="wonen")
    made = {
        state: make_signal(state=state, title=f"Woningnood {state}")
        for state in (S.DRAFT, S.SUBMITTED, S.RETURNED, S.REGISTERED, S.ANSWERED)
    }
    made[S.REGISTERED].life_domains.add(housing)
    return made


def html(response) -> str:
    """The chooser modal answers in JSON; its results panel in plain HTML."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def test_the_chooser_lists_bundleable_signals_only(staff_client, signals):
    page = html(staff_client.get(reverse(CHOOSE)))
    for state in (S.REGISTERED, S.ANSWERED):
        assert signals[state].reference in page
        assert f"Woningnood {state}" in page
    for state in (S.DRAFT, S.SUBMITTED, S.RETURNED):
        assert signals[state].reference not in page
    # the columns: organisation, state and life domains
    assert "De Brugwachter vzw" in page
    assert "geregistreerd" in page
    assert "Wonen" in page


@pytest.mark.parametrize("field", ["reference", "title"])
def test_the_chooser_searches_by_reference_and_title(staff_client, signals, field):
    wanted = signals[S.ANSWERED]
    query = getattr(wanted, field)
    page = html(staff_client.get(reverse(RESULTS), {"q": query}))
    assert wanted.reference in page
    assert signals[S.REGISTERED].reference not in page


def test_choosing_a_registered_signal(staff_client, signals):
    signal = signals[S.REGISTERED]
    response = staff_client.get(reverse(CHOSEN, args=[signal.pk]))
    assert response.status_code == 200
    assert json.loads(response.content)["result"]["id"] == str(signal.pk)


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.RETURNED])
def test_a_signal_not_yet_registered_cannot_be_chosen(staff_client, signals, state):
    response = staff_client.get(reverse(CHOSEN, args=[signals[state].pk]))
    assert response.status_code == 404


def test_the_chooser_creates_nothing(staff_client):
    response = staff_client.get(reverse("signal_chooser:create"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url", [CHOOSE, RESULTS])
def test_a_partner_gets_no_access(client, member, signals, url):
    client.force_login(member)
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert "login" in response.url


def test_a_non_staff_user_with_admin_access_is_still_refused(client, member, signals):
    """Admin rights given by mistake do not open the chooser to an outsider."""
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member)
    chosen = reverse(CHOSEN, args=[signals[S.REGISTERED].pk])
    for url in (reverse(CHOOSE), chosen):
        response = client.get(url)
        # Wagtail turns the refusal into a redirect to the dashboard, with a message.
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")


def test_the_bundle_editor_uses_the_chooser(client, home):
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse(
        "wagtailadmin_pages:add", args=["signals", "signalbundlepage", home.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert reverse(CHOOSE) in response.content.decode()
    form_class = SignalBundlePage.get_edit_handler().get_form_class()
    widget = form_class.formsets["bundle_signals"].form.base_fields["signal"].widget
    assert isinstance(widget, signal_chooser_viewset.widget_class)
