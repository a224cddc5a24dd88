"""Signed POSTs to receivers outside our control: guideline webhooks and admin alerts."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import httpx
from temporalio.exceptions import ApplicationError

from cpg2pvg import webhooks
from cpg2pvg.failures import Failure, failure

SIGNATURE_HEADER = "X-Cpg2pvg-Signature"
EVENT_HEADER = "X-Cpg2pvg-Event"


def sign(body: bytes, key: bytes) -> str:
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def headers(body: bytes, key: bytes, idempotency_key: str, event: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "Idempotency-Key": idempotency_key,
        EVENT_HEADER: event,
        SIGNATURE_HEADER: sign(body, key),
    }


async def refused_target(url: str, allow_private: bool) -> ApplicationError | None:
    """The failure to raise if ``url`` may not receive webhooks now, else None."""
    try:
        await webhooks.check_target(url, allow_private=allow_private)
    except webhooks.WebhookNotAllowed as error:
        return failure(Failure.WEBHOOK_NOT_ALLOWED, str(error))
    except webhooks.WebhookUnresolvable as error:
        return failure(Failure.WEBHOOK_UNREACHABLE, str(error))
    return None


def failure_for(response: httpx.Response) -> ApplicationError:
    """A receiver's answer other than 2xx as the failure to raise.

    A 4xx other than timeout / too-many-requests means the receiver refuses this request:
    sending it again will not help. Nor will a redirect, which is never followed.
    """
    status = response.status_code
    retry_after = response.headers.get("Retry-After", "")
    delay = timedelta(seconds=min(int(retry_after), 3600)) if retry_after.isdigit() else None
    permanent = 300 <= status < 400 or (400 <= status < 500 and status not in (408, 425, 429))
    return failure(
        Failure.WEBHOOK_REJECTED if permanent else Failure.WEBHOOK_ERROR,
        f"webhook answered HTTP {status}",
        next_retry_delay=delay,
    )
