"""PDFs the portal writes (a signal bundle, a body's yearly report): an HTML template
rendered by WeasyPrint as tagged PDF/UA-1, so a screen reader finds the headings,
lists and tables the HTML had, in the language the HTML names.

A template for this extends `pdf/base.html`, which sets `<html lang="nl">`, the
`<title>` (the PDF's title) and a print style sheet. The response is a download
whose audience is narrower than the public: never kept by a shared cache.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from portal.files import patch_audience_headers

#: Tagged PDF for accessibility (ISO 14289-1): structure tree, /Lang, title shown.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template: str, context: dict) -> bytes:
    """The PDF of `template` rendered with `context`."""
    # WeasyPrint takes about a second to import (Pango, fontconfig) and parses its
    # style sheets on import: load it at the first PDF asked for, not in every
    # process and command that imports a model.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    html = render_to_string(template, context)
    # Everything the PDF shows is in the HTML: nothing is fetched from the network
    # or the disk (an address in rich text stays a link, never a request).
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(
    template: str, context: dict, *, filename: str, audience: str = "staff"
) -> HttpResponse:
    """A PDF download named `<slug of filename>.pdf`; `audience` sets the cache
    headers (see `portal.files.patch_audience_headers`)."""
    response = HttpResponse(
        render_pdf(template, context), content_type="application/pdf"
    )
    name = slugify(filename) or "document"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    patch_audience_headers(response, audience)
    return response
