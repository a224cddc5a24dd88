"""Score produced recommendations against the hand labels in ``bench/labels/``.

Nothing here imports ``domain``: the figures must not share code with the thing they
measure. Statements are compared as sequences of lower-case word tokens; numbers are found
in the patient wording with a matcher of our own that accepts a comparator said in words
("≥20" is kept by "20 or older").

Definitions (printed with the figures):

* **intact**: a labelled statement is intact when one produced item's ``source_text``
  holds at least 90 % of its words, in order;
* **spurious**: a produced item none of whose labelled statements covers at least half of
  its words is not a recommendation;
* **merged**: one produced item that holds two or more labelled statements;
* strength, direction and numbers are scored on the intact statements.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parent / "labels"
SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
INTACT = 0.9
SPURIOUS = 0.5


@dataclass(frozen=True)
class Label:
    file: str
    text: str
    strength_level: str
    direction: str
    numbers: tuple[str, ...]
    grade: str | None


@dataclass(frozen=True)
class Produced:
    """One recommendation of a patient version, as the scorer needs it."""

    source_text: str
    text: str
    strength_level: str
    direction: str


@dataclass
class Score:
    labelled: int = 0
    produced: int = 0
    intact: int = 0
    strength_right: int = 0
    direction_right: int = 0
    numbers: int = 0
    numbers_kept: int = 0
    spurious: int = 0
    merged: int = 0
    failed_guidelines: list[str] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("labelled", "produced", "intact", "strength_right", "direction_right",
                     "numbers", "numbers_kept", "spurious", "merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed_guidelines += other.failed_guidelines
        self.misses += other.misses

    def figures(self) -> dict[str, Any]:
        def share(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        return {
            "labelled": self.labelled,
            "produced": self.produced,
            "intact": share(self.intact, self.labelled),
            "strength": share(self.strength_right, self.intact),
            "direction": share(self.direction_right, self.intact),
            "numbers": share(self.numbers_kept, self.numbers),
            "spurious": share(self.spurious, self.produced),
            "merged": self.merged,
            "failed": list(self.failed_guidelines),
        }


def load_labels(split: str, root: Path = LABELS) -> dict[str, list[Label]]:
    """Labels by guideline file name, for one split."""
    out: dict[str, list[Label]] = {}
    for path in sorted((root / split).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["file"]] = [
            Label(
                file=data["file"],
                text=r["text"],
                strength_level=r["strength_level"],
                direction=r["direction"],
                numbers=tuple(r.get("numbers") or ()),
                grade=r.get("grade"),
            )
            for r in data["recommendations"]
        ]
    return out


_TOKEN = re.compile(r"[a-z0-9\u4e00-\u9fff]+(?:[.'][a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    """Lower-case words; ligatures and full-width forms folded, hyphens split."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u00ad", "")
    found = _TOKEN.findall(text)
    # Chinese has no spaces: one token per character.
    out: list[str] = []
    for tok in found:
        if re.search(r"[\u4e00-\u9fff]", tok):
            out.extend(tok)
        else:
            out.append(tok)
    return out


def coverage(needle: Sequence[str], haystack: Sequence[str]) -> float:
    """Share of ``needle``'s words found in ``haystack`` in the same order."""
    if not needle:
        return 0.0
    matcher = SequenceMatcher(None, needle, haystack, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(needle)


# --- numbers --------------------------------------------------------------------------------

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}
_AT_LEAST = r"(?:or (?:older|more|higher|above|greater|over|later)|and (?:older|over|above))"
_AT_MOST = r"(?:or (?:younger|less|lower|fewer|below|under|earlier))"


def _value(printed: str) -> tuple[str, str, str]:
    """(comparator, digits, percent) of a labelled number; words become digits."""
    s = unicodedata.normalize("NFKC", printed).strip().lower()
    s = s.replace("\u2265", ">=").replace("\u2264", "<=").replace(" ", "")
    m = re.fullmatch(r"(>=|<=|>|<)?([0-9][0-9,]*(?:\.[0-9]+)?)(%)?\S*", s)
    if m:
        digits = m.group(2)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
            digits = digits.replace(",", "")
        return m.group(1) or "", digits, m.group(3) or ""
    if s in _WORD_NUMBERS:
        return "", str(_WORD_NUMBERS[s]), ""
    return "", s, ""


def number_kept(printed: str, text: str) -> bool:
    """Is the labelled number in the patient wording, with its comparator and unit sense?"""
    norm = unicodedata.normalize("NFKC", text).lower()
    if re.search(r"\d\s+\d|/", printed):  # "34 6/7", "1/2": look for it as printed
        return " ".join(printed.split()).lower() in " ".join(norm.split())
    cmp, digits, pct = _value(printed)
    norm = norm.replace("\u2265", ">=").replace("\u2264", "<=").replace("\u00a0", " ")
    words = [w for w, v in _WORD_NUMBERS.items() if str(v) == digits]
    alternatives = [re.escape(digits)] + [re.escape(w) for w in words]
    if re.fullmatch(r"\d{4,}", digits):
        alternatives.append(re.escape(f"{int(digits):,}"))
    num = r"(?<![\d.,])(?:" + "|".join(alternatives) + r")(?![\d]|\.\d)"
    unit = r"\s?(?:%|percent\b)" if pct else ""
    if not cmp:
        return re.search(num + unit, norm) is not None
    lower = cmp.startswith(">")
    symbol = re.escape(cmp) + r"\s?" + num + unit
    if lower:
        before = r"(?:at least|(?:more|greater|older|higher) than|over|above|from|aged?)\s"
        after = r"\s" + _AT_LEAST
    else:
        before = r"(?:at most|(?:less|fewer|younger|lower) than|under|below|up to)\s"
        after = r"\s" + _AT_MOST
    pattern = rf"{symbol}|{before}(?:\w+\s){{0,2}}{num}{unit}|{num}{unit}(?:\s\w+){{0,3}}{after}"
    return re.search(pattern, norm) is not None


# --- scoring --------------------------------------------------------------------------------


def score_guideline(name: str, labels: Sequence[Label], produced: Sequence[Produced]) -> Score:
    """Match each label to the produced item that covers most of it, then count."""
    score = Score(labelled=len(labels), produced=len(produced))
    label_tokens = [tokens(lab.text) for lab in labels]
    produced_tokens = [tokens(p.source_text) for p in produced]
    holders: dict[int, int] = {}
    for label, lt in zip(labels, label_tokens, strict=True):
        best, best_cov, best_extra = -1, 0.0, 0
        for pi, pt in enumerate(produced_tokens):
            cov = coverage(lt, pt)
            extra = abs(len(pt) - len(lt))  # among equal coverage, the closest in length
            if cov > best_cov or (cov == best_cov and cov > 0 and extra < best_extra):
                best, best_cov, best_extra = pi, cov, extra
        if best < 0 or best_cov < INTACT:
            score.misses.append({"file": name, "kind": "lost", "label": label.text[:160],
                                 "coverage": round(best_cov, 2)})
            continue
        score.intact += 1
        holders[best] = holders.get(best, 0) + 1
        item = produced[best]
        if item.strength_level == label.strength_level:
            score.strength_right += 1
        else:
            score.misses.append({"file": name, "kind": "strength", "label": label.text[:160],
                                 "want": label.strength_level, "got": item.strength_level,
                                 "grade": label.grade})
        if item.direction == label.direction:
            score.direction_right += 1
        else:
            score.misses.append({"file": name, "kind": "direction", "label": label.text[:160],
                                 "want": label.direction, "got": item.direction})
        for number in label.numbers:
            score.numbers += 1
            if number_kept(number, item.text):
                score.numbers_kept += 1
            else:
                score.misses.append({"file": name, "kind": "number", "number": number,
                                     "text": item.text[:200]})
    score.merged = sum(1 for n in holders.values() if n > 1)
    for pi, pt in enumerate(produced_tokens):
        if not any(coverage(pt, lt) >= SPURIOUS for lt in label_tokens):
            score.spurious += 1
            score.misses.append({"file": name, "kind": "spurious",
                                 "produced": produced[pi].source_text[:160]})
    return score


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.add(s)
    return out
