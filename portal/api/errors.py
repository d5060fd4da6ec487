"""One error format for the whole API:

    {"error": {"code": "not_found", "message": "...", "fields": {"title": [...]}}}

DRF's default mixes shapes (`{"detail": ...}` or a field dict); clients should parse
one.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler


def _first_code(codes) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, list) and codes:
        return _first_code(codes[0])
    if isinstance(codes, dict) and codes:
        return _first_code(next(iter(codes.values())))
    return "error"


def exception_handler(exc, context):
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
