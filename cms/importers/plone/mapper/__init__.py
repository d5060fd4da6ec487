"""A Plone site (`SourceSite`) to the portal: pages in the same tree and order,
documents and images, accounts, page permissions, audit log entries and redirects.

Every item is keyed on its Plone UID (`cms.models.PloneItem`), so an import can run
again: an unchanged item is left alone, a changed one gets a new revision.

`PloneImporter` (`importer`) runs the import; each step is a mixin of its own:
audiences, pages, links in texts, media, history, records, principals, redirects.
"""

from cms.importers.plone.mapper.importer import PloneImporter
from cms.importers.plone.mapper.media import delete_file

__all__ = ["PloneImporter", "delete_file"]
