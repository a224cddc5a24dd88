"""Every failure type a step or a run ends with, and which of them no retry can change.

The one declaration of non-retryable errors: activities raise ``failure(...)``, whose
``non_retryable`` comes from here, and every retry policy (workflows/policies.py) lists
``PERMANENT`` as its non-retryable types. The type is also the ``error_code`` the API
shows for a failed guideline.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from temporalio.exceptions import ApplicationError


class Failure(StrEnum):
    # The document is bad (domain.errors.DocumentError codes).
    INVALID_DOCUMENT = "invalid_document"
    UNSUPPORTED_FORMAT = "unsupported_format"
    CORRUPT_DOCUMENT = "corrupt_document"
    ENCRYPTED_DOCUMENT = "encrypted_document"
    NO_TEXT_LAYER = "no_text_layer"
    EMPTY_DOCUMENT = "empty_document"
    DOCUMENT_TOO_LARGE = "document_too_large"
    NO_RECOMMENDATIONS = "no_recommendations"
    # What a step needs is gone, or the database refuses its data.
    MISSING_ARTIFACT = "missing_artifact"
    GUIDELINE_NOT_FOUND = "guideline_not_found"
    INVALID_DATA = "invalid_data"
    # Webhooks and alerts.
    WEBHOOK_REJECTED = "webhook_rejected"
    """A 4xx (but 408/425/429) or a redirect: the receiver refuses this request."""
    WEBHOOK_NOT_ALLOWED = "webhook_not_allowed"
    WEBHOOK_UNREACHABLE = "webhook_unreachable"
    WEBHOOK_ERROR = "webhook_error"
    # Language models.
    LLM_REJECTED = "llm_rejected"
    LLM_NOT_CONFIGURED = "llm_not_configured"
    LLM_UNAVAILABLE = "llm_unavailable"
    LLM_RATE_LIMITED = "llm_rate_limited"
    LLM_INVALID_OUTPUT = "llm_invalid_output"
    """Retried until the last allowed attempt, which fails for good (set per attempt)."""
    # The process pool.
    STEP_TIMEOUT = "step_timeout"
    POOL_PROCESS_DIED = "pool_process_died"
    # How a guideline's run ends when no step failed.
    QUALITY_CONTROL_FAILED = "quality_control_failed"
    REJECTED_IN_REVIEW = "rejected_in_review"
    REVIEW_TIMEOUT = "review_timeout"
    PROCESSING_FAILED = "processing_failed"
    # Refusals of a review update (its validator).
    FORBIDDEN = "forbidden"
    NOT_IN_REVIEW = "not_in_review"
    INVALID_DECISION = "invalid_decision"


DOCUMENT: frozenset[Failure] = frozenset(
    {
        Failure.INVALID_DOCUMENT,
        Failure.UNSUPPORTED_FORMAT,
        Failure.CORRUPT_DOCUMENT,
        Failure.ENCRYPTED_DOCUMENT,
        Failure.NO_TEXT_LAYER,
        Failure.EMPTY_DOCUMENT,
        Failure.DOCUMENT_TOO_LARGE,
        Failure.NO_RECOMMENDATIONS,
    }
)
"""A document we cannot turn into a patient version, whatever we try."""

PERMANENT: frozenset[Failure] = DOCUMENT | frozenset(
    {
        Failure.MISSING_ARTIFACT,
        Failure.GUIDELINE_NOT_FOUND,
        Failure.INVALID_DATA,
        Failure.WEBHOOK_REJECTED,
        Failure.WEBHOOK_NOT_ALLOWED,
        Failure.LLM_REJECTED,
        Failure.LLM_NOT_CONFIGURED,
        Failure.QUALITY_CONTROL_FAILED,
        Failure.REJECTED_IN_REVIEW,
        Failure.REVIEW_TIMEOUT,
        Failure.PROCESSING_FAILED,
    }
)


def failure(
    kind: Failure,
    message: str,
    *,
    non_retryable: bool | None = None,
    next_retry_delay: timedelta | None = None,
) -> ApplicationError:
    """The error to raise for ``kind``: retried unless it is PERMANENT (or, for a failure
    decided per attempt, unless ``non_retryable``)."""
    return ApplicationError(
        message,
        type=kind.value,
        non_retryable=kind in PERMANENT if non_retryable is None else non_retryable,
        next_retry_delay=next_retry_delay,
    )
