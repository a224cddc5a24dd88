"""Replay workflow histories against this build's workflow code, before deploying it.

A history that no longer replays means runs open on the cluster would fail their next
workflow task on this build (nondeterminism): the change needs ``workflow.patched``. The
histories come from files (``temporal workflow show --output json``) or straight from the
cluster (by workflow id, or every run a visibility query matches).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import Client, WorkflowHistory
from temporalio.converter import DataConverter
from temporalio.worker import Replayer

from workflows.registry import WORKFLOWS


@dataclass(frozen=True)
class Outcome:
    source: str
    """The file, or the workflow id, the history came from."""
    run_id: str
    error: str | None
    """Why it did not replay; None when it did."""


class UnreadableHistory(ValueError):
    pass


def read_file(path: Path) -> WorkflowHistory:
    """A history exported as JSON by the ``temporal`` CLI or the Web UI."""
    try:
        text = path.read_text(encoding="utf-8")
        history = WorkflowHistory.from_json(path.stem, text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, KeyError) as error:
        raise UnreadableHistory(f"{path}: not a workflow history ({error})") from None
    if not history.events:
        raise UnreadableHistory(f"{path}: the history has no events")
    return history


async def from_cluster(
    client: Client, workflow_ids: Iterable[str], query: str | None, limit: int
) -> AsyncIterator[WorkflowHistory]:
    for workflow_id in workflow_ids:
        yield await client.get_workflow_handle(workflow_id).fetch_history()
    if query is not None:
        async for history in client.list_workflows(query, limit=limit).map_histories():
            yield history


async def each(histories: Iterable[WorkflowHistory]) -> AsyncIterator[WorkflowHistory]:
    for history in histories:
        yield history


async def replay(
    histories: AsyncIterator[WorkflowHistory], data_converter: DataConverter
) -> list[Outcome]:
    """Each history replayed in turn with every workflow type the worker runs."""
    replayer = Replayer(workflows=list(WORKFLOWS), data_converter=data_converter)
    outcomes = []
    async with replayer.workflow_replay_iterator(histories) as results:
        async for result in results:
            failure = result.replay_failure
            outcomes.append(
                Outcome(
                    source=result.history.workflow_id,
                    run_id=result.history.run_id,
                    error=f"{type(failure).__name__}: {failure}" if failure else None,
                )
            )
    return outcomes
