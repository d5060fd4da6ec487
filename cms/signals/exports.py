"""A signal bundle as a CSV download: one row per signal the reader may see."""

import textwrap

from django.http import HttpResponse
from django.utils.text import slugify
from wagtail.rich_text import get_text_for_indexing

from portal.files import patch_audience_headers
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


# PDF: a plain text rendering of the bundle, written without a PDF library (A4,
# Helvetica with WinAnsi encoding, which holds Dutch accents).

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
MARGIN, LEADING = 56, 14
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
WRAP = 95


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrapped(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out = []
    for text, size in lines:
        width = WRAP if size <= 10 else WRAP * 10 // size
        out += [(part, size) for part in textwrap.wrap(text, width) or [""]]
    return out


def pdf_document(lines: list[tuple[str, int]]) -> bytes:
    """A PDF of (text, font size) lines, wrapped and paged."""
    lines = _wrapped(lines)
    pages = [
        lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)
    ] or [[]]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    page_ids = []
    for page_lines in pages:
        stream = [b"BT", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
        for text, size in page_lines:
            stream.append(f"/F1 {size} Tf 0 -{LEADING} Td".encode())
            stream.append(b"(" + _pdf_text(text) + b") Tj")
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode()
            + content
            + b"\nendstream"
        )
        content_id = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} "
            f"{PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        page_ids.append(len(objects))
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)


def bundle_pdf(page, user) -> HttpResponse:
    lines: list[tuple[str, int]] = [(page.title, 16), ("", 10)]
    for text in (page.introduction, page.analysis):
        if text:
            lines += [(get_text_for_indexing(text), 10), ("", 10)]
    for domain, entries in page.grouped_entries(user).items():
        lines.append((domain, 13))
        for entry in entries:
            signal = entry.signal
            lines.append((f"{signal.title} ({signal.reference})", 11))
            lines.append((f"Gemeld door {signal.organisation.name}", 9))
            lines.append((signal.description, 10))
            for label, text in (
                ("Analyse", entry.analysis),
                ("Aanbeveling", entry.recommendation),
                ("Beleidsantwoord", signal.answer),
            ):
                if text:
                    lines.append((f"{label}: {text}", 10))
            lines.append(("", 10))
    if page.policy_responses:
        lines += [("Beleidsantwoorden", 13)]
        lines.append((get_text_for_indexing(page.policy_responses), 10))
    response = HttpResponse(pdf_document(lines), content_type="application/pdf")
    filename = f"{slugify(page.edition or page.title) or 'signalenbundel'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_audience_headers(response, "staff")
    return response
