"""Non-retryable failures are declared once: every policy and every raise agrees with it."""

from __future__ import annotations

import inspect

import pytest

from cpg2pvg.failures import DOCUMENT, PERMANENT, Failure, failure
from domain import errors
from workflows import policies


def test_every_document_error_of_the_domain_is_a_permanent_failure() -> None:
    codes = {
        cls.code
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.DocumentError)
    }
    assert codes == {f.value for f in DOCUMENT}
    assert DOCUMENT <= PERMANENT


@pytest.mark.parametrize(
    "policy",
    [p for p in vars(policies).values() if isinstance(p, policies.ActivityPolicy)],
)
def test_every_policy_refuses_to_retry_exactly_the_permanent_failures(
    policy: policies.ActivityPolicy,
) -> None:
    assert set(policy.retry.non_retryable_error_types or ()) == {f.value for f in PERMANENT}


def test_a_failure_is_retried_unless_it_is_permanent() -> None:
    assert failure(Failure.CORRUPT_DOCUMENT, "x").non_retryable
    assert not failure(Failure.WEBHOOK_UNREACHABLE, "x").non_retryable
    # Decided per attempt: the last allowed one fails for good.
    assert failure(Failure.LLM_INVALID_OUTPUT, "x", non_retryable=True).non_retryable
