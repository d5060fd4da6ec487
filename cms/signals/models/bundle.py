"""The signal bundle: the periodic publication of signals, each with the analysis
and recommendation written for it, and the policy responses as they arrive."""

from collections import OrderedDict

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.models import PortalPage
from cms.signals.choosers import signal_chooser_viewset
from cms.signals.exports import bundle_csv, bundle_pdf
from cms.signals.models.signal import BUNDLEABLE_STATES, Signal
from portal.access import page_is_visible_to, signals_visible_to


class SignalBundlePage(PortalPage):
    """A signal bundle ("Signalenbundel 2026"). A signal appears on the public page
    only when its organisation consented (`cms.signals.selectors`)."""

    edition = models.CharField(
        _("editie"), max_length=120, help_text=_("Bijvoorbeeld: Signalenbundel 2026")
    )
    introduction = RichTextField(_("inleiding"), blank=True)
    analysis = RichTextField(_("analyse"), blank=True)
    policy_responses = RichTextField(_("beleidsantwoorden"), blank=True)

    parent_page_types = ["cms.IndexPage", "cms.HomePage"]
    subpage_types: list[str] = []

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("edition"),
        FieldPanel("introduction"),
        FieldPanel("analysis"),
        InlinePanel("bundle_signals", label=_("signalen")),
        FieldPanel("policy_responses"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("edition"),
        index.SearchField("introduction"),
        index.SearchField("analysis"),
    ]

    class Meta:
        verbose_name = _("signalenbundel")
        verbose_name_plural = _("signalenbundels")

    def entries_visible_to(self, user):
        """The bundle's entries whose signal this user may see, in page order."""
        visible = signals_visible_to(user).values("pk")
        return (
            self.bundle_signals.filter(signal__in=visible)
            .select_related("signal", "signal__organisation")
            .prefetch_related("signal__life_domains")
        )

    def grouped_entries(self, user) -> "OrderedDict[str, list[BundleSignal]]":
        """Visible entries grouped by the first life domain of their signal."""
        groups: OrderedDict[str, list] = OrderedDict()
        for entry in self.entries_visible_to(user):
            domains = list(entry.signal.life_domains.all())
            key = domains[0].name if domains else str(_("Andere"))
            groups.setdefault(key, []).append(entry)
        return groups

    def serve(self, request, *args, **kwargs):
        download = request.GET.get("formaat")
        if download in ("csv", "pdf"):
            if not page_is_visible_to(request.user, self):
                raise Http404
            export = bundle_csv if download == "csv" else bundle_pdf
            return export(self, request.user)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.grouped_entries(request.user)
        return context


class BundleSignal(Orderable):
    """One signal in a bundle, with what the bundle says about it."""

    page = ParentalKey(
        SignalBundlePage, on_delete=models.CASCADE, related_name="bundle_signals"
    )
    signal = models.ForeignKey(
        Signal,
        verbose_name=_("signaal"),
        on_delete=models.PROTECT,
        related_name="bundle_entries",
        limit_choices_to={"state__in": BUNDLEABLE_STATES},
    )
    analysis = models.TextField(_("analyse"), blank=True)
    recommendation = models.TextField(_("aanbeveling"), blank=True)

    panels = [
        # The chooser lists only signals that may go in a bundle, searchable by
        # reference and title (`cms.signals.choosers`).
        FieldPanel("signal", widget=signal_chooser_viewset.widget_class),
        FieldPanel("analysis"),
        FieldPanel("recommendation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signaal in de bundel")
        verbose_name_plural = _("signalen in de bundel")
