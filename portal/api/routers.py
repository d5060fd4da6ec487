"""The one router of /api/v1/: every app puts its endpoints on it in its own
`register(router)`, and `portal.api.urls` mounts it once.

DRF's `DefaultRouter` takes viewsets only; `add_view` also takes a plain `APIView`
under a fixed route and name (`me/`, `search/`, the HSDS paths, which follow their
standard's layout without a trailing slash), optionally in a URL namespace.
"""

from collections import defaultdict

from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView


class ApiRouter(DefaultRouter):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._views: dict[str | None, list] = defaultdict(list)

    def add_view(
        self,
        route: str,
        view: type[APIView],
        *,
        name: str,
        namespace: str | None = None,
    ) -> None:
        """Serve `view` at `route` (relative to /api/v1/), named `name` (within
        `namespace`, when given)."""
        self._views[namespace].append(path(route, view.as_view(), name=name))

    def get_urls(self) -> list:
        urls = list(self._views.get(None, []))
        for namespace, patterns in self._views.items():
            if namespace is not None:
                urls.append(path("", include((patterns, namespace))))
        return urls + super().get_urls()
