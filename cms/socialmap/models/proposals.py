"""Proposed changes to a service, kept as objects a civil servant reviews: a
partner's proposal (new values for the parts of the service page) or a citizen's
"Meld een fout" report (what is wrong, in their own words). Nothing here is public
until a civil servant takes it over into a published revision of the service."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.socialmap.models.services import Service


class ProposalKind(models.TextChoices):
    PARTNER = "partner", _("Voorstel van een partner")
    REPORT = "report", _("Melding van een burger")


class ProposalState(models.TextChoices):
    OPEN = "open", _("Open")
    PARTLY_ACCEPTED = "partly_accepted", _("Deels overgenomen")
    ACCEPTED = "accepted", _("Overgenomen")
    REJECTED = "rejected", _("Afgewezen")


class ReportTopic(models.TextChoices):
    """What a citizen says is wrong: the parts of the service page."""

    CONTACT = "contact", _("Contactgegevens (telefoon, e-mail, website)")
    ADDRESS = "address", _("Adres")
    HOURS = "hours", _("Openingsuren of sluitingsdagen")
    LANGUAGES = "languages", _("Talen")
    COSTS = "costs", _("Kosten")
    ACCESSIBILITY = "accessibility", _("Toegankelijkheid")
    OTHER = "other", _("Iets anders")


class ServiceProposal(models.Model):
    """One proposal or report for one service. `changes` maps each proposed part
    (see `cms.socialmap.proposals`) to its new value, `original` to its value
    when the proposal was made, `decisions` to "accepted" or "rejected" once a
    civil servant decided on it."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("dienst"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    kind = models.CharField(_("soort"), max_length=10, choices=ProposalKind.choices)
    state = models.CharField(
        _("stand"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.OPEN,
    )
    changes = models.JSONField(_("voorgestelde waarden"), default=dict, blank=True)
    original = models.JSONField(_("waarden bij het voorstel"), default=dict, blank=True)
    decisions = models.JSONField(_("beslissingen"), default=dict, blank=True)
    message = models.TextField(_("toelichting"), blank=True)
    topic = models.CharField(
        _("onderwerp"), max_length=20, choices=ReportTopic.choices, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reporter_email = models.EmailField(_("e-mail van de melder"), blank=True)
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nagekeken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voorstel voor de sociale kaart")
        verbose_name_plural = _("voorstellen voor de sociale kaart")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["decided_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.service}"

    @property
    def is_open(self) -> bool:
        """Waiting for a decision on at least one part (`decided_at` is set when
        the last part is decided)."""
        return self.decided_at is None

    @property
    def undecided(self) -> list[str]:
        return [key for key in self.changes if key not in self.decisions]
