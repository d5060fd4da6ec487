"""The facts every access rule starts from are asked of the database once per user
object (`portal.access.facts`), and forgotten as soon as a membership, an
organisation or a group changes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.access import audiences_for, is_partner
from portal.access.audiences import active_organisation_ids
from portal.access.roles import SIGNAL_COORDINATORS_GROUP, has_signal_duty, roles_for
from portal.models import Membership
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_request_asks_each_fact_once(django_assert_num_queries):
    membership = MembershipFactory()
    user = get_user_model().objects.get(pk=membership.user_id)  # a fresh object
    with django_assert_num_queries(3):  # partner?, organisations, groups
        for _ in range(5):
            assert is_partner(user)
            assert active_organisation_ids(user) == (membership.organisation_id,)
            assert not has_signal_duty(user)
            audiences_for(user)
            roles_for(user)


def test_an_ended_membership_is_seen_at_once():
    membership = MembershipFactory()
    user = membership.user
    assert is_partner(user)
    membership.status = Membership.Status.ENDED
    membership.save()
    assert not is_partner(user)
    assert active_organisation_ids(user) == ()


def test_an_organisation_no_longer_a_partner_is_seen_at_once():
    membership = MembershipFactory()
    user = membership.user
    assert is_partner(user)
    membership.organisation.is_partner = False
    membership.organisation.save()
    assert not is_partner(user)


def test_a_group_given_is_seen_at_once():
    user = MembershipFactory().user
    assert not has_signal_duty(user)
    group, _ = Group.objects.get_or_create(name=SIGNAL_COORDINATORS_GROUP)
    user.groups.add(group)
    assert has_signal_duty(user)
    user.groups.remove(group)
    assert not has_signal_duty(user)
