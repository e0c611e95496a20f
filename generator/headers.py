"""Security headers for a deployed copy of the site, written as ``_headers`` (the format Netlify
and Cloudflare Pages read; README shows the same headers for nginx and Apache).

The Content-Security-Policy allows scripts only from the site itself plus the theme's few inline
scripts, each by the SHA-256 hash of its exact text (they differ with a page's depth, so there is
one hash per variant). Inline styles, plugins, framing, and requests to other hosts are refused.
Images may be data: URLs: the theme's stylesheet draws its icons that way.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

FILE = "_headers"
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(abs_site: Path) -> list[str]:
    """CSP source expressions for every distinct inline script that runs, sorted."""
    bodies: set[str] = set()
    for page in sorted(abs_site.rglob("*.html")):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8", errors="replace")):
            attrs = match.group("attrs").lower()
            if "src=" in attrs or "application/json" in attrs:
                continue  # a script file (allowed by 'self'), or data that never runs
            bodies.add(match.group("body"))
    return sorted(f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode('ascii')}'" for b in bodies)


def content_security_policy(hashes: list[str]) -> str:
    """The policy the theme and the site's own scripts satisfy."""
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(abs_site: Path) -> dict[str, str]:
    """Every header, by name, for every page of the site at ``abs_site``."""
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(abs_site)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def headers_file(abs_site: Path) -> str:
    """The ``_headers`` text: every header applies to every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in security_headers(abs_site).items())


def parse_headers_file(text: str) -> dict[str, str]:
    """The headers of the ``/*`` block of a ``_headers`` file (for tests and local serving)."""
    return dict(line.strip().split(": ", 1) for line in text.splitlines() if line.startswith("  ") and ": " in line)
