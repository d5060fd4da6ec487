"""The privacy guard: finds personal data in a signal's free text.

A signal describes a structural problem, never a person. These pure functions find
Belgian national register numbers (with a valid check number), e-mail addresses,
Belgian phone numbers and IBANs (with a valid mod-97 check), with their position, so
the author can be told what and where. Saving a draft with findings is allowed (with a
warning); registering a signal that still holds any is refused.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class FindingKind(StrEnum):
    NATIONAL_NUMBER = "national_number"
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"


KIND_LABELS = {
    FindingKind.NATIONAL_NUMBER: _("rijksregisternummer"),
    FindingKind.EMAIL: _("e-mailadres"),
    FindingKind.PHONE: _("telefoonnummer"),
    FindingKind.IBAN: _("rekeningnummer (IBAN)"),
}


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    start: int
    end: int
    field: str = ""

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


# 11 digits YYMMDD SSS CC, with or without dots, dashes and spaces:
# 85073003328, 85.07.30-033.28, 850730 033 28, 85.07.30 033-28.
_SEP = r"[ .\-]?"
NATIONAL_NUMBER = re.compile(
    rf"(?<![\d.\-])(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{3}}){_SEP}(\d{{2}})"
    r"(?![\d])"
)
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
# A run of digits with phone separators, optionally after +32 / 0032.
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .\-/])"  # not inside a longer number
    r"(?:(?:\+|00)32[ ./\-]?(?:\(0\)[ ]?)?|0)\d(?:[ ./\-]?\d){7,8}(?!\d)"
)
KBO_NUMBER = re.compile(r"^0\d{3}\.\d{3}\.\d{3}$")


def national_number_is_valid(digits: str) -> bool:
    """The check number is 97 minus the first nine digits modulo 97; for people
    born in 2000 or later, a 2 is put before those nine digits."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def iban_is_valid(iban: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers;
    the whole number modulo 97 is 1."""
    iban = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    if iban.startswith("BE") and len(iban) != 16:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _valid_iban_length(candidate: str) -> int:
    """The length of the longest valid IBAN at the start of `candidate` (a capital
    word after an IBAN may look like one more group)."""
    while candidate:
        if iban_is_valid(candidate):
            return len(candidate)
        candidate = candidate[:-1].rstrip()
    return 0


def _phone_is_belgian(text: str) -> bool:
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.startswith("+32") or text.startswith("0032"):
        digits = "0" + digits[4:] if text.startswith("0032") else "0" + digits[2:]
    mobile = re.fullmatch(r"04\d{8}", digits)
    fixed = re.fullmatch(r"0[1-9]\d{7}", digits)
    return bool(mobile or fixed) and not KBO_NUMBER.match(text)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_personal_data(text: str, *, field: str = "") -> list[Finding]:
    """Every piece of personal data in `text`, in order of position."""
    if not text:
        return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: FindingKind, match: re.Match) -> None:
        findings.append(Finding(kind, match.start(), match.end(), field))
        taken.append(match.span())

    for match in EMAIL.finditer(text):
        add(FindingKind.EMAIL, match)
    for match in IBAN.finditer(text):
        length = _valid_iban_length(match.group())
        span = (match.start(), match.start() + length)
        if length and not _overlaps(span, taken):
            findings.append(Finding(FindingKind.IBAN, *span, field))
            taken.append(span)
    for match in NATIONAL_NUMBER.finditer(text):
        digits = "".join(match.groups())
        if not _overlaps(match.span(), taken) and national_number_is_valid(digits):
            add(FindingKind.NATIONAL_NUMBER, match)
    for match in PHONE.finditer(text):
        if not _overlaps(match.span(), taken) and _phone_is_belgian(match.group()):
            add(FindingKind.PHONE, match)
    return sorted(findings, key=lambda finding: finding.start)


def find_in_fields(fields: dict[str, str]) -> list[Finding]:
    """The findings of several named texts (a signal's fields)."""
    return [
        finding
        for name, text in fields.items()
        for finding in find_personal_data(text, field=name)
    ]


def describe(finding: Finding, verbose_names: dict[str, str] | None = None) -> str:
    """In words, for the author: what was found and where."""
    field = (verbose_names or {}).get(finding.field, finding.field)
    return str(
        _("Een %(kind)s in het veld '%(field)s' (teken %(position)s).")
        % {"kind": finding.label, "field": field, "position": finding.start + 1}
    )
