"""Chinese readability on texts small enough to count by hand."""

from __future__ import annotations

import subprocess
import sys

from domain.chinese import GLOSSARY
from domain.readability import score_chinese
from domain.zh_readability import (
    COMMON_SIZE,
    MEDICAL_TERMS,
    common_characters,
    medical_terms,
    score,
    sentences,
)


def test_plain_sentence_counted_by_hand() -> None:
    # 您每天要测血压: 7 characters, one sentence, all common, no term.
    zh = score("您每天要测血压。")
    assert (zh.avg_sentence_chars, zh.uncommon_char_share, zh.jargon_per_100_chars) == (
        7.0, 0.0, 0.0)


def test_two_sentences_with_two_terms() -> None:
    # 建议您做肺功能检查 (9) + 医生会随访 (5) = 14 characters in 2 sentences: 7.0 a sentence;
    # terms 肺功能检查 and 随访: 2 × 100 / 14 = 14.29.
    zh = score("建议您做肺功能检查。医生会随访。")
    assert zh.avg_sentence_chars == 7.0
    assert zh.jargon_per_100_chars == 14.29
    assert zh.uncommon_char_share == 0.0


def test_uncommon_character_share() -> None:
    # 少吃钠盐: 4 characters, 钠 is outside the 2,500 most common: 1 / 4; 钠盐 is a term: 25.0.
    zh = score("少吃钠盐。")
    assert zh.uncommon_char_share == 0.25
    assert zh.jargon_per_100_chars == 25.0
    # 3 sentences of 2, 4 and 6 characters (a line, ；, 。): (2 + 4 + 6) / 3 = 4.0.
    assert score("血栓\n测量血压；每天测量血压。").avg_sentence_chars == 4.0
    assert score("血栓\n测量血压；每天测量血压。").uncommon_char_share == round(1 / 12, 3)


def test_only_chinese_characters_are_counted() -> None:
    # Digits, units and Latin letters add nothing: 血压 < 140/90 mmHg is 2 characters.
    assert score("血压<140/90 mmHg。").avg_sentence_chars == 2.0
    assert sentences("## 主要建议\n- 每天测血压。\n---\n") == ["## 主要建议", "- 每天测血压"]


def test_a_term_counts_once_as_a_whole_word() -> None:
    assert medical_terms("长效支气管扩张剂") == ["长效支气管扩张剂"]
    assert medical_terms("低密度脂蛋白胆固醇（LDL-C）和HbA1c") == ["低密度脂蛋白胆固醇", "LDL-C",
                                                               "HbA1c"]
    assert medical_terms("高血压患者每天测血压") == []  # words every patient knows


def test_common_characters_come_from_the_dictionary() -> None:
    common = common_characters()
    assert len(common) == COMMON_SIZE
    assert {"的", "您", "血", "压", "医", "药"} <= common
    assert not {"钠", "栓", "酐"} & common
    assert common_characters() is common  # derived once, then cached


def test_every_term_has_a_plain_meaning() -> None:
    assert set(GLOSSARY) == set(MEDICAL_TERMS)


def test_quality_control_figure_is_this_one() -> None:
    text = "## 主要建议\n\n- **怎么做：** 如果您是慢阻肺患者，建议您每年接种1次流感疫苗。"
    assert score_chinese(text) == score(text)


def test_segmenter_loads_offline_and_quietly() -> None:
    """jieba announces every dictionary load on stderr unless told not to."""
    code = ("from domain.zh_readability import common_characters, score\n"
            "score('建议您做肺功能检查。')\nscore('少吃钠盐。')\ncommon_characters()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stderr == ""
