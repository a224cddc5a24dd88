"""A local OpenAI-compatible server for the language-model provider's tests.

It answers ``POST /v1/chat/completions`` with structured output built from the request: it
reads the recommendations from the prompt's JSON block and rewrites each with the offline
rules, so a normal answer is faithful. A script of behaviours makes it misbehave first:
``"429"``/``"503"`` (with ``Retry-After``), ``"drop_number"`` (a number left out),
``"bad_json"``, or any other status code; ``default`` answers every request after the script.
With ``hold`` set to an Event, every request waits for it, so a test can act while a call is
in flight.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from domain import lexicon
from domain.generation import OfflineProvider, Rewriter
from domain.model import Direction, Recommendation, Strength
from domain.quality import _jargon

PROMPT_TOKENS = 1200
COMPLETION_TOKENS = 800


@dataclass
class StubRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class LlmStub:
    script: list[str] = field(default_factory=list)
    default: str = "ok"
    retry_after: int = 30
    requests: list[StubRequest] = field(default_factory=list)
    hold: threading.Event | None = None
    arrived: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                stub.arrived.set()
                if stub.hold is not None:
                    stub.hold.wait(timeout=120)
                status, headers, answer = stub._answer(self.path, dict(self.headers), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                for k, v in {**headers, "Content-Type": "application/json"}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def close(self) -> None:
        if self.hold is not None:
            self.hold.set()
        self._server.shutdown()
        self._server.server_close()

    def _answer(
        self, path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            self.requests.append(StubRequest(path, headers, body))
            behaviour = self.script.pop(0) if self.script else self.default
        if path != "/v1/chat/completions":
            return 404, {}, {"error": {"message": "not found"}}
        if behaviour in ("429", "503"):
            return int(behaviour), {"Retry-After": str(self.retry_after)}, {
                "error": {"message": "slow down", "type": "rate_limit"}}
        if behaviour.isdigit():
            return int(behaviour), {}, {"error": {"message": "refused"}}
        answer = pvg_answer(body)
        if behaviour == "drop_number":
            answer = _drop_number(answer)
        content = "{not json" if behaviour == "bad_json" else json.dumps(answer)
        return 200, {}, {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                      "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS},
        }


def _statements(body: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    system = body["messages"][0]["content"]
    prompt = body["messages"][-1]["content"]
    block = re.search(r"```json\n(.*?)\n```", prompt, re.DOTALL)
    assert block, "the prompt carries the recommendations as a JSON block"
    return json.loads(block.group(1)), "Chinese" in system


def pvg_answer(body: dict[str, Any]) -> dict[str, Any]:
    """A faithful answer in the requested schema, written with the offline rules."""
    statements, chinese = _statements(body)
    rewriter = Rewriter(Rewriter.acronyms_from(" ".join(s["text"] for s in statements)))
    recs = []
    for s in statements:
        if chinese:
            text = s["text"]
        else:
            rec = Recommendation(id=s["id"], text=s["text"], source_text=s["text"],
                                 direction=Direction(s["direction"]),
                                 strength=Strength(s["strength"]))
            text = OfflineProvider._recommendation(rewriter, rec).text
        recs.append({"id": s["id"], "text": text, "direction": s["direction"]})
    if chinese:
        return {"title": "患者版", "about": "这是一份给患者看的简短指南。",
                "recommendations": recs, "things_to_consider": ["请和医生一起权衡好处和风险。"],
                "questions": ["这个建议适合我吗？"], "words_to_know": []}
    terms = {term for r in recs for _, _, term in _jargon().find(r["text"])}
    return {
        "title": "A guide for patients",
        "about": "This is a short, plain guide. It tells you what the experts advise.",
        "recommendations": recs,
        "things_to_consider": ["Every test has good points and risks. Talk them over."],
        "questions": ["Does this advice fit me?", "What are the risks for me?",
                      "What happens if I wait?"],
        "words_to_know": [{"term": t, "definition": lexicon.DEFINED_TERMS.get(
            t, "A medical word. Ask your doctor what it means.")} for t in sorted(terms)],
    }


def _drop_number(answer: dict[str, Any]) -> dict[str, Any]:
    for rec in answer["recommendations"]:
        changed = re.sub(r"\d+", "", rec["text"], count=1)
        if changed != rec["text"]:
            rec["text"] = changed
            return answer
    answer["recommendations"].pop()
    return answer
