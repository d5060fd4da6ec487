"""A request that loses the database (PostgreSQL restarting, SQLite locked past its
busy timeout) answers 503 with a short message and `Retry-After`, instead of the
generic 500: the load balancer and the person both learn it is temporary.

Nothing is half-written either way: each request's writes run in a transaction
(the services are atomic), which the database rolls back when the connection
drops. Django then closes the broken connection at the end of the request, and
`CONN_HEALTH_CHECKS` tests a persistent one before the next request uses it.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable during %s: %s", request.path, exception)
        message = _("De databank is even niet bereikbaar. Probeer het zo opnieuw.")
        if request.path.startswith(("/api/", "/_allauth/")):
            response = JsonResponse(
                {"error": {"code": "unavailable", "message": message, "fields": {}}},
                status=503,
            )
        else:
            # Plain HTML: the site's templates would ask the database again.
            response = HttpResponse(
                f'<!doctype html><html lang="nl"><meta charset="utf-8">'
                f"<title>{_('Even geduld')}</title><p>{message}</p></html>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
