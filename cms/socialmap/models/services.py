"""What a person can ask for: services, where and when they are offered, how to reach
them, what they cost and who they are for (HSDS `service` and its parts)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from cms.socialmap.models.directory import Location, Organization, new_id
from cms.socialmap.opening import WEEKDAYS


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Niet actief")
    DEFUNCT = "defunct", _("Stopgezet")
    TEMPORARILY_CLOSED = "temporarily closed", _("Tijdelijk gesloten")


class Service(DraftStateMixin, RevisionMixin, ClusterableModel):
    """A service of an organisation (HSDS `service`). Civil servants edit and publish
    it in the admin; a partner's proposal is a draft revision until one publishes it,
    so the public only ever sees the live row."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("naam"), max_length=255)
    alternate_name = models.CharField(_("andere naam"), max_length=255, blank=True)
    description = models.TextField(
        _("wat kun je vragen?"),
        blank=True,
        help_text=_("In eenvoudige taal: waarmee kan deze dienst je helpen?"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ServiceStatus.choices,
        default=ServiceStatus.ACTIVE,
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    application_process = models.TextField(_("hoe aanvragen?"), blank=True)
    fees_description = models.TextField(_("kosten"), blank=True)
    eligibility_description = models.TextField(_("voor wie?"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    interpretation_services = models.TextField(_("tolken"), blank=True)
    alert = models.CharField(_("tijdelijke melding"), max_length=500, blank=True)
    closed_on_public_holidays = models.BooleanField(
        _("gesloten op wettelijke feestdagen"), default=True
    )
    assured_date = models.DateField(_("laatst nagekeken op"), null=True, blank=True)
    assurer_email = models.EmailField(_("nagekeken door (e-mail)"), blank=True)
    life_domains = ParentalManyToManyField(
        "cms.LifeDomain", verbose_name=_("levensdomeinen"), blank=True
    )
    target_groups = ParentalManyToManyField(
        "cms.TargetGroup", verbose_name=_("doelgroepen"), blank=True
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    content_panels = [
        FieldPanel("name"),
        FieldPanel("alternate_name"),
        FieldPanel("organization"),
        FieldPanel("status"),
        FieldPanel("alert"),
        FieldPanel("description"),
        FieldPanel("application_process"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility_description"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
            ],
            heading=_("Voor wie"),
        ),
        FieldPanel("life_domains"),
        FieldPanel("target_groups"),
    ]
    practical_panels = [
        InlinePanel("service_at_locations", label=_("Locatie")),
        InlinePanel("schedules", label=_("Openingsuren en uitzonderingen")),
        FieldPanel("closed_on_public_holidays"),
        InlinePanel("phones", label=_("Telefoonnummer")),
        FieldRowPanel([FieldPanel("email"), FieldPanel("url")]),
        InlinePanel("contacts", label=_("Contactpunt")),
        InlinePanel("languages", label=_("Taal")),
        FieldPanel("interpretation_services"),
        FieldPanel("fees_description"),
        InlinePanel("cost_options", label=_("Tarief")),
    ]
    check_panels = [FieldPanel("assured_date"), FieldPanel("assurer_email")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Dienst")),
            ObjectList(practical_panels, heading=_("Praktisch")),
            ObjectList(check_panels, heading=_("Nagekeken")),
        ]
    )

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("De maximumleeftijd ligt onder de minimumleeftijd.")}
            )

    @property
    def is_free(self) -> bool:
        """Free of charge: it names its costs, and every one of them is zero."""
        amounts = [option.amount for option in self.cost_options.all()]
        return bool(amounts) and all(not amount for amount in amounts)


class ServiceAtLocation(Orderable):
    """Where a service is offered (HSDS `service_at_location`)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("locatie"),
        on_delete=models.PROTECT,
        related_name="service_at_locations",
    )
    description = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [FieldPanel("location"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("dienst op locatie")
        verbose_name_plural = _("diensten op locatie")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class PhoneType(models.TextChoices):
    TEXT = "text", _("Sms")
    VOICE = "voice", _("Telefoon")
    FAX = "fax", _("Fax")
    CELL = "cell", _("Gsm")
    VIDEO = "video", _("Videogesprek")
    PAGER = "pager", _("Pieper")
    TEXTPHONE = "textphone", _("Teksttelefoon")


class Phone(Orderable):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("nummer"), max_length=40)
    type = models.CharField(
        _("soort"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [FieldPanel("number"), FieldPanel("type"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("telefoonnummer")
        verbose_name_plural = _("telefoonnummers")

    def __str__(self) -> str:
        return self.number


class Contact(Orderable):
    """A contact point of a service: a function or desk, never a private person's
    details unless that person agreed to be listed."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam of functie"), max_length=255)
    title = models.CharField(_("functie"), max_length=255, blank=True)
    department = models.CharField(_("afdeling"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("department"),
        FieldPanel("email"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contactpunt")
        verbose_name_plural = _("contactpunten")

    def __str__(self) -> str:
        return self.name


class Language(Orderable):
    """A language a service can be used in (ISO 639-1 code and its Dutch name)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("taalcode"), max_length=8, help_text=_("Bv. nl, fr, ar"))
    name = models.CharField(_("taal"), max_length=60)
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("taal")
        verbose_name_plural = _("talen")

    def __str__(self) -> str:
        return self.name


class CostOption(Orderable):
    """A price (HSDS `cost_option`); a service whose prices are all zero is free."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(
        Service, on_delete=models.CASCADE, related_name="cost_options"
    )
    option = models.CharField(_("omschrijving"), max_length=255)
    amount = models.DecimalField(
        _("bedrag"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("munt"), max_length=3, default="EUR")
    amount_description = models.CharField(_("toelichting"), max_length=255, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)

    panels = [
        FieldPanel("option"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")]),
        FieldPanel("amount_description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")

    def __str__(self) -> str:
        return self.option


class Schedule(Orderable):
    """One rule of a service's opening hours (HSDS `schedule`):

    - a weekly rule: `byday` ("MO,TU") with `opens_at`-`closes_at`, optionally only
      between `valid_from` and `valid_to`; a closing time at or before the opening
      time runs past midnight;
    - an exception: no `byday`, a date range, and hours (open differently on those
      days) or no hours (closed on those days, e.g. a summer closure).
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(
        _("dagen"),
        max_length=40,
        blank=True,
        help_text=_("Bv. MO,TU,WE,TH,FR. Leeg voor een uitzondering op bepaalde data."),
    )
    opens_at = models.TimeField(_("open van"), null=True, blank=True)
    closes_at = models.TimeField(_("tot"), null=True, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    description = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [
        FieldPanel("byday"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("openingsuren")
        verbose_name_plural = _("openingsuren")

    def __str__(self) -> str:
        hours = (
            f"{self.opens_at:%H:%M}-{self.closes_at:%H:%M}"
            if self.opens_at and self.closes_at
            else str(_("gesloten"))
        )
        days = self.byday or f"{self.valid_from}-{self.valid_to or self.valid_from}"
        return f"{days} {hours}"

    def clean(self):
        super().clean()
        self.byday = self.byday.replace(" ", "").upper()
        days = [day for day in self.byday.split(",") if day]
        if any(day not in WEEKDAYS for day in days):
            raise ValidationError(
                {
                    "byday": _(
                        "Gebruik MO, TU, WE, TH, FR, SA, SU, gescheiden door komma's."
                    )
                }
            )
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("Geef zowel een openings- als een sluitingsuur."))
        if days and self.opens_at is None:
            raise ValidationError({"opens_at": _("Een wekelijkse regel heeft uren.")})
        if not days and self.valid_from is None:
            raise ValidationError(
                {"valid_from": _("Een uitzondering geldt vanaf een bepaalde datum.")}
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("Deze datum ligt voor de begindatum.")}
            )
