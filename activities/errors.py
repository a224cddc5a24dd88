"""Domain and data errors as Temporal failures; the types themselves are declared once, in
cpg2pvg/failures.py."""

from __future__ import annotations

from typing import Any

import asyncpg
from temporalio import worker
from temporalio.exceptions import ApplicationError

from cpg2pvg.failures import Failure, failure
from domain.errors import DocumentError


def document_failure(error: DocumentError) -> ApplicationError:
    """A bad document fails the workflow at once, with its code as the error type."""
    return failure(Failure(error.code), error.message)


def data_error_code(error: BaseException) -> str | None:
    """The SQLSTATE (or asyncpg's name) when the database refused the data itself.

    PostgreSQL class 22 (data exception: NUL in text, a number out of range, ...) and
    asyncpg's refusal of a query argument mean the same write fails on every attempt.
    """
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, asyncpg.exceptions.DataError):
            return str(cause.sqlstate)
        if isinstance(cause, asyncpg.InterfaceError) and isinstance(cause, ValueError):
            return type(cause).__name__  # an argument asyncpg cannot encode
        cause = cause.__cause__ or cause.__context__
    return None


class DataErrorInterceptor(worker.Interceptor):
    """Every activity: data the database refuses fails the step for good (``invalid_data``),
    without the values in the message (they end up in logs and history)."""

    def intercept_activity(
        self, next: worker.ActivityInboundInterceptor
    ) -> worker.ActivityInboundInterceptor:
        return _DataErrorsFailForGood(next)


class _DataErrorsFailForGood(worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: worker.ExecuteActivityInput) -> Any:
        try:
            return await super().execute_activity(input)
        except Exception as error:
            code = data_error_code(error)
            if code is None:
                raise
            raise failure(
                Failure.INVALID_DATA,
                f"the database refused this step's data ({code}); retrying cannot help",
            ) from None
