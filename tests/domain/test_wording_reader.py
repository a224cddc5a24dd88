"""Advice is said to the reader, and the page has the structure patient-versions.md asks for."""

from __future__ import annotations

import re

import pytest

from domain.generation import CARE_TEAM, KEY, WORDS, OfflineProvider, strength_wording
from domain.glossary import DEFINED_HERE, acronym_of, build, defining_sentence
from domain.model import Audience, Direction, ParsedGuideline, PatientVersion, Strength
from domain.page_plan import AFTER_DISCLAIMER, CARE_TEAM_PART, CARE_TEAM_WORDS
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from domain.readability import words
from domain.reader import address, is_process
from domain.summary import MAX_SUMMARY_WORDS, target
from tests.domain.conftest import corpus_file
from tests.domain.test_generation import kept

AGENCIES = [
    "uspstf_lung-cancer-screening_2014.md",
    "uspstf_tobacco-smoking-cessation-adults_2015.md",
    "va-dod_opioid-therapy-chronic-pain_2017.md",
    "nhlbi_sickle-cell-acute-complications_2014.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "cpstf_diet-physical-activity-diabetes-prevention_2015.md",
    "colorado-dowc_complex-regional-pain-syndrome_2017.md",
]
_ACRONYM = re.compile(r"(?<![\w.-])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Z][A-Za-z0-9-]*"
                      r"(?![\w-])")


@pytest.fixture(scope="module", params=AGENCIES)
def made(request: pytest.FixtureRequest) -> tuple[ParsedGuideline, PatientVersion]:
    name = request.param
    guideline = parse_guideline(corpus_file(name), filename=name)
    return guideline, OfflineProvider().generate(guideline)


def test_care_team_advice_becomes_what_you_can_expect() -> None:
    rw = Rewriter()
    assert rw.simplify("Clinicians should ask all adults about tobacco use.") == (
        "If you are an adult, your care team should ask you about tobacco use.")
    out = rw.simplify("In adults with asthma, rapidly initiate inhaled steroids.")
    assert out == ("If you are an adult with asthma, your care team should quickly start "
                   "inhaled steroids.")
    assert address("Do not give opioids for acute pain.").startswith("Your care team should not")
    assert address("Use of opioids is linked to harm.").startswith("Use of opioids")


def test_the_patient_becomes_you() -> None:
    out = Rewriter().simplify("The patient should be told if the patient has HIV and the "
                              "patient's family agrees.")
    assert "patient" not in out
    assert "you have HIV" in out and "your family" in out


def test_only_pure_process_is_recognised_as_process() -> None:
    # Records, staff training, samples and agencies telling each other: nothing to do for you.
    assert is_process("Health care systems should train staff in the new order sets.")
    assert is_process("The OPO should also notify the public health authorities where the "
                      "potential donor is admitted.")
    assert is_process("The OPO should consider archiving blood specimens from deceased donors "
                      "for at least 10 years.")
    # Care a patient meets stays with the advice, whatever else the statement mentions.
    assert not is_process(
        "Posttransplant HIV testing of recipients should be conducted between one and three "
        "months posttransplant (unless infection was documented pre-transplant).")
    assert not is_process(
        "The strategies should include: random urine drug testing, checking state prescription "
        "drug monitoring programs, and prescribing of naloxone rescue.")
    assert not is_process("Use an individualized prescribing and monitoring protocol written by "
                          "the SCD provider.")
    assert not is_process("Offer yearly screening with low-dose CT to adults aged 55 to 80.")


def test_writing_down_an_informed_decision_is_no_process_hidden_from_the_reader() -> None:
    """The reader takes part in the informed decision before an injection or an invasive
    procedure: that it is written down is care they meet, as written-down consent is."""
    assert not is_process("Informed decision making should also be documented for injections "
                          "and all invasive procedures.")
    assert not is_process("Informed decision making should be documented for all invasive "
                          "procedures.")
    assert not is_process("Informed consent should be documented before surgery.")
    assert is_process("Documentation of staff training should be kept in the record.")


def test_training_about_ones_own_exposures_stays_with_the_reader() -> None:
    """When the reader is the health worker, training at hire to recognise and report their
    own blood exposures is no duty of the care system they never meet: what to do after an
    exposure is the reader's care."""
    assert not is_process(
        "At the time of hire or matriculation, health-care providers and health-care "
        "institutions should provide training to health-care personnel (HCP) to improve "
        "recognition and encourage timely reporting of blood and body fluid exposures.")
    assert is_process("Health care systems should train staff in the new order sets.")


def test_no_fragment_from_a_list_of_groups() -> None:
    out = Rewriter().simplify("Screen persons at high risk: people born in endemic countries; "
                              "men who have sex with men; and people who inject drugs.")
    assert "\n- men who have sex with men" in out
    assert not re.search(r"(?:^|\. )Men who have sex with men\.", out)


def test_no_the_patient_in_text_to_you(made: tuple[ParsedGuideline, PatientVersion]) -> None:
    _, pvg = made
    texts = [pvg.summary, *(r.text for r in pvg.recommendations),
             *(s.body for s in pvg.sections if s.heading != WORDS)]
    for text in texts:
        assert not re.search(r"\b(?:the|a) patient\b|\bpatients\b", text, re.IGNORECASE), text


def test_summary_first_short_and_for_the_target_population(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    assert pvg.summary and len(words(pvg.summary)) <= MAX_SUMMARY_WORDS
    assert "It is for " in pvg.summary
    who = target(guideline)
    numbers = re.findall(r"\d+", who)
    assert all(n in pvg.summary for n in numbers[:2]), (who, pvg.summary)
    about = pvg.sections[0].body
    assert "signs of the illness" not in about
    assert "**Who it is for:**" in about and "**Who it is not for:**" in about


def test_glossary_covers_every_acronym_and_term_left(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    listed = {e.term.lower() for e in pvg.glossary}
    grades = {g for r in guideline.recommendations for g in re.findall(r"\w+", r.grade or "")}
    advice = "\n".join(r.text for r in pvg.recommendations)
    for token in set(_ACRONYM.findall(advice)) - {"US"}:
        acronym = acronym_of(token)
        if acronym is None or acronym in grades:
            continue
        assert acronym.lower() in listed or any(acronym.lower() in t.split() for t in listed), \
            acronym
    words_to_know = next(s.body for s in pvg.sections if s.heading == WORDS)
    # A long guideline explains the words met only after the disclaimer in the part they
    # are met in (its points in full, its part for the care team).
    words_to_know += "".join(s.body.partition(CARE_TEAM_WORDS)[2] for s in pvg.sections
                             if s.heading in AFTER_DISCLAIMER)
    # A word a "Words used here" line explains above is not listed again at the end.
    above = "\n".join(ln for s in pvg.sections for ln in s.body.split("\n")
                      if ln.startswith(DEFINED_HERE))
    assert all(f"**{e.term}**" in words_to_know or defining_sentence(e) in above
               for e in pvg.glossary)
    # Every entry says what the word means: none sends the reader off to ask.
    assert not [e for e in pvg.glossary if "ask your care team" in e.meaning.lower()
                or "without spelling" in e.meaning]
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check == "jargon"], report.findings


def test_glossary_uses_the_documents_own_definitions() -> None:
    entries = build("Check the LABA dose and the XYZ level.", {"LABA": "long-acting beta2-agonist"})
    by_term = {e.term: e for e in entries}
    assert by_term["LABA"].meaning == "long-acting beta2-agonist."
    assert "XYZ" not in by_term, "an acronym nobody defines gets no empty entry"
    found = Rewriter.acronyms_from(
        "Screen with transcranial Doppler [TCD] yearly. The Joint National Committee (JNC; see "
        "Exhibit 6) sets the targets. Use MME, morphine milligram equivalents, to compare. Test "
        "VAS (visual analog scale) scores.")
    assert found == {"TCD": "transcranial Doppler", "JNC": "Joint National Committee",
                     "MME": "morphine milligram equivalents", "VAS": "visual analog scale"}


def test_grade_labels_and_word_parts_are_no_acronyms() -> None:
    entries = {e.term for e in build("Grade IB and IIA. HBV- or HCV-infected donors. "
                                     "CRPS-specific pain. Return-to-Work.",
                                     {"HBV": "hepatitis B virus", "HCV": "hepatitis C virus",
                                      "CRPS": "complex regional pain syndrome"})}
    assert {"HBV", "HCV", "CRPS"} <= entries
    assert not entries & {"IB", "IIA", "HBV-", "HCV-infected", "CRPS-specific", "Return-to-Work"}


_RANK = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
         Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}


def _ranks_of(how_strong: str) -> set[int]:
    """The ranks a printed strength wording can stand for (what follows "How strong:");
    "✖ Advice against" is said of moderate, consensus and ungraded advice alike. A page whose
    advice is all ungraded prints only the label ("✔ Advice for.")."""
    found = {5 if direction is Direction.INSUFFICIENT else rank
             for direction in Direction for strength, rank in _RANK.items()
             if how_strong.startswith(said := strength_wording(direction, strength))
             or (how_strong.endswith(".") and said.startswith(how_strong))
             # a consensus line under the legend: its sign, then "It is the experts' …"
             or (strength is Strength.CONSENSUS and how_strong
                 == f"{said.partition('. ')[0]}. It is the experts' shared view.")}
    assert found, how_strong
    return found


def _in_order(candidates: list[set[int]]) -> bool:
    """Whether some choice of ranks, one from each set, never goes down."""
    current = 0
    for ranks in candidates:
        fits = [r for r in ranks if r >= current]
        if not fits:
            return False
        current = min(fits)
    return True


def test_blocks_in_reading_order_strongest_first_within_a_topic(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    key = next(s.body for s in pvg.sections if s.heading == KEY)
    numbers = [int(n) for n in re.findall(r"^#### (?:Advice )?(\d+)\b", key, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1)), "blocks are numbered as they are read"
    untitled = re.findall(r"^#### Advice \d+$", key, re.MULTILINE)
    assert len(untitled) <= len(numbers) // 5, "most blocks say what they are about"
    for group in re.split(r"\n### ", key)[1:]:
        ranks = [_ranks_of(m) for m in re.findall(r"\*\*How strong:\*\* (.+)", group)]
        assert _in_order(ranks), group[:80]
    shown = len(numbers) + sum(s.body.count("\n- ") + 1 for s in pvg.sections
                               if s.heading == CARE_TEAM)
    assert shown <= len(guideline.recommendations) + 1


def test_every_word_of_the_advice_is_on_the_page(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    """Safety: no care is hidden. Each line of every recommendation for the reader is
    printed in full on the reader's page (before the disclaimer); each line of a care-system
    duty is printed in full in the part for the care team after it. A duty moved is never a
    duty dropped, and no advice for the reader is moved behind the disclaimer."""
    _, pvg = made

    def flat(bodies: list[str]) -> str:
        text = " ".join(" ".join(b.split()) for b in bodies)
        return re.sub(r"\s+-\s+(?:\u2714|\u2716|\?)*\s*", " ", text)

    reader = flat([s.body for s in pvg.sections if s.heading != CARE_TEAM_PART])
    care = flat([s.body for s in pvg.sections if s.heading == CARE_TEAM_PART])
    headings = [s.heading for s in pvg.sections]
    if CARE_TEAM_PART in headings:
        assert headings.index(CARE_TEAM_PART) > headings.index("Disclaimer")
    for rec in pvg.recommendations:
        page = care if rec.audience is Audience.CARE_TEAM else reader
        for line in rec.text.split("\n"):
            said = " ".join(line.strip().removeprefix("- ").split())
            assert said in page, (rec.id, rec.audience, said)


def test_numbers_kept_and_no_mechanical_defects(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    for rec, out in zip(guideline.recommendations, pvg.recommendations, strict=True):
        assert not kept(rec.text, out.text), (rec.id, out.text)
    for text in [pvg.summary, *(r.text for r in pvg.recommendations)]:
        assert not re.search(r"\b(\w+) \1\b", text.replace("that that", "")), text
        assert not re.search(r"\s[.,;:](?:\s|$)", text), text
        assert not re.search(r"\b(\w+) of \1\b", text), text


def test_a_health_worker_as_subject_leaves_the_patient_the_reader() -> None:
    """Colorado CRPS, PEMAT round 6 item 10: "The provider should be especially careful to make
    sure the patient understands …" became "… make sure they understand": a health worker was
    read as a third person the sentence speaks of. The patient is the reader."""
    from domain.reader import patient_to_you

    assert patient_to_you("The health worker should be especially careful to make sure the "
                          "patient understands the amount of treatment needed.") == (
        "The health worker should be especially careful to make sure you understand the amount "
        "of treatment needed.")
    # a worker who is not the reader's carer is still the one the sentence speaks of
    assert patient_to_you("The injured worker should be told while the patient is on leave.") \
        == "The injured worker should be told while they are on leave."
