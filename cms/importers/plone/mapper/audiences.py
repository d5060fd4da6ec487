"""Who may see an imported item: Plone's review state, never wider than its folder."""

from cms.importers.plone.source import SourceItem
from portal.access.audiences import AUDIENCE_RANK, Audience, narrowest

# review_state -> (audience, live); None: the item has no workflow of its own
# (files and images in Plone 5 and 6) and follows its folder.
STATES = {
    "published": (Audience.PUBLIC, True),
    "external": (Audience.PUBLIC, True),
    "visible": (Audience.PUBLIC, True),
    "internally_published": (Audience.STAFF, True),
    "internal": (Audience.STAFF, True),
    "pending": (Audience.STAFF, False),
    "private": (Audience.STAFF, False),
}


class AudiencesMixin:
    """The audience and live state of each item, from its review state."""

    def audience_and_live(self, item: SourceItem) -> tuple[str, bool]:
        parent_audience = (
            self.audiences.get(item.parent_uid, Audience.PUBLIC)
            if not item.is_root
            else self.parent_audience()
        )
        if item.review_state is None:
            audience, live = parent_audience, True
        elif item.review_state in STATES:
            audience, live = STATES[item.review_state]
        else:
            audience, live = Audience.STAFF, False
            self.report.note(
                f"review state '{item.review_state}' is unknown: imported as a draft "
                "for staff"
            )
        if AUDIENCE_RANK[audience] < AUDIENCE_RANK[parent_audience]:
            self.report.note(
                f"{item.path}: {item.review_state} in Plone, but its folder is not "
                "public; it has its folder's audience, as a page is never wider than "
                "its parent"
            )
            audience = narrowest(audience, parent_audience)
        return audience, live

    def parent_audience(self) -> str:
        return getattr(self.parent.specific, "audience", Audience.PUBLIC)
