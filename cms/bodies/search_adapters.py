"""Bodies, their meetings and their advice in the one search index (kinds `body`,
`meeting`, `advice`), with the body's life domains, target groups and lead
organisation as facets.

Who finds what is what `portal.access.bodies` shows: a document is public when
everyone may see the thing (asked of access as for an anonymous visitor), and
otherwise carries the circles of the body's workspace (`workspace_circles`: the
civil servants, and whoever holds a seat in the body on the day they search).
What the workspace reads of a public meeting or advice beyond what everyone
reads is a second document for the workspace only: `#verslag`, the minutes not
yet published; `#dossier`, an advice's timeline and the town's answers until
access makes them public.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceState,
    AgendaItem,
    AnswerStatusUpdate,
    Body,
    BodyMember,
    Meeting,
    MemberRole,
    Recommendation,
)
from cms.search_adapters.pages import clean
from portal.access.audiences import Audience
from portal.access.bodies import (
    advice_permissions,
    answers_are_public,
    body_is_public,
    meeting_permissions,
)
from portal.access.circles import workspace_circles
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register

#: The anchor of a public meeting's minutes while only the workspace reads them.
MINUTES_ANCHOR = "verslag"
#: The anchor of a public advice's dossier (timeline, answers not yet public).
DOSSIER_ANCHOR = "dossier"


def body_url(body) -> str:
    """The body's page below /overleg/ (members find their workspace from there);
    the pages answer every reader the access rules let through, members too."""
    return reverse("bodies:body", args=[body.pk])


def meeting_url(meeting) -> str:
    return reverse("bodies:meeting", args=[meeting.pk])


def advice_url(advice) -> str:
    return reverse("bodies:advice", args=[advice.pk])


def _join(*parts) -> str:
    return clean(" ".join(str(part) for part in parts if part))


def lead_organisation(body: Body) -> str:
    """The organisation facet of a body and of what it does: the organisation its
    chair (or lead member) represents today, else any organisation seated in it."""
    today = timezone.localdate()
    seats = [
        seat
        for seat in body.members.all()
        if seat.organisation_id and seat.is_active_on(today)
    ]
    seats.sort(key=lambda seat: (seat.role != MemberRole.CHAIR, seat.pk))
    return seats[0].organisation.name if seats else ""


def _facets(body: Body) -> dict:
    return {
        "life_domains": tuple(domain.name for domain in body.life_domains.all()),
        "target_groups": tuple(group.name for group in body.target_groups.all()),
        "organisation": lead_organisation(body),
        "context": body.name,
    }


@register(Body)
class BodyAdapter(Adapter):
    def queryset(self):
        return Body.objects.prefetch_related(
            "life_domains", "target_groups", "members__organisation"
        )

    def documents(self, body) -> Iterable[SearchDocument]:
        today = timezone.localdate()
        organisations = sorted(
            {
                seat.organisation.name
                for seat in body.members.all()
                if seat.organisation_id and seat.is_active_on(today)
            }
        )
        facets = _facets(body)
        facets["context"] = body.get_kind_display()
        yield SearchDocument(
            key=object_key(body),
            kind=DocumentKind.BODY,
            title=body.name,
            body=_join(body.get_kind_display(), body.remit, *organisations),
            url=body_url(body),
            audience=Audience.PUBLIC,
            circles=() if body_is_public(body) else workspace_circles(body.pk),
            boost=1.2,
            **facets,
        )

    def dependents(self, body):
        """Whether the body is public, its themes and lead organisation reach its
        meetings' and advice's documents too."""
        return [*body.meetings.all(), *body.advice.all()]


@register(BodyMember)
class BodyMemberAdapter(Adapter):
    """Seats are no documents: a seat that changes changes the body's
    organisations (who may search is decided when searching)."""

    def queryset(self):
        return BodyMember.objects.none()

    def documents(self, seat) -> Iterable[SearchDocument]:
        return ()

    def dependents(self, seat):
        return [seat.body]


@register(Meeting)
class MeetingAdapter(Adapter):
    def queryset(self):
        return Meeting.objects.select_related("body").prefetch_related(
            "agenda_items",
            "body__life_domains",
            "body__target_groups",
            "body__members__organisation",
        )

    def documents(self, meeting) -> Iterable[SearchDocument]:
        body = meeting.body
        public = meeting_permissions(AnonymousUser(), meeting)
        start = meeting.local_starts_at
        when = start.strftime("%d/%m/%Y")
        agenda = [item.title for item in meeting.agenda_items.all()]
        facets = _facets(body)
        common = {
            "kind": DocumentKind.MEETING,
            "url": meeting_url(meeting),
            "audience": Audience.PUBLIC,
            "date": start.date(),
            "year": start.year,
            **facets,
        }
        if public.can_view:
            title = _("%(body)s: vergadering van %(date)s") % {
                "body": body.name,
                "date": when,
            }
            minutes = meeting.minutes if public.can_view_minutes else ""
            yield SearchDocument(
                key=object_key(meeting),
                title=title,
                body=_join(meeting.place, *agenda, minutes),
                **common,
            )
            if meeting.minutes.strip() and not public.can_view_minutes:
                yield SearchDocument(
                    key=f"{object_key(meeting)}#{MINUTES_ANCHOR}",
                    title=_("%(body)s: verslag (%(state)s) van %(date)s")
                    % {
                        "body": body.name,
                        "state": meeting.get_minutes_state_display(),
                        "date": when,
                    },
                    body=_join(meeting.minutes),
                    circles=workspace_circles(body.pk),
                    **common,
                )
            return
        yield SearchDocument(
            key=object_key(meeting),
            title=_("%(body)s: besloten vergadering van %(date)s")
            % {"body": body.name, "date": when},
            body=_join(meeting.place, *agenda, meeting.minutes),
            circles=workspace_circles(body.pk),
            **common,
        )


@register(AgendaItem)
class AgendaItemAdapter(Adapter):
    """Agenda items are part of their meeting's document."""

    def queryset(self):
        return AgendaItem.objects.none()

    def documents(self, item) -> Iterable[SearchDocument]:
        return ()

    def dependents(self, item):
        return [item.meeting]


def advice_date(advice: Advice):
    """The day an advice is dated by: the town's question, else the day the body
    submitted it, else the day it was started."""
    if advice.asked_on:
        return advice.asked_on
    submitted = next(
        (
            event.created_at
            for event in advice.events.all()
            if event.to_state == AdviceState.SUBMITTED
        ),
        None,
    )
    return timezone.localdate(submitted or advice.created_at)


@register(Advice)
class AdviceAdapter(Adapter):
    def queryset(self):
        return Advice.objects.select_related("body").prefetch_related(
            "recommendations",
            "events",
            "status_updates",
            "body__life_domains",
            "body__target_groups",
            "body__members__organisation",
        )

    def documents(self, advice) -> Iterable[SearchDocument]:
        public = advice_permissions(AnonymousUser(), advice).can_view
        recommendations = [
            f"{item.number}. {item.text}" for item in advice.recommendations.all()
        ]
        answers = [
            part
            for item in advice.recommendations.all()
            if item.answer
            for part in (item.get_answer_display(), item.answer_reason)
        ]
        dossier = [
            advice.extension_reason,
            *(event.note for event in advice.events.all()),
            *(update.text for update in advice.status_updates.all()),
        ]
        day = advice_date(advice)
        common = {
            "kind": DocumentKind.ADVICE,
            "url": advice_url(advice),
            "audience": Audience.PUBLIC,
            "date": day,
            "year": day.year,
            **_facets(advice.body),
        }
        texts = [advice.question, advice.text, *recommendations]
        if not public:
            yield SearchDocument(
                key=object_key(advice),
                title=advice.title,
                body=_join(*texts, *answers, *dossier),
                circles=workspace_circles(advice.body_id),
                **common,
            )
            return
        if answers_are_public(advice):
            texts += answers
        else:
            dossier = [*answers, *dossier]
        yield SearchDocument(
            key=object_key(advice), title=advice.title, body=_join(*texts), **common
        )
        if _join(*dossier):
            yield SearchDocument(
                key=f"{object_key(advice)}#{DOSSIER_ANCHOR}",
                title=_("%(title)s: dossier") % {"title": advice.title},
                body=_join(*dossier),
                circles=workspace_circles(advice.body_id),
                **common,
            )


class _PartOfAdvice(Adapter):
    """Recommendations, timeline lines and status updates are part of their
    advice's document."""

    def queryset(self):
        return self.model._default_manager.none()

    def documents(self, obj) -> Iterable[SearchDocument]:
        return ()

    def dependents(self, obj):
        return [obj.advice]


@register(Recommendation)
class RecommendationAdapter(_PartOfAdvice):
    pass


@register(AdviceEvent)
class AdviceEventAdapter(_PartOfAdvice):
    pass


@register(AnswerStatusUpdate)
class AnswerStatusUpdateAdapter(_PartOfAdvice):
    pass
