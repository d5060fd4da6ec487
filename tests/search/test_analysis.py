import pytest

from search.analysis import (
    edit_distance,
    fold,
    index_text,
    parse_synonym_groups,
    plan_query,
    snippet,
    stem,
)


def test_folding_stemming_stop_words_and_numbers():
    assert fold("Creëren ĳs") == "creeren ijs"
    assert index_text("De signalen van het OCMW") == index_text("signaal OCMW")
    assert index_text("twee keer") == index_text("2 keer")


@pytest.mark.parametrize(
    "word, other",
    [
        ("gezin", "zin"),
        ("geweld", "wel"),
        ("begeleiding", "beleid"),
        ("gemeente", "meen"),
    ],
)
def test_stemming_keeps_ge_words_apart(word, other):
    """Snowball 3's new Dutch stemmer strips "ge-"; the classic one does not."""
    assert stem(word) != stem(other)


def test_synonyms_become_one_clause_with_every_variant():
    groups = parse_synonym_groups(["OCMW, sociaal huis", "LSB, lokaal sociaal beleid"])
    plan = plan_query("toegankelijkheid van het sociaal huis", groups)
    assert [clause.original for clause in plan.clauses] == [
        "toegankelijkheid",
        "sociaal huis",
    ]
    assert {a.text for a in plan.clauses[1].alternatives} == {"ocmw", "sociaal huis"}


def test_snippet_marks_matches_and_escapes():
    plan = plan_query("signalen", [])
    text = "Intro. " * 40 + "Basiswerkers <b>bundelen</b> signaal & signalen."
    result = snippet(text, plan, length=80)
    assert "<mark>signaal</mark>" in result and "<mark>signalen</mark>" in result
    assert "&lt;b&gt;" in result and result.startswith("… ")


def test_edit_distance_counts_transpositions_once():
    assert edit_distance("kinderopvnag", "kinderopvang") == 1
    assert edit_distance("abc", "xyz") == 3


def test_words_that_only_ask_for_help_are_left_out_beside_other_words():
    assert [c.original for c in plan_query("hulp bij papieren", []).clauses] == [
        "papieren"
    ]
    assert [c.original for c in plan_query("leefloon aanvragen", []).clauses] == [
        "leefloon"
    ]
    assert [c.original for c in plan_query("hulp", []).clauses] == ["hulp"]
