"""Every ``workflow.patched`` id, the one list, each with the condition for its next step.

A patch lives through three steps (README "Rolling out a workflow change"):

1. patched: the new code runs under ``if workflow.patched(ID)``, the old code in the
   ``else``; a run started before the change replays the old path, a new run takes the new.
2. deprecated: once no run that started before the change is open (the condition beside
   each id), ``workflow.patched(ID)`` becomes ``workflow.deprecate_patch(ID)`` and the
   old path goes; the recordings that need the old path go with it.
3. removed: once no run that started before the deprecation is open, the
   ``deprecate_patch`` call goes and the id is deleted from this list.

Guideline runs are open at most the review timeout (7 days) plus a day of retries; batch
runs as long as their slowest child; webhook deliveries a day; maintenance runs 20 minutes.
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

# -- GuidelineWorkflow ------------------------------------------------------------------

# Runs started after this change let each stage's activity record the stage it starts (and
# the notification the final state) in its own transaction, instead of a local activity
# per stage: half the workflow activations and five fewer database round trips.
# Deprecate (workflow.deprecate_patch) once no run started before it is open (they all were
# before outcome-before-delivery too, so: at most the review timeout plus a day of
# retries after that deploy); remove the older path with the recorded histories that
# need it.
STAGE_RECORDED_BY_ACTIVITY = "stage-recorded-by-activity"

# Runs started after this change record their outcome, with its notification, before any
# webhook is sent; the recording activity hands the webhook to a WebhookDelivery workflow
# of its own, which the run does not wait for. A receiver that is down no longer keeps the
# guideline open (and `notifying`) or holds its batch slot. A batch child waiting for
# review tells its batch, which frees the slot meanwhile.
# Deprecate (workflow.deprecate_patch) once no run started before this change is open (at
# most the review timeout plus a day of retries after the deploy); remove the older path
# with the recorded histories that need it.
OUTCOME_BEFORE_DELIVERY = "outcome-before-delivery"

# A cancel that lands while an activity runs reaches the workflow as that activity's
# cancellation; runs after this change end `cancelled` then, as from any other step, where
# before they ended `failed` ("Activity cancelled"), or `completed` when it was the
# notification. Deprecate once no run started before this change is open (as above).
CANCEL_ENDS_CANCELLED = "cancel-ends-cancelled"

# -- BatchWorkflow ----------------------------------------------------------------------

# Runs started after this change start every child that fits in one workflow task, instead
# of one per task: the batch no longer waits a round trip per child before the next.
# Deprecate (workflow.deprecate_patch) once no batch run started before this change is
# open (a batch continues as new every 500 children, and a new run takes the patch);
# remove the older path with the recorded histories that need it.
CHILDREN_STARTED_TOGETHER = "children-started-together"

# Runs started after this change watch an item whose workflow is already running (started
# by a /retry that came first) until it ends, where before the child's start failed the
# whole batch; and they never start a second run of an item whose run completed.
# Deprecate (workflow.deprecate_patch) once no batch run started before this change is
# open; remove the older path with the recorded histories that need it.
STARTED_ELSEWHERE_WATCHED = "started-elsewhere-watched"

# Runs started after this change send their CPU steps (parse, generate, quality control)
# to the CPU queue (contracts.cpu_task_queue), whose workers hold as many slots as pool
# processes; before, they went to the workflow's own queue, whose workers still serve
# them for those runs.
# Deprecate (workflow.deprecate_patch) once no guideline run started before this change is
# open: the review timeout (7 days) plus a day of retries. Then remove the older call, the
# CPU activities' registration on the orchestration worker (worker.py, activities_for)
# and the recorded histories that need them.
CPU_STEPS_OWN_QUEUE = "cpu-steps-own-queue"

# Runs started after this change upsert the Stage search attribute only where the run
# waits or ends (needs_review, done); it starts as `queued` with the run. The stages in
# between are in PostgreSQL, which the API and the Web UI's details show: each upsert was a
# history event and a visibility write, three per guideline for nothing anyone queried.
# Deprecate (workflow.deprecate_patch) once no run started before this change is open (at
# most the review timeout, 7 days, plus a day of retries after the deploy); then remove
# the per-stage upsert and the recorded histories that need it.
STAGE_SEARCH_ATTRIBUTE_AT_ENDS = "stage-search-attribute-at-ends"

# Runs started after this change run quality control and the outcome's record (with its
# notification) as local activities on the workflow's own worker: no activity task through
# the server's queue and one workflow task fewer each. Both are short, idempotent and
# need no heartbeat; parse stays a regular activity on the CPU queue (a large document's
# parse may outlast a workflow task and needs its heartbeat).
# Deprecate (workflow.deprecate_patch) once no guideline run started before this change is
# open (the review timeout, 7 days, plus a day of retries after the deploy); then remove
# the regular-activity calls of both steps and the recorded histories that need them.
SHORT_STEPS_LOCAL = "short-steps-local"

# Runs started after this change parse a document of at most
# policies.LOCAL_PARSE_MAX_BYTES (its size in GuidelineInput.document_bytes, set by the
# API and the batch) as a local activity on the workflow's own worker, where before every
# parse went through the CPU queue; larger documents, and runs whose starter did not give
# the size, still do. The patch guards a run whose input has the size but which started
# on a worker before this change (an API deployed first): it parsed on the queue.
# Deprecate (workflow.deprecate_patch) once no guideline run started before this change is
# open (the review timeout, 7 days, plus a day of retries after the deploy); then drop the
# patch check from the small-document branch.
SMALL_PARSE_LOCAL = "small-parse-local"
