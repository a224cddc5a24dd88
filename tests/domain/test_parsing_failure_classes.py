"""Statement forms the parser once missed or misread on guidelines it was not tuned on,
one class per test: recommendation tables, run-in "Rationale:" paragraphs, names that
look like advice ("the recommended algorithm", "Use of X"), the modal and list forms of
ungraded prose, and directions read from the action. Each document is a small hand-made
copy of a passage of the corpus.
"""

from __future__ import annotations

import pytest

from domain.model import Direction, Strength
from domain.parsing import parse_guideline, parse_text

RECS = "# G\n\n## Major Recommendations\n\n"


def _recs(body: str) -> list[tuple[str, str | None, Strength, Direction]]:
    guideline = parse_text(RECS + body)
    return [(r.text, r.grade, r.strength, r.direction) for r in guideline.recommendations]


# --- recommendation tables -------------------------------------------------------------------

GRADED_TABLES = """#### Recommendations

1. In adults with SCA, transfuse red blood cells before surgery. (**Strong Recommendation, Moderate-Quality Evidence**)
2. Consult a sickle cell expert before high-risk surgery. (**Strong Recommendation, Low-Quality Evidence**)

#### Acute Complications—Graded Recommendations to Transfuse

- Indication: Stroke | How to Transfuse: Simple or exchange transfusion | Quality of Evidence: Low | Strength of Recommendation: Moderate
- Indication: Symptomatic severe ACS | How to Transfuse: Exchange transfusion | Quality of Evidence: Low | Strength of Recommendation: Strong

#### Acute Complications—Consensus Recommendations to Transfuse

- Indication: Aplastic crisis | How to Transfuse: Simple transfusion

#### Acute Complications—Graded Recommendations When Transfusion Is Not Indicated

- **Indication** | **Quality of Evidence** | **Strength of Recommendation**
- Priapism | Low | Moderate

#### Acute Complications—Consensus Recommendations When Transfusion Is Not Indicated

- Asymptomatic anemia
"""  # noqa: E501


def test_rows_of_a_recommendation_table_are_statements_graded_by_their_strength_cell() -> None:
    recs = _recs(GRADED_TABLES)
    rows = {text: (grade, strength, direction) for text, grade, strength, direction in recs[2:]}
    assert rows == {
        "Transfuse for stroke: simple or exchange transfusion.":
            ("Moderate", Strength.MODERATE, Direction.FOR),
        "Transfuse for symptomatic severe ACS: exchange transfusion.":
            ("Strong", Strength.STRONG, Direction.FOR),
        # a row of a table titled "Consensus Recommendations": consensus, no label of its own
        "Transfuse for aplastic crisis: simple transfusion.":
            (None, Strength.CONSENSUS, Direction.FOR),
        # a header row names the columns; a "… Not Indicated" title makes rows advice against
        "Transfusion is not indicated for priapism.":
            ("Moderate", Strength.MODERATE, Direction.AGAINST),
        "Transfusion is not indicated for asymptomatic anemia.":
            (None, Strength.CONSENSUS, Direction.AGAINST),
    }


def test_a_table_row_keeps_its_cells_but_not_its_evidence_and_strength_as_source() -> None:
    guideline = parse_text(RECS + GRADED_TABLES)
    stroke = next(r for r in guideline.recommendations if "stroke" in r.text)
    assert stroke.source_text == ("Indication: Stroke | How to Transfuse: Simple or exchange "
                                  "transfusion")


def test_a_bullet_nested_under_a_graded_statement_still_counts() -> None:
    body = """#### B. Imaging

11. The Work Group recommends first-trimester ultrasound to establish gestational age. (**Strong For**)
    - For pregnant women who present after the first trimester, the Work Group suggests performing a dating ultrasound at the earliest opportunity.
12. The Work Group suggests against routine third-trimester ultrasound. (**Weak Against**)
"""  # noqa: E501
    texts = [text for text, *_ in _recs(body)]
    assert any(t.startswith("For pregnant women who present after") for t in texts)


# --- ungraded prose: what explains or names is not advice --------------------------------

LAB = """### Recommendations for Laboratory Testing

CDC recommends that laboratories conduct the following sequence of assays with serum specimens. These updated recommendations for testing of serum specimens supersede the 1989 recommendations for use of the Western blot. Because none of the assays in the recommended algorithm are approved for oral fluid, the older advice stands for those specimens.

1. Laboratories should conduct initial testing with an antigen/antibody combination immunoassay.
    - **Rationale**: Previously, supplemental testing was recommended after a reactive rapid test. Available evidence is insufficient to recommend specific additional testing for dually reactive specimens.

### Alternative Testing Sequences

Replacing a recommended assay has limitations described below that may reduce accuracy.

- Use of a 3rd generation antibody immunoassay as the initial test: perform subsequent testing as specified in the recommended algorithm.
    - **Limitations**: This alternative will miss some acute infections.
- Use of the Western blot as the second test: if test results are negative or indeterminate, perform NAT.
- Use of NAT after a nonreactive immunoassay result: a reactive NAT result provides evidence of acute infection, but false-positive results occur. Follow-up testing to document seroconversion should be conducted if a diagnosis is based on NAT only.
"""  # noqa: E501


def test_ungraded_lab_guideline_keeps_advice_and_leaves_rationale_and_names_out() -> None:
    texts = [text for text, *_ in _recs(LAB)]
    assert texts == [
        "CDC recommends that laboratories conduct the following sequence of assays with serum "
        "specimens.",
        "Laboratories should conduct initial testing with an antigen/antibody combination "
        "immunoassay.",
        "Use of a 3rd generation antibody immunoassay as the initial test: perform subsequent "
        "testing as specified in the recommended algorithm.",
        "Use of the Western blot as the second test: if test results are negative or "
        "indeterminate, perform NAT.",
        "Follow-up testing to document seroconversion should be conducted if a diagnosis is "
        "based on NAT only.",
    ]


# --- ungraded prose: the modal and list forms of advice ----------------------------------

UNGRADED = ("Sleep problems are common. Clinicians should ask about sleep at every visit. {} "
            "Sleep is studied.")


@pytest.mark.parametrize("sentence", [
    "Patients with renal or hepatic disease may need increased dosing intervals with chronic use.",
    "Patients with addiction problems may require inpatient dependency treatment programs.",
    "Postoperative patients may receive medication to assure normal sleep cycles.",
    "Anti-anxiety medications are best used for short-term treatment.",
    "They are to be used as an adjunctive treatment with active therapy programs.",
    "These injections may only be used for osteoarthritis.",
    "Creams and patches may be an alternative treatment of localized disorders.",
    "Mental health professionals may also utilize it as a component of psychotherapy.",
    "The consulting psychiatrist may order the use of any medication for a diagnosed condition.",
    "Morning cortisol measurements may be ordered prior to repeat steroid injections.",
    "This form of therapy requires supervision from a therapist or medical provider.",
    "Indications include joint pain, joint stiffness, and scar tissue pain.",
    "Indications for biofeedback include cases of musculoskeletal injury with muscle dysfunction.",
    "Communication among care providers regarding goals and progress is essential.",
    "Psychosocial factors to be considered include pacing and supervisory support.",
    "Topical NSAIDs may be more appropriate for some patients as there is some evidence they "
    "are associated with fewer adverse events.",
    "Epidural injections have not been proven to have long-term benefit; however they may be "
    "trialed prior to surgery.",
    "Other applications include training to improve self-management of pain.",
    "Botulinum toxin injections are listed in this guideline as a treatment option for "
    "epicondylitis.",
    "Treatment for pain control is initially accomplished with acetaminophen and/or NSAIDs.",
])
def test_modal_forms_of_ungraded_advice_are_statements(sentence: str) -> None:
    texts = [text for text, *_ in _recs(UNGRADED.format(sentence))]
    assert sentence in texts


@pytest.mark.parametrize("sentence", [
    "Tobacco dependence is chronic and may require repeated attempts to quit.",
    "Use of medications will vary widely due to the spectrum of injuries.",
    # a finding of one study, a reported warning, a need inside a relative clause
    "At least one study suggests that health status is worse for those who do not return.",
    "The FDA advises that many NSAIDs may cause an increased risk of serious events.",
    "Informal rehabilitation is geared toward patients who do not need a formal program.",
    # what a treatment is, not what to do with it
    "These are generally accepted, well-established procedures that can be performed as "
    "analgesic procedures.",
    "Generally, the type of outpatient program needed will depend on the degree of impact.",
    # a pointer elsewhere, and a sentence that only announces the paragraphs after it
    "Treating providers are highly encouraged to reference the general principles first.",
    # what the evidence suggests, and what research is needed, advise nothing
    "The available evidence suggests that low-frequency stimulation may improve pain.",
    "Further studies would be needed to establish this as a recommendation.",
    "Before any procedure, the provider and insurer must consider these important issues in "
    "the care of the worker.",
])
def test_descriptions_with_modal_words_are_not_statements(sentence: str) -> None:
    texts = [text for text, *_ in _recs(UNGRADED.format(sentence))]
    assert sentence not in texts


def test_a_list_of_actions_in_the_ing_form_gives_one_statement_per_entry() -> None:
    body = """Sleep disturbances are common.

Behavioral modifications are accepted interventions and can include:

- Maintaining a regular sleep schedule on weekdays and weekends.
- Avoiding daytime napping.
- Avoiding large meals within 2 hours of bedtime.

These modifications should be undertaken before sleeping medication is prescribed.
"""
    recs = _recs(body)
    assert [(t, d) for t, _g, _s, d in recs] == [
        ("Maintaining a regular sleep schedule on weekdays and weekends.", Direction.FOR),
        ("Avoiding daytime napping.", Direction.AGAINST),
        ("Avoiding large meals within 2 hours of bedtime.", Direction.AGAINST),
        ("These modifications should be undertaken before sleeping medication is prescribed.",
         Direction.FOR),
    ]


def test_a_run_in_label_does_not_hide_contraindications() -> None:
    body = ("Contraindications: General contraindications include local or systemic infection, "
            "bleeding disorders, and patient refusal. Specific contraindications may apply.")
    recs = _recs(body)
    assert len(recs) == 1
    assert recs[0][0].startswith("Contraindications: General contraindications include")
    assert recs[0][3] is Direction.AGAINST


def test_the_following_that_should_be_considered_is_a_lead_in_with_its_list() -> None:
    body = """The following should be considered when attempting to return an injured worker to work:

- Job history interview
- Coordination of care
"""  # noqa: E501
    texts = [text for text, *_ in _recs(body)]
    assert texts == ["The following should be considered when attempting to return an injured "
                     "worker to work: Job history interview Coordination of care"]


# --- strength follows the direction ------------------------------------------------------


def test_insufficient_evidence_makes_an_ungraded_statement_insufficient() -> None:
    body = ("Randomized trials have demonstrated conflicting results. In the absence of "
            "definitive literature showing a beneficial effect, use of vitamin B6 cannot be "
            "recommended.")
    [(_text, _grade, strength, direction)] = _recs(body)
    assert (strength, direction) == (Strength.INSUFFICIENT, Direction.INSUFFICIENT)


def test_a_numbered_item_saying_the_evidence_is_too_weak_is_an_insufficient_statement() -> None:
    body = """1. Patients started on AEDs should be monitored for the emergence of suicidal thoughts.
2. There is no evidence that AEDs are effective in reducing the risk of suicide in patients with a mental disorder

Since there is no evidence of a benefit, there is nothing to add here.
"""  # noqa: E501
    recs = _recs(body)
    assert [(t[:40], s, d) for t, _g, s, d in recs] == [
        ("Patients started on AEDs should be monit", Strength.UNGRADED, Direction.FOR),
        ("There is no evidence that AEDs are effec", Strength.INSUFFICIENT,
         Direction.INSUFFICIENT),
    ]


def test_a_lead_in_saying_the_following_are_not_recommended_is_one_statement_with_its_list(
) -> None:
    body = """The following products are generally not recommended for pain but providers may choose to prescribe them off-label:

- Dronabinol
- Nabilone
"""  # noqa: E501
    [(text, _grade, _strength, direction)] = _recs(body)
    assert text.endswith("off-label: Dronabinol Nabilone")
    assert direction is Direction.AGAINST


def test_a_bold_sentence_is_a_sentence_of_its_own() -> None:
    body = ("Botulinum toxin injections are listed in this guideline as a treatment option. "
            "**Prior authorization is required**. For more details, refer to the original "
            "guideline document.")
    texts = [text for text, *_ in _recs(body)]
    assert texts == ["Botulinum toxin injections are listed in this guideline as a treatment "
                     "option."]


def test_a_recommendation_table_in_html_gives_one_statement_per_row() -> None:
    page = b"""<html><head><title>G</title></head><body><main>
<h1>G</h1><h2>Major Recommendations</h2>
<h3>Recommendations</h3>
<ol><li>Transfuse red blood cells before surgery. (<b>Strong Recommendation, Moderate-Quality Evidence</b>)</li>
<li>Consult a sickle cell expert before high-risk surgery. (<b>Strong Recommendation, Low-Quality Evidence</b>)</li></ol>
<h3>Chronic Complications - Graded Recommendations When Transfusion Is Not Indicated</h3>
<table><tr><th>Indication</th><th>Quality of Evidence</th><th>Strength of Recommendation</th></tr>
<tr><td>Recurrent splenic sequestration</td><td>Low</td><td>Weak</td></tr></table>
</main></body></html>"""  # noqa: E501
    guideline = parse_guideline(page, filename="g.html")
    row = guideline.recommendations[-1]
    assert (row.text, row.grade, row.strength, row.direction) == (
        "Transfusion is not indicated for recurrent splenic sequestration.", "Weak",
        Strength.CONDITIONAL, Direction.AGAINST)


def test_a_recommendations_heading_ends_a_key_question_whatever_its_level() -> None:
    """A plain-text copy may give the "Recommendations" heading under a key question a
    deeper level than the question's; the statements under it are still read."""
    body = """### Renal Complications

#### Key Question 22

In people with SCD and CKD, what interventions slow the deterioration of renal function?

#### Recommendations

1. Refer people with proteinuria to a nephrologist. (**Strong Recommendation, Low-Quality Evidence**)

### Ophthalmologic Complications

#### Key Question 24

In people with SCD and PSR, what are the most effective management strategies?

##### Recommendations

1. Refer persons of all ages with PSR to an ophthalmologist. (**Strong Recommendation, Moderate-Quality Evidence**)
"""  # noqa: E501
    texts = [text for text, *_ in _recs(body)]
    assert texts == ["Refer people with proteinuria to a nephrologist.",
                     "Refer persons of all ages with PSR to an ophthalmologist."]


def test_a_sentence_that_ends_inside_bold_still_ends() -> None:
    """"PRP is **not generally recommended.** It may be considered …" is two advice
    sentences in Markdown, as in a plain-text copy without the bold."""
    body = ("PRP is **not generally recommended.** It may be considered in unusual "
            "circumstances for cases of tendon damage.")
    assert [(t, d) for t, _g, _s, d in _recs(body)] == [
        ("PRP is not generally recommended.", Direction.AGAINST),
        ("It may be considered in unusual circumstances for cases of tendon damage.",
         Direction.FOR),
    ]


def test_nested_details_of_a_labelled_statement_are_not_table_rows() -> None:
    body = """#### Consensus Recommendations

1. Counsel women with SCD about contraception. (**Consensus–Panel Expertise**)
    - a. Progestin-only methods
    - b. Barrier methods
"""
    recs = _recs(body)
    assert [t for t, *_ in recs] == ["Counsel women with SCD about contraception."]
