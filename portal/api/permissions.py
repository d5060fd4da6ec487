"""DRF permission classes: the API's door to the roles of `portal.access.roles`."""

from rest_framework import permissions

from portal.access.roles import Role, roles_for


class IsCivilServant(permissions.BasePermission):
    """Civil servants (staff) only; anonymous callers get 401, others 403."""

    message = "Alleen medewerkers van het lokaal bestuur kunnen dit doen."

    def has_permission(self, request, view) -> bool:
        return Role.CIVIL_SERVANT in roles_for(request.user)
