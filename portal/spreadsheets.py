"""CSV cells that a spreadsheet program will not run as formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection"). Every CSV
the portal writes goes through `guard_cell`, which puts a single quote before such a
text, the prefix the OWASP advice names and spreadsheets show as text. A plain
number (`-3.5`, `+12`) is left alone: no spreadsheet runs it, and the HSDS
coordinates stay numbers. A phone number such as `+32 2 123 45 67` is text and is
guarded.

The guard is reversible, so our own importers read back exactly what was exported:
`unguard_cell` drops the quote where `guard_cell` would have added it. A quote is
added when the text *after any leading quotes* is a formula, so a text that itself
began with `'=` gets a second quote and comes back whole.

defusedcsv (the library for this) escapes more than these characters, has no reverse
for reading, and quotes numbers like `-3.5`, which would break the HSDS coordinates;
hence these two functions.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _is_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text)


def guard_cell(value: Any) -> Any:
    """`value` as a spreadsheet will show it: a text that would be a formula gets a
    leading quote; anything else (numbers, None, other texts) is returned as is."""
    if isinstance(value, str) and _is_formula(value.lstrip(QUOTE)):
        return QUOTE + value
    return value


def unguard_cell(text: str) -> str:
    """The reverse of `guard_cell` for a cell read from a CSV file."""
    if text.startswith(QUOTE) and _is_formula(text.lstrip(QUOTE)):
        return text[1:]
    return text


class GuardedWriter:
    """`csv.writer` whose every cell goes through `guard_cell`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([guard_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def guarded_writer(stream, **kwargs) -> GuardedWriter:
    """A CSV writer for exports that people open in a spreadsheet program."""
    return GuardedWriter(stream, **kwargs)
