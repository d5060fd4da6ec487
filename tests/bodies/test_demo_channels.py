"""Nothing of a closed body, a closed meeting, unpublished minutes, an unpublished
advice, or the town's answers and dossier before they are public reaches anyone
outside the body's workspace: not through the pages (/overleg/, the workspace,
the home page, the intranet), the API, the iCalendar feeds, the yearly report
PDF, or search. Checked on the demo town, per demo account; and those who may
see each of these do find it, so every check here can fail.

What each account may see is written out from the rule (issue text, point 8),
not taken from `portal.access.bodies`, so a channel and the access module cannot
agree on a mistake; the first test checks that the access module agrees with it.

The words that would betray a hidden thing are computed, not listed: the words
and sentences of its texts that occur in nothing the account may see (the
bodies' visible texts, the rest of the site's content, the interface's own
words). A whole hidden object is also betrayed by its address.
"""

import datetime
import html
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cms.bodies import services
from cms.bodies.calendar import personal_token
from cms.bodies.demo import WORKING_GROUP
from cms.bodies.models import (
    Advice,
    AdviceState,
    Body,
    BodyMember,
    Meeting,
    MinutesState,
    RecommendationAnswer,
)
from cms.models import LifeDomain, TargetGroup
from portal.access.bodies import (
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    meeting_permissions,
    meetings_visible_to,
)
from portal.models import Organisation, User
from search.documents import DocumentKind
from search.models import IndexedDocument
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

A = AdviceState

ANONYMOUS = "anoniem"
CIVIL_SERVANT = "ambtenaar@demo.lokaal"
PARTNER = "partner@demo.lokaal"
ACCOUNTS = [
    ANONYMOUS,
    "burger@demo.lokaal",
    PARTNER,
    "partner2@demo.lokaal",
    CIVIL_SERVANT,
    "redacteur@demo.lokaal",
    "moderator@demo.lokaal",
    "admin@demo.lokaal",
]

#: Advice states in which a published advice is public (adopted and on).
PUBLIC_ADVICE_STATES = {A.ADOPTED, A.SUBMITTED, A.ANSWERED, A.CLOSED}
#: Once the town has answered as a whole, its answers go with the advice.
ANSWERED_STATES = {A.ANSWERED, A.CLOSED}

#: Texts the fixture adds to the demo, so that every kind of internal part of a
#: public advice is there to leak: an answer and a status update while the town
#: still owes its answer, an extension and a note on a step.
ANSWER_REASON = "De jeugdhulp krijgt een trajectbegeleider die de aanvraag mee invult."
STATUS_UPDATE = "Het schepencollege beslist na de begrotingsbijsturing van november."
EXTENSION_REASON = "De werkgroep wacht op een telling bij de schuldbemiddelaars."
ADOPTION_NOTE = "Aangenomen bij handopsteking, met een onthouding."


# The demo, once for the module ---------------------------------------------------


def _internal_parts() -> None:
    """Give the demo's public advice what stays in the dossier: the town answers
    one recommendation of the submitted advice and reports how far it is; a new
    request is extended, adopted with a note and published."""
    town = User.objects.get(email=CIVIL_SERVANT)
    chair = User.objects.get(email=PARTNER)
    submitted = Advice.objects.get(state=A.SUBMITTED, published=True)
    services.advice_answer(
        recommendation=submitted.recommendations.order_by("number").first(),
        by=town,
        answer=RecommendationAnswer.PARTLY,
        reason=ANSWER_REASON,
    )
    services.advice_report_status(advice=submitted, by=town, text=STATUS_UPDATE)
    today = timezone.localdate()
    advice = services.advice_request(
        body=Body.objects.get(name=WORKING_GROUP),
        by=town,
        title="Advies over de wachtlijst voor schuldhulp",
        question="Hoe wordt de wachtlijst voor schuldhulp korter?",
        asked_on=today - datetime.timedelta(days=20),
    )
    advice = services.advice_transition(advice=advice, to=A.IN_PREPARATION, by=chair)
    advice = services.advice_extend(
        advice=advice,
        by=town,
        until=today + datetime.timedelta(days=30),
        reason=EXTENSION_REASON,
    )
    advice = services.advice_edit(
        advice=advice,
        by=chair,
        text="Een vast onthaalmoment verkort het wachten.",
        recommendations=["Open elke week een inloopmoment voor schuldhulp."],
    )
    advice = services.advice_transition(
        advice=advice, to=A.ADOPTED, by=chair, note=ADOPTION_NOTE
    )
    services.advice_publish(advice=advice, by=chair, published=True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        _internal_parts()
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        yield
        _accounts.clear()


def user_for(email: str):
    return AnonymousUser() if email == ANONYMOUS else User.objects.get(email=email)


def client_for(email: str) -> Client:
    client = Client()
    if email == ANONYMOUS:
        return client
    user = User.objects.get(email=email)
    client.force_login(user)
    if user.is_staff:  # the staff doors want the second factor in the session
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password"},
            {"method": "mfa", "type": "totp"},
        ]
        session.save()
    return client


# The rule, written out -----------------------------------------------------------


@dataclass(frozen=True)
class Sight:
    """What one account may see of the bodies, from the rule: civil servants
    everything; a running seat the body's whole workspace; everyone else public
    bodies, open meetings of public bodies, published minutes of those, published
    advice from its adoption on, and the town's answers once it has answered."""

    staff: bool
    seats: frozenset[int]

    @classmethod
    def of(cls, user) -> "Sight":
        if not user.is_authenticated:
            return cls(False, frozenset())
        today = timezone.localdate()
        seats = [
            seat.body_id
            for seat in BodyMember.objects.filter(user=user)
            if seat.start_date <= today
            and (seat.end_date is None or seat.end_date >= today)
        ]
        return cls(user.is_staff or user.is_superuser, frozenset(seats))

    def inside(self, body_id: int) -> bool:
        return self.staff or body_id in self.seats

    def body(self, body: Body) -> bool:
        return self.inside(body.pk) or body.is_public

    def meeting(self, meeting: Meeting) -> bool:
        return self.inside(meeting.body_id) or (
            meeting.is_public and meeting.body.is_public
        )

    def minutes(self, meeting: Meeting) -> bool:
        return self.inside(meeting.body_id) or (
            self.meeting(meeting) and meeting.minutes_state == MinutesState.PUBLISHED
        )

    def advice(self, advice: Advice) -> bool:
        return self.inside(advice.body_id) or (
            advice.published and advice.state in PUBLIC_ADVICE_STATES
        )

    def answers(self, advice: Advice) -> bool:
        return self.inside(advice.body_id) or (
            self.advice(advice) and advice.state in ANSWERED_STATES
        )

    def dossier(self, advice: Advice) -> bool:
        return self.inside(advice.body_id)


# What is not for everyone, and its texts -----------------------------------------


@dataclass(frozen=True)
class Secret:
    """Something the public may not see: a whole object, or a part of a public one
    (`minutes`, `answers`, `dossier`)."""

    part: str  # body, meeting, minutes, advice, answers, dossier
    obj: object
    texts: tuple[str, ...]
    #: Its page on /overleg/, for a whole object (a part shares its object's).
    page: str
    #: Its API detail.
    api: str

    @property
    def label(self) -> str:
        return f"{self.part} {self.obj.pk} ({str(self.obj)[:40]})"

    @property
    def whole(self) -> bool:
        return self.part in {"body", "meeting", "advice"}

    def seen_by(self, sight: Sight) -> bool:
        check = {
            "body": sight.body,
            "meeting": sight.meeting,
            "minutes": sight.minutes,
            "advice": sight.advice,
            "answers": sight.answers,
            "dossier": sight.dossier,
        }[self.part]
        return check(self.obj)

    def addresses(self) -> tuple[str, ...]:
        """What betrays a whole object besides its words: its addresses (the page,
        the workspace's, and a feed's event UID)."""
        if not self.whole:
            return ()
        pk = self.obj.pk
        return {
            "body": (f"/overleg/{pk}/",),
            "meeting": (f"/overleg/vergaderingen/{pk}/", f"vergadering-{pk}@"),
            "advice": (f"/overleg/adviezen/{pk}/",),
        }[self.part]


def _clean(*texts) -> tuple[str, ...]:
    return tuple(text for text in texts if text and text.strip())


def agenda_texts(meeting: Meeting) -> tuple[str, ...]:
    return _clean(*meeting.agenda_items.values_list("title", flat=True))


def advice_texts(advice: Advice) -> tuple[str, ...]:
    return _clean(
        advice.title,
        advice.question,
        advice.text,
        *advice.recommendations.values_list("text", flat=True),
    )


def answer_texts(advice: Advice) -> tuple[str, ...]:
    return _clean(*advice.recommendations.values_list("answer_reason", flat=True))


def dossier_texts(advice: Advice) -> tuple[str, ...]:
    return _clean(
        advice.extension_reason,
        *advice.events.values_list("note", flat=True),
        *advice.status_updates.values_list("text", flat=True),
    )


def all_secrets() -> list[Secret]:
    """Everything of the bodies that the anonymous visitor may not see."""
    public = Sight(False, frozenset())
    secrets = []
    for body in Body.objects.all():
        if not public.body(body):
            secrets.append(
                Secret(
                    "body",
                    body,
                    _clean(body.name, body.remit),
                    reverse("bodies:body", args=[body.pk]),
                    f"/api/v1/bodies/{body.pk}/",
                )
            )
    for meeting in Meeting.objects.select_related("body"):
        page = reverse("bodies:meeting", args=[meeting.pk])
        api = f"/api/v1/meetings/{meeting.pk}/"
        if not public.meeting(meeting):
            texts = _clean(*agenda_texts(meeting), meeting.minutes)
            secrets.append(Secret("meeting", meeting, texts, page, api))
        elif not public.minutes(meeting) and meeting.minutes.strip():
            secrets.append(Secret("minutes", meeting, (meeting.minutes,), page, api))
    for advice in Advice.objects.select_related("body"):
        page = reverse("bodies:advice", args=[advice.pk])
        api = f"/api/v1/advice/{advice.pk}/"
        if not public.advice(advice):
            texts = (
                *advice_texts(advice),
                *answer_texts(advice),
                *dossier_texts(advice),
            )
            secrets.append(Secret("advice", advice, texts, page, api))
            continue
        if not public.answers(advice) and answer_texts(advice):
            secrets.append(Secret("answers", advice, answer_texts(advice), page, api))
        if dossier_texts(advice):
            secrets.append(Secret("dossier", advice, dossier_texts(advice), page, api))
    return secrets


def visible_texts(sight: Sight) -> list[str]:
    """Every text of the bodies that this account may see."""
    texts = []
    for body in Body.objects.prefetch_related("members__organisation"):
        if sight.body(body):
            texts += [body.name, body.remit, body.get_kind_display()]
    for meeting in Meeting.objects.select_related("body"):
        if sight.meeting(meeting):
            texts += [meeting.body.name, meeting.place, *agenda_texts(meeting)]
            if sight.minutes(meeting):
                texts.append(meeting.minutes)
    for advice in Advice.objects.select_related("body"):
        if sight.advice(advice):
            texts += advice_texts(advice)
            if sight.answers(advice):
                texts += answer_texts(advice)
            if sight.dossier(advice):
                texts += dossier_texts(advice)
    return texts


#: Dates read in Dutch (Django's own translations, not the theme's).
CALENDAR_WORDS = frozenset(
    re.findall(
        r"\w+",
        "januari februari maart april mei juni juli augustus september oktober "
        "november december maandag dinsdag woensdag donderdag vrijdag zaterdag "
        "zondag",
    )
)


@cache
def interface_words() -> frozenset[str]:
    """The interface's own words (every Dutch message and template text)."""
    theme = Path(settings.BASE_DIR) / "theme"
    texts = [
        path.read_text(encoding="utf-8")
        for pattern in ("locale/nl/LC_MESSAGES/*.po", "templates/**/*.html")
        for path in theme.glob(pattern)
    ]
    return frozenset(words(" ".join(texts))) | CALENDAR_WORDS


def site_words() -> set[str]:
    """The words of the rest of the site: every other document of the index,
    organisations, people, life domains and target groups."""
    bodies_kinds = {DocumentKind.BODY, DocumentKind.MEETING, DocumentKind.ADVICE}
    texts = [
        f"{title} {body} {context}"
        for title, body, context in IndexedDocument.objects.exclude(
            kind__in=bodies_kinds
        ).values_list("title", "body", "context")
    ]
    texts += Organisation.objects.values_list("name", flat=True)
    texts += [f"{u.first_name} {u.last_name}" for u in User.objects.all()]
    texts += LifeDomain.objects.values_list("name", flat=True)
    texts += TargetGroup.objects.values_list("name", flat=True)
    return set(words(" ".join(texts)))


# Matching -------------------------------------------------------------------------


def plain(text: str) -> str:
    """Markup, entities and spacing gone, case folded: what a reader reads."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split()).casefold()


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


MIN_WORD = 6


@dataclass(frozen=True)
class Markers:
    """What would betray one secret to one account."""

    secret: Secret
    words: tuple[str, ...]
    sentences: tuple[str, ...]
    addresses: tuple[str, ...]

    def found_in(self, text: str, *, ignore: str = "") -> list[str]:
        read = plain(text)
        if ignore:
            read = re.sub(re.escape(ignore.casefold()), " ", read)
        found = [
            word
            for word in self.words
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", read)
        ]
        found += [sentence for sentence in self.sentences if sentence in read]
        found += [address for address in self.addresses if address in text]
        return found


@dataclass(frozen=True)
class Account:
    email: str
    sight: Sight
    hidden: tuple[Markers, ...]
    seen: tuple[Secret, ...]

    def assert_no_leak(self, text: str, where: str, *, ignore: str = "") -> None:
        found = self.leaks(text, ignore=ignore)
        assert not found, f"{self.email}, {where}: {found}"

    def leaks(self, text: str, *, ignore: str = "") -> list[str]:
        return [
            f"{markers.secret.label}: {found}"
            for markers in self.hidden
            if (found := markers.found_in(text, ignore=ignore))
        ]


#: Per account, computed once while the module's demo stands (see `demo`).
_accounts: dict[str, Account] = {}


def account(email: str) -> Account:
    """The account, what it may see, and the markers of what it may not (computed
    once per module: the demo does not change between the tests)."""
    if email in _accounts:
        return _accounts[email]
    sight = Sight.of(user_for(email))
    secrets = all_secrets()
    visible = visible_texts(sight)
    known = set(words(" ".join(visible))) | interface_words() | site_words()
    corpus = plain(" \n ".join(visible))
    hidden = []
    for secret in secrets:
        if secret.seen_by(sight):
            continue
        text = " ".join(secret.texts)
        hidden.append(
            Markers(
                secret,
                words=tuple(
                    sorted(
                        {w for w in words(text) if len(w) >= MIN_WORD} - known,
                        key=lambda w: (-len(w), w),
                    )
                ),
                sentences=tuple(
                    dict.fromkeys(
                        sentence
                        for sentence in map(plain, secret.texts)
                        if len(sentence) >= 20 and sentence not in corpus
                    )
                ),
                addresses=secret.addresses(),
            )
        )
    seen = tuple(secret for secret in secrets if secret.seen_by(sight))
    _accounts[email] = Account(email, sight, tuple(hidden), seen)
    return _accounts[email]


def json_text(data) -> str:
    """Every key and value of a JSON answer, as one text."""
    if isinstance(data, dict):
        return " ".join(f"{key} {json_text(value)}" for key, value in data.items())
    if isinstance(data, list):
        return " ".join(json_text(value) for value in data)
    return "" if data is None else str(data)


def ical_text(content: bytes) -> str:
    """An iCalendar file unfolded and unescaped (RFC 5545, 3.1 and 3.3.11)."""
    text = content.decode().replace("\r\n ", "").replace("\r\n\t", "")
    for escaped, char in (("\\n", "\n"), ("\\N", "\n"), ("\\,", ","), ("\\;", ";")):
        text = text.replace(escaped, char)
    return text.replace("\\\\", "\\")


def pdf_text(content: bytes) -> str:
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def api_ids(client: Client, path: str) -> set[int]:
    response = client.get(path, {"page_size": 200})
    assert response.status_code == 200, path
    data = response.json()
    assert data["next"] is None, f"{path}: more than one page"
    return {row["id"] for row in data["results"]}


# The tests ------------------------------------------------------------------------

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.parametrize("email", ACCOUNTS),
]


def test_the_access_module_follows_the_written_rule(demo, email):
    """The channels below are checked against `Sight`; the access module that
    they ask must agree with it."""
    user, sight = user_for(email), account(email).sight
    bodies = Body.objects.all()
    meetings = Meeting.objects.select_related("body")
    advice = Advice.objects.select_related("body")
    assert set(bodies_visible_to(user, bodies)) == {b for b in bodies if sight.body(b)}
    assert set(meetings_visible_to(user, meetings)) == {
        m for m in meetings if sight.meeting(m)
    }
    assert set(advice_visible_to(user, advice)) == {
        a for a in advice if sight.advice(a)
    }
    for meeting in meetings:
        assert meeting_permissions(user, meeting).can_view_minutes is sight.minutes(
            meeting
        ), meeting
    for item in advice:
        permissions = advice_permissions(user, item)
        assert permissions.can_view_answers is sight.answers(item), item
        assert permissions.can_view_internal is sight.dossier(item), item


def test_every_secret_can_be_recognised(demo, email):
    """Each hidden thing carries words or sentences of its own (or, for a whole
    object, its address), so the tests below would notice it."""
    me = account(email)
    if email == ANONYMOUS:
        assert {m.secret.part for m in me.hidden} == {
            "body",
            "meeting",
            "minutes",
            "advice",
            "answers",
            "dossier",
        }
    for markers in me.hidden:
        if markers.secret.whole:
            assert markers.addresses, markers.secret.label
        assert markers.words or markers.sentences, markers.secret.label
    if me.sight.staff:
        assert not me.hidden


def test_pages(demo, email):
    """/overleg/: the list, every body, meeting and advice (404 when hidden); the
    home page with its open meetings."""
    me, client = account(email), client_for(email)
    pages = {"/": client.get("/"), "/overleg/": client.get("/overleg/")}
    for model, name, visible in (
        (Body, "bodies:body", me.sight.body),
        (Meeting, "bodies:meeting", me.sight.meeting),
        (Advice, "bodies:advice", me.sight.advice),
    ):
        for obj in model.objects.all():
            url = reverse(name, args=[obj.pk])
            response = client.get(url)
            assert (response.status_code == 200) is visible(obj), (url, response)
            assert response.status_code in (200, 404), url
            pages[url] = response
    for url, response in pages.items():
        assert response.status_code in (200, 404), url
        me.assert_no_leak(response.content.decode(), url)
    # The home page's agenda does list the open meetings to come.
    coming = Meeting.objects.filter(
        is_public=True, body__is_public=True, starts_at__gte=timezone.now()
    ).order_by("starts_at")[0]
    home = pages["/"].content.decode()
    assert reverse("bodies:meeting", args=[coming.pk]) in home


def test_workspace_and_intranet(demo, email):
    """The workspace (/partners/overleg/): a body's, its meetings' and advice'
    pages only for those inside it; the partner and intranet dashboards and the
    intranet's advice overview show nothing else."""
    me, client = account(email), client_for(email)
    pages = {}
    for url in ("/partners/", "/partners/overleg/", "/intranet/", "/intranet/advies/"):
        pages[url] = client.get(url)
    assert (pages["/intranet/advies/"].status_code == 200) is me.sight.staff
    for model, name, body_id in (
        (Body, "partners:body_workspace", lambda body: body.pk),
        (Meeting, "partners:body_meeting", lambda meeting: meeting.body_id),
        (Advice, "partners:body_advice", lambda advice: advice.body_id),
    ):
        for obj in model.objects.all():
            url = reverse(name, args=[obj.pk])
            response = client.get(url)
            inside = me.sight.inside(body_id(obj))
            assert (response.status_code == 200) is inside, (url, response)
            pages[url] = response
    for url, response in pages.items():
        assert response.status_code in (200, 302, 403, 404), url
        me.assert_no_leak(response.content.decode(), url)


def test_api(demo, email):
    """/api/v1/bodies/, meetings/, advice/ and each advice's timeline: lists hold
    exactly what the account may see, a hidden detail answers 404, and no
    visible one carries a hidden part."""
    me, client = account(email), client_for(email)
    sight = me.sight
    bodies = list(Body.objects.all())
    meetings = list(Meeting.objects.select_related("body"))
    advice = list(Advice.objects.all())
    assert api_ids(client, "/api/v1/bodies/") == {b.pk for b in bodies if sight.body(b)}
    assert api_ids(client, "/api/v1/meetings/") == {
        m.pk for m in meetings if sight.meeting(m)
    }
    assert api_ids(client, "/api/v1/advice/") == {
        a.pk for a in advice if sight.advice(a)
    }
    answers = {}
    for path in ("/api/v1/bodies/", "/api/v1/meetings/", "/api/v1/advice/"):
        answers[path] = client.get(path, {"page_size": 200})
    for prefix, objects, visible in (
        ("bodies", bodies, sight.body),
        ("meetings", meetings, sight.meeting),
        ("advice", advice, sight.advice),
    ):
        for obj in objects:
            path = f"/api/v1/{prefix}/{obj.pk}/"
            response = client.get(path)
            assert response.status_code == (200 if visible(obj) else 404), path
            answers[path] = response
    for item in advice:
        path = f"/api/v1/advice/{item.pk}/timeline/"
        response = client.get(path)
        if sight.dossier(item):
            assert response.status_code == 200, path
        else:
            assert response.status_code in (401, 403, 404), path
            assert (response.status_code == 404) is not sight.advice(item), path
        answers[path] = response
    for path, response in answers.items():
        me.assert_no_leak(json_text(response.json()), path)


def test_calendar_feeds(demo, email):
    """The feed of every body the account may see holds exactly the meetings it
    may see; the personal feed (its address on the workspace page) those of the
    bodies it sits in."""
    me, client = account(email), client_for(email)
    feeds = {}
    for body in Body.objects.all():
        url = reverse("bodies:body_feed", args=[body.pk])
        response = client.get(url)
        assert response.status_code == (200 if me.sight.body(body) else 404), url
        if response.status_code == 200:
            feeds[url] = ical_text(response.content)
            expected = {m.pk for m in body.meetings.all() if me.sight.meeting(m)}
            uids = set(map(int, re.findall(r"UID:vergadering-(\d+)@", feeds[url])))
            assert uids == expected, url
    if email != ANONYMOUS:
        user = user_for(email)
        url = reverse("bodies:personal_feed", args=[personal_token(user)])
        workspace = client.get("/partners/overleg/")
        has_workspace = me.sight.staff or bool(me.sight.seats)
        assert (url in workspace.content.decode()) is has_workspace
        response = client.get(url)
        assert response.status_code == 200
        feeds[url] = ical_text(response.content)
        uids = set(map(int, re.findall(r"UID:vergadering-(\d+)@", feeds[url])))
        assert uids == set(
            Meeting.objects.filter(body_id__in=me.sight.seats).values_list(
                "pk", flat=True
            )
        )
    for url, text in feeds.items():
        me.assert_no_leak(text, url)


def test_yearly_report(demo, email):
    """A body's yearly report (PDF) is its workspace's: 404 to everyone else, and
    the reports one may open show nothing of another body."""
    me, client = account(email), client_for(email)
    year = timezone.localdate().year
    for body in Body.objects.all():
        url = reverse("intranet:body_year_report", args=[body.pk, year])
        if me.sight.staff and body.name != WORKING_GROUP:
            continue  # staff see every body whole; one report shows they get it
        response = client.get(url)
        inside = me.sight.inside(body.pk)
        if email == ANONYMOUS:
            assert response.status_code == 302, url
            continue
        assert response.status_code == (200 if inside else 404), url
        if inside:
            assert response["Content-Type"] == "application/pdf"
            me.assert_no_leak(pdf_text(response.content), url)


def queries(markers: Markers, limit: int = 2) -> list[str]:
    """What to search for: its most distinctive words, else its first sentence."""
    return list(markers.words[:limit]) or list(markers.sentences[:1])


def test_search(demo, email):
    """For each distinctive word of each hidden thing: /zoeken/, the search API
    and the suggestions show no hit of it and none of its words, and "did you
    mean" does not spell it out for a near miss."""
    me, client = account(email), client_for(email)
    hidden_pages = {
        address
        for markers in me.hidden
        for address in markers.addresses
        if address.startswith("/")
    }
    for markers in me.hidden:
        for word in queries(markers):
            label = f"{markers.secret.label}, q={word}"
            page = client.get("/zoeken/", {"q": word})
            assert page.status_code == 200, label
            html_text = page.content.decode()
            if word in markers.words:
                assert f"<mark>{word}</mark>" not in html_text.casefold(), label
            me.assert_no_leak(html_text, label, ignore=word)
            api = client.get("/api/v1/search/", {"q": word, "page_size": 50})
            assert api.status_code == 200, label
            data = api.json()
            for hit in data["results"]:
                path = hit["url"].removeprefix("http://testserver")
                assert path.split("#")[0] not in hidden_pages, label
                me.assert_no_leak(f"{hit['title']} {hit['snippet']}", label)
            assert sum(row["count"] for row in data["facets"]["kind"]) == data["count"]
            me.assert_no_leak(json_text(data["facets"]), label, ignore=word)
            suggest = client.get("/api/v1/search/suggest/", {"q": word})
            me.assert_no_leak(json_text(suggest.json()), label)
            if word in markers.words:
                near = client.get("/api/v1/search/", {"q": word[:-1] + "x"}).json()
                assert (near["did_you_mean"] or "").casefold() != word, label


def test_those_who_may_see_find_it(demo, email):
    """The other side: every secret the account may see is in its API detail and
    on its page, and search finds it by a word of its own."""
    me, client = account(email), client_for(email)
    public = account(ANONYMOUS)
    markers_of = {(m.secret.part, m.secret.obj.pk): m for m in public.hidden}
    for secret in me.seen:
        detail = client.get(secret.api)
        assert detail.status_code == 200, secret.label
        page = client.get(secret.page)
        assert page.status_code == 200, secret.label
        in_api = plain(json_text(detail.json()))
        in_page = plain(page.content.decode())
        notes = dossier_notes(secret.obj) if isinstance(secret.obj, Advice) else set()
        if notes:  # the API has the steps' notes on the advice's timeline
            timeline = client.get(f"{secret.api}timeline/")
            assert timeline.status_code == 200, secret.label
            in_api += " " + plain(json_text(timeline.json()))
        for text in secret.texts:
            assert plain(text) in in_page, (secret.label, text)
            assert plain(text) in in_api, (secret.label, text)
        query = queries(markers_of[(secret.part, secret.obj.pk)], limit=1)[0]
        hits = client.get("/api/v1/search/", {"q": query, "page_size": 50}).json()
        urls = {hit["url"].removeprefix("http://testserver") for hit in hits["results"]}
        assert secret.page in urls, (secret.label, query)
    if email != ANONYMOUS and me.sight.staff:
        assert len(me.seen) == len(public.hidden)


def dossier_notes(advice: Advice) -> set[str]:
    return set(_clean(*advice.events.values_list("note", flat=True)))
