"""Generate a patient version with an OpenAI-compatible language model.

A thin adapter around :mod:`domain.llm`: load the parsed guideline by reference, plan its
requests (one for a short guideline; for a long one, the recommendations in parts plus an
overview), answer each part from the cache when it was already paid for, else
``POST /chat/completions``, check each answer (in the process pool), cache it, then merge
the parts and check the whole. Requests of one guideline go one after another, no faster
than ``CPG2PVG_LLM_REQUESTS_PER_SECOND``.

Waiting and retrying belong to the retry policy (``policies.LLM_GENERATION``): a busy
provider's ``Retry-After`` becomes the next retry's delay, never a sleep here, and a retry
finds the parts already answered in the cache. What earlier attempts paid for travels in
the heartbeat details, so the usage of the patient version counts every paid request.
Guideline text and answers are never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.bookkeeping import record_stage_update, store_pvg
from activities.deps import HEARTBEAT_EVERY, ActivityDeps, attempt_limit
from activities.process_pool import PoolProcessDied, StepOverran
from cpg2pvg import contracts
from cpg2pvg.artifacts import ArtifactKind, ReviewLog, StoredPvg, Usage
from cpg2pvg.failures import Failure, failure
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import llm_cache
from db.models import LlmCacheEntry
from domain import llm
from domain.model import ParsedGuideline, PatientVersion
from domain.review import apply_corrections

log = logging.getLogger("cpg2pvg.llm")

T = TypeVar("T")
MAX_RETRY_AFTER = timedelta(hours=1)


def check(parsed: ParsedGuideline, part: llm.Part, content: str, wording_gate: bool) -> None:
    """Process-pool entry point: nothing, or InvalidAnswer for one part's answer."""
    llm.check_part(parsed, part, content, wording_gate)


def merge(
    parsed: ParsedGuideline, answers: Sequence[tuple[llm.Part, str]], generator: str,
    wording_gate: bool,
) -> PatientVersion:
    """Process-pool entry point: the parts' answers as one patient version, or InvalidAnswer."""
    return llm.to_patient_version(parsed, answers, generator, wording_gate)


@dataclasses.dataclass
class Spent:
    """What this guideline's generation has paid for, across attempts of the activity, and
    the parts to ask for again with the problems of their last answer."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    again: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    @classmethod
    def resume(cls) -> Spent:
        """From the last heartbeat of an earlier attempt; empty on the first."""
        details = activity.info().heartbeat_details
        last = details[0] if details else None
        if not isinstance(last, dict):
            return cls()
        again = last.get("again")
        return cls(
            prompt_tokens=int(last.get("prompt_tokens") or 0),
            completion_tokens=int(last.get("completion_tokens") or 0),
            requests=int(last.get("requests") or 0),
            again={str(k): [str(p) for p in v] for k, v in again.items()
                   if isinstance(v, list)} if isinstance(again, dict) else {},
        )

    def pay(self, completion: llm.Completion) -> None:
        self.prompt_tokens += completion.prompt_tokens
        self.completion_tokens += completion.completion_tokens
        self.requests += 1
        self.beat()

    def reject(self, error: llm.InvalidAnswer) -> None:
        """Remember which parts to ask for again, and why, for the next attempt."""
        for name in error.parts:
            self.again[name] = error.problems[:10]
        self.beat()

    def beat(self) -> None:
        activity.heartbeat(dataclasses.asdict(self))


class LlmActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps
        limit = deps.settings.llm_max_concurrent_requests
        # Held for the request alone: loading, checking and storing around it go on while
        # another guideline's request has the provider (worker.build_llm_worker).
        self._open_requests = asyncio.Semaphore(limit) if limit else contextlib.nullcontext()

    @activity.defn(name=contracts.GENERATE_PVG_LLM)
    async def generate_pvg_llm(
        self, request: contracts.LlmGenerateInput
    ) -> contracts.GenerateResult:
        settings = self.deps.settings
        model, base_url = settings.llm_model, settings.llm_base_url
        if not model or not base_url:
            raise failure(
                Failure.LLM_NOT_CONFIGURED,
                "CPG2PVG_LLM_BASE_URL and CPG2PVG_LLM_MODEL must be set for the openai generator",
            )
        gid = uuid.UUID(request.guideline_id)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, request.enter)
            row = await store.get_guideline(session, gid)
            found = await store.load_artifacts(
                session, gid, ArtifactKind.PARSED, ArtifactKind.REVIEW
            )
            guideline = found.get(ArtifactKind.PARSED, ParsedGuideline)
            review = found.get(ArtifactKind.REVIEW, ReviewLog) or ReviewLog()
            if row is None or guideline is None:
                raise failure(
                    Failure.MISSING_ARTIFACT, f"guideline {gid} or its parsed result is missing"
                )
            sha = row.document_sha256
            parts = llm.plan_parts(guideline)
            versions = {p.name: llm.cache_version(guideline, p) for p in parts}
            cached = {p.name: await llm_cache.lookup(session, sha, versions[p.name], model)
                      for p in parts}

        run = _Run(guideline=guideline, sha=sha, model=model,
                   base_url=base_url, request=request, spent=Spent.resume(),
                   pace=_Pace(settings.llm_requests_per_second))
        answers: list[tuple[llm.Part, str]] = []
        for part in parts:
            content = None
            if part.name not in run.spent.again:
                content = await self._reuse(run, part, cached[part.name])
            if content is None:
                content = await self._ask(run, part, versions[part.name])
            answers.append((part, content))
        try:
            pvg = await self._in_pool(
                run.spent, merge, guideline, answers, model, run.wording_gate
            )
        except llm.InvalidAnswer as error:
            run.spent.reject(error)
            raise self._invalid(error, request) from None
        spent = run.spent

        corrections = review.latest_corrections()
        if corrections:
            pvg = apply_corrections(pvg, corrections)
        # The daily usage job reads pvg.usage (db/maintenance.py: total_tokens and cost).
        usage = Usage(
            prompt_tokens=spent.prompt_tokens,
            completion_tokens=spent.completion_tokens,
            total_tokens=spent.prompt_tokens + spent.completion_tokens,
            cost=llm.cost(spent.prompt_tokens, spent.completion_tokens,
                          settings.llm_price_per_1k_input, settings.llm_price_per_1k_output),
            requests=spent.requests,
            cached=spent.requests == 0,
        )
        stored = StoredPvg(**dict(pvg), usage=usage)
        return await store_pvg(self.deps.sessions, gid, stored)

    async def _reuse(self, run: _Run, part: llm.Part, entry: LlmCacheEntry | None) -> str | None:
        """A cached answer that still passes the checks, or None to ask for it."""
        if entry is None:
            return None
        try:
            await self._in_pool(run.spent, check, run.guideline, part, entry.content,
                                run.wording_gate)
        except llm.InvalidAnswer:
            return None  # parsed differently since, or checked more strictly: replace it
        return entry.content

    async def _ask(self, run: _Run, part: llm.Part, version: str) -> str:
        """One paid request for a part: checked, then cached under its own version."""
        spent = run.spent
        await run.pace.wait(spent)
        body = llm.request_body(run.guideline, run.model, part, spent.again.get(part.name, ()))
        async with self._open_requests:
            completion = await _heartbeating(
                complete(self.deps.http, self.deps.settings, run.base_url, body), spent
            )
        spent.pay(completion)
        try:
            await self._in_pool(spent, check, run.guideline, part, completion.content,
                                run.wording_gate)
        except llm.InvalidAnswer as error:
            spent.reject(error)
            raise self._invalid(error, run.request) from None
        async with self.deps.sessions.begin() as session:
            await llm_cache.store(
                session, run.sha, version, run.model, content=completion.content,
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
            )
        if spent.again.pop(part.name, None) is not None:
            spent.beat()
        log.info("language model answered part %s of guideline %s: %d tokens", part.name,
                 run.request.guideline_id, completion.prompt_tokens + completion.completion_tokens)
        return completion.content

    async def _in_pool(self, spent: Spent, fn: Callable[..., T], *args: Any) -> T:
        """Like ``ActivityDeps.run_cpu``, but every heartbeat carries what was paid."""
        try:
            return await _heartbeating(
                self.deps.cpu_pool.run(fn, *args, limit=attempt_limit()), spent)
        except StepOverran as error:
            raise failure(Failure.STEP_TIMEOUT, str(error)) from None
        except PoolProcessDied as error:
            raise failure(Failure.POOL_PROCESS_DIED, str(error)) from None

    @staticmethod
    def _invalid(error: llm.InvalidAnswer, request: contracts.LlmGenerateInput) -> ApplicationError:
        attempt = activity.info().attempt
        final = attempt >= request.invalid_output_attempts
        return failure(
            Failure.LLM_INVALID_OUTPUT,
            f"the model's answer failed validation on attempt {attempt}: {error}",
            non_retryable=final,
        )


class _Pace:
    """Requests of one guideline no faster than the provider's limit: the task queue's limit
    counts activities, and one activity may send several requests."""

    def __init__(self, per_second: float) -> None:
        self.gap = 1.0 / per_second if per_second > 0 else 0.0
        self.last: float | None = None

    async def wait(self, spent: Spent) -> None:
        loop = asyncio.get_running_loop()
        if self.last is not None:
            delay = self.last + self.gap - loop.time()
            if delay > 0:
                await _heartbeating(asyncio.sleep(delay), spent)
        self.last = loop.time()


@dataclasses.dataclass
class _Run:
    """One attempt's state: the activity object is shared by concurrent attempts."""

    guideline: ParsedGuideline
    sha: str
    model: str
    base_url: str
    request: contracts.LlmGenerateInput
    spent: Spent
    pace: _Pace

    @property
    def wording_gate(self) -> bool:
        """Wording findings of quality control reject answers, except on the last attempt:
        then they go to review, as for the offline generator, rather than fail the
        guideline (a model may keep a wording the gate dislikes; fidelity stays strict)."""
        return activity.info().attempt < self.request.invalid_output_attempts


async def complete(
    http: httpx.AsyncClient, settings: Settings, base_url: str, body: dict[str, Any]
) -> llm.Completion:
    """One ``POST /chat/completions``; every failure becomes a typed ApplicationError.

    Outside the activity too, so that a benchmark's other runner asks the same way."""
    headers = {"Content-Type": "application/json"}
    if settings.llm_api_key is not None:
        headers["Authorization"] = f"Bearer {settings.llm_api_key.get_secret_value()}"
    try:
        response = await http.post(
            f"{base_url.rstrip('/')}/chat/completions",
            json=body,
            headers=headers,
            timeout=settings.llm_timeout_seconds,
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        raise failure(
            Failure.LLM_UNAVAILABLE, f"language model unreachable: {type(error).__name__}"
        ) from None
    if response.status_code != 200:
        raise _failure_for(response)
    try:
        return llm.parse_completion(response.json())
    except ValueError:
        raise failure(Failure.LLM_INVALID_OUTPUT, "the model's answer is not JSON") from None
    except llm.InvalidAnswer as error:
        raise failure(Failure.LLM_INVALID_OUTPUT, f"unusable answer: {error}") from None


async def _heartbeating(call: Awaitable[T], spent: Spent) -> T:
    """Await ``call`` while heartbeating, so a lost worker is noticed before the timeout."""
    task = asyncio.ensure_future(call)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=HEARTBEAT_EVERY.total_seconds())
            if done:
                return task.result()
            spent.beat()
    finally:
        task.cancel()


def _retry_after(value: str) -> timedelta | None:
    """``Retry-After`` as seconds or an HTTP date, capped; None when absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    try:
        delay = timedelta(seconds=float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        delay = when - datetime.now(UTC)
    return max(timedelta(0), min(delay, MAX_RETRY_AFTER))


def _failure_for(response: httpx.Response) -> ApplicationError:
    """Busy or failing servers are retried (after Retry-After when given); a refused
    request (bad key, unknown model, bad body) fails for good. No body is echoed: it may
    quote the prompt."""
    status = response.status_code
    transient = status in (408, 409, 425, 429) or status >= 500
    kind = (
        (Failure.LLM_RATE_LIMITED if status == 429 else Failure.LLM_UNAVAILABLE)
        if transient
        else Failure.LLM_REJECTED
    )
    return failure(
        kind,
        f"language model answered HTTP {status}",
        next_retry_delay=_retry_after(response.headers.get("Retry-After", "")),
    )
