"""Signals as downloads: a bundle as CSV or PDF, and the intranet's signal list as
CSV. Each holds only the signals the reader may see (the caller passes them)."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from cms.signals.privacy import find_personal_data
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


def _csv_response(filename: str) -> HttpResponse:
    """An empty CSV download: UTF-8 with a byte order mark, so spreadsheet
    programs read it as such; never kept by a shared cache, since what a reader
    gets depends on who they are."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    patch_audience_headers(response, "staff")
    return response


def bundle_csv(page, user) -> HttpResponse:
    response = _csv_response(
        f"{slugify(page.edition or page.title) or 'signalenbundel'}.csv"
    )
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
    return response


#: The columns of the intranet's signal list as CSV. No person is named (not the
#: author, nor anyone on the timeline), and no free text but the title and the
#: region, from which any personal data the privacy guard finds is removed.
LIST_COLUMNS = [
    "referentie",
    "titel",
    "status",
    "organisatie",
    "mee gedragen door",
    "levensdomeinen",
    "doelgroepen",
    "regio of gemeente",
    "aangemaakt op",
    "ingediend op",
    "gecommuniceerd op",
    "beantwoord op",
    "over tijd",
    "toestemming tot publicatie",
]
REDACTED = "[verwijderd]"


def without_personal_data(text: str) -> str:
    """`text` with each piece of personal data the privacy guard finds replaced."""
    for finding in reversed(find_personal_data(text)):
        text = text[: finding.start] + REDACTED + text[finding.end :]
    return text


def _date(moment: datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def signal_list_csv(signals: Iterable, *, overdue: set[int]) -> HttpResponse:
    """`signals` (those the reader may see, filtered and ordered as on the list)
    as CSV; `overdue` holds the pks of those over time. (Signals, untyped: the
    models import this module for the bundle's downloads, so it does not import
    them back, not even for type checking.)"""
    response = _csv_response(f"signalen-{timezone.localdate().isoformat()}.csv")
    writer = guarded_writer(response, delimiter=";")
    writer.writerow(LIST_COLUMNS)
    for signal in signals:
        writer.writerow(
            [
                signal.reference,
                without_personal_data(signal.title),
                signal.get_state_display(),
                signal.organisation.name,
                ", ".join(org.name for org in signal.co_organisations.all()),
                ", ".join(str(domain) for domain in signal.life_domains.all()),
                ", ".join(str(group) for group in signal.target_groups.all()),
                without_personal_data(signal.region),
                _date(signal.created_at),
                _date(signal.submitted_at),
                _date(signal.communicated_at),
                signal.answered_on.isoformat() if signal.answered_on else "",
                "ja" if signal.pk in overdue else "nee",
                "ja" if signal.consent_given else "nee",
            ]
        )
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
