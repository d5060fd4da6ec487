from django import forms
from django.utils.translation import gettext_lazy as _

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
