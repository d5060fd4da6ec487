"""Demo bodies of the fictional town Wilgendonk: the welfare working group (public,
gives advice, chaired by partner@demo.lokaal), the steering group and the
directors' meeting (both closed), and the forum (public, open meetings twice a
year); their members from the demo organisations, meetings past and upcoming with
agendas, attendance and minutes in each state, and advice in every state.

Advice goes through `cms.bodies.services`, so each carries the timeline it would
have in real use. Dates are counted from the day the demo is first loaded, so a
fresh demo is current. Called by `manage.py load_demo`; a second run adds nothing
(a body is built once, with its seats and meetings; an advice is keyed on its
body and title).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from cms.bodies import services
from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceKind,
    AdviceState,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    BodyKind,
    BodyMember,
    Meeting,
    MemberRole,
    MinutesState,
    Recommendation,
    RecommendationAnswer,
)
from cms.models import Goal, LifeDomain, TargetGroup
from cms.signals.models import Signal
from portal.models import Organisation, User

A = AdviceState
R = MemberRole
M = MinutesState

PARTNER = "partner@demo.lokaal"
PARTNER2 = "partner2@demo.lokaal"
CIVIL_SERVANT = "ambtenaar@demo.lokaal"

TOWN = "Gemeente Wilgendonk"
SOCIAL_SERVICE = "OCMW Wilgendonk"
WELFARE = "De Brugwachter vzw"
HOUSING = "Woonmaatschappij Wilgenland"
COMMUNITY = "Buurtwerk Wilgendonk vzw"
WORK = "Leerwerkplaats Het Aambeeld vzw"
CARE_COUNCIL = "Zorgraad Wilgenstreek"

WORKING_GROUP = "Werkgroep Welzijn"
STEERING_GROUP = "Stuurgroep Lokaal Sociaal Beleid"
DIRECTORS = "Regisseursoverleg"
FORUM = "Forum Welzijn"

#: The demo items an agenda links to (a signal, a goal of the plan, an advice).
LINKED_SIGNAL = "Digitale drempels bij het aanvragen van premies"
LINKED_GOAL = "TD 1.2"

SEATS_SINCE = datetime.date(2025, 1, 1)
PLACE = "Welzijnshuis Wilgendonk, zaal De Linde"


@dataclass(frozen=True)
class DemoSeat:
    role: str
    organisation: str | None = None
    user: str | None = None
    #: Days before the demo's load that the seat ended (None: it runs on).
    ended_days_ago: int | None = None


@dataclass(frozen=True)
class DemoMeeting:
    days: int  # from the day the demo is loaded (negative: in the past)
    hour: int
    agenda: tuple[str, ...]
    is_public: bool = False
    minutes: str = ""
    minutes_state: str = M.DRAFT
    #: Agenda titles that link the demo signal, the demo goal or an advice title.
    links: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoBody:
    name: str
    kind: str
    remit: str
    is_public: bool
    gives_advice: bool
    seats: tuple[DemoSeat, ...]
    meetings: tuple[DemoMeeting, ...]
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoAdvice:
    title: str
    question: str
    kind: str = AdviceKind.REQUEST
    asked_days_ago: int | None = None
    urgent: bool = False
    path: tuple[str, ...] = ()  # the states it goes through after its start
    text: str = ""
    recommendations: tuple[str, ...] = ()
    #: (answer, reason) per recommendation.
    answers: tuple[tuple[str, str], ...] = ()
    published: bool = False
    #: Days before the load that the body submitted it (the town's term runs).
    submitted_days_ago: int | None = None
    notes: dict = field(default_factory=dict)


ANSWERED_ADVICE = "Advies over een sociaal tarief in de zwembaden en sporthallen"
ADOPTED_ADVICE = "Advies over digitale drempels bij premies"

BODIES = [
    DemoBody(
        WORKING_GROUP,
        BodyKind.WORKING_GROUP,
        "De werkgroep adviseert het lokaal bestuur over het welzijnsbeleid in "
        "Wilgendonk, op vraag of op eigen initiatief, en volgt de signalen van de "
        "basiswerkers op.",
        is_public=True,
        gives_advice=True,
        life_domains=("zorg-en-gezondheid", "inkomen", "vrije-tijd"),
        target_groups=("mensen-in-armoede", "ouderen"),
        seats=(
            DemoSeat(R.CHAIR, WELFARE, PARTNER),
            DemoSeat(R.SECRETARY, COMMUNITY),
            DemoSeat(R.MEMBER, WORK),
            DemoSeat(R.MEMBER, CARE_COUNCIL),
            DemoSeat(R.OBSERVER, HOUSING, PARTNER2),
            DemoSeat(R.MEMBER, SOCIAL_SERVICE, ended_days_ago=90),
        ),
        meetings=(
            DemoMeeting(
                -70,
                19,
                (
                    "Goedkeuring van het verslag van de vorige vergadering",
                    "Signaal: digitale drempels bij premies",
                    "Stand van de doelstelling over uithuiszettingen",
                    "Adviesvraag over een sociaal tarief voor sport",
                ),
                is_public=True,
                minutes="De werkgroep bespreekt het signaal over digitale drempels "
                "en vraagt een loket bij elke premie. De dienst welzijn licht de "
                "aanpak van huurachterstallen toe. Voor het sociaal tarief in de "
                "zwembaden en sporthallen stelt de werkgroep drie aanbevelingen op.",
                minutes_state=M.PUBLISHED,
                links={
                    "Signaal: digitale drempels bij premies": ("signal", LINKED_SIGNAL),
                    "Stand van de doelstelling over uithuiszettingen": (
                        "goal",
                        LINKED_GOAL,
                    ),
                    "Adviesvraag over een sociaal tarief voor sport": (
                        "advice",
                        ANSWERED_ADVICE,
                    ),
                },
            ),
            DemoMeeting(
                -35,
                19,
                (
                    "Goedkeuring van het verslag van de vorige vergadering",
                    "Voorbereiding van het advies over digitale drempels",
                ),
                is_public=True,
                minutes="De werkgroep schrijft het advies over digitale drempels "
                "uit. De buddywerking van de bibliotheek komt als voorbeeld aan "
                "bod.",
                minutes_state=M.APPROVED,
                links={
                    "Voorbereiding van het advies over digitale drempels": (
                        "advice",
                        ADOPTED_ADVICE,
                    ),
                },
            ),
            DemoMeeting(
                -7,
                19,
                (
                    "Goedkeuring van het advies over digitale drempels",
                    "Adviesvraag over de zitdagen van het sociaal huis",
                ),
                minutes="Ontwerpverslag. De werkgroep keurt het advies over "
                "digitale drempels goed. Over de zitdagen vraagt de werkgroep "
                "cijfers over de wachttijden in de deelgemeenten op.",
                minutes_state=M.DRAFT,
            ),
            DemoMeeting(
                21,
                19,
                (
                    "Goedkeuring van het verslag van de vorige vergadering",
                    "Advies over de zitdagen van het sociaal huis",
                    "Jaarverslag van de werkgroep",
                ),
            ),
        ),
    ),
    DemoBody(
        STEERING_GROUP,
        BodyKind.STEERING_GROUP,
        "De stuurgroep bewaakt de uitvoering van het meerjarenplan en verdeelt "
        "de opdrachten over de partners.",
        is_public=False,
        gives_advice=False,
        life_domains=("wonen", "werken", "zorg-en-gezondheid"),
        seats=(
            DemoSeat(R.CHAIR, TOWN),
            DemoSeat(R.SECRETARY, SOCIAL_SERVICE),
            DemoSeat(R.MEMBER, WELFARE, PARTNER),
            DemoSeat(R.MEMBER, CARE_COUNCIL),
        ),
        meetings=(
            DemoMeeting(
                -50,
                14,
                (
                    "Opvolging van het meerjarenplan",
                    "Verdeling van de middelen voor armoedebestrijding",
                ),
                minutes="De stuurgroep verdeelt de middelen voor "
                "armoedebestrijding over drie projecten en vraagt de werkgroep om "
                "advies over het sociaal tarief.",
                minutes_state=M.APPROVED,
            ),
            DemoMeeting(30, 14, ("Voorbereiding van de aanpassing van het plan",)),
        ),
    ),
    DemoBody(
        DIRECTORS,
        BodyKind.DIRECTORS_MEETING,
        "De regisseurs van de levensdomeinen stemmen hun thema's en de opvolging "
        "van de signalen op elkaar af.",
        is_public=False,
        gives_advice=False,
        life_domains=("wonen", "leren", "leefbaarheid"),
        seats=(
            DemoSeat(R.CHAIR, TOWN),
            DemoSeat(R.MEMBER, SOCIAL_SERVICE),
        ),
        meetings=(
            DemoMeeting(
                -14,
                10,
                ("Signalen van het voorbije kwartaal",),
                minutes="De regisseurs verdelen de geregistreerde signalen over "
                "de levensdomeinen.",
                minutes_state=M.DRAFT,
            ),
            DemoMeeting(14, 10, ("Voorbereiding van het forum",)),
        ),
    ),
    DemoBody(
        FORUM,
        BodyKind.FORUM,
        "Twee keer per jaar ontmoeten bewoners, partners en het lokaal bestuur "
        "elkaar op het forum: wat loopt goed, wat kan beter in het sociaal "
        "beleid van Wilgendonk?",
        is_public=True,
        gives_advice=False,
        life_domains=("wonen", "inkomen", "zorg-en-gezondheid", "leefbaarheid"),
        seats=(
            DemoSeat(R.CHAIR, TOWN),
            DemoSeat(R.SECRETARY, HOUSING, PARTNER2),
            DemoSeat(R.MEMBER, WELFARE),
            DemoSeat(R.MEMBER, COMMUNITY),
            DemoSeat(R.MEMBER, WORK),
        ),
        meetings=(
            DemoMeeting(
                -150,
                19,
                ("Voorstelling van de signalenbundel", "Gesprekstafels per thema"),
                is_public=True,
                minutes="Zestig deelnemers bespraken aan vijf gesprekstafels "
                "betaalbaar wonen, energiearmoede en eenzaamheid bij ouderen.",
                minutes_state=M.PUBLISHED,
            ),
            DemoMeeting(
                40,
                19,
                ("Wat deed het bestuur met de signalen?", "Gesprekstafels per thema"),
                is_public=True,
            ),
        ),
    ),
]

ADVICE = [
    DemoAdvice(
        "Advies over de zitdagen van het sociaal huis",
        "Het bestuur overweegt de zitdagen in de deelgemeenten te bundelen in het "
        "centrum. Wat betekent dat voor de bewoners?",
        asked_days_ago=3,
        urgent=True,
    ),
    DemoAdvice(
        "Advies over de toegankelijkheid van de sociale kruidenier",
        "Hoe bereikt de sociale kruidenier meer gezinnen die er recht op hebben?",
        asked_days_ago=12,
        path=(A.IN_PREPARATION,),
    ),
    DemoAdvice(
        ADOPTED_ADVICE,
        "Premies en toelagen vraag je bijna alleen nog online aan.",
        kind=AdviceKind.OWN_INITIATIVE,
        path=(A.ADOPTED,),
        text="Wie geen computer of digitale sleutel heeft, mist premies. De "
        "werkgroep vraagt een vast aanspreekpunt.",
        recommendations=(
            "Houd bij elke premie een loket of telefonische hulp open.",
            "Geef de baliemedewerkers een opleiding over de digitale aanvraag.",
        ),
    ),
    DemoAdvice(
        "Advies over de huurpremie voor jongeren",
        "Hoe bereikt de huurpremie jongeren die de jeugdhulp verlaten?",
        asked_days_ago=70,
        path=(A.IN_PREPARATION, A.ADOPTED, A.SUBMITTED),
        text="Jongeren kennen de premie niet en vinden de aanvraag te ingewikkeld.",
        recommendations=(
            "Laat de jeugdhulp de aanvraag samen met de jongere invullen.",
            "Betaal de premie vanaf de eerste maand van het huurcontract.",
        ),
        published=True,
        submitted_days_ago=40,
    ),
    DemoAdvice(
        ANSWERED_ADVICE,
        "Welk sociaal tarief stelt de werkgroep voor in de zwembaden en sporthallen?",
        asked_days_ago=120,
        path=(A.IN_PREPARATION, A.ADOPTED, A.SUBMITTED, A.ANSWERED),
        text="Sport is voor gezinnen met een laag inkomen te duur. De werkgroep "
        "stelt een sociaal tarief voor met een vrijetijdspas.",
        recommendations=(
            "Geef houders van de vrijetijdspas 80 procent korting op een beurtenkaart.",
            "Laat de korting ook gelden voor de zwemlessen van kinderen.",
            "Maak het zwembad op zondagochtend gratis voor iedereen.",
        ),
        answers=(
            (RecommendationAnswer.TAKEN_OVER, ""),
            (
                RecommendationAnswer.PARTLY,
                "De korting geldt voor de zwemlessen tijdens de schoolvakanties; "
                "de lessen tijdens het schooljaar volgen in 2027.",
            ),
            (
                RecommendationAnswer.NOT_TAKEN_OVER,
                "Een gratis zwembad voor iedereen past niet in het budget en "
                "bereikt de doelgroep niet gericht.",
            ),
        ),
        published=True,
        submitted_days_ago=80,
    ),
    DemoAdvice(
        "Advies over de dienstverlening van de mindermobielencentrale",
        "Hoe kan de mindermobielencentrale meer ritten naar het sociaal huis rijden?",
        asked_days_ago=220,
        path=(A.IN_PREPARATION, A.ADOPTED, A.SUBMITTED, A.ANSWERED, A.CLOSED),
        text="De vrijwillige chauffeurs kunnen meer ritten rijden met een "
        "tweede wagen.",
        recommendations=("Koop een tweede wagen voor de mindermobielencentrale.",),
        answers=((RecommendationAnswer.TAKEN_OVER, ""),),
        published=True,
        submitted_days_ago=180,
    ),
    DemoAdvice(
        "Advies over de openingsuren van het containerpark",
        "Moeten de openingsuren van het containerpark aangepast worden voor "
        "mensen die in ploegen werken?",
        asked_days_ago=20,
        path=(A.WITHDRAWN,),
        notes={
            A.WITHDRAWN: "De vraag hoort bij de milieuraad, niet bij de werkgroep "
            "welzijn."
        },
    ),
]

#: Who makes which step (the town asks, answers and closes; the chair the rest).
TOWN_STEPS = frozenset({A.ANSWERED, A.CLOSED, A.WITHDRAWN})


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _seat(body: Body, demo: DemoSeat, users, organisations, today) -> BodyMember:
    seat = BodyMember(
        body=body,
        user=users[demo.user] if demo.user else None,
        organisation=organisations[demo.organisation] if demo.organisation else None,
        role=demo.role,
        start_date=SEATS_SINCE,
        end_date=(
            today - datetime.timedelta(days=demo.ended_days_ago)
            if demo.ended_days_ago is not None
            else None
        ),
    )
    seat.full_clean()
    seat.save()
    return seat


def _link(kind: str, name: str, plan) -> dict:
    if kind == "signal":
        return {"signal": Signal.objects.filter(title=name).first()}
    if kind == "goal":
        goals = Goal.objects.filter(code=name)
        return {"goal": (goals.filter(plan=plan) if plan else goals).first()}
    return {"advice": Advice.objects.filter(title=name).first()}


def _meeting(body, demo: DemoMeeting, seats, today, plan) -> Meeting:
    day = today + datetime.timedelta(days=demo.days)
    meeting = Meeting(
        body=body,
        starts_at=_at(day, demo.hour),
        ends_at=_at(day, demo.hour + 2),
        place=PLACE,
        is_public=demo.is_public,
        minutes=demo.minutes,
        minutes_state=demo.minutes_state,
    )
    meeting.full_clean()
    meeting.save()
    for order, title in enumerate(demo.agenda, start=1):
        link = _link(*demo.links[title], plan) if title in demo.links else {}
        AgendaItem.objects.create(meeting=meeting, order=order, title=title, **link)
    if demo.days < 0:
        # Mostly present; the fourth seat sent apologies, the fifth stayed away.
        absences = {3: AttendanceStatus.EXCUSED, 4: AttendanceStatus.ABSENT}
        for number, seat in enumerate(seats):
            if seat.is_active_on(day):
                status = absences.get(number, AttendanceStatus.PRESENT)
                Attendance.objects.create(meeting=meeting, member=seat, status=status)
    return meeting


def _ensure_body(demo: DemoBody, users, organisations, today) -> tuple[Body, bool]:
    """The body with its seats, built once (what a demo user changes afterwards
    stays); returns it and whether it is new."""
    body = Body.objects.filter(name=demo.name).first()
    if body is not None:
        return body, False
    body = Body(
        name=demo.name,
        kind=demo.kind,
        remit=demo.remit,
        is_public=demo.is_public,
        gives_advice=demo.gives_advice,
        contact_civil_servant=users[CIVIL_SERVANT],
    )
    body.full_clean()
    body.save()
    body.life_domains.set(LifeDomain.objects.filter(slug__in=demo.life_domains))
    body.target_groups.set(TargetGroup.objects.filter(slug__in=demo.target_groups))
    for seat in demo.seats:
        _seat(body, seat, users, organisations, today)
    return body, True


def _backdate(advice: Advice, demo: DemoAdvice) -> None:
    """The services stamp each step with the present; the demo's older advice were
    asked, submitted and answered weeks ago, so their timelines and terms run as
    in real use (the town's term counts from the submission). A demo-only
    correction of the timeline's times, never done by the product."""
    asked, submitted = demo.asked_days_ago, demo.submitted_days_ago
    days_ago = {}
    if asked is not None:
        days_ago[(AdviceEvent.Kind.CREATED, A.REQUESTED)] = asked
        days_ago[(AdviceEvent.Kind.TRANSITION, A.IN_PREPARATION)] = asked - 2
    if submitted is not None:
        days_ago[(AdviceEvent.Kind.TRANSITION, A.ADOPTED)] = submitted + 3
        days_ago[(AdviceEvent.Kind.TRANSITION, A.SUBMITTED)] = submitted
        days_ago[(AdviceEvent.Kind.ANSWER, "")] = submitted - 25
        days_ago[(AdviceEvent.Kind.TRANSITION, A.ANSWERED)] = submitted - 25
        days_ago[(AdviceEvent.Kind.TRANSITION, A.CLOSED)] = submitted - 30
    now = timezone.now()
    for (kind, to_state), days in days_ago.items():
        AdviceEvent.objects.filter(advice=advice, kind=kind, to_state=to_state).update(
            created_at=now - datetime.timedelta(days=days)
        )


def _give(demo: DemoAdvice, body: Body, users, today) -> Advice:
    chair, town = users[PARTNER], users[CIVIL_SERVANT]
    if demo.kind == AdviceKind.OWN_INITIATIVE:
        advice = services.advice_create_own_initiative(
            body=body, by=chair, title=demo.title, question=demo.question
        )
    else:
        advice = services.advice_request(
            body=body,
            by=town,
            title=demo.title,
            question=demo.question,
            asked_on=today - datetime.timedelta(days=demo.asked_days_ago),
            urgent=demo.urgent,
        )
    if demo.text or demo.recommendations:
        # What the body writes, as its officers do in the admin's advice form.
        advice.text = demo.text
        advice.save(update_fields=["text", "updated_at"])
        for number, text in enumerate(demo.recommendations, start=1):
            Recommendation.objects.create(advice=advice, number=number, text=text)
    for step in demo.path:
        if step == A.ANSWERED:
            for recommendation, (answer, reason) in zip(
                advice.recommendations.all(), demo.answers, strict=True
            ):
                services.advice_answer(
                    recommendation=recommendation, by=town, answer=answer, reason=reason
                )
        advice = services.advice_transition(
            advice=advice,
            to=step,
            by=town if step in TOWN_STEPS else chair,
            note=demo.notes.get(step, ""),
        )
    _backdate(advice, demo)
    if demo.published:
        # The body decides to publish its adopted advice (a field of its form).
        advice.published = True
        advice.save(update_fields=["published", "updated_at"])
    return advice


def ensure_bodies(*, users: dict[str, User], plan=None) -> int:
    """The demo bodies, their advice and meetings; returns how many advice were
    added. `plan` is the demo plan, whose goal an agenda item links."""
    today = timezone.localdate()
    organisations = {org.name: org for org in Organisation.objects.all()}
    built = {
        demo.name: _ensure_body(demo, users, organisations, today) for demo in BODIES
    }
    working_group, _new = built[WORKING_GROUP]
    existing = set(working_group.advice.values_list("title", flat=True))
    created = 0
    for demo in ADVICE:
        if demo.title not in existing:
            _give(demo, working_group, users, today)
            created += 1
    # Meetings come last: their agendas link the advice.
    for demo in BODIES:
        body, new = built[demo.name]
        if new:
            seats = list(body.members.order_by("pk"))
            for meeting in demo.meetings:
                _meeting(body, meeting, seats, today, plan)
    return created
