"""The language-model provider end to end: GuidelineWorkflow on the time-skipping server,
real activities and database, and a real OpenAI-compatible stub server over HTTP."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import maintenance
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.llm_stub import COMPLETION_TOKENS, PROMPT_TOKENS, LlmStub
from tests.workflows.helpers import maybe_record, new_guideline, start
from worker import build_llm_worker, build_worker
from workflows import policies

LLM = "generate_pvg_llm"
ZH_FIXTURE = Path(__file__).resolve().parents[1] / "workflows" / "fixtures" / "zh_hypertension.md"


@pytest.fixture
def stub() -> Iterator[LlmStub]:
    server = LlmStub()
    yield server
    server.close()


@pytest.fixture
def llm_settings(settings: Settings, stub: LlmStub) -> Settings:
    """The session settings with the openai generator pointed at the stub; a model name of
    its own per test, so that no test answers from another test's cache entries."""
    return settings.model_copy(update={
        "generator": "openai",
        "llm_base_url": stub.base_url,
        "llm_model": f"stub-model-{uuid.uuid4().hex[:8]}",
        "llm_api_key": SecretStr("sk-test-not-a-real-key"),
        "llm_price_per_1k_input": 0.5,
        "llm_price_per_1k_output": 1.5,
        "llm_requests_per_second": 50.0,
        "task_queue": "cpg2pvg-tests-llm",
    })


@asynccontextmanager
async def workers(client: Client, settings: Settings, deps: ActivityDeps) -> AsyncIterator[None]:
    own = dataclasses.replace(deps, settings=settings)
    async with build_worker(client, settings, own), build_llm_worker(client, settings, own):
        yield


def _llm_starts(history) -> list[tuple[int, timedelta]]:  # type: ignore[no-untyped-def]
    """(attempt, time from scheduling to the start of that attempt) of each LLM activity."""
    scheduled: dict[int, datetime] = {}
    out = []
    for event in history.events:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            if event.activity_task_scheduled_event_attributes.activity_type.name == LLM:
                scheduled[event.event_id] = event.event_time.ToDatetime(UTC)
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs = event.activity_task_started_event_attributes
            if attrs.scheduled_event_id in scheduled:
                waited = event.event_time.ToDatetime(UTC) - scheduled[attrs.scheduled_event_id]
                out.append((attrs.attempt, waited))
    return out


async def _run(time_env, llm_settings, deps, sessions, owner: str):  # type: ignore[no-untyped-def]
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, owner=owner)
    handle = await start(time_env.client, llm_settings, guideline)
    return guideline, handle


async def test_llm_generation_records_usage_and_the_cache_pays_once(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    owner = f"llm-{uuid.uuid4().hex[:8]}"
    async with workers(time_env.client, llm_settings, deps):
        first, handle = await _run(time_env, llm_settings, deps, sessions, owner)
        assert (await handle.result()).status == "completed"
        await maybe_record(handle, "llm_generated")
        assert stub.count == 1
        second, handle = await _run(time_env, llm_settings, deps, sessions, owner)
        assert (await handle.result()).status == "completed"
    assert stub.count == 1, "the same document with the same prompt and model is not paid twice"

    request = stub.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer sk-test-not-a-real-key"
    assert request.body["model"] == llm_settings.llm_model
    assert request.body["response_format"]["type"] == "json_schema"
    cost = round(PROMPT_TOKENS / 1000 * 0.5 + COMPLETION_TOKENS / 1000 * 1.5, 6)
    async with sessions() as session:
        pvg = await store.load_artifact(session, first.id, "pvg")
        qc = await store.load_artifact(session, first.id, "qc")
        again = await store.load_artifact(session, second.id, "pvg")
    assert pvg and qc and again
    assert pvg["generator"] == llm_settings.llm_model
    assert pvg["usage"] == {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                            "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS, "cost": cost,
                            "cached": False}
    assert again["usage"]["cached"] is True and again["usage"]["cost"] == 0
    assert again["recommendations"] == pvg["recommendations"]
    assert qc["outcome"] == "pass" and qc["readability"]["fkgl"] <= 8

    # The daily usage job counts the tokens and cost of the paid guideline only.
    async with sessions.begin() as session:
        await maintenance.recompute_usage(session, datetime.now(UTC).date() - timedelta(days=1))
        rows = await maintenance.usage_rows(session, owner)
    assert [(r.guidelines, r.tokens, float(r.cost)) for r in rows] == [
        (2, PROMPT_TOKENS + COMPLETION_TOKENS, cost)
    ]


async def test_retry_after_sets_the_next_attempt(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.script, stub.retry_after = ["429"], 600
    async with workers(time_env.client, llm_settings, deps):
        _, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        assert (await handle.result()).status == "completed"
        history = await handle.fetch_history()
    starts = _llm_starts(history)
    assert [attempt for attempt, _ in starts] == [2]
    # The retry policy alone would have waited 2 s; Retry-After asked for 10 minutes.
    assert starts[0][1] >= timedelta(seconds=600)
    assert stub.count == 2


async def test_an_invalid_answer_is_asked_for_again(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.script = ["drop_number"]
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        assert (await handle.result()).status == "completed"
        history = await handle.fetch_history()
    assert [attempt for attempt, _ in _llm_starts(history)] == [2]
    assert stub.count == 2
    async with sessions() as session:
        qc = await store.load_artifact(session, guideline.id, "qc")
    assert qc and qc["outcome"] == "pass"


async def test_an_always_invalid_answer_fails_for_good_after_bounded_attempts(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.default = "drop_number"
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
        history = await handle.fetch_history()
    cause = failure.value.cause
    assert isinstance(cause, ApplicationError) and cause.type == "llm_invalid_output"
    attempts = policies.LLM_INVALID_OUTPUT_ATTEMPTS
    assert [attempt for attempt, _ in _llm_starts(history)] == [attempts]
    assert stub.count == attempts
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        assert row is not None and (row.status, row.error_code) == ("failed", "llm_invalid_output")
        assert await store.load_artifact(session, guideline.id, "pvg") is None


async def test_a_refused_key_is_not_retried(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.default = "401"
    async with workers(time_env.client, llm_settings, deps):
        _, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
    cause = failure.value.cause
    assert isinstance(cause, ApplicationError) and cause.type == "llm_rejected"
    assert stub.count == 1


def test_the_llm_queue_is_rate_limited_by_the_server(
    time_env: WorkflowEnvironment, llm_settings: Settings, deps: ActivityDeps
) -> None:
    # A queue of its own: this worker is built but never run, so it stays registered.
    settings = llm_settings.model_copy(update={"task_queue": "cpg2pvg-tests-config"})
    config = build_llm_worker(time_env.client, settings, deps).config()
    assert config["task_queue"] == "cpg2pvg-tests-config-llm"
    assert config["max_task_queue_activities_per_second"] == 50.0
    assert [a.__name__ for a in config["activities"]] == ["generate_pvg_llm"]


async def test_a_chinese_guideline_through_the_language_model(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    content = ZH_FIXTURE.read_bytes()
    guideline = await new_guideline(sessions, content, "高血压指南.md")
    async with workers(time_env.client, llm_settings, deps):
        handle = await start(time_env.client, llm_settings, guideline)
        assert (await handle.result()).status == "completed"
    assert "Simplified Chinese" in stub.requests[0].body["messages"][0]["content"]
    async with sessions() as session:
        pvg = await store.load_artifact(session, guideline.id, "pvg")
        qc = await store.load_artifact(session, guideline.id, "qc")
    assert pvg and qc
    assert pvg["language"] == "zh" and pvg["generator"] == llm_settings.llm_model
    assert qc["outcome"] == "pass" and qc["readability"] is None
