"""Quality control of a patient version against its source guideline.

The checks are those of patient-versions.md: readability, coverage, fidelity, jargon and
structure. Coverage and fidelity are judged against the source, not only against our own
parse: a second pass over the source text (:mod:`domain.source_check`) must find every
recommendation-like statement in the patient version or class it, with a reason, as not a
recommendation; numbers and negations are read with functions of their own
(:mod:`domain.fidelity`), never with the ones the generator used to choose its wording.

Outcome rules: broken fidelity (a recommendation missing, a number changed or missing, a
direction flipped, a negation lost) is ``fail``; anything a person should look at — fidelity
in doubt, a statement of the source the version may have missed, a grade label not
understood, numbers the source does not give, readability over the hard limits, undefined
jargon, a broken structure — is ``needs_review``, with the draft kept for the reviewer;
readability above target but within the hard limits is noted and holds nothing back.

Contract for every provider: ``PvgRecommendation.strength`` starts with the direction's
symbol (✔ for, ✖ against, ? not enough evidence) and says "strong"/"weak" only when the
guideline does; ``PvgRecommendation.text`` is the statement that carries its numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain import lexicon
from domain.chinese import HEADINGS_ZH
from domain.fidelity import (
    added_numbers,
    advises_not,
    lost_numbers,
    negations,
    says_insufficient,
)
from domain.generation import REQUIRED_SECTIONS, WORDS, render_text
from domain.glossary import DEFINED_HERE, defining_sentence, singular, without_definitions
from domain.model import (
    ChineseReadability,
    Direction,
    Finding,
    ParsedGuideline,
    PatientVersion,
    QcOutcome,
    QualityReport,
    Readability,
    Severity,
    Strength,
)
from domain.page_plan import AFTER_DISCLAIMER, CARE_TEAM_WORDS
from domain.readability import is_dictionary_word, score, score_chinese, sentences
from domain.source_check import check_source
from domain.terms import TermMatcher
from domain.unexplained import check_unexplained
from domain.wording_check import check_wording

__all__ = ["LIMITS", "NOT_JARGON", "check_quality"]

# measure: (target, hard limit, higher_is_better)
LIMITS: dict[str, tuple[float, float, bool]] = {
    "fkgl": (6.0, 8.0, False),
    "smog": (8.0, 10.0, False),
    "fre": (70.0, 60.0, True),
}
ZH_LIMITS: dict[str, tuple[float, float, bool]] = {
    "avg_sentence_chars": (25.0, 40.0, False),
    "uncommon_char_share": (0.25, 0.4, False),
    "jargon_per_100_chars": (1.0, 3.0, False),
}
_SYMBOL = {Direction.FOR: "✔", Direction.AGAINST: "✖", Direction.INSUFFICIENT: "?"}
# LAY_TERMS keys that are ordinary words, not jargon a patient must have defined.
NOT_JARGON = frozenset({
    "patients", "persons", "individuals", "providers", "provider", "physicians", "physician",
    "practitioners", "practitioner", "medication", "medications", "examination",
    "examinations", "intervention", "interventions", "evaluation", "evaluations",
    "assessment", "assessments", "laboratory", "acute", "chronic", "indicated", "diagnosed",
    "follow-up", "monitoring", "referral", "infant", "infants", "adolescent", "adolescents",
    "elderly", "fatigue", "nausea", "obese", "obesity", "fracture", "fractures", "dosage",
    "dosing", "initiate", "initiated", "initiating", "initiation", "administer",
    "administered", "administration", "discontinue", "discontinued", "surgical",
    "psychological", "behavioral", "body weight", "physical activity", "glucose", "sodium",
    "imaging", "specimen", "specimens", "consultation", "consultations",
})


@lru_cache(maxsize=1)
def _jargon() -> TermMatcher:
    terms = [k for k in lexicon.LAY_TERMS if k not in NOT_JARGON]
    terms += [k for k in lexicon.DEFINED_TERMS if k not in lexicon.LAY_TERMS]
    return TermMatcher(terms)


def check_quality(guideline: ParsedGuideline, pvg: PatientVersion) -> QualityReport:
    findings: list[Finding] = []
    readability = advice = source_readability = chinese = None
    if pvg.language == "zh" or guideline.language == "zh":
        chinese = _chinese_readability(pvg, findings)
    else:
        rendered = render_text(pvg)
        readability = score(rendered)
        advice = score("\n".join(r.text for r in pvg.recommendations))
        source_text = "\n".join(r.text for r in guideline.recommendations)
        source_readability = score(source_text)
        _check_readability(readability, findings, stable_smog=len(sentences(rendered)) >= 30)
    _check_coverage_and_fidelity(guideline, pvg, findings)
    _check_source(guideline, pvg, findings)
    if pvg.language != "zh":
        _check_jargon(pvg, findings)
        findings += check_unexplained(pvg, glossary_heading=WORDS)
        findings += check_wording(pvg, glossary_heading=WORDS)
    _check_structure(pvg, findings)
    return QualityReport(
        outcome=_outcome(findings),
        readability=readability,
        advice_readability=advice,
        chinese_readability=chinese,
        source_readability=source_readability,
        findings=findings,
    )


def _add(findings: list[Finding], check: str, target: str, message: str, sev: Severity) -> None:
    findings.append(Finding(check=check, target=target, message=message, severity=sev))


def _check_readability(r: Readability, findings: list[Finding], stable_smog: bool) -> None:
    """Targets give warnings, hard limits errors; SMOG needs 30 sentences to be stable, so
    on shorter texts it can only warn."""
    values = {"fkgl": r.fkgl, "smog": r.smog, "fre": r.fre}
    for measure, (target, hard, higher) in LIMITS.items():
        value = values[measure]
        over_hard = value < hard if higher else value > hard
        if measure == "smog" and not stable_smog and over_hard:
            _add(findings, "readability", "document", f"SMOG {value} is above the hard limit "
                 f"{hard} (fewer than 30 sentences, so not reliable)", Severity.INFO)
            continue
        over_target = value < target if higher else value > target
        word = "below" if higher else "above"
        if over_hard:
            _add(findings, "readability", "document",
                 f"{measure.upper()} {value} is {word} the hard limit {hard}", Severity.WARNING)
        elif over_target:
            _add(findings, "readability", "document",
                 f"{measure.upper()} {value} is {word} the target {target}", Severity.INFO)


def _chinese_readability(pvg: PatientVersion, findings: list[Finding]) -> ChineseReadability:
    zh = score_chinese(render_text(pvg))
    for measure, (target, hard, _) in ZH_LIMITS.items():
        value = getattr(zh, measure)
        if value > hard:
            _add(findings, "readability", "document", f"{measure} {value} is above the hard "
                 f"limit {hard}", Severity.WARNING)
        elif value > target:
            _add(findings, "readability", "document", f"{measure} {value} is above the "
                 f"target {target}", Severity.INFO)
    return zh


def _check_coverage_and_fidelity(
    guideline: ParsedGuideline, pvg: PatientVersion, findings: list[Finding]
) -> None:
    by_id = {r.id: r for r in pvg.recommendations}
    source_ids = {r.id for r in guideline.recommendations}
    for extra in sorted(set(by_id) - source_ids):
        _add(findings, "coverage", extra, "recommendation not in the source guideline",
             Severity.WARNING)
    for rec in guideline.recommendations:
        out = by_id.get(rec.id)
        if out is None:
            _add(findings, "coverage", rec.id, "recommendation missing from the patient version",
                 Severity.ERROR)
            continue
        wording = out.strength.strip()
        if not wording:
            _add(findings, "coverage", rec.id, "strength of the advice not given",
                 Severity.ERROR)
        elif not wording.startswith(_SYMBOL[rec.direction]):
            _add(findings, "fidelity", rec.id,
                 f"strength wording does not match the direction '{rec.direction.value}'",
                 Severity.ERROR)
        elif _strength_changed(rec.strength, wording):
            _add(findings, "fidelity", rec.id,
                 f"strength wording does not match the strength '{rec.strength.value}'",
                 Severity.ERROR)
        if out.direction is not rec.direction:
            _add(findings, "fidelity", rec.id, f"direction changed from "
                 f"'{rec.direction.value}' to '{out.direction.value}'", Severity.ERROR)
        source = rec.text or rec.source_text
        for number in lost_numbers(source, out.text):
            _add(findings, "fidelity", rec.id, f"number '{number}' of the source is missing "
                 "or changed", Severity.ERROR)
        for number in added_numbers(rec.source_text, out.text):
            _add(findings, "fidelity", rec.id, f"number '{number}' is not in the source "
                 "statement", Severity.WARNING)
        if (rec.direction is Direction.AGAINST and negations(out.text) < negations(source)
                and not advises_not(out.text)):
            _add(findings, "fidelity", rec.id, "negation of the source statement is lost",
                 Severity.ERROR)
        if rec.direction is Direction.INSUFFICIENT and not (
                says_insufficient(out.text) or says_insufficient(out.strength)):
            _add(findings, "fidelity", rec.id, "'not enough evidence' wording of the source "
                 "statement is lost", Severity.ERROR)
        if rec.direction is Direction.FOR and advises_not(out.text) and not advises_not(source):
            _add(findings, "fidelity", rec.id, "wording has a negation the source statement "
                 "does not have", Severity.WARNING)
        if not rec.label_understood:
            _add(findings, "coverage", rec.id, f"grade label '{rec.grade}' is printed but not "
                 "understood: check the strength", Severity.WARNING)
        if not out.text.strip():
            _add(findings, "coverage", rec.id, "recommendation text is empty", Severity.ERROR)


def _check_source(guideline: ParsedGuideline, pvg: PatientVersion, findings: list[Finding]) -> None:
    """Statements of the source that nothing in the patient version covers and that are
    not classed as something else: the parser may have missed them."""
    for verdict in check_source(guideline, pvg):
        if verdict.covered_by is None and verdict.not_advice is None:
            cand = verdict.candidate
            quote = cand.text if len(cand.text) <= 90 else cand.text[:87] + "..."
            _add(findings, "coverage", cand.section or "source",
                 f"the source says \"{quote}\" ({cand.cue}) and no recommendation of the "
                 "patient version covers it", Severity.WARNING)


def _strength_changed(strength: Strength, wording: str) -> bool:
    low = wording.lower()
    if strength is Strength.STRONG:
        return "weak" in low
    if strength is Strength.CONDITIONAL:
        return "strong" in low
    return False


def _check_jargon(pvg: PatientVersion, findings: list[Finding]) -> None:
    glossary = next((s.body for s in pvg.sections if s.heading.lower() == WORDS.lower()), "")
    # Each part after the disclaimer explains the words met first there.
    glossary += "".join("\n" + s.body.partition(CARE_TEAM_WORDS)[2] for s in pvg.sections
                        if s.heading in AFTER_DISCLAIMER)
    defined = {m.lower() for m in re.findall(r"\*\*([^*]+)\*\*", glossary)}
    # A word a "Words used here" line explains is not listed again at the end.
    said = "\n".join(line for s in pvg.sections for line in s.body.split("\n")
                     if line.startswith(DEFINED_HERE))
    defined |= {e.term.lower() for e in pvg.glossary if said and defining_sentence(e) in said}
    defined |= {m.group(1).strip().lower()
                for m in re.finditer(r"^\s*-?\s*([^:\n]{1,60}):", glossary, re.MULTILINE)}
    # One entry stands for both forms ("antibody" explains "antibodies").
    stems = {singular(d) for d in defined}
    defined |= {t for t in _jargon().terms if singular(t) in stems}
    matcher = _jargon()
    reported: set[str] = set()
    places = [(s.heading, without_definitions(s.body.partition(CARE_TEAM_WORDS)[0]))
              for s in pvg.sections if s.heading.lower() != WORDS.lower()]
    places += [(r.id, r.text) for r in pvg.recommendations]
    grades = {t for r in pvg.recommendations for t in re.split(r"[\s,;/()]+", r.grade or "")}
    for target, text in places:
        for start, end, term in matcher.find(text):
            if term in defined or term in reported or (
                    text[start:end].islower() and term.upper() in lexicon.KEEP_ACRONYMS):
                continue  # "walking aids" is no "AIDS"
            reported.add(term)
            _add(findings, "jargon", target, f"medical term '{term}' is not defined in "
                 f"'{WORDS}'", Severity.WARNING)
        for acronym in _acronyms(text):
            low = acronym.lower()
            base = re.sub(r"-(?:i|ii|iii|iv)$", "", low)  # "CRPS-I" is a type of CRPS
            if (acronym in grades or acronym in _NOT_ACRONYMS or low in reported
                    or any(t in (low, base, low.removesuffix("s")) or low in t.split()
                           or t.startswith(low + "-") for t in defined)):
                continue  # "MRI" in "MRI scan", "CIWA" in "CIWA-Ar"
            reported.add(low)
            _add(findings, "jargon", target, f"short form '{acronym}' is not defined in "
                 f"'{WORDS}'", Severity.WARNING)


# Grade labels and the country are printed as they are; nothing a reader must look up.
_NOT_ACRONYMS = frozenset({
    "US", "USA", "IA", "IB", "IC", "II", "IIA", "IIB", "IIC", "III", "IIIA", "IIIB", "IV",
    "EO", "LOE", "COR", "GPP", "B-R", "B-NR", "C-LD", "C-EO", "NR", "SOR", "OK",
})
_CAPS = re.compile(r"(?<![\w.-])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Z][A-Za-z0-9]*"
                   r"(?:-[A-Z0-9]+\b)*(?![\w])")
_SHOUTED = frozenset({"AND", "OR", "NO", "NOT", "THE", "OF", "TO", "IN", "FOR", "ALL", "ANY"})


def _acronyms(text: str) -> list[str]:
    """Every short form in capitals ("LDL", "HIV-1", "PhD", "SaO2"): any of them, not only
    listed ones, must be explained. A word in capitals for stress ("RISK", "HIGH AND LOW")
    is no short form."""
    found = []
    tokens = list(_CAPS.finditer(text))
    for k, m in enumerate(tokens):
        word = m.group(0)
        upper = sum(c.isupper() for c in word)
        if upper < 2 or sum(c.islower() for c in word) > upper:
            continue
        # Stress runs on in capitals ("HIGH AND LOW", "HIGH and LOW"); "CT or MRI" are two
        # short forms: a small word between counts only beside a long word of stress.
        near = [t for t in (tokens[k - 1] if k else None,
                            tokens[k + 1] if k + 1 < len(tokens) else None)
                if t and abs((t.start() - m.end()) if t.start() > m.start()
                             else (m.start() - t.end())) <= 5 and t.group(0).isupper()
                and (not re.search(r"[a-z]", text[min(m.end(), t.end()):
                                                  max(m.start(), t.start())])
                     or (len(t.group(0)) >= 4 and is_dictionary_word(t.group(0))))]
        parts = [p for p in word.split("-") if p]
        if word.isupper() and all(is_dictionary_word(p) for p in parts) and (
                len(word) >= 4 or near or word in _SHOUTED):
            continue
        if re.fullmatch(r"[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?", word):
            continue  # "C6-C7", "L4-5": the level of the spine, no short form
        found.append(word)
    return found


def _check_structure(pvg: PatientVersion, findings: list[Finding]) -> None:
    headings = [s.heading.strip().lower() for s in pvg.sections]
    names = {h: HEADINGS_ZH.get(h, h) for h in REQUIRED_SECTIONS} if pvg.language == "zh" else {
        h: h for h in REQUIRED_SECTIONS}
    for required in REQUIRED_SECTIONS:
        if names[required].lower() not in headings:
            _add(findings, "structure", required, "required section is missing",
                 Severity.WARNING)
    body = " ".join(s.body for s in pvg.sections)
    if not re.search(r"(?:does not|doesn't|do not) replace|not a substitute|不能代替|不能替代",
                     body, re.IGNORECASE):
        _add(findings, "structure", "Disclaimer",
             "no disclaimer that this does not replace advice from a clinician",
             Severity.WARNING)
    if not pvg.recommendations:
        _add(findings, "structure", "Key recommendations", "no recommendations",
             Severity.ERROR)
    for s in pvg.sections:
        if not s.body.strip() or (s.heading != WORDS and not sentences(s.body)
                                  and pvg.language != "zh"):
            _add(findings, "structure", s.heading, "section is empty", Severity.WARNING)


def _outcome(findings: list[Finding]) -> QcOutcome:
    if any(f.severity is Severity.ERROR for f in findings):
        return QcOutcome.FAIL
    if any(f.severity is Severity.WARNING for f in findings):
        return QcOutcome.NEEDS_REVIEW
    return QcOutcome.PASS
