"""/overleg/: the public pages of the bodies and their iCalendar feeds."""

from django.urls import path

from cms.bodies import calendar
from cms.bodies.views import public

app_name = "bodies"

urlpatterns = [
    path("", public.body_list, name="list"),
    path("<int:pk>/", public.body_detail, name="body"),
    path("<int:pk>/agenda.ics", calendar.body_feed, name="body_feed"),
    path("vergaderingen/<int:pk>/", public.meeting_detail, name="meeting"),
    path("adviezen/<int:pk>/", public.advice_detail, name="advice"),
    path("mijn-agenda/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
]
