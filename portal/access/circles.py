"""Circles: the words in which access rules name groups of people, so that one rule
can be applied both to a database query and inside the search engine.

A person stands in the circle of every audience they may see, of each organisation
they are an active member of, of their own account, of the signal coordinators
when they have that duty, and of each body they hold a seat in today. An object's
rule (see `portal.access.signals`, `workspace_circles`) lists the circles that may
see it; a person sees it when one of their circles is listed.
The search index stores those circles on each document (`search.selectors`
asks `circles_for(user)`), so search can never find more than the selectors show.
"""

from portal.access.audiences import Audience, active_organisation_ids, audiences_for
from portal.access.bodies import active_seats
from portal.access.roles import is_signal_coordinator

#: Civil servants and partners given the duty of screening signals.
SIGNAL_COORDINATORS_CIRCLE = "signal-coordinators"


def audience_circle(audience: str) -> str:
    """Everyone who may see `audience` (the public circle holds everybody)."""
    return f"audience:{audience}"


def organisation_circle(organisation_id: int) -> str:
    """The active members of an organisation."""
    return f"organisation:{organisation_id}"


def person_circle(user_id: int) -> str:
    """One person (an author keeps reading what they wrote)."""
    return f"person:{user_id}"


def body_circle(body_id: int) -> str:
    """The people with a seat in a body today (`portal.access.bodies.active_seats`).
    Asked for when searching, not stored per person: a seat that ends closes the
    circle the next day, without reindexing anything."""
    return f"body:{body_id}"


def workspace_circles(body_id: int) -> tuple[str, ...]:
    """Who enters a body's workspace (`portal.access.bodies.in_workspace`), as
    circles: the civil servants, and the people with a seat in it today."""
    return (audience_circle(Audience.STAFF), body_circle(body_id))


def circles_for(user) -> frozenset[str]:
    """Every circle this user stands in."""
    circles = {audience_circle(audience) for audience in audiences_for(user)}
    if user and user.is_authenticated:
        circles.add(person_circle(user.pk))
        circles |= {organisation_circle(pk) for pk in active_organisation_ids(user)}
        if is_signal_coordinator(user):
            circles.add(SIGNAL_COORDINATORS_CIRCLE)
        seats = active_seats(user).values_list("body_id", flat=True)
        circles |= {body_circle(pk) for pk in seats}
    return frozenset(circles)
