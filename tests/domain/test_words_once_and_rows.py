"""Each medical word is explained once on the reader's page (PEMAT-P item 2).

Raters found "a 57-entry word list that repeats every definition given in the text": a word
explained in a "Words used here" line is not listed again in "Words to know", which keeps only
the words not explained above; the version's glossary stays complete.
"""

from __future__ import annotations

import pytest

from domain.generation import OfflineProvider
from domain.glossary import defining_sentence
from domain.model import PatientVersion
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

SICKLE = "nhlbi_sickle-cell-health-maintenance_2014.md"
LABEL = "**Words used here:**"


@pytest.fixture(scope="module")
def sickle() -> tuple[object, PatientVersion]:
    guideline = parse_guideline(corpus_file(SICKLE), SICKLE)
    return guideline, OfflineProvider().generate(guideline)


def test_a_word_explained_where_used_is_not_listed_again_at_the_end(
        sickle: tuple[object, PatientVersion]) -> None:
    _, pvg = sickle
    page = to_markdown(pvg)
    reader, words = page.split("## Words to know", 1)
    words = words.split("## Disclaimer", 1)[0]
    said = "\n".join(ln for ln in reader.splitlines() if ln.startswith(LABEL))
    explained = [e for e in pvg.glossary if defining_sentence(e) in said]
    assert len(explained) >= 5
    for e in explained:
        assert f"- **{e.term}**:" not in words, e.term
    assert "explained where they are first used" in words.split("\n\n- ", 1)[0] or \
        "explained where it is first used" in words
    # Every other word of the glossary is still explained on the page: above or in the list.
    for e in pvg.glossary:
        if e not in explained:
            assert f"- **{e.term}**: {e.meaning}" in page, e.term


def test_the_glossary_stays_complete_and_no_word_is_left_undefined(
        sickle: tuple[object, PatientVersion]) -> None:
    guideline, pvg = sickle
    terms = {e.term.lower() for e in pvg.glossary}
    assert {"splenectomy", "transcranial doppler"} <= terms
    report = check_quality(guideline, pvg)  # type: ignore[arg-type]
    assert not [f for f in report.findings if f.check in ("jargon", "unexplained")]


def test_the_pointer_says_the_end_list_holds_only_the_rest(
        sickle: tuple[object, PatientVersion]) -> None:
    _, pvg = sickle
    key = next(s.body for s in pvg.sections if s.heading == "Key recommendations")
    intro = key.split("####", 1)[0]
    assert "Medical words are explained where they are first used." in intro
    assert "lists them all" not in intro


def test_a_consensus_line_under_a_block_is_the_sign_and_its_short_name(
        sickle: tuple[object, PatientVersion]) -> None:
    """The legend above says what "✔ Advice for" means: the block's line does not say it
    again 20 times; graded lines keep their words."""
    _, pvg = sickle
    page = to_markdown(pvg)
    lines = [ln for ln in page.split("## Disclaimer", 1)[0].splitlines()
             if ln.startswith("**How strong:**")]
    assert "**How strong:** ✔ Advice for. It is the experts' shared view." in lines
    assert not [ln for ln in lines if "It is not a graded study result" in ln]
    legend = page.split("What the signs mean:", 1)[1].split("####", 1)[0]
    assert "- ✔ Advice for." in legend
    graded = [ln for ln in lines if ln.startswith("**How strong:** ✔✔")]
    assert graded and all(ln == "**How strong:** ✔✔ Strong advice for. Most people like you "
                          "would want this." for ln in graded)


CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"


def test_a_reader_group_the_table_has_no_row_for_is_told_which_advice_is_theirs() -> None:
    """"Find where you are now": a reader "Who it is for" names (next of kin asked about a
    deceased donor) but the table's "Who" column leaves out is pointed to their advice."""
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(CDC), CDC))
    page = to_markdown(pvg)
    assert "- People asked about a deceased donor (such as next of kin)." in page
    table = page.split("**When things happen:**", 1)[1].split("####", 1)[0]
    rows = [ln for ln in table.splitlines() if ln.startswith("| ")]
    assert rows[0].startswith("| When | Who |")
    assert not [r for r in rows if "deceased" in r.split("|")[2].lower()]
    line = next(ln for ln in table.splitlines() if ln.startswith("Asked about a deceased donor?"))
    assert line.startswith("Asked about a deceased donor? No row is for you: read advice 16")
    said = page.split("**16.**", 1)[1].split("\n", 1)[0]
    assert "people asked about deceased would-be organ donors" in said
