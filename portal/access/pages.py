"""Who may see which page.

A page's audience is its own and that of every ancestor: a page is never wider than
its parent. Saving and moving check it (`page_audience_problem`), a system check
reports pages that break it (`portal.access.checks`), and the selectors below apply
the ancestors too, so a violation that slipped in still closes the child.

Access knows no content app: the page model that carries the `audience` column
declares itself with `@declares_page_audience` (in `cms.models`).
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.access.audiences import Audience, audiences_for, is_wider, narrowest

_page_model: type[Model] | None = None


def declares_page_audience(model: type[Model]) -> type[Model]:
    """Class decorator: `model` (a concrete Page subclass with an `audience` field) is
    the table every page's audience is read from."""
    global _page_model
    _page_model = model
    return model


def page_audience_model() -> type[Model]:
    if _page_model is None:
        raise ImproperlyConfigured(
            "No page model declared its audience (@declares_page_audience)."
        )
    return _page_model


def _ancestor_paths(path: str) -> list[str]:
    """The tree paths of a page and its ancestors (treebeard's materialised path)."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def pages_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Live pages this user may see: neither the page nor any ancestor has an
    audience outside the user's. Pages without an audience (Wagtail's root, plain
    Page) count as public. Lazy: nothing is queried until the result is used."""
    queryset = Page.objects.all() if queryset is None else queryset
    allowed = audiences_for(user)
    closed = page_audience_model().objects.exclude(audience__in=allowed)
    # An ancestor's materialised path is a prefix of the page's own.
    closed_ancestor = (
        closed.filter(depth__lt=OuterRef("depth"))
        .annotate(prefix=Substr(OuterRef("path"), 1, Length("path")))
        .filter(path=F("prefix"))
    )
    # One `pk__in` subquery rather than an Exists() on the queryset itself: Wagtail's
    # search backends translate only field lookups into their filters.
    hidden = Page.objects.filter(
        Q(pk__in=closed.values("pk")) | Exists(closed_ancestor)
    ).values("pk")
    return queryset.live().exclude(pk__in=hidden)


def page_audience(page: Page) -> str:
    """The audience a page really has: the narrowest of its own and its ancestors'."""
    audiences = list(
        page_audience_model()
        .objects.filter(path__in=_ancestor_paths(page.path))
        .values_list("audience", flat=True)
    )
    return narrowest(*audiences) if audiences else Audience.PUBLIC


def page_is_visible_to(user, page: Page) -> bool:
    """Whether this user may see this page (live or not, the audiences decide)."""
    allowed = audiences_for(user)
    own = getattr(page.specific_deferred, "audience", None)
    if own is not None and own not in allowed:
        return False
    return (
        not page_audience_model()
        .objects.filter(path__in=_ancestor_paths(page.path)[:-1])
        .exclude(audience__in=allowed)
        .exists()
    )


def page_audience_problem(
    audience: str, *, parent: Page | None, page: Page | None = None
) -> str | None:
    """Why a page with `audience` may not sit under `parent` (or hold the children it
    has), in words for the editor; None when it may."""
    if parent is not None:
        parent_audience = page_audience(parent)
        if is_wider(audience, parent_audience):
            return _(
                "Deze pagina kan niet ruimer zichtbaar zijn dan de bovenliggende "
                "pagina '%(parent)s' (%(audience)s)."
            ) % {
                "parent": parent.title,
                "audience": Audience(parent_audience).label,
            }
    if page is not None and page.pk and not page._state.adding:
        wider = (
            page_audience_model()
            .objects.filter(path__startswith=page.path, depth__gt=page.depth)
            .exclude(audience__in=_audiences_within(audience))
            .order_by("path")
        )
        titles = list(wider.values_list("title", flat=True)[:5])
        if titles:
            return _(
                "Onderliggende pagina's zouden dan ruimer zichtbaar zijn dan deze "
                "pagina: %(pages)s. Beperk eerst hun publiek."
            ) % {"pages": ", ".join(titles)}
    return None


def _audiences_within(audience: str) -> list[str]:
    """The audiences no wider than `audience`."""
    return [value for value in Audience.values if not is_wider(value, audience)]


def pages_wider_than_their_parent() -> list[tuple[int, str, str]]:
    """(pk, title, parent title) of every page whose audience is wider than its
    parent's, for the system check. One query; the tree is compared in memory."""
    rows = list(
        page_audience_model()
        .objects.order_by("path")
        .values_list("pk", "path", "title", "audience")
    )
    by_path = {path: (title, audience) for _pk, path, title, audience in rows}
    found = []
    for pk, path, title, audience in rows:
        parent = by_path.get(path[: -Page.steplen])
        if parent is not None and is_wider(audience, parent[1]):
            found.append((pk, title, parent[0]))
    return found
