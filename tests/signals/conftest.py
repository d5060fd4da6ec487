import pytest
from django.contrib.auth.models import Group

from portal.access.roles import SIGNAL_COORDINATORS_GROUP
from portal.models import Membership
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignalFactory,
    StaffFactory,
    UserFactory,
)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="De Brugwachter vzw", is_partner=True)


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(
        organisation=organisation, role=Membership.Role.COORDINATOR
    ).user


@pytest.fixture
def other_partner(db):
    return MembershipFactory(
        organisation=OrganisationFactory(name="Woonmaatschappij", is_partner=True)
    ).user


@pytest.fixture
def signal_coordinator(db):
    """A coordinator of another partner organisation, given the signal duty."""
    user = MembershipFactory(
        organisation=OrganisationFactory(name="Zorgraad", is_partner=True),
        role=Membership.Role.COORDINATOR,
    ).user
    user.groups.add(Group.objects.get_or_create(name=SIGNAL_COORDINATORS_GROUP)[0])
    return user


@pytest.fixture
def civil_servant(db):
    return StaffFactory()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def make_signal(organisation, member):
    def make(**kwargs):
        kwargs.setdefault("organisation", organisation)
        kwargs.setdefault("author", member)
        return SignalFactory(**kwargs)

    return make
