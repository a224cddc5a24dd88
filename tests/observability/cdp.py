"""Just enough of the Chrome DevTools protocol to drive Debian's headless chromium.

Playwright's browser download is not available here, so the test talks to the system's
chromium over its remote-debugging websocket: navigate, read the page text, screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

from cpg2pvg.ops.local.ports import free_port

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1440,1000",
]


class Chromium:
    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.port = free_port()
        self.profile = Path(tempfile.mkdtemp(prefix="cpg2pvg-chromium-"))
        self.process: subprocess.Popen[bytes] | None = None
        self._ws: Any = None
        self._next_id = 0
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Chromium:
        self.process = subprocess.Popen(  # noqa: ASYNC220 - returns at once
            [
                self.executable,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={self.port}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = await self._page_socket()
        self._ws = await websockets.connect(url, max_size=None)
        self._reader = asyncio.create_task(self._read())
        await self.call("Page.enable")
        await self.call("Network.enable")
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    async def _page_socket(self, within: float = 20.0) -> str:
        deadline = time.monotonic() + within
        async with httpx.AsyncClient() as http:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    targets = (await http.get(f"http://127.0.0.1:{self.port}/json/list")).json()
                    pages = [t for t in targets if t.get("type") == "page"]
                    if pages:
                        return str(pages[0]["webSocketDebuggerUrl"])
                await asyncio.sleep(0.1)
        raise TimeoutError("chromium did not open its debugging port")

    async def _read(self) -> None:
        async for message in self._ws:
            data = json.loads(message)
            future = self._pending.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                if "error" in data:
                    future.set_exception(RuntimeError(str(data["error"])))
                else:
                    future.set_result(data.get("result", {}))

    async def call(self, method: str, **params: Any) -> Any:
        self._next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        await self._ws.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        return await asyncio.wait_for(future, 30)

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def text(self) -> str:
        """The page's visible text, with that of its same-origin frames (the UI renders
        summaries and details in iframes)."""
        script = (
            "[document.body.innerText, ...[...document.querySelectorAll('iframe')]"
            ".map(f => { try { return f.contentDocument.body.innerText }"
            " catch (e) { return '' } })]"
            ".join('\\n')"
        )
        result = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return str(result.get("result", {}).get("value") or "")

    async def wait_for_text(self, *needles: str, within: float = 20.0) -> str:
        """Poll the page's text until it holds every needle; the last text on timeout."""
        deadline = time.monotonic() + within
        text = ""
        while time.monotonic() < deadline:
            text = await self.text()
            if all(n in text for n in needles):
                return text
            await asyncio.sleep(0.25)
        missing = [n for n in needles if n not in text]
        raise AssertionError(f"page never showed {missing}; it showed:\n{text[:3000]}")

    async def click_text(self, label: str) -> bool:
        """Click the first button, link or summary whose text is ``label``."""
        script = (
            "(() => { const el = [...document.querySelectorAll('button, a, summary')]"
            f".find(e => e.innerText.trim() === {json.dumps(label)});"
            " if (el) { el.click(); return true; } return false; })()"
        )
        result = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return bool(result.get("result", {}).get("value"))

    async def screenshot(self, path: Path) -> Path:
        result = await self.call("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(result["data"]))
        return path
