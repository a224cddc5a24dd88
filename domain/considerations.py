"""The "Things to consider" section: the guideline's own good effects and harms, and the
cautions that belong to no one piece of advice.

Its items come from the guideline's benefit and harm sections, not from its recommendations,
so they are found and said here, apart from the page of advice: a harm a sentence lists
("Adverse events of opioids include A; B; C") is never dropped, a long list is grouped by kind
of harm, and harms that are all about one topic of the page say so.
"""

from __future__ import annotations

import re

from domain import layout, summary
from domain.lists import bullet as _bullet
from domain.model import ParsedGuideline
from domain.numwords import say_comparators
from domain.plain import Rewriter
from domain.readability import sentences, words

__all__ = ["consider", "listed_sentence", "scarcity"]


def consider(guideline: ParsedGuideline, rw: Rewriter, cautions: list[str] | None = None,
             ) -> str:
    out = []
    if cautions:
        # What the guideline says to take care about, that belongs to no one piece of advice
        # (its "Contraindications", its notes on whom the advice is for), first.
        out.append("**Take care:**\n")
        out.extend(_bullet(c) for c in cautions)
        out.append("")
    benefits = summary.section(guideline, "Potential Benefits", "Benefits")
    harms = summary.section(guideline, "Potential Harms", "Harms", "Risks")
    for found, label in ((benefits, "**Possible good effects:**\n"),
                         (harms, "\n**Possible harms:**\n")):
        items = (_harm_items(found.text) if label.startswith("\n") else _items(found.text, 3)
                 ) if found else []
        if items:
            about = _harms_topic(guideline, items, rw) if label.startswith("\n") else None
            out.append(f"\n**Possible harms (these are about {about.lower()}):**\n"
                       if about else label)
            out.extend(_bullet(_grouped(say_comparators(rw.simplify(x)))) for x in items)
    out.append("\nEvery test and treatment has good points and risks. Think about what matters "
               "most to you. Your care team can help you weigh them.")
    return "\n".join(out).strip()


_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_COMMON = frozenset({"that", "this", "with", "there", "their", "these", "those", "from", "have",
                     "which", "were", "been", "than", "into", "when", "other", "more", "also",
                     "effect", "adverse", "risk", "harm", "side", "associated", "related"})


def _stem(word: str) -> str:
    return word.lower().removesuffix("s")


def _harms_topic(guideline: ParsedGuideline, items: list[str], rw: Rewriter) -> str | None:
    """The one topic of the page every harm is about ("IUDs … sterilization" on a page of
    check-ups, all named only under "Birth control"): said with the harms, so that a reader
    does not take them as the harms of the whole page. None when the harms are general."""
    heads = layout.topics(guideline)
    recs = guideline.recommendations
    named = {h for h in heads if h}
    if len(named) < 3:
        return None
    where: dict[str, set[str]] = {}
    for rec, head in zip(recs, heads, strict=False):
        for w in _WORD.findall(rec.source_text):
            where.setdefault(_stem(w), set()).add(head or "")
    votes: list[set[str]] = []
    counts: dict[str, int] = {}
    for item in items:
        own = [next(iter(where[_stem(w)])) for w in _WORD.findall(item)
               if len(where.get(_stem(w), ())) == 1 and _stem(w) not in _COMMON
               and not (w[:1].isupper() and w[1:].islower())]
        votes.append(set(own))
        for head in own:
            counts[head] = counts.get(head, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda h: counts[h])
    if counts[best] < 4 or 4 * counts[best] < 3 * sum(counts.values()) or not all(
            best in v for v in votes):
        return None
    found = {best}
    topic = next(iter(found))
    return layout.plain_heading(topic, rw.acronyms) if topic else None


_HARM = re.compile(r"\bharm|\brisks?\b|false[- ](?:negative|positive)|missed|adverse|"
                   r"side[- ]effects?|complications?\b|\bdeaths?\b|\bdie\b|injur|bleed|"
                   r"overdiagnos|overtreat|toxic|\b(?:can|may) (?:also )?(?:cause|occur|lead)|"
                   r"\boccurs?\b", re.IGNORECASE)
_NO_EVIDENCE = re.compile(
    r"\b(?:inadequate|insufficient|limited|no) (?:evidence|information|data)\b"
    r"|\bevidence\b[^.]*\bis limited\b|\bmagnitude\b|\bto bound\b"
    r"|\bno (?:trials|studies)\b|\bno greater than\b", re.IGNORECASE)


def _harm_items(text: str) -> list[str]:
    """The first items of the harms text and every later sentence that states a harm: a
    reader not told that a test can miss a cancer may discount a lump after a normal result.
    A sentence that only says the evidence on harms is lacking names no harm."""
    first = _items(text, 3)
    return [x for x in _items(text, 10_000, 60)
            if x in first or (_HARM.search(x) and not _NO_EVIDENCE.search(x))]


# Kinds of harm a long list falls into, each named by words its items use.
_HARM_KINDS = (
    ("Addiction and overdose", re.compile(r"\b(?:substance use|addiction|abuse|overdose|misuse"
                                          r"|non-pain use|ways other than prescribed)", re.I)),
    ("Mind and mood", re.compile(r"\b(?:mental|thinking|depression|suicid|psychiatric"
                                 r"|psycholog|mood|memory|confusion)", re.I)),
    ("Body", re.compile(r"\b(?:heart|blood vessel|breathing|stomach|gut|hormone|weight"
                        r"|headache|infection|HIV|hepatitis|falls|bleeding|kidney|liver)", re.I)),
)
_LONG_LIST = 12


def _grouped(text: str) -> str:
    """A list of many harms as a few lines, one per kind of harm ("Addiction and overdose:
    …", "Body: …"): twenty bullets in a row are not read. The items and their words stay."""
    head, *items = text.split("\n- ")
    if len(items) < _LONG_LIST:
        return text
    kinds: dict[str, list[str]] = {}
    for item in items:
        kind = next((k for k, words in _HARM_KINDS if words.search(item)), "Other")
        said = re.sub(r"\. For example: (.+)$", r" (for example, \1)", item.strip().rstrip(".;"))
        kinds.setdefault(kind, []).append(said)
    if sum(len(v) >= 2 for v in kinds.values()) < 3 or len(kinds) < 4:
        return text  # a list of fewer than four lines stays as it is
    order = [k for k, _ in _HARM_KINDS if k in kinds] + (["Other"] if "Other" in kinds else [])
    return head + "".join(f"\n- {k}:" + "".join(f"\n    - {x}" for x in kinds[k])
                          for k in order)


_LISTED = re.compile(r"^(?P<lead>[^;:]{3,120}?\b(?:include|includes|are|is)):?\s+(?P<rest>.+;.+)$")
_ITEMS_MIN = 3


def listed_sentence(sent: str) -> str | None:
    """A long sentence that is a list ("Adverse events of opioids include A; B; C; …; and
    Z.") as a lead-in and one item a line, so that a long list of harms is never left out."""
    m = _LISTED.match(sent.strip().rstrip("."))
    if not m:
        return None
    parts = [re.sub(r"^(?:and|or)\s+", "", p.strip()) for p in m.group("rest").split(";")]
    parts = [p for p in parts if p]
    if len(parts) < 3:
        return None
    if _HARM.search(m.group("lead")):
        parts = [_worse(p) for p in parts]
    return f"{m.group('lead')}:" + "".join(f"\n- {p}" for p in parts)


_FACULTY = re.compile(r"^(?:cognitive|mental|physical|motor|sexual|kidney|renal|liver|lung"
                      r"|heart) (?:performance|function(?:ing)?)$", re.IGNORECASE)


def _worse(item: str) -> str:
    """An item of a harms list that names only a faculty ("cognitive performance") means
    that faculty getting worse: printed bare it names no harm."""
    return f"decreased {item}" if _FACULTY.match(item) else item


# A sentence about the document and whom it guides says nothing of what the care does for
# the reader (round-20 CDC rater: the page's one good effect was "This report can guide
# clinicians …").
_ABOUT_THE_REPORT = re.compile(
    r"^(?:This|These|The) (?:report|document|guideline|guidelines|recommendations|guidance"
    r"|statement)\b[^.]{0,40}\b(?:can|will|may|is intended to|are intended to|aims? to)\s+"
    r"(?:guide|help|assist|inform|serve)\b")


# "See the "Possible consequences" and "Rationale" sections for each recommendation": a
# pointer into the guideline, whose sections the reader does not have.
_SEE_SECTIONS = re.compile(r"^See (?:the )?[^.]{0,80}\bsections?\b")


# "Magnitude of effect estimates, number of studies, and consistency of effects provide the
# basis for the strong evidence finding": how the grade was reached, said to no reader.
_BASIS = re.compile(r"\bprovides? the basis for the (?:strong |sufficient |insufficient )?"
                    r"(?:evidence|proof) finding\b")


def _items(text: str, limit: int, max_words: int = 40) -> list[str]:
    """First bullets or sentences of a section, without sub-headings and notes; a lead-in
    that ends in ":" is no item on its own."""
    out: list[str] = []
    in_dropped_list = False
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#") or "original guideline" in line.lower():
            continue
        item = bool(re.match(r"(?:[-*+]\s+|\d+[.)]\s+)", line))
        if in_dropped_list and item:
            continue  # the items of a lead-in that is not shown would read as fragments
        in_dropped_list = False
        if line.rstrip().endswith(":"):
            in_dropped_list = True
            continue
        line = re.sub(r"^(?:[-*+]\s+|\d+[.)]\s+)", "", line)
        skipped = False
        for sent in sentences(line):
            if _ABOUT_THE_REPORT.match(sent) or _BASIS.search(sent) or _SEE_SECTIONS.match(sent):
                continue  # "This report can guide clinicians …": no good effect for the reader
            sent = _STUDY_FRAME.sub(_what_was_found, sent)
            listed = listed_sentence(sent)
            if listed:
                out.append(listed)
            elif (3 <= len(words(sent)) <= max_words and not sent.lower().startswith("note")
                    and not sent.rstrip().endswith(":")):
                # "X also were helpful …" after a sentence left out: "also" points at nothing.
                out.append(re.sub(r"^([^,.;]{3,60}?) also (?=\w)", r"\1 ", sent)
                           if skipped else sent)
            elif (main := _main_part(sent, max_words)) is not None:
                out.append(main)
            else:
                skipped = True
                continue
            skipped = False
            if len(out) >= limit:
                return out
    return out


def _main_part(sent: str, max_words: int) -> str | None:
    """A sentence too long to print, cut before ", as well as …" when what is left is a
    sentence of its own: "Benefits of testing include early identification …, as well as
    early notification of …" keeps why the tests matter instead of dropping it whole."""
    head, sep, _ = sent.partition(", as well as ")
    if not sep or not 3 <= len(words(head)) <= max_words:
        return None
    return f"{head.rstrip(' ,;')}."


# "Findings from a systematic review of 53 studies that described 66 programs demonstrated
# the effectiveness of X in reducing …": the study's frame, then what was found.
_STUDY_FRAME = re.compile(
    r"^(?:Findings|Results|Evidence) from (?:a|an|the) (?:systematic )?review of \d+ "
    r"(?:studies|trials)(?: that (?:described|looked at|examined) \d+ [a-z]+)? "
    r"(?:demonstrated|showed|found) the (?:effectiveness|benefits?) of (?P<what>[^,;]{3,90}?) "
    r"in (?P<found>[a-z].*)$")


def _what_was_found(m: re.Match[str]) -> str:
    """"… demonstrated the effectiveness of X in reducing Y" as "X helped in reducing Y"."""
    what = m.group("what")
    return f"{what[:1].upper()}{what[1:]} helped in {m.group('found')}"


# "Given the large discrepancy between the number of candidates on the transplant list and the
# number of organs available": why saying no to an offer has risks too.
_SCARCE = re.compile(r"\bdiscrepancy between the number of (?P<who>[a-z][\w -]{2,40}?) (?:on|in) "
                     r"the (?P<where>[a-z][\w -]{2,40}?) and the number of (?P<what>[a-z]+) "
                     r"available\b", re.IGNORECASE)
_BOTH_WAYS = re.compile(r"\brisks? of both accepting and (?:rejecting|declining|refusing) "
                        r"(?P<what>[a-z]+)\b", re.IGNORECASE)


def scarcity(guideline: ParsedGuideline, advice: str) -> str:
    """For advice to weigh the risks of both accepting and refusing something offered, the
    guideline's own statement that there is far less of it than people waiting: the reason
    saying no has risks too. "" when either is missing."""
    both = _BOTH_WAYS.search(advice)
    found = summary.section(guideline, "Qualifying Statements", "Qualifying Statement")
    m = _SCARCE.search(found.text) if found and both else None
    if not both or not m or m.group("what").lower() != both.group("what").lower():
        return ""
    what = m.group("what").lower()
    one = what.removesuffix("s")
    return (f"There are far fewer {what} available than {m.group('who')} on the "
            f"{m.group('where')}, so saying no to {'an' if one[:1] in 'aeiou' else 'a'} {one} "
            "has risks too.")
