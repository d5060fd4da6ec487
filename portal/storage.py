"""When the media storage refuses a write (a full disk, a read-only or unwritable
folder): the upload is refused with a message, and nothing is half-saved.

Django and Wagtail let the `OSError` of `Storage.save()` escape as a server error,
after the database rows of the same request may have been written. Here the file is
written first (before any row) and a refusal becomes a `ValidationError`.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STORAGE_REFUSED = _(
    "Het bestand kon niet bewaard worden: de opslag voor bestanden is vol of niet "
    "beschikbaar. Er is niets bewaard; probeer het later opnieuw of verwittig de "
    "beheerder."
)


@contextmanager
def storage_refusal_as(field: str) -> Iterator[None]:
    """Turn an `OSError` from the storage inside into a `ValidationError` on
    `field`, and log it for the administrator."""
    try:
        yield
    except OSError as error:
        logger.error("The media storage refused a file: %s", error)
        raise ValidationError({field: [STORAGE_REFUSED]}, code="storage") from error


class StoresFileFirstMixin:
    """For Wagtail's document and image forms: write the uploaded file during
    validation, so a refusing storage is a form error on the file (shown by the
    single and the multiple upload views) instead of a 500 from `save()`. The model
    then saves a file that is already committed, so it is written once."""

    file_field_name = "file"

    def _post_clean(self) -> None:
        super()._post_clean()
        field_file = getattr(self.instance, self.file_field_name, None)
        if self.file_field_name in self.errors or not field_file:
            return
        if getattr(field_file, "_committed", True):
            return
        try:
            with storage_refusal_as(self.file_field_name):
                if not self.errors:
                    field_file.save(field_file.name, field_file.file, save=False)
                else:
                    # Wagtail's multiple upload keeps a file whose other fields
                    # are still missing (the audience) as an UploadedFile, written
                    # by the view itself: find out now whether the storage takes it.
                    storage = field_file.storage
                    probe = storage.save(f"uploads-probe/{field_file.name}", field_file)
                    storage.delete(probe)
        except ValidationError as error:
            self._update_errors(error)
