"""A signal, its timeline, the organisations that recognise it, and its attachments.

Rows are written only by `cms.signals.services`; the timeline is appended to, never
edited.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.signals.attachments import attachment_upload_to, validate_attachment


class SignalState(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    RETURNED = "returned", _("teruggestuurd")
    REJECTED = "rejected", _("afgewezen")
    MERGED = "merged", _("samengevoegd")
    REGISTERED = "registered", _("geregistreerd")
    BUNDLED = "bundled", _("gebundeld")
    ANALYSED = "analysed", _("geanalyseerd")
    COMMUNICATED = "communicated", _("gecommuniceerd")
    ANSWERED = "answered", _("beantwoord")
    CLOSED = "closed", _("afgesloten")


#: What each state means, in a sentence: the legend of the intranet's signal list
#: and of a signal's timeline (`signals/includes/state_legend.html`).
STATE_DESCRIPTIONS = {
    SignalState.DRAFT: _(
        "De organisatie schrijft het signaal nog; alleen zij ziet het."
    ),
    SignalState.SUBMITTED: _(
        "De organisatie heeft het signaal ingediend; een signaalcoördinator "
        "screent het."
    ),
    SignalState.RETURNED: _(
        "De signaalcoördinator heeft het signaal teruggestuurd met een vraag; de "
        "organisatie past het aan en dient het opnieuw in."
    ),
    SignalState.REJECTED: _(
        "Het signaal wordt niet verder opgevolgd, bijvoorbeeld omdat het over één "
        "persoon gaat; de reden staat op de tijdlijn."
    ),
    SignalState.MERGED: _(
        "Het signaal is opgenomen in een ander signaal over hetzelfde probleem; dat "
        "signaal wordt verder opgevolgd."
    ),
    SignalState.REGISTERED: _(
        "De signaalcoördinator heeft het signaal aanvaard; alle partnerorganisaties "
        "zien het nu."
    ),
    SignalState.BUNDLED: _("Het signaal is opgenomen in een signalenbundel."),
    SignalState.ANALYSED: _(
        "Het signaal is geanalyseerd en heeft een aanbeveling voor het beleid."
    ),
    SignalState.COMMUNICATED: _(
        "Het signaal is bezorgd aan een beleidsadressaat, die binnen 30 dagen "
        "antwoordt. Daarna staat het signaal over tijd."
    ),
    SignalState.ANSWERED: _(
        "De beleidsadressaat heeft geantwoord; het beleidsantwoord staat bij het "
        "signaal."
    ),
    SignalState.CLOSED: _(
        "De opvolging is rond. Komt het probleem terug, dan kan het signaal opnieuw "
        "geregistreerd worden."
    ),
}


#: The states in which a signal may be put in a bundle (registered or further).
BUNDLEABLE_STATES = [
    SignalState.REGISTERED,
    SignalState.BUNDLED,
    SignalState.ANALYSED,
    SignalState.COMMUNICATED,
    SignalState.ANSWERED,
    SignalState.CLOSED,
]


class Frequency(models.TextChoices):
    ONCE = "once", _("eenmalig")
    SOMETIMES = "sometimes", _("af en toe")
    MONTHLY = "monthly", _("maandelijks")
    WEEKLY = "weekly", _("wekelijks")
    DAILY = "daily", _("dagelijks")


class Signal(models.Model):
    """A structural problem noticed by front-line workers; never an individual case."""

    reference = models.CharField(
        _("referentie"), max_length=16, unique=True, editable=False
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving van het probleem"))
    affected = models.TextField(
        _("wie wordt getroffen"),
        blank=True,
        help_text=_("Beschrijf groepen, nooit herkenbare personen."),
    )
    target_groups = models.ManyToManyField(
        "cms.TargetGroup", verbose_name=_("doelgroepen"), blank=True
    )
    life_domains = models.ManyToManyField(
        "cms.LifeDomain", verbose_name=_("levensdomeinen"), blank=True
    )
    social_rights = models.ManyToManyField(
        "cms.SocialRight", verbose_name=_("sociale grondrechten"), blank=True
    )
    region = models.CharField(_("regio of gemeente"), max_length=120, blank=True)
    observed_since = models.DateField(_("vastgesteld sinds"), null=True, blank=True)
    frequency = models.CharField(
        _("hoe vaak"), max_length=16, choices=Frequency.choices, blank=True
    )
    example = models.TextField(
        _("geanonimiseerd voorbeeld"),
        blank=True,
        help_text=_("Zonder namen, adressen, rijksregisternummers of contactgegevens."),
    )
    causes = models.TextField(_("oorzaken volgens het werkveld"), blank=True)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    co_organisations = models.ManyToManyField(
        "portal.Organisation",
        verbose_name=_("mee gedragen door"),
        blank=True,
        related_name="carried_signals",
        help_text=_("Organisaties van signalen die in dit signaal zijn samengevoegd."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=SignalState.choices,
        default=SignalState.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_signals",
    )
    addressee = models.CharField(_("beleidsadressaat"), max_length=200, blank=True)
    answer = models.TextField(_("beleidsantwoord"), blank=True)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    consent_given = models.BooleanField(_("toestemming tot publicatie"), default=False)
    goals = models.ManyToManyField(
        "cms.Goal",
        verbose_name=_("doelstellingen"),
        blank=True,
        related_name="signals",
        help_text=_("De doelstellingen van een plan die dit signaal mee vormt."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    communicated_at = models.DateTimeField(
        _("gecommuniceerd op"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("De vrije tekst is na de bewaartermijn verwijderd."),
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partners:signal", args=[self.pk])

    @property
    def organisation_ids(self) -> set[int]:
        """The submitting organisation and those whose signals were merged in."""
        ids = {self.organisation_id}
        if self.pk:
            ids |= {org.pk for org in self.co_organisations.all()}
        return ids

    def text_fields(self) -> dict[str, str]:
        """The free texts the privacy guard checks, by field name."""
        return {
            name: getattr(self, name) or ""
            for name in (
                "title",
                "description",
                "affected",
                "region",
                "example",
                "causes",
            )
        }


class SignalEvent(models.Model):
    """One line of a signal's timeline: a state change, a comment, a recognition or
    a consent decision. Appended, never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        EDITED = "edited", _("gewijzigd")
        TRANSITION = "transition", _("statuswijziging")
        COMMENT = "comment", _("opmerking")
        RECOGNITION = "recognition", _("herkenning")
        CONSENT_GIVEN = "consent_given", _("toestemming gegeven")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("toestemming ingetrokken")
        RETENTION = "retention", _("bewaartermijn verstreken")
        GOAL_LINKED = "goal_linked", _("gekoppeld aan een doelstelling")
        GOAL_UNLINKED = "goal_unlinked", _("losgekoppeld van een doelstelling")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(
        _("van"), max_length=16, choices=SignalState.choices, blank=True
    )
    to_state = models.CharField(
        _("naar"), max_length=16, choices=SignalState.choices, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal.reference}: {self.get_kind_display()}"


class Recognition(models.Model):
    """A partner organisation recognises a registered signal from its own work."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="recognitions"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("herkenning")
        verbose_name_plural = _("herkenningen")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "organisation"], name="unique_recognition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.signal.reference}"


class SignalAttachment(models.Model):
    """A file added to a signal, stored under a private path."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("bestand"),
        upload_to=attachment_upload_to,
        validators=[validate_attachment],
        max_length=255,
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    size = models.PositiveIntegerField(_("grootte"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("partners:signal_attachment", args=[self.signal_id, self.pk])
