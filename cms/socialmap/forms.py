"""The citizen search form of the social map (GET: results can be shared and
bookmarked)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import LifeDomain, TargetGroup
from cms.socialmap.models import Language
from cms.socialmap.selectors import (
    ServiceFilters,
    nearest_places,
    now,
    place_is_known,
    place_point,
)

DISTANCES = [
    ("", _("Alle afstanden")),
    ("1", _("Binnen 1 km")),
    ("2", _("Binnen 2 km")),
    ("5", _("Binnen 5 km")),
    ("10", _("Binnen 10 km")),
    ("25", _("Binnen 25 km")),
]


def language_choices() -> list[tuple[str, str]]:
    languages = (
        Language.objects.filter(service__live=True)
        .order_by("name")
        .values_list("code", "name")
        .distinct()
    )
    seen, choices = set(), [("", _("Alle talen"))]
    for code, name in languages:
        if code.lower() not in seen:
            seen.add(code.lower())
            choices.append((code.lower(), name))
    return choices


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Waarmee zoek je hulp?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("bv. huurachterstal")}
        ),
    )
    levensdomein = forms.ChoiceField(label=_("Levensdomein"), required=False)
    doelgroep = forms.ChoiceField(label=_("Voor wie"), required=False)
    plaats = forms.CharField(
        label=_("Postcode of gemeente"), required=False, max_length=60
    )
    afstand = forms.ChoiceField(label=_("Afstand"), choices=DISTANCES, required=False)
    taal = forms.ChoiceField(label=_("Taal"), required=False)
    open_nu = forms.BooleanField(label=_("Nu open"), required=False)
    gratis = forms.BooleanField(label=_("Gratis"), required=False)
    rolstoel = forms.BooleanField(label=_("Rolstoeltoegankelijk"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levensdomein"].choices = [("", _("Alle levensdomeinen"))] + [
            (domain.slug, domain.name) for domain in LifeDomain.objects.all()
        ]
        self.fields["doelgroep"].choices = [("", _("Iedereen"))] + [
            (group.slug, group.name) for group in TargetGroup.objects.all()
        ]
        self.fields["taal"].choices = language_choices()

    def clean(self):
        data = super().clean()
        data["centre"] = None
        #: Known places near an unknown one, for the person to choose from.
        self.place_suggestions = []
        place = (data.get("plaats") or "").strip()
        if place and not place_is_known(place):
            self.place_suggestions = nearest_places(place)
            self.add_error(
                "plaats",
                _("“%(place)s” staat niet op de kaart.") % {"place": place},
            )
        elif place and data.get("afstand"):
            data["centre"] = place_point(place)
            if data["centre"] is None:
                self.add_error(
                    "plaats", _("Deze postcode of gemeente staat niet op de kaart.")
                )
        return data

    def filters(self) -> ServiceFilters:
        data = self.cleaned_data
        centre = data.get("centre")
        return ServiceFilters(
            text=data.get("q", ""),
            life_domain=data.get("levensdomein", ""),
            target_group=data.get("doelgroep", ""),
            language=data.get("taal", ""),
            postcode="" if centre else data.get("plaats", ""),
            near=centre,
            radius_km=float(data["afstand"]) if centre else None,
            open_at=now() if data.get("open_nu") else None,
            free=bool(data.get("gratis")),
            wheelchair=bool(data.get("rolstoel")),
        )

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(
            value not in (None, "", False) for value in self.data.values()
        )
