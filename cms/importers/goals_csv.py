"""A plan's goal tree as CSV: import to create or update goals by code, export to
hand the tree back in the same columns.

A town keeps its goal tree in a spreadsheet; the CSV is the bridge. Importing the
same file twice changes nothing, and an export re-imports without changes, so the
spreadsheet and the portal can take turns.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction

from cms.importers.errors import ImportInputError, describe_validation_error
from cms.importers.owners import OwnerMatcher
from cms.importers.vocabulary import TermIndex
from cms.models import (
    Goal,
    GoalLevel,
    GoalStatus,
    LifeDomain,
    PolicyPlanPage,
    Priority,
    SocialRight,
    TargetGroup,
    TimingTerm,
)
from portal.spreadsheets import guarded_writer, unguard_cell

BASE_COLUMNS = [
    "code",
    "parent",
    "level",
    "domain",
    "title",
    "owner",
    "timing",
    "description",
]
OPTIONAL_COLUMNS = [
    "status",
    "progress",
    "priority",
    "start_date",
    "end_date",
    "life_domains",
    "social_rights",
    "target_groups",
]
TERM_COLUMNS = {
    "life_domains": LifeDomain,
    "social_rights": SocialRight,
    "target_groups": TargetGroup,
}
# The words of the file format, whatever language the interface speaks.
TIMING_WORDS = {
    TimingTerm.SHORT: "korte termijn",
    TimingTerm.LONG: "lange termijn",
    TimingTerm.SHORT_AND_LONG: "korte/lange termijn",
}
MAX_ERRORS = 10


@dataclass
class GoalImportResult:
    """How many goals the file created, changed and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    messages: list[str] = field(default_factory=list)
    reordered: int = 0
    unmatched_owners: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.reordered)


@dataclass
class _Row:
    line: int
    position: int
    code: str
    parent: str
    values: dict
    terms: dict[str, list] = field(default_factory=dict)


def import_goals(plan: PolicyPlanPage, path: Path | TextIO) -> GoalImportResult:
    """Create or update the plan's goals from a CSV file (a path or an open text
    stream), matched by code. Goals the file does not name are left alone. Raises
    ImportInputError, having saved nothing, when a row cannot be imported."""
    name, text = _read(path)
    columns, records = _parse_csv(text, name=name)
    with transaction.atomic():
        return _GoalImport(plan, columns, name=name).run(records)


def export_goals(plan: PolicyPlanPage, stream: TextIO) -> None:
    """Write the plan's goals as CSV (UTF-8, '\\n' line endings) in the columns that
    import_goals reads, in the plan's order, so the file re-imports unchanged. A text
    that a spreadsheet would run as a formula gets a leading quote, which the import
    drops again (`portal.spreadsheets`)."""
    writer = guarded_writer(stream, lineterminator="\n")
    writer.writerow(BASE_COLUMNS + OPTIONAL_COLUMNS)
    goals = (
        Goal.objects.filter(plan=plan)
        .select_related("parent", "status")
        .prefetch_related(*TERM_COLUMNS)
        .order_by("sort_order", "code", "pk")
    )
    for goal in goals:
        writer.writerow(
            [
                goal.code,
                goal.parent.code if goal.parent else "",
                goal.level,
                goal.theme,
                goal.title,
                goal.owners,
                TIMING_WORDS.get(goal.timing_term, ""),
                goal.description,
                goal.status.slug if goal.status else "",
                "" if goal.progress is None else str(goal.progress),
                goal.priority,
                goal.start_date.isoformat() if goal.start_date else "",
                goal.end_date.isoformat() if goal.end_date else "",
                *(
                    ";".join(sorted(term.slug for term in getattr(goal, name).all()))
                    for name in TERM_COLUMNS
                ),
            ]
        )


def _read(source: Path | TextIO) -> tuple[str, str]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            return path.name, path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ImportInputError(f"{path}: file not found.") from None
        except IsADirectoryError:
            raise ImportInputError(f"{path}: is a folder, not a file.") from None
        except UnicodeDecodeError:
            raise ImportInputError(f"{path}: not a UTF-8 text file.") from None
    name = Path(getattr(source, "name", "") or "CSV").name
    return name, source.read().lstrip("\ufeff")


def _parse_csv(text: str, *, name: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the non-empty rows, each with its line number."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise ImportInputError(f"{name}: the file is empty.") from None
    except csv.Error as error:
        raise ImportInputError(f"{name}: not a readable CSV file: {error}") from None
    missing = [column for column in BASE_COLUMNS if column not in header]
    if missing:
        raise ImportInputError(f"{name}: missing columns: {', '.join(missing)}.")
    doubled = sorted({column for column in header if header.count(column) > 1})
    if doubled:
        raise ImportInputError(f"{name}: columns appear twice: {', '.join(doubled)}.")
    records = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(
                cell.strip() for cell in row[len(header) :]
            ):
                raise ImportInputError(
                    f"{name}, line {reader.line_num}: more cells than columns."
                )
            row = row + [""] * (len(header) - len(row))
            row = [unguard_cell(cell) for cell in row]
            records.append((reader.line_num, dict(zip(header, row, strict=False))))
    except csv.Error as error:
        raise ImportInputError(
            f"{name}, line {reader.line_num}: not readable: {error}"
        ) from None
    return header, records


class _GoalImport:
    def __init__(self, plan: PolicyPlanPage, columns: list[str], *, name: str):
        self.plan = plan
        self.name = name
        self.columns = set(columns)
        self.result = GoalImportResult()
        self.errors: list[str] = []
        self.terms = {
            column: TermIndex(model) for column, model in TERM_COLUMNS.items()
        }
        self.statuses = {status.slug: status for status in GoalStatus.objects.all()}
        unknown = [
            column
            for column in columns
            if column not in BASE_COLUMNS and column not in OPTIONAL_COLUMNS
        ]
        if unknown:
            self.result.messages.append(
                f"{name}: columns ignored: {', '.join(unknown)}."
            )

    def run(self, records: list[tuple[int, dict]]) -> GoalImportResult:
        rows = [
            self._row(line, position, record)
            for position, (line, record) in enumerate(records)
        ]
        existing = {
            goal.code: goal
            for goal in Goal.objects.filter(plan=self.plan)
            .select_related("status")
            .prefetch_related(*TERM_COLUMNS)
        }
        ordered = self._parents_first(rows, existing)
        self._raise_errors()
        before = {code: _state(goal) for code, goal in existing.items()}
        saved: dict[str, Goal] = {}
        owners = OwnerMatcher()
        for row in ordered:
            goal = existing.get(row.code) or Goal(plan=self.plan, code=row.code)
            was_new = goal.pk is None
            old_order = goal.sort_order
            for name, value in row.values.items():
                setattr(goal, name, value)
            goal.parent = None
            if row.parent:
                goal.parent = saved.get(row.parent) or existing[row.parent]
            goal.sort_order = row.position
            try:
                goal.full_clean()
            except ValidationError as error:
                self.errors.append(
                    f"line {row.line} ({row.code}): {describe_validation_error(error)}"
                )
                self._raise_errors()
            goal.save()
            for column, terms in row.terms.items():
                getattr(goal, column).set(terms)
            _link_owners(goal, owners.match(goal.owner_list))
            saved[row.code] = goal
            if was_new:
                self.result.created += 1
            elif _state(goal) != before[row.code]:
                self.result.updated += 1
            else:
                self.result.unchanged += 1
                if old_order != goal.sort_order:
                    self.result.reordered += 1
        if self.result.reordered:
            self.result.messages.append(
                f"{self.result.reordered} goals now follow the order of the file."
            )
        self.result.unmatched_owners = sorted(owners.unmatched, key=str.casefold)
        if owners.unmatched:
            self.result.messages.append(
                f"{len(owners.unmatched)} owners match no organisation or alias "
                f"(link them in the admin, or add an alias): "
                f"{'; '.join(self.result.unmatched_owners)}."
            )
        left_alone = sorted(set(existing) - set(saved))
        if left_alone:
            shown = ", ".join(left_alone[:20]) + (", …" if len(left_alone) > 20 else "")
            self.result.messages.append(
                f"{len(left_alone)} goals of the plan are not in the file and were "
                f"left as they are: {shown}."
            )
        return self.result

    def _row(self, line: int, position: int, record: dict) -> _Row:
        def cell(column: str) -> str:
            value = record.get(column) or ""
            return value.replace("\r\n", "\n").strip()

        def error(message: str) -> None:
            self.errors.append(f"line {line}: {message}")

        code = " ".join(cell("code").split())
        if not code:
            error("the code is empty")
        values = {
            "level": self._level(cell("level"), error),
            "theme": cell("domain"),
            "title": cell("title"),
            "owners": cell("owner"),
            "timing_term": self._timing(cell("timing"), error),
            "description": cell("description"),
        }
        row = _Row(line, position, code, " ".join(cell("parent").split()), values)
        if "status" in self.columns:
            slug = cell("status")
            status = self.statuses.get(slug) if slug else None
            if slug and status is None:
                error(
                    f"unknown status '{slug}' (use one of {', '.join(self.statuses)})"
                )
            values["status"] = status
        if "progress" in self.columns:
            values["progress"] = self._progress(cell("progress"), error)
        if "priority" in self.columns:
            priority = cell("priority") or Priority.OTHER
            if priority not in Priority.values:
                error(f"unknown priority '{priority}'")
            values["priority"] = priority
        for column in ("start_date", "end_date"):
            if column in self.columns:
                values[column] = self._date(cell(column), column, error)
        for column, index in self.terms.items():
            if column in self.columns:
                terms, unknown = index.from_slugs(cell(column))
                for word in unknown:
                    self.result.messages.append(
                        f"line {line}: unknown {column.replace('_', ' ')} '{word}' "
                        "left out."
                    )
                row.terms[column] = terms
        if "social_rights" not in self.columns:
            row.terms["social_rights"] = self.terms["social_rights"].match(
                cell("domain")
            )
        return row

    @staticmethod
    def _level(value: str, error) -> str:
        level = value.lower()
        if level not in GoalLevel.values:
            error(
                f"level '{value}' is not one of {', '.join(GoalLevel.values)}"
                if value
                else "the level is empty"
            )
        return level

    @staticmethod
    def _timing(value: str, error) -> str:
        words = " ".join(value.lower().replace(" / ", "/").split())
        if not words:
            return ""
        for term, term_words in TIMING_WORDS.items():
            if words in (term_words, term.value):
                return term.value
        error(f"timing '{value}' is not one of {', '.join(TIMING_WORDS.values())}")
        return ""

    @staticmethod
    def _progress(value: str, error) -> int | None:
        if not value:
            return None
        if not value.isdigit() or int(value) > 100:
            error(f"progress '{value}' is not a number from 0 to 100")
            return None
        return int(value)

    @staticmethod
    def _date(value: str, column: str, error) -> datetime.date | None:
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            error(f"{column} '{value}' is not a date (YYYY-MM-DD)")
            return None

    def _parents_first(self, rows: list[_Row], existing: dict[str, Goal]) -> list[_Row]:
        """Check codes and parents across the whole file (a parent may come after its
        children), then order the rows so every parent is saved before its children."""
        by_code: dict[str, _Row] = {}
        for row in rows:
            if row.code in by_code:
                self.errors.append(
                    f"line {row.line}: code '{row.code}' already used on line "
                    f"{by_code[row.code].line}"
                )
            elif row.code:
                by_code[row.code] = row
        for row in rows:
            if not row.parent:
                continue
            if row.parent == row.code:
                self.errors.append(f"line {row.line}: {row.code} is its own parent")
            elif row.parent not in by_code and row.parent not in existing:
                self.errors.append(
                    f"line {row.line}: parent '{row.parent}' of {row.code} does not "
                    "exist in the file or the plan"
                )
        if self.errors:
            return []
        ordered: list[_Row] = []
        state: dict[str, str] = {}

        def visit(row: _Row) -> None:
            if state.get(row.code) == "done":
                return
            if state.get(row.code) == "visiting":
                self.errors.append(f"line {row.line}: the parents of {row.code} loop")
                return
            state[row.code] = "visiting"
            parent = by_code.get(row.parent)
            if parent is not None:
                visit(parent)
            state[row.code] = "done"
            ordered.append(row)

        for row in by_code.values():
            visit(row)
        return ordered

    def _raise_errors(self) -> None:
        if self.errors:
            shown = self.errors[:MAX_ERRORS]
            more = len(self.errors) - len(shown)
            raise ImportInputError(
                f"{self.name}: "
                + "; ".join(shown)
                + (f"; and {more} more problems" if more > 0 else "")
                + "."
            )


def _link_owners(goal: Goal, organisations: list) -> None:
    """Add the matched organisations as owners; the first becomes the lead unless a
    civil servant already chose one. Links made by hand are never removed."""
    if not organisations:
        return
    goal.owner_organisations.add(*organisations)
    if goal.lead_organisation_id is None:
        goal.lead_organisation = organisations[0]
        goal.save(update_fields=["lead_organisation"])


def _state(goal: Goal) -> dict:
    """Everything an import can change on a goal except its place in the order."""
    return {
        "parent": goal.parent_id,
        "level": goal.level,
        "theme": goal.theme,
        "title": goal.title,
        "owners": goal.owners,
        "timing_term": goal.timing_term,
        "description": goal.description,
        "status": goal.status_id,
        "progress": goal.progress,
        "priority": goal.priority,
        "start_date": goal.start_date,
        "end_date": goal.end_date,
        **{
            name: sorted(term.pk for term in getattr(goal, name).all())
            for name in TERM_COLUMNS
        },
    }
