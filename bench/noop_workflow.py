"""The no-op chain's workflow and activity, alone in a module: the workflow sandbox imports
it afresh, so it imports nothing but temporalio."""

from __future__ import annotations

from datetime import timedelta

from temporalio import activity, workflow


@activity.defn
async def noop_step(name: str) -> str:
    return name


@workflow.defn
class NoopChain:
    """Four activities one after the other, as the pipeline's parse, generate, QC, record."""

    @workflow.run
    async def run(self, name: str) -> str:
        for step in ("parse", "generate", "quality", "notify"):
            name = await workflow.execute_activity(
                noop_step, f"{name}:{step}", start_to_close_timeout=timedelta(seconds=60)
            )
        return name
