"""The guideline pipeline's activities: load by reference, run the domain step, store."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities import cpu
from activities.deps import ActivityDeps
from activities.errors import non_retryable
from cpg2pvg import contracts
from db import guidelines as store
from domain.errors import DocumentError


class PipelineActivities:
    """Each stage loads its inputs and records the stage it starts in one transaction, and
    stores its result in a second."""

    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    async def _start(
        self,
        guideline_id: uuid.UUID,
        stage: contracts.StageUpdate | None,
        *kinds: str,
        optional: tuple[str, ...] = (),
    ) -> dict[str, dict[str, Any]]:
        """Record the stage (when the workflow left that to us) and load earlier results:
        every one of ``kinds``, and those of ``optional`` that exist."""
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, stage)
            artifacts = await store.load_artifacts(session, guideline_id, *kinds, *optional)
        for kind in kinds:
            if kind not in artifacts:
                # The previous step's result is gone (cleaned up, or a bug): retrying
                # cannot help.
                raise ApplicationError(
                    f"the {kind} result of guideline {guideline_id} is missing",
                    type="missing_artifact",
                    non_retryable=True,
                )
        return artifacts

    @activity.defn(name=contracts.PARSE_DOCUMENT)
    async def parse_document(
        self, guideline_id: str, stage: contracts.StageUpdate | None = None
    ) -> contracts.ParseResult:
        gid = uuid.UUID(guideline_id)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, stage)
            guideline, content = await store.load_document(session, gid)
            filename, language = guideline.filename, guideline.language
        settings = self.deps.settings
        try:
            parsed = await self.deps.run_cpu(
                cpu.parse,
                content,
                filename,
                language,
                settings.max_pdf_pages,
                settings.max_expanded_bytes,
            )
        except DocumentError as error:
            raise non_retryable(error) from None
        async with self.deps.sessions.begin() as session:
            await store.save_artifact(session, gid, "parsed", parsed)
        return contracts.ParseResult(
            title=parsed["title"],
            language=parsed["language"],
            format=parsed["format"],
            pages=parsed.get("pages"),
            sections=len(parsed["sections"]),
            recommendations=len(parsed["recommendations"]),
        )

    @activity.defn(name=contracts.GENERATE_PVG)
    async def generate_pvg(
        self, guideline_id: str, stage: contracts.StageUpdate | None = None
    ) -> contracts.GenerateResult:
        gid = uuid.UUID(guideline_id)
        found = await self._start(gid, stage, "parsed", optional=("review",))
        corrections = latest_corrections(found.get("review"))
        pvg = await self.deps.run_cpu(cpu.generate_offline, found["parsed"], corrections)
        return await store_pvg(self.deps, gid, pvg)

    @activity.defn(name=contracts.QUALITY_CONTROL)
    async def quality_control(
        self, guideline_id: str, stage: contracts.StageUpdate | None = None
    ) -> contracts.QcResult:
        gid = uuid.UUID(guideline_id)
        found = await self._start(gid, stage, "parsed", "pvg")
        report = await self.deps.run_cpu(cpu.quality, found["parsed"], found["pvg"])
        async with self.deps.sessions.begin() as session:
            await store.save_artifact(session, gid, "qc", report)
        findings = report["findings"]
        return contracts.QcResult(
            outcome=report["outcome"],
            # Chinese text has no FKGL: English formulas are never applied to it.
            fkgl=report["readability"]["fkgl"] if report.get("readability") else None,
            findings=len(findings),
            errors=sum(1 for f in findings if f["severity"] == "error"),
        )

    @activity.defn(name=contracts.SAVE_REVIEW)
    async def save_review(self, guideline_id: str, decision: contracts.ReviewDecision) -> None:
        """Keep every review decision, in order; the latest corrections feed generation."""
        gid = uuid.UUID(guideline_id)
        entry = dataclasses.asdict(decision)
        async with self.deps.sessions.begin() as session:
            review = await store.load_artifact(session, gid, "review") or {"decisions": []}
            if entry not in review["decisions"]:
                review["decisions"].append(entry)
            await store.save_artifact(session, gid, "review", review)

    @activity.defn(name=contracts.RECORD_STAGE)
    async def record_stage(self, update: contracts.StageUpdate) -> None:
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, update)


async def record_stage_update(
    session: AsyncSession,
    update: contracts.StageUpdate | None,
    *,
    only_after: contracts.StageUpdate | None = None,
) -> None:
    """Mirror a workflow stage to the database (nothing when the workflow recorded it).

    ``only_after``: record it only while the guideline is still in that state, so a step
    the workflow abandoned (cancelled while it ran) cannot overwrite the outcome.
    """
    if update is None:
        return
    try:
        await store.record_stage(
            session,
            uuid.UUID(update.guideline_id),
            status=update.status,
            stage=update.stage,
            progress=update.progress,
            error_code=update.error_code,
            error_message=update.error_message,
            title=update.title,
            final=update.stage == "done",
            only_from=(only_after.status, only_after.stage) if only_after else None,
        )
    except LookupError as error:
        # Deleted under a running workflow: no retry brings it back.
        raise ApplicationError(str(error), type="guideline_not_found", non_retryable=True) from None


def latest_corrections(review: dict[str, Any] | None) -> dict[str, str]:
    """The reviewer's corrections from the latest decision; a reject with them regenerates."""
    if not review:
        return {}
    corrections: dict[str, str] = review["decisions"][-1].get("corrections", {})
    return corrections


async def store_pvg(
    deps: ActivityDeps, guideline_id: uuid.UUID, pvg: dict[str, Any]
) -> contracts.GenerateResult:
    """Keep the patient version (whatever made it) and summarise it for the workflow."""
    async with deps.sessions.begin() as session:
        await store.save_artifact(session, guideline_id, "pvg", pvg)
    return contracts.GenerateResult(
        generator=pvg["generator"],
        sections=len(pvg["sections"]),
        recommendations=len(pvg["recommendations"]),
    )
