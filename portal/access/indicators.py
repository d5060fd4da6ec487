"""Who may see an indicator.

An indicator carries an audience of its own, with the meaning pages give it: the
public sees public indicators, partners also those for partners, civil servants
everything. Its values and targets go with it.

The indicators app passes its own querysets (access knows no content app).
"""

from django.db.models import QuerySet

from portal.access.audiences import audiences_for


def indicators_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The indicators of `queryset` whose audience this user belongs to."""
    return queryset.filter(audience__in=audiences_for(user))


def indicator_is_visible_to(user, indicator) -> bool:
    """Whether this user may see this indicator (and its values and targets)."""
    return indicator.audience in audiences_for(user)
