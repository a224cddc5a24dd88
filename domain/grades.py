"""Grade labels as guidelines print them, mapped onto one scale.

Every scheme of ``patient-versions.md`` is here: USPSTF letters and I statements, GRADE
(VA/DoD "Strong for" … "Neither for nor against", "Not applicable"), NHLBI two-part labels
and consensus, CDC-PHS categories, CDC 2016 categories with evidence types, USPHS/DHHS
letter-plus-numeral ratings, AHA/ACC class and level, expert opinion, and the Chinese
schemes. :func:`classify_label` says what a label means; :func:`looks_like_label` says
whether an unrecognised bracketed note is probably a label all the same, so that quality
control can send it to a person instead of calling the statement "not graded".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.model import Direction, Strength
from domain.patterns import compiled

__all__ = ["LABEL", "Label", "classify_label", "classify_strength_cell", "label_text",
           "looks_like_label"]


@dataclass(frozen=True)
class Label:
    grade: str
    """The label as printed, without brackets and bold."""
    scheme: str
    strength: Strength
    direction: Direction | None
    """None when the label does not say (CDC categories, consensus): the words decide."""


# A bracketed note that may be a label: (**B recommendation**), (Strong for), **[EO]**, [B],
# （1A）. Bold is optional: PDF and plain-text copies have none.
LABEL = re.compile(
    r"\(\s*\*{0,3}(?P<p>[^()\n]{1,120}?)\*{0,3}\s*\)"
    r"|\*{2,3}\[(?P<b>[^\]\n]{1,60})\]\*{2,3}"
    r"|\[(?P<s>[^\]\n]{1,60})\]"
    r"|（\s*(?P<z>[^（）\n]{1,60}?)\s*）",
)


def label_text(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g is not None)


def _clean(raw: str) -> str:
    text = raw.replace("*", "").replace("\u00a0", " ")
    return " ".join(text.split()).strip(" .;:,")


def _key(label: str) -> str:
    low = compiled(r"[\u2010-\u2015\u2212-]+").sub("-", label.lower())
    return compiled(r"\s*-\s*").sub("-", low)


_LETTER = {"A": Strength.STRONG, "B": Strength.MODERATE, "C": Strength.CONDITIONAL,
           "D": Strength.STRONG}


# "Grade: Strong For", "Strength of recommendation: Weak": the name of the field, not the label.
_LABEL_NAME = re.compile(
    r"^\s*(?:grade|strength(?: of (?:the )?recommendation)?|recommendation strength|sor)\s*:\s*",
    re.IGNORECASE)
_PROVENANCE = re.compile(
    r"\s*[,(/]\s*(?=(?:not )?(?:reviewed|new|amended|modified|added|replaced|changed|unchanged"
    r"|deleted|carried|updated)\b)")


def classify_label(raw: str) -> Label | None:
    """What a printed label means; None when the bracketed text is not a grade."""
    label = _clean(raw)
    if not label or len(label) > 110:
        return None
    key = _key(_LABEL_NAME.sub("", label))
    # VA/DoD: "Strong for; Reviewed, New-replaced", "Weak for (Reviewed, New-added)",
    # "Weak for, Reviewed, Amended": the provenance after the grade is not part of it.
    main = _PROVENANCE.split(key.split(";")[0])[0].strip(" ,(")
    for classify in _SCHEMES:
        found = classify(label, key, main)
        if found is not None:
            return found
    return None


def classify_strength_cell(raw: str) -> Label | None:
    """The strength column of a recommendation table: a whole label, or one word of a
    two-part scheme ("Strong", "Weak") that the column name completes."""
    found = classify_label(raw)
    if found is not None:
        return found
    word = _clean(raw)
    found = _nhlbi(word, "", f"{word.lower()} recommendation")
    return Label(word, found.scheme, found.strength, found.direction) if found else None


def _uspstf(label: str, key: str, main: str) -> Label | None:
    m = compiled(r"(?:grade )?([a-d])(?: recommendation| grade)?").fullmatch(main)
    if m and (main != m.group(1) or label.strip() in "ABCD"):
        letter = m.group(1).upper()
        scheme = "USPSTF" if len(main) > 1 else "letter"
        direction = Direction.AGAINST if letter == "D" else Direction.FOR
        return Label(label, scheme, _LETTER[letter], direction)
    if main in ("i statement", "grade i", "i recommendation") or label == "I":
        return Label(label, "USPSTF", Strength.INSUFFICIENT, Direction.INSUFFICIENT)
    return None


def _expert(label: str, key: str, main: str) -> Label | None:
    if main in ("eo", "expert opinion", "consensus", "expert consensus", "good practice point",
                "gpp", "best practice statement", "ungraded good practice statement"):
        return Label(label, "expert opinion", Strength.CONSENSUS, None)
    if main.startswith("consensus-") or main.startswith("consensus "):
        return Label(label, "consensus", Strength.CONSENSUS, None)
    return None


def _grade(label: str, key: str, main: str) -> Label | None:
    m = compiled(r"(strong|weak|conditional)(?: recommendation)? (for|against)").fullmatch(main)
    if m:
        strength = Strength.STRONG if m.group(1) == "strong" else Strength.CONDITIONAL
        direction = Direction.FOR if m.group(2) == "for" else Direction.AGAINST
        return Label(label, "GRADE", strength, direction)
    if main in ("neither for nor against", "n/a", "not applicable", "no recommendation",
                "no recommendation for or against", "insufficient evidence", "insufficient",
                "unresolved issue", "category: unresolved issue"):
        return Label(label, "GRADE", Strength.INSUFFICIENT, Direction.INSUFFICIENT)
    return None


_NHLBI_STRENGTH = {"strong": Strength.STRONG, "moderate": Strength.MODERATE,
                   "weak": Strength.CONDITIONAL, "conditional": Strength.CONDITIONAL}


def _nhlbi(label: str, key: str, main: str) -> Label | None:
    m = compiled(r"(strong|moderate|weak|conditional) (?:recommendation|strength)"
                     r"(?:, [a-z -]*(?:quality|evidence)[a-z -]*)?").fullmatch(main)
    if m:
        return Label(label, "GRADE", _NHLBI_STRENGTH[m.group(1)], None)
    return None


def _cdc(label: str, key: str, main: str) -> Label | None:
    m = compiled(r"category (i[a-d]?|ii[ab]?)").fullmatch(main)
    if m:
        strength = Strength.CONDITIONAL if m.group(1).startswith("ii") else Strength.STRONG
        return Label(label, "CDC", strength, None)
    # CDC 2016: "recommendation category: A, evidence type: 3"
    m = compiled(
            r"(?:recommendation )?category:? ([ab])(?:[,;] ?evidence type:? ?[1-4])?").fullmatch(
                     main)
    if m:
        strength = Strength.STRONG if m.group(1) == "a" else Strength.CONDITIONAL
        return Label(label, "CDC 2016", strength, None)
    return None


def _dhhs(label: str, key: str, main: str) -> Label | None:
    """USPHS/DHHS: strength letter A–C with evidence numeral I–III, in either order
    ("AI", "BIII", "IA", "IIB", "IIIA"); also "A-II", "rating: BII"."""
    text = compiled(
            r"^(?:rating|strength of recommendation and quality of evidence):? ",
            re.IGNORECASE).sub("",
                  label.strip())
    m = compiled(r"([ABC])-?(I{1,3})|(I{1,3})-?([ABC])").fullmatch(text)
    if not m:
        return None
    letter = m.group(1) or m.group(4)
    return Label(label, "USPHS/DHHS", _LETTER[letter], None)


_AHA = {"i": (Strength.STRONG, Direction.FOR), "iia": (Strength.MODERATE, Direction.FOR),
        "iib": (Strength.CONDITIONAL, Direction.FOR), "iii": (Strength.STRONG, Direction.AGAINST)}


def _aha(label: str, key: str, main: str) -> Label | None:
    """AHA/ACC: "Class I, Level of Evidence A", "COR IIa; LOE B-R", "Class III: Harm"."""
    m = compiled(
        r"(?:class|cor) (i|iia|iib|iii)(?:[:,]? ?\(?(?:no benefit|harm)\)?)?"
        r"(?:[,;]? ?(?:level of evidence|loe|level):? ?[abc](?:-[a-z]{1,3})?)?").fullmatch(
        key.replace(";", ",").replace(", ", ", ").strip())
    if m is None:
        m = compiled(r"(II[ab])").fullmatch(label.strip())  # bare "IIa" / "IIb" (lower-case suffix)
    if m is None:
        return None
    strength, direction = _AHA[m.group(1).lower()]
    return Label(label, "AHA/ACC", strength, direction)


def _words(label: str, key: str, main: str) -> Label | None:
    if main in ("not recommended", "not generally recommended", "generally not recommended",
                "not routinely recommended", "recommended against"):
        return Label(label, "recommended/not recommended", Strength.UNGRADED, Direction.AGAINST)
    if main == "recommended":
        return Label(label, "recommended/not recommended", Strength.UNGRADED, Direction.FOR)
    return None


_ZH_LETTER = {"A": Strength.STRONG, "B": Strength.MODERATE, "C": Strength.CONDITIONAL,
              "D": Strength.STRONG}
_ZH_ROMAN = {"Ⅰ": Strength.STRONG, "I": Strength.STRONG, "Ⅱ": Strength.MODERATE,
             "II": Strength.MODERATE, "Ⅲ": Strength.CONDITIONAL, "III": Strength.CONDITIONAL}


def _chinese(label: str, key: str, main: str) -> Label | None:
    """A/B/C/D/I级推荐, Ⅰ/Ⅱ/Ⅲ级推荐, 1A–2D, 强推荐/弱推荐, 不推荐, 证据不足, 专家共识."""
    text = compiled(r"^(?:推荐(?:强度|等级|级别|意见)?|证据等级)[:：]?\s*").sub("", label.strip())
    head = compiled(r"[，,；;、]").split(text)[0].strip()
    if "证据不足" in head or head in ("I级推荐", "I级"):
        return Label(label, "Chinese", Strength.INSUFFICIENT, Direction.INSUFFICIENT)
    against = Direction.AGAINST if "不推荐" in head or "反对" in head else None
    if "共识" in head:
        return Label(label, "Chinese", Strength.CONSENSUS, against)
    m = compiled(r"([ABCD])\s*级(?:推荐)?|([ABCD])").fullmatch(head)
    if m and (m.group(1) or compiled(r"[\u4e00-\u9fff]").search(label)):
        letter = m.group(1) or m.group(2)
        direction = Direction.AGAINST if letter == "D" else against
        return Label(label, "Chinese", _ZH_LETTER[letter], direction)
    m = compiled(r"(Ⅰ|Ⅱ[ab]?|Ⅲ|III|II[ab]?|I)\s*类(?:推荐)?").fullmatch(head)
    if m:  # 类 is a class, as AHA/ACC: Ⅰ for, Ⅱa, Ⅱb weaker, Ⅲ against
        cls = m.group(1).replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III").lower()
        strength, direction = _AHA[cls if cls != "ii" else "iia"]
        return Label(label, "Chinese", strength, against or direction)
    m = compiled(r"(Ⅰ|Ⅱ|Ⅲ|III|II)\s*级(?:推荐)?").fullmatch(head)
    if m:  # 级 is a level: Ⅰ strong, Ⅱ moderate, Ⅲ weaker
        return Label(label, "Chinese", _ZH_ROMAN[m.group(1)], against)
    m = compiled(r"([12])\s*([ABCD])").fullmatch(head)
    if m:
        strength = Strength.STRONG if m.group(1) == "1" else Strength.CONDITIONAL
        return Label(label, "GRADE", strength, against)
    if compiled(r"强烈推荐|强推荐").search(head):
        return Label(label, "Chinese", Strength.STRONG, against)
    if compiled(r"弱推荐|条件推荐|有条件推荐").search(head):
        return Label(label, "Chinese", Strength.CONDITIONAL, against)
    if head in ("不推荐", "反对"):
        return Label(label, "Chinese", Strength.UNGRADED, Direction.AGAINST)
    return None


_SCHEMES = (_uspstf, _expert, _grade, _nhlbi, _cdc, _dhhs, _aha, _words, _chinese)

# Words that make a bracketed note look like a grade even when no scheme above knows it.
_GRADE_WORDS = re.compile(
    r"\b(?:recommendation|recommended|grade[ds]?|loe|cor|category|strength|consensus"
    r"|expert opinion|certainty)\b|\bclass [iv0-9]|\blevel (?:of evidence|[a-c1-5i]{1,3}\b)"
    r"|\b(?:quality|level) of evidence\b|-quality evidence|\bevidence (?:level|grade|type)"
    r"|\bi statement\b|推荐|证据|共识",
    re.IGNORECASE,
)
_NOT_A_LABEL = re.compile(
    r"\b(?:see|refer|table|figure|fig|exhibit|appendix|section|page|e\.g|i\.e|for example"
    r"|such as|including|available|design|modified|adapted|source|http|www|vs|versus)\b"
    r"|\d{4}|\bet al\b|original guideline|these|defined",
    re.IGNORECASE,
)


def looks_like_label(raw: str) -> bool:
    """A short bracketed code or a note in grading words ("Grade 2+", "Level III-B")."""
    text = _clean(raw)
    if not text or len(text) > 80 or _NOT_A_LABEL.search(text):
        return False
    if compiled(r"[A-E][+-]?|[1-4][A-Da-d+-]?|[IV]{1,4}[A-Ca-c]?|[A-E]-?[IV]{1,4}").fullmatch(text):
        return True
    return bool(_GRADE_WORDS.search(text)) and len(text.split()) <= 10
