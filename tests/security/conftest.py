"""The security tests use the e2e stack (the real API over HTTP with a worker behind it) on a
task queue of their own, so its worker never takes the e2e tests' work."""

from __future__ import annotations

import pytest

from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from tests.e2e.conftest import stack

__all__ = ["stack"]


@pytest.fixture(scope="session")
def stack_settings(settings: Settings, dev_server: LocalTemporal) -> Settings:
    return settings.model_copy(
        update={
            "temporal_address": dev_server.address,
            "task_queue": "cpg2pvg-security",
            "max_upload_bytes": 3 * 1024 * 1024,
        }
    )
