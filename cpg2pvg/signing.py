"""Review decisions signed by the API, so the review Update accepts only what the API sent.

The workflow's validator cannot see who sent an Update: anyone who reaches Temporal's
frontend (the dev server's gRPC port, an operator's CLI) could send one claiming
``role: admin``. The API checks the caller's key, role and owner, then signs the decision
(HMAC-SHA256 with ``CPG2PVG_REVIEW_SECRET``) for one workflow run, with a fresh nonce;
the validator accepts only a decision whose signature matches, for its own run, with a
nonce that run has not seen.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets

from cpg2pvg.contracts import ReviewDecision

_trusted: list[bytes] = []


def trust(key: bytes) -> None:
    """Accept decisions signed with ``key`` in this worker process (set at worker start)."""
    if key not in _trusted:
        _trusted.append(key)


def _mac(key: bytes, workflow_id: str, run_id: str, decision: ReviewDecision) -> str:
    signed = [
        workflow_id,
        run_id,
        decision.nonce,
        decision.decision,
        decision.reviewer,
        decision.role,
        decision.comment,
        decision.corrections,
    ]
    message = json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def sign(key: bytes, workflow_id: str, run_id: str, decision: ReviewDecision) -> ReviewDecision:
    """The decision with a fresh nonce and its signature, valid for this run only."""
    fresh = dataclasses.replace(decision, nonce=secrets.token_hex(16), signature=None)
    return dataclasses.replace(fresh, signature=_mac(key, workflow_id, run_id, fresh))


def verify(decision: ReviewDecision, workflow_id: str, run_id: str) -> bool:
    """Whether a trusted key signed this decision for this run (deterministic: no I/O)."""
    if not decision.signature or not decision.nonce:
        return False
    return any(
        hmac.compare_digest(decision.signature, _mac(key, workflow_id, run_id, decision))
        for key in _trusted
    )
