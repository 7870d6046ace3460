"""A headless Chromium for the HTML report's tests (and ``docs/report_screenshot.py``).

The browser is Debian's ``chromium`` package driven by Playwright with ``executable_path``:
Playwright's own browser download (``playwright install``) is never used. Without Playwright
or without a Chromium binary the browser tests skip (see ``tests/test_report.py``).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

# No network of its own: no QUIC, no background, component-update or sync traffic, no first-run.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    """The system Chromium (``$CHROMIUM`` if set), or None."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@contextmanager
def browser_page(width: int = 1280, height: int = 900):
    """A Playwright page in a fresh headless Chromium; closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()
