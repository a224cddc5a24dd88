"""Every retry policy and timeout of the pipeline, in one place.

Activities are grouped by what can go wrong: document work is CPU-bound and fails for good
on a bad document; bookkeeping is a quick database write; notifications talk to receivers
outside our control and may be down for a while.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from temporalio.common import RetryPolicy

from cpg2pvg.failures import PERMANENT

# Failure types no retry can change: declared once, in cpg2pvg/failures.py, and never
# retried by any policy here (activities raise them non-retryable as well).
NON_RETRYABLE = sorted(failure.value for failure in PERMANENT)


@dataclass(frozen=True)
class ActivityPolicy:
    start_to_close: timedelta
    retry: RetryPolicy
    heartbeat: timedelta | None = None
    schedule_to_close: timedelta | None = None

    def options(self) -> dict[str, Any]:
        """Keyword arguments for ``workflow.execute_activity`` (drop ``heartbeat_timeout`` for
        local activities, which have none)."""
        return {
            "start_to_close_timeout": self.start_to_close,
            "heartbeat_timeout": self.heartbeat,
            "schedule_to_close_timeout": self.schedule_to_close,
            "retry_policy": self.retry,
        }

    def local_options(self) -> dict[str, Any]:
        """Keyword arguments for ``workflow.execute_local_activity``."""
        options = self.options()
        del options["heartbeat_timeout"]
        return options


# The activity heartbeats every 5 s (activities/deps.py), so a worker killed mid-step is
# noticed within 10 s. Eight attempts span about two minutes of back-off: a database restart
# is outlived, while a bug that fails every time still ends the guideline.
DOCUMENT_WORK = ActivityPolicy(
    start_to_close=timedelta(minutes=10),
    heartbeat=timedelta(seconds=10),
    retry=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(minutes=1),
        maximum_attempts=8,
        non_retryable_error_types=NON_RETRYABLE,
    ),
)

BOOKKEEPING = ActivityPolicy(
    start_to_close=timedelta(seconds=30),
    retry=RetryPolicy(
        initial_interval=timedelta(milliseconds=500),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(seconds=30),
        # A database outage must not fail the guideline: keep trying for up to a day.
        maximum_attempts=0,
        non_retryable_error_types=NON_RETRYABLE,
    ),
    schedule_to_close=timedelta(days=1),
)

# One attempt is a database write and one POST bounded by CPG2PVG_WEBHOOK_TIMEOUT_SECONDS
# (10 s): 15 s is enough, and an attempt lost with a killed worker is retried that soon.
NOTIFICATION = ActivityPolicy(
    start_to_close=timedelta(seconds=15),
    retry=RetryPolicy(
        initial_interval=timedelta(seconds=2),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(minutes=10),
        maximum_attempts=0,
        non_retryable_error_types=NON_RETRYABLE,
    ),
    # A receiver down for longer than this gives up; the stored record remains.
    schedule_to_close=timedelta(hours=24),
)

# Language-model calls (activities/llm.py, on their own rate-limited task queue). A
# provider that is busy (429/503) says how long to wait in Retry-After, which overrides the
# back-off; a wrong key or a refused request is not retried. Transient failures are
# retried for up to 6 hours; an answer that fails validation is asked for again, but from
# attempt LLM_INVALID_OUTPUT_ATTEMPTS on it fails the guideline (the model may do better on
# a second try, not forever).
LLM_INVALID_OUTPUT_ATTEMPTS = 3
LLM_GENERATION = ActivityPolicy(
    start_to_close=timedelta(minutes=10),
    heartbeat=timedelta(seconds=30),
    retry=RetryPolicy(
        initial_interval=timedelta(seconds=2),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(minutes=5),
        maximum_attempts=0,
        non_retryable_error_types=NON_RETRYABLE,
    ),
    schedule_to_close=timedelta(hours=6),
)

# Maintenance jobs run again on their schedule, so a run gives up after a few minutes
# rather than blocking the next one (the schedules skip a run while one is in flight).
MAINTENANCE = ActivityPolicy(
    start_to_close=timedelta(minutes=2),
    retry=RetryPolicy(
        initial_interval=timedelta(seconds=1),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(seconds=30),
        maximum_attempts=5,
        non_retryable_error_types=NON_RETRYABLE,
    ),
    schedule_to_close=timedelta(minutes=5),
)

# Alerts to the admin webhook: retried for a while, then left in the notification log.
ALERT = ActivityPolicy(
    start_to_close=timedelta(seconds=30),
    retry=RetryPolicy(
        initial_interval=timedelta(seconds=2),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(seconds=30),
        maximum_attempts=0,
        non_retryable_error_types=NON_RETRYABLE,
    ),
    schedule_to_close=timedelta(minutes=3),
)

# A batch item whose run the batch did not start (a /retry came first) is watched through
# its stored status: read after 5 s, then ever less often, at least every 10 minutes.
ELSEWHERE_POLL_FIRST = timedelta(seconds=5)
ELSEWHERE_POLL_MAX = timedelta(minutes=10)

# A maintenance run that somehow outlives this is ended, so its schedule is not held up.
MAINTENANCE_RUN_TIMEOUT = timedelta(minutes=20)

# A document up to this size is parsed as a local activity on the workflow's own worker
# (SMALL_PARSE_LOCAL): no activity task through the server's queue and one workflow task
# fewer. A parse of bench/recovery.py's guideline, dense with recommendations, took 0.9 s at
# 256 KB and 3.7 s at 1 MB on a quiet core once statements were merged by sorted place (and
# 11 s at 256 KB before, at a load of 10); the limit keeps a parse well inside the 10 s a
# workflow task has before the worker must extend it, even on a loaded core: > 90 % of the
# corpus (median 21 KB, largest 116 KB) and every batch item seen so far. A larger document
# goes to the CPU queue, where the activity's heartbeat shows a killed worker within
# DOCUMENT_WORK.heartbeat.
LOCAL_PARSE_MAX_BYTES = 64 * 1024


def parse_locally(document_bytes: int | None) -> bool:
    """Only a size the starter vouched for: an unknown size may be any size."""
    return document_bytes is not None and 0 <= document_bytes <= LOCAL_PARSE_MAX_BYTES
