"""Indicator figures from a CSV file: values per period, or targets per year.

Values (one row per indicator and period):

    indicator;period;value;measured_on;note
    huurachterstal;2026;312;2027-02-15;Registratie sociaal huis
    bereik-outreach;2026-K2;1.204,5;;

Targets (`targets=True`):

    indicator;year;value;note
    huurachterstal;2031;250;

`indicator` is a slug or a name; `period` a year (2026), quarter (2026-K2 or
2026-Q2), month (2026-03) or a day, taken to the period of the indicator's
frequency; numbers take a decimal comma (12,5 and 1.204,5) or a decimal point
(12.5); dates are 2026-03-31 or 31/03/2026. The delimiter (`;`, `,` or tab) is
read from the header. Every row is checked before anything is written; a file
with a rejected row saves nothing unless `partial` is asked, and then the good
rows are saved and the others reported. Writes go in batches inside one
transaction: nothing is ever half saved.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from cms.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from cms.indicators.periods import parse_date, parse_period
from cms.indicators.services import (
    BATCH_SIZE,
    indicator_rows_save,
    indicator_target_prepare,
    indicator_value_prepare,
)

VALUE_COLUMNS = ("indicator", "period", "value", "measured_on", "note")
TARGET_COLUMNS = ("indicator", "year", "value", "note")
REQUIRED = {
    False: ("indicator", "period", "value"),
    True: ("indicator", "year", "value"),
}


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("regel %(line)s: %(reason)s") % {
            "line": self.line,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    """What an import did (or, with rejected rows and no `partial`, would have
    done: then `saved` is False and nothing changed)."""

    created: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    saved: bool = False

    def lines(self) -> list[str]:
        if self.saved:
            head = _(
                "%(created)s nieuw, %(updated)s bijgewerkt, %(rejected)s geweigerd."
            )
        else:
            head = _(
                "Niets opgeslagen: %(rejected)s regels geweigerd "
                "(%(created)s nieuw en %(updated)s bijgewerkt als alles klopt)."
            )
        counts = {
            "created": self.created,
            "updated": self.updated,
            "rejected": len(self.rejected),
        }
        return [head % counts, *(f"  {rejection}" for rejection in self.rejected)]


class ImportFileError(ValueError):
    """The file as a whole cannot be read (no header, missing columns)."""


def parse_number(text: str) -> str:
    """A number as written in Flanders or by a program, as Decimal-ready text:
    "1.204,5" and "1204,5" are 1204.5; "12.5" is 12.5. Spaces are ignored."""
    text = "".join((text or "").split()).replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def _reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            message for messages in error.message_dict.values() for message in messages
        )
    return " ".join(error.messages)


def _reader(text: str) -> csv.DictReader:
    first = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return reader


class _Indicators:
    """Finds indicators by slug or (case-insensitive) name, and the values and
    targets they already have, one query each per indicator."""

    def __init__(self):
        self._cache: dict[str, Indicator | None] = {}
        self._rows: dict[tuple[int, bool], dict] = {}

    def existing(self, indicator: Indicator, key, *, targets: bool):
        """The value kept for a period (or the target for a year), or None."""
        if (indicator.pk, targets) not in self._rows:
            if targets:
                rows = {row.year: row for row in indicator.targets.all()}
            else:
                rows = {row.period: row for row in indicator.values.all()}
            self._rows[indicator.pk, targets] = rows
        return self._rows[indicator.pk, targets].get(key)

    def get(self, text: str) -> Indicator | None:
        key = text.strip()
        if key not in self._cache:
            self._cache[key] = (
                Indicator.objects.filter(slug=key).first()
                or Indicator.objects.annotate(lower=Lower("name"))
                .filter(lower=key.lower())
                .first()
            )
        return self._cache[key]


def import_indicator_file(
    source: str | Path | io.TextIOBase,
    *,
    targets: bool = False,
    partial: bool = False,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import values (or `targets`) from a CSV file, a path or an open text file.
    Raises `ImportFileError` for a file that cannot be read as such."""
    if isinstance(source, (str, Path)):
        text = Path(source).read_text(encoding="utf-8-sig")
    else:
        text = source.read()
        text = text.removeprefix("\ufeff")
    reader = _reader(text)
    columns = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED[targets] if name not in columns]
    if missing:
        raise ImportFileError(
            _("Ontbrekende kolommen: %(columns)s (verwacht: %(expected)s).")
            % {
                "columns": ", ".join(missing),
                "expected": ", ".join(TARGET_COLUMNS if targets else VALUE_COLUMNS),
            }
        )
    reader.fieldnames = columns
    report = ImportReport()
    prepared: list[IndicatorValue | IndicatorTarget] = []
    indicators = _Indicators()
    seen: dict[tuple, int] = {}
    read_row = _target_row if targets else _value_row
    for row in reader:
        line = reader.line_num
        cells = {key: (value or "").strip() for key, value in row.items() if key}
        if not any(cells.values()):
            continue
        try:
            indicator = indicators.get(cells.get("indicator", ""))
            if indicator is None:
                raise ValidationError(
                    _("Onbekende indicator '%(name)s'.")
                    % {"name": cells.get("indicator", "")}
                )
            item = read_row(indicator, cells, indicators)
        except ValidationError as error:
            report.rejected.append(Rejection(line, _reason(error)))
            continue
        key = (indicator.pk, item.year if targets else item.period)
        if key in seen:
            if targets:
                reason = _(
                    "Dezelfde indicator en hetzelfde jaar staan al op regel %(line)s."
                )
            else:
                reason = _("Dezelfde indicator en periode staan al op regel %(line)s.")
            report.rejected.append(Rejection(line, reason % {"line": seen[key]}))
            continue
        seen[key] = line
        prepared.append(item)
        if item.pk:
            report.updated += 1
        else:
            report.created += 1
    if report.rejected and not partial:
        return report
    indicator_rows_save(prepared, batch_size=batch_size)
    report.saved = True
    return report


def _value_row(indicator: Indicator, cells: dict, known: _Indicators) -> IndicatorValue:
    period = parse_period(cells.get("period", ""), indicator.frequency)
    measured = cells.get("measured_on")
    return indicator_value_prepare(
        indicator=indicator,
        period=period,
        value=parse_number(cells.get("value", "")),
        measured_on=parse_date(measured) if measured else None,
        note=cells.get("note", ""),
        existing=known.existing(indicator, period, targets=False),
    )


def _target_row(
    indicator: Indicator, cells: dict, known: _Indicators
) -> IndicatorTarget:
    year_text = cells.get("year", "")
    if not (year_text.isdigit() and len(year_text) == 4):
        raise ValidationError(
            _("'%(text)s' is geen jaar (schrijf bijvoorbeeld 2031).")
            % {"text": year_text}
        )
    year = int(year_text)
    return indicator_target_prepare(
        indicator=indicator,
        year=year,
        value=parse_number(cells.get("value", "")),
        note=cells.get("note", ""),
        existing=known.existing(indicator, year, targets=True),
    )
