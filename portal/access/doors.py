"""Who may enter which door. Anonymous visitors are sent to sign in (with `next`);
a signed-in person at the wrong door gets 403 with the way to their own door.

Every view behind a door, in `portal` or in a domain app, is wrapped in one of
these decorators.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from portal.access.audiences import is_partner, is_staff_member
from portal.access.roles import Door, door_for


def may_enter(user, door: Door) -> bool:
    """The partner portal is for members of partner organisations (and civil
    servants, who see everything); the intranet for civil servants only."""
    if not (user and user.is_authenticated):
        return False
    if door == Door.INTRANET:
        return is_staff_member(user)
    if door == Door.PARTNERS:
        return is_staff_member(user) or is_partner(user)
    return True


def wrong_door(request, door: Door):
    """403, in words: whose door this is, and the way to the person's own door."""
    own = door_for(request.user)
    return render(
        request,
        "portal/wrong_door.html",
        {"door": door.name.lower(), "own_door": own.value, "own": own.name.lower()},
        status=403,
    )


def not_for_the_admin(request):
    """403, in words, for a signed-in person without admin access who opens the
    admin: it is for editors; the way to their own door. The page replaces the
    admin's own "no access" messages, so they are not shown beside it."""
    own = door_for(request.user)
    context = {"door": "admin", "own_door": own.value, "own": own.name.lower()}
    return render(
        request, "portal/wrong_door.html", {**context, "messages": ()}, status=403
    )


def signed_in(view):
    """Any signed-in person; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def door_required(door: Door):
    """Only people who may enter `door` (see `may_enter`)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may_enter(request.user, door):
                return wrong_door(request, door)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


partners_door = door_required(Door.PARTNERS)
intranet_door = door_required(Door.INTRANET)
