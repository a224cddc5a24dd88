"""The language-model provider's pure half: request plan, prompt, schema, answer checks,
merging, cost."""

from __future__ import annotations

import itertools
import json
import pickle
from typing import Any

import pytest

from domain import llm
from domain.generation import DISCLAIMER, REQUIRED_SECTIONS
from domain.glossary import defining_sentence
from domain.lay_terms import GUIDELINE
from domain.model import Direction, ParsedGuideline, Severity
from domain.page_plan import CARE_TEAM_GRADES
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.llm_stub import misbehave, pvg_answer

LONG_GUIDELINE = "va-dod_hypertension-primary-care_2014.md"
LONGEST_GUIDELINE = "colorado-dowc_low-back-pain_2014.md"


def _parse(name: str) -> ParsedGuideline:
    return parse_guideline(corpus_file(name).read_bytes(), filename=name)


@pytest.fixture(scope="module")
def guideline() -> ParsedGuideline:
    return _parse(SMALL_GUIDELINE)


@pytest.fixture(scope="module")
def long_guideline() -> ParsedGuideline:
    return _parse(LONG_GUIDELINE)


def _whole(guideline: ParsedGuideline) -> llm.Part:
    parts = llm.plan_parts(guideline)
    assert [p.kind for p in parts] == [llm.WHOLE]
    return parts[0]


@pytest.fixture
def answer(guideline: ParsedGuideline) -> dict[str, Any]:
    return pvg_answer(llm.request_body(guideline, "m", _whole(guideline)))


def _answers(guideline: ParsedGuideline, bad: dict[str, str] | None = None,
             ) -> list[tuple[llm.Part, str]]:
    """Every part answered by the stub's rules; ``bad`` spoils named parts."""
    out = []
    for part in llm.plan_parts(guideline):
        answer = pvg_answer(llm.request_body(guideline, "m", part))
        out.append((part, json.dumps(misbehave(answer, (bad or {}).get(part.name, "ok")))))
    return out


def _problems(guideline: ParsedGuideline, answer: dict[str, Any] | str) -> list[str]:
    content = answer if isinstance(answer, str) else json.dumps(answer)
    with pytest.raises(llm.InvalidAnswer) as error:
        llm.to_patient_version(guideline, [(_whole(guideline), content)], "m")
    assert error.value.parts == ["whole"]
    return error.value.problems


# --- the request ------------------------------------------------------------------------------


def test_the_prompt_asks_for_summary_glossary_and_reader_addressed_wording(
    guideline: ParsedGuideline,
) -> None:
    body = llm.request_body(guideline, "some-model", _whole(guideline))
    assert body["model"] == "some-model" and body["temperature"] == 0
    assert body["response_format"]["json_schema"]["strict"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    assert set(schema["required"]) == set(schema["properties"])
    assert {"summary", "glossary", "recommendations", "about"} <= set(schema["properties"])
    assert schema["properties"]["glossary"]["items"]["required"] == ["term", "meaning"]
    rules = body["messages"][0]["content"]
    for asked in ('"summary": at most 120 words', '"you"', 'Never write\n  "the patient"',
                  "guideline's own definition", "Keep every number", '"glossary": every acronym',
                  "English"):
        assert asked in rules
    prompt = body["messages"][-1]["content"]
    for rec in guideline.recommendations:
        assert json.dumps(rec.text, ensure_ascii=False)[1:-1] in prompt


def test_the_prompt_gives_only_the_guidelines_own_acronym_definitions(
    long_guideline: ParsedGuideline,
) -> None:
    own = llm._acronyms(long_guideline)
    given: dict[str, str] = {}
    for part in llm.plan_parts(long_guideline)[:-1]:
        block = json.loads(llm.request_body(long_guideline, "m", part)["messages"][-1]
                           ["content"].split("```json\n")[1].split("\n```")[0])
        assert [s["id"] for s in block["recommendations"]] == list(part.ids)
        text = " ".join(s["text"] for s in block["recommendations"])
        assert all(a in text and own[a] == d for a, d in block["acronyms"].items())
        given |= block["acronyms"]
    assert given, "the parts that use an acronym get its definition"


def test_a_short_guideline_is_one_request(guideline: ParsedGuideline) -> None:
    assert _whole(guideline).ids == tuple(r.id for r in guideline.recommendations)


@pytest.mark.parametrize("name", [LONG_GUIDELINE, LONGEST_GUIDELINE])
def test_a_long_guideline_is_split_into_parts_within_the_budget(name: str) -> None:
    guideline = _parse(name)
    parts = llm.plan_parts(guideline)
    advice, overview = parts[:-1], parts[-1]
    assert overview.kind == llm.OVERVIEW and not overview.ids and len(advice) >= 3
    assert [i for p in advice for i in p.ids] == [r.id for r in guideline.recommendations]
    by_id = {r.id: r for r in guideline.recommendations}

    def size(ids: tuple[str, ...]) -> int:
        return sum(len(by_id[i].text) + len(by_id[i].context or "") for i in ids)

    for number, part in enumerate(advice, 1):
        assert (part.kind, part.number, part.count) == (llm.ADVICE, number, len(advice))
        assert len(part.ids) <= llm.MAX_PART_RECOMMENDATIONS
        assert size(part.ids) <= llm.MAX_PART_CHARS or len(part.ids) == 1
    # A part ends when full, or at a change of section once half full.
    for part, after in itertools.pairwise(advice):
        full = (len(part.ids) == llm.MAX_PART_RECOMMENDATIONS
                or size(part.ids + after.ids[:1]) > llm.MAX_PART_CHARS)
        new_topic = by_id[part.ids[-1]].section != by_id[after.ids[0]].section
        assert full or new_topic


def test_each_part_has_its_own_cache_version(long_guideline: ParsedGuideline) -> None:
    parts = llm.plan_parts(long_guideline)
    versions = [llm.cache_version(long_guideline, p) for p in parts]
    assert len(set(versions)) == len(parts)
    assert all(v.startswith(f"{llm.PROMPT_VERSION}:{p.name}:") and len(v) <= 40
               for v, p in zip(versions, parts, strict=True))
    assert versions == [llm.cache_version(long_guideline, p) for p in parts], "stable"
    assert llm.request_body(long_guideline, "m", parts[-1])["response_format"][
        "json_schema"]["name"] == "patient_version_overview"


def test_asking_again_says_what_to_fix_without_changing_the_cache_version(
    guideline: ParsedGuideline,
) -> None:
    part = _whole(guideline)
    body = llm.request_body(guideline, "m", part, ["R1: doubled word ('the the')"])
    assert "rejected for these problems" in body["messages"][-1]["content"]
    assert "R1: doubled word" in body["messages"][-1]["content"]
    assert llm.cache_version(guideline, part) == llm.cache_version(guideline, part)
    assert pvg_answer(body)["recommendations"], "the JSON block is still readable"


# --- one answer -------------------------------------------------------------------------------


def test_a_faithful_answer_becomes_a_complete_patient_version(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    pvg = llm.to_patient_version(guideline, [(_whole(guideline), json.dumps(answer))], "model-x")
    assert pvg.generator == "model-x"
    # The grade labels follow the disclaimer, for the care team.
    assert [s.heading for s in pvg.sections] == [*REQUIRED_SECTIONS, CARE_TEAM_GRADES]
    assert pvg.sections[-2].body == DISCLAIMER, "the disclaimer is ours, not the model's"
    assert pvg.summary == answer["summary"] and pvg.glossary
    assert {e.term for e in pvg.glossary} == {t["term"] for t in answer["glossary"]}
    words = next(s.body for s in pvg.sections if s.heading == "Words to know")
    above = "\n".join(s.body for s in pvg.sections[:[s.heading for s in pvg.sections]
                                                 .index("Words to know")])
    for e in pvg.glossary:  # explained once: where first used, or else in the list
        assert (f"**{e.term}**" in words) != (defining_sentence(e) in above), e.term
    assert sorted(r.id for r in pvg.recommendations) == sorted(
        r.id for r in guideline.recommendations)
    source = {r.id: r for r in guideline.recommendations}
    for out in pvg.recommendations:
        rec = source[out.id]
        assert out.direction is rec.direction and out.source_text == rec.source_text
        assert (out.grade, out.strength_level) == (rec.grade, rec.strength)
    assert pvg.readability is not None and pvg.readability.fkgl <= 8
    assert pvg.advice_readability is not None
    assert check_quality(guideline, pvg).outcome == "pass"


def test_grade_codes_are_for_the_care_team_not_on_the_readers_advice(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    """A code such as "(Grade: B.)" tells a reader nothing: the model's page prints the
    labels as the guideline printed them after the disclaimer, by advice number."""
    pvg = llm.to_patient_version(guideline, [(_whole(guideline), json.dumps(answer))], "m")
    key = next(s.body for s in pvg.sections if s.heading == "Key recommendations")
    assert "Grade" not in key, key
    grades = pvg.sections[-1]
    assert grades.heading == CARE_TEAM_GRADES
    for i, rec in enumerate(pvg.recommendations, 1):
        assert rec.grade and f"{rec.grade}: advice" in grades.body, grades.body
        assert str(i) in grades.body


def test_recommendations_are_shown_strongest_first(guideline: ParsedGuideline,
                                                   answer: dict[str, Any]) -> None:
    pvg = llm.to_patient_version(guideline, [(_whole(guideline), json.dumps(answer))], "m")
    order = ["strong", "moderate", "conditional", "consensus", "ungraded", "insufficient"]
    levels = [order.index(r.strength_level.value) for r in pvg.recommendations]
    assert levels == sorted(levels)
    key = next(s.body for s in pvg.sections if s.heading == "Key recommendations")
    positions = [key.index(r.text) for r in pvg.recommendations]
    assert positions == sorted(positions)


def test_a_fenced_answer_is_accepted(guideline: ParsedGuideline, answer: dict[str, Any]) -> None:
    fenced = f"```json\n{json.dumps(answer)}\n```"
    assert llm.to_patient_version(guideline, [(_whole(guideline), fenced)], "m").recommendations


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


@pytest.mark.parametrize("where", ["recommendation", "summary", "glossary"])
def test_the_patient_in_reader_text_is_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any], where: str
) -> None:
    if where == "recommendation":
        answer["recommendations"][0]["text"] += " The patient can ask about it."
    elif where == "summary":
        answer["summary"] += " Patients can ask about it."
    else:
        answer["glossary"][0]["meaning"] += " The patient can ask about it."
    problems = _problems(guideline, answer)
    assert problems and all("patient" in p.lower() for p in problems)
    assert any("says 'the patient'" in p for p in problems)


@pytest.mark.parametrize(("defect", "rule"), [
    ("Ask your your doctor.", "doubled word ('your your')"),
    ("Ask about the dose of dose.", "'X of X'"),
    ("Ask your doctor .", "space before punctuation"),
    ("Ask your doctor (and nurse.", "unbalanced brackets"),
    ("Ask your <b>doctor</b>.", "leftover markup"),
])
def test_wording_defects_are_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any], defect: str, rule: str
) -> None:
    rec = answer["recommendations"][0]
    rec["text"] += " " + defect
    assert any(p.startswith(f"{rec['id']}: {rule}") for p in _problems(guideline, answer))


def test_on_the_last_attempt_wording_gate_findings_go_to_review_instead(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    part = _whole(guideline)
    rec = misbehave(answer, "fragment")["recommendations"][0]
    problems = _problems(guideline, answer)
    assert problems and all(p.startswith(f"{rec['id']}: ") for p in problems)
    pvg = llm.to_patient_version(guideline, [(part, json.dumps(answer))], "m",
                                 wording_gate=False)
    report = check_quality(guideline, pvg)
    assert report.outcome == "needs_review"
    assert {f.check for f in report.findings if f.severity is Severity.WARNING} == {"wording"}
    rec["text"] = rec["text"].replace("65", "60", 1)
    with pytest.raises(llm.InvalidAnswer):
        llm.to_patient_version(guideline, [(part, json.dumps(answer))], "m", wording_gate=False)


def test_a_summary_over_120_words_or_missing_is_rejected(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    answer["summary"] = " ".join(["You can ask your doctor."] * 25)
    assert _problems(guideline, answer) == ["whole: the summary has 125 words, more than 120"]
    answer["summary"] = " "
    assert _problems(guideline, answer) == ["whole: the summary is empty"]
    del answer["summary"]
    assert _problems(guideline, answer) == ["whole: answer does not match schema"]


def test_a_number_the_guideline_does_not_give_is_rejected_outside_the_advice(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    answer["summary"] += " About 37 in 100 people have it."
    # 100 is a number the guideline gives; 37 is not.
    assert _problems(guideline, answer) == ["whole summary: number '37' is not in the guideline"]


def test_every_acronym_needs_a_glossary_entry_with_the_guidelines_own_meaning(
    guideline: ParsedGuideline, answer: dict[str, Any]
) -> None:
    rec = answer["recommendations"][0]
    rec["text"] += " Ask about an MRI."
    assert _problems(guideline, answer) == ["whole: acronym 'MRI' is not in the glossary"]
    answer["glossary"].append({"term": "MRI", "meaning": "A scan that makes pictures."})
    assert llm.to_patient_version(guideline, [(_whole(guideline), json.dumps(answer))], "m")

    defined = llm._acronyms(guideline)
    acronym, meaning = next(iter(defined.items()))
    answer["glossary"].append({"term": acronym, "meaning": "Something else entirely."})
    assert _problems(guideline, answer) == [
        f"whole: '{acronym}' is not explained as the guideline defines it ('{meaning}')"]


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


# --- parts ------------------------------------------------------------------------------------


def test_parts_merge_into_one_patient_version(long_guideline: ParsedGuideline) -> None:
    answers = _answers(long_guideline)
    pvg = llm.to_patient_version(long_guideline, answers, "m")
    assert sorted(r.id for r in pvg.recommendations) == sorted(
        r.id for r in long_guideline.recommendations)
    overview = json.loads(answers[-1][1])
    assert pvg.summary == overview["summary"] and pvg.title == overview["title"]
    terms = {t["term"].lower() for _, content in answers for t in json.loads(content)["glossary"]}
    assert {e.term.lower() for e in pvg.glossary} == terms and len(pvg.glossary) == len(terms)
    own = llm._acronyms(long_guideline)
    assert all(e.source == GUIDELINE for e in pvg.glossary if e.term in own)
    key = next(s.body for s in pvg.sections if s.heading == "Key recommendations")
    assert key.count("### ") >= 3, "grouped by the guideline's sections"
    report = check_quality(long_guideline, pvg)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


def test_a_bad_part_is_named_so_only_it_is_asked_for_again(
    long_guideline: ParsedGuideline,
) -> None:
    parts = llm.plan_parts(long_guideline)
    second = parts[1]
    with pytest.raises(llm.InvalidAnswer) as error:
        llm.to_patient_version(long_guideline, _answers(long_guideline, {
            second.name: "drop_recommendation", "overview": "the_patient"}), "m")
    assert error.value.parts == [second.name, "overview"]
    assert error.value.problems[0] == (
        f"{second.ids[-1]}: recommendation missing from the patient version")
    assert any(p.startswith("overview summary: says 'the patient'")
               for p in error.value.problems[1:])
    with pytest.raises(llm.InvalidAnswer):
        llm.check_part(long_guideline, second,
                       dict(_answers(long_guideline, {second.name: "change_number"}))[second])
    llm.check_part(long_guideline, second, dict(_answers(long_guideline))[second])


def test_a_part_answering_another_parts_recommendations_is_rejected(
    long_guideline: ParsedGuideline,
) -> None:
    first, second = llm.plan_parts(long_guideline)[:2]
    content = dict(_answers(long_guideline))[second]
    with pytest.raises(llm.InvalidAnswer) as error:
        llm.check_part(long_guideline, first, content)
    assert error.value.parts == [first.name]
    assert error.value.problems[0] == f"{second.ids[0]}: unknown recommendation"


# --- plumbing ---------------------------------------------------------------------------------


def test_problems_survive_the_process_pool() -> None:
    error = pickle.loads(pickle.dumps(llm.InvalidAnswer(["R1: x"], ["advice-2"])))  # noqa: S301
    assert isinstance(error, llm.InvalidAnswer)
    assert (error.problems, error.parts) == (["R1: x"], ["advice-2"])


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
    part = _whole(guideline)
    body = llm.request_body(guideline, "m", part)
    assert "Chinese" in body["messages"][0]["content"]
    pvg = llm.to_patient_version(guideline, [(part, json.dumps(pvg_answer(body)))], "m")
    assert pvg.language == "zh" and pvg.readability is None and pvg.summary
    assert pvg.chinese_readability is not None
    against = next(r for r in pvg.recommendations if r.direction is Direction.AGAINST)
    assert against.strength.startswith("✖")
