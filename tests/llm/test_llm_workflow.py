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
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import maintenance
from domain.generation import NOTE
from domain.page_plan import MORE_ADVICE, MORE_ADVICE_FULL
from tests.support.corpus import SMALL_GUIDELINE, corpus_file, short_guidelines
from tests.support.llm_stub import COMPLETION_TOKENS, PROMPT_TOKENS, LlmStub, answered_offline
from tests.support.polling import wait_until
from tests.workflows.helpers import maybe_record, new_guideline, signed_decision, start
from worker import build_llm_worker, build_workers
from workflows import policies
from workflows.guideline import GuidelineWorkflow

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
    async with build_workers(client, settings, own, llm=True):
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
        pvg = await store.load_artifact_json(session, first.id, ArtifactKind.PVG)
        qc = await store.load_artifact_json(session, first.id, ArtifactKind.QC)
        again = await store.load_artifact_json(session, second.id, ArtifactKind.PVG)
    assert pvg and qc and again
    assert pvg["generator"] == llm_settings.llm_model
    assert pvg["usage"] == {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                            "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS, "cost": cost,
                            "requests": 1, "cached": False}
    assert pvg["summary"] and pvg["glossary"], "summary and glossary reach the PVG JSON"
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
        qc = await store.load_artifact_json(session, guideline.id, ArtifactKind.QC)
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
        assert await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG) is None


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


async def test_model_requests_are_bounded_by_the_slots_not_by_the_children(
    dev_client: Client,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    """Five guidelines at once and two model slots: the provider never sees a third request,
    both slots are used, and every guideline still completes (the others wait on the queue,
    not in a retry)."""
    settings = llm_settings.model_copy(
        update={"llm_max_concurrent_requests": 2, "task_queue": "cpg2pvg-tests-llm-slots"}
    )
    stub.delay = 0.4
    docs = short_guidelines(5, lambda parsed: answered_offline(parsed, settings.llm_model or ""))
    async with workers(dev_client, settings, deps):
        handles = [
            await start(dev_client, settings, await new_guideline(sessions, content, name))
            for name, content in docs
        ]
        results = [await handle.result() for handle in handles]
    assert [r.status for r in results] == ["completed"] * 5
    assert stub.count == 5
    assert stub.peak == 2


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
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        qc = await store.load_artifact_json(session, guideline.id, ArtifactKind.QC)
    assert pvg and qc
    assert pvg["language"] == "zh" and pvg["generator"] == llm_settings.llm_model
    assert qc["outcome"] == "pass" and qc["readability"] is None


LONG_GUIDELINE = "va-dod_hypertension-primary-care_2014.md"


async def _settle(handle: WorkflowHandle, settings: Settings) -> str:
    """The run's end, approving the draft if quality control sends it to review (readability
    or jargon findings of the stub's rule-based wording are not what these tests are about)."""

    async def settled() -> str | None:
        state = await handle.query(GuidelineWorkflow.progress)
        if state.status == "needs_review" and state.stage == "review":
            await handle.execute_update(GuidelineWorkflow.review,
                                        await signed_decision(settings, handle))
            return None
        return state.status if state.status in ("completed", "failed") else None

    return await wait_until(settled, timeout=120)


async def _run_long(time_env, llm_settings, sessions, owner: str = "tests"):  # type: ignore[no-untyped-def]
    content = corpus_file(LONG_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, LONG_GUIDELINE, owner=owner)
    handle = await start(time_env.client, llm_settings, guideline)
    return guideline, handle


async def test_a_long_guideline_is_asked_for_in_parts_and_merged(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run_long(time_env, llm_settings, sessions)
        assert await _settle(handle, llm_settings) == "completed"
        again, handle = await _run_long(time_env, llm_settings, sessions)
        assert await _settle(handle, llm_settings) == "completed"

    parts = [r.part for r in stub.requests]
    advice = [p for p in parts if p.startswith("advice-")]
    assert len(advice) >= 3 and parts == [*advice, "overview"], "one request per part"
    assert advice == [f"advice-{i}" for i in range(1, len(advice) + 1)]
    asked = [i for r in stub.requests[:-1] for i in r.ids]
    async with sessions() as session:
        parsed = await store.load_artifact_json(session, guideline.id, ArtifactKind.PARSED)
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        second = await store.load_artifact_json(session, again.id, ArtifactKind.PVG)
    assert parsed and pvg and second
    ids = [r["id"] for r in parsed["recommendations"]]
    assert asked == ids, "every recommendation asked for once, in order"
    assert sorted(r["id"] for r in pvg["recommendations"]) == sorted(ids)
    assert pvg["summary"] and pvg["glossary"]
    headings = [s["heading"] for s in pvg["sections"]]
    # Laid out as the offline page: an overview of the other advice before the disclaimer,
    # those points in full after it.
    assert headings.index(MORE_ADVICE) < headings.index(NOTE) < headings.index(MORE_ADVICE_FULL)
    assert all(set(e) >= {"term", "meaning", "source"} for e in pvg["glossary"])
    assert pvg["advice_readability"] and all(
        r["grade"] and r["strength_level"] for r in pvg["recommendations"])
    n = len(parts)
    assert pvg["usage"] == {
        "prompt_tokens": n * PROMPT_TOKENS, "completion_tokens": n * COMPLETION_TOKENS,
        "total_tokens": n * (PROMPT_TOKENS + COMPLETION_TOKENS),
        "cost": round(n * (PROMPT_TOKENS / 1000 * 0.5 + COMPLETION_TOKENS / 1000 * 1.5), 6),
        "requests": n, "cached": False}
    assert stub.count == n, "the same document again is answered from the cached parts"
    assert second["usage"]["cached"] is True and second["usage"]["cost"] == 0
    assert second["recommendations"] == pvg["recommendations"]


@pytest.mark.parametrize("defect", ["the_patient", "doubled_word", "change_number",
                                    "drop_recommendation"])
async def test_a_defective_answer_is_asked_for_again_saying_what_to_fix(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
    defect: str,
) -> None:
    stub.script = [defect]
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        assert (await handle.result()).status == "completed"
        history = await handle.fetch_history()
    assert [attempt for attempt, _ in _llm_starts(history)] == [2]
    assert stub.count == 2
    first, second = (r.body["messages"][-1]["content"] for r in stub.requests)
    assert "rejected for these problems" not in first
    assert "rejected for these problems" in second
    async with sessions() as session:
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        qc = await store.load_artifact_json(session, guideline.id, ArtifactKind.QC)
    assert pvg and qc and qc["outcome"] == "pass"
    assert pvg["usage"]["requests"] == 2, "the rejected answer was paid for too"


async def test_parts_already_answered_are_not_paid_twice(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.script = ["ok", "change_number"]
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run_long(time_env, llm_settings, sessions)
        assert await _settle(handle, llm_settings) == "completed"
        history = await handle.fetch_history()
    assert [attempt for attempt, _ in _llm_starts(history)] == [2]
    parts = [r.part for r in stub.requests]
    assert parts[:3] == ["advice-1", "advice-2", "advice-2"], "advice-1 came from the cache"
    assert parts.count("advice-1") == 1 and len(parts) == len(set(parts)) + 1
    async with sessions() as session:
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
    assert pvg and pvg["usage"]["requests"] == len(parts), "both attempts' requests counted"


async def test_wording_the_gate_keeps_finding_goes_to_review_on_the_last_attempt(
    time_env: WorkflowEnvironment,
    llm_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    stub: LlmStub,
) -> None:
    stub.default = "fragment"
    async with workers(time_env.client, llm_settings, deps):
        guideline, handle = await _run(time_env, llm_settings, deps, sessions, "tests")
        assert await _settle(handle, llm_settings) == "completed"
        history = await handle.fetch_history()
    attempts = policies.LLM_INVALID_OUTPUT_ATTEMPTS
    assert [attempt for attempt, _ in _llm_starts(history)] == [attempts]
    async with sessions() as session:
        qc = await store.load_artifact_json(session, guideline.id, ArtifactKind.QC)
        review = await store.load_artifact_json(session, guideline.id, ArtifactKind.REVIEW)
    assert qc and qc["outcome"] == "needs_review" and review
    assert {f["check"] for f in qc["findings"] if f["severity"] == "warning"} == {"wording"}
