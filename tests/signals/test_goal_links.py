"""A civil servant links a signal to the goals it informs (from the signal or from
the goal's page, or through the API); both pages show the link and the signal's
timeline records each change, naming the goal only to those who may see it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cms.signals import services
from cms.signals.models import SignalEvent
from portal.access import Audience
from tests.factories import GoalFactory, MembershipFactory, PolicyPlanPageFactory

pytestmark = pytest.mark.django_db

Kind = SignalEvent.Kind


@pytest.fixture
def plan(home):
    return PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")


@pytest.fixture
def goal(plan):
    return GoalFactory(plan=plan, code="TD 1.3", title="Woningen zijn veilig")


@pytest.fixture
def staff_goal(home):
    plan = PolicyPlanPageFactory(
        parent=home, title="Intern actieplan", audience=Audience.STAFF
    )
    return GoalFactory(plan=plan, code="SD 9", title="Geheime interne doelstelling")


@pytest.fixture
def signal(make_signal):
    return make_signal(state="registered", title="Vochtige huurwoningen")


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_of(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# The service ------------------------------------------------------------------------


def test_linking_and_unlinking_are_recorded_on_the_timeline(
    signal, goal, civil_servant
):
    linked = services.signal_link_goals(signal=signal, goals=[goal], user=civil_servant)
    assert linked == [goal]
    assert list(signal.goals.all()) == [goal]
    services.signal_unlink_goal(signal=signal, goal=goal, user=civil_servant)
    assert not signal.goals.exists()
    events = list(signal.events.filter(kind__in=[Kind.GOAL_LINKED, Kind.GOAL_UNLINKED]))
    assert [(event.kind, event.note, event.actor) for event in events] == [
        (Kind.GOAL_LINKED, "TD 1.3 Woningen zijn veilig", civil_servant),
        (Kind.GOAL_UNLINKED, "TD 1.3 Woningen zijn veilig", civil_servant),
    ]


def test_only_civil_servants_link(signal, goal, member, signal_coordinator):
    for user in (member, signal_coordinator):
        with pytest.raises(PermissionDenied):
            services.signal_link_goals(signal=signal, goals=[goal], user=user)
    assert not signal.goals.exists()
    assert not signal.events.filter(kind=Kind.GOAL_LINKED).exists()


def test_a_civil_servant_must_see_the_signal(make_signal, goal, civil_servant):
    draft = make_signal(state="draft")  # only its organisation sees a draft
    with pytest.raises(PermissionDenied):
        services.signal_link_goals(signal=draft, goals=[goal], user=civil_servant)


def test_refusals_have_stable_codes(signal, goal, plan, civil_servant):
    with pytest.raises(ValidationError) as empty:
        services.signal_link_goals(signal=signal, goals=[], user=civil_servant)
    assert empty.value.error_dict["goal"][0].code == "required"
    services.signal_link_goals(signal=signal, goals=[goal], user=civil_servant)
    with pytest.raises(ValidationError) as again:
        services.signal_link_goals(signal=signal, goals=[goal], user=civil_servant)
    assert again.value.code == "already_linked"
    other = GoalFactory(plan=plan, code="TD 1.4")
    with pytest.raises(ValidationError) as missing:
        services.signal_unlink_goal(signal=signal, goal=other, user=civil_servant)
    assert missing.value.code == "not_linked"
    # One new goal among linked ones: only the new one is added and recorded.
    assert services.signal_link_goals(
        signal=signal, goals=[goal, other], user=civil_servant
    ) == [other]
    assert signal.events.filter(kind=Kind.GOAL_LINKED).count() == 2


def test_the_timeline_names_a_goal_only_to_those_who_may_see_it(
    signal, goal, staff_goal, civil_servant, other_partner
):
    services.signal_link_goals(
        signal=signal, goals=[goal, staff_goal], user=civil_servant
    )
    url = reverse("partners:signal", args=[signal.pk])
    partner = client_of(other_partner).get(url).content.decode()
    assert "TD 1.3 Woningen zijn veilig" in partner
    assert "Geheime interne doelstelling" not in partner
    assert partner.count("gekoppeld aan een doelstelling") == 2
    staff = client_of(civil_servant).get(url).content.decode()
    assert "SD 9 Geheime interne doelstelling" in staff
    timeline = api_of(other_partner).get(f"/api/v1/signals/{signal.pk}/timeline/")
    notes = [event["note"] for event in timeline.json() if "goal" in event["kind"]]
    assert notes == ["TD 1.3 Woningen zijn veilig", ""]


# The pages --------------------------------------------------------------------------


def test_a_civil_servant_links_and_unlinks_on_the_signal_page(
    signal, goal, civil_servant
):
    client = client_of(civil_servant)
    page = client.get(reverse("partners:signal", args=[signal.pk])).content.decode()
    assert 'name="doelen-goals"' in page
    assert f'<optgroup label="{goal.plan.title}">' in page
    response = client.post(
        reverse("partners:signal_goals", args=[signal.pk]),
        {"doelen-goals": [goal.pk]},
    )
    assert response.status_code == 302
    assert list(signal.goals.all()) == [goal]
    page = client.get(reverse("partners:signal", args=[signal.pk])).content.decode()
    assert goal.get_absolute_url() in page
    goal_page = client.get(goal.get_absolute_url()).content.decode()
    assert reverse("partners:signal", args=[signal.pk]) in goal_page
    client.post(reverse("partners:signal_goal_unlink", args=[signal.pk, goal.pk]))
    assert not signal.goals.exists()


def test_a_bad_choice_is_told_in_words(signal, staff_goal, civil_servant):
    client = client_of(civil_servant)
    response = client.post(
        reverse("partners:signal_goals", args=[signal.pk]),
        {"doelen-goals": ["999999"]},
        follow=True,
    )
    assert "Deze doelstelling kun je niet kiezen." in response.content.decode()
    assert not signal.goals.exists()


def test_partners_get_no_form_and_may_not_post(signal, goal, member, civil_servant):
    client = client_of(member)
    page = client.get(reverse("partners:signal", args=[signal.pk])).content.decode()
    assert "doelen-goals" not in page
    response = client.post(
        reverse("partners:signal_goals", args=[signal.pk]), {"doelen-goals": [goal.pk]}
    )
    assert response.status_code == 403
    services.signal_link_goals(signal=signal, goals=[goal], user=civil_servant)
    unlink = reverse("partners:signal_goal_unlink", args=[signal.pk, goal.pk])
    assert client.post(unlink).status_code == 403
    assert signal.goals.exists()
    # The partner does see the link, without buttons.
    page = client.get(reverse("partners:signal", args=[signal.pk])).content.decode()
    assert goal.get_absolute_url() in page and unlink not in page


def test_a_civil_servant_links_a_signal_from_the_goal_page(signal, goal, civil_servant):
    client = client_of(civil_servant)
    page = client.get(goal.get_absolute_url()).content.decode()
    assert 'name="signaal-signal"' in page and signal.reference in page
    response = client.post(
        reverse("goals:link_signal", args=[goal.pk]), {"signaal-signal": signal.pk}
    )
    assert response.status_code == 302
    assert list(goal.signals.all()) == [signal]
    assert signal.events.filter(kind=Kind.GOAL_LINKED).exists()
    response = client.post(
        reverse("goals:unlink_signal", args=[goal.pk, signal.pk]), follow=True
    )
    assert "losgekoppeld" in response.content.decode()
    assert not goal.signals.exists()


def test_the_goal_page_form_is_for_civil_servants_only(signal, goal, member):
    assert (
        "signaal-signal"
        not in client_of(member).get(goal.get_absolute_url()).content.decode()
    )
    link = reverse("goals:link_signal", args=[goal.pk])
    assert client_of(member).post(link, {"signaal-signal": signal.pk}).status_code == (
        403
    )
    anonymous = client_of().post(link, {"signaal-signal": signal.pk})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not goal.signals.exists()


# The API ----------------------------------------------------------------------------


def test_the_api_links_and_unlinks_for_civil_servants(signal, goal, civil_servant):
    client = api_of(civil_servant)
    url = f"/api/v1/signals/{signal.pk}/goals/"
    response = client.post(url, {"goal": goal.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["goals"] == [goal.pk]
    assert client.get(f"/api/v1/signals/{signal.pk}/").json()["goals"] == [goal.pk]
    again = client.post(url, {"goal": goal.pk}, format="json")
    assert (again.status_code, again.json()["error"]["code"]) == (
        400,
        "already_linked",
    )
    response = client.delete(f"{url}{goal.pk}/")
    assert response.status_code == 200 and response.json()["goals"] == []
    gone = client.delete(f"{url}{goal.pk}/")
    assert (gone.status_code, gone.json()["error"]["code"]) == (400, "not_linked")


def test_the_api_refuses_others_and_bad_input(
    signal, goal, member, other_partner, civil_servant
):
    url = f"/api/v1/signals/{signal.pk}/goals/"
    assert api_of().post(url, {"goal": goal.pk}, format="json").status_code == 401
    for user in (member, other_partner):
        response = api_of(user).post(url, {"goal": goal.pk}, format="json")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"
        assert api_of(user).delete(f"{url}{goal.pk}/").status_code == 403
    bad = api_of(civil_servant).post(url, {"goal": "x"}, format="json")
    assert bad.status_code == 400 and "goal" in bad.json()["error"]["fields"]
    unknown = api_of(civil_servant).post(url, {"goal": 999999}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["fields"]["goal"]
    assert not signal.goals.exists()


def test_the_api_lists_only_goals_the_caller_may_see(
    signal, goal, staff_goal, civil_servant, other_partner
):
    services.signal_link_goals(
        signal=signal, goals=[goal, staff_goal], user=civil_servant
    )
    staff = api_of(civil_servant).get(f"/api/v1/signals/{signal.pk}/").json()
    assert staff["goals"] == sorted([goal.pk, staff_goal.pk])
    partner = api_of(other_partner).get(f"/api/v1/signals/{signal.pk}/").json()
    assert partner["goals"] == [goal.pk]
    listed = api_of(other_partner).get("/api/v1/signals/").json()["results"]
    assert [item["goals"] for item in listed if item["id"] == signal.pk] == [[goal.pk]]


def test_membership_does_not_open_linking(signal, goal):
    """A member of the signal's own organisation sees the signal, yet only the
    town's civil servants link it."""
    member = MembershipFactory(organisation=signal.organisation).user
    response = api_of(member).post(
        f"/api/v1/signals/{signal.pk}/goals/", {"goal": goal.pk}, format="json"
    )
    assert response.status_code == 403
