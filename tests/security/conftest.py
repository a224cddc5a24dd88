"""The security tests use the e2e stack: the real API over HTTP with a worker behind it."""

from __future__ import annotations

from tests.e2e.conftest import stack, stack_settings

__all__ = ["stack", "stack_settings"]
