"""A benchmark of the Plone import: a generated plone.exportimport export of N items
(folders, pages with links and images, news, events, links, PDFs and images, users,
local roles, history, default pages and redirects), imported and timed.

    make bench-plone                      # 5,000 items, SQLite under var/bench-plone/
    manage.py plone_bench --items 5000 --folder var/bench-plone/export

Run it against its own database (the Makefile target sets DATABASE_URL), never the
one you work in.
"""

import io
import json
import random
import shutil
import sys
import time
from pathlib import Path

from django.db import connection
from PIL import Image

from cms.importers.plone import import_plone

WORDS = [
    *("wonen", "werken", "leren", "zorg", "gezondheid", "vrije", "tijd"),
    *("leefbaarheid", "armoede", "sociaal", "huis", "ocmw", "partner", "signaal"),
    *("beleidsplan", "doelstelling", "actie", "buurt", "jongeren", "ouderen"),
    *("nieuwkomers", "vrijwilligers", "kinderopvang", "huurders"),
]
STATES = ["published"] * 7 + ["internally_published", "private", "private"]
TYPES = (["Document"] * 62 + ["News Item"] * 10 + ["Event"] * 5 + ["Link"] * 3) + (
    ["File"] * 6 + ["Image"] * 6
)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer (what pypdf extracts)."""
    content = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def tiny_png(seed: int) -> bytes:
    buffer = io.BytesIO()
    colour = (seed * 37 % 256, seed * 91 % 256, seed * 53 % 256)
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _sentence(rng: random.Random, length: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def generate_export(folder: Path, *, items: int = 5000, seed: int = 7) -> Path:
    """Write a plone.exportimport export of `items` items (plus the site root)."""
    rng = random.Random(seed)
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    content.mkdir(parents=True)
    uids = [f"{index:032x}" for index in range(1, items + 1)]
    folders: list[tuple[str, str]] = [("plone_site_root", "")]  # (uid, path)
    images: list[str] = []
    records = []
    meta = {
        "__version__": "1.0.0",
        "_blob_files_": [],
        "_data_files_": ["plone_site_root/data.json"],
        "default_page": {},
        "local_roles": {},
        "ordering": {},
    }
    users = [f"user{number}" for number in range(20)]

    for index, uid in enumerate(uids):
        # a folder for every 20 items, nested up to three deep
        kind = "Folder" if index % 20 == 0 else rng.choice(TYPES)
        parent_uid, parent_path = (
            folders[0] if len(folders) < 4 else rng.choice(folders[-40:])
        )
        if kind == "Folder" and parent_path.count("/") >= 3:
            parent_uid, parent_path = folders[0]
        plone_id = f"item-{index}"
        if kind in ("File", "Image"):
            plone_id += ".pdf" if kind == "File" else ".png"
        path = f"{parent_path}/{plone_id}"
        state = rng.choice(STATES)
        created = f"2019-{1 + index % 12:02d}-{1 + index % 28:02d}T09:00:00+00:00"
        data = {
            "@id": path,
            "@type": kind,
            "UID": uid,
            "id": plone_id,
            "title": _sentence(rng, 4)[:-1],
            "description": _sentence(rng),
            "created": created,
            "modified": created,
            "effective": created if state != "private" else None,
            "creators": [rng.choice(users)],
            "subjects": [rng.choice(WORDS)],
            "language": "nl",
            "review_state": state if kind not in ("File", "Image") else None,
            "is_folderish": kind == "Folder",
            "exclude_from_nav": False,
            "parent": {"@id": parent_path or "/", "UID": parent_uid},
            "workflow_history": {
                "simple_publication_workflow": [
                    {
                        "action": None,
                        "actor": data_actor,
                        "comments": "",
                        "review_state": "private",
                        "time": created,
                    }
                    for data_actor in [rng.choice(users)]
                ]
                + (
                    [
                        {
                            "action": "publish",
                            "actor": "user0",
                            "comments": "",
                            "review_state": state,
                            "time": created.replace("09:00", "10:00"),
                        }
                    ]
                    if state != "private"
                    else []
                )
            },
        }
        if kind in ("Document", "News Item", "Event"):
            links = "".join(
                f'<a href="resolveuid/{rng.choice(uids)}">{rng.choice(WORDS)}</a> '
                for _ in range(2)
            )
            picture = (
                f'<p><img src="resolveuid/{rng.choice(images)}/@@images/image/large"'
                ' alt="foto"/></p>'
                if images and rng.random() < 0.2
                else ""
            )
            data["text"] = {
                "content-type": "text/html",
                "data": f"<h2>{_sentence(rng, 3)}</h2><p>{_sentence(rng, 40)}</p>"
                f"<p>{links}{_sentence(rng, 20)}</p>{picture}"
                f"<ul><li>{_sentence(rng, 6)}</li><li>{_sentence(rng, 6)}</li></ul>",
            }
        if kind == "Event":
            data.update(
                start="2026-05-01T14:00:00+00:00",
                end="2026-05-01T16:00:00+00:00",
                location="Sociaal huis",
            )
        if kind == "Link":
            data["remoteUrl"] = "https://www.vlaanderen.be/"
        item_dir = content / uid
        item_dir.mkdir()
        if kind in ("File", "Image"):
            field = "file" if kind == "File" else "image"
            blob = (
                tiny_pdf(f"Verslag {index} {rng.choice(WORDS)}")
                if kind == "File"
                else tiny_png(index)
            )
            (item_dir / field).mkdir()
            (item_dir / field / plone_id).write_bytes(blob)
            blob_path = f"{uid}/{field}/{plone_id}"
            data[field] = {
                "blob_path": blob_path,
                "content-type": "application/pdf" if kind == "File" else "image/png",
                "filename": plone_id,
                "size": len(blob),
            }
            meta["_blob_files_"].append(blob_path)
            if kind == "Image" and state != "private":
                images.append(uid)
        if kind == "Folder":
            folders.append((uid, path))
        (item_dir / "data.json").write_text(json.dumps(data))
        meta["_data_files_"].append(f"{uid}/data.json")
        meta["ordering"][uid] = index
        meta["local_roles"][uid] = {"local_roles": {data["creators"][0]: ["Owner"]}}
        records.append((uid, kind, parent_uid))

    # a default page in one folder of three
    for uid, kind, parent_uid in records:
        if (
            kind == "Document"
            and parent_uid != "plone_site_root"
            and parent_uid not in meta["default_page"]
            and int(parent_uid, 16) % 3 == 0
        ):
            meta["default_page"][parent_uid] = {"default_page_uuid": uid}

    root = {
        "@id": "/Plone",
        "@type": "Plone Site",
        "UID": "plone_site_root",
        "id": "bench",
        "title": "Intranet (benchmark)",
        "description": "",
        "parent": {},
        "review_state": None,
        "text": {"content-type": "text/html", "data": "<p>Welkom.</p>"},
    }
    (content / "plone_site_root").mkdir()
    (content / "plone_site_root" / "data.json").write_text(json.dumps(root))
    (content / "__metadata__.json").write_text(json.dumps(meta))
    principals = {
        "groups": [
            {"groupid": "redactie", "title": "Redactie", "roles": ["Editor"]},
        ],
        "members": [
            {
                "username": name,
                "email": f"{name}@bench.example.org",
                "fullname": f"Bench {name}",
                "groups": ["redactie"] if name == "user0" else [],
                "roles": ["Member"],
            }
            for name in users
        ],
    }
    (folder / "principals.json").write_text(json.dumps(principals))
    (folder / "redirects.json").write_text(json.dumps({"/oud": "/item-0"}))
    for name in ("relations.json", "translations.json"):
        (folder / name).write_text("[]")
    return folder


def run(items: int, folder: Path, *, out=sys.stdout) -> dict:
    """Generate, import twice (the second run finds everything unchanged) and time
    both; return the figures."""

    started = time.monotonic()
    generate_export(folder, items=items)
    generated = time.monotonic() - started
    out.write(f"Generated {items} items in {generated:.1f} s ({folder})\n")

    started = time.monotonic()
    report = import_plone(folder, progress=sys.stderr)
    first = time.monotonic() - started
    out.write(report.render().split("\n\nRoles")[0] + "\n")
    started = time.monotonic()
    again = import_plone(folder)
    second = time.monotonic() - started
    figures = {
        "items": items,
        "database": connection.vendor,
        "first_import_seconds": round(first, 1),
        "second_import_seconds": round(second, 1),
        "created": report.total("created"),
        "merged": report.total("merged"),
        "failed": len(report.failed),
        "unchanged_on_second_run": again.total("unchanged"),
        "items_per_second": round(items / first, 1) if first else None,
    }
    out.write(json.dumps(figures, indent=2) + "\n")
    return figures
