"""What the guideline's graded evidence statements say helps the reader's own condition.

Some guidelines state what studies found about a treatment ("There is good evidence to
support oral steroid use early in the course of CRPS") apart from their recommendations.
Those findings are no advice, so they are no recommendation; but a page that lists only
what is advised against leaves the reader without the treatments the evidence supports, the
ones worth asking about."""

from __future__ import annotations

import re
from collections.abc import Callable

from domain import layout
from domain.model import ParsedGuideline
from domain.patterns import compiled

HEADING = "What studies found can help"

_STATEMENTS = re.compile(r"^Evidence Statements? Regarding (?P<topic>.+)$", re.IGNORECASE)
_GRADE = re.compile(r"^(?P<grade>Strong|Good|Some) Evidence$", re.IGNORECASE)
# A finding that the treatment helps: a benefit verb, never a hedge or a comparison that
# takes it back ("The relief, however, faded", "little advantage", "no evidence").
_HELPS = re.compile(r"\b(?:evidence to support|effectively|is effective|are effective"
                    r"|(?:likely to |may help to |helps? to |can )?(?:reduce|decrease|relieve"
                    r"|improve|increase|prevent)s? (?:pain|joint motion|function|disability|"
                    r"the risk|[A-Z]{2,}))", re.IGNORECASE)
_TAKEN_BACK = re.compile(r"\b(?:however|but|not|no|little|neither|nor|fail|failed|faded"
                         r"|compared|than|placebo)\b", re.IGNORECASE)
_DESIGN = re.compile(r"\s*\(Design:[^)]*\)")


def _condition_names(guideline: ParsedGuideline, acronyms: dict[str, str]) -> list[str]:
    """The guideline's own condition as its title names it, and its defined short forms."""
    title = re.sub(r"\s+medical treatment guideline.*$", "", guideline.title, flags=re.I)
    name = re.split(r"[/:(]", title, maxsplit=1)[0].strip(" .").lower()
    if len(name.split()) < 2:
        return []
    return [name, *(short for short, long in acronyms.items() if long.lower() == name)]


def _names_it(text: str, names: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text, 0 if n.isupper() else re.I)
               for n in names)


def found_helpful(guideline: ParsedGuideline, acronyms: dict[str, str],
                  advised_against: list[str]) -> list[tuple[str, str, str]]:
    """(topic, grade, finding as printed) for each graded finding that a treatment helps the
    guideline's own condition, in the guideline's order, one topic once; none about a
    treatment the guideline advises against."""
    names = _condition_names(guideline, acronyms)
    if not names:
        return []
    against = " ".join(advised_against).lower()
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for section in guideline.sections:
        m = _STATEMENTS.match(section.heading.strip())
        if not m:
            continue
        topic = re.split(r":\s*", m.group("topic"))[-1].strip()
        key = topic.lower()
        first = re.split(r"[\s—-]", key)[0]
        if key in seen or compiled(rf"\b(?:{re.escape(key)}|{re.escape(first)})\b").search(against):
            continue
        grade = ""
        for para in (p.strip() for p in section.text.split("\n\n")):
            g = _GRADE.match(para)
            if g:
                grade = g.group("grade").capitalize()
                continue
            finding = _DESIGN.sub("", para).strip()
            if (grade and not finding.startswith("-") and _HELPS.search(finding)
                    and not _TAKEN_BACK.search(finding)
                    and _names_it(f"{section.heading} {finding}", names)):
                out.append((topic, grade, finding))
                seen.add(key)
    return out


def _topic(topic: str) -> str:
    return re.sub(r"(?<=[\s—-])([A-Z])(?=[a-z])", lambda m: m.group(1).lower(), topic)


def section(found: list[tuple[str, str, str]], condition: str, plain: Callable[[str], str]
            ) -> str:
    """The findings, one topic a point, each with how good the guideline rates its evidence,
    said as findings to ask about, never as advice."""
    if not found:
        return ""
    lines = [f"The guideline also says what studies found about some treatments for "
             f"{condition}. These are study findings, not advice, and a treatment may not fit "
             "you: ask your care team whether one could help you.", ""]
    by_topic: dict[str, list[str]] = {}
    for topic, grade, finding in found:
        by_topic.setdefault(topic, []).append(
            f"{plain(finding).rstrip('.')} ({grade.lower()} evidence).")
    for topic, said in by_topic.items():
        lines.append(f"- **{_topic(topic)}:** {' '.join(said)}")
    return "\n".join(lines)


HARM_HEADING = "What studies found can harm"

# A sentence that states a harm grows: a rise (more, doubled, tenfold, in excess) in death,
# disability or a use disorder. Side effects listed without a size are not sought here.
_RISE = re.compile(r"\b(?:increase[sd]?|excess|doubl\w*|tripl\w*|\w+fold|more than)\b",
                   re.IGNORECASE)
_HARM = re.compile(r"\b(?:death|mortality|disability|use disorders?)\b", re.IGNORECASE)
# The sentence that sizes the risk in absolute terms stays with the rise it qualifies.
_ABSOLUTE = re.compile(r"\babsolute risk\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-Z])")
# "more effective in reducing disability" is a benefit, not a harm.
_BENEFIT = re.compile(r"\b(?:reduc\w*|effective|relie\w*|alleviat\w*)\b", re.IGNORECASE)


def _findings(text: str) -> list[tuple[str, str]]:
    """(grade, finding) for each paragraph or list item under a grade line."""
    grade, out = "", []
    for para in (p.strip() for p in text.split("\n\n")):
        g = _GRADE.match(para)
        if g:
            grade = g.group("grade").capitalize()
            continue
        items = [i.strip() for i in re.split(r"^- ", para, flags=re.M) if i.strip()]
        out += [(grade, _DESIGN.sub("", i).strip()) for i in items if grade]
    return out


def found_harmful(guideline: ParsedGuideline) -> list[tuple[str, str, str]]:
    """(topic, grade, the sentences as printed) for each graded finding that a treatment
    raises the risk of death, disability or a use disorder, with the absolute risk that sizes
    it: a page that shows only what helps reads a "lower risk" dose as no risk."""
    out: list[tuple[str, str, str]] = []
    for section in guideline.sections:
        m = _STATEMENTS.match(section.heading.strip())
        if not m:
            continue
        topic = re.split(r":\s*", m.group("topic"))[-1].strip()
        for grade, finding in _findings(section.text):
            said = [s for s in _SENTENCE.split(finding) if not _BENEFIT.search(s)
                    and ((_RISE.search(s) and _HARM.search(s)) or _ABSOLUTE.search(s))]
            if any(_HARM.search(s) for s in said):
                out.append((topic, grade, " ".join(said)))
    return out


# "Opioids produce significantly more adverse effects than placebo such as constipation,
# drowsiness, dizziness, nausea, and vomiting": the everyday side effects a reader can notice
_SIDE_EFFECTS = re.compile(r"\b(?:adverse (?:events|effects)|side effects)\b[^.]{0,60}?\bsuch as "
                           r"(?P<names>[a-z][a-z ,]+?)(?:\s+(?:are|is)\b|\s*\(|\.|$)")


def common_side_effects(guideline: ParsedGuideline) -> list[str]:
    """The side effects the graded findings name as more common with a treatment, each once,
    in order: a compact page that says its harm findings in two sentences says these too
    (round-13 raters found constipation and drowsiness nowhere before the disclaimer)."""
    names: list[str] = []
    for section in guideline.sections:
        if not _STATEMENTS.match(section.heading.strip()):
            continue
        for _, finding in _findings(section.text):
            for m in _SIDE_EFFECTS.finditer(finding):
                for name in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+",
                                     m.group("names")):
                    name = name.strip()
                    if name and len(name.split()) <= 3 and name not in names:
                        names.append(name)
    return names


HARM_FULL = "**What studies found can harm, in full** (study findings, not advice):"
"""Heads the harm findings in full after the disclaimer, on a page that cuts them short."""
_MORE_OF_IT = re.compile(r",\s+(?:most of which|of which|which)\b[^.]*")


_SIZED = re.compile(r"\d\s*%|\b\w*fold\b|\b(?:doubl|tripl|quadrupl)\w*"
                    r"|\b\d+(?:\.\d+)?\s+(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)
"""A number that sizes a harm: a fold, a percent, a time window."""


def short_finding(finding: str) -> str:
    """A harm finding cut to its first sentence, which says what raises the risk and by how
    much, and each sentence that sizes the risk (a fold, a percent, a time window, or in
    absolute terms): the strongest numbers are what a reader weighs. A sentence with no such
    number goes, and so does a clause that only says more of the risk already sized ("…,
    most of which arises from …")."""
    sentences = _SENTENCE.split(" ".join(finding.split()))
    first = sentences[0]
    cut = _MORE_OF_IT.sub("", first)
    if re.search(r"\d", cut) and _HARM.search(cut):
        first = cut if cut.endswith(".") else cut + "."
    sized = [x for x in sentences[1:] if _ABSOLUTE.search(x) or _SIZED.search(x)]
    return " ".join([first, *sized])


def harm_section(found: list[tuple[str, str, str]], plain: Callable[[str], str],
                 short: bool = False) -> str:
    """The harm findings, one a point with how good the evidence is, said as findings to talk
    over, never as advice; with ``short`` each cut to what raises the risk and how much (a
    long page prints them in full after the disclaimer, :func:`harm_full`)."""
    if not found:
        return ""
    cut = short and any(short_finding(f) != " ".join(f.split()) for _, _, f in found)
    lines = ["The guideline also says what studies found about harms of some treatments. "
             "These are study findings, not advice: ask your care team what they mean for "
             "you." + (" Each is in full after the disclaimer." if cut else ""), ""]
    lines += [f"- {plain(_mme_doses(short_finding(finding) if cut else finding)).rstrip('.')} "
              f"({grade.lower()} evidence)." for _, grade, finding in found]
    note = layout.number_help(" ".join(f for _, _, f in found))
    if note.startswith("**How to use this number:** morphine milligram"):
        lines += ["", note]
    return "\n".join(lines)


_HARM_PLAIN = (("death", r"\b(?:death|mortality)\b"),
               ("long-term disability", r"\bdisability\b"),
               ("addiction", r"\buse disorders?\b"))
"""The harms a finding sizes, in everyday words, in the order a reader weighs them."""


def harm_brief(found: list[tuple[str, str, str]], side_effects: list[str] | None = None,
               plain: Callable[[str], str] | None = None) -> str:
    """The harm findings of a compact page in a few plain sentences: what raises the risk of
    what, whether dose and time make it higher, and (with ``plain``) how likely the harm is
    for one person where a finding says so, with no relative risk whose baseline the reader
    does not have. The findings, numbers and all, follow the disclaimer."""
    if not found:
        return ""
    said = " ".join(f for _, _, f in found)
    harms = [name for name, pattern in _HARM_PLAIN if re.search(pattern, said, re.IGNORECASE)]
    what = sorted({re.split(r"\s*,\s*|\s+and\s+", t)[0].split()[-1].lower() for t, _, _ in found})
    more = [w for w, pattern in (("higher doses", r"\bdoses?\b"),
                                 ("longer use", r"\b(?:days|months|long-term|long length)\b"))
            if re.search(pattern, said, re.IGNORECASE)]
    line = (f"Studies the guideline read found that {' and '.join(what)} can raise the risk of "
            f"{_and(harms)}")
    line += f", and that the risk is higher with {' and '.join(more)}." if more else "."
    if side_effects:
        line += (f" They also found that {' and '.join(what)} often cause side effects such as "
                 f"{_and(side_effects[:5])}.")
    tables, sized = _absolute_risks(found, plain) if plain else ([], [])
    for caption, table in tables:  # round-18 rater AA: relative risks under their own caption
        line += f"\n\n{caption}\n\n{table}"
    if sized:  # a list of its own: a paragraph of seven sentences is no chunk (rater U)
        line += "\n\nHow likely the harm is for one person:\n\n" + "\n".join(
            f"- {x}" for x in sized)
    line += "\n\n" if tables or sized else " "
    return (f"{line}These are study findings, not advice. They are in full, with their "
            "numbers, after the disclaimer: ask your care team what they mean for you.")


_PERCENT = re.compile(r"(?P<n>\d+(?:\.\d+)?)%")
_LINKED = re.compile(r"^(?P<but>But|However|Yet),?\s+")
_THESE = re.compile(r"\bof (?:these|this|such) \w+", re.IGNORECASE)


def _absolute_risks(found: list[tuple[str, str, str]], plain: Callable[[str], str]
                    ) -> tuple[list[tuple[str, str]], list[str]]:
    """Each finding that sizes a harm for one person (its absolute risk): how the risk grows
    (its first sentence, "a dose of 20-50 MME nearly doubles the risk of death …") and then
    the baseline, its percent also said as so many in 100 or 10,000 people. A relative rise
    means little without the baseline (round-14 raters, item 6), and the baseline alone reads
    as reassurance (round-16 rater W)."""
    tables: list[tuple[str, str]] = []
    out = []
    for _, grade, finding in found:
        harm = next((name for name, pattern in _HARM_PLAIN
                     if re.search(pattern, finding, re.IGNORECASE)), "it")
        sentences = _SENTENCE.split(" ".join(finding.split()))
        for k, sentence in enumerate(sentences):
            if not (_ABSOLUTE.search(sentence) and _PERCENT.search(sentence)):
                continue
            # how it grows with the dose: the rise the reader's own dose places them on
            rise = (sentences[0] if k and _SIZED.search(sentences[0])
                    and re.search(r"\bdoses?\b", sentences[0]) else "")
            table = dose_table(_mme_doses(rise), harm) if rise else ""
            # "But, the absolute risk …" keeps its "But" after the rise it answers
            base = _LINKED.sub(r"\g<but> " if rise and not table else "",
                               _THESE.sub(f"of {harm}", sentence))
            said = _once_spelt(plain(_mme_doses(
                base if table else f"{rise} {base}".strip())).rstrip("."))
            said = _PERCENT.sub(_in_people, re.sub(r"\babsolute risk\b", "chance", said))
            if table:
                tables.append((f"Risk of {harm} by daily dose ({grade.lower()} evidence):",
                               table))
            out.append(f"{said[:1].upper()}{said[1:]} ({grade.lower()} evidence).")
    return tables, out


_BAND_BASE = compiled(r"^Compared (?:to|with) (?:an? )?(?:\w+ )?dose (?P<base>under|below|of less "
                      r"than) (?P<n>\d+) MME(?: per day| a day| daily)?,\s*")
_BAND = compiled(r"(?:,\s*)?(?:and\s+)?an? dose (?:of )?(?P<band>(?:greater|more) than \d+|over \d+"
                 r"|\d+ ?(?:-|–|to) ?\d+) MME(?: per day| a day| daily)? (?P<rise>[^,.]+)")
_TIMES = {"doubl": 2, "twofold": 2, "tripl": 3, "threefold": 3, "fourfold": 4, "fivefold": 5,
          "sixfold": 6, "sevenfold": 7, "eightfold": 8, "tenfold": 10}


def dose_table(sentence: str, harm: str) -> str:
    """"Compared to a dose under 20 MME per day, a dose of 20-50 MME nearly doubles the risk
    of death, …, and a dose greater than 100 MME per day may raise the risk as much as
    sevenfold" as a table of dose bands (round-17 raters X and Y: four bands in one sentence
    were numbers a reader could not place their own dose in; a dose-band table was their
    fix). Empty when the sentence is not such a comparison."""
    m = _BAND_BASE.match(sentence)
    if not m:
        return ""
    rows = []
    for b in _BAND.finditer(sentence, m.end()):
        times = next((n for stem, n in _TIMES.items() if stem in b.group("rise").lower()), 0)
        if not times:
            return ""
        how = ("nearly " if "nearly" in b.group("rise") else
               "more than " if "more than" in b.group("rise") else
               "up to " if compiled(r"\bas much as|\bup to").search(b.group("rise")) else "")
        may = "may be " if compiled(r"\bmay\b").search(b.group("rise")) else ""
        band = compiled(r"^(?:greater|more) than ").sub("over ", b.group("band"))
        band = compiled(r"\s*(?:-|–)\s*").sub(" to ", band)
        rows.append(f"| {band} MME | {may}{how}{times} times as high |")
    if len(rows) < 2:
        return ""
    return "\n".join([f"| Your daily dose | Risk of {harm}, compared with a dose {m.group('base')} "
                      f"{m.group('n')} MME a day |", "| --- | --- |", *rows])


def _once_spelt(said: str) -> str:
    """"morphine milligram equivalents" spelt out once, then "MME", as the page's number
    help names it: four times over made one point of 70 words."""
    first = said.find(_MME_LONG)
    if first < 0:
        return said
    cut = first + len(_MME_LONG)
    return said[:cut] + " (MME)" + said[cut:].replace(_MME_LONG, "MME")


_MME_LONG = "morphine milligram equivalents"


def _in_people(m: re.Match[str]) -> str:
    """"0.04%" -> "0.04% (about 4 in 10,000 people)"."""
    n = float(m.group("n"))
    per, of = (round(n * 100), "10,000") if n < 1 else (round(n), "100")
    return f"{m.group(0)} (about {per} in {of} people)" if per else m.group(0)


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"


def harm_full(found: list[tuple[str, str, str]], plain: Callable[[str], str],
              every: bool = False) -> str:
    """The harm findings a long page cut short (with ``every``, all of them: a compact page
    says them in a sentence), each in full, for after the disclaimer."""
    full = [(grade, f) for _, grade, f in found
            if every or short_finding(f) != " ".join(f.split())]
    if not full:
        return ""
    return "\n".join([HARM_FULL, "", *(
        f"- {plain(_mme_doses(f)).rstrip('.')} ({grade.lower()} evidence)." for grade, f in full)])


_MME_SAID = re.compile(r"\b(?:MMEs?|morphine milligram equivalents?)\b", re.IGNORECASE)
_BARE_MG_DOSE = re.compile(r"(?P<lead>\bdoses? (?:(?:of|under|over|above|below)|(?:greater|"
                           r"less|more) than) )(?P<n>\d+(?:(?:-|–| to )\d+)?) mg\b(?! of\b)")


def _mme_doses(finding: str) -> str:
    """"Compared to an opioid dose under 20 MME per day, a dose of 20-50 mg …": doses the
    sentence compares with an MME dose are on that scale, so their bare "mg" reads "MME";
    a sentence that names no MME keeps its unit as printed."""
    out = []
    for sent in _SENTENCE.split(finding):
        m = _MME_SAID.search(sent)
        if m:
            sent = sent[:m.end()] + _BARE_MG_DOSE.sub(r"\g<lead>\g<n> MME", sent[m.end():])
        out.append(sent)
    return " ".join(out)
