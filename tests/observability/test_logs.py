"""Log lines carry guideline id, workflow id and run id; JSON in production."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from temporalio import activity, workflow
from temporalio.testing import ActivityEnvironment

from api.main import create_app
from cpg2pvg.logs import JsonFormatter, TemporalContext, TextFormatter
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings
from cpg2pvg.telemetry import current_guideline

GID = "3f1c1f7e-0000-4000-8000-000000000001"


def _capture(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(TemporalContext())
    handler.setFormatter(formatter)
    logger = logging.getLogger("tests.observability.logs")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, out


async def test_activity_lines_carry_guideline_workflow_and_run_ids() -> None:
    logger, out = _capture(JsonFormatter("worker"))

    @activity.defn(name="parse_document")
    async def parse_document(guideline_id: str) -> None:
        token = current_guideline.set(guideline_id)  # as GuidelineInterceptor does
        try:
            logger.info("parsed %d sections", 7)  # a module logger, not activity.logger
            activity.logger.warning("slow page")
        finally:
            current_guideline.reset(token)

    env = ActivityEnvironment()
    env.info = dataclasses.replace(
        env.info,
        workflow_id=f"guideline-{GID}",
        workflow_run_id="run-1",
        activity_type="parse_document",
    )
    activity.logger.activity_info_on_message = False
    await env.run(parse_document, GID)

    first = json.loads(out.getvalue().splitlines()[0])
    assert first["message"] == "parsed 7 sections"
    assert first["component"] == "worker" and first["level"] == "info"
    assert (first["guideline_id"], first["workflow_id"], first["run_id"]) == (
        GID,
        f"guideline-{GID}",
        "run-1",
    )
    assert first["activity_type"] == "parse_document"


def test_workflow_lines_from_the_sdk_logger_are_rendered_in_text_and_json() -> None:
    extra = {
        "temporal_workflow": {
            "workflow_id": f"guideline-{GID}",
            "run_id": "run-2",
            "workflow_type": "GuidelineWorkflow",
        }
    }
    logger, out = _capture(TextFormatter("worker"))
    logger.warning("notification %s could not be delivered", "completed", extra=extra)
    line = out.getvalue().strip()
    assert line.endswith(f"[guideline={GID} workflow=guideline-{GID} run=run-2]")
    assert "notification completed could not be delivered" in line

    logger, out = _capture(JsonFormatter("worker"))
    logger.warning("notification %s could not be delivered", "failed", extra=extra)
    record = json.loads(out.getvalue())
    assert record["guideline_id"] == GID and record["run_id"] == "run-2"

    # Outside Temporal there is no context to add, and none is invented.
    logger, out = _capture(JsonFormatter("api"))
    logger.info("request served")
    assert set(json.loads(out.getvalue())) == {"time", "level", "component", "logger", "message"}


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """The API process sets up logging for itself; put the test process's back afterwards."""
    root = logging.getLogger()
    names = ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx")
    saved = [
        (logger, logger.level, logger.handlers[:], logger.filters[:], logger.propagate)
        for logger in [root, *(logging.getLogger(name) for name in names)]
    ]
    flags = (workflow.logger.workflow_info_on_message, activity.logger.activity_info_on_message)
    yield
    for logger, level, handlers, filters, propagate in saved:
        logger.setLevel(level)
        logger.handlers[:], logger.filters[:], logger.propagate = handlers, filters, propagate
    workflow.logger.workflow_info_on_message, activity.logger.activity_info_on_message = flags


async def test_access_log_lines_have_no_query_string(
    settings: Settings, caplog: pytest.LogCaptureFixture, logging_restored: None
) -> None:
    """A key sent as ?api_key= (by mistake or by a careless client) is not written down, by
    the access log nor by httpx (whose request lines would show webhook URLs), nor is the
    token of a codec URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, own_logging=True), port=port, access_log=True, lifespan="on"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        caplog.set_level(logging.INFO)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            answer = await http.get("/healthz", params={"api_key": "cpg_in-the-url-9d2e"})
            codec = await http.post("/codec/codec-token-in-the-path-4c1a/decode", json={})
        assert answer.status_code == 200
        assert codec.status_code in (401, 404)
    finally:
        server.should_exit = True
        await serving
    access = [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"]
    assert any("GET /healthz " in line for line in access), access
    assert "cpg_in-the-url-9d2e" not in caplog.text
    assert "api_key" not in caplog.text
    assert any("POST /codec/<token>/decode " in line for line in access), access
    assert "codec-token-in-the-path-4c1a" not in caplog.text
