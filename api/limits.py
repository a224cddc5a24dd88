"""Request body limits, enforced before the body is read.

A body announced larger than its route's limit (``Content-Length``) is answered 413
without reading a byte of it; a body sent without a length (chunked) is cut off as soon
as it passes the limit. Uploads may be as large as ``CPG2PVG_MAX_UPLOAD_BYTES`` plus the
form around the file, batches ``CPG2PVG_MAX_BATCH_BYTES``; every other request has JSON
or nothing in its body.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from cpg2pvg.settings import Settings

FORM_OVERHEAD = 1024 * 1024
"""Room for the form fields and multipart boundaries around an uploaded file."""
JSON_LIMIT = 1024 * 1024
CODEC_LIMIT = 4 * 1024 * 1024
"""Temporal payloads are at most 2 MB each; the Web UI sends a few at a time."""


class BodyTooLarge(HTTPException):
    """Raised while reading: FastAPI passes HTTPExceptions from the body on unchanged."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(status_code=413, detail=message)
        self.code = code


@dataclass(frozen=True)
class Limit:
    size: int
    code: str
    message: str

    def refusal(self) -> JSONResponse:
        # Sent before the body is read: the server discards what the client still sends
        # (closing at once would reset the connection, and the client might never see this).
        return JSONResponse(error_body(self.code, self.message), status_code=413)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def limit_for(settings: Settings, method: str, path: str) -> Limit:
    if method == "POST" and path == "/v1/guidelines":
        size = settings.max_upload_bytes
        message = f"the file is larger than the limit of {_mib(size)}"
        return Limit(size + FORM_OVERHEAD, "file_too_large", message)
    if method == "POST" and path == "/v1/batches":
        size = settings.max_batch_bytes
        message = f"the batch is larger than the limit of {_mib(size)}; send it in parts"
        return Limit(size, "batch_too_large", message)
    size = CODEC_LIMIT if path.startswith("/codec/") else JSON_LIMIT
    return Limit(size, "request_too_large", f"the request body is larger than {_mib(size)}")


class BodyLimit:
    """Pure ASGI: refuses by Content-Length at once, and counts a streamed body's bytes."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(self.settings, scope.get("method", "GET"), scope.get("path", ""))
        announced = _content_length(scope)
        if announced is not None and announced > limit.size:
            await limit.refusal()(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit.size:
                    raise BodyTooLarge(limit.code, limit.message)
            return message

        async def noted_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, noted_send)
        except BodyTooLarge:
            if started:
                raise
            await limit.refusal()(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
