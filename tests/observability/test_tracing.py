"""One submission, one trace: HTTP request → start workflow → workflow → every activity.

The SDK's shape: workflow spans are zero-length markers (a long-lived span would not
survive replay), so ``RunWorkflow`` and each ``StartActivity`` are siblings under
``StartWorkflow``, and each ``RunActivity`` (with its queries and HTTP calls) sits under
its ``StartActivity``.
"""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from cpg2pvg.telemetry import ATTR_GUIDELINE_ID, ATTR_STAGE
from tests.observability.conftest import ObservedStack, Processed

PIPELINE = {
    "parse_document": "parsing",
    "generate_pvg": "generating",
    "quality_control": "quality_control",
}


def _by_id(spans: Sequence[ReadableSpan]) -> dict[int, ReadableSpan]:
    return {s.context.span_id: s for s in spans if s.context is not None}


def _parent(span: ReadableSpan, index: dict[int, ReadableSpan]) -> ReadableSpan | None:
    return index.get(span.parent.span_id) if span.parent is not None else None


def _one(spans: Sequence[ReadableSpan], name: str) -> ReadableSpan:
    found = [s for s in spans if s.name == name]
    assert len(found) == 1, f"{len(found)} spans named {name!r}: {sorted({s.name for s in spans})}"
    return found[0]


async def test_one_submission_is_one_connected_trace(
    observed: ObservedStack, processed: Processed
) -> None:
    finished = observed.exporter.get_finished_spans()
    request = next(
        s
        for s in finished
        if s.kind is SpanKind.SERVER
        and s.name == "POST /v1/guidelines"
        and any(
            c.name == "StartWorkflow:GuidelineWorkflow"
            and c.parent is not None
            and c.parent.span_id == s.context.span_id
            and c.attributes is not None
            and c.attributes.get(ATTR_GUIDELINE_ID) == processed.id
            for c in finished
        )
    )
    assert request.parent is None, "the HTTP request is the root of the trace"
    trace_id = request.context.trace_id
    spans = [s for s in finished if s.context.trace_id == trace_id]
    index = _by_id(spans)

    start = _one(spans, "StartWorkflow:GuidelineWorkflow")
    run = _one(spans, "RunWorkflow:GuidelineWorkflow")
    assert _parent(start, index) is request
    assert _parent(run, index) is start

    for activity, stage in PIPELINE.items():
        scheduled = _one(spans, f"StartActivity:{activity}")
        executed = _one(spans, f"RunActivity:{activity}")
        assert _parent(scheduled, index) is start, activity
        assert _parent(executed, index) is scheduled, activity
        assert executed.attributes is not None
        assert executed.attributes[ATTR_GUIDELINE_ID] == processed.id
        assert executed.attributes[ATTR_STAGE] == stage
        # Its database work hangs below it.
        queries = [s for s in spans if _parent(s, index) is executed and s.kind is SpanKind.CLIENT]
        assert queries, f"no database or HTTP spans under {activity}"

    # Each stage is recorded by its own activity, in its own transaction: an UPDATE of the
    # guideline below every activity span, and no local activity in between. The outcome
    # is recorded with its notification by one activity more.
    assert not [s for s in spans if s.name == "RunActivity:record_stage"]
    recorded = _one(spans, "RunActivity:record_notification")
    assert _parent(_parent(recorded, index), index) is start  # type: ignore[arg-type]
    for activity in [*PIPELINE, "record_notification"]:
        executed = _one(spans, f"RunActivity:{activity}")
        statements = [
            str((s.attributes or {}).get("db.statement", ""))
            for s in spans
            if _parent(s, index) is executed
        ]
        assert any("UPDATE guidelines" in st for st in statements), activity

    # The recording activity starts the webhook's own workflow, in the same trace; the
    # delivery is an outgoing HTTP span below its activity.
    delivery = _one(spans, "StartWorkflow:WebhookDelivery")
    assert _parent(delivery, index) is recorded
    assert _parent(_one(spans, "RunWorkflow:WebhookDelivery"), index) is delivery
    scheduled = _one(spans, "StartActivity:deliver_webhook")
    notify = _one(spans, "RunActivity:deliver_webhook")
    assert _parent(scheduled, index) is delivery and _parent(notify, index) is scheduled
    assert notify.attributes is not None
    assert notify.attributes[ATTR_GUIDELINE_ID] == processed.id
    assert notify.attributes[ATTR_STAGE] == "notifying"
    posts = [
        s
        for s in spans
        if _parent(s, index) is notify
        and s.attributes is not None
        and s.attributes.get("http.request.method", s.attributes.get("http.method")) == "POST"
    ]
    assert posts, "the webhook POST is traced"

    # The document was stored by the request itself, in a database span under it.
    assert any(
        _parent(s, index) is request and (s.attributes or {}).get("db.system") == "postgresql"
        for s in spans
    ) or any(
        _parent(s, index) is request and "postgresql" in str((s.attributes or {}).values())
        for s in spans
    )
