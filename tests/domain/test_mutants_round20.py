"""Behaviour that the mutation run on ebf0b1c showed no test checked: the strength column of
a recommendation table, rows read from a table, and the list of statements after a nested
item is dropped."""

from __future__ import annotations

from domain.grades import classify_strength_cell
from domain.model import Recommendation, Strength
from domain.parsing import (
    _bare_list,
    _Block,
    _drop_nested,
    _headings,
    _row_sentence,
    _says_row,
    _skipped_spans,
    _table_rows,
    parse_text,
)


def test_strength_cell_whole_label_keeps_its_own_scheme():
    label = classify_strength_cell("Grade A")
    assert label is not None
    assert (label.scheme, label.strength) == ("USPSTF", Strength.STRONG)


def test_strength_cell_one_word_is_a_grade_strength():
    label = classify_strength_cell("Strong")
    assert label is not None
    assert (label.grade, label.scheme, label.strength) == ("Strong", "GRADE", Strength.STRONG)


def test_strength_cell_that_names_no_strength_is_no_label():
    assert classify_strength_cell("See text") is None


def test_row_of_two_plain_cells_keeps_both_cells():
    cells = ["Population: adults with diabetes", "Intervention: statin therapy"]
    assert _row_sentence(cells, "") == " | ".join(cells)


def test_row_with_a_how_to_column_and_a_third_cell_keeps_every_cell():
    cells = ["Indication: Stroke", "How to transfuse: Simple transfusion", "Notes: urgent"]
    assert _row_sentence(cells, "") == " | ".join(cells)


def _item(start: int, text: str, section: str | None = "Table 2. Recommendations") -> _Block:
    return _Block(start=start, text=text, indent=0, is_item=True, section=section)


def test_items_that_open_the_text_are_a_bare_list():
    blocks = [_item(0, "Offer statins to adults"), _item(30, "Offer exercise to adults")]
    assert _bare_list(blocks, 1)


def test_table_row_that_is_a_bare_reference_is_skipped_and_the_next_row_read():
    blocks = [_item(0, "12, 15"), _item(10, "Offer statin therapy to adults with diabetes")]
    rows = _table_rows(blocks)
    assert [r.text for r in rows] == ["Offer statin therapy to adults with diabetes"]


def test_a_row_says_something_only_with_words():
    assert not _says_row("12, 15")
    assert _says_row("CKD")


def _rec(source: str, location: int) -> Recommendation:
    return Recommendation(id="", text=source, source_text=source, location=location)


def test_statement_after_a_dropped_nested_item_stays():
    lead = _rec("Offer adults: statins; exercise.", 0)
    nested = _rec("statins", 15)
    after = _rec("Avoid smoking.", 60)
    assert _drop_nested([lead, nested, after]) == [lead, after]


# A Chinese full stop splits sentences without the space after it, so the next sentence's
# span opens with that space: the statement starts after it, and is found there.
_ZH_TWO = ("# 高血压指南\n\n推荐所有成人患者每年接受一次血压筛查和评估。 "
           "建议高血压患者每日限制食盐摄入量不超过五克。\n")
_ZH_LEAD_IN = ("# 高血压指南\n\n推荐所有成人患者每年接受一次血压筛查和评估。 "
               "建议高血压患者采取以下生活方式措施:\n\n- 每日限制食盐摄入\n- 每周规律运动\n")


def _found_where_they_stand(text: str) -> list[str]:
    recs = parse_text(text).recommendations
    assert all(text[r.location:].startswith(r.source_text) for r in recs)
    return [r.source_text for r in recs]


def test_chinese_sentence_after_a_spaced_full_stop_is_its_own_statement():
    assert _found_where_they_stand(_ZH_TWO) == [
        "推荐所有成人患者每年接受一次血压筛查和评估。",
        "建议高血压患者每日限制食盐摄入量不超过五克。",
    ]


def test_chinese_lead_in_after_a_spaced_full_stop_takes_its_list():
    assert _found_where_they_stand(_ZH_LEAD_IN)[1] == (
        "建议高血压患者采取以下生活方式措施:\n\n- 每日限制食盐摄入\n- 每周规律运动")


def test_part_that_explains_ends_at_a_recommendations_heading_with_a_colon():
    text = "## Rationale\n\nWhy the panel chose this.\n\n### Recommendations:\n\nOffer statins.\n"
    assert _skipped_spans(_headings(text), 0, len(text)) == [(0, text.index("### "))]
