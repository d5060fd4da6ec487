"""Documents in the one search index: the title and description of every document,
and the text of PDFs, so a reader finds a file by what it says. A document is found
only by the audience it is meant for."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cms.models import PortalDocument
from cms.search_adapters.pages import clean
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register

logger = logging.getLogger(__name__)

# Enough for a long report; the index does not need a whole book.
MAX_TEXT_LENGTH = 200_000


def pdf_text(document: PortalDocument) -> str:
    """The text layer of a PDF; empty for scans, damaged or encrypted files."""
    try:
        with document.file.open("rb") as handle:
            reader = PdfReader(handle)
            parts, length = [], 0
            for page in reader.pages:
                text = page.extract_text() or ""
                parts.append(text)
                length += len(text)
                if length > MAX_TEXT_LENGTH:
                    break
    except (OSError, ValueError, PyPdfError) as error:
        logger.warning("No text from %s: %s", document.file.name, error)
        return ""
    return " ".join(parts)[:MAX_TEXT_LENGTH]


def is_pdf(document: PortalDocument) -> bool:
    return document.file_extension.lower() == "pdf"


@register(PortalDocument)
class PortalDocumentAdapter(Adapter):
    def documents(self, document):
        body = pdf_text(document) if is_pdf(document) else ""
        day = document.created_at.date() if document.created_at else None
        yield SearchDocument(
            key=object_key(document),
            kind=DocumentKind.FILE,
            title=clean(document.title),
            body=clean(body),
            url=document.url,
            audience=document.audience,
            date=day,
            year=day.year if day else None,
        )
