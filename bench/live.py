"""What an editor waits for in `svkb serve`: from saving a case study to seeing the change in the browser.

Starts `svkb serve` in a fresh process, opens the case study's page in headless Chromium (MkDocs'
live-reload script included), then saves an edit to the case study's summary and polls the page
until the new text shows. Nothing is mocked: the poll watcher, the regeneration, MkDocs' rebuild
and the browser's reload are all in the figure.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.endtoend import child_env

STARTUP_LIMIT = 1800
RELOAD_LIMIT = 900


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def edit_summary(path: Path, marker: str) -> None:
    """Save the file with the first words of its summary replaced by ``marker`` (same length, so still valid)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^summary:[^\n]*\n(\s+)(\S)", text, re.M)
    assert found, f"{path}: no block summary to edit"
    start = found.start(2)
    path.write_text(text[:start] + marker + text[start + len(marker) :], encoding="utf-8")


def wait_until_served(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"svkb serve stopped ({server.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"svkb serve did not answer {url} within {STARTUP_LIMIT} s")


def shows(page: object, marker: str) -> bool:
    try:
        return bool(page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - the page is being replaced by the reload
        return False


def save_to_reload(project: Path, saves: int, epoch: int) -> tuple[float, list[float]]:
    """Seconds until `svkb serve` first answers, and from each save to the reloaded page showing it."""
    from tests.browser import chromium

    source = sorted((project / "casestudies").glob("*.yml"))[0]
    port = free_port()
    url = f"http://127.0.0.1:{port}/case-studies/{source.stem}/"
    log = project.parent / "serve.log"
    env = child_env(epoch)
    start = time.perf_counter()
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_served(url, server, log)
        startup = time.perf_counter() - start
        seconds = []
        with chromium() as browser:
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(url)
            page.wait_for_load_state("load")
            for i in range(saves):
                marker = f"Zqx{i}{os.getpid() % 1000:03d}"
                edit_summary(source, marker)
                saved = time.perf_counter()
                while not shows(page, marker):
                    if time.perf_counter() - saved > RELOAD_LIMIT:
                        raise SystemExit(f"the edit did not show within {RELOAD_LIMIT} s:\n{log.read_text(errors='replace')[-3000:]}")
                    time.sleep(0.05)
                seconds.append(time.perf_counter() - saved)
                time.sleep(1)  # let the watcher settle before the next save
        return startup, seconds
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def rows(startup: float, seconds: list[float], target: float) -> list[str]:
    return [
        f"- `svkb serve`: first page after {startup:,.1f} s; save one case study to reloaded page in Chromium: "
        f"{' / '.join(f'{s:,.2f}' for s in seconds)} s, **median {statistics.median(seconds):,.2f} s** (target: at most {target:g} s)",
    ]
