"""One error format for the whole API:

    {"error": {"code": "not_found", "message": "...", "fields": {"title": [...]}}}

DRF's default mixes shapes (`{"detail": ...}` or a field dict); clients should parse
one.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import serializers, status
from rest_framework.exceptions import (
    APIException,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Stable, machine-readable: `invalid`, `not_found`, "
        "`not_authenticated`, `permission_denied`, `mfa_required`, `throttled`, ..."
    )
    message = serializers.CharField(help_text="Readable explanation, in Dutch.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only for `invalid`: the messages per input field "
        "(`non_field_errors` for the input as a whole).",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    error = ErrorDetailSerializer()


def _first_code(codes) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, list) and codes:
        return _first_code(codes[0])
    if isinstance(codes, dict) and codes:
        return _first_code(next(iter(codes.values())))
    return "error"


def validation_error_from_django(error: DjangoValidationError) -> ValidationError:
    """A model's `full_clean()` error as the API's validation error, per field."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                "non_field_errors" if field == "__all__" else field: messages
                for field, messages in error.message_dict.items()
            }
        )
    return ValidationError({"non_field_errors": error.messages})


class Conflict(APIException):
    """409: the step is not possible in the object's current state, or the edit
    starts from an older version."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Dit kan niet in de huidige toestand."


class Refused(APIException):
    """400 with the service's own code (`personal_data`, `not_editable`, ...)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "Dit kan niet."


# Refusal codes of the services that mean "not in this state": 409, not 400.
CONFLICT_CODES = {"invalid_transition", "stale"}


def service_error(error: Exception) -> APIException:
    """A service's refusal (Django's `PermissionDenied` or `ValidationError`) in
    the API's terms: 403; 400 `invalid` with the fields; 409 for a conflict code;
    400 with the service's own code otherwise."""
    if isinstance(error, DjangoPermissionDenied):
        return PermissionDenied(str(error) or None)
    assert isinstance(error, DjangoValidationError)
    if hasattr(error, "error_dict"):
        return validation_error_from_django(error)
    code = getattr(error, "code", None) or "refused"
    cls = Conflict if code in CONFLICT_CODES else Refused
    return cls(detail=" ".join(error.messages), code=code)


def call_service(service, **kwargs):
    """Run a service function, turning its refusal into the API's error."""
    try:
        return service(**kwargs)
    except (DjangoPermissionDenied, DjangoValidationError) as error:
        raise service_error(error) from error


def invalid(field: str, message: str) -> ValidationError:
    """A 400 `invalid` naming one input field."""
    return ValidationError({field: [message]})


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    """The one error shape, for views outside DRF's exception handler (Wagtail's
    API v2)."""
    error = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def exception_handler(exc, context):
    # Django's own exceptions, as DRF's, so they carry a code.
    if isinstance(exc, Http404):
        exc = NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = validation_error_from_django(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # unexpected errors stay 500s and reach the logs
    if isinstance(exc, ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        error = {
            "code": "invalid",
            "message": "De invoer is niet geldig.",
            "fields": fields,
        }
    else:
        error = {
            "code": _first_code(exc.get_codes()),
            "message": str(getattr(exc, "detail", exc)),
        }
    response.data = {"error": error}
    return response


class NotFoundView(APIView):
    """Any unknown address under /api/v1/: a 404 in the API's format, not the
    site's HTML page."""

    schema = None  # not an endpoint

    def initial(self, request, *args, **kwargs):
        raise NotFound
