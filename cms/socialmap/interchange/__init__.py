"""Import and export of the social map as Open Referral HSDS 3.0, in JSON and in
the tabular (CSV) format. One importer takes nested HSDS dicts; JSON is read as it
is and the CSV tables are re-nested into the same dicts, so both formats carry the
same data and follow the same rules."""

from cms.socialmap.interchange.exporter import socialmap_export
from cms.socialmap.interchange.files import Format, format_for, read, write
from cms.socialmap.interchange.importer import ImportReport, socialmap_import

__all__ = [
    "Format",
    "ImportReport",
    "format_for",
    "read",
    "socialmap_export",
    "socialmap_import",
    "write",
]
