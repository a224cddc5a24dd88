"""How firm the advice is, said to the reader in each language, led by the symbol quality
control reads (✔ for, ✖ against, ? not enough evidence). One decision, one table per
language, so the languages cannot drift apart."""

from __future__ import annotations

import re

from domain.model import Direction, Strength

_ENGLISH = {
    # "proof", as the advice itself says it ("not enough proof to advise …").
    "insufficient": "? There is not enough proof. We do not know yet if this helps.",
    "strong against": "✖✖ Strong advice against. Experts advise not to do this.",
    "weak against": "✖ This is weak advice against. Experts lean against this. Talk it over.",
    "against": "✖ Advice against. Experts advise not to do this.",
    "strong for": "✔✔ Strong advice for. Most people like you would want this.",
    # Moderate: the experts advise it; what most people would want is said of strong advice
    # only (patient-versions.md), as it is a claim the grade backs only there.
    "for": "✔ Advice for. Experts advise this for most people like you.",
    # One idea a sentence, as the page's other fixed lines.
    "weak for": ("✔? This is weak advice for. Many people would want this. Some would not. "
                 "Talk it over."),
    "consensus": "✔ Advice for. This is the experts' shared view. It is not a graded study result.",
    "ungraded": "✔ Advice for. The experts advise this. They did not grade how sure they are.",
}

_CHINESE = {
    "insufficient": "? 证据不足：目前还不知道这样做有没有好处。",
    "strong against": "✖✖ 强烈建议不要这样做：专家认为这样做没有好处，或者害处更大。",
    "weak against": "✖ 弱推荐：专家倾向于不这样做，但要看您的情况。请和医生商量。",
    "against": "✖ 建议不要这样做：专家认为这样做没有好处，或者害处更大。",
    "strong for": "✔✔ 强烈建议这样做：大多数像您这样的人都会愿意这样做。",
    "for": "✔ 建议这样做：专家建议大多数像您这样的人这样做。",
    "weak for": "✔? 弱推荐：很多人会愿意这样做，但也有人不愿意。请和医生商量。",
    "consensus": "✔ 建议这样做：这是专家讨论后的共同意见，不是研究分级的结果。",
    "ungraded": "✔ 建议这样做：专家这样建议，但没有说明把握有多大。",
}


def _kind(direction: Direction, strength: Strength) -> str:
    if direction is Direction.INSUFFICIENT or strength is Strength.INSUFFICIENT:
        return "insufficient"
    if direction is Direction.AGAINST:
        return {Strength.STRONG: "strong against",
                Strength.CONDITIONAL: "weak against"}.get(strength, "against")
    return {Strength.STRONG: "strong for", Strength.MODERATE: "for",
            Strength.CONDITIONAL: "weak for", Strength.CONSENSUS: "consensus"
            }.get(strength, "ungraded")


def strength_wording(direction: Direction, strength: Strength) -> str:
    """How firm the advice is, in patient words with a symbol (patient-versions.md)."""
    return _ENGLISH[_kind(direction, strength)]


def strength_wording_zh(direction: Direction, strength: Strength) -> str:
    """The same in plain Chinese; 强/弱 only when the guideline says so."""
    return _CHINESE[_kind(direction, strength)]


# "… may be used in women with SCD": the experts permit it; they do not advise it.
_PERMITS = re.compile(r"\b(?:may|can) be (?:used|offered|given|taken)\b", re.IGNORECASE)
_ADVISES = re.compile(r"\b(?:should|must|recommend\w*|advise\w*|suggest\w*)\b", re.IGNORECASE)


def strength_of(source: str, direction: Direction, strength: Strength) -> str:
    """The strength wording, where a graded statement that only permits something ("may be
    used") is called an option: "✔ Advice for" over it reads as advice to use it. Its sign
    and what it says of the grade stay. An ungraded guideline permits all it advises."""
    said = strength_wording(direction, strength)
    if (direction is not Direction.FOR or strength is Strength.UNGRADED
            or not _PERMITS.search(source) or _ADVISES.search(source)):
        return said
    mark, _, rest = said.partition(" ")
    rest = rest.partition(". ")[2] if strength is Strength.CONSENSUS else ""
    return " ".join(x for x in (mark, "An option. Experts say it may be used. They do not "
                                "advise it for everyone.", rest) if x)
