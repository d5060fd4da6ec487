"""The portal's additions to Wagtail's admin pages."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts() -> str:
    """Start the pickers and inline panels whose inline scripts the portal's
    templates replace (the Content-Security-Policy refuses inline scripts)."""
    return format_html('<script src="{}"></script>', static("theme/js/admin-init.js"))
