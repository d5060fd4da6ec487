"""One model of a Plone site, whichever exporter wrote it: the readers
(`cms.importers.plone.readers`) fill it, the mapper (`cms.importers.plone.mapper`)
turns it into pages, documents, images, accounts and redirects."""

import base64
import datetime
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.utils import timezone
from django.utils.dateparse import parse_datetime

SITE_ROOT_TYPE = "Plone Site"


@dataclass
class Blob:
    """A file attached to an item. `load()` returns its bytes, or None when the
    export does not hold them (collective.exportimport can leave blobs out)."""

    filename: str
    content_type: str
    loader: Callable[[], bytes | None]
    size: int | None = None

    def load(self) -> bytes | None:
        return self.loader()


@dataclass
class HistoryEntry:
    """One step of an item's workflow history."""

    time: datetime.datetime
    action: str | None
    actor: str
    review_state: str
    comments: str = ""


@dataclass
class SourceItem:
    """One Plone content item, as both exporters describe it."""

    uid: str
    portal_type: str
    path: str  # inside the site, "/" for the site itself
    parent_uid: str | None
    title: str
    description: str = ""
    order: int = 0
    review_state: str | None = None
    text_html: str = ""
    blocks: dict = field(default_factory=dict)
    blocks_layout: list[str] = field(default_factory=list)
    created: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    effective: datetime.datetime | None = None
    creators: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    language: str = ""
    exclude_from_nav: bool = False
    history: list[HistoryEntry] = field(default_factory=list)
    local_roles: dict[str, list[str]] = field(default_factory=dict)
    block_inheritance: bool = False
    local_permissions: dict = field(default_factory=dict)
    blobs: dict[str, Blob] = field(default_factory=dict)
    remote_url: str = ""
    event: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)

    @property
    def is_root(self) -> bool:
        return self.parent_uid is None

    @property
    def plone_id(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1]

    def checksum(self) -> str:
        """Changes when the item changes in Plone (its data or its blobs)."""
        data = json.dumps(self.raw, sort_keys=True, default=str).encode()
        digest = hashlib.sha256(data)
        for name, blob in sorted(self.blobs.items()):
            digest.update(f"{name}:{blob.filename}:{blob.size}".encode())
        digest.update(
            json.dumps(
                [self.order, self.local_roles, self.block_inheritance], default=str
            ).encode()
        )
        return digest.hexdigest()


@dataclass
class SourceUser:
    username: str
    email: str
    fullname: str = ""
    groups: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class SourceGroup:
    groupid: str
    title: str
    roles: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


@dataclass
class SourceSite:
    """A whole export: the items in tree order (parents first, siblings in Plone's
    order), default pages, principals and redirects."""

    layout: str
    root: SourceItem
    items: list[SourceItem]
    default_pages: dict[str, str] = field(default_factory=dict)  # folder -> page
    users: list[SourceUser] = field(default_factory=list)
    groups: list[SourceGroup] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)  # old path -> path
    relations: list[dict] = field(default_factory=list)
    translations: list[dict[str, str]] = field(default_factory=list)
    uid_aliases: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def all_items(self) -> list[SourceItem]:
        return [self.root, *self.items]


# Helpers shared by the readers.


def parse_time(value) -> datetime.datetime | None:
    """Plone's dates: ISO 8601, with or without a zone (then local time)."""
    if not value or not isinstance(value, str):
        return None
    parsed = parse_datetime(value.strip().replace(" ", "T", 1))
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def history_of(workflow_history) -> list[HistoryEntry]:
    entries = []
    for steps in (workflow_history or {}).values():
        for step in steps or []:
            time = parse_time(step.get("time"))
            if time is None:
                continue
            entries.append(
                HistoryEntry(
                    time=time,
                    action=step.get("action"),
                    actor=step.get("actor") or "",
                    review_state=step.get("review_state") or "",
                    comments=step.get("comments") or "",
                )
            )
    return sorted(entries, key=lambda entry: entry.time)


def text_of(value) -> str:
    """The HTML of a rich text field: plone.restapi gives {"data", "content-type"};
    plain text becomes paragraphs."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    data = value.get("data") or ""
    if value.get("encoding") == "base64":
        data = base64.b64decode(data).decode("utf-8", "replace")
    mime = value.get("content-type") or "text/html"
    if mime in ("text/plain", "text/x-web-intelligent", "text/x-web-markdown"):
        return "".join(
            f"<p>{escape(part).replace(chr(10), '<br/>')}</p>"
            for part in data.split("\n\n")
            if part.strip()
        )
    return data


EVENT_FIELDS = (
    "start",
    "end",
    "whole_day",
    "open_end",
    "location",
    "contact_name",
    "contact_email",
    "event_url",
)
BLOB_FIELDS = ("file", "image")


def item_from_data(
    data: dict,
    *,
    path: str,
    parent_uid: str | None,
    blob_loader: Callable[[dict], Callable[[], bytes | None]],
) -> SourceItem:
    """A SourceItem from one plone.restapi serialisation (both exporters use it)."""
    blobs = {}
    for name in BLOB_FIELDS:
        value = data.get(name)
        if isinstance(value, dict) and (value.get("filename") or value.get("data")):
            blobs[name] = Blob(
                filename=value.get("filename") or f"{data.get('id') or name}",
                content_type=value.get("content-type") or "",
                loader=blob_loader(value),
                size=value.get("size"),
            )
    layout = (data.get("blocks_layout") or {}).get("items") or []
    language = data.get("language") or ""
    if isinstance(language, dict):
        language = language.get("token") or ""
    if language == "##DEFAULT##":
        language = ""
    return SourceItem(
        uid=data.get("UID") or "",
        portal_type=data.get("@type") or "",
        path=path,
        parent_uid=parent_uid,
        title=(data.get("title") or data.get("id") or "").strip(),
        description=(data.get("description") or "").strip(),
        review_state=data.get("review_state"),
        text_html=text_of(data.get("text")),
        blocks=data.get("blocks") or {},
        blocks_layout=list(layout),
        created=parse_time(data.get("created")),
        modified=parse_time(data.get("modified")),
        effective=parse_time(data.get("effective")),
        creators=list(data.get("creators") or []),
        subjects=list(data.get("subjects") or []),
        language=language,
        exclude_from_nav=bool(data.get("exclude_from_nav")),
        history=history_of(data.get("workflow_history")),
        blobs=blobs,
        remote_url=data.get("remoteUrl") or "",
        event={name: data.get(name) for name in EVENT_FIELDS if name in data},
        raw=data,
    )


def read_json(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
