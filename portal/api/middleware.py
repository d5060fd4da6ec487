"""A guard in front of every API view: a query string holding a NUL character is
refused with 400 in the one error format. PostgreSQL cannot store or compare NUL
in text, and psycopg raises on it wherever a filter passes it on (a 500 otherwise);
no view has a use for it."""

from django.http import HttpRequest, JsonResponse

from portal.api.errors import error_body

API_PREFIX = "/api/"


class RejectNulInQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith(API_PREFIX):
            for name, values in request.GET.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    message = "Een parameter bevat een NUL-teken."
                    return JsonResponse(
                        error_body("invalid", message, {name: [message]}),
                        status=400,
                    )
        return self.get_response(request)
