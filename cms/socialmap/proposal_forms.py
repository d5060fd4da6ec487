"""The forms around proposals: the partner's form over every part of a service page
(the service's own fields, a formset per list such as the opening hours, and the
address and accessibility of each location), the citizen's "Meld een fout" and the
reviewer's choice of parts. Values go to `cms.socialmap.services` as JSON parts."""

import copy
from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.socialmap import proposals as parts
from cms.socialmap.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    ReportTopic,
    Schedule,
    Service,
)

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def https_by_default(field: models.Field, **kwargs):
    """Model form fields as usual; a web address typed without a scheme is https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ServiceFieldsForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_by_default
        model = Service
        fields = parts.SERVICE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "application_process": SHORT_TEXT,
            "eligibility_description": SHORT_TEXT,
            "fees_description": SHORT_TEXT,
            "interpretation_services": SHORT_TEXT,
        }


class PhoneForm(forms.ModelForm):
    class Meta:
        model = Phone
        fields = parts.CHILD_LISTS["phones"][1]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = parts.CHILD_LISTS["contacts"][1]


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = parts.CHILD_LISTS["schedules"][1]
        widgets = {
            "opens_at": TIME,
            "closes_at": TIME,
            "valid_from": DATE,
            "valid_to": DATE,
        }
        help_texts = {
            "byday": _(
                "Dagen als MO, TU, WE, TH, FR, SA, SU, gescheiden door komma's. "
                "Leeg voor een sluiting of andere uren op bepaalde data."
            ),
            "opens_at": _("Leeg bij een sluiting."),
        }


class LanguageForm(forms.ModelForm):
    class Meta:
        model = Language
        fields = parts.CHILD_LISTS["languages"][1]


class CostOptionForm(forms.ModelForm):
    class Meta:
        model = CostOption
        fields = parts.CHILD_LISTS["cost_options"][1]


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = parts.LOCATION_FIELDS_SHOWN
        widgets = {"transportation": SHORT_TEXT}


class AccessibilityForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_by_default
        model = Accessibility
        fields = parts.ACCESSIBILITY_FIELDS


ROW_FORMS = {
    "phones": PhoneForm,
    "contacts": ContactForm,
    "schedules": ScheduleForm,
    "languages": LanguageForm,
    "cost_options": CostOptionForm,
}
ROW_LABELS = {
    "phones": _("Telefoonnummer"),
    "contacts": _("Contactpunt"),
    "schedules": _("Regel"),
    "languages": _("Taal"),
    "cost_options": _("Tarief"),
    "accessibility": _("Voorziening"),
}


def _formset(form_class, data, initial: list, prefix: str):
    formset_class = forms.formset_factory(form_class, extra=1, can_delete=True)
    return formset_class(data, initial=initial, prefix=prefix)


def _initial(form_class, rows: list[dict]) -> list[dict]:
    model = form_class._meta.model
    return [
        {
            name: parts.load(model._meta.get_field(name), value)
            for name, value in row.items()
        }
        for row in rows
    ]


def _values(form, fields) -> dict:
    """A valid model form's values as its model cleaned them (a schedule's days
    in capitals, say), as JSON."""
    return {name: parts.dump(getattr(form.instance, name)) for name in fields}


def _rows_of(formset) -> list[dict]:
    """The rows a formset proposes, in order: filled in and not deleted."""
    return [
        _values(form, form._meta.fields)
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@dataclass
class ListSection:
    key: str
    title: str
    row_label: str
    formset: object


@dataclass
class LocationSection:
    location: Location
    form: forms.ModelForm
    accessibility: ListSection


class ProposalMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Toelichting voor de gemeente"),
        required=False,
        widget=SHORT_TEXT,
        max_length=2000,
        help_text=_("Bijvoorbeeld vanaf wanneer de wijziging geldt."),
    )


class ProposalEditor:
    """Every form of a partner's proposal for one service, filled with what is
    published now; `changes()` gives the parts that differ from it."""

    def __init__(self, service: Service, data=None):
        self.service = service
        self.current = parts.current_values(service)
        self.main = ServiceFieldsForm(
            data, instance=Service.objects.get(pk=service.pk), prefix="dienst"
        )
        self.lists = {
            key: ListSection(
                key=key,
                title=str(parts.LIST_LABELS[key]),
                row_label=str(ROW_LABELS[key]),
                formset=_formset(
                    form_class, data, _initial(form_class, self.current[key]), key
                ),
            )
            for key, form_class in ROW_FORMS.items()
        }
        self.locations = []
        for index, location in enumerate(parts.locations_of(service), start=1):
            self.locations.append(
                LocationSection(
                    location=location,
                    form=LocationForm(
                        data, instance=copy.copy(location), prefix=f"adres{index}"
                    ),
                    accessibility=ListSection(
                        key=parts.accessibility_key(location),
                        title=str(_("Toegankelijkheid")),
                        row_label=str(ROW_LABELS["accessibility"]),
                        formset=_formset(
                            AccessibilityForm,
                            data,
                            _initial(
                                AccessibilityForm,
                                self.current[parts.accessibility_key(location)],
                            ),
                            f"toegankelijkheid{index}",
                        ),
                    ),
                )
            )
        self.message = ProposalMessageForm(data, prefix="voorstel")

    def forms(self) -> list:
        """Every form, in page order (for validation and the error summary)."""
        result = [self.main]
        for section in self.lists.values():
            result += section.formset.forms
        for section in self.locations:
            result += [section.form, *section.accessibility.formset.forms]
        return [*result, self.message]

    def formsets(self) -> list:
        return [section.formset for section in self.lists.values()] + [
            section.accessibility.formset for section in self.locations
        ]

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in (self.main, self.message)]
        valid += [formset.is_valid() for formset in self.formsets()]
        valid += [section.form.is_valid() for section in self.locations]
        return all(valid)

    def proposed(self) -> dict:
        """Every part as the forms propose it (after `is_valid()`)."""
        values = _values(self.main, parts.SERVICE_FIELDS)
        for key, section in self.lists.items():
            values[key] = _rows_of(section.formset)
        for section in self.locations:
            values[parts.location_key(section.location)] = _values(
                section.form, parts.LOCATION_FIELDS_SHOWN
            )
            values[section.accessibility.key] = _rows_of(section.accessibility.formset)
        return values

    def changes(self) -> dict:
        return {
            key: value
            for key, value in self.proposed().items()
            if self.current.get(key) != value
        }

    def errors(self) -> list[dict]:
        """For the summary above the form: each error with the field it is about
        (a link target) when there is one."""
        found = []
        for formset in self.formsets():
            found += [
                {"message": error, "anchor": ""} for error in formset.non_form_errors()
            ]
        for form in self.forms():
            if not form.is_bound:
                continue
            for error in form.non_field_errors():
                anchor = (
                    form.visible_fields()[0].auto_id if form.visible_fields() else ""
                )
                found.append({"message": error, "anchor": anchor})
            for field in form.visible_fields():
                if field.errors:
                    found.append(
                        {
                            "message": f"{field.label}: {field.errors[0]}",
                            "anchor": field.auto_id,
                        }
                    )
        return found


class ReportForm(forms.Form):
    """ "Meld een fout": what is wrong, in the citizen's words; an e-mail address
    only when they want an answer. `website` is the trap: hidden from people,
    filled in by robots."""

    topic = forms.ChoiceField(
        label=_("Waarover gaat het?"), choices=ReportTopic.choices
    )
    message = forms.CharField(
        label=_("Wat klopt er niet?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_(
            "Schrijf wat er fout staat en, als je het weet, wat het moet zijn."
        ),
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        required=False,
        help_text=_(
            "Alleen als je een antwoord wilt. We gebruiken het voor niets anders."
        ),
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
