"""Readability of Chinese text: sentence length, uncommon characters and medical terms.

English formulas count words and syllables; Chinese has neither spaces nor syllables that
grow with difficulty, so patient-versions.md asks for three measures of its own:

* **average sentence length** in Chinese characters. A sentence ends at 。！？； (and their
  half-width forms) or at a line break, as a reader perceives a heading or a list item;
* **share of uncommon characters**: characters outside the 2,500 most frequent ones (the size
  of the 常用字 list that school reading is built on). The frequencies are not typed in here:
  they are summed, character by character, from the word frequencies of the dictionary that
  ships with jieba, a maintained segmenter, the first time they are needed;
* **jargon density**: medical terms per 100 Chinese characters. The text is segmented with
  jieba, with the terms below added to its dictionary, so that a term is counted once as a
  whole word ("低密度脂蛋白胆固醇", not also "胆固醇" inside it) and never inside another word.

Only Chinese characters are counted (digits, units and Latin acronyms are not), so that the
three figures share one denominator. Everything works offline: jieba's dictionary is part of
the package, and its loading messages are silenced.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

import jieba

from domain.model import ChineseReadability

__all__ = ["COMMON_SIZE", "MEDICAL_TERMS", "common_characters", "medical_terms", "score",
           "segment", "sentences"]

COMMON_SIZE = 2500

# Terms a patient rarely knows. Each has a plain meaning in domain.chinese.GLOSSARY (a test
# keeps the two lists equal), so the jargon counted here is what the glossary explains.
MEDICAL_TERMS: frozenset[str] = frozenset({
    "临床", "筛查", "随访", "干预", "预后", "并发症", "禁忌证", "适应证", "荟萃分析",
    "随机对照试验", "队列研究", "敏感性", "特异性", "发病率", "患病率", "死亡率", "循证", "指征",
    "鉴别诊断", "病因", "病理", "耐药", "疗程", "风险分层", "证据等级", "一级预防", "二级预防",
    "依从性", "基线", "收缩压", "舒张压", "诊室血压", "动态血压监测", "家庭血压监测",
    "原发性高血压", "继发性高血压", "妊娠期高血压", "白大衣高血压", "隐蔽性高血压", "同型半胱氨酸",
    "钠盐", "空腹血糖", "口服葡萄糖耐量试验", "OGTT", "糖化血红蛋白", "HbA1c", "低血糖",
    "二甲双胍", "SGLT2抑制剂", "GLP-1受体激动剂", "动脉粥样硬化性心血管疾病", "冠状动脉CT血管成像",
    "糖代谢", "有氧运动", "妊娠期糖尿病", "微血管并发症", "视网膜病变", "糖尿病高危人群",
    "低密度脂蛋白胆固醇", "LDL-C", "ASCVD", "他汀类药物", "依折麦布", "胆固醇吸收抑制剂", "肝酶",
    "肌酸激酶", "脂蛋白", "家族性高胆固醇血症", "绝经", "慢性阻塞性肺疾病", "慢阻肺", "肺功能检查",
    "支气管扩张剂", "长效支气管扩张剂", "吸入性糖皮质激素", "急性加重", "肺炎球菌疫苗",
    "嗜酸性粒细胞", "肺康复", "动脉血氧分压", "血氧饱和度", "长期氧疗", "氧疗", "支气管哮喘",
    "支气管扩张症", "急性缺血性脑卒中", "缺血性脑卒中", "出血性脑卒中", "脑卒中",
    "短暂性脑缺血发作", "静脉溶栓", "动脉溶栓", "溶栓", "阿替普酶", "大脑中动脉", "闭塞",
    "抗血小板药物", "抗血小板治疗", "氯吡格雷", "抗凝治疗", "扩容治疗", "神经保护药物",
})

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[。！？；!?;]+|\n+")


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """A tokenizer of our own (jieba's global one stays untouched), built once per process.

    jieba logs every dictionary load to stderr at DEBUG level; the level is raised first.
    Terms are added shortest first, so that each longer term is weighed against the shorter
    ones already there and comes out whole.
    """
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in sorted(MEDICAL_TERMS, key=lambda t: (len(t), t)):
        tokenizer.add_word(term)
    return tokenizer


def segment(text: str) -> list[str]:
    """Words of ``text`` (jieba's precise mode, no guessing of unknown words)."""
    return _tokenizer().lcut(text, HMM=False)


def medical_terms(text: str) -> list[str]:
    """Every occurrence of a term of :data:`MEDICAL_TERMS`, in order."""
    return [word for word in segment(text) if word in MEDICAL_TERMS]


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """The :data:`COMMON_SIZE` most frequent Chinese characters.

    A character's frequency is the sum of the frequencies of the dictionary words it occurs
    in; ties are broken by the character itself so that the set never depends on file order.
    """
    counts: Counter[str] = Counter()
    with _tokenizer().get_dict_file() as lines:
        for raw in lines:
            parts = raw.decode("utf-8").split(" ")
            if len(parts) < 2 or not parts[1].strip().isdigit():
                continue
            freq = int(parts[1])
            for char in _CJK.findall(parts[0]):
                counts[char] += freq
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(char for char, _ in ranked[:COMMON_SIZE])


def sentences(text: str) -> list[str]:
    """Sentences that hold at least one Chinese character."""
    return [s for s in _SENTENCE_END.split(text) if _CJK.search(s)]


def score(text: str) -> ChineseReadability:
    """The three measures of ``text``; Markdown marks need no stripping (they hold no
    Chinese character, and a line of markup alone is no sentence)."""
    sents = sentences(text)
    chars = _CJK.findall(text)
    n_chars = max(1, len(chars))
    in_sentences = sum(len(_CJK.findall(s)) for s in sents)
    common = common_characters()
    uncommon = sum(1 for c in chars if c not in common)
    return ChineseReadability(
        avg_sentence_chars=round(in_sentences / max(1, len(sents)), 2),
        uncommon_char_share=round(uncommon / n_chars, 3),
        jargon_per_100_chars=round(len(medical_terms(text)) * 100 / n_chars, 2),
    )
