"""A Chinese guideline through the whole workflow: Chinese measures only, never FKGL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.settings import Settings
from db import guidelines as store
from tests.workflows.helpers import make_worker, new_guideline, start

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "zh_hypertension.md"


async def test_chinese_guideline_completes_with_chinese_measures_only(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    guideline = await new_guideline(sessions, FIXTURE.read_bytes(), "高血压指南.md")
    assert guideline.language == "auto", "the language is detected, not given"
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        result = await handle.result()

    assert result.status == "completed"
    async with sessions() as session:
        parsed = await store.load_artifact(session, guideline.id, "parsed")
        pvg = await store.load_artifact(session, guideline.id, "pvg")
        qc = await store.load_artifact(session, guideline.id, "qc")
    assert parsed and pvg and qc
    assert parsed["language"] == "zh" and len(parsed["recommendations"]) == 4
    assert pvg["language"] == "zh" and pvg["readability"] is None
    assert [r["direction"] for r in pvg["recommendations"]] == ["for", "for", "for", "against"]
    assert "140/90" in pvg["recommendations"][1]["text"]
    assert qc["outcome"] == "pass"
    assert qc["readability"] is None and qc["source_readability"] is None
    assert not any("FKGL" in f["message"] for f in qc["findings"])
