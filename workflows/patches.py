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

# Runs started after this change upsert the Stage search attribute only where the run
# waits or ends (needs_review, done); it starts as `queued` with the run. The stages in
# between are in PostgreSQL, which the API and the Web UI's details show: each upsert was a
# history event and a visibility write, three per guideline for nothing anyone queried.
# Deprecate (workflow.deprecate_patch) once no run started before this change is open (at
# most the review timeout, 7 days, plus a day of retries after the deploy); then remove
# the per-stage upsert and the recorded histories that need it.
STAGE_SEARCH_ATTRIBUTE_AT_ENDS = "stage-search-attribute-at-ends"
