"""A plan's yearly reports and end-of-plan evaluation, and its versions.

A report's figures are computed by the report engine and stored when it is
published, so a council's adopted report never changes afterwards."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PlanReport(models.Model):
    """The yearly report (or the evaluation over all years) of a plan."""

    class Kind(models.TextChoices):
        YEAR = "year", _("jaarverslag")
        EVALUATION = "evaluation", _("eindevaluatie")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ontwerp")
        PUBLISHED = "published", _("gepubliceerd")

    plan = models.ForeignKey(
        "cms.PolicyPlanPage",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("plan"),
    )
    kind = models.CharField(
        _("soort"), max_length=16, choices=Kind.choices, default=Kind.YEAR
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Leeg voor de eindevaluatie.")
    )
    title = models.CharField(_("titel"), max_length=255, blank=True)
    introduction = models.TextField(_("inleiding"), blank=True)
    conclusions = models.TextField(_("besluiten"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    figures = models.JSONField(
        _("cijfers"),
        default=dict,
        blank=True,
        help_text=_("Bevroren bij publicatie; leeg zolang het verslag een ontwerp is."),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("verslag van een plan")
        verbose_name_plural = _("verslagen van plannen")
        ordering = ["plan", "kind", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                condition=models.Q(kind="year"),
                name="unique_year_report_per_plan",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(kind="evaluation"),
                name="unique_evaluation_per_plan",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.EVALUATION:
            return f"{self.plan}: {self.get_kind_display()}"
        return f"{self.plan}: {self.get_kind_display()} {self.year}"

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.EVALUATION:
            return reverse("followup:evaluation", args=[self.plan_id])
        return reverse("followup:year_report", args=[self.plan_id, self.year])

    #: What a published report keeps as it was adopted.
    LOCKED_FIELDS = (
        "plan_id",
        "kind",
        "year",
        "title",
        "introduction",
        "conclusions",
        "figures",
    )

    def clean(self) -> None:
        if self.kind == self.Kind.YEAR and not self.year:
            raise ValidationError({"year": _("Geef het jaar van het verslag.")})
        if self.kind == self.Kind.EVALUATION and self.year:
            raise ValidationError({"year": _("Een eindevaluatie dekt alle jaren.")})
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_published:
                changed = [
                    name
                    for name in self.LOCKED_FIELDS
                    if getattr(stored, name) != getattr(self, name)
                ]
                if changed or not self.is_published:
                    raise ValidationError(
                        _("Een gepubliceerd verslag kan niet meer wijzigen."),
                        code="published",
                    )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PlanVersion(models.Model):
    """An adjustment of a plan, by a council decision: which goals changed, and the
    goal tree as it stood, so earlier versions stay readable."""

    plan = models.ForeignKey(
        "cms.PolicyPlanPage",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("plan"),
    )
    number = models.PositiveSmallIntegerField(_("versie"))
    decided_on = models.DateField(_("beslist op"))
    decision = models.CharField(
        _("beslissing"),
        max_length=255,
        help_text=_("Bijvoorbeeld: gemeenteraad van 24 juni 2027, punt 12."),
    )
    summary = models.TextField(_("wat veranderde"), blank=True)
    changed_goals = models.ManyToManyField(
        "cms.Goal",
        verbose_name=_("gewijzigde doelstellingen"),
        blank=True,
        related_name="plan_versions",
    )
    goal_tree = models.JSONField(
        _("doelenboom"),
        default=list,
        blank=True,
        help_text=_("De doelenboom zoals ze bij deze versie was."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie van een plan")
        verbose_name_plural = _("versies van plannen")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="unique_plan_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.decided_on:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("followup:version", args=[self.plan_id, self.number])
