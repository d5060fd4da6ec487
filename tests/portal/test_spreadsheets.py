"""The CSV formula guard every export uses, and its reverse for our importers."""

import csv
import io

import pytest

from portal.spreadsheets import guard_cell, guarded_writer, unguard_cell

FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "+32 2 123 45 67",
]
HARMLESS = ["Wachtlijsten", "", "3", "-3.5", "+12", "51.0002", "a=b", "'quoted"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_gets_a_leading_quote(text):
    assert guard_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_plain_texts_and_numbers_are_left_alone(text):
    assert guard_cell(text) == text


@pytest.mark.parametrize("value", [None, 3, -3.5, True])
def test_values_that_are_not_texts_are_left_alone(value):
    assert guard_cell(value) is value


@pytest.mark.parametrize(
    "text", [*FORMULAS, *HARMLESS, "'=1+1", "''=1+1", "'-3.5", "'@", "-", "'"]
)
def test_unguard_gives_back_exactly_what_was_guarded(text):
    assert unguard_cell(guard_cell(text)) == text


def test_a_text_that_began_with_quote_and_formula_keeps_its_quote():
    assert guard_cell("'=1+1") == "''=1+1"
    assert unguard_cell("''=1+1") == "'=1+1"


def test_the_writer_guards_every_cell():
    stream = io.StringIO()
    guarded_writer(stream, delimiter=";").writerow(["=1+1", "ok", 4, None])
    assert next(csv.reader(io.StringIO(stream.getvalue()), delimiter=";")) == [
        "'=1+1",
        "ok",
        "4",
        "",
    ]
