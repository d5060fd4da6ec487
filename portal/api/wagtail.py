"""Wagtail's API v2 behind the portal's access rules: every endpoint lists only what the
caller may see. Its errors come in the API's one format, and query parameters that
would fail in the database (a number past 64 bits, a search that is no query) are
refused with 400 before they get there."""

import unicodedata

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.access import (
    documents_visible_to,
    images_visible_to,
    pages_visible_to,
)
from portal.api.errors import error_body
from portal.api.viewsets import MAX_ID

SEARCH_OPERATORS = {"and", "or"}


class InvalidParameter(BadRequestError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


def search_query_problem(query: str) -> str | None:
    """Why a search query cannot be searched for, or None. Wagtail's database
    backends fail on these (SQLite's FTS on a lone quote, both on an empty query or
    a NUL character) instead of refusing them."""
    if any(unicodedata.category(char) == "Cc" for char in query):
        return "De zoekterm bevat een stuurteken."
    if not query.strip():
        return "Geef een zoekterm."
    if query.count('"') % 2:
        return "Sluit de woordgroep af met een tweede aanhalingsteken."
    return None


def check_query_parameters(query_params) -> None:
    """Refuse what Wagtail would pass on to the database unchecked."""
    for name, values in query_params.lists():
        for value in values:
            if name == "search":
                problem = search_query_problem(value)
                if problem:
                    raise InvalidParameter(name, problem)
                continue
            number = value.strip().removeprefix("-")
            if number.isdigit() and int(number) > MAX_ID:
                raise InvalidParameter(name, f"Geef een getal tot {MAX_ID}.")
    operator = query_params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise InvalidParameter("search_operator", "Kies 'and' of 'or'.")


class PortalAPIViewSetMixin:
    """Checked parameters and the one error format for Wagtail's viewsets."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_parameters(request.GET)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response(
                error_body("not_found", "Niet gevonden."),
                status=status.HTTP_404_NOT_FOUND,
            )
        if isinstance(exc, BadRequestError):
            parameter = getattr(exc, "parameter", None)
            message = str(exc)
            return Response(
                error_body(
                    "invalid", message, {parameter: [message]} if parameter else None
                ),
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


class VisiblePagesAPIViewSet(PortalAPIViewSetMixin, PagesAPIViewSet):
    """Pages for the caller's audiences only; an invisible page answers 404."""

    schema = None  # Wagtail documents API v2 itself; the OpenAPI schema is /api/v1/

    def get_base_queryset(self):
        return pages_visible_to(self.request.user, super().get_base_queryset())


class VisibleDocumentsAPIViewSet(PortalAPIViewSetMixin, DocumentsAPIViewSet):
    """Documents for the caller's audiences only; an invisible one answers 404. The
    download_url is Wagtail's serve view, which checks the audience again."""

    schema = None

    def get_queryset(self):
        return documents_visible_to(self.request.user, super().get_queryset())


class VisibleImagesAPIViewSet(PortalAPIViewSetMixin, ImagesAPIViewSet):
    """Images for the caller's audiences only; an invisible one answers 404. The
    download_url is under MEDIA_URL, served by the checking view of portal.files."""

    schema = None

    def get_queryset(self):
        return images_visible_to(self.request.user, super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", VisibleImagesAPIViewSet)
api_router.register_endpoint("documents", VisibleDocumentsAPIViewSet)
