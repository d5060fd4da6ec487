"""Plone's portal types, by what they become in the portal."""

FOLDER_TYPES = {"Folder", "LRF", "LIF", "Collection", "Topic", "FormFolder"}
PAGE_TYPES = {"Document", "News Item", "Event", "Link", "Plone Site"}
FILE_TYPES = {"File": "file", "Image": "image"}
IGNORED_TYPES = {
    "Discussion Item": "comments are not carried over",
    "Plone Site": "",
}
# Plone's workflow actions in Wagtail's audit log
