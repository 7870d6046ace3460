"""Make ``docs/report.png``: the HTML report of ``examples/pages``, one infected page opened.

Scans the sample pages with the shipped model, writes the HTML report and photographs it in the
system's headless Chromium (``apt-get install chromium``, plus a CJK font such as
``fonts-wqy-microhei`` so the Chinese text is not drawn as boxes), driven by Playwright.

    python docs/report_screenshot.py [--out docs/report.png]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from browserkit import browser_page  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "docs" / "report.png"))
    args = ap.parse_args()
    from spamdetect.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        os.chdir(REPO)  # page paths in the report as `examples/pages/...`
        assert cli(["scan", "examples/pages", "-o", str(Path(tmp) / "report.jsonl"), "--html", str(html),
                    "--jobs", "1"]) == 0
        with browser_page(width=1280, height=900) as page:
            page.goto(html.as_uri())
            page.locator("tr.page-row", has_text="seed_like.html").click()
            page.screenshot(path=args.out, full_page=True)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
