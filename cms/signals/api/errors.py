"""How the signal API answers a service's refusal, in the one error format.

A step the table does not allow from the current state, or an edit of an older
version, answers 409 (`invalid_transition`, `stale`); other refusals 400 with their
own code (`personal_data`, `not_editable`, ...) or `invalid` with the fields; who may
not act gets 403.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied

from portal.api.errors import validation_error_from_django


class SignalConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Dit kan niet in de huidige toestand van het signaal."


class SignalRefused(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "Dit kan niet."


CONFLICT_CODES = {"invalid_transition", "stale"}


def api_error(error: Exception) -> APIException:
    """A service's refusal in the API's terms."""
    if isinstance(error, DjangoPermissionDenied):
        return PermissionDenied(str(error) or None)
    assert isinstance(error, DjangoValidationError)
    if hasattr(error, "error_dict"):
        return validation_error_from_django(error)
    code = getattr(error, "code", None) or "refused"
    cls = SignalConflict if code in CONFLICT_CODES else SignalRefused
    return cls(detail=" ".join(error.messages), code=code)


def call_service(service, **kwargs):
    """Run a service function, turning its refusal into the API's error."""
    try:
        return service(**kwargs)
    except (DjangoPermissionDenied, DjangoValidationError) as error:
        raise api_error(error) from error
