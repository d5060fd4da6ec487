"""Who may report on a plan's goals.

A goal is visible when its plan page is (see `pages`); reporting on it is for the
town's civil servants and for the active members of an organisation that owns it:
its lead organisation or a co-owner. Nobody else reports, whatever they may see.
"""

from portal.access.audiences import active_organisation_ids
from portal.access.roles import Role, roles_for


def owning_organisation_ids(goal) -> set[int]:
    """The organisations that carry a goal: its lead and its co-owners."""
    owners = {organisation.pk for organisation in goal.owner_organisations.all()}
    if goal.lead_organisation_id:
        owners.add(goal.lead_organisation_id)
    return owners


def reporting_organisation_id(user, goal) -> int | None:
    """The owning organisation a member reports for (the lead first), or None."""
    mine = set(active_organisation_ids(user)) & owning_organisation_ids(goal)
    if goal.lead_organisation_id in mine:
        return goal.lead_organisation_id
    return min(mine) if mine else None


def may_report_progress(user, goal) -> bool:
    """Civil servants, and members of an organisation that owns the goal."""
    if not getattr(user, "is_authenticated", False):
        return False
    if Role.CIVIL_SERVANT in roles_for(user):
        return True
    return reporting_organisation_id(user, goal) is not None
