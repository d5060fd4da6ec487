"""The one error the importers raise for bad input, so callers (management commands,
admin views) can show its message instead of a traceback."""

from django.core.exceptions import ValidationError


class ImportInputError(ValueError):
    """The file cannot be imported as it is: the message says which file and why.
    Nothing has been saved when it is raised."""


def describe_validation_error(error: ValidationError) -> str:
    """A model's ValidationError as one line: 'field: message; field: message'."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)
