"""The intranet's list of all signals a civil servant may see
(/intranet/signalen/alle/), with filters, order, pages and a CSV export of the
same selection. Which signals those are comes from
`cms.signals.selectors.signals_visible_to` (the rule lives in `portal.access`);
the filters (`cms.signals.filters`) only narrow them down."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse

from cms.signals import selectors
from cms.signals.exports import signal_list_csv
from cms.signals.filters import SignalListFilter
from portal.access.doors import intranet_door
from portal.access.roles import Door
from portal.navigation import render_in_door

PAGE_SIZE = 25


def _filtered(request) -> SignalListFilter:
    return SignalListFilter(
        request.GET, queryset=selectors.signals_visible_to(request.user)
    )


@intranet_door
def signal_overview(request):
    """Every signal this civil servant may see, filtered, sorted and paged."""
    filters = _filtered(request)
    valid = filters.is_valid()
    params = request.GET.copy()
    params.pop("pagina", None)
    query = params.urlencode()
    page, overdue = None, set()
    if valid:
        signals = filters.qs.select_related("organisation").prefetch_related(
            "life_domains"
        )
        page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina"))
        shown = [signal.pk for signal in page.object_list]
        overdue = set(
            selectors.overdue_among(
                selectors.signals_visible_to(request.user).filter(pk__in=shown)
            ).values_list("pk", flat=True)
        )
    return render_in_door(
        request,
        "signals/signal_overview.html",
        {
            "filters": filters,
            "form": filters.form,
            "page": page,
            "signals": page.object_list if page else [],
            "overdue": overdue,
            "query": query,
            "export_url": f"{reverse('intranet:signal_export')}?{query}".rstrip("?"),
        },
        door=Door.INTRANET,
        current="signals",
    )


@intranet_door
def signal_export(request):
    """The list's signals as CSV, with the list's filters and order. Filters that
    do not hold send the reader back to the list, where they are explained."""
    filters = _filtered(request)
    if not filters.is_valid():
        query = request.GET.urlencode()
        return redirect(f"{reverse('intranet:signal_list')}?{query}")
    signals = filters.qs.select_related("organisation").prefetch_related(
        "co_organisations", "life_domains", "target_groups"
    )
    overdue = set(
        selectors.overdue_among(filters.qs.order_by()).values_list("pk", flat=True)
    )
    return signal_list_csv(signals, overdue=overdue)
