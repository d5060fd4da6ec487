"""Readers for the two ways Plone sites are exported; both yield one `SourceSite`.

- plone.exportimport (Plone 6.1 and later): `content/__metadata__.json`, one
  `content/<UID>/data.json` per item with its blobs beside it, and site-wide files
  (`principals.json`, `redirects.json`, `relations.json`, `translations.json`).
- collective.exportimport (Plone 4.3 to 6): one or more JSON lists of items (blobs
  inline as base64, by `blob_path`, or missing) and separate files for local roles,
  members, ordering, default pages, relations, translations and redirects.
"""

import base64
import binascii
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from cms.importers.errors import ImportInputError
from cms.importers.plone.source import (
    SITE_ROOT_TYPE,
    SourceGroup,
    SourceItem,
    SourceSite,
    SourceUser,
    item_from_data,
    read_json,
)

PLONE_EXPORTIMPORT = "plone.exportimport"
COLLECTIVE_EXPORTIMPORT = "collective.exportimport"
ROOT_PLACEHOLDER = "plone_site_root"

COLLECTIVE_SIDE_FILES = {
    "export_localroles.json",
    "export_relations.json",
    "export_members.json",
    "export_translations.json",
    "export_ordering.json",
    "export_defaultpages.json",
    "export_redirects.json",
    "export_discussion.json",
    "export_portlets.json",
}


def read_export(path: Path) -> SourceSite:
    """Read a Plone export folder (or a collective.exportimport JSON file)."""
    path = Path(path)
    if not path.exists():
        raise ImportInputError(f"{path}: does not exist.")
    if path.is_dir() and (path / "content" / "__metadata__.json").is_file():
        return read_plone_exportimport(path)
    if path.is_file() or any(path.glob("*.json")):
        return read_collective_exportimport(path)
    raise ImportInputError(
        f"{path}: neither a plone.exportimport folder (content/__metadata__.json) "
        "nor collective.exportimport JSON files."
    )


def _load_json(path: Path, default):
    if not path.is_file():
        return default
    try:
        return read_json(path)
    except ValueError as error:
        raise ImportInputError(f"{path}: not valid JSON ({error}).") from error


def _principals(data: dict) -> tuple[list[SourceUser], list[SourceGroup]]:
    users = [
        SourceUser(
            username=member.get("username") or member.get("id") or "",
            email=(member.get("email") or "").strip(),
            fullname=member.get("fullname") or "",
            groups=list(member.get("groups") or []),
            roles=list(member.get("roles") or []),
        )
        for member in data.get("members") or []
    ]
    groups = [
        SourceGroup(
            groupid=group.get("groupid") or group.get("id") or "",
            title=group.get("title") or group.get("groupid") or "",
            roles=list(group.get("roles") or []),
            members=list(group.get("principals") or group.get("members") or []),
        )
        for group in data.get("groups") or []
    ]
    return users, groups


def _tree_order(root: SourceItem, items: list[SourceItem]) -> list[SourceItem]:
    """Parents before children, siblings in Plone's order; items whose parent is
    missing from the export hang under the site (the mapper reports them)."""
    known = {item.uid for item in items} | {root.uid}
    children = defaultdict(list)
    for item in items:
        if item.parent_uid not in known:
            item.raw["_orphan_of"] = item.parent_uid
            item.parent_uid = root.uid
        children[item.parent_uid].append(item)
    position = {}

    def walk(uid: str) -> None:
        for child in sorted(children.get(uid, []), key=lambda i: (i.order, i.path)):
            position[child.uid] = len(position)
            walk(child.uid)

    walk(root.uid)
    return sorted(
        (item for item in items if item.uid in position),
        key=lambda item: position[item.uid],
    )


# plone.exportimport


def read_plone_exportimport(folder: Path) -> SourceSite:
    content = folder / "content"
    meta = _load_json(content / "__metadata__.json", {})
    data_files = meta.get("_data_files_") or sorted(
        str(path.relative_to(content)) for path in content.glob("*/data.json")
    )

    def blob_loader(value: dict):
        blob_path = value.get("blob_path")

        def load() -> bytes | None:
            if not blob_path:
                return None
            candidate = content / blob_path
            return candidate.read_bytes() if candidate.is_file() else None

        return load

    raw_items = []
    root_data = None
    for name in data_files:
        data = _load_json(content / name, None)
        if data is None:
            raise ImportInputError(f"{content / name}: listed but missing.")
        if name.split("/", 1)[0] == ROOT_PLACEHOLDER or data.get("@type") in (
            SITE_ROOT_TYPE,
        ):
            root_data = data
        else:
            raw_items.append(data)
    if root_data is None:
        raise ImportInputError(f"{folder}: no site root (plone_site_root/data.json).")

    root_uid = root_data.get("UID") or ROOT_PLACEHOLDER
    if root_uid == ROOT_PLACEHOLDER:
        root_uid = f"{ROOT_PLACEHOLDER}:{root_data.get('id') or 'plone'}"
    aliases = {ROOT_PLACEHOLDER: root_uid, root_data.get("UID") or "": root_uid}
    site_path = urlsplit(root_data.get("@id") or "").path.rstrip("/")

    def relative(at_id: str) -> str:
        # plone.exportimport writes paths inside the site; a full URL still holds
        # the site's own path in front
        at_id = at_id or ""
        path = urlsplit(at_id).path
        inside = path == site_path or path.startswith(site_path + "/")
        if at_id.startswith(("http://", "https://")) and site_path and inside:
            path = path[len(site_path) :]
        return path or "/"

    root_data = {**root_data, "UID": root_uid}
    root = item_from_data(root_data, path="/", parent_uid=None, blob_loader=blob_loader)
    ordering = meta.get("ordering") or {}
    local_roles = meta.get("local_roles") or {}
    local_permissions = meta.get("local_permissions") or {}

    items = []
    for data in raw_items:
        parent_uid = (data.get("parent") or {}).get("UID") or ROOT_PLACEHOLDER
        item = item_from_data(
            data,
            path=relative(data.get("@id")),
            parent_uid=aliases.get(parent_uid, parent_uid),
            blob_loader=blob_loader,
        )
        items.append(item)
    for item in [root, *items]:
        key = ROOT_PLACEHOLDER if item is root else item.uid
        item.order = int(ordering.get(key, ordering.get(item.uid, 0)) or 0)
        roles = local_roles.get(key) or local_roles.get(item.uid) or {}
        item.local_roles = dict(roles.get("local_roles") or {})
        item.block_inheritance = bool(roles.get("block"))
        item.local_permissions = dict(
            local_permissions.get(key) or local_permissions.get(item.uid) or {}
        )

    default_pages = {}
    for folder_uid, value in (meta.get("default_page") or {}).items():
        page_uid = value.get("default_page_uuid")
        if not page_uid:
            page_uid = _child_with_id(items, folder_uid, value.get("default_page"))
        if page_uid:
            default_pages[aliases.get(folder_uid, folder_uid)] = page_uid

    users, groups = _principals(_load_json(folder / "principals.json", {}))
    translations = [
        {"_canonical": entry.get("canonical"), **(entry.get("translations") or {})}
        for entry in _load_json(folder / "translations.json", [])
    ]
    notes = _left_out(folder / "discussions.json", folder / "portlets.json")
    return SourceSite(
        notes=notes,
        layout=PLONE_EXPORTIMPORT,
        root=root,
        items=_tree_order(root, items),
        default_pages=default_pages,
        users=users,
        groups=groups,
        redirects=dict(_load_json(folder / "redirects.json", {}) or {}),
        relations=list(
            _load_json(folder / "relations.json", None) or meta.get("relations") or []
        ),
        translations=translations,
        uid_aliases={key: value for key, value in aliases.items() if key},
    )


def _left_out(discussions: Path, portlets: Path) -> list[str]:
    """What the export holds that the portal has no place for."""
    notes = []
    comments = _load_json(discussions, {}) or {}
    count = sum(
        len(value.get("items") or []) if isinstance(value, dict) else 1
        for value in (comments.values() if isinstance(comments, dict) else comments)
    )
    if count:
        notes.append(
            f"{count} comments ({discussions.name}) not carried over: the portal's "
            "pages have no comments"
        )
    if _load_json(portlets, None):
        notes.append(
            f"portlets ({portlets.name}) not carried over: the portal's menus and "
            "side panels come from its page tree"
        )
    return notes


def _child_with_id(items: list[SourceItem], folder_uid: str, child_id) -> str | None:
    for item in items:
        if item.parent_uid == folder_uid and item.plone_id == child_id:
            return item.uid
    return None


# collective.exportimport


def read_collective_exportimport(path: Path) -> SourceSite:
    folder = path if path.is_dir() else path.parent
    if path.is_file():
        content_files = [path]
    else:
        content_files = [
            candidate
            for candidate in sorted(folder.glob("*.json"))
            if candidate.name not in COLLECTIVE_SIDE_FILES
        ]
    raw_items: list[dict] = []
    for candidate in content_files:
        data = _load_json(candidate, None)
        if isinstance(data, list) and all(
            isinstance(entry, dict) and "@type" in entry for entry in data
        ):
            raw_items.extend(data)
    if not raw_items:
        raise ImportInputError(f"{path}: no list of Plone items found.")

    def blob_loader(value: dict):
        def load() -> bytes | None:
            if value.get("data"):
                try:
                    return base64.b64decode(value["data"])
                except (binascii.Error, ValueError):
                    return None
            blob_path = value.get("blob_path")
            if blob_path:
                for candidate in (
                    Path(blob_path),
                    folder / blob_path.lstrip("/"),
                    folder / "blobs" / Path(blob_path).name,
                ):
                    if candidate.is_file():
                        return candidate.read_bytes()
            return None

        return load

    root_data = next(
        (data for data in raw_items if data.get("@type") == SITE_ROOT_TYPE), None
    )
    uids = {data.get("UID") for data in raw_items}
    if root_data is None:
        orphan_parent = next(
            (
                data.get("parent") or {}
                for data in raw_items
                if (data.get("parent") or {}).get("UID") not in uids
            ),
            {},
        )
        root_data = {
            "@id": orphan_parent.get("@id") or "/",
            "@type": SITE_ROOT_TYPE,
            "UID": orphan_parent.get("UID") or ROOT_PLACEHOLDER,
            "title": orphan_parent.get("title") or "Plone",
            "description": orphan_parent.get("description") or "",
            "id": urlsplit(orphan_parent.get("@id") or "").path.strip("/") or "plone",
        }
    else:
        raw_items = [data for data in raw_items if data is not root_data]
    site_path = urlsplit(root_data.get("@id") or "").path.rstrip("/")
    root_uid = root_data.get("UID") or ROOT_PLACEHOLDER
    if root_uid == ROOT_PLACEHOLDER:
        root_uid = f"{ROOT_PLACEHOLDER}:{root_data.get('id') or 'plone'}"
    aliases = {ROOT_PLACEHOLDER: root_uid, root_data.get("UID") or "": root_uid}

    def relative(url: str) -> str:
        path = urlsplit(url or "").path
        if site_path and (path == site_path or path.startswith(site_path + "/")):
            path = path[len(site_path) :]
        return path or "/"

    root = item_from_data(
        {**root_data, "UID": root_uid},
        path="/",
        parent_uid=None,
        blob_loader=blob_loader,
    )
    items = []
    for data in raw_items:
        parent_uid = (data.get("parent") or {}).get("UID") or ROOT_PLACEHOLDER
        items.append(
            item_from_data(
                data,
                path=relative(data.get("@id")),
                parent_uid=aliases.get(parent_uid, parent_uid),
                blob_loader=blob_loader,
            )
        )
    by_uid = {item.uid: item for item in [root, *items]}

    for entry in _load_json(folder / "export_ordering.json", []):
        item = by_uid.get(aliases.get(entry.get("uuid"), entry.get("uuid")))
        if item is not None:
            item.order = int(entry.get("order") or 0)
    for entry in _load_json(folder / "export_localroles.json", []):
        item = by_uid.get(aliases.get(entry.get("uuid"), entry.get("uuid")))
        if item is not None:
            item.local_roles = dict(entry.get("localroles") or {})
            item.block_inheritance = bool(entry.get("block"))
            item.local_permissions = dict(entry.get("local_permissions") or {})
    default_pages = {}
    for entry in _load_json(folder / "export_defaultpages.json", []):
        folder_uid = aliases.get(entry.get("uuid"), entry.get("uuid"))
        page_uid = entry.get("default_page_uuid") or _child_with_id(
            items, folder_uid, entry.get("default_page")
        )
        if folder_uid and page_uid:
            default_pages[folder_uid] = page_uid

    users, groups = _principals(_load_json(folder / "export_members.json", {}))
    translations = []
    for entry in _load_json(folder / "export_translations.json", []):
        if "translations" in entry:
            entry = {"_canonical": entry.get("canonical"), **entry["translations"]}
        translations.append(dict(entry))
    redirects = {
        relative(old): relative(new)
        for old, new in (_load_json(folder / "export_redirects.json", {}) or {}).items()
    }
    notes = _left_out(
        folder / "export_discussion.json", folder / "export_portlets.json"
    )
    return SourceSite(
        notes=notes,
        layout=COLLECTIVE_EXPORTIMPORT,
        root=root,
        items=_tree_order(root, items),
        default_pages=default_pages,
        users=users,
        groups=groups,
        redirects=redirects,
        relations=list(_load_json(folder / "export_relations.json", [])),
        translations=translations,
        uid_aliases={key: value for key, value in aliases.items() if key},
    )
