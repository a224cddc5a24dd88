"""Exceptions from the layers below become API answers in one place (api/errors.py): a
Temporal that does not answer is a 503, a document we cannot read a 415 or 422, and
anything else a 500, never a 503 that tells the caller to wait for a bug."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from temporalio.service import RPCError, RPCStatusCode

from api.errors import TemporalUnavailable, install_error_handlers
from domain.errors import CorruptDocument, EmptyDocument


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    raised = {
        "temporal-down": RPCError("unavailable", RPCStatusCode.UNAVAILABLE, b""),
        "temporal-refused": RPCError("bad request", RPCStatusCode.INVALID_ARGUMENT, b""),
        "not-started": TemporalUnavailable("stored; retry with POST /v1/guidelines/x/retry"),
        "empty": EmptyDocument("the file is empty"),
        "corrupt": CorruptDocument("not a PDF"),
        "bug": KeyError("outcome"),
    }

    @app.get("/{what}")
    async def fail(what: str) -> None:
        raise raised[what]

    return app


@pytest.mark.parametrize(
    ("what", "status", "code"),
    [
        ("temporal-down", 503, "temporal_unavailable"),
        ("not-started", 503, "temporal_unavailable"),
        ("temporal-refused", 500, "internal_error"),
        ("empty", 422, "empty_document"),
        ("corrupt", 415, "corrupt_document"),
        ("bug", 500, "internal_error"),
    ],
)
async def test_each_exception_gets_its_answer(what: str, status: int, code: str) -> None:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        answer = await http.get(f"/{what}")
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    if what == "not-started":
        assert "retry" in answer.json()["error"]["message"]
