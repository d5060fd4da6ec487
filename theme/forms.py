"""The portal's form renderer: every form rendered with `{{ form }}` or a field with
`{{ field.as_field_group }}` gets the one form style of the portal (label above the
field, help as a hint, errors beside the field and in a summary above the form)."""

from django.forms.renderers import DjangoTemplates


class PortalFormRenderer(DjangoTemplates):
    """Django's own renderer with the portal's form and field templates
    (`theme/templates/forms/`), so no page spells out a field's markup itself."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
