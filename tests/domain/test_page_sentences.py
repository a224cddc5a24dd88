"""Long sentences of the reader's page said as several, where they join separate ideas, with
every word of meaning, number, condition and direction kept."""

from __future__ import annotations

from domain.generation import uncapitalised
from domain.lists import bullet
from domain.summary import first_line, including_apart


def test_summary_line_of_a_modal_lead_and_its_actions_is_one_sentence_per_action() -> None:
    """"Your care team should: ask …; advise …; provide …." read as one 31-word sentence in
    the summary; each action is its own sentence, all of them kept, in order."""
    advice = ("Your care team should:\n- ask all adults about tobacco use\n"
              "- advise them to stop using tobacco\n"
              "- provide programs to change habits and FDA-approved medicine for quitting to "
              "adults who use tobacco")
    assert first_line(advice, 1) == (
        "Your care team should ask all adults about tobacco use. They should advise them to "
        "stop using tobacco. They should provide programs to change habits and FDA-approved "
        "medicine for quitting to adults who use tobacco.")


def test_summary_line_of_a_list_of_things_keeps_the_list() -> None:
    """Items that are no actions ("a weight-loss goal") stay one list after the lead."""
    advice = "Ask which of these it offers:\n- a weight-loss goal\n- group sessions"
    assert first_line(advice, 1) == ("Ask which of these it offers: a weight-loss goal; "
                                     "group sessions.")


def test_a_short_list_that_would_make_a_long_sentence_stays_a_list() -> None:
    """Three long items joined after their lead read as one 58-word sentence ("Three good
    effects … include: (1) …; (2) …; (3) …"); they stay a list under the lead, every item
    whole. Short items still read as one line."""
    text = ("Three good effects of exchange transfusion include:\n"
            "- (1) increasing the percent of normal (donor) hemoglobin remaining after "
            "transfusion\n- (2) permitting transfusion of raised volumes of donor blood without "
            "increasing the hematocrit too much\n- (3) reducing the net transfused volume, "
            "which lowers iron overload")
    assert bullet(text) == (
        "- Three good effects of exchange transfusion include:\n"
        "  - (1) increasing the percent of normal (donor) hemoglobin remaining after "
        "transfusion\n  - (2) permitting transfusion of raised volumes of donor blood without "
        "increasing the hematocrit too much\n  - (3) reducing the net transfused volume, "
        "which lowers iron overload")
    assert bullet("It is not safe with any of these:\n- a seizure disorder\n- bulimia") == (
        "- It is not safe with any of these: a seizure disorder; bulimia.")


def test_a_long_group_says_whom_it_includes_in_a_sentence_of_its_own() -> None:
    """"Who it is for" read as one 61-word sentence: the group, then ", including men
    (>35 years), women (>45 years), and younger adults …". The groups it includes, with
    their ages, follow as a sentence of their own; a short group stays one sentence."""
    line = ("People with no known heart disease or diabetes in outpatient (including primary, "
            "specialty care) and inpatient settings who are at risk of heart disease events, "
            "including men (>35 years), women (>45 years), and younger adults (≥20 years) "
            "with multiple risk factors for heart disease.")
    assert including_apart(line) == (
        "People with no known heart disease or diabetes in outpatient (including primary, "
        "specialty care) and inpatient settings who are at risk of heart disease events. "
        "This includes men (>35 years), women (>45 years), and younger adults (≥20 years) "
        "with multiple risk factors for heart disease.")
    short = "Adults aged 18 years or older, including pregnant women."
    assert including_apart(short) == short


def test_a_title_in_capitals_keeps_the_names_and_acronyms_its_guideline_writes() -> None:
    """A plain-text guideline's title in capitals read "advice of cdc and the u.s. office of
    group affairs" (Markdown: "CDC and the U.S. Office of Population Affairs"): acronyms,
    initials and names are set as the guideline's own text writes them."""
    body = ("CDC wrote this with the U.S. Office of Population Affairs. CDC staff reviewed it.")
    title = ("PROVIDING QUALITY FAMILY PLANNING SERVICES: RECOMMENDATIONS OF CDC AND THE U.S. "
             "OFFICE OF POPULATION AFFAIRS.")
    assert uncapitalised(title, body) == (
        "Providing quality family planning services: recommendations of CDC and the U.S. "
        "Office of Population Affairs.")


def test_a_title_in_capitals_sets_in_lower_case_the_words_its_guideline_writes_so() -> None:
    """"TEAM-BASED care", "Lipoprotein BIOMARKERS": words the dictionary lacks stayed in
    capitals in a plain-text guideline's title although the guideline writes them in lower
    case; an acronym it writes in capitals ("COPD") stays."""
    body = "Team-based care and team-based visits help. Lipoprotein biomarkers in COPD."
    assert uncapitalised("TEAM-BASED CARE AND LIPOPROTEIN BIOMARKERS IN COPD", body) == (
        "Team-based care and lipoprotein biomarkers in COPD")
