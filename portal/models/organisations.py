from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Sector(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Lokaal bestuur")
    SOCIAL_SERVICE = "social_service", _("OCMW / sociaal huis")
    WELFARE = "welfare", _("Welzijn")
    CARE_AND_HEALTH = "care_and_health", _("Zorg en gezondheid")
    HOUSING = "housing", _("Wonen")
    WORK = "work", _("Werk")
    EDUCATION = "education", _("Onderwijs")
    COMMUNITY = "community", _("Samenlevingsopbouw en vrije tijd")
    CARE_COUNCIL = "care_council", _("Zorgraad / eerstelijnszone")
    OTHER = "other", _("Andere")


kbo_validator = RegexValidator(
    r"^[01]\d{3}\.\d{3}\.\d{3}$",
    _("Een KBO-nummer heeft de vorm 0123.456.789."),
)


class Organisation(index.Indexed, models.Model):
    """An organisation taking part in local social policy: the town, its OCMW, or a
    third partner (non-profit welfare organisation, CAW, housing company, ...)."""

    name = models.CharField(_("naam"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    kbo_number = models.CharField(
        _("KBO-nummer"), max_length=12, blank=True, validators=[kbo_validator]
    )
    sector = models.CharField(
        _("sector"), max_length=32, choices=Sector.choices, default=Sector.OTHER
    )
    is_partner = models.BooleanField(
        _("derde partner"),
        default=False,
        help_text=_(
            "Leden van een partnerorganisatie krijgen toegang tot het partnerportaal."
        ),
    )
    website = models.URLField(_("website"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:255]
        super().save(*args, **kwargs)


class OrganisationAlias(models.Model):
    """Another name under which an organisation appears in imported texts (e.g.
    "Sociale dienst" for the OCMW), so the goal-tree importer can match owners."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisatie"),
    )
    alias = models.CharField(_("andere naam"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("andere naam van een organisatie")
        verbose_name_plural = _("andere namen van organisaties")
        ordering = ["alias"]

    def __str__(self) -> str:
        return f"{self.alias} → {self.organisation}"


class Membership(models.Model):
    """A user's membership of an organisation, with the role they hold inside it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("lid")
        COORDINATOR = "coordinator", _("coördinator")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        ACTIVE = "active", _("actief")
        ENDED = "ended", _("beëindigd")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
