"""Shared by the page, workspace and calendar tests: a signed-in client per kind
of user, the frozen clock, and the roles every page is walked with."""

import datetime

import pytest
import time_machine

from tests.factories import BRUSSELS, BodyMemberFactory

#: 1 March 2026, noon in Brussels: the factories' meeting (12 March) is to come.
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=BRUSSELS)

ROLES = [
    "anonymous",
    "citizen",
    "other_partner",
    "former_member",
    "member",
    "observer",
    "chair",
    "secretary",
    "civil_servant",
]
#: Who works inside the body's workspace.
WORKSPACE = {"member", "observer", "chair", "secretary", "civil_servant"}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def former_member(body):
    """Sat in the body until the end of 2025."""
    return BodyMemberFactory(
        body=body, role="member", end_date=datetime.date(2025, 12, 31)
    ).user


def user_for(request, role):
    user = request.getfixturevalue(role)
    return None if role == "anonymous" else user
