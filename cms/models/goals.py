"""The goal tree of a policy plan: strategic, tactical and operational goals and
actions, their yearly budgets, and the append-only log of progress updates."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class GoalLevel(models.TextChoices):
    STRATEGIC = "strategic", _("Strategische doelstelling")
    TACTICAL = "tactical", _("Tactische doelstelling")
    OPERATIONAL = "operational", _("Operationele doelstelling")
    ACTION = "action", _("Actie")


LEVEL_DEPTH = {
    GoalLevel.STRATEGIC: 1,
    GoalLevel.TACTICAL: 2,
    GoalLevel.OPERATIONAL: 3,
    GoalLevel.ACTION: 4,
}


class TimingTerm(models.TextChoices):
    SHORT = "short", _("korte termijn")
    LONG = "long", _("lange termijn")
    SHORT_AND_LONG = "short_and_long", _("korte/lange termijn")


class Priority(models.TextChoices):
    PRIORITY = "priority", _("Prioritair beleid")
    OTHER = "other", _("Overig beleid")


def code_slug(code: str) -> str:
    """A goal's code as it appears in its page's address and its panel's anchor:
    "OD 1.1.1" becomes "od-1-1-1" (dots kept apart, so codes stay distinct)."""
    return slugify(code.replace(".", "-")) or "doel"


class Goal(index.Indexed, ClusterableModel):
    """A goal or action in a plan's tree, identified within its plan by its code."""

    plan = models.ForeignKey(
        "cms.PolicyPlanPage",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.CharField(
        _("niveau"),
        max_length=16,
        choices=GoalLevel.choices,
        default=GoalLevel.STRATEGIC,
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("Bijvoorbeeld SD 2 of TD 1")
    )
    title = models.CharField(_("titel"), max_length=1000)
    description = models.TextField(_("omschrijving"), blank=True)
    theme = models.CharField(
        _("thema"),
        max_length=120,
        blank=True,
        help_text=_("De rubriek van het plan waaronder deze doelstelling staat."),
    )
    owners = models.CharField(
        _("verantwoordelijken"),
        max_length=500,
        blank=True,
        help_text=_("Functies of diensten, gescheiden door + of komma; geen namen."),
    )
    lead_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("trekker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_goals",
        help_text=_("De organisatie die de doelstelling trekt en erover rapporteert."),
    )
    owner_organisations = models.ManyToManyField(
        "portal.Organisation",
        blank=True,
        verbose_name=_("mede-eigenaars"),
        help_text=_(
            "Organisaties die de doelstelling mee dragen en erover rapporteren."
        ),
    )
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        verbose_name=_("contactpersonen"),
        related_name="contact_for_goals",
        help_text=_(
            "Zij krijgen een herinnering als de doelstelling niet tijdig is bijgewerkt."
        ),
    )
    timing_term = models.CharField(
        _("termijn"), max_length=16, choices=TimingTerm.choices, blank=True
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    priority = models.CharField(
        _("prioriteit"), max_length=16, choices=Priority.choices, default=Priority.OTHER
    )
    status = models.ForeignKey(
        "cms.GoalStatus",
        verbose_name=_("status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Leeg: de standaardvoortgang van de status."),
    )
    life_domains = models.ManyToManyField(
        "cms.LifeDomain", blank=True, verbose_name=_("levensdomeinen")
    )
    social_rights = models.ManyToManyField(
        "cms.SocialRight", blank=True, verbose_name=_("sociale grondrechten")
    )
    target_groups = models.ManyToManyField(
        "cms.TargetGroup", blank=True, verbose_name=_("doelgroepen")
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0, db_index=True)

    panels = [
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("code")]),
        FieldPanel("parent"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("theme"),
        MultiFieldPanel(
            [
                FieldPanel("owners"),
                FieldPanel("lead_organisation"),
                FieldPanel("owner_organisations"),
                FieldPanel("contact_persons"),
            ],
            heading=_("Verantwoordelijken"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("timing_term"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Timing"),
        ),
        FieldRowPanel(
            [FieldPanel("priority"), FieldPanel("status"), FieldPanel("progress")]
        ),
        FieldPanel("life_domains"),
        FieldPanel("social_rights"),
        FieldPanel("target_groups"),
        InlinePanel("budget_lines", label=_("Budget per jaar"), heading=_("Budget")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("code", boost=2),
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("owners"),
        index.AutocompleteField("title"),
        index.FilterField("plan"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("doelstelling of actie")
        verbose_name_plural = _("doelstellingen en acties")
        ordering = ["plan", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], name="unique_goal_code_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id:
            if self.parent.plan_id != self.plan_id:
                errors["parent"] = _(
                    "De bovenliggende doelstelling hoort bij een ander plan."
                )
            elif LEVEL_DEPTH[self.parent.level] >= LEVEL_DEPTH[self.level]:
                errors["parent"] = _(
                    "De bovenliggende doelstelling moet een hoger niveau hebben."
                )
            elif self.pk and self._is_ancestor_of(self.parent):
                errors["parent"] = _("Een doelstelling kan niet onder zichzelf vallen.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de startdatum.")
        if errors:
            raise ValidationError(errors)

    def _is_ancestor_of(self, goal: "Goal") -> bool:
        node = goal
        while node is not None:
            if node.pk == self.pk:
                return True
            node = node.parent
        return False

    @property
    def code_slug(self) -> str:
        return code_slug(self.code)

    def get_absolute_url(self) -> str:
        """The goal's own public page (its plan's audience applies)."""
        return reverse("goals:detail", args=[self.pk, self.code_slug])

    @property
    def owner_list(self) -> list[str]:
        return [
            part.strip()
            for part in re.split(r"\s*[+,;]\s*", self.owners)
            if part.strip()
        ]

    @property
    def current_progress(self) -> int:
        if self.progress is not None:
            return self.progress
        return self.status.default_progress if self.status_id else 0

    def timing_display(self) -> str:
        if self.start_date or self.end_date:
            start = self.start_date.strftime("%m/%Y") if self.start_date else "…"
            end = self.end_date.strftime("%m/%Y") if self.end_date else "…"
            return f"{start} – {end}"
        return self.get_timing_term_display() if self.timing_term else ""


class GoalBudget(Orderable):
    """Budget of a goal for one year: estimated and realised, in euro."""

    goal = ParentalKey(Goal, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("jaar"))
    estimated = models.DecimalField(
        _("geraamd (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    adjusted = models.DecimalField(
        _("bijgesteld (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het budget na een budgetwijziging; leeg als er geen was."),
    )
    realised = models.DecimalField(
        _("gerealiseerd (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("estimated"),
        FieldPanel("adjusted"),
        FieldPanel("realised"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        constraints = [
            models.UniqueConstraint(fields=["goal", "year"], name="unique_budget_year")
        ]


class ProgressUpdate(models.Model):
    """One report on a goal's progress. Updates are appended, never edited: together
    they are the goal's history."""

    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("doelstelling"),
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    status = models.ForeignKey(
        "cms.GoalStatus",
        on_delete=models.PROTECT,
        verbose_name=_("status"),
        related_name="+",
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("toelichting"), blank=True)
    figures = models.JSONField(
        _("cijfers"),
        default=list,
        blank=True,
        help_text=_(
            "Optionele cijfers bij het rapport: een lijst van "
            '{"label": ..., "value": ..., "unit": ...}.'
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_updates",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De organisatie waarvoor de auteur rapporteerde."),
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    panels = [
        FieldPanel("goal"),
        FieldPanel("date"),
        FieldPanel("status"),
        FieldPanel("progress"),
        FieldPanel("text"),
    ]

    class Meta:
        verbose_name = _("voortgangsrapport")
        verbose_name_plural = _("voortgangsrapporten")
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.goal.code} {self.date:%d-%m-%Y}: {self.status} {self.progress}%"


class ProgressQuestion(models.Model):
    """A civil servant returns a progress report with a question. The report itself
    stays as it was; the owners answer with a new report, which closes the question."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("voortgangsrapport"),
    )
    question = models.TextField(_("vraag"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    answer = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("beantwoord met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_questions",
    )

    class Meta:
        verbose_name = _("vraag bij een voortgangsrapport")
        verbose_name_plural = _("vragen bij voortgangsrapporten")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"{self.update}: {self.question[:60]}"

    @property
    def is_open(self) -> bool:
        return self.answer_id is None


class GoalReminder(models.Model):
    """A reminder sent to a goal's contact persons that it is (nearly) not updated in
    time; one row per goal, kind and due date, so a reminder never goes out twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("voor de termijn")
        DUE = "due", _("termijn verstreken")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    due_date = models.DateField(_("bijwerken tegen"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering voor een doelstelling")
        verbose_name_plural = _("herinneringen voor doelstellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "kind", "due_date"], name="unique_goal_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal.code} {self.get_kind_display()} {self.due_date}"
