"""What a signal's attachment may be: PDF, images and office files up to 10 MB,
checked on the file's name and on its first bytes (a renamed file does not pass).

Attachments live under a private upload path and are only served by the signal
download view after the visibility check; `portal.files` answers 404 for them.
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024

PDF = (b"%PDF-",)
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
ZIP = (b"PK\x03\x04",)  # Office Open XML and OpenDocument files
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # older Office files

# extension -> (content type, accepted first bytes)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", PDF),
    ".png": ("image/png", IMAGES),
    ".jpg": ("image/jpeg", IMAGES),
    ".jpeg": ("image/jpeg", IMAGES),
    ".gif": ("image/gif", IMAGES),
    ".webp": ("image/webp", (b"RIFF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ZIP,
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".ppt": ("application/vnd.ms-powerpoint", OLE),
}
ALLOWED_EXTENSIONS = ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_TYPES))


def extension_of(name: str) -> str:
    return PurePosixPath(name or "").suffix.lower()


def content_type_for(name: str) -> str:
    return ALLOWED_TYPES.get(extension_of(name), ("application/octet-stream", ()))[0]


def attachment_upload_to(instance, filename: str) -> str:
    """A private path with an unguessable name; the original name is kept on the
    model, never in the path."""
    return f"signals/attachments/{uuid.uuid4().hex}{extension_of(filename)}"


def validate_attachment(file) -> None:
    """Refuse a file of another type, a renamed file, an empty or an oversized one."""
    extension = extension_of(getattr(file, "name", ""))
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dit bestandstype is niet toegelaten. Toegelaten: %(types)s.")
            % {"types": ALLOWED_EXTENSIONS},
            code="file_type",
        )
    size = getattr(file, "size", 0) or 0
    if size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {
                "size": filesizeformat(size),
                "max": filesizeformat(MAX_ATTACHMENT_SIZE),
            },
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="file_empty")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if not any(head.startswith(magic) for magic in ALLOWED_TYPES[extension][1]):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de extensie %(ext)s.")
            % {"ext": extension},
            code="file_content",
        )
