"""The Markdown and goal-tree CSV importers, on small synthetic files."""

import csv
import datetime
import io
import re
import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from cms.importers import (
    ImportInputError,
    export_goals,
    import_directory,
    import_document,
    import_goals,
)
from cms.models import (
    FrameworkTextPage,
    Goal,
    GoalLevel,
    PlanKind,
    PlanStatus,
    PolicyPlanPage,
    TextStyle,
)
from portal.models import Organisation
from tests.factories import (
    FrameworkTextPageFactory,
    GoalFactory,
    IndexPageFactory,
    PolicyPlanPageFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def framework_text(folder, body: str = "Tekst.\n", name="tekst.md", **meta):
    """A framework text file: front matter from `meta` (YAML lines), then `body`."""
    front = {"kind": "framework_text", "title": "Kadertekst Zonnedorp", **meta}
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    path = folder / name
    path.write_text(f"---\n{lines}---\n\n{textwrap.dedent(body)}", encoding="utf-8")
    return path


def blocks(page, block_type=None):
    return [
        (block.block_type, block.value)
        for block in page.body
        if block_type is None or block.block_type == block_type
    ]


def headings(page):
    return [
        (value["level"], value["number"], value["title"])
        for _, value in blocks(page, "heading")
    ]


def paragraph_html(page) -> str:
    return "".join(value.source for _, value in blocks(page, "paragraph"))


GOALS_CSV = (
    "\n".join(
        [
            "code,parent,level,domain,title,owner,timing,description",
            "ZD SD 1 TD 1,ZD SD 1,tactical,Arbeid En Sociale Zekerheid,Een jobbeurs,"
            "OCMW,korte termijn,",
            "ZD SD 1,,strategic,Arbeid En Sociale Zekerheid,Iedereen aan het werk,"
            'Gemeente + OCMW,lange termijn,"Twee\nregels"',
            "ZD SD 1 TD 2,ZD SD 1,tactical,Arbeid En Sociale Zekerheid,Een werkwinkel,"
            "Werkwinkel,korte/lange termijn,",
            "ZD SD 2,,strategic,Sectoroverschrijdend,Een gecoördineerd beleid,"
            "Beleidsmedewerker,,",
            "ZD SD 2 TD 1 OD 1,ZD SD 2 TD 1,operational,Sectoroverschrijdend,"
            "Een overleg,Sociale dienst,Lange termijn,",
            "ZD SD 2 TD 1,ZD SD 2,tactical,Sectoroverschrijdend,Samen plannen,"
            "Secretaris,,",
        ]
    )
    + "\n"
)


# Front matter -------------------------------------------------------------------


def test_framework_text_front_matter_fills_the_page(home, tmp_path):
    path = framework_text(
        tmp_path,
        owner="Gemeente Zonnedorp",
        valid_from="2026-01-01",
        valid_until="2031-12-31",
        version='"2026"',
        published="2025-11-20",
        summary="Hoe we samenwerken.",
        life_domains="[WONEN, werken, zorg-en-gezondheid, leisure, Ruimtevaart]",
    )

    result = import_document(path)

    page = result.page
    assert isinstance(page, FrameworkTextPage)
    assert result.created and result.changed
    assert page.live
    assert page.get_parent().slug == "kaderteksten"
    assert page.slug == "kadertekst-zonnedorp"
    assert page.owner_organisation.name == "Gemeente Zonnedorp"
    assert page.valid_from == datetime.date(2026, 1, 1)
    assert page.valid_until == datetime.date(2031, 12, 31)
    assert page.version_label == "2026"
    assert page.published_on == datetime.date(2025, 11, 20)
    assert page.summary == "Hoe we samenwerken."
    assert page.style == TextStyle.SECTIONS
    # matched on name (any case), slug and alias; the unknown one is reported
    assert sorted(domain.slug for domain in page.life_domains.all()) == [
        "vrije-tijd",
        "werken",
        "wonen",
        "zorg-en-gezondheid",
    ]
    assert any("Ruimtevaart" in message for message in result.messages)


def test_owner_organisation_is_reused_ignoring_case(home, tmp_path):
    Organisation.objects.create(name="Gemeente Zonnedorp", slug="gemeente-zonnedorp")
    result = import_document(framework_text(tmp_path, owner="gemeente zonnedorp"))
    assert result.page.owner_organisation.slug == "gemeente-zonnedorp"
    assert Organisation.objects.count() == 1


def test_policy_plan_front_matter_and_its_goals_file(home, tmp_path):
    write(tmp_path, "doelen.csv", GOALS_CSV)
    path = write(
        tmp_path,
        "plan.md",
        """
        ---
        kind: policy_plan
        title: Meerjarenplan Zonnedorp 2026-2031
        owner: Gemeente en OCMW Zonnedorp
        plan_kind: local_social_policy_plan
        start_year: 2026
        end_year: 2031
        status: running
        governing_bodies:
          - Gemeente Zonnedorp
          - OCMW Zonnedorp
        level_labels:
          - Beleidsdoelstelling
          - Actieplan
        timing_terms: "korte termijn = 2026-2027, lange termijn = 2028-2031"
        life_domains: [wonen]
        goals: doelen.csv
        ---

        ## 1. Missie

        Samen voor iedereen.
        """,
    )

    result = import_document(path)

    plan = result.page
    assert isinstance(plan, PolicyPlanPage)
    assert plan.get_parent().slug == "beleidsplannen"
    assert plan.plan_kind == PlanKind.LOCAL_SOCIAL_POLICY
    assert (plan.start_year, plan.end_year) == (2026, 2031)
    assert plan.status == PlanStatus.RUNNING
    assert plan.owner_organisation.name == "Gemeente en OCMW Zonnedorp"
    assert sorted(org.name for org in plan.governing_bodies.all()) == [
        "Gemeente Zonnedorp",
        "OCMW Zonnedorp",
    ]
    assert plan.strategic_label == "Beleidsdoelstelling"
    assert plan.tactical_label == "Actieplan"
    assert plan.operational_label == "Operationele doelstelling"  # the default
    assert plan.timing_terms.startswith("korte termijn = 2026-2027")
    assert [domain.slug for domain in plan.life_domains.all()] == ["wonen"]
    assert headings(plan) == [("2", "1", "Missie")]
    assert plan.goals.count() == 6
    assert result.goals.created == 6
    assert "Goals: 6 created, 0 updated, 0 unchanged." in result.messages


# Body -----------------------------------------------------------------------------


def test_headings_keep_their_level_but_never_skip_one(home, tmp_path):
    body = """
    #### 1. Eerste kop, te diep geschreven

    ## 2 Hoofdstuk

    #### 2.1. Sprong van twee niveaus

    #### 2.1.1 Daarna mag het wel

    ### 3.4 Paragraaf zonder punt

    ## Bijlage zonder nummer

    ### 1.2. Met een voetnoot in de titel[^1]

    [^1]: De voetnoot.
    """
    page = import_document(framework_text(tmp_path, body)).page
    assert headings(page) == [
        ("2", "1", "Eerste kop, te diep geschreven"),
        ("2", "2", "Hoofdstuk"),
        ("3", "2.1", "Sprong van twee niveaus"),
        ("4", "2.1.1", "Daarna mag het wel"),
        ("3", "3.4", "Paragraaf zonder punt"),
        ("2", "", "Bijlage zonder nummer"),
        ("3", "1.2", "Met een voetnoot in de titel[^1]"),
    ]


INFERRED_BODY = """
## 1. Inleiding

Tekst.

### 2. Wonen, een niveau te diep geschreven

WOONBELEID

Tekst over huren.

2.1 Huurpremie

Tekst over de premie.

ARBEID EN SOCIALE ZEKERHEID

Een opsomming:

1. Eerste punt

2. Tweede punt

3. Derde punt

28 september 2006 werd het rapport voorgesteld

- OCMW
"""


def test_capitals_and_numbered_lines_become_headings_at_their_numbers_level(
    home, tmp_path
):
    result = import_document(framework_text(tmp_path, INFERRED_BODY))

    assert headings(result.page) == [
        ("2", "1", "Inleiding"),
        ("2", "2", "Wonen, een niveau te diep geschreven"),
        ("3", "", "WOONBELEID"),
        ("3", "2.1", "Huurpremie"),
        ("4", "", "ARBEID EN SOCIALE ZEKERHEID"),
    ]
    assert "Derde punt" in paragraph_html(result.page)
    assert "28 september 2006" in paragraph_html(result.page)
    assert (
        "Heading '2. Wonen, een niveau te diep geschreven' moved from level 3 to 2 "
        "(its number continues the numbering)." in result.messages
    )
    assert "'WOONBELEID' became a heading of level 3 (a line in capitals)." in (
        result.messages
    )
    assert (
        "'2.1 Huurpremie' became a heading of level 3 (a numbered line that "
        "continues the numbering)." in result.messages
    )


def test_front_matter_turns_the_heading_rule_off(home, tmp_path):
    path = framework_text(tmp_path, INFERRED_BODY, infer_headings="false")

    result = import_document(path)

    assert headings(result.page) == [
        ("2", "1", "Inleiding"),
        ("3", "2", "Wonen, een niveau te diep geschreven"),
    ]
    assert "WOONBELEID" in paragraph_html(result.page)
    assert not any("heading" in message for message in result.messages)


def test_a_bad_heading_switch_stops_the_import(home, tmp_path):
    with pytest.raises(ImportInputError, match="infer_headings 'soms'"):
        import_document(framework_text(tmp_path, INFERRED_BODY, infer_headings="soms"))


def test_the_questions_of_a_question_text_stay_questions(home, tmp_path):
    body = """
    ## 1 Afspraken

    VRAGEN OVER WONEN

    #### 1. Wie doet wat?

    Het OCMW.

    ### 2. Tweede deel
    """
    path = framework_text(tmp_path, body, style="questions_and_answers")

    page = import_document(path).page

    assert [value["question"] for _, value in blocks(page, "question")] == [
        "Wie doet wat?"
    ]
    assert headings(page) == [
        ("2", "1", "Afspraken"),
        ("3", "", "VRAGEN OVER WONEN"),
        ("2", "2", "Tweede deel"),
    ]


def test_paragraphs_and_lists_become_storage_rich_text(home, tmp_path):
    body = """
    ## 1. Tekst

    Een **vette** en *schuine* zin met een [link](https://example.org/a?b=1&c=2)
    die over twee regels loopt[^1].

    - eerste punt
    - tweede punt

    1. stap een
    2. stap twee

    Een <span style="color:red">opgemaakte</span> tekst op de 2<sup>e</sup> verdieping.

    [^1]: Voetnoot.
    """
    page = import_document(framework_text(tmp_path, body)).page
    assert [block_type for block_type, _ in blocks(page)] == ["heading", "paragraph"]
    assert paragraph_html(page) == (
        "<p>Een <b>vette</b> en <i>schuine</i> zin met een "
        '<a href="https://example.org/a?b=1&amp;c=2">link</a> '
        "die over twee regels loopt[^1].</p>"
        "<ul><li>eerste punt</li><li>tweede punt</li></ul>"
        "<ol><li>stap een</li><li>stap twee</li></ol>"
        "<p>Een opgemaakte tekst op de 2<sup>e</sup> verdieping.</p>"
    )


def test_pipe_tables_become_table_blocks(home, tmp_path):
    body = """
    Voor de tabel.

    | Jaar | Budget |
    |------|--------|
    | 2026 | 1.000 euro |
    | 2027 | **2.000** euro |

    Na de tabel.
    """
    page = import_document(framework_text(tmp_path, body)).page
    assert [block_type for block_type, _ in blocks(page)] == [
        "paragraph",
        "table",
        "paragraph",
    ]
    [(_, table)] = blocks(page, "table")
    assert table == {
        "data": [["Jaar", "Budget"], ["2026", "1.000 euro"], ["2027", "2.000 euro"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_header_choice": "row",
        "table_caption": "",
    }


def test_block_quotes_become_quote_blocks(home, tmp_path):
    body = """
    > Niemand mag uit de boot vallen.
    >
    > — Schepen van Welzijn

    Tussen de citaten.

    > Een citaat zonder bron.
    """
    page = import_document(framework_text(tmp_path, body)).page
    assert [value for _, value in blocks(page, "quote")] == [
        {
            "text": "Niemand mag uit de boot vallen.",
            "attribution": "Schepen van Welzijn",
        },
        {"text": "Een citaat zonder bron.", "attribution": ""},
    ]


@pytest.mark.parametrize(
    "title", ["Bronnen", "7. BRONNEN", "Referenties", "literatuur"]
)
def test_a_sources_chapter_becomes_one_sources_block(home, tmp_path, title):
    body = f"""
    ## 6. Besluit

    Tot slot.

    ## {title}

    Janssens, J. (2020). *Samen sterk*. Gent.

    Peeters, P. (2019). Lokaal beleid.

    - VVSG (2018). Handboek.
    - [Vlaamse overheid](https://www.vlaanderen.be) (2021).

    ## 8. Bijlage

    Geen bron.
    """
    page = import_document(framework_text(tmp_path, body)).page
    assert [block_type for block_type, _ in blocks(page)] == [
        "heading",
        "paragraph",
        "heading",
        "sources",
        "heading",
        "paragraph",
    ]
    [(_, sources)] = blocks(page, "sources")
    assert [item.source for item in sources["items"]] == [
        "<p>Janssens, J. (2020). <i>Samen sterk</i>. Gent.</p>",
        "<p>Peeters, P. (2019). Lokaal beleid.</p>",
        "<p>VVSG (2018). Handboek.</p>",
        '<p><a href="https://www.vlaanderen.be">Vlaamse overheid</a> (2021).</p>',
    ]
    assert "Geen bron." in paragraph_html(page)


def test_footnotes_leave_the_body_and_are_stored_in_label_order(home, tmp_path):
    body = """
    ## 1. Inleiding

    Een zin met een voetnoot[^2] die door een

    [^2]: Tweede voetnoot, over
    twee regels.

    [^10]: Tiende voetnoot:

    <https://example.org/bron>

    [^1]: Eerste voetnoot.

        Een ingesprongen tweede alinea.

    paginabreuk in tweeën werd gesneden[^1]. Zie ook[^10] en [^3].

    Een nieuwe alinea.
    """
    result = import_document(framework_text(tmp_path, body))
    page = result.page
    html = paragraph_html(page)
    assert html == (
        "<p>Een zin met een voetnoot[^2] die door een paginabreuk in tweeën werd "
        "gesneden[^1]. Zie ook[^10] en [^3].</p><p>Een nieuwe alinea.</p>"
    )
    assert [
        (note.value["label"], note.value["text"].source) for note in page.footnotes
    ] == [
        ("1", "<p>Eerste voetnoot.</p><p>Een ingesprongen tweede alinea.</p>"),
        ("2", "<p>Tweede voetnoot, over twee regels.</p>"),
        (
            "10",
            "<p>Tiende voetnoot:</p>"
            '<p><a href="https://example.org/bron">https://example.org/bron</a></p>',
        ),
    ]
    assert "Footnote mark [^3] has no footnote text." in result.messages


def test_questions_and_answers_style(home, tmp_path):
    body = """
    ## 1 Afspraken

    Inleiding bij de afspraken.

    ### Overleg

    #### Wie roept het overleg samen en
    hoe vaak gebeurt
    dat?

    De coördinator, **twee keer** per jaar.

    - in het voorjaar
    - in het najaar

    #### 2. Wie schrijft het verslag?

    De secretaris.
    ### Opvolging

    #### Wie volgt de acties op?

    Het bestuur.
    """
    page = import_document(
        framework_text(tmp_path, body, style="questions_and_answers")
    ).page
    assert page.style == TextStyle.QUESTIONS_AND_ANSWERS
    assert [
        (block_type, value.get("number"), value.get("question") or value.get("title"))
        for block_type, value in blocks(page)
        if block_type != "paragraph"
    ] == [
        ("heading", "1", "Afspraken"),
        ("heading", "", "Overleg"),
        ("question", "", "Wie roept het overleg samen en hoe vaak gebeurt dat?"),
        ("question", "2", "Wie schrijft het verslag?"),
        ("heading", "", "Opvolging"),
        ("question", "", "Wie volgt de acties op?"),
    ]
    answers = [value["answer"].source for _, value in blocks(page, "question")]
    assert answers == [
        "<p>De coördinator, <b>twee keer</b> per jaar.</p>"
        "<ul><li>in het voorjaar</li><li>in het najaar</li></ul>",
        "<p>De secretaris.</p>",
        "<p>Het bestuur.</p>",
    ]
    questions = [s for s in page.sections() if s.is_question]
    assert len({s.anchor for s in questions}) == 3


def test_a_question_without_answer_stays_a_heading(home, tmp_path):
    body = """
    ## Vragen

    ### Een vraag zonder antwoord?

    ### Een vraag met antwoord?

    Ja.
    """
    result = import_document(
        framework_text(tmp_path, body, style="questions_and_answers")
    )
    assert headings(result.page) == [
        ("2", "", "Vragen"),
        ("3", "", "Een vraag zonder antwoord?"),
    ]
    assert len(blocks(result.page, "question")) == 1
    assert any("without an answer" in message for message in result.messages)


# Versions, placement, drafts and idempotency ---------------------------------------


def test_replaces_links_the_new_version_to_the_old(home, tmp_path):
    old = import_document(framework_text(tmp_path, title="Kadertekst 2014")).page
    new = import_document(
        framework_text(
            tmp_path,
            name="nieuw.md",
            title="Kadertekst 2017",
            replaces="Kadertekst 2014",
        )
    ).page
    assert new.replaces == old
    assert list(old.newer_versions()) == [new]


def test_import_directory_imports_the_replaced_text_first(home, tmp_path):
    # sorted by name the newer text comes first
    framework_text(
        tmp_path, name="a-nieuw.md", title="Werkwijze 2017", replaces="Werkwijze 2013"
    )
    framework_text(tmp_path, name="b-oud.md", title="Werkwijze 2013")
    write(tmp_path, "README.md", "# Geen importbestand\n")

    results = import_directory(tmp_path)

    assert [result.page.title for result in results] == [
        "Werkwijze 2013",
        "Werkwijze 2017",
    ]
    assert results[1].page.replaces == results[0].page
    assert not any(result.messages for result in results)


def test_reimporting_the_same_file_changes_nothing(home, tmp_path):
    write(tmp_path, "doelen.csv", GOALS_CSV)
    path = write(
        tmp_path,
        "plan.md",
        """
        ---
        kind: policy_plan
        title: Plan
        owner: Gemeente Zonnedorp
        start_year: 2026
        end_year: 2031
        governing_bodies: [Gemeente Zonnedorp]
        goals: doelen.csv
        ---

        ## 1. Missie

        Tekst met voetnoot[^1].

        ## Bronnen

        - Een bron.

        [^1]: Voetnoot.
        """,
    )
    first = import_document(path)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    second = import_document(path)

    assert (second.created, second.changed) == (False, False)
    assert second.page.pk == first.page.pk
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert Goal.objects.count() == 6
    assert (second.goals.created, second.goals.updated) == (0, 0)
    assert Organisation.objects.count() == 1


def test_a_changed_file_updates_the_same_page_with_a_new_revision(home, tmp_path):
    path = framework_text(tmp_path, "## 1. Oud\n\nOude tekst.\n")
    first = import_document(path)
    revisions = Revision.objects.count()

    framework_text(tmp_path, "## 1. Nieuw\n\nNieuwe tekst.\n")
    second = import_document(path)

    assert (second.created, second.changed) == (False, True)
    assert second.page.pk == first.page.pk
    assert Revision.objects.count() == revisions + 1
    assert headings(second.page) == [("2", "1", "Nieuw")]
    assert FrameworkTextPage.objects.count() == 1


def test_draft_imports_wait_for_publication(home, tmp_path):
    path = framework_text(tmp_path, "Eerste versie.\n")
    draft = import_document(path, publish=False)
    assert draft.created and not draft.page.live
    assert draft.page.has_unpublished_changes

    published = import_document(path)  # same content, now published
    assert (published.created, published.changed) == (False, True)
    assert published.page.live and not published.page.has_unpublished_changes

    framework_text(tmp_path, "Tweede versie.\n")
    pending = import_document(path, publish=False)
    assert pending.changed
    assert "Eerste versie." in paragraph_html(pending.page)  # live stays as it was
    latest = pending.page.get_latest_revision_as_object()
    assert "Tweede versie." in paragraph_html(latest)
    assert pending.page.has_unpublished_changes


def test_parent_overrides_the_section(home, tmp_path):
    folder = IndexPageFactory(parent=home, title="Zonnedorp", slug="zonnedorp")
    page = import_document(framework_text(tmp_path), parent=folder).page
    assert page.get_parent().pk == folder.pk
    # a page under another parent is another page
    other = import_document(framework_text(tmp_path)).page
    assert other.pk != page.pk
    assert FrameworkTextPage.objects.count() == 2


def test_a_parent_that_cannot_hold_the_page_is_refused(home, tmp_path):
    text = FrameworkTextPageFactory(parent=home)
    with pytest.raises(ImportInputError, match="cannot be placed under"):
        import_document(framework_text(tmp_path), parent=text)


def test_a_sibling_of_another_type_with_the_same_slug_is_refused(home, tmp_path):
    PolicyPlanPageFactory(parent=home, title="Kadertekst Zonnedorp")
    with pytest.raises(ImportInputError, match="already has a page"):
        import_document(framework_text(tmp_path), parent=home)


# Bad documents: CommandError, nothing saved ----------------------------------------

BAD_DOCUMENTS = {
    "no front matter": "## Titel\n\nTekst.\n",
    "front matter not closed": "---\nkind: framework_text\ntitle: T\n\nTekst.\n",
    "invalid yaml": "---\nkind: framework_text\ntitle: [T\n---\nTekst.\n",
    "not a mapping": "---\n- framework_text\n---\nTekst.\n",
    "unknown kind": "---\nkind: brochure\ntitle: T\nowner: Nieuwe organisatie\n---\n",
    "missing title": "---\nkind: framework_text\nowner: Nieuwe organisatie\n---\n",
    "bad date": "---\nkind: framework_text\ntitle: T\nvalid_from: 2026-13-45\n---\n",
    "end before start": (
        "---\nkind: framework_text\ntitle: T\nowner: Nieuwe organisatie\n"
        "valid_from: 2026-01-01\nvalid_until: 2025-01-01\n---\n"
    ),
    "unknown style": "---\nkind: framework_text\ntitle: T\nstyle: poem\n---\n",
    "plan without years": "---\nkind: policy_plan\ntitle: P\n---\n",
    "missing goals file": (
        "---\nkind: policy_plan\ntitle: P\nstart_year: 2026\nend_year: 2031\n"
        "goals: ontbreekt.csv\n---\n"
    ),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_bad_documents_raise_command_error_and_save_nothing(home, tmp_path, case):
    good = framework_text(tmp_path, name="goed.md", title="Goede tekst")
    bad = tmp_path / "slecht.md"
    bad.write_text(BAD_DOCUMENTS[case], encoding="utf-8")
    pages, organisations = Page.objects.count(), Organisation.objects.count()

    with pytest.raises(CommandError, match=r"slecht\.md"):
        call_command("import_document", str(good), str(bad), stdout=io.StringIO())

    assert Page.objects.count() == pages
    assert Organisation.objects.count() == organisations


def test_a_missing_file_is_a_command_error(home, tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("import_document", str(tmp_path / "weg.md"))


def test_an_unknown_parent_is_a_command_error(home, tmp_path):
    with pytest.raises(CommandError, match="no page with id 9999"):
        call_command("import_document", str(framework_text(tmp_path)), parent=9999)


def test_import_document_command_reports_and_can_make_drafts(home, tmp_path):
    folder = IndexPageFactory(parent=home, title="Elders", slug="elders")
    path = framework_text(tmp_path, life_domains="[Ruimtevaart]")
    out = io.StringIO()

    call_command(
        "import_document", str(path), "--draft", "--parent", str(folder.pk), stdout=out
    )

    page = FrameworkTextPage.objects.get()
    assert page.get_parent().pk == folder.pk
    assert not page.live
    assert f"created: Kadertekst Zonnedorp (id {page.pk})" in out.getvalue()
    assert "Unknown life domain 'Ruimtevaart'" in out.getvalue()
    assert "1 created, 0 updated, 0 unchanged (drafts)." in out.getvalue()

    out = io.StringIO()
    call_command(
        "import_document", str(tmp_path), "--parent", str(folder.pk), stdout=out
    )
    assert "0 created, 1 updated, 0 unchanged." in out.getvalue()


# Goal tree CSV -----------------------------------------------------------------------


@pytest.fixture
def plan(home):
    return PolicyPlanPageFactory(parent=home, title="Plan Zonnedorp")


def goal(plan, code):
    return Goal.objects.get(plan=plan, code=code)


def test_goals_are_created_with_parents_resolved_in_two_passes(plan):
    result = import_goals(plan, io.StringIO(GOALS_CSV))

    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    codes = list(plan.goals.order_by("sort_order").values_list("code", flat=True))
    assert codes == [  # row order, although children came before their parents
        "ZD SD 1 TD 1",
        "ZD SD 1",
        "ZD SD 1 TD 2",
        "ZD SD 2",
        "ZD SD 2 TD 1 OD 1",
        "ZD SD 2 TD 1",
    ]
    job_fair = goal(plan, "ZD SD 1 TD 1")
    assert job_fair.parent == goal(plan, "ZD SD 1")
    assert job_fair.level == GoalLevel.TACTICAL
    assert goal(plan, "ZD SD 2 TD 1 OD 1").parent == goal(plan, "ZD SD 2 TD 1")
    strategic = goal(plan, "ZD SD 1")
    assert strategic.parent is None
    assert strategic.owners == "Gemeente + OCMW"
    assert strategic.description == "Twee\nregels"
    assert strategic.theme == "Arbeid En Sociale Zekerheid"
    assert sorted(right.slug for right in strategic.social_rights.all()) == [
        "recht-op-arbeid",
        "recht-op-sociale-zekerheid",
    ]
    assert not goal(plan, "ZD SD 2").social_rights.exists()
    # "Sectoroverschrijdend" matching nothing is fine; owners without an
    # organisation are reported, nothing else.
    assert result.unmatched_owners == [
        "Beleidsmedewerker",
        "Gemeente",
        "OCMW",
        "Secretaris",
        "Sociale dienst",
        "Werkwinkel",
    ]
    assert len(result.messages) == 1
    assert [
        goal(plan, code).timing_term
        for code in [
            "ZD SD 1 TD 1",
            "ZD SD 1",
            "ZD SD 1 TD 2",
            "ZD SD 2",
            "ZD SD 2 TD 1 OD 1",
        ]
    ] == ["short", "long", "short_and_long", "", "long"]


def test_goal_import_updates_by_code_and_leaves_other_goals_alone(plan):
    GoalFactory(plan=plan, code="ANDER 1", title="Uit de admin")
    import_goals(plan, io.StringIO(GOALS_CSV))
    goal_count = Goal.objects.count()
    changed = GOALS_CSV.replace("Een jobbeurs", "Twee jobbeurzen")

    result = import_goals(plan, io.StringIO(changed))

    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    assert goal(plan, "ZD SD 1 TD 1").title == "Twee jobbeurzen"
    assert Goal.objects.count() == goal_count
    assert goal(plan, "ANDER 1").title == "Uit de admin"
    assert any("ANDER 1" in message for message in result.messages)


def test_goal_import_reads_files_semicolons_and_optional_columns(plan, tmp_path):
    path = write(
        tmp_path,
        "doelen.csv",
        "\ufeffcode;parent;level;domain;title;owner;timing;description;status;"
        "progress;priority;start_date;end_date;life_domains;social_rights;"
        "target_groups;opmerking\n"
        "SD 1;;strategic;Wonen;Betaalbaar wonen;OCMW;;;lopend;40;priority;"
        "2026-01-01;2027-06-30;wonen;recht-op-behoorlijke-huisvesting;"
        '"ouderen; jongeren";niet importeren\n',
    )
    result = import_goals(plan, path)

    housing = goal(plan, "SD 1")
    assert housing.status == goal_status("lopend")
    assert housing.progress == 40
    assert housing.priority == "priority"
    assert housing.start_date == datetime.date(2026, 1, 1)
    assert housing.end_date == datetime.date(2027, 6, 30)
    assert [term.slug for term in housing.life_domains.all()] == ["wonen"]
    assert [term.slug for term in housing.social_rights.all()] == [
        "recht-op-behoorlijke-huisvesting"
    ]
    assert sorted(term.slug for term in housing.target_groups.all()) == [
        "jongeren",
        "ouderen",
    ]
    assert any("opmerking" in message for message in result.messages)


def test_a_base_csv_keeps_what_editors_set_in_optional_fields(plan):
    import_goals(plan, io.StringIO(GOALS_CSV))
    job_fair = goal(plan, "ZD SD 1 TD 1")
    job_fair.status = goal_status("gerealiseerd")
    job_fair.progress = 100
    job_fair.save()

    result = import_goals(plan, io.StringIO(GOALS_CSV))

    assert result.updated == 0
    job_fair.refresh_from_db()
    assert (job_fair.status.slug, job_fair.progress) == ("gerealiseerd", 100)


BAD_CSVS = {
    "missing columns": ("code,parent,level,title\nSD 1,,strategic,T\n", "owner"),
    "unknown parent": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "SD 1,,strategic,,Goed,,,\n"
        "SD 1 TD 1,SD 9,tactical,,T,,,\n",
        "parent 'SD 9'",
    ),
    "duplicate codes": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "SD 1,,strategic,,Goed,,,\n"
        "SD 1,,strategic,,Nog eens,,,\n",
        "already used on line 2",
    ),
    "unknown level": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "SD 1,,strategic,,Goed,,,\n"
        "SD 2,,visionary,,T,,,\n",
        "level 'visionary'",
    ),
    "unknown timing": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "SD 1,,strategic,,Goed,,,\n"
        "SD 2,,strategic,,T,,volgend jaar,\n",
        "timing 'volgend jaar'",
    ),
    "unknown status": (
        "code,parent,level,domain,title,owner,timing,description,status\n"
        "SD 1,,strategic,,Goed,,,,\n"
        "SD 2,,strategic,,T,,,,bijna\n",
        "unknown status 'bijna'",
    ),
    "parent not a level higher": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "SD 1,,strategic,,Goed,,,\n"
        "SD 2,SD 1,strategic,,T,,,\n",
        "hoger niveau",
    ),
    "parents in a loop": (
        "code,parent,level,domain,title,owner,timing,description\n"
        "TD 1,TD 2,tactical,,A,,,\n"
        "TD 2,TD 1,tactical,,B,,,\n",
        "loop",
    ),
    "empty file": ("", "empty"),
}


@pytest.mark.parametrize("case", BAD_CSVS)
def test_bad_goal_files_raise_and_save_nothing(plan, tmp_path, case):
    text, message = BAD_CSVS[case]
    path = tmp_path / "doelen.csv"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ImportInputError, match=re.escape(message)):
        import_goals(plan, path)
    assert not Goal.objects.exists()

    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_goals", str(plan.pk), str(path))
    assert not Goal.objects.exists()


def test_export_writes_the_import_columns_and_reimports_unchanged(plan):
    import_goals(plan, io.StringIO(GOALS_CSV))
    job_fair = goal(plan, "ZD SD 1 TD 1")
    job_fair.status = goal_status("lopend")
    job_fair.progress = 30
    job_fair.start_date = datetime.date(2026, 3, 1)
    job_fair.save()

    first = io.StringIO()
    export_goals(plan, first)
    lines = first.getvalue().split("\n")
    assert lines[0] == (
        "code,parent,level,domain,title,owner,timing,description,status,progress,"
        "priority,start_date,end_date,life_domains,social_rights,target_groups"
    )
    assert lines[1] == (
        "ZD SD 1 TD 1,ZD SD 1,tactical,Arbeid En Sociale Zekerheid,Een jobbeurs,OCMW,"
        "korte termijn,,lopend,30,other,2026-03-01,,,"
        "recht-op-arbeid;recht-op-sociale-zekerheid,"
    )
    assert "\r" not in first.getvalue()

    result = import_goals(plan, io.StringIO(first.getvalue()))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)

    second = io.StringIO()
    export_goals(plan, second)
    assert second.getvalue() == first.getvalue()


def test_export_guards_formulas_and_reimports_them_unchanged(plan):
    import_goals(plan, io.StringIO(GOALS_CSV))
    job_fair = goal(plan, "ZD SD 1 TD 1")
    job_fair.title = "=1+1"
    job_fair.description = "-2+3 @SUM(A1)"
    job_fair.owners = "+OCMW"
    job_fair.save()

    exported = io.StringIO()
    export_goals(plan, exported)
    row = next(
        row
        for row in csv.DictReader(io.StringIO(exported.getvalue()))
        if row["code"] == "ZD SD 1 TD 1"
    )
    assert (row["title"], row["description"], row["owner"]) == (
        "'=1+1",
        "'-2+3 @SUM(A1)",
        "'+OCMW",
    )

    result = import_goals(plan, io.StringIO(exported.getvalue()))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    job_fair.refresh_from_db()
    assert (job_fair.title, job_fair.description, job_fair.owners) == (
        "=1+1",
        "-2+3 @SUM(A1)",
        "+OCMW",
    )


def test_export_of_a_plan_made_in_the_admin_reimports_without_updates(plan):
    strategic = GoalFactory(plan=plan, code="SD 2", sort_order=0)
    GoalFactory(
        plan=plan, code="SD 2 TD 1", parent=strategic, level="tactical", sort_order=0
    )
    GoalFactory(plan=plan, code="SD 1", sort_order=0)
    exported = io.StringIO()
    export_goals(plan, exported)

    result = import_goals(plan, io.StringIO(exported.getvalue()))

    assert (result.created, result.updated) == (0, 0)
    assert result.reordered == 2
    again = io.StringIO()
    export_goals(plan, again)
    assert again.getvalue() == exported.getvalue()


def test_goal_commands_find_the_plan_by_id_or_slug(plan, tmp_path):
    path = write(tmp_path, "doelen.csv", GOALS_CSV)
    out = io.StringIO()
    call_command("import_goals", plan.slug, str(path), stdout=out)
    assert "Plan Zonnedorp: 6 goals created, 0 updated, 0 unchanged." in out.getvalue()

    out = io.StringIO()
    call_command("export_goals", str(plan.pk), stdout=out)
    assert out.getvalue().startswith("code,parent,level,")
    assert len(list(csv.reader(io.StringIO(out.getvalue())))) == 7

    target = tmp_path / "export.csv"
    call_command("export_goals", plan.slug, "-o", str(target), stderr=io.StringIO())
    assert target.read_text(encoding="utf-8") == out.getvalue()

    out = io.StringIO()
    call_command("import_goals", str(plan.pk), str(target), stdout=out)
    assert "0 goals created, 0 updated, 6 unchanged." in out.getvalue()


@pytest.mark.parametrize("command", ["import_goals", "export_goals"])
def test_goal_commands_refuse_an_unknown_plan(plan, tmp_path, command):
    args = ["geen-plan"] + (
        [str(tmp_path / "x.csv")] if command == "import_goals" else []
    )
    with pytest.raises(
        CommandError, match="no policy plan with id or slug 'geen-plan'"
    ):
        call_command(command, *args)


def test_import_goals_command_refuses_a_missing_file(plan, tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("import_goals", str(plan.pk), str(tmp_path / "weg.csv"))
