"""Queries on guidelines, their documents, artifacts and events."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel
from sqlalchemy import Integer, Select, bindparam, delete, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.contracts import guideline_workflow_id
from cpg2pvg.lifecycle import FINAL_STATUSES
from db.models import Artifact, Document, Guideline, GuidelineEvent


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


async def store_document(session: AsyncSession, content: bytes, media_type: str) -> str:
    """Store content once per hash; return the hash as the document's reference."""
    digest = sha256_hex(content)
    await session.execute(
        insert(Document)
        .values(sha256=digest, content=content, size=len(content), media_type=media_type)
        .on_conflict_do_nothing(index_elements=[Document.sha256])
    )
    return digest


# The document (once per content) and its guideline in one statement and round trip: the
# CTE's row is there when the guideline's foreign key is checked, at the statement's end.
_CREATE = text(
    """
    WITH document AS (
        INSERT INTO documents (sha256, content, size, media_type)
        VALUES (:sha256, :content, :size, :media_type)
        ON CONFLICT (sha256) DO NOTHING
    )
    INSERT INTO guidelines (
        id, owner, title, filename, document_sha256, media_type, language, priority,
        webhook_url, review_required, idempotency_key, batch_id, workflow_id,
        status, stage, progress
    ) VALUES (
        :id, :owner, :title, :filename, :sha256, :media_type, :language, :priority,
        :webhook_url, :review_required, :idempotency_key, :batch_id, :workflow_id,
        :status, :stage, :progress
    )
    RETURNING created_at, updated_at
    """
)


async def create_guideline(
    session: AsyncSession,
    *,
    owner: str,
    content: bytes,
    media_type: str,
    filename: str | None = None,
    title: str | None = None,
    priority: str = "normal",
    language: str = "auto",
    webhook_url: str | None = None,
    review_required: bool = False,
    idempotency_key: str | None = None,
    batch_id: uuid.UUID | None = None,
    sha256: str | None = None,
) -> Guideline:
    """Store the document (once per content) and a queued guideline that refers to it.

    ``sha256``: the content's digest when the caller has it already (a 50 KB upload is
    hashed once, not twice). The guideline returned is not in the session: the values as
    stored, for reading."""
    guideline_id = uuid.uuid4()
    values: dict[str, Any] = {
        "id": guideline_id,
        "owner": owner,
        "title": title,
        "filename": filename,
        "media_type": media_type,
        "language": language,
        "priority": priority,
        "webhook_url": webhook_url,
        "review_required": review_required,
        "idempotency_key": idempotency_key,
        "batch_id": batch_id,
        "workflow_id": guideline_workflow_id(str(guideline_id)),
        "status": "queued",
        "stage": "queued",
        "progress": 0,
    }
    digest = sha256 or sha256_hex(content)
    stored = (
        await session.execute(
            _CREATE, {**values, "sha256": digest, "content": content, "size": len(content)}
        )
    ).one()
    return Guideline(
        **values,
        document_sha256=digest,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
    )


async def load_document(session: AsyncSession, guideline_id: uuid.UUID) -> tuple[Guideline, bytes]:
    row = (
        await session.execute(
            select(Guideline, Document.content)
            .join(Document, Document.sha256 == Guideline.document_sha256)
            .where(Guideline.id == guideline_id)
        )
    ).one_or_none()
    if row is None:
        raise LookupError(f"guideline {guideline_id} does not exist")
    return row[0], row[1]


async def get_guideline(
    session: AsyncSession, guideline_id: uuid.UUID, owner: str | None = None
) -> Guideline | None:
    """The guideline, or None when it does not exist or belongs to another owner."""
    query = select(Guideline).where(Guideline.id == guideline_id)
    if owner is not None:
        query = query.where(Guideline.owner == owner)
    return (await session.execute(query)).scalar_one_or_none()


async def lock_guideline(session: AsyncSession, guideline_id: uuid.UUID) -> Guideline | None:
    """The guideline as it is now, locked until the transaction ends (FOR UPDATE)."""
    query = (
        select(Guideline)
        .where(Guideline.id == guideline_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_idempotency_key(session: AsyncSession, owner: str, key: str) -> Guideline | None:
    query = select(Guideline).where(Guideline.owner == owner, Guideline.idempotency_key == key)
    return (await session.execute(query)).scalar_one_or_none()


async def list_guidelines(
    session: AsyncSession,
    *,
    owner: str | None,
    status: str | None = None,
    batch_id: uuid.UUID | None = None,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 50,
) -> list[Guideline]:
    """Newest first; ``before`` is the (created_at, id) of the last row of the previous page."""
    query = _listing(select(Guideline), owner, status, batch_id, before, limit)
    return list((await session.execute(query)).scalars())


VIEW_COLUMNS = (
    Guideline.id,
    Guideline.title,
    Guideline.status,
    Guideline.stage,
    Guideline.progress,
    Guideline.priority,
    Guideline.workflow_id,
    Guideline.batch_id,
    Guideline.created_at,
    Guideline.updated_at,
    Guideline.error_code,
    Guideline.error_message,
    Guideline.qc,
)
"""What the API shows of a guideline: read as columns, one statement, no ORM objects."""


class GuidelineView(NamedTuple):
    """A guideline's ``VIEW_COLUMNS``, in their order."""

    id: uuid.UUID
    title: str | None
    status: str
    stage: str
    progress: int
    priority: str
    workflow_id: str
    batch_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    error_code: str | None
    error_message: str | None
    qc: dict[str, Any] | None


@dataclass(frozen=True)
class _DriverStatement:
    """A statement compiled once to the driver's own SQL and parameter order.

    The API's reads run it on the pooled connection's asyncpg connection itself: SQLAlchemy's
    execution around a one-row read (execution context, cursor adapter, result and row
    processing) was about a third of a GET's CPU. JSON columns are still decoded by the
    codec the dialect registers on each connection (db/session.py's deserializer)."""

    sql: str
    names: tuple[str, ...]

    @classmethod
    def of(cls, statement: Select[Any]) -> _DriverStatement:
        compiled = statement.compile(dialect=_DIALECT)
        return cls(compiled.string, tuple(compiled.positiontup or ()))

    async def fetch(
        self, connection: AsyncConnection, params: dict[str, Any]
    ) -> list[GuidelineView]:
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection
        records = await driver.fetch(self.sql, *(params[name] for name in self.names))
        return [GuidelineView._make(record) for record in records]


_DIALECT = asyncpg_dialect.dialect()
# Built once: building a statement per request was a tenth of a read's CPU.
_VIEW = select(*VIEW_COLUMNS).where(Guideline.id == bindparam("guideline_id"))
_VIEW_OWNED = _VIEW.where(Guideline.owner == bindparam("owner"))
_VIEW_SQL = _DriverStatement.of(_VIEW)
_VIEW_OWNED_SQL = _DriverStatement.of(_VIEW_OWNED)


async def view_guideline(
    connection: AsyncConnection, guideline_id: uuid.UUID, owner: str | None = None
) -> GuidelineView | None:
    """The guideline's ``VIEW_COLUMNS``; None when it does not exist or is another owner's."""
    if owner is None:
        rows = await _VIEW_SQL.fetch(connection, {"guideline_id": guideline_id})
    else:
        params = {"guideline_id": guideline_id, "owner": owner}
        rows = await _VIEW_OWNED_SQL.fetch(connection, params)
    return rows[0] if rows else None


async def list_guideline_views(
    connection: AsyncConnection,
    *,
    owner: str | None,
    status: str | None = None,
    batch_id: uuid.UUID | None = None,
    before: tuple[datetime, uuid.UUID] | None = None,
    limit: int = 50,
) -> list[GuidelineView]:
    """``list_guidelines`` as ``VIEW_COLUMNS``: a page in one statement."""
    params: dict[str, Any] = {"owner": owner, "status": status, "batch_id": batch_id}
    if before is not None:
        params["created_at"], params["last_id"] = before
    shape = (owner is not None, status is not None, batch_id is not None, before is not None)
    query = _VIEWS.get(shape)
    if query is None:
        query = _VIEWS[shape] = _DriverStatement.of(_view_listing(*shape))
    return await query.fetch(connection, {**params, "limit": limit})


_VIEWS: dict[tuple[bool, bool, bool, bool], _DriverStatement] = {}
"""A page's statement per set of filters, built once (as ``_VIEW``)."""


def _view_listing(owner: bool, status: bool, batch_id: bool, before: bool) -> Select[Any]:
    query = select(*VIEW_COLUMNS)
    if owner:
        query = query.where(Guideline.owner == bindparam("owner"))
    if status:
        query = query.where(Guideline.status == bindparam("status"))
    if batch_id:
        query = query.where(Guideline.batch_id == bindparam("batch_id"))
    if before:
        created_at = bindparam("created_at", type_=Guideline.created_at.type)
        last_id = bindparam("last_id", type_=Guideline.id.type)
        query = query.where(
            (Guideline.created_at < created_at)
            | ((Guideline.created_at == created_at) & (Guideline.id < last_id))
        )
    order = (Guideline.created_at.desc(), Guideline.id.desc())
    return query.order_by(*order).limit(bindparam("limit", type_=Integer))


def _listing(
    query: Select[Any],
    owner: str | None,
    status: str | None,
    batch_id: uuid.UUID | None,
    before: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Select[Any]:
    if owner is not None:
        query = query.where(Guideline.owner == owner)
    if status is not None:
        query = query.where(Guideline.status == status)
    if batch_id is not None:
        query = query.where(Guideline.batch_id == batch_id)
    if before is not None:
        created_at, last_id = before
        query = query.where(
            (Guideline.created_at < created_at)
            | ((Guideline.created_at == created_at) & (Guideline.id < last_id))
        )
    return query.order_by(Guideline.created_at.desc(), Guideline.id.desc()).limit(limit)


# Outcomes a workflow run ends in; only a new run (reset_for_retry) leaves them.
_FINAL = sorted(status.value for status in FINAL_STATUSES)


async def record_stage(
    session: AsyncSession,
    guideline_id: uuid.UUID,
    *,
    status: str,
    stage: str,
    progress: int,
    error_code: str | None = None,
    error_message: str | None = None,
    title: str | None = None,
    final: bool = False,
    only_from: tuple[str, str] | None = None,
) -> bool:
    """Move a guideline to a stage; progress never goes backwards.

    Writing the same update twice (an activity retried after a crash) changes nothing but
    an extra event row, which readers collapse. A step of a run the workflow has since
    abandoned (an activity still running after a cancel) must not overwrite what came
    after it: a finished guideline is never moved back to a working state (a new run
    starts from ``queued``, see :func:`reset_for_retry`), and with ``only_from``
    (status, stage) the move happens only from that state. False: it did not happen.
    """
    values: dict[str, Any] = {
        "status": status,
        "stage": stage,
        "progress": func.greatest(Guideline.progress, progress),
        "error_code": error_code,
        "error_message": error_message,
        "updated_at": func.now(),
    }
    if title:
        values["title"] = func.coalesce(Guideline.title, title)
    if final:
        values["completed_at"] = func.now()
    # One statement, one round trip: the UPDATE's stored progress feeds the event row.
    where = [Guideline.id == guideline_id]
    if status not in _FINAL:
        where.append(Guideline.status.not_in(_FINAL))
    if only_from is not None:
        where += [Guideline.status == only_from[0], Guideline.stage == only_from[1]]
    moved = (
        update(Guideline)
        .where(*where)
        .values(**values)
        .returning(Guideline.id, Guideline.progress)
        .cte("moved")
    )
    event = insert(GuidelineEvent).from_select(
        ["guideline_id", "status", "stage", "progress"],
        select(moved.c.id, literal(status), literal(stage), moved.c.progress),
    )
    recorded = await session.execute(event.returning(GuidelineEvent.id))
    if recorded.first() is not None:
        return True
    if await session.scalar(select(Guideline.id).where(Guideline.id == guideline_id)) is None:
        raise LookupError(f"guideline {guideline_id} does not exist")
    return False


async def reset_for_retry(session: AsyncSession, guideline_ids: Sequence[uuid.UUID]) -> None:
    """Back to queued for a fresh run: their results are made again from the document."""
    if not guideline_ids:
        return
    ids = list(guideline_ids)
    await session.execute(delete(Artifact).where(Artifact.guideline_id.in_(ids)))
    await session.execute(
        update(Guideline)
        .where(Guideline.id.in_(ids))
        .values(
            status="queued",
            stage="queued",
            progress=0,
            error_code=None,
            error_message=None,
            completed_at=None,
            qc=None,
            updated_at=func.now(),
        )
    )
    await session.execute(
        insert(GuidelineEvent),
        [
            {"guideline_id": gid, "status": "queued", "stage": "queued", "progress": 0}
            for gid in ids
        ],
    )


M = TypeVar("M", bound=BaseModel)


async def save_artifact(
    session: AsyncSession, guideline_id: uuid.UUID, kind: ArtifactKind, value: BaseModel
) -> None:
    """Store a step's result under its kind, replacing an earlier one (a retried step); a
    quality report's summary also goes on its guideline, where the API reads it."""
    data = value.model_dump(mode="json")
    statement = insert(Artifact).values(guideline_id=guideline_id, kind=kind.value, data=data)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Artifact.guideline_id, Artifact.kind],
            set_={"data": statement.excluded.data, "created_at": func.now()},
        )
    )
    if kind is ArtifactKind.QC:
        await session.execute(
            update(Guideline).where(Guideline.id == guideline_id).values(qc=qc_summary(data))
        )


QC_SUMMARY_FIELDS = ("outcome", "readability", "advice_readability", "chinese_readability")


def qc_summary(report: dict[str, Any]) -> dict[str, Any]:
    """A quality report's JSON as the API shows it (``qc`` of a guideline)."""
    summary = {name: report.get(name) for name in QC_SUMMARY_FIELDS}
    summary["findings"] = report.get("findings", [])
    return summary


async def load_artifact(
    session: AsyncSession, guideline_id: uuid.UUID, kind: ArtifactKind, model: type[M]
) -> M | None:
    """A step's stored result as ``model``; None when there is none."""
    data = await load_artifact_json(session, guideline_id, kind)
    return None if data is None else model.model_validate(data)


async def load_artifact_json(
    session: AsyncSession, guideline_id: uuid.UUID, kind: ArtifactKind
) -> dict[str, Any] | None:
    """A stored result as its JSON, for inspection (tests, operators); code that acts on
    a result reads it typed with ``load_artifact``."""
    query = select(Artifact.data).where(
        Artifact.guideline_id == guideline_id, Artifact.kind == kind.value
    )
    data: dict[str, Any] | None = (await session.execute(query)).scalar_one_or_none()
    return data


class Artifacts:
    """Several stored results of one guideline, read in one query, each read typed."""

    def __init__(self, guideline_id: uuid.UUID, data: dict[str, dict[str, Any]]) -> None:
        self.guideline_id, self._data = guideline_id, data

    def get(self, kind: ArtifactKind, model: type[M]) -> M | None:
        data = self._data.get(kind.value)
        return None if data is None else model.model_validate(data)

    def require(self, kind: ArtifactKind, model: type[M]) -> M:
        """The result a step needs; LookupError when it is gone (cleaned up, or a bug)."""
        found = self.get(kind, model)
        if found is None:
            raise LookupError(f"the {kind} result of guideline {self.guideline_id} is missing")
        return found


async def load_artifacts(
    session: AsyncSession, guideline_id: uuid.UUID, *kinds: ArtifactKind
) -> Artifacts:
    query = select(Artifact.kind, Artifact.data).where(
        Artifact.guideline_id == guideline_id, Artifact.kind.in_([k.value for k in kinds])
    )
    rows = (await session.execute(query)).all()
    return Artifacts(guideline_id, {row.kind: row.data for row in rows})


async def load_artifacts_of(
    session: AsyncSession, guideline_ids: Sequence[uuid.UUID], kind: ArtifactKind, model: type[M]
) -> dict[uuid.UUID, M]:
    """One kind of result of many guidelines in one query (a page of a list)."""
    if not guideline_ids:
        return {}
    query = select(Artifact.guideline_id, Artifact.data).where(
        Artifact.guideline_id.in_(guideline_ids), Artifact.kind == kind.value
    )
    rows = (await session.execute(query)).all()
    return {row.guideline_id: model.model_validate(row.data) for row in rows}


async def events_after(
    session: AsyncSession, guideline_id: uuid.UUID, after_id: int = 0
) -> list[GuidelineEvent]:
    query = (
        select(GuidelineEvent)
        .where(GuidelineEvent.guideline_id == guideline_id, GuidelineEvent.id > after_id)
        .order_by(GuidelineEvent.id)
    )
    return list((await session.execute(query)).scalars())
