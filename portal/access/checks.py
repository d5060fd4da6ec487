"""System check: pages wider than their parent (made before saving and moving
checked it, or by a direct database write). Run with `manage.py check --database
default` (and by `migrate`); it needs the database."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from portal.access.pages import pages_wider_than_their_parent


@register(Tags.database)
def check_page_audiences(app_configs=None, databases=None, **kwargs) -> list:
    if not databases:
        return []
    try:
        found = pages_wider_than_their_parent()
    except DatabaseError:  # tables not migrated yet: nothing to check yet
        return []
    return [
        Warning(
            f"Page {pk} '{title}' is visible to a wider audience than its parent "
            f"'{parent}'.",
            hint=(
                "Narrow the page's audience in its settings (or widen the "
                "parent's); until then it is shown only to the parent's audience."
            ),
            obj=f"page {pk}",
            id="portal.W001",
        )
        for pk, title, parent in found
    ]
