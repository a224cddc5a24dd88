"""The OpenAI-compatible stub that bench/llm_batch.py times the pipeline against: its answer
delay and its count of requests in flight are what the benchmark's figures rest on."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from activities.cpu import parse
from domain import llm
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.llm_stub import LlmStub


def test_the_stub_answers_after_its_delay_and_counts_requests_in_flight() -> None:
    guideline = parse(corpus_file(SMALL_GUIDELINE).read_bytes(), "g.md", "auto", 10, 10**7)
    part = llm.plan_parts(guideline)[0]
    body = llm.request_body(guideline, "stub-model", part, ())
    stub = LlmStub(delay=0.5, hold=threading.Event())
    try:
        def ask(_: int) -> tuple[float, str]:
            started = time.monotonic()
            response = httpx.post(f"{stub.base_url}/chat/completions", json=body, timeout=30)
            response.raise_for_status()
            content = llm.parse_completion(response.json()).content
            return time.monotonic() - started, content

        with ThreadPoolExecutor(4) as threads:
            asked = threads.map(ask, range(4))
            wait_until = time.monotonic() + 30
            while stub.in_flight < 4 and time.monotonic() < wait_until:
                time.sleep(0.01)
            assert stub.hold is not None
            stub.hold.set()  # all four are in flight at once: let them be answered
            answers = list(asked)
        assert all(seconds >= 0.5 for seconds, _ in answers)
        for _, content in answers:
            llm.check_part(guideline, part, content)  # a valid answer, after the wait
        assert stub.peak == 4 and stub.in_flight == 0
        stub.reset_peak()
        assert stub.peak == 0
    finally:
        stub.close()
