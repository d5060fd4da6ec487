"""Content for the theme and browser tests: a framework text with every kind of block
and footnotes, a questions-and-answers text, and a policy plan with approvals and a
three-level goal tree. Original writing about a fictional town (Zonnebeke-aan-Zee)."""

import datetime
import json

from cms.models import GoalLevel, LifeDomain, PlanApproval, PlanStatus
from tests.factories import (
    FrameworkTextPageFactory,
    GoalFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    goal_status,
)


def heading(block_id, level, number, title, anchor=""):
    value = {"level": level, "number": number, "title": title, "anchor": anchor}
    return {"type": "heading", "id": block_id, "value": value}


def paragraph(block_id, html):
    return {"type": "paragraph", "id": block_id, "value": html}


def question(block_id, number, text, answer_html):
    value = {"number": number, "question": text, "answer": answer_html, "anchor": ""}
    return {"type": "question", "id": block_id, "value": value}


def footnote(label, html):
    return {"type": "footnote", "value": {"label": label, "text": html}}


FRAMEWORK_BODY = [
    heading("b-h1", "2", "1", "Situering"),
    paragraph(
        "b-p1",
        "<p>Deze kadertekst beschrijft hoe de gemeente, het OCMW en de derde "
        "partners samen het lokaal welzijnsbeleid voeren[^1]. Ze vertrekt vanuit "
        "de sociale grondrechten[^2].</p>",
    ),
    heading("b-h2", "3", "1.1", "Aanleidingen"),
    paragraph(
        "b-p2",
        "<p>Het welzijnsbeleid raakt aan wonen, werken en leren[^1]. Een merkteken "
        "zonder voetnoot, zoals [^9], blijft gewone tekst. "
        '<a href="https://example.org/[^2]">Een link met [^2] erin</a>.</p>',
    ),
    {
        "type": "table",
        "id": "b-t1",
        "value": {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Overleg per jaar",
            "data": [
                ["Overleg", "Hoe vaak"],
                ["Welzijnsforum", "twee keer per jaar"],
                ["Nieuwsbrief[^2]", "vier keer per jaar"],
            ],
        },
    },
    heading("b-h3", "3", "1.2", "Rol van de lokale overheid"),
    {
        "type": "quote",
        "id": "b-q1",
        "value": {
            "text": "Welzijn laat zich niet opsluiten in één domein.",
            "attribution": "Welzijnsraad Zonnebeke-aan-Zee",
        },
    },
    heading("b-h4", "4", "1.2.1", "Regie"),
    paragraph("b-p3", "<p>De gemeente neemt de regie op; de partners voeren uit.</p>"),
    heading("b-h5", "2", "2", "Werkwijze <en> afspraken"),
    paragraph("b-p4", "<p>Twee keer per jaar komt het forum samen[^3].</p>"),
    {
        "type": "sources",
        "id": "b-s1",
        "value": {
            "title": "Bronnen",
            "items": [
                "<p>Decreet lokaal sociaal beleid (2013).</p>",
                "<p>Evaluatie van het welzijnsforum (2024).</p>",
            ],
        },
    },
]

FRAMEWORK_FOOTNOTES = [
    footnote(
        "1", "<p>Welzijnsbeleid: lokaal sociaal beleid en armoedebestrijding.</p>"
    ),
    footnote("2", "<p>Artikel 23 van de Grondwet.</p>"),
    footnote("3", "<p>Het forum is open voor alle partners.</p>"),
]

QUESTIONS_BODY = [
    heading("q-h1", "2", "1", "Samenwerking"),
    question(
        "q-q1",
        "1.1",
        "Wie neemt de regie op?",
        "<p>De gemeente, samen met de zorgraad.</p>",
    ),
    question(
        "q-q2",
        "1.2",
        "Hoe vaak komen we samen?",
        "<p>Twee keer per jaar[^1].</p>",
    ),
]


def framework_text(parent, **kwargs):
    """A framework text with headings on three levels, footnotes (one mark used twice,
    one without a note), a table, a quote and a sources list."""
    owner = OrganisationFactory(name="Gemeente Zonnebeke-aan-Zee")
    defaults = {
        "title": "Kadertekst lokaal welzijnsbeleid 2026-2031",
        "slug": "kadertekst-2026",
        "summary": "Hoe gemeente, OCMW en partners samen het welzijnsbeleid voeren.",
        "owner_organisation": owner,
        "valid_from": datetime.date(2026, 1, 1),
        "valid_until": datetime.date(2031, 12, 31),
        "published_on": datetime.date(2025, 11, 20),
        "version_label": "2025",
        "body": json.dumps(FRAMEWORK_BODY),
        "footnotes": json.dumps(FRAMEWORK_FOOTNOTES),
    }
    defaults.update(kwargs)
    defaults.setdefault(
        "life_domains", list(LifeDomain.objects.filter(slug__in=["wonen", "werken"]))
    )
    return FrameworkTextPageFactory(parent=parent, **defaults)


def questions_text(parent, **kwargs):
    defaults = {
        "title": "Afsprakenkader met de zorgraad",
        "slug": "afsprakenkader",
        "style": "questions_and_answers",
        "body": json.dumps(QUESTIONS_BODY),
        "footnotes": json.dumps([footnote("1", "<p>In maart en oktober.</p>")]),
    }
    defaults.update(kwargs)
    return FrameworkTextPageFactory(parent=parent, **defaults)


def policy_plan(parent, **kwargs):
    """A plan with two approvals and a goal tree of three levels:

    SD 1 Wonen (lopend)                 life domain wonen
      TD 1.1 (gerealiseerd, 100)        wonen
        OD 1.1.1 (vertraagd, 30)        wonen
      TD 1.2 (gepland)                  leren
    SD 2 Werken (niet gestart)          werken
      TD 2.1 (vertraagd, 40)            werken
    """
    town = OrganisationFactory(name="Gemeente Zonnebeke-aan-Zee")
    ocmw = OrganisationFactory(name="OCMW Zonnebeke-aan-Zee")
    defaults = {
        "title": "Meerjarenplan sociaal beleid 2026-2031",
        "slug": "meerjarenplan-2026",
        "summary": "Wat gemeente en OCMW tot 2031 willen bereiken.",
        "owner_organisation": town,
        "status": PlanStatus.RUNNING,
        "timing_terms": "korte termijn = 2026-2027, lange termijn = 2028-2031",
        "mission": "<p>Iedereen in Zonnebeke-aan-Zee krijgt toegang tot zijn "
        "sociale grondrechten[^1].</p>",
        "vision": "<p>We werken samen met de partners, dicht bij de inwoner.</p>",
        "body": json.dumps(
            [
                heading("p-h1", "2", "1", "Omgevingsanalyse"),
                paragraph("p-p1", "<p>De bevolking vergrijst.</p>"),
                heading("p-h2", "3", "1.1", "Wonen"),
                paragraph("p-p2", "<p>Betaalbaar wonen blijft moeilijk.</p>"),
            ]
        ),
        "footnotes": json.dumps([footnote("1", "<p>Artikel 23 Grondwet.</p>")]),
    }
    defaults.update(kwargs)
    defaults.setdefault("governing_bodies", [town, ocmw])
    plan = PolicyPlanPageFactory(parent=parent, **defaults)
    PlanApproval.objects.create(
        page=plan,
        body="Gemeenteraad",
        date=datetime.date(2025, 12, 15),
        reference="GR/2025/123",
    )
    PlanApproval.objects.create(
        page=plan,
        body="Raad voor maatschappelijk welzijn",
        date=datetime.date(2025, 12, 16),
        reference="RMW/2025/45",
    )
    domains = {term.slug: term for term in LifeDomain.objects.all()}

    def goal(code, title, level, parent=None, status=None, progress=None, domain=""):
        created = GoalFactory(
            plan=plan,
            parent=parent,
            level=level,
            code=code,
            title=title,
            status=goal_status(status) if status else None,
            progress=progress,
            owners="Sociale dienst + Woonwinkel",
            timing_term="short",
        )
        if domain:
            created.life_domains.set([domains[domain]])
        return created

    sd1 = goal(
        "SD 1",
        "Iedereen woont betaalbaar",
        GoalLevel.STRATEGIC,
        None,
        "lopend",
        None,
        "wonen",
    )
    td11 = goal(
        "TD 1.1",
        "Meer sociale huurwoningen",
        GoalLevel.TACTICAL,
        sd1,
        "gerealiseerd",
        100,
        "wonen",
    )
    goal(
        "OD 1.1.1",
        "Een huurpremie voor wie op de wachtlijst staat",
        GoalLevel.OPERATIONAL,
        td11,
        "vertraagd",
        30,
        "wonen",
    )
    goal(
        "TD 1.2",
        "Woonbegeleiding voor jongeren",
        GoalLevel.TACTICAL,
        sd1,
        "gepland",
        None,
        "leren",
    )
    sd2 = goal(
        "SD 2",
        "Meer mensen aan het werk",
        GoalLevel.STRATEGIC,
        None,
        "niet-gestart",
        None,
        "werken",
    )
    goal(
        "TD 2.1",
        "Trajecten naar werk met de partners",
        GoalLevel.TACTICAL,
        sd2,
        "vertraagd",
        40,
        "werken",
    )
    return plan
