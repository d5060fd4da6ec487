"""The one document schema every kind of content is indexed as.

Adapters (`search.registry`) turn objects into `SearchDocument`s; backends store and
query them and never see the objects themselves.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    FRAMEWORK_TEXT = "framework_text", _("Kadertekst")
    FRAMEWORK_SECTION = "framework_section", _("Onderdeel van een kadertekst")
    POLICY_PLAN = "policy_plan", _("Beleidsplan")
    PLAN_SECTION = "plan_section", _("Hoofdstuk van een beleidsplan")
    GOAL = "goal", _("Doelstelling")
    PAGE = "page", _("Pagina")
    SIGNAL = "signal", _("Signaal")
    SIGNAL_BUNDLE = "signal_bundle", _("Signalenbundel")
    SERVICE = "service", _("Dienst op de sociale kaart")
    ORGANISATION = "organisation", _("Organisatie")
    FILE = "file", _("Bestand")
    BODY = "body", _("Overlegorgaan")
    MEETING = "meeting", _("Vergadering")
    ADVICE = "advice", _("Advies")
    INDICATOR = "indicator", _("Indicator")


class Facet(models.TextChoices):
    """The facets every backend counts, after the audience filter."""

    KIND = "kind", _("Soort")
    LIFE_DOMAIN = "life_domain", _("Levensdomein")
    TARGET_GROUP = "target_group", _("Doelgroep")
    ORGANISATION = "organisation", _("Organisatie")
    YEAR = "year", _("Jaar")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevantie")
    DATE = "date", _("Datum")


def facet_value_label(facet: str, value: str) -> str:
    """How a facet value reads to people: a kind by its label, anything else (life
    domains, target groups, organisations, years) by its own name."""
    if facet == Facet.KIND and value in DocumentKind.values:
        return str(DocumentKind(value).label)
    return value


@dataclass(frozen=True)
class SearchDocument:
    """One searchable unit: a page, a section of a text, a goal, ...

    `key` is stable and hierarchical: "<app.model>:<pk>" for an object and
    "<app.model>:<pk>#<anchor>" for a part of it, so removing an object's key also
    removes its parts. `audience` is the audience of the page the document comes
    from. `circles` narrows an internal item to the people in one of them (see
    `portal.access.circles`); empty, the audience alone decides.
    """

    key: str
    kind: str
    title: str
    body: str
    url: str
    audience: str
    circles: tuple[str, ...] = ()
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    organisation: str = ""
    date: datetime.date | None = None
    year: int | None = None
    boost: float = 1.0
    context: str = field(default="")

    @property
    def source(self) -> str:
        """The key of the object this document comes from."""
        return source_of(self.key)

    def facet_values(self) -> list[tuple[str, str]]:
        """(facet, value) pairs, the way every backend counts them."""
        pairs = [(Facet.KIND.value, self.kind)]
        pairs += [(Facet.LIFE_DOMAIN.value, name) for name in self.life_domains]
        pairs += [(Facet.TARGET_GROUP.value, name) for name in self.target_groups]
        if self.organisation:
            pairs.append((Facet.ORGANISATION.value, self.organisation))
        if self.year:
            pairs.append((Facet.YEAR.value, str(self.year)))
        return pairs

    @property
    def fingerprint(self) -> str:
        """A hash of every field: `check()` compares it to find outdated entries."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha1(raw.encode()).hexdigest()


def source_of(key: str) -> str:
    return key.split("#", 1)[0]


def object_key(obj) -> str:
    """The key of a model instance: "<app_label.model_name>:<pk>"."""
    return f"{obj._meta.label_lower}:{obj.pk}"
