"""What a restore must bring back, as plain JSON: every account, signal (with its
timeline and attachments), page, document and image, and the sha256 of every media
file they point at. Run in the test process for the source and through a
subprocess for the restored site."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.signals.models import Signal, SignalAttachment, SignalEvent


def _sha256(name: str) -> str | None:
    path = Path(settings.MEDIA_ROOT) / name
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def inventory() -> dict:
    files = [
        *(item.file.name for item in SignalAttachment.objects.all()),
        *(item.file.name for item in get_document_model().objects.all()),
        *(item.file.name for item in get_image_model().objects.all()),
    ]
    return {
        "accounts": sorted(
            [user.email, user.password, user.is_staff, user.is_active]
            for user in get_user_model().objects.all()
        ),
        "signals": sorted(
            [signal.reference, signal.title, signal.state, signal.organisation.name]
            for signal in Signal.objects.select_related("organisation")
        ),
        "events": SignalEvent.objects.count(),
        "attachments": sorted(
            [item.signal.reference, item.filename, item.file.name, item.size]
            for item in SignalAttachment.objects.select_related("signal")
        ),
        "pages": sorted(
            [page.pk, page.url_path, page.title, page.live]
            for page in Page.objects.all()
        ),
        "documents": sorted(
            [item.title, item.file.name] for item in get_document_model().objects.all()
        ),
        "images": sorted(
            [item.title, item.file.name] for item in get_image_model().objects.all()
        ),
        "media": {name: _sha256(name) for name in sorted(files)},
    }
