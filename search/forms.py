"""The search page's GET form. It is lenient: a value it cannot use (an unknown
kind, a page that is no number) is left out, so a hand-edited or stale address
still shows results. The API is strict instead (`search.api`)."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from search.documents import DocumentKind, Facet, Sort
from search.selectors import MAX_FILTER_VALUES, MAX_PAGE


class ValuesField(forms.Field):
    """Several values of one name (?life_domain=Wonen&life_domain=Werken)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_length: int = 255, digits: bool = False, **kwargs):
        self.max_length = max_length
        self.digits = digits
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> list[str]:
        values = [str(item).strip() for item in value or []]
        return [
            item
            for item in dict.fromkeys(values)
            if item
            and len(item) <= self.max_length
            and (not self.digits or item.isdigit())
        ]


class SearchForm(forms.Form):
    # No max_length: a longer query is cut by the selector, not refused.
    q = forms.CharField(label=_("Zoekterm"), required=False, strip=True)
    kind = forms.MultipleChoiceField(
        label=Facet.KIND.label, choices=DocumentKind.choices, required=False
    )
    life_domain = ValuesField(label=Facet.LIFE_DOMAIN.label)
    target_group = ValuesField(label=Facet.TARGET_GROUP.label)
    organisation = ValuesField(label=Facet.ORGANISATION.label)
    year = ValuesField(label=Facet.YEAR.label, max_length=4, digits=True)
    sort = forms.ChoiceField(
        label=_("Sorteren op"), choices=Sort.choices, required=False
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def too_many_values(self) -> str:
        """A message when a parameter repeats more often than a search takes
        (the page answers 400 with it), else an empty string."""
        if any(len(values) > MAX_FILTER_VALUES for _name, values in self.data.lists()):
            return _(
                "Je kunt per filter op hoogstens %(count)d waarden tegelijk zoeken. "
                "Kies minder waarden."
            ) % {"count": MAX_FILTER_VALUES}
        return ""

    def request(self) -> "SearchRequest":
        """What to search for: the valid part of the input."""
        self.is_valid()
        data = self.cleaned_data
        kinds = data.get("kind")
        if kinds is None:  # one unknown kind makes the field invalid: keep the rest
            kinds = [v for v in self.data.getlist("kind") if v in DocumentKind.values]
        filters = {
            Facet.KIND.value: list(kinds),
            **{
                facet.value: data.get(facet.value) or []
                for facet in (
                    Facet.LIFE_DOMAIN,
                    Facet.TARGET_GROUP,
                    Facet.ORGANISATION,
                    Facet.YEAR,
                )
            },
        }
        return SearchRequest(
            query=data.get("q") or "",
            filters={name: values for name, values in filters.items() if values},
            sort=data.get("sort") or Sort.RELEVANCE,
            page=data.get("page") or 1,
        )


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = Sort.RELEVANCE
    page: int = 1

    @property
    def is_blank(self) -> bool:
        """Nothing asked yet: the page shows only the form."""
        return not self.query and not self.filters
