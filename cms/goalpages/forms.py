"""The goal page's one form: a civil servant links a signal to the goal."""

from django import forms
from django.utils.translation import gettext_lazy as _


class GoalSignalForm(forms.Form):
    signal = forms.TypedChoiceField(
        label=_("Signaal"),
        coerce=int,
        error_messages={
            "required": _("Kies een signaal."),
            "invalid_choice": _("Dit signaal kun je niet kiezen."),
        },
    )

    def __init__(self, *args, signals=(), **kwargs):
        """`signals`: the signals the civil servant may link (`signals_to_link`)."""
        super().__init__(*args, **kwargs)
        self.fields["signal"].choices = [("", _("Kies een signaal"))] + [
            (signal.pk, f"{signal.reference} {signal.title}") for signal in signals
        ]
