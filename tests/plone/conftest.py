import base64
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings

EXPORTS_DIR = Path(settings.SHARED_DIR) / "plone-exports"
SITE_URL = "http://intranet.example.org/Plone"


@pytest.fixture
def exports_dir() -> Path:
    """The real Plone exports, read from ../shared at run time (never copied here)."""
    if not (EXPORTS_DIR / "base_import" / "content").is_dir():
        pytest.skip(f"Plone exports not found at {EXPORTS_DIR}")
    return EXPORTS_DIR


@pytest.fixture
def base_import(exports_dir) -> Path:
    return exports_dir / "base_import"


@pytest.fixture
def multilingual_import(exports_dir) -> Path:
    return exports_dir / "multilingual_import"


def copy_export(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def edit_item(export: Path, uid: str, **changes) -> None:
    data_file = export / "content" / uid / "data.json"
    data = json.loads(data_file.read_text())
    data.update(changes)
    data_file.write_text(json.dumps(data))


def to_collective(source: Path, target: Path) -> Path:
    """Write a plone.exportimport export in collective.exportimport's layout: one
    JSON list of items with absolute URLs and base64 blobs, and the side files."""
    content = source / "content"
    meta = json.loads((content / "__metadata__.json").read_text())
    root = json.loads((content / "plone_site_root" / "data.json").read_text())
    root_uid = root["UID"]

    def uid(value: str) -> str:
        return root_uid if value == "plone_site_root" else value

    items = []
    for name in meta["_data_files_"]:
        data = json.loads((content / name).read_text())
        if name.startswith("plone_site_root/"):
            data["@id"] = SITE_URL
        else:
            data["@id"] = SITE_URL + data["@id"]
            parent = dict(data["parent"])
            parent["@id"] = SITE_URL + ("" if parent["@id"] == "/" else parent["@id"])
            parent["UID"] = uid(parent["UID"])
            data["parent"] = parent
        for field in ("file", "image"):
            value = data.get(field)
            if isinstance(value, dict) and value.get("blob_path"):
                blob = (content / value.pop("blob_path")).read_bytes()
                value["data"] = base64.b64encode(blob).decode()
                value["encoding"] = "base64"
        items.append(data)

    target.mkdir(parents=True)

    def write(name: str, value) -> None:
        (target / name).write_text(json.dumps(value, indent=1))

    write("Plone.json", items)
    write(
        "export_localroles.json",
        [
            {
                "uuid": uid(key),
                "localroles": value.get("local_roles") or {},
                "block": bool(value.get("block")),
                "local_permissions": meta.get("local_permissions", {}).get(key, {}),
            }
            for key, value in meta["local_roles"].items()
        ],
    )
    write(
        "export_ordering.json",
        [{"uuid": uid(key), "order": order} for key, order in meta["ordering"].items()],
    )
    write(
        "export_defaultpages.json",
        [
            {"uuid": uid(key), "default_page": value["default_page"]}
            for key, value in meta["default_page"].items()
        ],
    )
    write("export_members.json", json.loads((source / "principals.json").read_text()))
    redirects = json.loads((source / "redirects.json").read_text())
    write(
        "export_redirects.json",
        {f"/Plone{old}": f"/Plone{new}" for old, new in redirects.items()},
    )
    write("export_relations.json", json.loads((source / "relations.json").read_text()))
    translations = json.loads((source / "translations.json").read_text())
    write(
        "export_translations.json",
        [{"_canonical": t["canonical"], **t["translations"]} for t in translations],
    )
    return target
