"""The signal chooser of the Wagtail admin: how editors pick the signals of a bundle.

It lists only signals that may go in a bundle (registered or later) among those the
editor may see (`signals_visible_to`), so a draft or a signal still being screened
can never be chosen, not even by typing its id into the chosen URL.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
    CreateView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

# The submodule, not the package: the package imports the bundle, which imports
# this chooser.
from cms.signals.models.signal import BUNDLEABLE_STATES
from portal.access.signals import may_choose_signals_for_bundles, signals_visible_to


def bundleable_signals_for(user) -> QuerySet:
    """The signals this user may put in a bundle: visible to them, and registered
    or further along the lifecycle."""
    if not may_choose_signals_for_bundles(user):
        return signals_visible_to(user).none()
    return (
        signals_visible_to(user)
        .filter(state__in=BUNDLEABLE_STATES)
        .select_related("organisation")
        .prefetch_related("life_domains")
    )


class SignalFilterForm(BaseFilterForm):
    """Search by reference number or title (signals are not in Wagtail's index)."""

    q = forms.CharField(
        label=_("Zoekterm"),
        widget=forms.TextInput(attrs={"placeholder": _("Referentie of titel")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(reference__icontains=query) | Q(title__icontains=query)
            )
        return objects


class StaffOnlyMixin:
    """Bundles are made by the town: only its staff (civil servants, editors)
    choose signals for them, whatever admin rights someone else may hold."""

    def dispatch(self, request, *args, **kwargs):
        if not may_choose_signals_for_bundles(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _life_domains(signal) -> str:
    return ", ".join(domain.name for domain in signal.life_domains.all())


class SignalChooseMixin(StaffOnlyMixin):
    filter_form_class = SignalFilterForm
    ordering = ["-submitted_at", "-pk"]

    def can_create(self) -> bool:
        """Signals are raised in the portal, through the service, never here."""
        return False

    def get_object_list(self):
        return bundleable_signals_for(self.request.user)

    @property
    def columns(self) -> list[Column]:
        return [
            Column("reference", label=_("Referentie"), accessor="reference"),
            TitleColumn(
                "title",
                label=_("Titel"),
                accessor="title",
                get_url=lambda signal: self.append_preserved_url_parameters(
                    self._chosen_url(signal)
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("organisation", label=_("Organisatie"), accessor="organisation"),
            Column("state", label=_("Status"), accessor="get_state_display"),
            Column("life_domains", label=_("Levensdomeinen"), accessor=_life_domains),
        ]

    def _chosen_url(self, signal) -> str:
        return reverse(self.chosen_url_name, args=(signal.pk,))


class SignalChooseView(SignalChooseMixin, ChooseView):
    pass


class SignalChooseResultsView(SignalChooseMixin, ChooseResultsView):
    pass


class SignalChosenView(StaffOnlyMixin, ChosenView):
    def get_object(self, pk):
        return bundleable_signals_for(self.request.user).get(pk=pk)


class SignalCreateView(CreateView):
    def can_create(self) -> bool:
        return False


class SignalChooserViewSet(ChooserViewSet):
    model = "signals.Signal"
    icon = "warning"
    choose_one_text = _("Kies een signaal")
    choose_another_text = _("Kies een ander signaal")
    edit_item_text = _("Wijzigen")
    search_tab_label = _("Zoeken")
    choose_view_class = SignalChooseView
    choose_results_view_class = SignalChooseResultsView
    chosen_view_class = SignalChosenView
    create_view_class = SignalCreateView
    per_page = 25


signal_chooser_viewset = SignalChooserViewSet("signal_chooser")
