"""iCalendar feeds of meetings, written with the `icalendar` library:

- per body (/overleg/<pk>/agenda.ics): the meetings the requester may see, so an
  anonymous calendar app gets the open meetings of a public body only;
- per person (/overleg/mijn-agenda/<token>.ics): the meetings of the bodies the
  person sits in. Calendar apps cannot sign in, so the address carries a signed
  token of the person; the seats are checked at every request, so the feed
  empties the day a seat ends.

Each event says only what its audience may see of the meeting: the same access
rules as the pages (`portal.access.bodies`).
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cms.bodies.display import agenda_for
from cms.bodies.follow_up import seated_meetings
from cms.bodies.models import Body, Meeting
from portal.access.bodies import bodies_visible_to, meetings_visible_to

SALT = "cms.bodies.calendar.personal"
PRODID = "-//Lokaal sociaal beleid//Overleg en advies//NL"


def personal_token(user) -> str:
    """The secret part of a person's feed address: signed without a timestamp, so the
    address a person subscribes to stays the same on every visit."""
    return signing.Signer(salt=SALT).sign_object(user.pk)


def person_for_token(token: str):
    """The active person a token was made for, or None (forged, altered)."""
    try:
        pk = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def _event(meeting: Meeting, *, viewer, request, stamp) -> Event:
    event = Event()
    event.add("uid", f"vergadering-{meeting.pk}@{request.get_host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)
    if meeting.ends_at:
        event.add("dtend", meeting.ends_at)
    summary = _("Vergadering van %(body)s") % {"body": meeting.body.name}
    if not meeting.is_public:
        summary = _("%(summary)s (besloten)") % {"summary": summary}
    event.add("summary", summary)
    if meeting.place or meeting.online_url:
        event.add("location", meeting.place or meeting.online_url)
    url = request.build_absolute_uri(reverse("bodies:meeting", args=[meeting.pk]))
    event.add("url", url)
    lines = [line.item.title for line in agenda_for(viewer, meeting)]
    description = [_("Agenda:"), *(f"- {title}" for title in lines)] if lines else []
    if meeting.online_url:
        description.append(_("Online deelnemen: %(url)s") % {"url": meeting.online_url})
    description.append(url)
    event.add("description", "\n".join(description))
    return event


def calendar_bytes(meetings, *, name: str, viewer, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    stamp = timezone.now()
    for meeting in meetings.select_related("body").order_by("starts_at", "pk"):
        calendar.add_component(
            _event(meeting, viewer=viewer, request=request, stamp=stamp)
        )
    return calendar.to_ical()


def _response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def body_feed(request, pk):
    """The meetings of one body that the requester may see."""
    user = request.user
    body = get_object_or_404(bodies_visible_to(user, Body.objects.all()), pk=pk)
    meetings = meetings_visible_to(user, body.meetings.all())
    content = calendar_bytes(meetings, name=body.name, viewer=user, request=request)
    return _response(content, f"overleg-{body.pk}.ics")


def personal_feed(request, token):
    """The meetings of the bodies the token's person sits in today."""
    person = person_for_token(token)
    if person is None:
        raise Http404
    content = calendar_bytes(
        seated_meetings(person),
        name=_("Mijn overleg"),
        viewer=person,
        request=request,
    )
    return _response(content, "mijn-overleg.ics")
