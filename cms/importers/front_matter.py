"""The YAML front matter of an import document, read and checked before anything is
saved, so a typo in a date or a kind stops the import with a message instead of half
a page."""

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.importers.errors import ImportInputError
from cms.models import PlanKind, PlanStatus, TextStyle


class DocumentKind(models.TextChoices):
    """The `kind` of an import document: which page type it becomes."""

    FRAMEWORK_TEXT = "framework_text", _("kadertekst")
    POLICY_PLAN = "policy_plan", _("beleidsplan")


COMMON_KEYS = {"kind", "title", "owner", "summary", "life_domains", "infer_headings"}
FRAMEWORK_TEXT_KEYS = {
    "valid_from",
    "valid_until",
    "version",
    "replaces",
    "published",
    "style",
}
POLICY_PLAN_KEYS = {
    "plan_kind",
    "start_year",
    "end_year",
    "status",
    "governing_bodies",
    "level_labels",
    "timing_terms",
    "goals",
}


@dataclass
class DocumentMeta:
    """What the front matter says, typed. Empty values mean 'not given'."""

    kind: str
    title: str
    owner: str = ""
    summary: str | None = None
    life_domains: list[str] = field(default_factory=list)
    # lines in capitals and numbered lines become headings (cms.importers.headings)
    infer_headings: bool = True
    # framework texts
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    version: str = ""
    replaces: str = ""
    published: datetime.date | None = None
    style: str = TextStyle.SECTIONS
    # policy plans
    plan_kind: str = PlanKind.MULTI_YEAR
    start_year: int | None = None
    end_year: int | None = None
    status: str = PlanStatus.DRAFT
    governing_bodies: list[str] = field(default_factory=list)
    level_labels: list[str] = field(default_factory=list)
    timing_terms: str = ""
    goals: str = ""
    messages: list[str] = field(default_factory=list)


def has_front_matter(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("---")


def split_front_matter(text: str, *, source: str) -> tuple[dict, str]:
    """Split '---\\nyaml\\n---\\nbody' into the parsed mapping and the body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ImportInputError(f"{source}: the file does not start with front matter.")
    try:
        end = next(
            index
            for index, line in enumerate(lines[1:], start=1)
            if line.strip() in ("---", "...")
        )
    except StopIteration:
        raise ImportInputError(
            f"{source}: the front matter is not closed with a '---' line."
        ) from None
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 2026-13-45
        raise ImportInputError(
            f"{source}: the front matter is not valid YAML: {error}"
        ) from None
    if not isinstance(data, dict):
        raise ImportInputError(f"{source}: the front matter must be a set of keys.")
    return data, "\n".join(lines[end + 1 :])


def read_meta(data: dict, *, source: str) -> DocumentMeta:
    """Check the keys and values of the front matter; raise ImportInputError with
    every problem at once."""
    reader = _Reader(data, source)
    kind = reader.choice("kind", DocumentKind.values, required=True)
    meta = DocumentMeta(kind=kind or "", title=reader.text("title", required=True))
    if kind is None:
        reader.raise_errors()
    meta.owner = reader.text("owner")
    meta.summary = reader.text("summary") if "summary" in data else None
    meta.life_domains = reader.text_list("life_domains")
    meta.infer_headings = reader.boolean("infer_headings", default=True)
    if kind == DocumentKind.FRAMEWORK_TEXT:
        meta.valid_from = reader.date("valid_from")
        meta.valid_until = reader.date("valid_until")
        meta.version = reader.text("version")
        meta.replaces = reader.text("replaces")
        meta.published = reader.date("published")
        meta.style = reader.choice("style", TextStyle.values) or TextStyle.SECTIONS
        allowed = COMMON_KEYS | FRAMEWORK_TEXT_KEYS
    else:
        meta.plan_kind = reader.choice("plan_kind", PlanKind.values) or meta.plan_kind
        meta.start_year = reader.year("start_year", required=True)
        meta.end_year = reader.year("end_year", required=True)
        meta.status = reader.choice("status", PlanStatus.values) or meta.status
        meta.governing_bodies = reader.text_list("governing_bodies")
        meta.level_labels = reader.text_list("level_labels")
        meta.timing_terms = reader.text("timing_terms")
        meta.goals = reader.text("goals")
        allowed = COMMON_KEYS | POLICY_PLAN_KEYS
        if len(meta.level_labels) > 4:
            reader.errors.append("level_labels has more than four levels")
    if len(meta.title) > 255:
        reader.errors.append("title is longer than 255 characters")
    reader.raise_errors()
    ignored = sorted(set(data) - allowed)
    if kind and ignored:
        meta.messages.append(
            f"Front matter keys ignored for a {kind.replace('_', ' ')}: "
            + ", ".join(ignored)
        )
    return meta


class _Reader:
    def __init__(self, data: dict, source: str):
        self.data = data
        self.source = source
        self.errors: list[str] = []

    def raise_errors(self) -> None:
        if self.errors:
            raise ImportInputError(
                f"{self.source}: front matter: " + "; ".join(self.errors) + "."
            )

    def _value(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if value in (None, "", []) and required:
            self.errors.append(f"{key} is missing")
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = self._value(key, required)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.errors.append(f"{key} must be a single value")
            return ""
        return str(value).strip()

    def text_list(self, key: str) -> list[str]:
        value = self._value(key, False)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(
            isinstance(item, (dict, list)) for item in value
        ):
            self.errors.append(f"{key} must be a list of names")
            return []
        return [str(item).strip() for item in value if str(item).strip()]

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._value(key, False)
        if value in (None, ""):
            return default
        if not isinstance(value, bool):
            self.errors.append(f"{key} '{value}' is not true or false")
            return default
        return value

    def choice(self, key: str, choices, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if not value:
            return None
        if value not in choices:
            self.errors.append(
                f"{key} '{value}' is not one of {', '.join(sorted(choices))}"
            )
            return None
        return value

    def date(self, key: str) -> datetime.date | None:
        value = self._value(key, False)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.errors.append(f"{key} '{value}' is not a date (YYYY-MM-DD)")
            return None

    def year(self, key: str, *, required: bool = False) -> int | None:
        value = self._value(key, required)
        if value in (None, ""):
            return None
        try:
            year = int(str(value).strip())
        except ValueError:
            year = 0
        if not 1900 <= year <= 2200:
            self.errors.append(f"{key} '{value}' is not a year")
            return None
        return year
