"""Turn domain errors into Temporal failures that are never retried."""

from __future__ import annotations

from temporalio.exceptions import ApplicationError

from domain.errors import DocumentError


def non_retryable(error: DocumentError) -> ApplicationError:
    """A bad document fails the workflow at once, with its code as the error type."""
    return ApplicationError(error.message, type=error.code, non_retryable=True)
