from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["terms", "note"]
    search_fields = ["terms"]
    add_to_admin_menu = False


register_snippet(SynonymViewSet)
