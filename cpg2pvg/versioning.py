"""The versioning behaviour a workflow type declares, in this process.

The server refuses a versioning behaviour from a worker that is not versioned, so each
workflow type's chosen behaviour (pinned or auto-upgrade) is declared only when this
process's workers are versioned: when ``CPG2PVG_WORKER_BUILD_ID`` is set. Read once from the
environment, so the definitions the worker registers and the ones the workflow sandbox
imports for every run agree.
"""

from __future__ import annotations

import os

from temporalio.common import VersioningBehavior

BUILD_ID_VARIABLE = "CPG2PVG_WORKER_BUILD_ID"
VERSIONED = bool(os.environ.get(BUILD_ID_VARIABLE, "").strip())


def behavior(chosen: VersioningBehavior) -> VersioningBehavior:
    """``chosen`` when this process's workers are versioned, else unspecified."""
    return chosen if VERSIONED else VersioningBehavior.UNSPECIFIED
