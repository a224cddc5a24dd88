"""Chinese guidelines through the whole workflow: every labelled statement stored with its
level and direction, a Chinese patient version, and Chinese measures in QC (never FKGL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import guidelines as store
from tests.workflows.helpers import make_worker, new_guideline, start

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LABELS = Path(__file__).resolve().parents[2] / "bench" / "labels" / "zh"
HEADINGS = ["摘要", "这份指南讲什么", "主要建议", "需要考虑的事", "可以问医生的问题",
            "需要了解的词", "声明"]


@pytest.mark.parametrize("name", ["zh_hypertension", "zh_stroke"])
async def test_chinese_guideline_through_the_workflow(
    name: str,
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    truth = json.loads((LABELS / f"{name}.json").read_text(encoding="utf-8"))
    content = (FIXTURES / truth["file"]).read_bytes()
    guideline = await new_guideline(sessions, content, "指南.md")
    assert guideline.language == "auto", "the language is detected, not given"
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        result = await handle.result()

    assert result.status == "completed"
    async with sessions() as session:
        parsed = await store.load_artifact_json(session, guideline.id, ArtifactKind.PARSED)
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        qc = await store.load_artifact_json(session, guideline.id, ArtifactKind.QC)
    assert parsed and pvg and qc
    labels = truth["recommendations"]
    assert parsed["language"] == "zh" and len(parsed["recommendations"]) == len(labels)
    got = [(r["grade"], r["strength_level"], r["direction"]) for r in pvg["recommendations"]]
    assert got == [(r["grade"], r["strength_level"], r["direction"]) for r in labels]
    for label, rec in zip(labels, pvg["recommendations"], strict=True):
        assert all(number in rec["text"] for number in label["numbers"]), rec["text"]

    assert pvg["language"] == "zh" and pvg["readability"] is None
    assert [s["heading"] for s in pvg["sections"]] == HEADINGS
    assert 0 < len(pvg["summary"]) <= 200 and "您" in pvg["sections"][1]["body"]
    assert sum("您" in r["text"] for r in pvg["recommendations"]) >= len(labels) * 0.6
    words = pvg["sections"][HEADINGS.index("需要了解的词")]["body"]
    assert all(f"**{g['term']}**" in words for g in pvg["glossary"])
    assert "不能代替" in pvg["sections"][-1]["body"]

    assert qc["outcome"] == "pass", qc["findings"]
    assert qc["readability"] is None and qc["source_readability"] is None
    assert qc["chinese_readability"] == pvg["chinese_readability"]
    assert qc["chinese_readability"]["avg_sentence_chars"] > 0
    assert not any("FKGL" in f["message"] for f in qc["findings"])
    assert not [f for f in qc["findings"] if f["severity"] == "error"]
    assert not [f for f in qc["findings"] if f["severity"] == "warning"
                and not (f["check"] == "structure" and "missing" in f["message"])]
