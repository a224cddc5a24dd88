"""The mechanical wording gate: each rule finds its defect, and good patient English,
written the way leaflets are, raises nothing."""

from __future__ import annotations

import pytest

from domain.model import (
    Direction,
    DocumentFormat,
    GlossaryEntry,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    QcOutcome,
    Recommendation,
    Severity,
)
from domain.quality import check_quality
from domain.wording_check import RULES, check_wording, defects, has_finite_verb


def rules(text: str, **kind: bool) -> set[str]:
    return {d.rule for d in defects(text, **kind)}


# --- each rule finds its defect --------------------------------------------------------------

FOUND = [
    ("Talk to the the nurse about it.", "doubled word"),
    ("You may get heart and blood vessel heart and blood vessel disease.", "doubled word"),
    ("Your doctor may adjust the dose of dose over a few weeks.", "X of X"),
    ("Your doctor may offer screening of screening for lung cancer.", "X of X"),
    ("Ask your doctor about this test .", "space before punctuation"),
    ("If you smoke , try to stop.", "space before punctuation"),
    ("This advice is for you. Men who have sex with men.", "fragment"),
    ("People who inject drugs.", "fragment"),
    ("Take the pill each day. then call your nurse.", "fragment"),
    ("and adults over 50 should get this test.", "fragment"),
    ("Ask your doctor about aspirin and.", "fragment"),
    ("Take the pill with food (or milk.", "unbalanced"),
    ("Take the pill with food or milk).", "unbalanced"),
    ('Your nurse will say "breathe in and hold.', "unbalanced"),
    ("**Ask your doctor about this test.", "leftover markup"),
    ("Ask your doctor \\*now.", "leftover markup"),
    ("## Ask your doctor about this test.", "leftover markup"),
    ("Read [the leaflet](http://example.org) first.", "leftover markup"),
    ("Ask your <b>doctor</b> about this test.", "leftover markup"),
    ("Ask your doctor | about this test.", "leftover markup"),
    ("Ask your doctor&nbsp;about this test.", "leftover markup"),
    ("Some medicines can help (e.", "cut abbreviation"),
    ("Use a cream on the skin (i.", "cut abbreviation"),
    ("Some medicines can help (e.g.).", "cut abbreviation"),
    ("Some medicines (e.\ng. aspirin) can help.", "cut abbreviation"),
    ("You should tell the patient about side effects.", "the patient"),
    ("Your nurse can help patients stop smoking.", "the patient"),
    ("If you have these signs, see your doctor:\n- Person reports thoughts of suicide",
     "the person"),
    ("The risk of overdose of in people with pain is low.", "doubled preposition"),
]


@pytest.mark.parametrize(("text", "rule"), FOUND)
def test_each_rule_finds_its_defect(text: str, rule: str) -> None:
    assert rule in rules(text)


def test_every_rule_is_tested() -> None:
    assert {rule for _, rule in FOUND} == set(RULES)


def test_a_finding_quotes_the_defect() -> None:
    [d] = defects("Your doctor may adjust the dose of dose over a few weeks.")
    assert "dose of dose" in d.message and "adjust the dose of dose over" in d.message


def test_markdown_structure_is_not_leftover_markup() -> None:
    body = "**Who it is for:**\n\n- Adults aged 50 to 80 years.\n\n### Advice 1\n\n*Note*"
    assert "leftover markup" not in rules(body, markdown=True)
    assert "leftover markup" in rules("Adults aged 50 to 80 **years**.")


# --- good English raises nothing -------------------------------------------------------------

# Patient leaflets, written for these tests in the style of MedlinePlus and NHS leaflets and
# of this project's patient versions.
LEAFLETS = [
    """## What is a mammogram?

A mammogram is an X-ray picture of the breast. Doctors use it to look for breast cancer
early, when it is easier to treat. The test takes about 20 minutes. It may feel a little
uncomfortable, but it does not last long.

## Who should have one?

Most women aged 50 to 74 years should have a mammogram every 2 years. Women aged 40 to 49
years can choose to start earlier. Talk it over with your doctor.

**Before your test:**

- Do not use deodorant or powder on the day of the test.
- Wear a top you can take off easily.
- Tell the staff if you might be pregnant.

**After your test:**

You can go back to your normal day right away. The results usually come back in 2 weeks.
If something looks unusual, your doctor will call you. Most women who are called back do not
have cancer.
""",
    """## Taking your blood pressure medicine

High blood pressure raises your risk of a heart attack and stroke. Your medicine helps
keep your blood pressure in a healthy range. Medicines work best when you take them every
day, at the same time.

### Tips

- Keep a list of your medicines and bring it to every visit.
- Use a pill box, or set an alarm on your phone.
- If you miss a dose, take it as soon as you remember. Do not take two doses at once.
- Some people feel dizzy when they stand up. Stand up slowly.

### When to get help

Call 911 right away if you have chest pain, a very bad headache or trouble speaking. Call
your doctor if your ankles swell or you feel tired all the time.

Your care team checks your blood pressure at each visit. Ask them what your numbers mean.
""",
    """## Quitting smoking

Quitting is the best thing you can do for your health. It lowers your risk of cancer,
heart disease and lung disease. People who quit live longer, and it is never too late.

**What helps:**

- Nicotine patches, gum and lozenges double your chances of quitting.
- Medicines such as varenicline (Chantix) or bupropion can help too.
- Counseling by phone, in a group or one to one works well. Call 1-800-QUIT-NOW.

Most people try several times before they quit for good. Each try teaches you something.
Those who exercise often find cravings easier to handle.
""",
    """## Folic acid before and during pregnancy

Folic acid is a B vitamin. It prevents some birth defects of the brain and spine. Women who
could get pregnant need 400 micrograms every day. If you are pregnant, take it every day
until at least week 12.

You can get folic acid from a pill and from foods such as leafy greens, beans and bread
with added folic acid. Ask your pharmacist which pill is right for you.

| Who | How much each day |
| --- | --- |
| Most women | 400 micrograms |
| Women who had a baby with a neural tube defect | 4 milligrams |
""",
    """## Words to know

- **Statin**: a medicine that lowers cholesterol.
- **Biopsy**: taking a small piece of tissue to look at under a microscope.
- **eGFR**: a blood test that shows how well your kidneys work.
- **Screening**: a test to look for a disease before you have any signs of it.
""",
    """## Key recommendations

Each item says what the experts advise and how sure they are.

✔ means advice for. ✖ means advice against. ? means there is not enough evidence.

### Advice 1

**What to do:** Experts advise a screening mammogram every 2 years for women aged 50 to 74
years.
**How strong:** ✔ Advice for. Experts advise this for most people like you.
(Grade: B.)
**Why:** The experts are sure that this helps.

### Advice 2

**What to do:** There is not enough proof to weigh the good and the harm of this test.
**How strong:** ? Not enough evidence. We do not know yet if this helps.
""",
    """## Questions to ask your clinician

- Does this advice fit me and my health?
- What are the good points and the risks for me?
- How often do I need this, and for how long?
- What happens if I wait, or do nothing?

## Disclaimer

This guide is here to help you learn. It does not replace advice from your own clinician.
Talk with your doctor or nurse about what is right for you.
""",
]

# Advice sentences, one recommendation text each.
ADVICE = [
    "Get your blood pressure checked at least once a year.",
    "Adults aged 50 to 75 need a test for colon cancer.",
    "Women 65 and older need a bone density test.",
    "If you smoke, stop. Your doctor can help you make a plan.",
    "When you are pregnant, take folic acid every day.",
    "Those who have had a heart attack should take aspirin, unless their doctor says not to.",
    "Experts found that the good it does is likely to be greater than the harm.",
    "The USPSTF also found that the test helps.",
    "Your doctor may suggest a statin if your risk is high.",
    "Ask your care team which vaccines you need. Most adults need a flu shot each year.",
    "Children who are sick stay home until the fever is gone.",
    "Eat well and exercise most days of the week.",
    "Test results help you and your doctor decide what to do next.",
    "The panel recommends a yearly test for people who inject drugs.",
    "Men who have sex with men should get tested for HIV at least once a year.",
    "He said that that was fine, and she had had the test before.",
    "This is the best of the best care, e.g. a nurse visit at home.",
    "Choose one: a) a pill, b) a shot or c) a patch (see Table 1).",
    "Use 2.5 mg at 8 a.m. and again at 8 p.m. Smith et al. found this works.",
    "U.S. adults get vitamin A from food. Check your eGFR once a year.",
    "Mix 1 part syrup to 2 parts water (a ratio of 1 : 2).",
    "Your nurse will say \u201cbreathe in\u201d and then \u201chold it\u201d.",
    "Is this test right for me?",
    "Because of the risk of falls, your care team should check your balance.",
    "For example: walking, swimming or dancing.",
]


@pytest.mark.parametrize("leaflet", LEAFLETS)
def test_leaflets_raise_nothing(leaflet: str) -> None:
    assert defects(leaflet, markdown=True) == []


@pytest.mark.parametrize("text", ADVICE)
def test_advice_raises_nothing(text: str) -> None:
    assert defects(text) == []


def test_a_glossary_meaning_may_start_lower_case_and_be_a_noun_phrase() -> None:
    assert defects("finding out which illness a person has.", definition=True) == []
    assert defects("Statin", heading=True) == []


def test_patients_without_you_is_not_a_defect() -> None:
    assert defects("Doctors should offer patients a choice of treatments.") == []


# --- verbs -----------------------------------------------------------------------------------

CARRIED = [
    "Ask your doctor.", "Talk it over.", "This helps.", "Regular exercise helps.",
    "Your care team checks your blood sugar.", "Women who are pregnant need more iron.",
    "Those who exercise live longer.", "People who smoke need help.",
    "Mammograms find breast cancer early.", "The nurse weighed you.", "Smoking harms your lungs.",
    "Some people feel dizzy.", "The shot hurts a little.", "Forms of vitamin D include D3.",
    "Loss of sleep and an increase in stress occur together.",
    "The appropriate age at which to start is a choice for you and your doctor.",
]
NOT_CARRIED = [
    "Men who have sex with men.", "People who inject drugs.", "Adults with high blood pressure.",
    "People with diabetes who use insulin.", "Women without symptoms aged 40 years or older.",
    "Cognitive therapy for people who have survived a recent suicide attempt.",
    "Specific talk therapies for people who are at high risk.",
    "Tramadol (not advised for those with prior opioid addiction).",
]


@pytest.mark.parametrize("sentence", CARRIED)
def test_a_sentence_with_a_verb(sentence: str) -> None:
    assert has_finite_verb(sentence)


@pytest.mark.parametrize("sentence", NOT_CARRIED)
def test_a_sentence_without_a_verb(sentence: str) -> None:
    assert not has_finite_verb(sentence)


def test_list_items_and_label_values_may_be_noun_phrases() -> None:
    text = "You may be offered:\n- a pill\n- counseling by phone"
    assert defects(text) == []
    assert defects("**How strong:** ✔ Strong advice for.", markdown=True) == []
    assert "fragment" in rules("You may be offered a pill.\nCounseling by phone.")


# --- findings in a patient version and in quality control -----------------------------------

TEXT = "Your doctor may adjust the dose of dose over a few weeks."


def _version(text: str = TEXT, **extra: object) -> PatientVersion:
    fields: dict[str, object] = {
        "title": "Blood pressure: a guide for patients",
        "generator": "test",
        "sections": [
            PvgSection(heading="Key recommendations",
                       body=f"### Advice 1\n\n**What to do:** {text}"),
            PvgSection(heading="Disclaimer", body="This guide does not replace advice from your "
                       "own clinician."),
        ],
        "recommendations": [PvgRecommendation(id="R1", text=text, strength="✔ Advice for.",
                                              direction=Direction.FOR, source_text=text)],
    }
    fields.update(extra)
    return PatientVersion.model_validate(fields)


def test_a_defect_is_a_warning_on_its_recommendation_reported_once() -> None:
    [finding] = check_wording(_version())
    assert finding.check == "wording" and finding.target == "R1"
    assert finding.severity is Severity.WARNING and "dose of dose" in finding.message


def test_summary_and_glossary_are_checked() -> None:
    pvg = _version(text="Take your pill each day.", summary="Take your pill each day .",
                   glossary=[GlossaryEntry(term="dose", meaning="how much medicine of of it.")])
    targets = {(f.target, f.message.split(":")[0]) for f in check_wording(pvg)}
    assert ("Summary", "space before '.'") in targets
    assert ("Words to know", "doubled words 'of of'") in targets


def test_quality_control_sends_a_defect_to_review() -> None:
    guideline = ParsedGuideline(title="T", format=DocumentFormat.MARKDOWN, recommendations=[
        Recommendation(id="R1", text=TEXT, source_text=TEXT)])
    clean = check_quality(guideline, _version(text="Your doctor may adjust the dose over a few "
                                                   "weeks."))
    assert not [f for f in clean.findings if f.check == "wording"]
    report = check_quality(guideline, _version())
    assert [f.target for f in report.findings if f.check == "wording"] == ["R1"]
    assert report.outcome is QcOutcome.NEEDS_REVIEW


def test_chinese_versions_are_not_checked() -> None:
    text = "您应该每年检查血压。"
    guideline = ParsedGuideline(title="T", language="zh", format=DocumentFormat.MARKDOWN,
                                recommendations=[Recommendation(id="R1", text=text,
                                                                source_text=text)])
    pvg = _version(text=text, language="zh")
    assert not [f for f in check_quality(guideline, pvg).findings if f.check == "wording"]


def test_a_quoted_note_is_not_a_fragment_but_an_unquoted_one_is() -> None:
    """VA/DoD suicide risk quotes a chart note as an example ('"Patient admitted. Inpatient
    provider to complete safety plan at time of discharge."'): its second sentence is quoted
    as written, not a sentence of ours without a verb."""
    quoted = ('Your care team should document the safety plan. That is: "Person admitted. '
              'Inpatient health worker to complete safety plan at time of discharge."')
    assert not [d for d in defects(quoted) if "without a verb" in d.message]
    bare = ("Your care team should document the safety plan. Inpatient health worker to "
            "complete safety plan at time of discharge.")
    assert [d for d in defects(bare) if "without a verb" in d.message]
