"""A small headless-Chromium driver for the browser tests, over the Chrome DevTools Protocol (CDP).

It starts ``chromium --headless --remote-debugging-port=0`` with a throw-away profile, reads the
DevTools websocket address from the browser's stderr, and talks to it with the ``websocket-client``
package. One page (a target attached in flat session mode) is enough for the tests::

    with Chromium() as browser:
        page = browser.open("file:///tmp/report.html")
        page.evaluate("document.title")
        page.screenshot(path)
        page.errors  # console errors, uncaught exceptions and error log entries seen so far
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    """The Chromium binary: ``$CHROMIUM`` when set, else the first of CANDIDATES on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium process and its DevTools connection (a context manager)."""

    def __init__(self, binary: str | None = None, timeout: float = 15.0):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise BrowserError("Chromium not found")
        self.timeout = timeout
        self._next_id = 0
        self._events: list[dict] = []
        self.proc = None
        self.ws = None

    # --- process ----------------------------------------------------------------------------------
    def __enter__(self) -> "Chromium":
        import websocket  # websocket-client

        self._profile = tempfile.TemporaryDirectory(prefix="carbon-chromium-")
        log_path = Path(self._profile.name) / "stderr.log"
        self._log = open(log_path, "w+b")
        args = [self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--mute-audio", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                f"--user-data-dir={Path(self._profile.name) / 'profile'}", "about:blank"]
        # a session of its own: on a hang we end the browser's whole process group, nothing else
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
                                     start_new_session=True)
        url = self._devtools_url(log_path)
        self.ws = websocket.create_connection(url, timeout=self.timeout, suppress_origin=True,
                                              enable_multithread=False)
        return self

    def _devtools_url(self, log_path: Path) -> str:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            match = re.search(r"DevTools listening on (ws://\S+)", text)
            if match:
                return match.group(1)
            if self.proc.poll() is not None:
                raise BrowserError(f"Chromium exited with status {self.proc.returncode}:\n{text[-2000:]}")
            time.sleep(0.05)
        raise BrowserError(f"Chromium printed no DevTools address within {self.timeout} s")

    def __exit__(self, *exc) -> None:
        try:
            if self.ws is not None:
                try:
                    self.send("Browser.close")
                except Exception:
                    pass
                self.ws.close()
        finally:
            if self.proc is not None:
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, 9)  # the group of the browser started above
                    self.proc.wait(timeout=5)
            self._log.close()
            self._profile.cleanup()

    # --- protocol ---------------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send a command and return its result; events arriving meanwhile are kept."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)
        raise BrowserError(f"{method}: no answer within {self.timeout} s")

    def wait_for(self, method: str, session: str | None = None) -> dict:
        """Wait for an event (one already received counts)."""
        deadline = time.monotonic() + self.timeout
        seen = 0
        while True:
            for event in self._events[seen:]:
                if event["method"] == method and (session is None or event.get("sessionId") == session):
                    return event
            seen = len(self._events)
            if time.monotonic() > deadline:
                raise BrowserError(f"no {method} within {self.timeout} s")
            self._events.append(json.loads(self.ws.recv()))

    def open(self, url: str, width: int = 1100, height: int = 900) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return page


class Page:
    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries of this page so far."""
        out = []
        for event in self.browser._events:
            if event.get("sessionId") != self.session:
                continue
            params = event.get("params", {})
            if event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                   for a in params.get("args", [])))
            elif event["method"] == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.append("exception: " + str(details.get("exception", {}).get("description") or details.get("text")))
            elif event["method"] == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                out.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".rstrip())
        return out

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def pdf(self, path: Path) -> Path:
        data = self.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})["data"]
        path.write_bytes(base64.b64decode(data))
        return path


def main(argv: list[str] | None = None) -> int:
    """``python tests/browser.py PAGE.html SHOT.png [PAGE.pdf]``: a full-page screenshot (and a PDF as the
    browser prints it); console errors are printed and make the exit status 1."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print(main.__doc__, file=sys.stderr)
        return 2
    with Chromium() as browser:
        page = browser.open(Path(args[0]).resolve().as_uri())
        page.screenshot(Path(args[1]))
        if len(args) == 3:
            page.pdf(Path(args[2]))
        for error in page.errors:
            print(error, file=sys.stderr)
        return 1 if page.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
