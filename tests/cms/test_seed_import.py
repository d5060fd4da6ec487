"""The importers on the real texts in ../shared/seeds/structured (read at run time,
never copied into the repository)."""

import csv
import html
import io
import re
from collections import Counter

import pytest
from django.db import transaction
from wagtail.models import Page, Revision

from cms.importers import export_goals, import_directory, import_goals
from cms.importers.front_matter import split_front_matter
from cms.models import FrameworkTextPage, Goal, PolicyPlanPage, TextStyle
from cms.site import ensure_home_page
from portal.models import Organisation, OrganisationAlias
from tests.conftest import SEEDS_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]

HERENTHOUT = "herenthout-lokaal-sociaal-beleidsplan-2008-2013"
LOKEREN = "lokeren-kwaliteitskader-werkgroep-welzijn.md"
GENT_2014 = "gent-kadertekst-lokaal-welzijnsbeleid-2014-2020.md"
GENT_2017 = "gent-vernieuwde-werkwijze-lokaal-welzijnsbeleid.md"
MIDDEN_WVL = "midden-wvl-afsprakenkader-lokaal-sociaal-beleid.md"
TIMING = {
    "": "",
    "korte termijn": "short",
    "lange termijn": "long",
    "korte/lange termijn": "short_and_long",
}


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Every seed document imported once for this module with import_directory, by
    file name. An import takes seconds, so the tests share it: it runs in a
    transaction that is rolled back when the module is done (each test still rolls
    back its own changes)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        results = import_directory(SEEDS_DIR)
        files = {}
        for path in SEEDS_DIR.glob("*.md"):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                title = split_front_matter(text, source=path.name)[0]["title"]
                files[title] = path.name
        assert len(results) == len(files) == 5
        yield {files[result.page.title]: result for result in results}
        transaction.set_rollback(True)


def test_the_herenthout_plan_holds_the_goal_tree_of_its_csv(imported, seeds_dir):
    plan = imported[f"{HERENTHOUT}.md"].page
    assert isinstance(plan, PolicyPlanPage)
    goals = {goal.code: goal for goal in Goal.objects.filter(plan=plan)}
    assert Counter(goal.level for goal in goals.values()) == {
        "strategic": 19,
        "tactical": 49,
        "operational": 3,
    }
    with (seeds_dir / f"{HERENTHOUT}.goals.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(goals) == sorted(row["code"] for row in rows)
    for position, row in enumerate(rows):
        goal = goals[row["code"]]
        assert goal.owners and goal.owners == row["owner"].strip()
        assert goal.timing_term == TIMING[row["timing"]], row["code"]
        assert goal.theme == row["domain"]
        assert goal.sort_order == position
        parent = goals[row["parent"]] if row["parent"] else None
        assert goal.parent_id == (parent.pk if parent else None), row["code"]
    cross_sector = [goal for goal in goals.values() if goal.code.startswith("SO SD")]
    assert all(not goal.social_rights.exists() for goal in cross_sector)
    work = goals["AS SD 1"]
    assert work.social_rights.count() == 2  # "Arbeid En Sociale Zekerheid"


def test_the_herenthout_goals_export_re_imports_unchanged(imported):
    plan = imported[f"{HERENTHOUT}.md"].page
    first = io.StringIO()
    export_goals(plan, first)

    result = import_goals(plan, io.StringIO(first.getvalue()))

    assert (result.created, result.updated, result.unchanged) == (0, 0, 71)
    second = io.StringIO()
    export_goals(plan, second)
    assert second.getvalue().encode() == first.getvalue().encode()


def test_the_gent_framework_text_keeps_its_sections_footnotes_and_sources(
    imported, seeds_dir
):
    page = imported[GENT_2014].page
    numbers = [
        "1", "1.1", "1.2", "1.3", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
        "3.6", "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "5",
        "5.1", "5.2", "6",
    ]  # fmt: skip
    heading_numbers = [
        block.value["number"] for block in page.body if block.block_type == "heading"
    ]
    assert heading_numbers == numbers
    sections = page.sections()
    assert [section.number for section in sections] == numbers
    assert len({section.anchor for section in sections}) == len(sections)
    chapters = [number for number in numbers if "." not in number]
    assert [section.number for section in page.outline()] == chapters

    labels = [note.value["label"] for note in page.footnotes]
    assert labels == [str(number) for number in range(1, 13)]
    marks = set(re.findall(r"\[\^(\w+)\]", str(page.body.get_prep_value())))
    assert marks and marks <= set(labels)

    [sources] = [block.value for block in page.body if block.block_type == "sources"]
    assert len(sources["items"]) == 7
    last_chapter = (
        (seeds_dir / GENT_2014).read_text(encoding="utf-8").split("\n## ")[-1]
    )
    first_source = last_chapter.split("\n\n")[1]
    assert _html_text(sources["items"][0].source) == _normalise(first_source)


def test_lines_in_capitals_become_the_sub_sections_of_herenthout_5_2(imported):
    result = imported[f"{HERENTHOUT}.md"]
    [section] = [s for s in result.page.sections() if s.number == "5.2"]
    titles = [child.title for child in section.children]
    assert "HUISVESTING" in titles
    assert "ARBEID EN SOCIALE ZEKERHEID" in titles
    assert all(child.level == section.level + 1 for child in section.children)
    assert "'HUISVESTING' became a heading of level 4 (a line in capitals)." in (
        result.messages
    )
    # each sub-section is its own part of the text, found at its own anchor
    housing = next(child for child in section.children if child.title == "HUISVESTING")
    assert housing.anchor == "huisvesting"
    assert housing.blocks and not any(
        "HUISVESTING" in str(block.value) for block in section.blocks
    )


def test_lokeren_chapters_written_one_level_too_deep_are_chapters(imported):
    result = imported[LOKEREN]
    chapters = [section.number for section in result.page.outline()]
    assert chapters == ["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    [contact] = [s for s in result.page.outline() if s.number == "4"]
    assert [child.title for child in contact.children] == [
        "Ambtelijke ondersteuning",
        "Logistieke ondersteuning",
    ]
    assert (
        "Heading '3. Samenstelling' moved from level 3 to 2 (its number continues "
        "the numbering)." in result.messages
    )


def test_the_2017_gent_text_replaces_the_2014_text(imported):
    older = FrameworkTextPage.objects.get(pk=imported[GENT_2014].page.pk)
    newer = imported[GENT_2017].page
    assert newer.replaces == older
    assert list(older.newer_versions()) == [newer]


def test_the_midden_west_vlaanderen_text_is_questions_and_answers(imported, seeds_dir):
    page = imported[MIDDEN_WVL].page
    assert page.style == TextStyle.QUESTIONS_AND_ANSWERS
    text = (seeds_dir / MIDDEN_WVL).read_text(encoding="utf-8")
    headings = re.findall(r"^#### (.*)((?:\n[^\n#].*)*)", text, flags=re.MULTILINE)
    questions = [block.value for block in page.body if block.block_type == "question"]
    assert headings and len(questions) == len(headings)
    assert all(question["answer"].source.startswith("<p>") for question in questions)
    # a question spread over several lines in the file is one question
    spread = [_normalise(f"{first} {rest}") for first, rest in headings if rest]
    assert spread
    texts = [question["question"] for question in questions]
    assert all(re.sub(r"^\d+\. ", "", question) in texts for question in spread)


def test_every_paragraph_of_every_seed_survives_the_import(imported, seeds_dir):
    missing = {}
    for name, result in imported.items():
        body = _body_text(result.page)
        notes = _footnote_text(result.page)
        for snippet, in_note in _paragraph_openings(seeds_dir / name):
            if snippet not in body and not (in_note and snippet in notes):
                missing.setdefault(name, []).append(snippet)
    assert not missing


def test_importing_the_seeds_twice_changes_nothing(imported, seeds_dir):
    counts = (Page.objects.count(), Revision.objects.count(), Goal.objects.count())

    again = import_directory(seeds_dir)

    assert [(result.created, result.changed) for result in again] == [
        (False, False)
    ] * len(imported)
    assert (Page.objects.count(), Revision.objects.count(), Goal.objects.count()) == (
        counts
    )


# What the text of a page and of its file is -----------------------------------------

FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
URL_ONLY = re.compile(r"^<?(https?://|www\.)\S+>?$")
LIST_MARKER = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)+")
BLOCK_TAG = re.compile(r"</?(p|li|ul|ol|br|td|th|tr|table|blockquote)\b[^>]*>")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _html_text(value: str) -> str:
    return _normalise(re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", value)))


def _body_text(page) -> str:
    parts = []
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(value.source)
        elif block.block_type == "question":
            parts += [value["question"], value["answer"].source]
        elif block.block_type == "sources":
            parts += [item.source for item in value["items"]]
        elif block.block_type == "table":
            parts += [cell for row in value["data"] for cell in row]
        elif block.block_type == "quote":
            parts.append(value["text"])
        elif block.block_type == "heading":
            parts.append(f"{value['number']} {value['title']}")
    return " ".join(_html_text(part) for part in parts)


def _footnote_text(page) -> str:
    return " ".join(_html_text(note.value["text"].source) for note in page.footnotes)


def _paragraph_openings(path) -> list[tuple[str, bool]]:
    """The first 60 characters of every paragraph and list item of a file that is not
    a heading or a footnote, without Markdown marks; True when it follows a footnote
    definition and may belong to it."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    openings = []
    after_note = False
    for chunk in re.split(r"\n[ \t]*\n", body):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if FOOTNOTE.match(lines[0]):
            after_note = True
            continue
        may_be_note = after_note and len(lines) == 1 and URL_ONLY.match(lines[0])
        after_note = bool(may_be_note)
        units: list[str] = []
        for line in lines:
            if line.lstrip().startswith("#"):
                units.append("")
            elif LIST_MARKER.match(line) or not units:
                units.append(LIST_MARKER.sub("", line))
            else:
                units[-1] += " " + line
        for unit in units:
            text = re.sub(r"<(https?://[^>]+)>", r"\1", unit)
            text = re.sub(r"\*\*(\S.*?)\*\*|\*(\S.*?)\*", r"\1\2", text)
            text = _normalise(re.sub(r"<[^>]+>", "", text))
            if text:
                openings.append((text[:60], bool(may_be_note)))
    return openings


def test_the_herenthout_owners_are_matched_by_alias_and_the_rest_reported(
    imported, seeds_dir
):
    plan = imported[f"{HERENTHOUT}.md"].page
    social_service, _ = Organisation.objects.get_or_create(name="OCMW Herenthout")
    OrganisationAlias.objects.create(
        organisation=social_service, alias="Verantwoordelijke soc. dienst"
    )

    result = import_goals(plan, seeds_dir / f"{HERENTHOUT}.goals.csv")

    led = Goal.objects.filter(plan=plan, owners__iexact="verantwoordelijke Soc. Dienst")
    assert led.count() >= 3
    assert all(goal.lead_organisation == social_service for goal in led)
    assert all(social_service in goal.owner_organisations.all() for goal in led)
    assert "lokaal bestuur" in result.unmatched_owners
    assert "verantwoordelijke Soc. Dienst" not in result.unmatched_owners
    assert any("match no organisation" in message for message in result.messages)
    assert Counter(Goal.objects.filter(plan=plan).values_list("level", flat=True)) == {
        "strategic": 19,
        "tactical": 49,
        "operational": 3,
    }
