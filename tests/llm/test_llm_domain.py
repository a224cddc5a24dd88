"""The language-model provider's pure half: prompt, schema, answer validation, cost."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from domain import llm
from domain.generation import DISCLAIMER, REQUIRED_SECTIONS
from domain.model import Direction, ParsedGuideline
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.llm_stub import pvg_answer


@pytest.fixture(scope="module")
def guideline() -> ParsedGuideline:
    return parse_guideline(corpus_file(SMALL_GUIDELINE).read_bytes(), filename=SMALL_GUIDELINE)


@pytest.fixture
def answer(guideline: ParsedGuideline) -> dict[str, Any]:
    return pvg_answer(llm.request_body(guideline, "m"))


def test_the_prompt_carries_every_statement_and_asks_for_the_schema(
    guideline: ParsedGuideline,
) -> None:
    body = llm.request_body(guideline, "some-model")
    assert body["model"] == "some-model" and body["temperature"] == 0
    assert body["response_format"]["json_schema"]["strict"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    assert set(schema["required"]) == set(schema["properties"])
    prompt = body["messages"][-1]["content"]
    for rec in guideline.recommendations:
        assert json.dumps(rec.text, ensure_ascii=False)[1:-1] in prompt
    assert "English" in body["messages"][0]["content"]


def test_a_faithful_answer_becomes_a_complete_patient_version(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    pvg = llm.to_patient_version(guideline, json.dumps(answer), "model-x")
    assert pvg.generator == "model-x"
    assert [s.heading for s in pvg.sections] == list(REQUIRED_SECTIONS)
    assert pvg.sections[-1].body == DISCLAIMER, "the disclaimer is ours, not the model's"
    assert [r.id for r in pvg.recommendations] == [r.id for r in guideline.recommendations]
    for rec, out in zip(guideline.recommendations, pvg.recommendations, strict=True):
        assert out.direction is rec.direction and out.source_text == rec.source_text
    assert pvg.readability is not None and pvg.readability.fkgl <= 8
    assert check_quality(guideline, pvg).outcome == "pass"


def test_a_fenced_answer_is_accepted(guideline: ParsedGuideline, answer: dict[str, Any]) -> None:
    fenced = f"```json\n{json.dumps(answer)}\n```"
    assert llm.to_patient_version(guideline, fenced, "m").recommendations


def _problems(guideline: ParsedGuideline, answer: dict[str, Any] | str) -> list[str]:
    content = answer if isinstance(answer, str) else json.dumps(answer)
    with pytest.raises(llm.InvalidAnswer) as error:
        llm.to_patient_version(guideline, content, "m")
    return error.value.problems


def test_a_dropped_recommendation_is_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    dropped = answer["recommendations"].pop(1)["id"]
    assert _problems(guideline, answer) == [
        f"{dropped}: recommendation missing from the patient version"]


def test_a_changed_number_is_rejected(guideline: ParsedGuideline, answer: dict[str, Any]) -> None:
    rec = answer["recommendations"][0]
    assert "65" in rec["text"]
    rec["text"] = rec["text"].replace("65", "60", 1)
    problems = _problems(guideline, answer)
    assert problems and all(p.startswith(f"{rec['id']}: number '65'") for p in problems)


def test_a_flipped_direction_is_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    against = next(r for r in answer["recommendations"] if r["direction"] == "against")
    against["direction"] = "for"
    problems = _problems(guideline, answer)
    assert any(p.startswith(against["id"]) and "direction" in p for p in problems)


def test_a_lost_negation_is_rejected(guideline: ParsedGuideline, answer: dict[str, Any]) -> None:
    against = next(r for r in answer["recommendations"] if r["direction"] == "against")
    against["text"] = "Women should get this test."
    assert any("negation" in p for p in _problems(guideline, answer))


@pytest.mark.parametrize("broken", ["{not json", '{"title": "x"}', "[]"])
def test_malformed_answers_are_rejected(guideline: ParsedGuideline, broken: str) -> None:
    assert _problems(guideline, broken)


def test_unknown_or_repeated_ids_are_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    answer["recommendations"].append(dict(answer["recommendations"][0]))
    answer["recommendations"].append({"id": "R99", "text": "Extra.", "direction": "for"})
    assert sorted(_problems(guideline, answer)) == [
        "R1: given twice", "R99: unknown recommendation"]


def test_problems_survive_the_process_pool() -> None:
    error = pickle.loads(pickle.dumps(llm.InvalidAnswer(["R1: x"])))  # noqa: S301 - our own bytes
    assert isinstance(error, llm.InvalidAnswer) and error.problems == ["R1: x"]


def test_completion_and_cost() -> None:
    body = {"choices": [{"finish_reason": "stop", "message": {"content": "{}"}}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 500}}
    done = llm.parse_completion(body)
    assert (done.content, done.prompt_tokens, done.completion_tokens) == ("{}", 1000, 500)
    assert llm.cost(1000, 500, 0.15, 0.6) == 0.45
    cut = {"choices": [{"finish_reason": "length", "message": {"content": "{"}}]}
    bad: dict[str, Any]
    for bad in ({}, {"choices": []}, cut,
                {"choices": [{"message": {"content": None, "refusal": "no"}}]}):
        with pytest.raises(llm.InvalidAnswer):
            llm.parse_completion(bad)


def test_chinese_guidelines_are_asked_for_in_chinese() -> None:
    text = "# 高血压指南\n\n## 推荐意见\n\n成人应当每年测量一次血压。\n\n不推荐常规使用某种药物。\n"
    guideline = parse_guideline(text.encode(), "zh.md")
    body = llm.request_body(guideline, "m")
    assert "Chinese" in body["messages"][0]["content"]
    pvg = llm.to_patient_version(guideline, json.dumps(pvg_answer(body)), "m")
    assert pvg.language == "zh" and pvg.readability is None
    assert pvg.recommendations[1].direction is Direction.AGAINST
    assert pvg.recommendations[1].strength.startswith("✖")
