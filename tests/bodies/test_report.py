"""The yearly report of a body: the figures computed from its meetings, attendance,
advice and the town's answers; the draft page with what may become public; the
tagged PDF for the workspace only; the advising bodies without advice in a year."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceState,
    Attendance,
    BodyYearReportPage,
    Recommendation,
)
from cms.bodies.report import create_year_report_draft, year_report
from cms.bodies.selectors import advising_bodies_without_advice
from cms.bodies.services import (
    advice_answer,
    advice_create_own_initiative,
    advice_request,
    advice_transition,
)
from cms.bodies.terms import BRUSSELS
from portal.access import Audience
from portal.access.roles import EDITORS_GROUP
from tests.factories import (
    AdviceFactory,
    BodyFactory,
    BodyMemberFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

A = AdviceState
day = datetime.date
MADE_ON = datetime.datetime(2027, 1, 15, 10, 0, tzinfo=BRUSSELS)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BRUSSELS)


class Year:
    """Body "Werkgroep Welzijn & Samenleven" in 2026, with the figures worked out
    by hand in the comments."""

    def __init__(self, body):
        self.body = body
        self.town = StaffFactory(first_name="Stad", last_name="Medewerker")
        bridge = OrganisationFactory(name="De Brugwachter vzw")
        housing = OrganisationFactory(name="Woonmaatschappij Wilgenland")

        def seat(first, last, organisation, role="member", **period):
            user = UserFactory(first_name=first, last_name=last)
            BodyMemberFactory(
                body=body, user=user, organisation=organisation, role=role, **period
            )
            return user

        self.chair = seat("Chris", "Voorzitter", bridge, role="chair")
        self.member = seat("Mia", "Lid", bridge)
        self.newcomer = seat("Nora", "Nieuw", housing, start_date=day(2026, 6, 1))
        self.former = seat("Frans", "Vroeger", None, end_date=day(2026, 3, 31))

        def meeting(moment, *, public, present=(), excused=(), absent=()):
            m = MeetingFactory(
                body=body, starts_at=moment, ends_at=None, is_public=public
            )
            for status, people in (
                ("present", present),
                ("excused", excused),
                ("absent", absent),
            ):
                for user in people:
                    Attendance.objects.create(
                        meeting=m,
                        member=body.members.get(user=user),
                        status=status,
                    )
            return m

        # Not in 2026: the evening before (Brussels), the night after, another body.
        meeting(at(2025, 12, 31, 23, 30), public=True, present=[self.chair])
        meeting(at(2027, 1, 1, 0, 30), public=True, present=[self.chair])
        MeetingFactory(body=BodyFactory(), starts_at=at(2026, 5, 5, 19, 0))
        # 2026: four meetings, two public.
        meeting(
            at(2026, 2, 10, 19, 30),
            public=True,
            present=[self.chair, self.former],
            absent=[self.member],
        )
        meeting(
            at(2026, 5, 12, 19, 30), public=False, present=[self.chair, self.member]
        )
        meeting(
            at(2026, 9, 15, 19, 30),
            public=True,
            present=[self.member, self.newcomer],
            excused=[self.chair],
        )
        # The member's attendance at the last one was never recorded.
        meeting(
            at(2026, 12, 31, 20, 0),
            public=False,
            present=[self.chair],
            absent=[self.newcomer],
        )

        # Advice.
        self.on_time = self.request(
            "Toegankelijk sociaal huis",
            asked=at(2026, 1, 10, 9, 0),
            submitted=at(2026, 2, 5, 12, 0),  # due 9 February
            answers=[
                ("taken_over", ""),
                ("partly", "Budget pas in 2027."),
                ("not_taken_over", "Valt onder de Vlaamse bevoegdheid."),
            ],
            answered=at(2026, 3, 1, 12, 0),  # due 7 March
        )
        self.on_time.published = True
        self.on_time.save()
        self.late = self.request(
            "Dringend: winteropvang",
            asked=at(2026, 3, 1, 9, 0),
            urgent=True,  # due 15 March
            submitted=at(2026, 3, 20, 12, 0),  # town due 19 April, no answer
        )
        self.overdue = self.request(
            "Wachtlijsten kinderopvang", asked=at(2026, 11, 20, 9, 0)
        )  # due 20 December, never taken up
        with time_machine.travel(at(2026, 4, 1, 10, 0), tick=False):
            self.own = advice_create_own_initiative(
                body=body, by=self.chair, title="Eigen initiatief: mobiliteit"
            )
        self.withdrawn = self.request("Ingetrokken vraag", asked=at(2026, 2, 1, 9, 0))
        with time_machine.travel(at(2026, 2, 3, 9, 0), tick=False):
            advice_transition(
                advice=self.withdrawn, to=A.WITHDRAWN, by=self.town, note="Vervalt."
            )
        self.from_last_year = self.request(
            "Vraag van vorig jaar",
            asked=at(2025, 12, 1, 9, 0),  # due 31 December 2025
            submitted=at(2026, 1, 5, 12, 0),  # town due 4 February, no answer
        )
        # All of it in 2025: not in the report.
        self.request(
            "Helemaal 2025",
            asked=at(2025, 3, 1, 9, 0),
            submitted=at(2025, 3, 20, 9, 0),
            answers=[("taken_over", "")],
            answered=at(2025, 4, 1, 9, 0),
        )

    def request(
        self,
        title,
        *,
        asked,
        urgent=False,
        submitted=None,
        answers=(),
        answered=None,
    ) -> Advice:
        with time_machine.travel(asked, tick=False):
            advice = advice_request(
                body=self.body,
                by=self.town,
                title=title,
                asked_on=asked.date(),
                urgent=urgent,
            )
        if submitted is None:
            return advice
        with time_machine.travel(submitted, tick=False):
            advice_transition(advice=advice, to=A.IN_PREPARATION, by=self.chair)
            for number in range(1, max(len(answers), 1) + 1):
                Recommendation.objects.create(
                    advice=advice, number=number, text=f"Aanbeveling {number}"
                )
            advice_transition(advice=advice, to=A.ADOPTED, by=self.chair)
            advice_transition(advice=advice, to=A.SUBMITTED, by=self.chair)
        if answered is not None:
            with time_machine.travel(answered, tick=False):
                for recommendation, (answer, reason) in zip(
                    advice.recommendations.all(), answers, strict=True
                ):
                    advice_answer(
                        recommendation=recommendation,
                        by=self.town,
                        answer=answer,
                        reason=reason,
                    )
                advice_transition(advice=advice, to=A.ANSWERED, by=self.town)
        advice.refresh_from_db()
        return advice


@pytest.fixture
def year(body):
    return Year(body)


@pytest.fixture
def report(year):
    return year_report(year.body, 2026, today=MADE_ON.date())


# The figures --------------------------------------------------------------------------


def test_meetings_of_the_calendar_year_in_brussels(report):
    assert [line.starts_at.date() for line in report.meetings] == [
        day(2026, 2, 10),
        day(2026, 5, 12),
        day(2026, 9, 15),
        day(2026, 12, 31),
    ]
    assert report.counts["meetings"] == 4
    assert report.counts["public_meetings"] == 2
    assert [line.present for line in report.meetings] == [2, 2, 2, 1]


def test_attendance_per_member_over_the_meetings_of_their_seat(report):
    lines = {
        line.name: (line.meetings, line.present, line.excused, line.absent)
        for line in report.attendance
    }
    assert lines == {
        "Chris Voorzitter": (4, 3, 1, 0),
        "Mia Lid": (4, 2, 0, 1),  # the last meeting unrecorded: not present
        "Nora Nieuw": (2, 1, 0, 1),  # seated from June
        "Frans Vroeger": (1, 1, 0, 0),  # seated until March
    }
    rates = {line.name: line.rate_label for line in report.attendance}
    assert rates == {
        "Chris Voorzitter": "75%",
        "Mia Lid": "50%",
        "Nora Nieuw": "50%",
        "Frans Vroeger": "100%",
    }


def test_attendance_per_organisation(report):
    assert [
        (line.name, line.meetings, line.represented, line.rate_label)
        for line in report.organisations
    ] == [
        ("De Brugwachter vzw", 4, 4, "100%"),
        ("Woonmaatschappij Wilgenland", 2, 1, "50%"),
        ("op persoonlijke titel", 1, 1, "100%"),
    ]


def test_advice_of_the_year_and_how_each_term_was_kept(report, year):
    judged = {
        line.advice.title: (line.body_term, line.town_term) for line in report.advice
    }
    assert judged == {
        "Vraag van vorig jaar": ("late", "overdue"),  # submitted in 2026
        "Toegankelijk sociaal huis": ("on_time", "on_time"),
        "Ingetrokken vraag": ("no_term", "no_term"),
        "Dringend: winteropvang": ("late", "overdue"),
        "Eigen initiatief: mobiliteit": ("no_term", "no_term"),
        "Wachtlijsten kinderopvang": ("overdue", "no_term"),
    }
    line = next(li for li in report.advice if li.advice == year.late)
    assert (line.due_date, line.submitted_on, line.town_due_date) == (
        day(2026, 3, 15),
        day(2026, 3, 20),
        day(2026, 4, 19),
    )
    c = report.counts
    assert (c["advice"], c["requests"], c["own_initiative"], c["urgent"]) == (
        6,
        5,
        1,
        1,
    )
    assert (c["body_on_time"], c["body_late"], c["body_overdue"]) == (1, 2, 1)
    assert dict(c["states"]) == {
        "gevraagd": 1,
        "in voorbereiding": 1,
        "bezorgd aan het bestuur": 2,
        "beantwoord": 1,
        "ingetrokken": 1,
    }


def test_the_towns_answers_per_recommendation(report, year):
    c = report.counts
    assert c["submitted"] == 3
    assert (c["taken_over"], c["partly"], c["not_taken_over"], c["unanswered"]) == (
        1,
        1,
        1,
        2,
    )
    assert (c["town_on_time"], c["town_late"], c["town_overdue"]) == (1, 0, 2)
    line = next(li for li in report.advice if li.advice == year.on_time)
    assert line.answered_on == day(2026, 3, 1)
    assert [(r.number, r.answer_label, r.reason) for r in line.recommendations] == [
        (1, "overgenomen", ""),
        (2, "gedeeltelijk overgenomen", "Budget pas in 2027."),
        (3, "niet overgenomen", "Valt onder de Vlaamse bevoegdheid."),
    ]


def test_a_term_still_open_is_judged_on_the_day_the_report_is_made(year):
    early = year_report(year.body, 2026, today=day(2026, 12, 1))
    line = next(li for li in early.advice if li.advice == year.overdue)
    assert line.body_term == "running"
    assert early.counts["body_running"] == 1


# The draft page -----------------------------------------------------------------------


@pytest.fixture
def editor(db):
    user = StaffFactory()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def _stream_text(page) -> str:
    parts = []
    for block in page.report:
        if block.block_type == "table":
            parts += [" | ".join(row) for row in block.value["data"]]
            parts.append(block.value["table_caption"])
        elif block.block_type == "heading":
            parts.append(block.value["title"])
        else:
            parts.append(str(block.value.source))
    return "\n".join(parts)


def test_the_draft_page_is_unpublished_with_the_public_figures(year, editor, home):
    with time_machine.travel(MADE_ON, tick=False):
        page = create_year_report_draft(body=year.body, year=2026, by=editor)
    page.refresh_from_db()
    assert not page.live
    assert page.has_unpublished_changes
    assert page.owner == editor
    assert page.title == "Jaarverslag 2026 Werkgroep Welzijn & Samenleven"
    assert (page.body, page.year, page.audience) == (year.body, 2026, Audience.PUBLIC)
    section = page.get_parent().specific
    assert (section.slug, section.live) == ("jaarverslagen", False)
    text = _stream_text(page)
    assert "vergaderde in 2026 4 keer, waarvan 2 keer openbaar" in text
    assert "Openbare vergadering op 10/02/2026" in text
    assert "Openbare vergadering op 15/09/2026" in text
    assert "12/05/2026" not in text  # a closed meeting
    assert "De Brugwachter vzw | 4 | 4 | 100%" in text
    assert "Woonmaatschappij Wilgenland | 2 | 1 | 50%" in text
    assert "6 adviezen: 5 op vraag van het bestuur en 1 op eigen initiatief" in text
    assert "1 op tijd en 2 te laat; bij 1 is de termijn verstreken" in text
    assert "nam het er 1 over, 1 gedeeltelijk en 1 niet; 2 wachten" in text
    assert "Toegankelijk sociaal huis" in text  # published
    # Nothing that may not become public: unpublished advice, people's names.
    for hidden in ("Dringend: winteropvang", "Wachtlijsten", "Voorzitter", "Mia"):
        assert hidden not in text
    # The editor's part is left to the editor.
    assert page.intro == ""


def test_the_draft_is_made_once(year, editor, home):
    with time_machine.travel(MADE_ON, tick=False):
        first = create_year_report_draft(body=year.body, year=2026, by=editor)
        first.intro = "<p>Een woord vooraf.</p>"
        first.save_revision(user=editor)
        first.save()
        again = create_year_report_draft(body=year.body, year=2026, by=editor)
    assert again.pk == first.pk
    assert BodyYearReportPage.objects.filter(body=year.body).count() == 1
    again.refresh_from_db()
    assert again.intro == "<p>Een woord vooraf.</p>"


def test_a_closed_bodys_draft_is_for_staff(body, editor, home):
    body.is_public = False
    body.save()
    with time_machine.travel(MADE_ON, tick=False):
        page = create_year_report_draft(body=body, year=2026, by=editor)
    assert page.audience == Audience.STAFF


def test_only_who_may_add_pages_makes_a_draft(body, home):
    with (
        time_machine.travel(MADE_ON, tick=False),
        pytest.raises(PermissionDenied),
    ):
        create_year_report_draft(body=body, year=2026, by=StaffFactory())
    assert not BodyYearReportPage.objects.exists()


def test_the_published_report_page_shows_the_figures(year, editor, home):
    with time_machine.travel(MADE_ON, tick=False):
        page = create_year_report_draft(body=year.body, year=2026, by=editor)
    page.get_parent().specific.save_revision().publish()
    page.save_revision().publish()
    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Jaarverslag 2026 Werkgroep Welzijn &amp; Samenleven</h1>" in html
    assert '<th scope="row"' in html  # the organisations table has row headers
    assert "Woonmaatschappij Wilgenland" in html


# The PDF ------------------------------------------------------------------------------


def _pdf_url(body, year=2026):
    return reverse("intranet:body_year_report", args=[body.pk, year])


def _get(user, url):
    client = Client()
    with time_machine.travel(MADE_ON, tick=False):  # signed in on the day too
        if user is not None:
            client.force_login(user)
        return client.get(url)


def test_the_pdf_is_tagged_dutch_and_holds_the_figures(year):
    response = _get(year.town, _pdf_url(year.body))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="jaarverslag-2026-werkgroep-welzijn-samenleven.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Jaarverslag 2026 Werkgroep Welzijn & Samenleven" in text
    assert "In 2026: 4 vergaderingen, waarvan 2 openbaar." in text
    assert "Chris Voorzitter De Brugwachter vzw voorzitter of trekker 4 3 1 0 75%" in (
        text
    )
    assert "Woonmaatschappij Wilgenland 2 1 50%" in text
    assert "Dringend: winteropvang" in text  # the workspace sees every advice
    assert "Valt onder de Vlaamse bevoegdheid." in text
    assert "1 op tijd, 2 te laat, 1 verstreken zonder advies" in text
    assert "Helemaal 2025" not in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "nl"
    assert reader.metadata.title == "Jaarverslag 2026 Werkgroep Welzijn & Samenleven"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("citizen", 404),
        ("other_partner", 404),
        ("former member", 404),
        ("observer", 200),
        ("chair", 200),
        ("civil_servant", 200),
    ],
)
def test_the_pdf_is_for_the_workspace_only(request, body, who, status):
    if who == "anonymous":
        user = None
    elif who == "former member":
        user = BodyMemberFactory(body=body, end_date=day(2026, 12, 31)).user
    else:
        user = request.getfixturevalue(who)
    response = _get(user, _pdf_url(body))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("year", [1899, 2028])
def test_a_year_out_of_range_or_an_unknown_body_is_404(body, civil_servant, year):
    assert _get(civil_servant, _pdf_url(body, year)).status_code == 404
    missing = reverse("intranet:body_year_report", args=[body.pk + 1000, 2026])
    assert _get(civil_servant, missing).status_code == 404


# The admin ----------------------------------------------------------------------------


def test_the_admin_makes_the_draft_and_opens_it(body, home):
    client = Client()
    url = reverse("bodies_year_report", args=[body.pk])
    with time_machine.travel(MADE_ON, tick=False):
        client.force_login(StaffFactory(is_superuser=True))
        listing = client.get(reverse("wagtailsnippets_bodies_body:list"))
        form = client.get(url)
        response = client.post(url, {"year": "2026", "action": "draft"})
        pdf = client.post(url, {"year": "2026", "action": "pdf"})
        future = client.post(url, {"year": "2030", "action": "draft"})
    assert url in listing.content.decode()
    assert form.status_code == 200
    page = BodyYearReportPage.objects.get(body=body, year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert pdf["Location"] == _pdf_url(body)
    assert future.status_code == 200
    assert "Kies een jaar tussen 1900 en 2027." in future.content.decode()


# Bodies without advice ----------------------------------------------------------------


def test_advising_bodies_without_advice_in_a_year(db):
    def advising(name, **kwargs):
        return BodyFactory(name=name, gives_advice=True, **kwargs)

    asked = advising("Gevraagd in 2026")
    AdviceFactory(body=asked, asked_on=day(2026, 6, 1))
    own = advising("Eigen initiatief eind 2026")
    with time_machine.travel(at(2026, 12, 31, 23, 30), tick=False):  # 22:30 UTC
        AdviceFactory(body=own, kind="own_initiative", asked_on=None)
    next_year = advising("Eigen initiatief 1 januari 2027")
    with time_machine.travel(at(2027, 1, 1, 0, 30), tick=False):  # 2026 in UTC
        AdviceFactory(body=next_year, kind="own_initiative", asked_on=None)
    last_year = advising("Enkel in 2025")
    with time_machine.travel(at(2025, 12, 31, 12, 0), tick=False):
        AdviceFactory(body=last_year, asked_on=day(2025, 12, 31))
    submitted = advising("Gevraagd in 2025, bezorgd in 2026")
    late = AdviceFactory(body=submitted, asked_on=day(2025, 12, 1), state="submitted")
    with time_machine.travel(at(2026, 1, 10, 10, 0), tick=False):
        AdviceEvent.objects.create(
            advice=late, from_state="adopted", to_state="submitted"
        )
    withdrawn = advising("Enkel ingetrokken")
    AdviceFactory(body=withdrawn, asked_on=day(2026, 3, 1), state="withdrawn")
    silent = advising("Nooit gevraagd")
    BodyFactory(name="Geeft geen advies", gives_advice=False)

    assert {b.name for b in advising_bodies_without_advice(2026)} == {
        next_year.name,
        last_year.name,
        withdrawn.name,
        silent.name,
    }
    assert asked not in advising_bodies_without_advice(2026)
    assert submitted not in advising_bodies_without_advice(2026)
    assert own not in advising_bodies_without_advice(2026)
