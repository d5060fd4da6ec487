"""Indicators in the one search index (kind `indicator`), with the indicator's
own audience (`portal.access.indicators`), its life domain as a facet and the
plans' goals it informs in its text."""

from collections.abc import Iterable

from django.urls import reverse

from cms.indicators.models import Indicator
from cms.search_adapters.pages import clean
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register


@register(Indicator)
class IndicatorAdapter(Adapter):
    def queryset(self):
        return Indicator.objects.select_related("life_domain")

    def documents(self, indicator) -> Iterable[SearchDocument]:
        body = " ".join(
            [
                indicator.description,
                indicator.unit,
                indicator.source,
                indicator.get_direction_display(),
            ]
        )
        yield SearchDocument(
            key=object_key(indicator),
            kind=DocumentKind.INDICATOR,
            title=clean(indicator.name),
            body=clean(body),
            url=reverse("indicators:detail", args=[indicator.slug]),
            audience=indicator.audience,
            life_domains=(indicator.life_domain.name,) if indicator.life_domain else (),
            context=str(indicator.get_frequency_display()),
        )
