from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import GoalStatus
from portal.models import Membership
from portal.selectors import organisations_to_join


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices)


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=None, to_field_name="slug"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_to_join(user)


class ProgressReportForm(forms.Form):
    """A progress report on a goal, as the owners write it in the partner portal."""

    status = forms.ModelChoiceField(
        label=_("Status"), queryset=GoalStatus.objects.all(), empty_label=None
    )
    progress = forms.IntegerField(
        label=_("Voortgang (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Leeg: de gebruikelijke voortgang van de gekozen status."),
    )
    text = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Wat is er gebeurd sinds het vorige rapport? Geen namen."),
    )

    answers_questions = forms.BooleanField(
        label=_("Dit rapport beantwoordt de open vraag"),
        required=False,
        initial=True,
        help_text=_(
            "De vraag van het lokaal bestuur bij een vorig rapport wordt dan als "
            "beantwoord gemarkeerd."
        ),
    )

    def __init__(self, *args, open_questions: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not open_questions:
            del self.fields["answers_questions"]


class ProgressQuestionForm(forms.Form):
    """A civil servant's question on a progress report."""

    question = forms.CharField(
        label=_("Vraag"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "De auteur van het rapport krijgt de vraag per e-mail; de eigenaars "
            "antwoorden met een nieuw rapport."
        ),
    )
