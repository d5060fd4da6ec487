import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    AdviceFactory,
    BodyFactory,
    BodyMemberFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
)


@pytest.fixture
def body(db):
    return BodyFactory(name="Werkgroep Welzijn & Samenleven")


def _seat(body, role):
    return BodyMemberFactory(body=body, role=role).user


@pytest.fixture
def chair(body):
    return _seat(body, "chair")


@pytest.fixture
def secretary(body):
    return _seat(body, "secretary")


@pytest.fixture
def member(body):
    """A partner with a plain seat in the body."""
    return _seat(body, "member")


@pytest.fixture
def observer(body):
    return _seat(body, "observer")


@pytest.fixture
def other_partner(db):
    """A partner without a seat in the body."""
    return MembershipFactory().user


@pytest.fixture
def civil_servant(db):
    return StaffFactory()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


@pytest.fixture
def make_advice(body):
    def make(**kwargs):
        kwargs.setdefault("body", body)
        return AdviceFactory(**kwargs)

    return make
