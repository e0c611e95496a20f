"""The zip bundle of every pack, with a manifest of clause ids, versions and text hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from generator.clausedoc import copy_text, document_for
from generator.model import Catalog
from generator.office.zipfiles import compression_for, zip_bytes
from generator.render.pages import Page


def manifest(catalog: Catalog, profile: Mapping[str, Any], files: list[Page], when: dt.datetime) -> dict[str, Any]:
    """Describe the bundle: every clause's id, version and SHA-256 of its text, and every file's hash."""
    return {
        "name": "Social Value Knowledge Base clause library",
        "built": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "clauses": [
            {"id": c.id, "version": c.version, "status": c.status, "title": c.title,
             "sha256": hashlib.sha256(copy_text(document_for(c.body, c.variables, profile)).encode("utf-8")).hexdigest()}
            for c in catalog.clauses
        ],
        "files": [{"path": PurePosixPath(p.dest_path).name, "sha256": hashlib.sha256(p.data()).hexdigest()} for p in files],
    }


def render_bundle(catalog: Catalog, profile: Mapping[str, Any], files: list[Page], when: dt.datetime) -> bytes:
    """Zip every pack file and the manifest, reproducibly."""
    data = json.dumps(manifest(catalog, profile, files, when), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    entries = [("manifest.json", data, zipfile.ZIP_DEFLATED)]
    entries += [(PurePosixPath(p.dest_path).name, p.data(), compression_for(p.dest_path)) for p in sorted(files)]  # Word and ODT files are zips: stored
    return zip_bytes(entries, when)
