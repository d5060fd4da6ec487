"""A signal bundle as a download, CSV or PDF: the signals the reader may see."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify

from portal.files import patch_audience_headers
from portal.pdf import pdf_response
from portal.spreadsheets import guarded_writer

COLUMNS = [
    "referentie",
    "titel",
    "levensdomeinen",
    "doelgroepen",
    "organisatie",
    "status",
    "omschrijving",
    "analyse",
    "aanbeveling",
    "beleidsantwoord",
    "beantwoord op",
]


def bundle_csv(page, user) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(page.edition or page.title) or 'signalenbundel'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = guarded_writer(response, delimiter=";")
    writer.writerow(COLUMNS)
    for entry in page.entries_visible_to(user).prefetch_related(
        "signal__target_groups"
    ):
        signal = entry.signal
        writer.writerow(
            [
                signal.reference,
                signal.title,
                ", ".join(str(d) for d in signal.life_domains.all()),
                ", ".join(str(g) for g in signal.target_groups.all()),
                signal.organisation.name,
                signal.get_state_display(),
                signal.description,
                entry.analysis,
                entry.recommendation,
                signal.answer,
                signal.answered_on.isoformat() if signal.answered_on else "",
            ]
        )
    # What a reader sees depends on who they are: never kept by a shared cache.
    patch_audience_headers(response, "staff")
    return response


def bundle_pdf(page, user) -> HttpResponse:
    """The bundle as a tagged PDF (PDF/UA): the signals this reader may see, grouped
    by life domain as on the page (`theme/templates/signals/signal_bundle_pdf.html`)."""
    context = {
        "page": page,
        "groups": page.grouped_entries(user),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return pdf_response(
        "signals/signal_bundle_pdf.html",
        context,
        filename=page.edition or page.title or "signalenbundel",
        audience="staff",  # what a reader sees depends on who they are
    )
