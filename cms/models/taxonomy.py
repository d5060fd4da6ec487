"""The shared vocabularies: life domains, social rights, target groups, goal statuses.

Editable in the admin as snippets; a data migration fills them with DOMAIN.md's values.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    """A term of a controlled vocabulary, with aliases so imports can match it."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    aliases = models.CharField(
        _("andere benamingen"),
        max_length=500,
        blank=True,
        help_text=_("Komma-gescheiden; helpt bij het importeren van teksten."),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("aliases"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]


class LifeDomain(Term):
    is_cross_cutting = models.BooleanField(
        _("transversaal"),
        default=False,
        help_text=_(
            "Loopt door alle levensdomeinen heen, zoals inkomen en mobiliteit."
        ),
    )

    panels = [*Term.panels, FieldPanel("is_cross_cutting")]

    class Meta(Term.Meta):
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")


class SocialRight(Term):
    class Meta(Term.Meta):
        verbose_name = _("sociaal grondrecht")
        verbose_name_plural = _("sociale grondrechten")


class TargetGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class GoalStatus(models.Model):
    """A status a goal can be in, with the colour of its chip and the progress it
    implies when no percentage was reported."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    colour = models.CharField(
        _("kleur"),
        max_length=7,
        default="#5c6b73",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #RRGGBB."))
        ],
        help_text=_(
            "Achtergrondkleur van het label; kies een donkere kleur (witte tekst)."
        ),
    )
    default_progress = models.PositiveSmallIntegerField(
        _("standaardvoortgang (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_closed = models.BooleanField(_("afgesloten"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("colour"),
        FieldPanel("default_progress"),
        FieldPanel("is_closed"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("status van een doelstelling")
        verbose_name_plural = _("statussen van doelstellingen")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
