"""A signed-in citizen's own page (/mijn-pagina/), where "Mijn portaal" leads a
person without a partner or staff door: the services they saved on the social
map and the way to their account settings. Anyone signed in may open it."""

from django.shortcuts import render

from cms.socialmap.selectors import saved_services_of
from portal.access.doors import signed_in


@signed_in
def home(request):
    return render(
        request,
        "portal/citizen/home.html",
        {"saved_services": saved_services_of(request.user)},
    )
