"""The short overview a long page gives of the reader's other advice.

A page with dozens of further points buries its main advice (PEMAT-P items 2 and 10): the
reader's part lists them one line per topic, with their advice numbers and every piece of
advice against named with its sign, and the points themselves are printed in full in a part
after the disclaimer, numbered as the overview says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.layout import _TOP, _norm, plain_heading
from domain.model import ParsedGuideline

__all__ = ["AGAINST_BRIEF", "MAX_LINES", "OVER", "SPLIT_OVER", "TERMS_BRIEF", "WARNINGS", "Point",
           "against_clauses", "against_title", "condition", "limits", "lines", "lower_first",
           "numbers", "opening", "permits", "top_topics"]

OVER = 12
"""More points than this get an overview. In the corpus the reader's other advice holds 0 or
9 points on all pages but eight, which hold 34 to 217: nine points read as a short list, 34
do not."""

WARNINGS = ("**The advice against and the cautions among them** (a point against with no "
            "exception in one line; its full text is after the disclaimer):")
"""Heads the points against, one line each, and the points with a caution, printed whole
under the overview."""

AGAINST_BRIEF = ("**Advised against** (a few words each, by topic; each in full, with its "
                 "reasons and cautions, after the disclaimer):")
"""Heads what a compact page advises against, a few words each."""

TERMS_BRIEF = ("**Advised, on terms** (what must be true first, or what to know before "
               "you decide; in full after the disclaimer):")
"""Heads the points for that hold only on their terms, on a compact page."""

MAX_LINES = 8
"""At most this many topic lines, so the overview stays a glance."""

SPLIT_OVER = 80
"""A top heading over more points than this is split into runs of its topics when there are
lines to spare: the Colorado pages hold 139 to 227 such points under two headings, while the
largest of the VA/DoD suicide-risk page's four modules holds 68 and reads as one line."""


@dataclass(frozen=True)
class Point:
    """One of the reader's other points as the overview needs it."""

    number: int
    topic: str
    """The topic it is printed under in the full list, in plain words."""
    top: str
    """The guideline's top heading above it, in plain words ("Treatments — operative")."""
    title: str
    """A short title ("epidural infusions"), empty when none reads well."""
    sign: str
    """"✖✖" or "✖" for advice against, else empty."""
    caution: bool
    """Whether the point carries a caution ("Take care")."""
    condition: str = ""
    """When it applies, in its own words ("if you have subacute or long-term pain")."""


def top_topics(guideline: ParsedGuideline, acronyms: dict[str, str]) -> list[str | None]:
    """The guideline's highest own heading above each recommendation (under "Major
    recommendations"), in plain words; None when it is not found."""
    secs = guideline.sections
    texts = [_norm(s.text) for s in secs]
    out: list[str | None] = []
    for rec in guideline.recommendations:
        probe = _norm(rec.source_text)[:60]
        found = next((i for i in range(len(secs)) if probe and probe in texts[i]), None)
        top = None
        if found is not None:
            level = secs[found].level + 1
            for i in range(found, -1, -1):
                if secs[i].level >= level:
                    continue
                level = secs[i].level
                if level <= 1 or _TOP.match(secs[i].heading.strip()):
                    break
                top = secs[i].heading
        out.append(plain_heading(top, acronyms) if top else None)
    return out


def numbers(ns: list[int]) -> str:
    """Advice numbers as runs: [16, 17, 18, 20] -> "16–18, 20"."""
    runs: list[list[int]] = []
    for n in sorted(ns):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def lower_first(text: str) -> str:
    """"Epidural infusions" -> "epidural infusions", and a heading's capitals go with it
    ("Intrathecal Drug delivery" -> "intrathecal drug delivery"); "Return-to-Work", "IV
    blocks" stay."""
    if not re.match(r"[A-Z][a-z]+(?:-[a-z]+)*(?:[\s,]|$)", text):
        return text
    first, sep, rest = text.partition(" ")
    rest = re.sub(r"(?<![\w-])(?!(?:Tai|Chi|Pilates|Colorado|Medicare|Medicaid)\b)"
                  r"[A-Z](?=[a-z]+\b(?!-))", lambda m: m.group(0).lower(), rest)
    return first[:1].lower() + first[1:] + sep + rest


_AGAINST = re.compile(r"\b(?:not (?:usually |generally )?(?:advised|recommended|right)|advises? "
                      r"against|avoid(?:ed)?|not (?:be )?used|not an option)\b", re.IGNORECASE)


_NOT_ADVISED = re.compile(r"\bnot (?:usually |generally )?(?:advised|recommended)\b",
                          re.IGNORECASE)
_CONTRAST = re.compile(r"(?:,|;)\s+(?:although|though|but|however,|while|whereas)\s+",
                       re.IGNORECASE)


def against_clauses(text: str) -> list[str]:
    """What a point of advice for says is not advised, each as a sentence of its own ("…,
    although combination opioids are not advised for long-term use" -> "Combination opioids
    are not advised for long-term use."): advice against that a reader looks for among the
    points against."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        said = _NOT_ADVISED.search(sentence)
        if not said:
            continue
        cuts = [m for m in _CONTRAST.finditer(sentence) if m.end() <= said.start()]
        clause = sentence[cuts[-1].end():] if cuts else sentence
        clause = clause.strip().rstrip(".;:") + "."
        out.append(clause[:1].upper() + clause[1:])
    return out


_LIMIT = re.compile(
    r"\b(?:limited to|no more than|not more than|not (?:to )?exceed(?:ing)?|at most|a maximum of)"
    r"\s+(?:\d|one|two|three|four|five|six)\b"
    r"|\bbefore (?:any |the |your )?(?:surgery|operation)\b"
    r"|\b(?:postpone|delay|put off) (?:the |your |any )?(?:surgery|operation)\b",
    re.IGNORECASE)


def limits(text: str) -> bool:
    """Whether a point sets a limit with a number ("limited to 3 shots per site per year")
    or a condition to meet before surgery ("lab work before any surgery include a
    hemoglobin A1c"): the reader's own limits and conditions, which may not stand only after
    the disclaimer."""
    return bool(_LIMIT.search(" ".join(text.split())))


_LINK = re.compile(r"^(?:So|Thus|Therefore|Similarly|Usually|However|Also),\s+", re.IGNORECASE)
"""A word linking a point to the one before it, which a topic line does not print."""


def against_title(title: str, text: str, some: bool, topic: str = "") -> str:
    """What a point of advice against is against, said so that it cannot read as advice
    against the thing its title names ("Not advised: check of risk for suicide" for "… should
    not be based on any single check instrument"): the title when the advice says it is not
    advised, else the advice's opening words; "some of" a list whose ways are marked one by
    one. A point that does not name what it is against ("It is not advised.") is named by
    its topic."""
    text = _LINK.sub("", text)
    text = text[:1].upper() + text[1:]
    if topic and re.match(r"(?:This advice is about|(?:It|This) is not|(?:They|These) are not)\b",
                          text):
        return lower_first(topic)
    named = re.match(r"Not advised:\s*(.+)", title)
    thing = _LINK.sub("", named.group(1) if named else title)
    if re.match(r"(?:there|it|this|these|they|the use of these)\b", thing, re.IGNORECASE):
        thing = ""  # says not what it is about
    if some:
        return f"some of {lower_first(thing or opening(text))}"
    if re.match(r"(?:If|When|For) ", text):
        return opening(text, 20)  # whom it is for is part of what it says
    if re.match(r"(?:It is |This is )?not (?:usually |generally )?advised\b", text, re.I):
        return thing or opening(text)  # "Not usually advised." under the thing's heading
    sentence = next((s for s in re.split(r"(?<=[.;])\s", text) if thing
                     and thing.lower() in s.lower()), "")
    if _AGAINST.search(sentence) and not re.search(r"\b(?:against|not|no|avoid\w*)\b", thing,
                                                    re.IGNORECASE):
        return thing
    # "Not giving Tai Chi" after "Not advised:" would say the opposite: the advice's own words.
    return opening(text)


def opening(text: str, most: int = 16) -> str:
    """The first words of a point's first sentence, for a point with no short title."""
    first = re.split(r"(?<=[.;])\s", text.split("\n")[0], maxsplit=1)[0].rstrip(".:;")
    said = first.split()
    return " ".join(said[:most]) + ("…" if len(said) > most else "")


_IF_LEAD = re.compile(r"^If (?P<cond>you [^,:.\n]{3,160})[,:]")
_APPLIES = re.compile(r"\bThis applies (?P<cond>(?:if|when) [^.\n]{3,160})\.")
_CUT = re.compile(r",| including\b| such as\b| which\b| who\b| and (?:have|are|meet)\b")
_PERMITS = re.compile(r"\b(?:experts (?:also )?(?:advise|suggest) (?!against\b)|(?:is|are) "
                      r"(?:considered )?right\b|should only use\b"
                      r"|may (?:use|offer|be an option)\b)", re.IGNORECASE)
CONDITION_POINTS = 4
"""A topic of more points than this is no one treatment with one deciding condition."""
CONDITION_WORDS = 16
"""A condition longer than this after its first clause is no short line: it is not shown."""


def permits(text: str) -> bool:
    """The point advises or allows a treatment ("experts advise …", "may be an option")."""
    return bool(_PERMITS.search(text))


def condition(text: str) -> str:
    """The condition an advice for a treatment holds, as its first clause ("If you have
    subacute or long-term pain, …" -> "if you have subacute or long-term pain"); "" when it
    names none or it is too long for one short line."""
    m = _IF_LEAD.match(text.strip()) or _APPLIES.search(text)
    if not m or not _PERMITS.search(text):
        return ""  # a step of care ("if you are at risk, your team should ask …") is no treatment
    said = m.group("cond")
    said = "if " + said if m.re is _IF_LEAD else said
    said = _CUT.split(said)[0].strip()
    return said if len(said.split()) <= CONDITION_WORDS and "(" not in said else ""


def _groups(points: list[Point]) -> list[tuple[str, list[Point]]]:
    """One group per topic when they are few; else per top heading; else runs of those."""
    by_topic: dict[str, list[Point]] = {}
    for p in points:
        by_topic.setdefault(p.topic, []).append(p)
    if len(by_topic) <= MAX_LINES:
        return list(by_topic.items())
    by_top: dict[str, list[Point]] = {}
    for p in points:
        by_top.setdefault(p.top or p.topic, []).append(p)
    groups = _split(list(by_top.items()))
    while len(groups) > MAX_LINES:
        # The two neighbours with the fewest points between them become one line.
        k = min(range(len(groups) - 1), key=lambda j: len(groups[j][1]) + len(groups[j + 1][1]))
        (a, pa), (b, pb) = groups[k], groups[k + 1]
        groups[k:k + 2] = [(f"{a} and {lower_first(b)}", [*pa, *pb])]
    return groups


def _split(groups: list[tuple[str, list[Point]]]) -> list[tuple[str, list[Point]]]:
    """Fewer top headings than lines, one over many points ("Treatments — non-surgical" over
    200 points, 40 topics): the largest splits into runs of its topics, each named by its
    first and last, until the lines are used or none is that large."""
    runs = [(name, ps, name) for name, ps in groups]
    while len(runs) < MAX_LINES:
        big = [k for k, (_, ps, _) in enumerate(runs)
               if len({p.topic for p in ps}) > 1 and len(ps) > SPLIT_OVER]
        if not big:
            break
        k = max(big, key=lambda j: len(runs[j][1]))
        _, ps, base = runs[k]
        topics = list(dict.fromkeys(p.topic for p in ps))
        half, count = [], 0
        for t in topics[:-1]:
            half.append(t)
            count += sum(p.topic == t for p in ps)
            if count * 2 >= len(ps):
                break
        parts = [[p for p in ps if p.topic in half], [p for p in ps if p.topic not in half]]
        runs[k:k + 1] = [(_run_name(base, part), part, base) for part in parts]
    return [(name, ps) for name, ps, _ in runs]


def _run_name(base: str, points: list[Point]) -> str:
    topics = [t for t in dict.fromkeys(p.topic for p in points) if t != base]
    if not topics:
        return base
    first, last = lower_first(topics[0]), lower_first(topics[-1])
    return f"{base}: {first}" if first == last else f"{base}: {first} to {last}"


def _covers(name: str, group: list[Point]) -> str:
    """What a line covers: its topics not named in it already, or the title of its one
    point."""
    topics = list(dict.fromkeys(p.topic for p in group
                                if lower_first(p.topic).lower() not in name.lower()))
    if topics:
        return ", ".join(lower_first(t) for t in topics)
    if len(group) == 1 and group[0].title and not group[0].sign:
        return group[0].title
    return ""


def _person(heading: str) -> str:
    """A page that says "you" does not call its reader "the patient" in a topic line either
    ("Treatment of the Patient at Risk for Suicide")."""
    heading = re.sub(r"\b(?:[Tt]he|[Aa]|[Ee]ach|[Ee]very|[Tt]his|[Tt]hat|[Aa]ny|[Oo]ne) patient\b",
                     "someone", heading)
    return re.sub(r"\b([Pp])atients\b", lambda m: "People" if m.group(1) == "P" else "people",
                  heading)


def lines(points: list[Point], full: str, warnings_below: bool = False) -> list[str]:
    """The overview: one opening sentence, then one line per topic; the advice against and
    the cautions named in their topic's line, unless they are printed whole below it."""
    groups = sorted(_groups(points), key=lambda g: min(p.number for p in g[1]))
    out = [f"The guideline gives {len(points)} more pieces of advice for you. Here they are "
           f"by topic, with their numbers. The full text of each, with how strong it is, is "
           f"in \"{full}\", after the disclaimer. You can ask your care team about any of it.",
           ""]
    for name, group in groups:
        ns = numbers([p.number for p in group])
        line = f"- **{_person(name)}** (advice {ns})"
        covers = _person(_covers(name, group))
        if covers:
            line += f": {covers}"
        line += "."
        against: dict[tuple[str, str], list[int]] = {}
        for p in group:
            # "✖ lithium (213, 214)": one name, its numbers together
            if p.sign and not warnings_below:
                against.setdefault((p.sign, p.title), []).append(p.number)
        if against:
            line += " **Not advised:** " + "; ".join(
                f"{sign} {title} ({numbers(ns)})" for (sign, title), ns in against.items()) + "."
        careful = [p.number for p in group if p.caution and not warnings_below]
        if careful:
            line += f" **Take care:** read advice {numbers(careful)} in full."
        out.append(line)
        # A treatment named in the line carries its deciding condition, so that no reader
        # takes it for one that fits everyone before reading after the disclaimer.
        named: set[str] = set()
        for p in group:
            same = [q for q in group if q.topic == p.topic]
            # A topic of many points ("treatment of someone at risk") has no one condition;
            # nor has one whose points hold different ones (acupuncture for long-term pain
            # in one, for short-term pain in another): the line would narrow the others.
            if p.condition and p.topic not in named and len(same) <= CONDITION_POINTS and not any(
                    q.sign or q.condition != p.condition for q in same):
                named.add(p.topic)
                out.append(f"  - {_person(p.topic)}: only {p.condition} "
                           f"(advice {numbers([q.number for q in same])}).")
    return out
