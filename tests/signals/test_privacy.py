"""The privacy guard: what it finds, where, and what it leaves alone."""

import pytest

from cms.signals.privacy import (
    FindingKind,
    find_in_fields,
    find_personal_data,
    iban_is_valid,
    national_number_is_valid,
)


def national_number(first_nine: str, *, born_2000_or_later: bool = False) -> str:
    base = int(first_nine) + (2_000_000_000 if born_2000_or_later else 0)
    return f"{first_nine}{97 - base % 97:02d}"


BORN_1985 = national_number("850730033")  # 85073003328
BORN_2001 = national_number("010203123", born_2000_or_later=True)


def test_check_digits():
    assert BORN_1985 == "85073003328"
    assert national_number_is_valid(BORN_1985)
    assert national_number_is_valid(BORN_2001)
    assert not national_number_is_valid("85073003329")
    assert not national_number_is_valid("8507300332")
    # The 2000+ rule is not the pre-2000 rule: the same nine digits, other checks.
    assert BORN_2001[9:] != national_number("010203123")[9:]


@pytest.mark.parametrize(
    "text",
    [
        BORN_1985,
        "85.07.30-033.28",
        "85 07 30 033 28",
        "850730-033-28",
        "85.07.30 033-28",
        f"{BORN_2001[:2]}.{BORN_2001[2:4]}.{BORN_2001[4:6]}-{BORN_2001[6:9]}.{BORN_2001[9:]}",
    ],
)
def test_finds_valid_national_numbers_in_every_format(text):
    findings = find_personal_data(f"Cliënt met nummer {text}, zonder woning.")
    assert [f.kind for f in findings] == [FindingKind.NATIONAL_NUMBER]
    assert findings[0].start == len("Cliënt met nummer ")
    assert findings[0].end == findings[0].start + len(text)


@pytest.mark.parametrize(
    "text", ["85.07.30-033.29", "85073003327", "1234567890123", "12.03.2024"]
)
def test_ignores_invalid_national_numbers(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("BE68 5390 0754 7034", True),
        ("BE68539007547034", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("BE68 5390 0754 7035", False),
        ("BE00 0000 0000 0000", False),
    ],
)
def test_iban_check(iban, valid):
    assert iban_is_valid(iban) is valid
    kinds = [f.kind for f in find_personal_data(f"Storten op {iban} graag.")]
    assert kinds == ([FindingKind.IBAN] if valid else [])


@pytest.mark.parametrize(
    "phone",
    [
        "0470 12 34 56",
        "0470/12.34.56",
        "+32 470 12 34 56",
        "0032 470 12 34 56",
        "+32 (0)470 12 34 56",
        "09 123 45 67",
        "03/123.45.67",
        "011 12 34 56",
        "+32 9 123 45 67",
    ],
)
def test_finds_belgian_phone_numbers(phone):
    findings = find_personal_data(f"Bel {phone}.")
    assert [f.kind for f in findings] == [FindingKind.PHONE]
    assert findings[0].start == 4


@pytest.mark.parametrize(
    "text",
    [
        "In 2008-2013 en 2026-2031",
        "KBO 0412.345.678",
        "ongeveer 1500 gezinnen op 12.03.2024",
        "budget 1 250 000 euro",
    ],
)
def test_leaves_numbers_that_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_finds_email_addresses_with_their_position():
    text = "Mail naar jan.peeters+werk@voorbeeld.be of info@brugwachter.be."
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [FindingKind.EMAIL, FindingKind.EMAIL]
    assert text[findings[0].start : findings[0].end] == "jan.peeters+werk@voorbeeld.be"


def test_findings_name_their_field():
    findings = find_in_fields({"title": "Geen", "example": "Bel 0470 12 34 56"})
    assert [(f.field, f.kind) for f in findings] == [("example", FindingKind.PHONE)]


def test_an_iban_followed_by_a_capital_word():
    text = "Op BE68 5390 0754 7034 OCMW storten"
    (finding,) = find_personal_data(text)
    assert text[finding.start : finding.end] == "BE68 5390 0754 7034"
