"""Comparators said in words, with every digit kept exactly.

A reader does not parse "<3 years", "≥101.3°F" or "≤140": they read "under age 3",
"at least 101.3°F", "140 or lower". Ranges written with a dash ("170–199") read as
"170 to 199". Only the symbol changes; the figure and its unit are copied as printed, and
:func:`say_comparators` refuses its own output if any figure changed.
"""

from __future__ import annotations

import re

from domain.numbers import clinical_numbers

__all__ = ["say_comparators"]

_NUM = r"\d+(?:[.,]\d+)*"
_AGE_UNIT = r"(?:years?|months?|weeks?|days?)(?:\s+(?:of age|old))?"
_AGE = re.compile(
    rf"(?P<lead>\b(?:for |at )?(?:age|aged|ages)\s?)?(?P<cmp>[<>\u2264\u2265])=?\s?(?P<num>{_NUM})"
    rf"(?P<unit>\s?{_AGE_UNIT})\b(?!-)")
_AGE_LEAD = re.compile(
    rf"(?P<lead>\b(?:for |at )?(?:age|aged|ages)\s?)(?P<cmp>[<>\u2264\u2265])=?\s?(?P<num>{_NUM})"
    r"\b(?![-.,]?\d)(?!-)")
_OTHER = re.compile(
    rf"(?<![\w.])(?P<cmp>[<>\u2264\u2265])=?\s?(?P<num>{_NUM})(?P<pct>\s?%|\s?percent\b)?"
    r"(?P<after>[\s\u00b0\w/]?)")
# Only dash ranges: "1-3" written with a hyphen is read by quality control as one figure.
_RANGE = re.compile(r"(?<![\w.,/-])(\d+(?:\.\d+)?)\s?[\u2013\u2014]\s?(\d+(?:\.\d+)?)"
                    r"(?![\w.,/-]|\.\d)")


def _age(m: re.Match[str]) -> str:
    lead, cmp, num, unit = (m.group("lead") or ""), m.group("cmp"), m.group("num"), m.group("unit")
    unit = unit.strip()
    said = {"<": f"younger than {num} {unit}", ">": f"older than {num} {unit}",
            "\u2264": f"{num} {unit} or younger", "\u2265": f"{num} {unit} or older"}[cmp]
    if lead and cmp in "<>":
        word = {"<": "under", ">": "over"}[cmp]
        return f"{lead}{word} {num} {unit}"  # "for age <3 years" -> "for age under 3 years"
    return f"{lead}{said}"


def _age_lead(m: re.Match[str]) -> str:
    lead, cmp, num = m.group("lead"), m.group("cmp"), m.group("num")
    base = lead.strip()
    pre = "for " if base.startswith("for ") else "at " if base.startswith("at ") else ""
    word = base.split()[-1]
    return {"<": f"{pre}under age {num}", ">": f"{pre}over age {num}",
            "\u2264": f"{pre}{word} {num} or younger", "\u2265": f"{pre}{word} {num} or older"}[cmp]


def _other(m: re.Match[str]) -> str:
    cmp, num, pct, after = m.group("cmp"), m.group("num"), m.group("pct") or "", m.group("after")
    rest = m.string[m.end("pct") if m.group("pct") else m.end("num"):]
    # "≤140." or "≤90 and …" end the figure; "≥10 mIU/mL" goes on with its unit.
    bare = bool(re.match(r"\s*(?:[,.;:)]|$|(?:and|or|to|in|for|at|on|by|with|than|while|when|if"
                         r"|as|on|after|before|of)\b)", rest))
    if bare and cmp == "\u2264":
        return f"{num}{pct} or lower{after}"
    if bare and cmp == "\u2265":
        return f"{num}{pct} or higher{after}"
    word = {"<": "less than", ">": "more than", "\u2264": "at most", "\u2265": "at least"}[cmp]
    return f"{word} {num}{pct}{after}"


_NOT_A_NOUN = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "remains", "remain", "of", "than", "to",
    "at", "with", "for", "by", "from", "and", "or", "in", "on", "under", "over", "about", "if",
    "when", "who", "that", "which", "whose", "has", "have", "had", "a", "an", "the", "each",
    "any", "every", "reaches", "reach", "exceeds", "exceed", "between", "below", "above",
    "aged", "age", "ages", "least", "most", "only", "still", "also", "not", "as", "into",
})


def _of(text: str) -> str:
    """"a temperature at least 101.3°F" -> "a temperature of at least 101.3°F": after a noun
    a comparator said in words reads as a measure of it."""
    pattern = (r"(?<=[A-Za-z\-]) (?=(?:at least|at most|less than|more than) \d|\d+(?:[.,]\d+)*"
               r"%? or (?:lower|higher)\b)")

    def add(m: re.Match[str]) -> str:
        before = re.findall(r"[A-Za-z][\w-]*$", text[: m.start()])
        if not before or before[0].lower() in _NOT_A_NOUN:
            return m.group(0)
        if re.search(r"\b(?:lower|reduce|bring down|keep|decrease)\b(?:\s+\S+){0,6}$",
                     text[: m.start()]):
            return " to "  # "lower the top number to 140 or lower"
        return " of "

    return re.sub(pattern, add, text)


def say_comparators(text: str) -> str:
    """"<3 years" -> "younger than 3 years", "≥101.3°F" -> "at least 101.3°F", "≤140" ->
    "140 or lower", "170–199" -> "170 to 199". Unchanged when a figure would change, or
    where a symbol is glued to a word ("≥3-dose")."""
    out = _AGE.sub(_age, text)
    out = _AGE_LEAD.sub(_age_lead, out)
    out = _OTHER.sub(lambda m: m.group(0) if _glued(m) else _other(m), out)
    out = _RANGE.sub(r"\1 to \2", out)
    if out != text:
        out = _of(out)
    if _figures(out) != _figures(text):
        return text
    return out


def _glued(m: re.Match[str]) -> bool:
    """"≥3-dose": the figure is part of a word; its symbol stays."""
    rest = m.string[m.end("num"):]
    return bool(re.match(r"-[A-Za-z]", rest))


def _figures(text: str) -> list[str]:
    return sorted(re.sub(r"^[<>\u2264\u2265]=?", "", n) for n in clinical_numbers(text))
