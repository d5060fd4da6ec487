"""Uploaded files are served by Django, after the access check, never straight from
disk: MEDIA_URL (what `{% image %}`, rich text and the image API point at) is routed
to `serve_media_file`; Wagtail's document serve view (`document.url`, the API's
download_url) checks the audience in a `before_serve_document` hook
(`cms.wagtail_hooks`) and is wrapped by `serve_document_view` for its cache headers.

Production must not let the web server (nginx, Apache, a CDN origin) serve
MEDIA_ROOT directly: a guessed `/media/original_images/...` would then bypass the
audience of a staff or partner file. See docs/architecture.md.
"""

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model

from portal.access import document_is_visible_to, image_is_visible_to
from portal.access.audiences import Audience

# Public files may be kept by browsers and shared caches for a short while only, so a
# file whose audience is narrowed stops being served from caches soon after.
PUBLIC_MAX_AGE = 300
# Formats Wagtail makes renditions in, for systems whose mime.types lacks them.
IMAGE_CONTENT_TYPES = {
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".webp": "image/webp",
}


def file_response(
    file, *, audience: str, content_type: str, filename: str, attachment: bool = False
) -> FileResponse:
    """Stream a stored file with the headers its audience asks for."""
    response = FileResponse(
        file, content_type=content_type, as_attachment=attachment, filename=filename
    )
    patch_audience_headers(response, audience)
    return response


def patch_audience_headers(response, audience: str) -> None:
    """Cacheable for a short while when public; never stored by any cache when
    restricted. Never sniffed, and an HTML or SVG file opened on its own runs no
    script on our origin."""
    if audience == Audience.PUBLIC:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"


def serve_document(request, document) -> FileResponse:
    """A document the user may see (404 otherwise), inline when Wagtail would show it
    inline (PDF), as an attachment otherwise."""
    if not document_is_visible_to(request.user, document):
        raise Http404
    return file_response(
        document.file.open("rb"),
        audience=document.audience,
        content_type=document.content_type,
        filename=document.filename,
        attachment=document.content_disposition != "inline",
    )


def serve_image_file(request, image, file) -> FileResponse:
    """An image's original or one of its renditions, if the user may see the image."""
    if not image_is_visible_to(request.user, image):
        raise Http404
    extension = PurePosixPath(file.name).suffix.lower()
    content_type = (
        mimetypes.guess_type(file.name)[0]
        or IMAGE_CONTENT_TYPES.get(extension)
        or "application/octet-stream"
    )
    return file_response(
        file.open("rb"),
        audience=image.audience,
        content_type=content_type,
        filename=PurePosixPath(file.name).name,
    )


def serve_media_file(request, path: str) -> FileResponse:
    """Everything under MEDIA_URL: find which image, rendition or document owns the
    path and serve it if the user may see its owner. A path no file owns (an orphan
    on disk, a guess) answers 404, as does a file the user may not see."""
    Image = get_image_model()
    image = Image.objects.filter(file=path).first()
    if image is not None:
        return serve_image_file(request, image, image.file)
    rendition = (
        Image.get_rendition_model()
        .objects.filter(file=path)
        .select_related("image")
        .first()
    )
    if rendition is not None:
        return serve_image_file(request, rendition.image, rendition.file)
    document = get_document_model().objects.filter(file=path).first()
    if document is not None:
        return serve_document(request, document)
    raise Http404


def check_document_access(document, request) -> None:
    """For Wagtail's `before_serve_document` hook: an invisible document is a 404."""
    if not document_is_visible_to(request.user, document):
        raise Http404


def serve_document_view(request, document_id, document_filename):
    """Wagtail's document serve view (lookup, file name check, hooks with the access
    check above, conditional GET), with the cache headers of the document's audience:
    Wagtail sets none, and a restricted document must never be kept by a cache."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.streaming:  # the file itself, not a 304 or a password form
        audience = (
            get_document_model()
            .objects.filter(pk=document_id)
            .values_list("audience", flat=True)
            .first()
        )
        patch_audience_headers(response, audience or Audience.STAFF)
    return response
