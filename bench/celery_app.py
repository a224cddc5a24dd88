"""The stage functions as Celery tasks, for the comparison with the Celery + Redis design.

Late acknowledgement (a task is acked only after it ran, and redelivered if its worker dies)
is Celery's nearest to Temporal's durability. JSON, Celery's default, carries the results
(as JSON payloads do in Temporal); the document travels as a latin-1 string, losslessly.
``generate_llm`` asks the language model as the worker's provider does (the same prompts,
request and checks; ``CPG2PVG_LLM_*`` settings), for bench/llm_batch.py.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
from celery import Celery

from activities import cpu
from activities.llm import complete
from cpg2pvg.settings import get_settings
from domain import llm
from domain.model import ParsedGuideline, PatientVersion

app = Celery(
    "cpg2pvg_bench",
    broker=os.environ.get("CPG2PVG_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
    backend=os.environ.get("CPG2PVG_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
)
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_expires=3600,
    broker_connection_retry_on_startup=True,
)


@app.task(name="bench.parse")
def parse(content: str, filename: str, language: str, pages: int, expanded: int) -> dict:
    parsed = cpu.parse(content.encode("latin-1"), filename, language, pages, expanded)
    return parsed.model_dump(mode="json")


@app.task(name="bench.generate")
def generate(parsed: dict[str, Any]) -> dict[str, Any]:
    pvg = cpu.generate_offline(ParsedGuideline.model_validate(parsed), {})
    return {"parsed": parsed, "pvg": pvg.model_dump(mode="json")}


@app.task(name="bench.quality")
def quality(both: dict[str, Any]) -> dict[str, Any]:
    report = cpu.quality(
        ParsedGuideline.model_validate(both["parsed"]), PatientVersion.model_validate(both["pvg"])
    )
    return report.model_dump(mode="json")


@app.task(name="bench.generate_llm")
def generate_llm(parsed: dict[str, Any]) -> dict[str, Any]:
    """The patient version from the language model: each part asked for, checked, merged."""
    settings = get_settings()
    model, base_url = settings.llm_model or "", settings.llm_base_url or ""
    guideline = ParsedGuideline.model_validate(parsed)

    async def ask() -> list[tuple[llm.Part, str]]:
        answers = []
        async with httpx.AsyncClient() as http:
            for part in llm.plan_parts(guideline):
                body = llm.request_body(guideline, model, part, ())
                completion = await complete(http, settings, base_url, body)
                llm.check_part(guideline, part, completion.content)
                answers.append((part, completion.content))
        return answers

    pvg = llm.to_patient_version(guideline, asyncio.run(ask()), model)
    return {"parsed": parsed, "pvg": pvg.model_dump(mode="json")}
