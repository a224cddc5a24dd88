"""Prometheus series: the API's at ``GET /metrics`` (admin key), the worker's on its own port."""

from __future__ import annotations

import httpx

from tests.observability.conftest import ObservedStack, Processed


async def test_api_metrics_count_requests_submissions_and_statuses(
    observed: ObservedStack, processed: Processed
) -> None:
    async with observed.http() as anonymous:
        assert (await anonymous.get("/metrics")).status_code == 401
    async with observed.http(observed.admin_key) as http:  # Prometheus sends its key
        answer = await http.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    text = answer.text
    for series in (
        'cpg2pvg_api_requests_total{method="POST",route="/v1/guidelines",status="202"}',
        'cpg2pvg_api_requests_total{method="GET",route="/v1/guidelines/{guideline_id}",status="200"}',
        'cpg2pvg_api_request_duration_seconds_bucket{le="0.5",method="POST",route="/v1/guidelines"}',
        'cpg2pvg_api_submissions_total{kind="guideline",status="202"}',
        "cpg2pvg_api_requests_in_progress",
        'cpg2pvg_guidelines{status="completed"}',
    ):
        assert series in text, series
    completed = next(
        line
        for line in text.splitlines()
        if line.startswith('cpg2pvg_guidelines{status="completed"}')
    )
    assert float(completed.rsplit(" ", 1)[1]) >= 1
    # Content-free: no ids, titles or document text.
    assert processed.id not in text
    assert processed.title not in text


async def test_worker_metrics_show_sdk_series_and_stage_durations(
    observed: ObservedStack, processed: Processed
) -> None:
    async with httpx.AsyncClient(timeout=10) as http:
        text = (await http.get(observed.worker_metrics_url)).text
    assert "temporal_activity_execution_latency" in text
    assert "temporal_workflow_completed" in text
    for stage in ("parsing", "generating", "quality_control", "notifying"):
        assert any(
            line.startswith("cpg2pvg_stage_duration_seconds_count")
            and f'stage="{stage}"' in line
            and 'outcome="ok"' in line
            for line in text.splitlines()
        ), stage
    assert processed.id not in text
