"""Long advice sentences cut where a reader can take a breath, with no word of meaning lost.

Each rule holds for any guideline: it looks only at how a sentence is built (a series of
four or more short things at its end; a condition, reason, group or examples trailing it),
never at what one page says. Nothing inside brackets is cut, a condition that leads a sentence keeps
limiting all of it, and every number, direction and name stays as written.
"""

from __future__ import annotations

import re

from domain.lists import depth, is_clause, split_parts
from domain.readability import words
from domain.wording_check import defects, has_finite_verb

__all__ = ["condition_after", "examples_after", "group_after", "inline_list", "reason_after",
           "split_advice"]

_MIN_ITEMS = 4
_ITEM_WORDS = 7
# The word a list's lead ends with: the items are what it is "with", "against", "of" …
_LEAD_END = re.compile(
    r"\b(?:with|against|of|for|about|include|includes|including|such as|like|on|to|from|by"
    r"|are|is|be|offer|offers|use|using|avoid|avoiding|consider|considering|take|taking|try"
    r"|get|getting|have|has|had|need|needs|advise|advises|suggest|suggests|recommend"
    r"|recommends|check|checking|treat|treating|as|after|before|during|at|into|between"
    r"|without|than|either)\s+(?=\S)|:\s+",
    re.IGNORECASE)
# "A, B, C, and D", "A, B, C or D": the last joint carries the conjunction.
_JOINT = r",\s+(?:and\s+|or\s+)?"
_LAST_CONJ = re.compile(r"^(?P<a>.+?),?\s+(?P<conj>and|or)\s+(?P<b>[^,]+)$")
_QUANTIFIED = re.compile(r"\b(?:one|any|each|all|none|either|both|some) of$", re.IGNORECASE)


def inline_list(sentence: str) -> list[str] | None:
    """"Experts advise against magnesium, benzodiazepines, neostigmine, tramadol, and
    ketamine." -> a lead ("Experts advise against:") and one line an item, when the
    sentence ends in a series of four or more short things. A series joined by "or" is
    said "any of these", so the choice it offers is kept."""
    body = sentence.rstrip()
    if not body.endswith((".", "!")) or depth(body):
        return None
    body = body[:-1]
    parts = split_parts(body, _JOINT)
    if len(parts) < _MIN_ITEMS - 1:
        return None
    joints = [m.group(0) for m in re.finditer(_JOINT, body) if depth(body[: m.start()]) == 0]
    conj = ""
    last = _LAST_CONJ.match(parts[-1]) if not re.search(r"\b(?:and|or)\s+$", joints[-1]) \
        else None
    if re.search(r"\b(and|or)\s+$", joints[-1]):
        conj = joints[-1].split()[-1]
    elif last and depth(last.group("a")) == 0:
        conj = last.group("conj")
        parts[-1:] = [last.group("a"), last.group("b")]
    if any(re.search(r"\b(?:and|or)\s+$", j) for j in joints[:-1]):
        return None  # a list inside a list item: not one series
    cut = _lead_cut(parts[0])
    if cut is None:
        return None
    lead, items = parts[0][:cut].rstrip(), [parts[0][cut:], *parts[1:]]
    if re.match(r"\w+ing\b", items[0]):
        return None  # "from donating blood, plasma, …": the verb bears on every item
    if (len(items) < _MIN_ITEMS or len(words(lead)) < 2 or not all(map(_item, items))
            or _TRAILING.search(items[-1]) or (not conj and not lead.endswith(":"))
            or _phrase_after(items)):
        return None
    return [_lead(lead, conj), *(f"- {i.strip()}" for i in items)]


# An item that starts like this adds to the one before it or says why: no item of its own.
# An item that starts "person …" would speak of the reader as "person" on a line of its own.
_NOT_ITEM = re.compile(r"^(?:including|includes?|such as|especially|for example|e\.g\.|like|to"
                       r"|other|and|or|(?:the )?(?:person|patient)s?)\b", re.IGNORECASE)
# A word ending the series that may bear on every item ("… or D-cycloserine alone").
_TRAILING = re.compile(r"\bto [a-z]+ (?:the|a|an|your|their|its)\b"
                       r"|\b(?:alone|only|together|too|also|instead|first|either|both|\w+ly)$",
                       re.IGNORECASE)


def _item(text: str) -> bool:
    """A short thing, not a clause, not an addition to the item before it."""
    text = text.strip()
    return (1 <= len(words(text)) <= _ITEM_WORDS and not is_clause(text)
            and not _NOT_ITEM.match(text))


_PREPOSITION = re.compile(r"\s(?:for|in|with|to|at|on|during|after|before|among|without|of"
                          r"|by|from)\s")


def _phrase_after(items: list[str]) -> bool:
    """"… tramadol, and ketamine for long-term pain": the last item, longer than the others,
    ends in a phrase that bears on every item, so the series is no list."""
    longest = max(len(words(i)) for i in items[:-1])
    return len(words(items[-1])) > longest + 1 and bool(_PREPOSITION.search(items[-1]))


def _lead_cut(first: str) -> int | None:
    """Where the lead ends in the series' first part: at a colon when what follows it is one
    item, else after the last word that announces things ("with", "against", "include")."""
    colon = first.rfind(": ")
    if colon >= 0 and _item(first[colon + 2:]):
        return colon + 2
    found = [m for m in _LEAD_END.finditer(first) if m.start() > colon]
    return found[-1].end() if found else None


def _lead(lead: str, conj: str) -> str:
    """The words announcing the list, ending in a colon; "or" said as "any of these"."""
    if lead.endswith(":"):
        return lead
    lead = lead.rstrip(" :")
    if conj == "or":
        if lead.lower().endswith(" either"):
            lead = lead[: -len(" either")]
        lead += " these" if _QUANTIFIED.search(lead) else " any of these"
    return f"{lead}:"


_CONDITION_FIRST = re.compile(
    r"^(?:if|when|whenever|for|in|unless|after|before|during|while|although|though|once"
    r"|because|since|as|until|where|with|without|despite|among)\b", re.IGNORECASE)


_LATE_CONDITION = re.compile(r"\s(?P<word>when|if|unless)\s+(?!possible|needed|necessary|"
                             r"appropriate|available|any|so\b|not\b)", re.IGNORECASE)
# "or when", "only if", "check if", "the times when": the word joins the condition to more
# than the clause before it, asks a question, or starts a relative clause.
_BOUND = re.compile(r"\b(?:or|and|but|only|especially|particularly|even|except|as|ask|asked|"
                    r"check|checked|see|know|decide|tell|out|determine|sure|whether|time|times|"
                    r"period|periods|case|cases|situation|situations|point|moment|age|day|"
                    r"days|occasions?|instances?|circumstances?|settings?|those|\w+ing)$",
                    re.IGNORECASE)


def condition_after(sentence: str) -> list[str]:
    """"Experts advise X when Y." -> "Experts advise X. This applies when Y.": a condition
    trailing a long sentence is said in a sentence of its own, as the page says conditions
    elsewhere, so the advice reads first and the condition in full after it."""
    if len(words(sentence)) < 16 or _CONDITION_FIRST.match(sentence):
        return [sentence]
    for m in _LATE_CONDITION.finditer(sentence):
        head, tail = sentence[: m.start()].rstrip(" ,"), sentence[m.end():]
        if (depth(head) or _BOUND.search(head) or "This applies" in head or len(words(head)) < 8
                or len(words(tail)) < 4 or not is_clause(head) or not is_clause(tail)):
            continue
        return [f"{head}.", f"This applies {m.group('word').lower()} {tail}"]
    return [sentence]


_REASON = re.compile(r",?\s+because\s+(?=\S)", re.IGNORECASE)


def reason_after(sentence: str) -> list[str]:
    """"X is not advised because there is no proof …" -> "X is not advised. This is because
    there is no proof …": the reason in a sentence of its own, as the page gives reasons
    elsewhere. Only where both halves are whole clauses and the reason is not in brackets."""
    if len(words(sentence)) < 14 or _CONDITION_FIRST.match(sentence):
        return [sentence]
    m = _REASON.search(sentence)
    if not m:
        return [sentence]
    head, tail = sentence[: m.start()].rstrip(" ,"), sentence[m.end():]
    if (depth(head) or len(words(head)) < 6 or len(words(tail)) < 4 or not is_clause(head)
            or not is_clause(tail) or re.search(r"\b(?:not|only|partly|mainly|just)$", head)):
        return [sentence]  # "not because …", "only because …": the reason is the point
    return [f"{head}.", f"This is because {tail}"]


_GROUP = re.compile(
    r"\s(?P<word>in|for|among)\s+(?P<group>(?:all\s+|most\s+)?(?:(?!(?:in|of|for|with|to|the|and"
    r"|or|use|other|these|those|such|treatment)\b)[\w,'-]+\s+){0,3}?(?i:adults|children"
    r"|adolescents|teens|teenagers|women|men|people|persons|infants|newborns|babies|girls|boys"
    r"|individuals|youth|smokers)\b[^.;:!?]*)\.$")
# "screening for …", "tested for …": "for" names what is looked for, not who it is for.
_LOOKED_FOR = re.compile(r"\b(?:screen|screening|screened|test|tests|testing|tested|check"
                         r"|checks|checking|checked|look|looking|ask|asking|care|risk)$",
                         re.IGNORECASE)


def group_after(sentence: str) -> list[str]:
    """"There is not enough proof about … of screening for X in adults without symptoms." ->
    "… of screening for X. This is for adults without symptoms.": the group a long sentence
    ends with is said in a sentence of its own, as the page says who advice is for
    elsewhere; the group is kept whole, so nothing it limits is lost."""
    if len(words(sentence)) < 14 or _CONDITION_FIRST.match(sentence):
        return [sentence]
    m = _GROUP.search(sentence)
    if not m:
        return [sentence]
    head, group = sentence[: m.start()].rstrip(" ,"), m.group("group").strip()
    if (depth(head) or depth(group) or len(words(head)) < 8 or len(words(group)) > 15
            or re.search(r",\s+(?:and|but|or|if|when)\b|\band,|such as|e\.g\.|for example|\(",
                         group)
            or not is_clause(head) or has_finite_verb(group) or (m.group("word").lower() == "for"
                                       and _LOOKED_FOR.search(head))
            or re.search(r"\bThis (?:is|applies)\b|:", head)):
        return [sentence]
    return [f"{head}.", f"This is for {group}."]


_EXAMPLES = (
    re.compile(r",?\s+such as\s+(?P<ex>[^;:()]+)(?=\.$)"),
    re.compile(r"\s+\((?:e\.g\.,?|for example,?|such as)\s+(?P<ex>[^()]+)\)(?=\.$)"),
)


# A piece after a comma that starts like this says more about the sentence: no example.
_NOT_EXAMPLE = re.compile(r"(?:for|to|in|with|when|if|because|which|that|by|at|on|as|so)\b")


def examples_after(sentence: str) -> list[str]:
    """"Your care team should offer risk-reducing medicines, such as tamoxifen or
    raloxifene." -> "… medicines. For example: tamoxifen or raloxifene.": examples that end a
    sentence are said in a sentence of their own, right after the word they are examples
    of. Examples in the middle stay: said later they would seem to belong to another word."""
    if len(words(sentence)) < 12 or not sentence.endswith("."):
        return [sentence]
    for pattern in _EXAMPLES:
        m = pattern.search(sentence)
        if not m or depth(sentence[: m.start()]):
            continue
        example = m.group("ex").strip().rstrip(".")
        rest = re.sub(r"\s+", " ", f"{sentence[: m.start()]} {sentence[m.end():]}")
        rest = rest.replace(" .", ".").strip()
        parts = split_parts(example)
        if (not 1 <= len(words(example)) <= 12 or is_clause(example)
                or any(len(words(p)) > 5 or _NOT_EXAMPLE.match(p) for p in parts)
                or len(words(rest)) < 6 or not is_clause(rest)):
            continue
        return [rest, f"For example: {example}."]
    return [sentence]


_SENTENCE = re.compile(r"(?<=[A-Za-z0-9)%]{2}[.!?])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|vs|etc|dr|no|approx|al|cf)\.$", re.IGNORECASE)


def _sentences(line: str) -> list[str]:
    """The sentences of one line; an abbreviation's full stop ends none."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(line):
        if _ABBREVIATION.search(line[start : m.start()]):
            continue
        out.append(line[start : m.start()])
        start = m.end()
    return [*out, line[start:]]


_RULES = (condition_after, reason_after, group_after, examples_after)


# Examples written as a series stay one line ("For example: A, B, C, and D"), as the page
# writes them elsewhere.
_EXAMPLES_LEAD = re.compile(r"(?:For example|For instance|That is|Examples?\b)", re.IGNORECASE)


def _cut(sentence: str, after: str, first: bool = False) -> list[str]:
    """One sentence put through each rule in turn; each piece goes on to the next rule.
    Examples stay in place when the sentence after it gives examples too. The advice's first
    sentence keeps its group: the block's title is taken from it, and a title without its
    group ("Not sure yet: medicines for quitting") would seem to say more than the advice."""
    pieces = [sentence]
    for rule in _RULES:
        if (rule is examples_after and after.startswith("For example")) or (
                first and rule is group_after):
            continue
        pieces = [p for piece in pieces for p in _checked(rule(piece), piece)]
    return pieces


def _checked(pieces: list[str], sentence: str) -> list[str]:
    """The pieces a rule made, or the sentence as it was when they read worse by quality
    control's own wording checks (a piece without a verb, one ending on "the" …)."""
    if len(pieces) > 1 and len(defects("\n".join(pieces))) > len(defects(sentence)):
        return [sentence]
    return pieces


def split_advice(text: str, first_too: bool = False) -> str:
    """The advice text with its long sentences cut (:func:`inline_list`,
    :func:`condition_after`, :func:`reason_after`,
    :func:`group_after`, :func:`examples_after`); lines that are already list items or leads
    are left as they are. The first sentence, which titles the block, is never cut from its
    group (titles told apart by it would lose it), and is made a list only with
    ``first_too``."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("- ") or line.rstrip().endswith(":") or not line.strip():
            out.append(line)
            continue
        run: list[str] = []
        said = _sentences(line)
        for i, sentence in enumerate(said):
            first = not out and not run
            listed = (None if (first and not first_too) or _EXAMPLES_LEAD.match(sentence)
                      else inline_list(sentence))
            if listed and _checked(listed, sentence) == listed:
                if run:
                    out.append(" ".join(run))
                    run = []
                out.extend(listed)
                continue
            run.extend(_cut(sentence, said[i + 1] if i + 1 < len(said) else "", first))
        if run:
            out.append(" ".join(run))
    return "\n".join(out)
