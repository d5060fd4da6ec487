"""Who offers help and where: organisations and locations of the social map.

The field names follow Open Referral HSDS 3.0 (`organization`, `location`, `address`,
`accessibility`), so the API and the export are a plain mapping. Ids are UUIDs, as in
HSDS, and survive an export and re-import.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Organization(DraftStateMixin, RevisionMixin, ClusterableModel):
    """An organisation on the social map (HSDS `organization`). It may be one of the
    portal's partner organisations (`portal_organisation`): that partner's members
    may then propose changes to its services."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(_("naam"), max_length=255)
    alternate_name = models.CharField(_("andere naam"), max_length=255, blank=True)
    description = models.TextField(_("omschrijving"))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    portal_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("partnerorganisatie in het portaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="socialmap_organizations",
        help_text=_(
            "De leden van deze partner kunnen wijzigingen aan de diensten voorstellen."
        ),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
        FieldPanel("portal_organisation"),
    ]

    class Meta:
        verbose_name = _("organisatie op de sociale kaart")
        verbose_name_plural = _("organisaties op de sociale kaart")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Fysieke plaats")
    POSTAL = "postal", _("Postadres")
    VIRTUAL = "virtual", _("Online")


class Location(RevisionMixin, ClusterableModel):
    """A place where services are offered (HSDS `location`), with its one address
    (HSDS `address`) and coordinates (WGS84)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    location_type = models.CharField(
        _("soort plaats"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    name = models.CharField(_("naam"), max_length=255)
    description = models.TextField(_("omschrijving"), blank=True)
    transportation = models.TextField(_("bereikbaarheid"), blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    address_id = models.UUIDField(default=new_id, editable=False)
    address_1 = models.CharField(_("straat en nummer"), max_length=255, blank=True)
    address_2 = models.CharField(_("adresaanvulling"), max_length=255, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=120, blank=True)
    state_province = models.CharField(
        _("provincie"), max_length=120, blank=True, default="Oost-Vlaanderen"
    )
    country = models.CharField(_("land (ISO)"), max_length=2, default="BE")

    panels = [
        FieldPanel("name"),
        FieldPanel("organization"),
        FieldPanel("location_type"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address_1"),
                FieldPanel("address_2"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("state_province"), FieldPanel("country")]),
            ],
            heading=_("Adres"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("transportation"),
        InlinePanel("accessibility", label=_("Toegankelijkheid")),
    ]

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.address_line})" if self.address_1 else self.name

    @property
    def address_line(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address_1, place) if part)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_wheelchair_accessible(self) -> bool:
        return any(
            item.feature == AccessibilityFeature.WHEELCHAIR
            for item in self.accessibility.all()
        )


class AccessibilityFeature(models.TextChoices):
    """Kinds of accessibility the citizen search filters on; HSDS `details`."""

    WHEELCHAIR = "wheelchair", _("Rolstoeltoegankelijk")
    TOILET = "accessible_toilet", _("Aangepast toilet")
    HEARING_LOOP = "hearing_loop", _("Ringleiding")
    PARKING = "parking", _("Parkeerplaats voor personen met een handicap")
    OTHER = "other", _("Andere")


class Accessibility(Orderable):
    """One accessibility arrangement of a location (HSDS `accessibility`)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    location = ParentalKey(
        Location, on_delete=models.CASCADE, related_name="accessibility"
    )
    feature = models.CharField(
        _("voorziening"),
        max_length=20,
        choices=AccessibilityFeature.choices,
        default=AccessibilityFeature.OTHER,
    )
    description = models.CharField(_("omschrijving"), max_length=255, blank=True)
    url = models.URLField(_("meer informatie"), blank=True)

    panels = [FieldPanel("feature"), FieldPanel("description"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("toegankelijkheid")
        verbose_name_plural = _("toegankelijkheid")

    def __str__(self) -> str:
        return self.description or self.get_feature_display()
