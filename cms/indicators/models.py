"""Indicators measure what a plan's goals aim to change: a definition, values per
period (with the date measured and a note) and targets per year, linked to goals.
Modelled after Kausal Watch's indicators, for social policy."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.access import Audience


class Direction(models.TextChoices):
    UP = "up", _("hoger is beter")
    DOWN = "down", _("lager is beter")
    NONE = "none", _("geen richting")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("maandelijks")
    QUARTERLY = "quarterly", _("per kwartaal")
    YEARLY = "yearly", _("jaarlijks")


class Indicator(index.Indexed, models.Model):
    """What is measured, how, and which goals it informs."""

    name = models.CharField(_("naam"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    description = models.TextField(_("omschrijving"), blank=True)
    unit = models.CharField(
        _("eenheid"), max_length=60, help_text=_("Bijvoorbeeld %, gezinnen of euro.")
    )
    direction = models.CharField(
        _("richting"), max_length=8, choices=Direction.choices, default=Direction.UP
    )
    source = models.CharField(
        _("bron"),
        max_length=255,
        blank=True,
        help_text=_("Bijvoorbeeld Statistiek Vlaanderen of de eigen registratie."),
    )
    frequency = models.CharField(
        _("frequentie"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.YEARLY,
    )
    life_domain = models.ForeignKey(
        "cms.LifeDomain",
        verbose_name=_("levensdomein"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimalen"), default=0, help_text=_("Hoeveel cijfers na de komma tonen.")
    )
    audience = models.CharField(
        _("publiek"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Wie de indicator en haar waarden mag zien."),
    )
    goals = models.ManyToManyField(
        "cms.Goal",
        verbose_name=_("doelstellingen"),
        blank=True,
        related_name="indicators",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.SearchField("source"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:255]
        super().save(*args, **kwargs)


class IndicatorValue(models.Model):
    """The value of an indicator for one period. `period` is the first day of the
    period (a year, quarter or month, after the indicator's frequency)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values"
    )
    period = models.DateField(
        _("periode"), help_text=_("De eerste dag van de periode.")
    )
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=4)
    measured_on = models.DateField(_("gemeten op"), null=True, blank=True)
    note = models.TextField(_("opmerking"), blank=True)
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="unique_indicator_value_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period:%Y-%m}: {self.value}"

    def clean(self) -> None:
        if self.measured_on and self.period and self.measured_on < self.period:
            raise ValidationError(
                {"measured_on": _("De meting ligt voor het begin van de periode.")}
            )


class IndicatorTarget(models.Model):
    """The value an indicator should reach in a year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=4)
    note = models.TextField(_("opmerking"), blank=True)

    class Meta:
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="unique_indicator_target_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
