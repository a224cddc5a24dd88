"""The guideline pipeline's activities: load by reference, run the domain step, store."""

from __future__ import annotations

import uuid

from temporalio import activity

from activities import cpu
from activities.bookkeeping import record_stage_update, required, start_step, store_pvg
from activities.compat import accepts_positional, decoded
from activities.deps import ActivityDeps
from activities.errors import document_failure
from cpg2pvg import contracts
from cpg2pvg.artifacts import ArtifactKind, ReviewLog
from db import guidelines as store
from domain.errors import DocumentError
from domain.model import ParsedGuideline, PatientVersion


def _step(guideline_id: str, stage: object = None) -> contracts.StepInput:
    """The arguments of runs before typed-activity-inputs: ``(guideline_id[, stage])``."""
    return contracts.StepInput(guideline_id, decoded(contracts.StageUpdate, stage))


def _review(guideline_id: str, decision: object) -> contracts.SaveReviewInput:
    """The arguments of runs before typed-activity-inputs: ``(guideline_id, decision)``."""
    return contracts.SaveReviewInput(guideline_id, decoded(contracts.ReviewDecision, decision))


class PipelineActivities:
    """Each stage loads its inputs and records the stage it starts in one transaction, and
    stores its result in a second."""

    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    @activity.defn(name=contracts.PARSE_DOCUMENT)
    @accepts_positional(_step)
    async def parse_document(self, request: contracts.StepInput) -> contracts.ParseResult:
        gid = uuid.UUID(request.guideline_id)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, request.enter)
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
            raise document_failure(error) from None
        async with self.deps.sessions.begin() as session:
            await store.save_artifact(session, gid, ArtifactKind.PARSED, parsed)
        return contracts.ParseResult(
            title=parsed.title,
            language=parsed.language,
            format=parsed.format,
            pages=parsed.pages,
            sections=len(parsed.sections),
            recommendations=len(parsed.recommendations),
        )

    @activity.defn(name=contracts.GENERATE_PVG)
    @accepts_positional(_step)
    async def generate_pvg(self, request: contracts.StepInput) -> contracts.GenerateResult:
        found = await start_step(
            self.deps.sessions, request, ArtifactKind.PARSED, ArtifactKind.REVIEW
        )
        parsed = required(found, ArtifactKind.PARSED, ParsedGuideline)
        review = found.get(ArtifactKind.REVIEW, ReviewLog) or ReviewLog()
        pvg = await self.deps.run_cpu(cpu.generate_offline, parsed, review.latest_corrections())
        return await store_pvg(self.deps.sessions, uuid.UUID(request.guideline_id), pvg)

    @activity.defn(name=contracts.QUALITY_CONTROL)
    @accepts_positional(_step)
    async def quality_control(self, request: contracts.StepInput) -> contracts.QcResult:
        found = await start_step(self.deps.sessions, request, ArtifactKind.PARSED, ArtifactKind.PVG)
        parsed = required(found, ArtifactKind.PARSED, ParsedGuideline)
        pvg = required(found, ArtifactKind.PVG, PatientVersion)
        report = await self.deps.run_cpu(cpu.quality, parsed, pvg)
        async with self.deps.sessions.begin() as session:
            await store.save_artifact(
                session, uuid.UUID(request.guideline_id), ArtifactKind.QC, report
            )
        return contracts.QcResult(
            outcome=report.outcome,
            # Chinese text has no FKGL: English formulas are never applied to it.
            fkgl=report.readability.fkgl if report.readability else None,
            findings=len(report.findings),
            errors=sum(1 for f in report.findings if f.severity == "error"),
        )

    @activity.defn(name=contracts.SAVE_REVIEW)
    @accepts_positional(_review)
    async def save_review(self, request: contracts.SaveReviewInput) -> None:
        """Keep every review decision, in order; the latest corrections feed generation."""
        gid = uuid.UUID(request.guideline_id)
        async with self.deps.sessions.begin() as session:
            review = await store.load_artifact(session, gid, ArtifactKind.REVIEW, ReviewLog)
            review = review or ReviewLog()
            if request.decision not in review.decisions:
                review.decisions.append(request.decision)
            await store.save_artifact(session, gid, ArtifactKind.REVIEW, review)

    @activity.defn(name=contracts.RECORD_STAGE)
    async def record_stage(self, update: contracts.StageUpdate) -> None:
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, update)
