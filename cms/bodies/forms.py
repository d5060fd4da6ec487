"""The forms of the bodies' workspace and the intranet. They only parse input and
tie each message to its field (`aria-describedby`); the rules stay in the
services (`cms.bodies.services`, `cms.bodies.meetings`), whose refusals the views
put back on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.bodies.lifecycle import NOTE_REQUIRED
from cms.bodies.models import AdviceState, Body, RecommendationAnswer

MIN_RECOMMENDATION_FIELDS = 3
EXTRA_RECOMMENDATION_FIELDS = 2

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessibleErrorsMixin:
    """Invalid fields point at their error message and are marked invalid; a
    service's refusal lands on its field, or above the form."""

    def describe_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"{self[name].auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{self[name].auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)
                widget.attrs["aria-invalid"] = "true"

    def apply_refusal(self, error: ValidationError, aliases=None) -> None:
        """Put a service's `ValidationError` on the fields it names (`aliases`
        maps a service's field name to the form's)."""
        aliases = aliases or {}
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                name = aliases.get(name, name)
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)
        self.describe_errors()


class VersionedForm(AccessibleErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AdviceRequestForm(AccessibleErrorsMixin, forms.Form):
    """The town asks a body for advice (intranet)."""

    body = forms.ModelChoiceField(label=_("Orgaan"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Titel"), max_length=300)
    question = forms.CharField(
        label=_("Vraag"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat het bestuur wil weten, en waarom."),
    )
    asked_on = forms.DateField(
        label=_("Gevraagd op"),
        widget=DATE_INPUT,
        help_text=_("De termijn van het orgaan loopt vanaf deze datum."),
    )
    urgent = forms.BooleanField(
        label=_("Hoogdringend: het orgaan antwoordt binnen 14 in plaats van 30 dagen"),
        required=False,
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class OwnInitiativeForm(AccessibleErrorsMixin, forms.Form):
    """The body's chair or secretary starts an advice nobody asked for."""

    title = forms.CharField(label=_("Titel"), max_length=300)
    question = forms.CharField(
        label=_("Aanleiding"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Waarom het orgaan uit eigen beweging adviseert."),
    )


class TransitionForm(VersionedForm):
    to = forms.ChoiceField(choices=AdviceState.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, to: str, **kwargs):
        super().__init__(*args, prefix=f"naar-{to}", **kwargs)
        if to in NOTE_REQUIRED:
            self.fields["note"].required = True
            self.fields["note"].label = NOTE_REQUIRED[to]


class AdviceEditForm(VersionedForm):
    """The advice's text and its numbered recommendations, one field each."""

    prefix = "advies"

    text = forms.CharField(
        label=_("Tekst van het advies"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, recommendations: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        count = max(
            MIN_RECOMMENDATION_FIELDS,
            len(recommendations) + EXTRA_RECOMMENDATION_FIELDS,
        )
        for number in range(1, count + 1):
            self.fields[f"recommendation_{number}"] = forms.CharField(
                label=_("Aanbeveling %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(
                    recommendations[number - 1]
                    if number <= len(recommendations)
                    else ""
                ),
            )

    def recommendation_fields(self):
        return [self[name] for name in self.fields if name.startswith("recommendation")]

    def recommendations(self) -> list[str]:
        """The filled-in recommendations, in order (empty extra fields dropped)."""
        return [
            self.cleaned_data[name]
            for name in self.fields
            if name.startswith("recommendation_") and self.cleaned_data[name].strip()
        ]


class PublishForm(VersionedForm):
    """Make the advice public, or take it back (a hidden yes or no)."""

    prefix = "publicatie"
    published = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


class AnswerForm(VersionedForm):
    """The town's answer to one recommendation."""

    answer = forms.ChoiceField(
        label=_("Antwoord van het bestuur"),
        choices=RecommendationAnswer.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij gedeeltelijk of niet overgenomen."),
    )

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, prefix=f"aanbeveling-{recommendation.pk}", **kwargs)
        self.recommendation = recommendation


class ExtensionForm(VersionedForm):
    prefix = "verlenging"
    until = forms.DateField(label=_("Nieuwe termijn"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Reden van de verlenging"), widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusUpdateForm(AccessibleErrorsMixin, forms.Form):
    prefix = "stand"
    date = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("Stand van zaken"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MinutesForm(AccessibleErrorsMixin, forms.Form):
    prefix = "verslag"
    minutes = forms.CharField(
        label=_("Verslag"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class MinutesStepForm(AccessibleErrorsMixin, forms.Form):
    prefix = "verslagstap"
    to = forms.CharField(widget=forms.HiddenInput)
    version = forms.CharField(widget=forms.HiddenInput, required=False)
