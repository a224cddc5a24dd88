"""A local OpenAI-compatible server for the language-model provider's tests.

It answers ``POST /v1/chat/completions`` with structured output built from the request, in
the schema the request names (a whole patient version, one advice part, or the overview):
it reads the recommendations and acronyms from the prompt's JSON block and rewrites each
statement with the offline rules, so a normal answer is faithful. A script of behaviours
makes it misbehave first: ``"429"``/``"503"`` (with ``Retry-After``), ``"drop_number"`` (a
number left out), ``"change_number"``, ``"drop_recommendation"``, ``"the_patient"`` and
``"doubled_word"`` (wording defects), ``"fragment"`` (one only quality control's wording
gate finds), ``"long_summary"``, ``"bad_json"``, or any other
status code; ``default`` answers every request after the script.
With ``hold`` set to an Event, every request waits for it, so a test can act while a call is
in flight. ``delay`` makes every answer take that many seconds, as a real model does
(``bench/llm_batch.py``); ``in_flight`` and ``peak`` count requests being answered.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from domain import lexicon, llm
from domain.generation import OfflineProvider, Rewriter
from domain.llm import acronyms_in, wording_problems
from domain.model import Direction, ParsedGuideline, PatientVersion, Recommendation, Strength
from domain.numbers import missing_numbers
from domain.quality import _jargon
from domain.wording_check import defects

PROMPT_TOKENS = 1200
COMPLETION_TOKENS = 800


@dataclass
class StubRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def schema(self) -> str:
        """The schema the request asks for: patient_version, ..._advice or ..._overview."""
        return str(self.body["response_format"]["json_schema"]["name"])

    @property
    def part(self) -> str:
        """The part of the plan: whole, advice-N or overview (as in ``domain.llm.Part``)."""
        kind = self.schema.removeprefix("patient_version").strip("_") or "whole"
        found = re.search(r"part (\d+) of \d+:", self.body["messages"][-1]["content"])
        return f"{kind}-{found.group(1)}" if kind == "advice" and found else kind

    @property
    def ids(self) -> list[str]:
        """The recommendations the request carries."""
        return [s["id"] for s in _block(self.body)["recommendations"]]


@dataclass
class LlmStub:
    script: list[str] = field(default_factory=list)
    default: str = "ok"
    retry_after: int = 30
    requests: list[StubRequest] = field(default_factory=list)
    hold: threading.Event | None = None
    arrived: threading.Event = field(default_factory=threading.Event)
    delay: float = 0.0
    in_flight: int = 0
    peak: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                stub._enter()
                try:
                    stub.arrived.set()
                    if stub.hold is not None:
                        stub.hold.wait(timeout=120)
                    started = time.monotonic()
                    status, headers, answer = stub._answer(self.path, dict(self.headers), body)
                    data = json.dumps(answer).encode()
                    time.sleep(max(0.0, stub.delay - (time.monotonic() - started)))
                    self.send_response(status)
                    for k, v in {**headers, "Content-Type": "application/json"}.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    stub._leave()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # many clients connect at once (the default is 5)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def reset_peak(self) -> None:
        """Count the peak from now on (after a warm-up, say)."""
        with self._lock:
            self.peak = self.in_flight

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

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
        answer = misbehave(pvg_answer(body), behaviour)
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


def _block(body: dict[str, Any]) -> dict[str, Any]:
    prompt = body["messages"][-1]["content"]
    block = re.search(r"```json\n(.*?)\n```", prompt, re.DOTALL)
    assert block, "the prompt carries the recommendations as a JSON block"
    found: dict[str, Any] = json.loads(block.group(1))
    return found


def _reader_text(text: str) -> str:
    """What a careful model writes: whole sentences (no list lines), addressed to the
    reader, none of the rule-based rewriter's slips."""
    head, *items = text.split("\n- ")
    if items:
        text = head.rstrip(" :") + ": " + ", ".join(i.strip(" .;,") for i in items) + "."
    text = " ".join(text.split())
    text = re.sub(r"\bthe patient'?s\b", "your", text, flags=re.IGNORECASE)
    text = re.sub(r"\bpatients\b", "people", text, flags=re.IGNORECASE)
    text = re.sub(r"\bpatient\b", "person", text, flags=re.IGNORECASE)
    text = re.sub(r"\b([A-Za-z]{3,}) of (?:the )?\1\b", r"\1", text)
    text = re.sub(r"\b(?!(?:had|that)\b)([A-Za-z]+)\s+\1\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=\w)-(\d+)-(?=\w)", r" \1 ", text)  # "every-2-years"
    for a, b in ("()", "[]"):
        if text.count(a) != text.count(b):
            text = text.replace(a, "").replace(b, "")
    text = re.sub(r"\(\s*(?:e\.g\.|i\.e\.)\s*", "(for example ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"\(\s+", "(", text))
    return text[:1].upper() + text[1:]


def _rewrite(rewriter: Rewriter, rec: Recommendation) -> str:
    """The offline rules' wording, or a more literal level of them when that one keeps all
    numbers and the wording gate finds nothing in it (the stub plays a model that gets the
    wording right)."""
    first = _reader_text(OfflineProvider._recommendation(rewriter, rec).text)
    for text in (first, *(_reader_text(rewriter.simplify(rec.text, level)) for level in (1, 0))):
        if not missing_numbers(rec.text, text) and not defects(text) and not wording_problems(
                rec.id, text):
            return text
    return first


def _glossary(texts: list[str], acronyms: dict[str, str]) -> list[dict[str, str]]:
    terms = {term for t in texts for _, _, term in _jargon().find(t)}
    entries = [{"term": t, "meaning": lexicon.DEFINED_TERMS.get(
        t, "A medical word. Ask your doctor what it means.")} for t in sorted(terms)]
    for acronym in sorted(set().union(*(acronyms_in(t) for t in texts))):
        meaning = acronyms.get(acronym, "A short name used in this guide.")
        entries.append({"term": acronym, "meaning": f"{meaning}. Ask your doctor about it."})
    return entries


def pvg_answer(body: dict[str, Any]) -> dict[str, Any]:
    """A faithful answer in the requested schema, written with the offline rules."""
    block = _block(body)
    statements, acronyms = block["recommendations"], block["acronyms"]
    chinese = "Chinese" in body["messages"][0]["content"]
    schema = body["response_format"]["json_schema"]["schema"]
    fields = set(schema["properties"])
    rewriter = Rewriter(Rewriter.acronyms_from(" ".join(s["text"] for s in statements)))
    recs = []
    for s in statements:
        if chinese:
            text = s["text"]
        else:
            rec = Recommendation(id=s["id"], text=s["text"], source_text=s["text"],
                                 direction=Direction(s["direction"]),
                                 strength=Strength(s["strength"]))
            text = _rewrite(rewriter, rec)
        recs.append({"id": s["id"], "text": text, "direction": s["direction"]})
    if chinese:
        overview = {"title": "患者版", "summary": "这份指南写给成年人。请定期测量血压。",
                    "about": "这是一份给您看的简短指南。",
                    "things_to_consider": ["请和医生一起权衡好处和风险。"],
                    "questions": ["这个建议适合我吗？"]}
        texts = [r["text"] for r in recs] if "recommendations" in fields else []
    else:
        overview = {
            "title": "A guide for you",
            "summary": "This guide is for people like you that the guideline covers. It says "
                       "what the experts advise and how sure they are. Read each piece of "
                       "advice, then talk it over with your doctor.",
            "about": "This is a short, plain guide. It tells you what the experts advise.",
            "things_to_consider": ["Every test has good points and risks. Talk them over."],
            "questions": ["Does this advice fit me?", "What are the risks for me?",
                          "What happens if I wait?"],
        }
        texts = [r["text"] for r in recs] if "recommendations" in fields else []
        texts += [overview["summary"], overview["about"]] if "summary" in fields else []
    answer: dict[str, Any] = {k: v for k, v in overview.items() if k in fields}
    if "recommendations" in fields:
        answer["recommendations"] = recs
    answer["glossary"] = _glossary(texts, acronyms)
    return answer


def answered_offline(parsed: ParsedGuideline, model: str = "stub-model") -> PatientVersion:
    """What the stub answers for a guideline of one request, merged and checked as the
    provider does, without HTTP: lets a test or benchmark pick guidelines whose answer
    passes quality control, so none waits for a reviewer."""
    parts = llm.plan_parts(parsed)
    if len(parts) != 1:
        raise ValueError("more than one request")
    answers = [(p, json.dumps(pvg_answer(llm.request_body(parsed, model, p, ())))) for p in parts]
    return llm.to_patient_version(parsed, answers, model)


def misbehave(answer: dict[str, Any], behaviour: str) -> dict[str, Any]:
    """The answer with one defect of the given kind (unchanged for other behaviours)."""
    recs = answer.get("recommendations") or []
    if behaviour in ("drop_number", "change_number"):
        for rec in recs:
            new = re.sub(r"(?<![\w.])\d+(?![\w.])", lambda m: "" if behaviour == "drop_number"
                         else str(int(m.group(0)) + 1), rec["text"], count=1)
            if new != rec["text"]:
                rec["text"] = new
                return answer
        behaviour = "drop_recommendation"
    if behaviour == "drop_recommendation" and recs:
        recs.pop()
    elif behaviour == "the_patient" and recs:
        recs[0]["text"] += " The patient should ask about this."
    elif behaviour == "the_patient":
        answer["summary"] += " The patient should ask about this."
    elif behaviour == "doubled_word" and recs:
        recs[0]["text"] = re.sub(r"\b(\w+)\b", r"\1 \1", recs[0]["text"], count=1)
    elif behaviour == "fragment" and recs:
        recs[0]["text"] += " Other choice treatments or tests."
    elif behaviour == "long_summary" and "summary" in answer:
        answer["summary"] = " ".join(["You can ask your doctor."] * 40)
    return answer
