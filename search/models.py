"""What the database backend stores, and the synonyms every backend expands.

`IndexedDocument` holds one `SearchDocument`'s fields, so facets and the audience
filter are plain indexed columns; the engine's own text structure (an FTS5 table on
SQLite, a `tsvector` table on PostgreSQL) sits beside it, keyed by its id.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.analysis import parse_synonym_groups


class IndexedDocument(models.Model):
    key = models.CharField(max_length=255, unique=True)
    source = models.CharField(max_length=255, db_index=True)
    # No choices: each content kind's app adds its DocumentKind without a migration.
    kind = models.CharField(max_length=32)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=1000, blank=True)
    context = models.TextField(blank=True)
    # The audience value access gave the document (portal.access.audiences); no
    # choices, so the engine's table knows nothing of the portal.
    audience = models.CharField(max_length=16)
    # The circles an internal item is narrowed to, packed like the facets
    # ("|organisation:3|signal-coordinators|"); "" when the audience alone decides.
    # Plain text, no foreign keys: deleting an organisation must never widen who
    # sees its internal items; the index entry goes when its source goes.
    circles = models.TextField(blank=True, default="")
    organisation = models.CharField(max_length=255, blank=True)
    # The multi-valued facets packed (`pack_values`), so an engine counts and
    # filters every facet from the document row alone.
    life_domains = models.TextField(blank=True, default="")
    target_groups = models.TextField(blank=True, default="")
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    fingerprint = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("geïndexeerd document")
        verbose_name_plural = _("geïndexeerde documenten")
        indexes = [
            models.Index(fields=["-date"], name="search_date"),
        ]

    def __str__(self) -> str:
        return self.key


class Synonym(index.Indexed, models.Model):
    """Words that mean the same to the people who search: an abbreviation and its
    expansion, an old name and a new one. Every backend expands them at query time."""

    terms = models.TextField(
        _("termen"),
        help_text=_(
            "Gelijkwaardige woorden of woordgroepen, gescheiden door komma's, "
            "bijvoorbeeld: OCMW, sociaal huis"
        ),
    )
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def variants(self) -> list[str]:
        return [part.strip() for part in self.terms.split(",") if part.strip()]

    def clean(self):
        if not parse_synonym_groups([self.terms]):
            raise ValidationError(
                {"terms": _("Geef minstens twee termen, gescheiden door een komma.")}
            )


#: Separates packed facet values, and bounds them, so "|Wonen|" finds one value.
VALUE_SEPARATOR = "|"


def pack_values(values) -> str:
    """Facet values as one string: "|Wonen|Werken|" ("" for none)."""
    values = [value.replace(VALUE_SEPARATOR, "/")[:255] for value in values]
    values = list(dict.fromkeys(value for value in values if value))
    if not values:
        return ""
    return VALUE_SEPARATOR + VALUE_SEPARATOR.join(values) + VALUE_SEPARATOR


def unpack_values(packed: str) -> list[str]:
    return [value for value in packed.split(VALUE_SEPARATOR) if value]


def synonym_groups() -> list[list[tuple[str, ...]]]:
    """All synonym groups as folded word tuples (read per query: the table is small)."""
    return parse_synonym_groups(list(Synonym.objects.values_list("terms", flat=True)))
