"""The signed-in doors: `portal_home` (where signing in lands), a citizen's own page
at /mijn-pagina/, the partner portal at /partners/ and the intranet at /intranet/."""

from django.contrib.auth.views import redirect_to_login
from django.urls import include, path
from django.views.generic import RedirectView

from cms.bodies import report_urls as body_report_urls
from cms.bodies import workspace_urls as body_urls
from cms.signals import urls as signal_urls
from cms.socialmap import intranet_urls as socialmap_urls
from portal.access.roles import door_for
from portal.accounts.mfa import destination_after_enrolment
from portal.portals import citizen, intranet, partners
from search import views as search_views


class PortalHomeView(RedirectView):
    """`portal_home`: the door of the signed-in person (the login redirect target),
    or, right after enrolling a second factor, the page they were on their way to.
    The anonymous are asked to sign in first, and come back here."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)

    def get_redirect_url(self, *args, **kwargs):
        return destination_after_enrolment(self.request) or str(
            door_for(self.request.user)
        )


partner_patterns = [
    path("", partners.dashboard, name="dashboard"),
    path("organisaties/", partners.organisations, name="organisations"),
    path("organisaties/<str:slug>/", partners.organisation, name="organisation"),
    path("organisaties/<str:slug>/uitnodigen/", partners.invite, name="invite"),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        partners.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("uitnodiging/<str:token>/", partners.invitation, name="invitation"),
    path("paginas/", partners.pages, name="pages"),
    path(
        "doelstellingen/<int:goal_id>/rapporteren/",
        partners.goal_report,
        name="goal_report",
    ),
    path("zoeken/", search_views.partners_search, name="search"),
    path("lid-worden/", partners.join, name="join"),
    path(
        "lidmaatschappen/<int:pk>/goedkeuren/",
        partners.membership_approve,
        name="membership_approve",
    ),
    path(
        "lidmaatschappen/<int:pk>/weigeren/",
        partners.membership_decline,
        name="membership_decline",
    ),
    path(
        "lidmaatschappen/<int:pk>/beeindigen/",
        partners.membership_end,
        name="membership_end",
    ),
    path(
        "lidmaatschappen/<int:pk>/rol/",
        partners.membership_set_role,
        name="membership_set_role",
    ),
    *signal_urls.partner_urlpatterns,
    *body_urls.partner_urlpatterns,
]

intranet_patterns = [
    path("", intranet.dashboard, name="dashboard"),
    path("aanvragen/", intranet.requests, name="requests"),
    path("voortgang/", intranet.progress, name="progress"),
    path(
        "voortgang/<int:update_id>/vraag/",
        intranet.progress_question,
        name="progress_question",
    ),
    *signal_urls.intranet_urlpatterns,
    *body_report_urls.urlpatterns,
    *body_urls.intranet_urlpatterns,
    *socialmap_urls.urlpatterns,
    path("zoeken/", search_views.intranet_search, name="search"),
]

urlpatterns = [
    path("mijn-portaal/", PortalHomeView.as_view(), name="portal_home"),
    path("mijn-pagina/", citizen.home, name="citizen_home"),
    path("partners/", include((partner_patterns, "partners"))),
    path("intranet/", include((intranet_patterns, "intranet"))),
]
