"""Zip archives with fixed timestamps and attributes, so the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

# Characters XML 1.0 cannot hold, and those it discourages (C1 controls, non-characters), which
# odfpy would turn into U+FFFD and Word may refuse. The non-characters past U+FFFF are a pattern of
# their own, tried only on text that has a character past U+FFFF: a character class holding them
# takes ten times as long on every text.
_XML_INVALID_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
_XML_INVALID_ASTRAL = re.compile("[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)) + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold or discourages (control characters), keeping everything else."""
    text = _XML_INVALID_BMP.sub("", text)
    return _XML_INVALID_ASTRAL.sub("", text) if _ASTRAL.search(text) else text


def escape_text(text: str) -> str:
    """Escape text for an XML text node, as lxml and odfpy do."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


Package = tuple[tuple[str, bytes, int], ...]  # (part name, bytes, compression) in package order
Edits = tuple[tuple[str, str, str], ...]  # (part name, marker, key of its value)


def fill_package(package: Package, edits: Edits, values: Mapping[str, str]) -> list[tuple[str, bytes, int]]:
    """A package whose markers are replaced by their values, each only in its own part (so author text can never be taken for one)."""
    entries = []
    for name, data, compression in package:
        for part, marker, key in edits:
            if part == name:
                data = data.replace(marker.encode(), values[key].encode("utf-8"), 1)
        entries.append((name, data, compression))
    return entries


def document_properties(title: str, subject: str) -> dict[str, str]:
    """The title and subject elements both formats' metadata hold."""
    return {"title": f"<dc:title>{escape_text(xml_safe(title))}</dc:title>", "subject": f"<dc:subject>{escape_text(xml_safe(subject))}</dc:subject>"}


COMPRESSED = (".zip", ".docx", ".odt", ".pptx", ".odp", ".xlsx", ".ods", ".png", ".jpg", ".gz", ".woff2")  # deflating these again saves next to nothing


def compression_for(name: str) -> int:
    """How to keep a file in a zip: stored when its format is compressed already, else deflated."""
    return zipfile.ZIP_STORED if name.endswith(COMPRESSED) else zipfile.ZIP_DEFLATED


def zip_bytes(entries: list[tuple[str, bytes, int]], when: dt.datetime) -> bytes:
    """Write (name, data, compression) entries in the given order with a fixed timestamp."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            info.create_system = 3
            if compression == zipfile.ZIP_DEFLATED and len(data) <= _DEFLATED.most:
                _write_deflated(archive, info, data)
            else:
                archive.writestr(info, data)
    return buffer.getvalue()


def deflate(data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> bytes:
    """``data`` deflated as zipfile deflates an entry (raw deflate, at zlib's default level unless given)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class _Deflated:
    """Deflated forms of recent entries (the styles, themes and images every document of a kind
    shares, which are most of the bytes deflated), within a budget of bytes held."""

    most = 2 << 20  # bytes of one entry worth remembering
    budget = 12 << 20

    def __init__(self) -> None:
        self.held: OrderedDict[bytes, bytes] = OrderedDict()
        self.size = 0

    def get(self, data: bytes) -> bytes:
        deflated = self.held.get(data)
        if deflated is not None:
            self.held.move_to_end(data)
            return deflated
        deflated = self.held[data] = deflate(data)
        self.size += len(data) + len(deflated)
        while self.size > self.budget:
            dropped, dropped_deflated = self.held.popitem(last=False)
            self.size -= len(dropped) + len(dropped_deflated)
        return deflated


_DEFLATED = _Deflated()


class _Ready:
    """Stands in for zipfile's compressor: gives back data deflated before."""

    def __init__(self, deflated: bytes) -> None:
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        deflated, self.deflated = self.deflated, b""
        return deflated

    def flush(self) -> bytes:
        return b""


def _write_deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    write_deflated(archive, info, data, _DEFLATED.get(data))


def write_deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, deflated: bytes) -> None:
    """archive.writestr(info, data) for an entry deflated already (``deflated`` is deflate(data, level)):
    zipfile writes what its compressor returns, so the archive's bytes are those writestr gives
    (tests/test_build.py's golden packs hold them)."""
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = len(data)
    with archive.open(info, mode="w") as dest:
        if not hasattr(dest, "_compressor"):  # not the zipfile this was written for: let it deflate
            dest.write(data)
            return
        dest._compressor = _Ready(deflated)  # noqa: SLF001 - zipfile has no public way to write deflated bytes
        dest.write(data)


def normalise_zip(data: bytes, when: dt.datetime, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """Rewrite a zip made by another library with fixed timestamps, keeping entry order; ``edits`` change named entries."""
    edits = edits or {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(i.filename, edits.get(i.filename, _same)(archive.read(i.filename)), i.compress_type) for i in archive.infolist()]
    return zip_bytes(entries, when)


def _same(data: bytes) -> bytes:
    return data


def zip_folder(abs_folder: Path, prefix: str, when: dt.datetime) -> bytes:
    """Zip a folder's files under one top folder, in sorted order, reproducibly."""
    files = sorted(p for p in abs_folder.rglob("*") if p.is_file())
    return zip_bytes([(f"{prefix}/{p.relative_to(abs_folder).as_posix()}", p.read_bytes(), zipfile.ZIP_DEFLATED) for p in files], when)
