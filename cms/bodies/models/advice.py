"""Advice: asked by the town or given on the body's own initiative, prepared and
adopted by the body, answered by the town recommendation by recommendation.

State changes go through `cms.bodies.services` only; each is a new `AdviceEvent`
(the timeline is appended to, never edited). The town's interim news while an
answer takes longer is an `AnswerStatusUpdate`: it informs, it restarts no term.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from cms.bodies.models.body import Body


class AdviceKind(models.TextChoices):
    REQUEST = "request", _("op vraag van het bestuur")
    OWN_INITIATIVE = "own_initiative", _("op eigen initiatief")


class AdviceState(models.TextChoices):
    REQUESTED = "requested", _("gevraagd")
    IN_PREPARATION = "in_preparation", _("in voorbereiding")
    ADOPTED = "adopted", _("goedgekeurd door het orgaan")
    SUBMITTED = "submitted", _("bezorgd aan het bestuur")
    ANSWERED = "answered", _("beantwoord")
    CLOSED = "closed", _("afgesloten")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class RecommendationAnswer(models.TextChoices):
    TAKEN_OVER = "taken_over", _("overgenomen")
    PARTLY = "partly", _("gedeeltelijk overgenomen")
    NOT_TAKEN_OVER = "not_taken_over", _("niet overgenomen")


#: Answers that leave something out: the town says why (Lokeren's framework).
ANSWERS_NEEDING_A_REASON = frozenset(
    {RecommendationAnswer.PARTLY, RecommendationAnswer.NOT_TAKEN_OVER}
)


class Advice(ClusterableModel):
    body = models.ForeignKey(
        Body, verbose_name=_("orgaan"), on_delete=models.PROTECT, related_name="advice"
    )
    kind = models.CharField(
        _("soort"),
        max_length=16,
        choices=AdviceKind.choices,
        default=AdviceKind.REQUEST,
    )
    title = models.CharField(_("titel"), max_length=300)
    question = models.TextField(_("vraag of aanleiding"), blank=True)
    asked_on = models.DateField(
        _("gevraagd op"),
        null=True,
        blank=True,
        help_text=_("De termijn van het orgaan loopt vanaf deze datum."),
    )
    urgent = models.BooleanField(
        _("hoogdringend"),
        default=False,
        help_text=_("Het orgaan antwoordt dan binnen 14 in plaats van 30 dagen."),
    )
    text = models.TextField(_("advies"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=AdviceState.choices,
        default=AdviceState.REQUESTED,
        db_index=True,
    )
    extended_until = models.DateField(_("verlengd tot"), null=True, blank=True)
    extension_reason = models.TextField(_("reden van de verlenging"), blank=True)
    published = models.BooleanField(
        _("openbaar maken"),
        default=False,
        help_text=_("Het orgaan beslist het advies te publiceren, eens goedgekeurd."),
    )
    goals = models.ManyToManyField(
        "cms.Goal",
        verbose_name=_("doelstellingen"),
        blank=True,
        related_name="advice",
        help_text=_("De doelstellingen van een plan waarover dit advies gaat."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    panels = [
        FieldPanel("body"),
        FieldPanel("title"),
        FieldPanel("question"),
        MultiFieldPanel(
            [FieldPanel("asked_on"), FieldPanel("urgent")], heading=_("Termijn")
        ),
        FieldPanel("text"),
        FieldPanel("published"),
        FieldPanel("goals"),
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("state", read_only=True),
                FieldPanel("extended_until", read_only=True),
            ],
            heading=_("Verloop (wijzig je via de adviesstappen)"),
        ),
        InlinePanel(
            "recommendations", heading=_("Aanbevelingen"), label=_("aanbeveling")
        ),
    ]

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == AdviceKind.REQUEST and self.asked_on is None:
            raise ValidationError(
                {"asked_on": _("Geef de datum waarop het advies gevraagd is.")}
            )


class Recommendation(models.Model):
    """One recommendation of an advice, and the town's answer to it."""

    advice = ParentalKey(
        Advice, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    text = models.TextField(_("aanbeveling"))
    answer = models.CharField(
        _("antwoord van het bestuur"),
        max_length=16,
        choices=RecommendationAnswer.choices,
        blank=True,
    )
    answer_reason = models.TextField(_("motivering"), blank=True)

    panels = [FieldPanel("number"), FieldPanel("text")]

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["advice", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "number"], name="unique_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    def clean(self) -> None:
        if self.answer in ANSWERS_NEEDING_A_REASON and not self.answer_reason.strip():
            raise ValidationError(
                {
                    "answer_reason": _(
                        "Motiveer waarom het bestuur deze aanbeveling niet "
                        "(volledig) overneemt."
                    )
                },
                code="reason_required",
            )


class AdviceEvent(models.Model):
    """One line of an advice's timeline. Appended, never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        EDITED = "edited", _("tekst gewijzigd")
        TRANSITION = "transition", _("statuswijziging")
        ANSWER = "answer", _("antwoord op een aanbeveling")
        EXTENSION = "extension", _("termijn verlengd")
        STATUS_UPDATE = "status_update", _("stand van zaken")
        PUBLICATION = "publication", _("publicatie")

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        _("soort"), max_length=16, choices=Kind.choices, default=Kind.TRANSITION
    )
    from_state = models.CharField(
        _("van"), max_length=16, choices=AdviceState.choices, blank=True
    )
    to_state = models.CharField(
        _("naar"), max_length=16, choices=AdviceState.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.advice}: {self.get_kind_display()}"


class AnswerStatusUpdate(models.Model):
    """The town tells the body how far its answer has come; restarts nothing."""

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="status_updates"
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("stand van zaken"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stand van zaken")
        verbose_name_plural = _("standen van zaken")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.advice} ({self.date:%d/%m/%Y})"
