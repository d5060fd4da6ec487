"""The portal's signal forms. Validation of the rules stays in the services; these
forms only parse input and tie every message to its field (`aria-describedby`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.signals.attachments import ALLOWED_EXTENSIONS, ALLOWED_TYPES
from cms.signals.lifecycle import NOTE_REQUIRED
from cms.signals.models import Signal, SignalState
from cms.signals.services import EDITABLE_FIELDS
from portal.models import Organisation


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AccessibleErrorsMixin:
    """Invalid fields point at their error message and are marked invalid."""

    def describe_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"{self[name].auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{self[name].auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)
                widget.attrs["aria-invalid"] = "true"


class SignalForm(AccessibleErrorsMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none()
    )
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_(
            "PDF, afbeeldingen of kantoorbestanden (%(types)s), elk hoogstens 10 MB."
        )
        % {"types": ALLOWED_EXTENSIONS},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Signal
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "life_domains": forms.CheckboxSelectMultiple,
            "social_rights": forms.CheckboxSelectMultiple,
            "observed_since": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "example": forms.Textarea(attrs={"rows": 4}),
            "causes": forms.Textarea(attrs={"rows": 4}),
            "affected": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].widget.attrs["accept"] = ",".join(ALLOWED_TYPES)
        if self.instance.pk:
            del self.fields["organisation"]
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["organisation"].queryset = organisations
            if organisations is not None and organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TransitionForm(AccessibleErrorsMixin, forms.Form):
    to = forms.ChoiceField(choices=SignalState.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    merged_into = forms.CharField(
        label=_("Referentie van het signaal waarin dit opgaat"),
        required=False,
        help_text=_("Bijvoorbeeld S-2026-0007"),
    )
    answered_on = forms.DateField(
        label=_("Datum van het beleidsantwoord"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def note_required(self, to: str) -> str:
        return str(NOTE_REQUIRED.get(to, ""))


class CommentForm(AccessibleErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Opmerking"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class SignalGoalsForm(AccessibleErrorsMixin, forms.Form):
    """Link a signal to goals: one or more, listed by plan (code and title)."""

    goals = forms.TypedMultipleChoiceField(
        label=_("Doelstellingen"),
        coerce=int,
        help_text=_(
            "Kies een of meer doelstellingen; houd Ctrl (of Cmd) ingedrukt om er "
            "meer dan één te kiezen."
        ),
        error_messages={
            "required": _("Kies een doelstelling."),
            "invalid_choice": _("Deze doelstelling kun je niet kiezen."),
        },
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, groups=(), **kwargs):
        """`groups`: (plan title, goals) pairs, as `goals_to_link` gives them."""
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [
            (title, [(goal.pk, f"{goal.code} {goal.title}") for goal in goals])
            for title, goals in groups
        ]
