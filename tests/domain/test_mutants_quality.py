"""Quality control behaviour that mutation testing (``make mutation``) found unguarded.

Written to kill mutants of domain/quality.py that the corpus tests let through; each test
says what a reviewer relies on (bench/mutation/).
"""

from __future__ import annotations

import pytest

import domain.quality
from domain.generation import OfflineProvider
from domain.model import (
    ChineseReadability,
    Direction,
    DocumentFormat,
    Finding,
    GlossaryEntry,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    QcOutcome,
    Readability,
    Recommendation,
    Section,
    Severity,
    Strength,
)
from domain.parsing import parse_guideline
from domain.quality import WORDS, _check_jargon, check_quality
from domain.readability import score
from tests.domain.conftest import corpus_file

ZH = "# 高血压指南\n\n## 推荐意见\n\n成人应当每年测量一次血压。\n\n不推荐常规使用某种药物。\n"
# One sentence of 58 Chinese characters, said without a break.
LONG = ("成人应当每年测量一次血压并且记录在本子上以便医生在下一次门诊的时候"
        "可以查看这些测量的结果然后决定是否需要调整治疗方案")


@pytest.fixture(scope="module")
def chinese() -> tuple[ParsedGuideline, PatientVersion]:
    guideline = parse_guideline(ZH.encode(), "zh.md")
    return guideline, OfflineProvider().generate(guideline)


def _readability(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.check == "readability"]


def test_short_chinese_sentences_raise_no_readability_finding(chinese) -> None:
    guideline, pvg = chinese
    report = check_quality(guideline, pvg)
    assert report.outcome is QcOutcome.PASS, report.findings
    assert report.chinese_readability is not None
    assert report.chinese_readability.avg_sentence_chars < 25
    assert not _readability(report.findings)


def test_chinese_sentences_over_the_hard_limit_go_to_review(chinese) -> None:
    """Average sentence length over 40 characters: a WARNING that names the measure."""
    guideline, pvg = chinese
    bad = pvg.model_copy(deep=True)
    for section in bad.sections:
        if section.heading != "声明":
            section.body = LONG + LONG + "。"
    report = check_quality(guideline, bad)
    (finding,) = _readability(report.findings)
    assert finding.severity is Severity.WARNING
    assert finding.target == "document"
    assert finding.message.startswith("avg_sentence_chars ")
    assert "hard limit 40.0" in finding.message
    assert report.outcome is QcOutcome.NEEDS_REVIEW


def test_chinese_sentences_over_the_target_only_inform(chinese) -> None:
    """Between the target (25) and the hard limit (40): INFO, and the outcome stays PASS."""
    guideline, pvg = chinese
    bad = pvg.model_copy(deep=True)
    for section in bad.sections:
        if section.heading != "声明":
            section.body = LONG + "。" + LONG + "。"
    report = check_quality(guideline, bad)
    assert report.chinese_readability is not None
    assert 25 < report.chinese_readability.avg_sentence_chars < 40
    (finding,) = _readability(report.findings)
    assert finding.severity is Severity.INFO
    assert finding.target == "document"
    assert "target 25.0" in finding.message
    assert report.outcome is QcOutcome.PASS, report.findings


@pytest.mark.parametrize(
    ("measures", "severities"),
    [
        # at the target: fine; at the hard limit: only above the target
        ((25.0, 0.25, 1.0), []),
        ((40.0, 0.4, 3.0), [Severity.INFO] * 3),
        ((40.01, 0.41, 3.01), [Severity.WARNING] * 3),
    ],
)
def test_chinese_limits_are_inclusive(
    chinese, monkeypatch: pytest.MonkeyPatch, measures: tuple[float, float, float],
    severities: list[Severity],
) -> None:
    """A version exactly at a limit meets it: only a value above it is reported."""
    avg, uncommon, jargon = measures
    fixed = ChineseReadability(avg_sentence_chars=avg, uncommon_char_share=uncommon,
                               jargon_per_100_chars=jargon)
    monkeypatch.setattr(domain.quality, "score_chinese", lambda text: fixed)
    guideline, pvg = chinese
    report = check_quality(guideline, pvg)
    assert [f.severity for f in _readability(report.findings)] == severities


@pytest.fixture(scope="module")
def english() -> tuple[ParsedGuideline, PatientVersion]:
    name = "uspstf_breast-cancer-screening_2016.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    return guideline, OfflineProvider().generate(guideline)


def _english_findings(english, monkeypatch: pytest.MonkeyPatch, fkgl: float, smog: float,
                      fre: float, sentences: int) -> list[tuple[Severity, str]]:
    fixed = Readability(fkgl=fkgl, smog=smog, fre=fre)
    monkeypatch.setattr(domain.quality, "score", lambda text: fixed)
    monkeypatch.setattr(domain.quality, "sentences", lambda text: ["A sentence."] * sentences)
    guideline, pvg = english
    found = _readability(check_quality(guideline, pvg).findings)
    assert all(f.target == "document" for f in found)
    return [(f.severity, f.message) for f in found]


def test_english_limits_are_inclusive(english, monkeypatch: pytest.MonkeyPatch) -> None:
    """FKGL 8 and FRE 60 are the hard limits themselves: above the targets, not beyond."""
    assert _english_findings(english, monkeypatch, 8.0, 10.0, 60.0, 30) == [
        (Severity.INFO, "FKGL 8.0 is above the target 6.0"),
        (Severity.INFO, "SMOG 10.0 is above the target 8.0"),
        (Severity.INFO, "FRE 60.0 is below the target 70.0"),
    ]
    assert _english_findings(english, monkeypatch, 6.0, 8.0, 70.0, 30) == []


def test_smog_on_a_short_text_only_informs(english, monkeypatch: pytest.MonkeyPatch) -> None:
    """SMOG needs 30 sentences: on fewer its hard limit is an INFO, while FKGL and FRE still
    warn; on 30 or more it warns like the others."""
    short = _english_findings(english, monkeypatch, 9.0, 11.0, 50.0, 29)
    assert short == [
        (Severity.WARNING, "FKGL 9.0 is above the hard limit 8.0"),
        (Severity.INFO, "SMOG 11.0 is above the hard limit 10.0 (fewer than 30 sentences, so not"
                        " reliable)"),
        (Severity.WARNING, "FRE 50.0 is below the hard limit 60.0"),
    ]
    long = _english_findings(english, monkeypatch, 5.0, 11.0, 80.0, 30)
    assert long == [(Severity.WARNING, "SMOG 11.0 is above the hard limit 10.0")]
    fine = _english_findings(english, monkeypatch, 5.0, 9.0, 80.0, 29)
    assert fine == [(Severity.INFO, "SMOG 9.0 is above the target 8.0")]


def jargon_findings(glossary: str, section: str, recommendation: str,
                    entries: tuple[GlossaryEntry, ...] = ()) -> list[Finding]:
    """The jargon findings of a page with one section, a word list and one piece of advice."""
    pvg = PatientVersion(
        title="T", generator="test", glossary=list(entries),
        sections=[PvgSection(heading="About", body=section),
                  PvgSection(heading=WORDS, body=glossary)],
        recommendations=[PvgRecommendation(id="R1", text=recommendation, strength="✔",
                                           direction=Direction.FOR, source_text="x")],
    )
    findings: list[Finding] = []
    _check_jargon(pvg, findings)
    return findings


def _jargon(glossary: str, section: str, recommendation: str) -> list[tuple[str, str, str]]:
    findings = jargon_findings(glossary, section, recommendation)
    assert all(f.severity is Severity.WARNING for f in findings)
    return [(f.check, f.target, f.message) for f in findings]


def test_medical_terms_must_be_defined_once_where_first_met() -> None:
    """Each undefined term is reported once, on the section or recommendation that first
    uses it; a glossary line 'Term: meaning' or a bold term defines it."""
    assert _jargon("", "Hypertension and dyslipidemia are common.",
                   "Ask about hypertension.") == [
        ("jargon", "About", "medical term 'hypertension' is not defined in 'Words to know'"),
        ("jargon", "About", "medical term 'dyslipidemia' is not defined in 'Words to know'"),
    ]
    assert _jargon("- Hypertension: high blood pressure\n- Dyslipidemia: high blood fats",
                   "Hypertension and dyslipidemia are common.", "Ask about hypertension.") == []
    assert _jargon("**Dyslipidemia** means high blood fats", "Dyslipidemia is common.",
                   "Ask about dyslipidemia.") == []
    assert _jargon("- Hypertension: high blood pressure", "Hypertension is common.",
                   "Ask about dyslipidemia and hypertension.") == [
        ("jargon", "R1", "medical term 'dyslipidemia' is not defined in 'Words to know'"),
    ]


def _source(**changes: object) -> Recommendation:
    fields: dict[str, object] = {
        "id": "R1", "text": "Offer aspirin to adults aged 50 years.",
        "source_text": "Offer aspirin to adults aged 50 years."}
    return Recommendation.model_validate({**fields, **changes})


def _out(**changes: object) -> PvgRecommendation:
    fields: dict[str, object] = {
        "id": "R1", "text": "Take aspirin if you are 50.", "strength": "✔ Do this",
        "direction": Direction.FOR, "source_text": "x"}
    return PvgRecommendation.model_validate({**fields, **changes})


AGAINST_TEXT = "Do not offer aspirin to adults aged 50 years."
INSUFFICIENT = {"direction": Direction.INSUFFICIENT}


@pytest.mark.parametrize(
    ("source", "outs", "expected"),
    [
        (_source(), [_out()], []),
        (_source(), [], [("coverage", "R1", "recommendation missing from the patient version",
                          Severity.ERROR)]),
        (_source(), [_out(), _out(id="R9")],
         [("coverage", "R9", "recommendation not in the source guideline", Severity.WARNING)]),
        (_source(), [_out(strength="  ")],
         [("coverage", "R1", "strength of the advice not given", Severity.ERROR)]),
        (_source(direction=Direction.AGAINST), [_out(direction=Direction.AGAINST)],
         [("fidelity", "R1", "strength wording does not match the direction 'against'",
           Severity.ERROR)]),
        (_source(strength=Strength.STRONG), [_out(strength="✔ weak advice")],
         [("fidelity", "R1", "strength wording does not match the strength 'strong'",
           Severity.ERROR)]),
        (_source(strength=Strength.CONDITIONAL), [_out(strength="✔ strong advice")],
         [("fidelity", "R1", "strength wording does not match the strength 'conditional'",
           Severity.ERROR)]),
        (_source(), [_out(direction=Direction.AGAINST)],
         [("fidelity", "R1", "direction changed from 'for' to 'against'", Severity.ERROR)]),
        (_source(), [_out(text="Take aspirin if you are 60.")],
         [("fidelity", "R1", "number '50' of the source is missing or changed", Severity.ERROR),
          ("fidelity", "R1", "number '60' is not in the source statement", Severity.WARNING)]),
        (_source(direction=Direction.AGAINST, text=AGAINST_TEXT, source_text=AGAINST_TEXT),
         [_out(strength="✖ Do not", direction=Direction.AGAINST,
               text="Aspirin is for people who are 50.")],
         [("fidelity", "R1", "negation of the source statement is lost", Severity.ERROR)]),
        (_source(**INSUFFICIENT), [_out(strength="? Maybe", text="Aspirin at 50.", **INSUFFICIENT)],
         [("fidelity", "R1", "'not enough evidence' wording of the source statement is lost",
           Severity.ERROR)]),
        (_source(**INSUFFICIENT),
         [_out(strength="? Not enough evidence", text="Aspirin at 50.", **INSUFFICIENT)], []),
        (_source(**INSUFFICIENT),
         [_out(strength="? Maybe", text="It is unclear if aspirin at 50 helps.", **INSUFFICIENT)],
         []),
        (_source(), [_out(text="Do not take aspirin if you are 50.")],
         [("fidelity", "R1", "wording has a negation the source statement does not have",
           Severity.WARNING)]),
        (_source(label_understood=False, grade="Grade 2+"), [_out()],
         [("coverage", "R1", "grade label 'Grade 2+' is printed but not understood: check the"
           " strength", Severity.WARNING)]),
        (_source(), [_out(text="  ")],
         [("fidelity", "R1", "number '50' of the source is missing or changed", Severity.ERROR),
          ("coverage", "R1", "recommendation text is empty", Severity.ERROR)]),
    ],
)
def test_each_fidelity_rule_names_its_recommendation(
    source: Recommendation, outs: list[PvgRecommendation],
    expected: list[tuple[str, str, str, Severity]],
) -> None:
    """A reviewer reads which rule failed on which recommendation and how badly."""
    guideline = ParsedGuideline(title="T", format=DocumentFormat.MARKDOWN,
                                recommendations=[source])
    pvg = PatientVersion(title="T", generator="test", sections=[], recommendations=outs)
    ids = {"R1", "R9"}
    found = [(f.check, f.target, f.message, f.severity) for f in check_quality(guideline,
                                                                                  pvg).findings
             if f.target in ids and f.check in ("coverage", "fidelity")]
    assert found == expected


def _structure(guideline: ParsedGuideline, pvg: PatientVersion) -> list[tuple[str, str, str,
                                                                                Severity]]:
    return [(f.check, f.target, f.message, f.severity)
            for f in check_quality(guideline, pvg).findings if f.check == "structure"]


def test_missing_sections_and_disclaimer_are_named(english) -> None:
    guideline, pvg = english
    assert _structure(guideline, pvg) == []
    bad = pvg.model_copy(deep=True)
    bad.sections = [s for s in bad.sections if s.heading not in ("Things to consider",
                                                                 "Disclaimer")]
    assert _structure(guideline, bad) == [
        ("structure", "Things to consider", "required section is missing", Severity.WARNING),
        ("structure", "Disclaimer", "required section is missing", Severity.WARNING),
        ("structure", "Disclaimer",
         "no disclaimer that this does not replace advice from a clinician", Severity.WARNING),
    ]
    shouted = pvg.model_copy(deep=True)
    for section in shouted.sections:
        section.heading = section.heading.upper()  # headings compare without case
    assert _structure(guideline, shouted) == []


def test_no_recommendations_fails_and_empty_sections_are_named(english) -> None:
    guideline, pvg = english
    bad = pvg.model_copy(deep=True)
    bad.recommendations = []
    assert ("structure", "Key recommendations", "no recommendations", Severity.ERROR) in \
        _structure(guideline, bad)
    empty = pvg.model_copy(deep=True)
    empty.sections[0].body = "  "
    empty.sections[1].body = "| a | b |"  # a table is not empty
    assert _structure(guideline, empty) == [
        ("structure", "What this guideline is about", "section is empty", Severity.WARNING),
    ]


def test_chinese_sections_are_looked_up_by_their_chinese_names(chinese) -> None:
    guideline, pvg = chinese
    assert _structure(guideline, pvg) == []
    bad = pvg.model_copy(deep=True)
    bad.sections = bad.sections[:-1]
    assert _structure(guideline, bad) == [
        ("structure", "Disclaimer", "required section is missing", Severity.WARNING),
        ("structure", "Disclaimer",
         "no disclaimer that this does not replace advice from a clinician", Severity.WARNING),
    ]
    short = pvg.model_copy(deep=True)
    short.sections[1].body = "一"  # a Chinese body has no English sentences, and is not empty
    assert _structure(guideline, short) == []


def test_a_statement_nothing_covers_is_quoted_in_the_finding() -> None:
    """QC's source pass: the finding names the section and quotes up to 90 characters."""
    short = "Clinicians should screen all adults for hypertension every year."
    long = ("Clinicians should screen all adults aged 40 years or older for type 2 diabetes"
            " every three years.")
    guideline = ParsedGuideline(
        title="T", format=DocumentFormat.MARKDOWN,
        sections=[Section(heading="Recommendations", level=1, text=short),
                  Section(heading="", level=2, text=long)])
    pvg = PatientVersion(title="T", generator="test", sections=[], recommendations=[])
    found = [(f.target, f.message, f.severity) for f in check_quality(guideline, pvg).findings
             if f.check == "coverage"]
    assert found == [
        ("Recommendations", f'the source says "{short}" (modal verb) and no recommendation of'
         " the patient version covers it", Severity.WARNING),
        ("source", f'the source says "{long[:87]}..." (modal verb) and no recommendation of the'
         " patient version covers it", Severity.WARNING),
    ]
    assert len(long) == 97


def test_moderate_advice_may_be_worded_strongly() -> None:
    """Only strong advice worded weakly, or conditional advice worded strongly, is a
    mismatch."""
    guideline = ParsedGuideline(title="T", format=DocumentFormat.MARKDOWN,
                                recommendations=[_source(strength=Strength.MODERATE)])
    pvg = PatientVersion(title="T", generator="test", sections=[],
                         recommendations=[_out(strength="✔ strong advice")])
    assert not [f for f in check_quality(guideline, pvg).findings if f.check == "fidelity"]


def test_glossary_wording_defects_are_reported_on_the_glossary(english) -> None:
    guideline, pvg = english
    bad = pvg.model_copy(deep=True)
    bad.glossary.append(GlossaryEntry(term="Screening", meaning="A test test for a disease."))
    found = [(f.target, f.message) for f in check_quality(guideline, bad).findings
             if f.check == "wording"]
    assert found == [(WORDS, "doubled words 'test test': \"A test test for a disease.\"")]


def test_advice_readability_is_measured_on_the_recommendations_alone(english) -> None:
    guideline, pvg = english
    report = check_quality(guideline, pvg)
    assert report.advice_readability == score("\n".join(r.text for r in pvg.recommendations))
    assert report.source_readability == score(
        "\n".join(r.text for r in guideline.recommendations))


def test_a_missing_recommendation_does_not_stop_the_checks_of_the_next() -> None:
    """Every recommendation is checked: one missing from the patient version must not hide
    a changed number in the one after it."""
    guideline = ParsedGuideline(title="T", format=DocumentFormat.MARKDOWN, recommendations=[
        _source(id="R1"), _source(id="R2")])
    pvg = PatientVersion(title="T", generator="test", sections=[],
                         recommendations=[_out(id="R2", text="Take aspirin if you are 60.")])
    found = [(f.target, f.message) for f in check_quality(guideline, pvg).findings
             if f.check in ("coverage", "fidelity") and f.target in ("R1", "R2")]
    assert found == [
        ("R1", "recommendation missing from the patient version"),
        ("R2", "number '50' of the source is missing or changed"),
        ("R2", "number '60' is not in the source statement"),
    ]


def test_a_disclaimer_in_capitals_is_a_disclaimer(english) -> None:
    guideline, pvg = english
    shouted = pvg.model_copy(deep=True)
    for section in shouted.sections:
        if section.heading == "Disclaimer":
            section.body = "This guide is NOT A SUBSTITUTE for advice from your clinician."
    assert _structure(guideline, shouted) == []


def test_an_empty_glossary_and_a_section_of_markup_only_are_empty(english) -> None:
    guideline, pvg = english
    bad = pvg.model_copy(deep=True)
    for section in bad.sections:
        if section.heading == WORDS:
            section.body = "  "
        elif section.heading == "Things to consider":
            section.body = "---"  # a rule, no sentence
    assert _structure(guideline, bad) == [
        ("structure", "Things to consider", "section is empty", Severity.WARNING),
        ("structure", WORDS, "section is empty", Severity.WARNING),
    ]


def test_a_chinese_version_is_not_held_for_english_jargon(chinese) -> None:
    """The English jargon and wording checks do not apply to a Chinese patient version: an
    English term quoted in it (a drug or disease name) is not a finding."""
    guideline, pvg = chinese
    quoted = pvg.model_copy(deep=True)
    quoted.recommendations[0].text += "（hypertension）"
    report = check_quality(guideline, quoted)
    assert [f for f in report.findings if f.check == "jargon"] == []
