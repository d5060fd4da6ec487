"""The portal's form renderer: every form rendered with `{{ form }}` shows each label
above its field, hints and errors tied to the field, and a summary of the errors
that links to each field."""

from django import forms
from django.conf import settings
from django.forms.renderers import get_default_renderer

from theme.forms import PortalFormRenderer


class ExampleForm(forms.Form):
    title = forms.CharField(label="Titel", help_text="Kort en duidelijk.")
    domains = forms.MultipleChoiceField(
        label="Levensdomeinen",
        choices=[("wonen", "Wonen"), ("werken", "Werken")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(label="Ik ga akkoord")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def test_the_project_renders_forms_with_the_portal_renderer():
    assert settings.FORM_RENDERER == "theme.forms.PortalFormRenderer"
    assert isinstance(get_default_renderer(), PortalFormRenderer)


def test_an_unbound_form_has_labels_before_fields_and_hints_tied_to_them():
    html = str(ExampleForm())
    assert html.index('<label class="form-field__label" for="id_title">') < html.index(
        'id="id_title"'
    )
    assert 'id="id_title_helptext"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert '<legend class="form-field__label">Levensdomeinen' in html
    assert "(niet verplicht)" in html  # the optional choice says so
    # A single checkbox stands before its own label.
    assert html.index('id="id_consent"') < html.index('<label for="id_consent">')
    assert "form-error-summary" not in html


def test_a_refused_form_lists_its_errors_above_and_beside_each_field():
    form = ExampleForm(data={"title": ""})
    html = str(form)
    summary = html[: html.index('class="form-field')]
    assert 'role="alert"' in summary
    assert '<a href="#id_title">Titel: Dit is een verplicht veld.</a>' in summary
    assert '<a href="#id_consent">Ik ga akkoord: ' in summary
    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'type="hidden" name="version"' in html
