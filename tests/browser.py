"""Drive Debian's headless Chromium through chromedriver, and serve a folder over local HTTP.

Used by the embed and email screenshot tests; skipped (not failed) only where
/usr/bin/chromium is absent.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)

# Installed before any page script runs: collects CSP violations and image load failures.
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
                               source: e.sourceFile, line: e.lineNumber, sample: e.sample});
}, true);
"""


def require_chromium() -> None:
    """Skip the calling test, with the reason, when the browser is not installed (and only then)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium chromium-driver)")
    assert CHROMEDRIVER.exists(), f"{CHROMIUM} is installed but {CHROMEDRIVER} is not: apt-get install chromium-driver"


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """A fresh headless Chromium (own profile, no network chatter) with the CSP watcher installed."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_chromium()
    profile = tempfile.mkdtemp(prefix="reportgen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_SCRIPT})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def csp_violations(driver: Any) -> list[dict[str, Any]]:
    """Violations the page reported, from the listener and from the console log."""
    events = driver.execute_script("return window.__cspViolations || [];")
    console = [
        {"console": entry["message"]}
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry.get("message", "")
    ]
    return list(events) + console


def full_page_screenshot(driver: Any, path: Path) -> Path:
    """Resize the window to the page's height, then save a PNG of all of it."""
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);"
    )
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(int(height) + 100, 8000))
    driver.save_screenshot(str(path))
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static-file handler that keeps its request log out of the test output."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL, e.g. http://127.0.0.1:PORT/."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
