import pytest
from django.contrib.auth.models import AnonymousUser, Group

from portal.access.roles import EDITORS_GROUP
from tests.factories import MembershipFactory, StaffFactory, UserFactory


@pytest.fixture
def people(db) -> dict:
    """One person of each kind that sees or records indicators differently."""
    editor = UserFactory()
    editor.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "partner": MembershipFactory().user,
        "civil_servant": StaffFactory(),
        "editor": editor,
    }
