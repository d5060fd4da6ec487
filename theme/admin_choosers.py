"""Wagtail's chooser widgets (page, image, document, snippet and viewset choosers in
FieldPanels) without their inline script.

`BaseChooser.render` appends `<script>new Chooser("id", {...});</script>` to the
widget, which the Content-Security-Policy refuses, and Wagtail offers no hook to
render it otherwise (wagtail/wagtail#1288). The portal replaces that one method to
write the same constructor, id and options as data attributes, which
theme/static/theme/js/admin-init.js turns into the same call.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets import BaseChooser

_wagtail_render = BaseChooser.render


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render, with the initialiser as data attributes."""
    if type(self).render_js_init is not BaseChooser.render_js_init:
        # A chooser with an initialiser of its own (the workflow task chooser, in
        # the administrators' workflow settings) keeps Wagtail's rendering.
        return _wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError(
            "BaseChooser cannot be rendered without an 'id' attribute"
        ) from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(id_, name, value_data)
    return format_html(
        '{}<span hidden data-csp-construct="{}" data-csp-target="{}" '
        'data-csp-options="{}"></span>',
        mark_safe(widget_html),  # Wagtail's own widget markup, as it was
        self.js_constructor,
        id_,
        json.dumps(options),
    )


def install() -> None:
    BaseChooser.render = render_without_inline_script
