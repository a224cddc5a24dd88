"""Workflow patches that span workflow types.

Each workflow module declares its own patches beside the code they branch; this one is
taken by every workflow type whose activity calls it changed.
"""

from __future__ import annotations

# Runs started after this change call every activity with one dataclass input
# (``StepInput``, ``SaveReviewInput``, ``BatchPageInput``, ``FinishBatchInput``,
# ``GuidelineRef``, ``CloseDeliveryInput``, ``RecordConditionsInput``,
# ``SendAlertInput``), where before they passed positional arguments. Activities accept
# both meanwhile (activities/compat.py).
# Deprecate (workflow.deprecate_patch) once no run started before this change is open: a
# guideline run lasts at most the review timeout (7 days) plus a day of retries, a batch
# as long as its slowest child, a maintenance run 20 minutes, a webhook delivery a day.
# Then remove the older calls, activities/compat.py and the recorded histories that need
# them.
TYPED_ACTIVITY_INPUTS = "typed-activity-inputs"

# Runs started after this change send their CPU steps (parse, generate, quality control)
# to the CPU queue (contracts.cpu_task_queue), whose workers hold as many slots as pool
# processes; before, they went to the workflow's own queue, whose workers still serve
# them for those runs.
# Deprecate (workflow.deprecate_patch) once no guideline run started before this change is
# open: the review timeout (7 days) plus a day of retries. Then remove the older call, the
# CPU activities' registration on the orchestration worker (worker.py, activities_for)
# and the recorded histories that need them.
CPU_STEPS_OWN_QUEUE = "cpu-steps-own-queue"
