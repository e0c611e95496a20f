"""The office writers' zip and XML helpers: same bytes as zipfile, same characters dropped as XML 1.0 requires."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from generator.office.zipfiles import xml_safe, zip_bytes

# The characters xml_safe drops, as one class (as it was written before it was split for speed).
XML_INVALID = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def test_xml_safe_drops_exactly_the_characters_xml_cannot_hold() -> None:
    every = "".join(chr(c) for c in range(0x110000))
    assert xml_safe(every) == XML_INVALID.sub("", every)
    for text in ("plain text", "£5 — “quoted”", "a\x00b\x7fc", "emoji 😀 and \U0001fffe here", "\ud800", "\U0010ffff\U0010fffe"):
        assert xml_safe(text) == XML_INVALID.sub("", text)


def test_zip_bytes_are_those_zipfile_writes_even_for_entries_deflated_before() -> None:
    when = dt.datetime(2026, 1, 1, 12, 30)
    shared = b"<styles>" + b"x" * 5000 + b"</styles>"
    entries = [("a.xml", shared, zipfile.ZIP_DEFLATED), ("b.txt", b"stored", zipfile.ZIP_STORED), ("c.xml", b"<doc/>" * 300, zipfile.ZIP_DEFLATED)]

    def plain() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data, compression in entries:
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 12, 30, 0))
                info.compress_type, info.external_attr, info.create_system = compression, 0o644 << 16, 3
                archive.writestr(info, data)
        return buffer.getvalue()

    assert zip_bytes(entries, when) == plain()
    assert zip_bytes(entries, when) == plain()  # the second time from the deflated bytes kept
