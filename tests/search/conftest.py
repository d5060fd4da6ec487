import pytest

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def partner_organisation(db):
    return OrganisationFactory(name="CAW Oost", is_partner=True)


@pytest.fixture
def partner(partner_organisation):
    return MembershipFactory(organisation=partner_organisation).user


@pytest.fixture
def staff_user(db):
    return StaffFactory()
