"""Who may see an indicator and who records its figures.

An indicator carries an audience of its own, with the meaning pages give it: the
public sees public indicators, partners also those for partners, civil servants
everything. Its values and targets go with it. Values are recorded (in the admin,
by CSV import or through the API) by civil servants and editors; a partner reports
figures with the progress of a goal it owns (`goals`), not on indicators.

The indicators app passes its own querysets (access knows no content app).
"""

from django.db.models import QuerySet

from portal.access.audiences import audiences_for
from portal.access.roles import Role, roles_for


def indicators_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The indicators of `queryset` whose audience this user belongs to."""
    return queryset.filter(audience__in=audiences_for(user))


def indicator_is_visible_to(user, indicator) -> bool:
    """Whether this user may see this indicator (and its values and targets)."""
    return indicator.audience in audiences_for(user)


def may_record_indicator_values(user) -> bool:
    """Civil servants and editors record values and targets."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = roles_for(user)
    return Role.CIVIL_SERVANT in roles or Role.EDITOR in roles
