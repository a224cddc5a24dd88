"""Generate a patient version with an OpenAI-compatible language model.

A thin adapter around :mod:`domain.llm`: load the parsed guideline by reference, answer
from the cache when this document was already paid for, else ``POST /chat/completions``
once, validate (in the process pool), store the result with its tokens and cost.
Waiting and retrying belong to the retry policy (``policies.LLM_GENERATION``): a busy
provider's ``Retry-After`` becomes the next retry's delay, never a sleep here. Guideline
text and answers are never logged.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.deps import HEARTBEAT_EVERY, ActivityDeps
from activities.pipeline import latest_corrections, record_stage_update, store_pvg
from cpg2pvg import contracts
from db import guidelines as store
from db import llm_cache
from domain import llm
from domain.model import ParsedGuideline, PatientVersion
from domain.review import apply_corrections

log = logging.getLogger("cpg2pvg.llm")

T = TypeVar("T")
INVALID_OUTPUT = "llm_invalid_output"
MAX_RETRY_AFTER = timedelta(hours=1)


def validate(parsed: dict[str, Any], content: str, generator: str) -> dict[str, Any]:
    """Process-pool entry point: the answer as a patient version, or InvalidAnswer."""
    guideline = ParsedGuideline.model_validate(parsed)
    return llm.to_patient_version(guideline, content, generator).model_dump(mode="json")


class LlmActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    @activity.defn(name=contracts.GENERATE_PVG_LLM)
    async def generate_pvg_llm(
        self, request: contracts.LlmGenerateInput
    ) -> contracts.GenerateResult:
        settings = self.deps.settings
        model, base_url = settings.llm_model, settings.llm_base_url
        if not model or not base_url:
            raise ApplicationError(
                "CPG2PVG_LLM_BASE_URL and CPG2PVG_LLM_MODEL must be set for the openai generator",
                type="llm_not_configured",
                non_retryable=True,
            )
        gid = uuid.UUID(request.guideline_id)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, request.enter)
            guideline = await store.get_guideline(session, gid)
            found = await store.load_artifacts(session, gid, "parsed", "review")
            parsed, review = found.get("parsed"), found.get("review")
            if guideline is None or parsed is None:
                raise ApplicationError(
                    f"guideline {gid} or its parsed result is missing",
                    type="missing_artifact",
                    non_retryable=True,
                )
            key = (guideline.document_sha256, llm.PROMPT_VERSION, model)
            cached = await llm_cache.lookup(session, *key)

        pvg: dict[str, Any] | None = None
        usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0, "cost": 0.0,
                 "cached": True}
        if cached is not None:
            try:
                pvg = await self.deps.run_cpu(validate, parsed, cached.content, model)
            except llm.InvalidAnswer:
                pvg = None  # parsed differently since: ask again, and replace the entry
        if pvg is None:
            completion = await self._complete(parsed, model, base_url)
            try:
                pvg = await self.deps.run_cpu(validate, parsed, completion.content, model)
            except llm.InvalidAnswer as error:
                raise self._invalid(error, request) from None
            tokens = completion.prompt_tokens + completion.completion_tokens
            usage = {
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
                "total_tokens": tokens,
                "cost": llm.cost(completion.prompt_tokens, completion.completion_tokens,
                                 settings.llm_price_per_1k_input,
                                 settings.llm_price_per_1k_output),
                "cached": False,
            }
            async with self.deps.sessions.begin() as session:
                await llm_cache.store(
                    session, *key, content=completion.content,
                    prompt_tokens=completion.prompt_tokens,
                    completion_tokens=completion.completion_tokens,
                )
            log.info("language model answered guideline %s: %d tokens", gid, tokens)

        corrections = latest_corrections(review)
        if corrections:
            pvg = apply_corrections(PatientVersion.model_validate(pvg), corrections).model_dump(
                mode="json"
            )
        # The daily usage job reads pvg.usage (db/maintenance.py: total_tokens and cost).
        pvg["usage"] = usage
        return await store_pvg(self.deps, gid, pvg)

    async def _complete(
        self, parsed: dict[str, Any], model: str, base_url: str
    ) -> llm.Completion:
        """One ``POST /chat/completions``; every failure becomes a typed ApplicationError."""
        settings = self.deps.settings
        headers = {"Content-Type": "application/json"}
        if settings.llm_api_key is not None:
            headers["Authorization"] = f"Bearer {settings.llm_api_key.get_secret_value()}"
        body = llm.request_body(ParsedGuideline.model_validate(parsed), model)
        try:
            response = await _heartbeating(
                self.deps.http.post(
                    f"{base_url.rstrip('/')}/chat/completions",
                    json=body,
                    headers=headers,
                    timeout=settings.llm_timeout_seconds,
                    follow_redirects=False,
                )
            )
        except httpx.HTTPError as error:
            raise ApplicationError(
                f"language model unreachable: {type(error).__name__}", type="llm_unavailable"
            ) from None
        if response.status_code != 200:
            raise _failure_for(response)
        try:
            return llm.parse_completion(response.json())
        except ValueError:
            raise ApplicationError("the model's answer is not JSON", type=INVALID_OUTPUT) from None
        except llm.InvalidAnswer as error:
            raise ApplicationError(f"unusable answer: {error}", type=INVALID_OUTPUT) from None

    @staticmethod
    def _invalid(error: llm.InvalidAnswer, request: contracts.LlmGenerateInput) -> ApplicationError:
        attempt = activity.info().attempt
        final = attempt >= request.invalid_output_attempts
        return ApplicationError(
            f"the model's answer failed validation on attempt {attempt}: {error}",
            type=INVALID_OUTPUT,
            non_retryable=final,
        )


async def _heartbeating(call: Awaitable[T]) -> T:
    """Await ``call`` while heartbeating, so a lost worker is noticed before the timeout."""
    task = asyncio.ensure_future(call)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=HEARTBEAT_EVERY.total_seconds())
            if done:
                return task.result()
            activity.heartbeat()
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
    return ApplicationError(
        f"language model answered HTTP {status}",
        type=("llm_rate_limited" if status == 429 else "llm_unavailable") if transient
        else "llm_rejected",
        non_retryable=not transient,
        next_retry_delay=_retry_after(response.headers.get("Retry-After", "")),
    )
