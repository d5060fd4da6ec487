from django.urls import path
from django.views.generic import RedirectView

from portal.roles import door_for


class PortalHomeView(RedirectView):
    """`portal_home`: the door of the signed-in person (the login redirect target)."""

    def get_redirect_url(self, *args, **kwargs):
        return str(door_for(self.request.user))


urlpatterns = [path("mijn-portaal/", PortalHomeView.as_view(), name="portal_home")]
