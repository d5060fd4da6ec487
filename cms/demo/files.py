"""The demo town's files, one or more per audience: a public leaflet and photo, a
partners-only checklist, a staff-only planning note and organisation chart, and the
pages that use them.

The PDFs and images are drawn here (fictional content, no real people), so the demo
needs no binary files in the repository. Files are keyed on their title and created
only when missing; a page gets its file block only when it does not use the file yet.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.models import ContentPage, HomePage
from portal.access.audiences import Audience

# ---------------------------------------------------------------------------- PDFs


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page A4 PDF: a title and lines of text in Helvetica."""
    content = [b"BT", b"/F1 18 Tf", b"72 770 Td", _pdf_text(title) + b" Tj"]
    content += [b"/F1 11 Tf", b"0 -32 Td"]
    for line in lines:
        content += [_pdf_text(line) + b" Tj", b"0 -16 Td"]
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title " + _pdf_text(title) + b" /Producer (Demo Wilgendonk) >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    pdf += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(pdf)


# -------------------------------------------------------------------------- images


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def social_house_picture() -> bytes:
    """A drawing of the social house: a front with windows, a door and a tree."""
    image = Image.new("RGB", (800, 450), "#cfe8f3")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 360, 800, 450), fill="#7bb661")
    draw.rectangle((220, 140, 580, 380), fill="#e9d8b4", outline="#6b4f2a", width=4)
    draw.polygon([(200, 145), (400, 40), (600, 145)], fill="#a4452c")
    for left in (250, 340, 470):
        draw.rectangle((left, 180, left + 60, 240), fill="#ffffff", outline="#6b4f2a")
    draw.rectangle((370, 280, 430, 380), fill="#2f5d8a")
    draw.rectangle((660, 250, 680, 370), fill="#6b4f2a")
    draw.ellipse((610, 160, 730, 280), fill="#3f8f3f")
    draw.text((250, 150), "SOCIAAL HUIS", fill="#2b2b2b")
    return _png(image)


def organisation_chart() -> bytes:
    """A drawing of an organisation chart: one box on top, three below."""
    image = Image.new("RGB", (800, 450), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 40, 500, 110), fill="#dde7f5", outline="#2f5d8a", width=3)
    draw.text((330, 68), "Stuurgroep signalen", fill="#1b1b1b")
    draw.line((400, 110, 400, 170), fill="#2f5d8a", width=3)
    draw.line((130, 170, 670, 170), fill="#2f5d8a", width=3)
    for left, label in (
        (40, "Werkgroep wonen"),
        (310, "Werkgroep zorg"),
        (580, "Werkgroep werk"),
    ):
        draw.line((left + 90, 170, left + 90, 230), fill="#2f5d8a", width=3)
        draw.rectangle(
            (left, 230, left + 180, 300), fill="#eef5e6", outline="#3f7f3f", width=3
        )
        draw.text((left + 20, 258), label, fill="#1b1b1b")
    draw.text((40, 410), "INTERN - niet verspreiden", fill="#a4452c")
    return _png(image)


# --------------------------------------------------------------------------- files


@dataclass
class DemoFile:
    """A document or image of the demo town, made by `make` when missing."""

    kind: str  # "document" or "image"
    title: str
    filename: str
    audience: str
    make: Callable[[], bytes]


PUBLIC_LEAFLET = "Folder: het sociaal huis van Wilgendonk"
PUBLIC_PICTURE = "Het sociaal huis aan de Kerkstraat"
PARTNER_CHECKLIST = "Checklist voor het melden van een signaal"
STAFF_PLANNING = "Planning signalenbundel 2027 (intern)"
STAFF_CHART = "Organigram werkgroepen signalen (intern)"

DEMO_FILES = [
    DemoFile(
        "document",
        PUBLIC_LEAFLET,
        "folder-sociaal-huis-wilgendonk.pdf",
        Audience.PUBLIC,
        lambda: simple_pdf(
            PUBLIC_LEAFLET,
            [
                "Eén adres voor elke vraag over welzijn, inkomen, wonen en zorg.",
                "Open op werkdagen van 9 tot 12 uur, op dinsdag ook van 14 tot 19 uur.",
                "Zitdagen in de drie kerkdorpen: elke week, zie de gemeentekrant.",
                "Kun je niet komen? Een medewerker komt bij je thuis langs.",
            ],
        ),
    ),
    DemoFile(
        "image",
        PUBLIC_PICTURE,
        "sociaal-huis-wilgendonk.png",
        Audience.PUBLIC,
        social_house_picture,
    ),
    DemoFile(
        "document",
        PARTNER_CHECKLIST,
        "checklist-signaal-melden.pdf",
        Audience.PARTNERS,
        lambda: simple_pdf(
            PARTNER_CHECKLIST,
            [
                "1. Beschrijf wat je vaststelt, niet wie het meemaakt.",
                "2. Vermeld het levensdomein en hoe vaak je het ziet.",
                "3. Vraag de coördinator van je organisatie om toestemming.",
                "4. Meld het signaal in het signalenregister van het portaal.",
            ],
        ),
    ),
    DemoFile(
        "document",
        STAFF_PLANNING,
        "planning-signalenbundel-2027.pdf",
        Audience.STAFF,
        lambda: simple_pdf(
            STAFF_PLANNING,
            [
                "Interne werktekst, niet verspreiden.",
                "Januari 2027: bundelen per levensdomein in de werkgroepen.",
                "Februari 2027: toestemming van de partners voor publicatie.",
                "Maart 2027: managementteam en vast bureau.",
                "April 2027: welzijnsforum en gemeenteraad.",
            ],
        ),
    ),
    DemoFile(
        "image",
        STAFF_CHART,
        "organigram-werkgroepen-signalen.png",
        Audience.STAFF,
        organisation_chart,
    ),
]


def ensure_files(*, uploaded_by=None) -> tuple[dict[str, object], int]:
    """Create the missing DEMO_FILES; returns them by title, and how many were new."""
    models = {"document": get_document_model(), "image": get_image_model()}
    files: dict[str, object] = {}
    created = 0
    for spec in DEMO_FILES:
        model = models[spec.kind]
        instance = model.objects.filter(title=spec.title).first()
        if instance is None:
            instance = model(
                title=spec.title, audience=spec.audience, uploaded_by_user=uploaded_by
            )
            instance.file.save(spec.filename, ContentFile(spec.make()), save=False)
            if spec.kind == "document":
                instance._set_document_file_metadata()
            else:
                instance._set_image_file_metadata()
            instance.full_clean()
            instance.save()
            created += 1
        files[spec.title] = instance
    return files, created


# --------------------------------------------------------------------------- usage


@dataclass
class FileUse:
    """A file block to add to the body of the content page with this slug."""

    page_slug: str
    file_title: str
    caption: str = ""


FILE_USES = [
    FileUse("sociaal-huis", PUBLIC_PICTURE, "Het sociaal huis aan de Kerkstraat."),
    FileUse("sociaal-huis", PUBLIC_LEAFLET, "De folder van het sociaal huis"),
    FileUse("signaalprocedure", PARTNER_CHECKLIST, "Checklist voor partners"),
    FileUse("werknota-signalenbundel-2027", STAFF_PLANNING, "Planning (intern)"),
    FileUse("werknota-signalenbundel-2027", STAFF_CHART, "Wie bundelt welke signalen."),
]


def _block_for(page: ContentPage, file, caption: str):
    stream_block = page.body.stream_block
    if isinstance(file, get_image_model()):
        value = {
            "image": {"image": file.pk, "decorative": False, "alt_text": file.title},
            "caption": caption,
        }
        return "image", stream_block.child_blocks["image"].to_python(value)
    value = {"document": file.pk, "title": caption}
    return "document", stream_block.child_blocks["document"].to_python(value)


def ensure_file_uses(
    home: HomePage, files: dict[str, object], *, author=None, publisher=None
) -> int:
    """Add each file of FILE_USES to its page unless the page uses it already;
    returns how many pages got a new revision."""
    changed = 0
    for slug in dict.fromkeys(use.page_slug for use in FILE_USES):
        page = home.get_descendants().type(ContentPage).get(slug=slug).specific
        draft = page.get_latest_revision_as_object()
        body_field = draft._meta.get_field("body")
        used = {
            (model._meta.concrete_model, str(object_id))
            for model, object_id, *_paths in body_field.extract_references(draft.body)
        }
        missing = [
            use
            for use in FILE_USES
            if use.page_slug == slug
            and (type(files[use.file_title]), str(files[use.file_title].pk)) not in used
        ]
        if not missing:
            continue
        for use in missing:
            draft.body.append(_block_for(draft, files[use.file_title], use.caption))
        draft.save_revision(user=author).publish(user=publisher)
        changed += 1
    return changed
