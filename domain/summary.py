"""Who a patient version is for, and the short summary that opens it.

Both come from the guideline itself: "who it is for" from its target population, "who it is
not for" from the exclusions it states there ("does not apply to", "who do not have …",
"without …"). When the guideline names no exclusion, the page says so instead of guessing:
a generic "people who already have signs of the illness" would be wrong for a treatment
guideline, whose readers all have the illness.
"""

from __future__ import annotations

import re

from domain.ends import point_to_exceptions
from domain.layout import (
    ReaderTests,
    asked,
    carry,
    left_out,
    pointer,
    reader_tests,
    tests_line,
)
from domain.model import ParsedGuideline, Section
from domain.patterns import compiled
from domain.plain import Rewriter, is_clause
from domain.readability import sentences, words
from domain.reader import AUDIENCE

__all__ = ["MAX_SUMMARY_WORDS", "asked_about", "conditions_apart", "first_line",
           "including_apart", "not_for", "risk_groups", "scope_cautions", "section", "summary",
           "target", "who_for"]

MAX_SUMMARY_WORDS = 120

_TARGET_HEADINGS = ("Target Population", "Patient Population Under Consideration",
                    "Population", "Scope")
_EXCLUDE = re.compile(
    r"(?:does|do) not (?:apply|provide|address|consider|include|cover)|not intended for"
    r"|(?:is|are) not (?:considered|covered|included|addressed)|\bexclud", re.IGNORECASE)
# An exclusion runs on over a bracket ("… because of a known mutation (such as BRCA1) or a
# history of chest radiation"): cut at the bracket, its last part would be read as being
# for whom the guideline is.
_WHO_NOT = re.compile(
    r"\bwho (?:do|does) not have (?:a |an )?(?P<have>(?:[^.;()]|\([^()]*\))+?)"
    r"(?=,? and who|,(?![^()]*\))|[.;]|$)"
    r"|\bwho are not (?P<are>(?:[^.;()]|\([^()]*\))+?)(?=,? and who|,(?![^()]*\))|[.;]|$)"
    r"|(?<!\bwith or )\bwithout (?:a |an )?(?P<with>(?:known |previously diagnosed |a known )?"
    r"(?:history|diagnosis|signs?|symptoms?|[a-z])[^.;()]*?)(?=,? and (?:who|without)|,|[.;(]|$)")


def section(guideline: ParsedGuideline, *names: str) -> Section | None:
    """The first section with one of these headings, with the text of its subsections."""
    for name in names:
        for i, s in enumerate(guideline.sections):
            if s.heading.lower() != name.lower():
                continue
            parts = [s.text]
            for sub in guideline.sections[i + 1:]:
                if sub.level <= s.level:
                    break
                parts.append(sub.text)
            text = "\n\n".join(p for p in parts if p.strip())
            if text.strip():
                return Section(heading=s.heading, level=s.level, text=text)
    return None


def target(guideline: ParsedGuideline) -> str:
    """The guideline's own target population, without its notes."""
    found = section(guideline, *_TARGET_HEADINGS)
    if not found:
        return ""
    text = compiled(r"\n\s*\**Note\**\s*:").split(found.text)[0]
    return " ".join(text.split())


def _notes(guideline: ParsedGuideline) -> str:
    found = section(guideline, *_TARGET_HEADINGS)
    return found.text if found else ""


def who_for(guideline: ParsedGuideline, rw: Rewriter) -> list[str]:
    """The target population in plain words, one sentence a line."""
    text = target(guideline)
    kept = [s for s in sentences(text) if not _EXCLUDE.search(s) and len(words(s)) >= 2]
    advice = " ".join(r.source_text for r in guideline.recommendations)
    lines = [rw.simplify(without_subgroup(_without_exclusions(s), advice)) for s in kept[:2]]
    who, _ = _asked(guideline)
    if who:
        # The dead are no readers: those asked about them (next of kin) are, and the advice
        # speaks to them.
        kin = " (such as next of kin)" if compiled(r"\bnext of kin\b", re.I).search(advice) else ""
        lines.append(f"People asked about a deceased {who}{kin}.")
    return lines


def _asked(guideline: ParsedGuideline) -> tuple[str, list[int]]:
    """Whom the advice asks about when the guideline is for the deceased ("donor"), and the
    indices of the advice that speaks to those asked; ("", []) if none."""
    found = [(i, m) for i, r in enumerate(guideline.recommendations)
             for m in [_ASKED_FOR.search(r.source_text)] if m]
    if not found or not compiled(r"\bdeceased\b", re.IGNORECASE).search(target(guideline)):
        return "", []
    return found[0][1].group("who"), [i for i, _ in found]


def asked_about(guideline: ParsedGuideline) -> tuple[str, list[int]]:
    """The group "Who it is for" adds for those asked about a deceased donor ("Asked about a
    deceased donor"), with the indices of the advice that speaks to them; ("", []) if none."""
    who, ids = _asked(guideline)
    return (f"Asked about a deceased {who.lower()}", ids) if who else ("", [])


# "persons interviewed for deceased potential organ donors", "persons contacted regarding
# deceased donors": the people advice asks about someone who has died.
_ASKED_FOR = re.compile(r"\b(?:persons?|people|individuals|family members) (?:interviewed|contacted"
                        r"|asked) (?:for|about|regarding) (?:the )?deceased (?:potential |would-be "
                        r")?(?:organ )?(?P<who>donor)s?\b", re.IGNORECASE)


_AT_RISK = re.compile(r"\bat (?:increased|higher|high|elevated) risk\b", re.IGNORECASE)
# "Populations at increased risk for LTBI … include persons who … and persons who …": the
# guideline's own names of whom it means by "at increased risk".
_RISK_GROUPS = re.compile(
    r"(?:^|(?<=[.]\s))(?:[\w-]+\s+){0,2}?(?i:populations|persons|people|groups"
    r"|individuals|adults)\s+(?:who are\s+)?at\s+(?:increased|higher|high|elevated)\s+risk\b"
    r"[^.;]*?\binclude\s+(?P<groups>(?:[^.]|\.(?=[a-z,]))+)\.")
_NEXT_GROUP = re.compile(r",?\s+and\s+(?=(?:persons|people|individuals|those|adults)\s+"
                         r"(?:who|with|in|from)\b)")


def risk_groups(guideline: ParsedGuideline, rw: Rewriter) -> list[str]:
    """Who is "at increased risk", in the guideline's own words from its risk-assessment
    section, when the population it is for says only that: a reader told the advice is
    for people "at higher risk" must be able to tell whether that is them."""
    if not _AT_RISK.search(target(guideline)):
        return []
    found = section(guideline, "Assessment of Risk", "Risk Assessment")
    m = _RISK_GROUPS.search(" ".join(found.text.split())) if found else None
    if not m:
        return []
    out = []
    for part in _NEXT_GROUP.split(m.group("groups")):
        said = rw.simplify(f"{part[:1].upper()}{part[1:]}.")
        # "X. For example: A and B." said back as one line: "X (for example, A and B)".
        said = compiled(r"\.\s+For example:\s+(.+?)\.$").sub(r" (for example, \1).", said)
        if said and "\n" not in said and len(sentences(said)) == 1:
            out.append(said)
    return out


_WHO_HAVE = re.compile(r"^(?P<group>[^()]{12,}?) who (?:have|has) (?P<rest>.+)$")


def without_subgroup(sentence: str, advice: str) -> str:
    """The group without a "who have X" condition that the advice itself goes beyond: a
    guideline for workers "who have documented vaccination" whose advice also covers the
    unvaccinated, or those lacking it, is for the workers; the condition belongs to the
    advice it limits, never to "Who it is for"."""
    m = _WHO_HAVE.match(sentence.strip())
    if not m:
        return sentence
    rest = compiled(r"\s*\([^()]*\)").sub("", m.group("rest"))
    what = compiled(r"\s(?:received|given|taken|before|after|since|for|at)\s|,|\.$").split(rest)[0]
    key = compiled(r"[A-Za-z]{4,}").findall(what)
    if not key:
        return sentence
    stem = compiled(r"(?:ions?|ed|es|s)$").sub("", key[-1].lower())
    beyond = re.compile(rf"\b(?:un|non-?){stem}|\b(?:lack\w*|without|no) (?:[\w()-]+ ){{0,4}}"
                        rf"{stem}", re.IGNORECASE)
    if len(stem) < 5 or not beyond.search(advice):
        return sentence
    return f"{m.group('group').rstrip(' ,')}."


_INCLUDING = re.compile(r",\s+including\s+")


def including_apart(line: str) -> str:
    """A long group ending in ", including A, B, and C" says whom it includes in a sentence
    of its own ("… This includes A, B, and C."): joined, the group reads as one long sentence.
    Only where the included groups end the sentence, outside brackets, with no verb."""
    if len(words(line)) <= 30:
        return line
    for m in _INCLUDING.finditer(line):
        left, right = line[: m.start()], line[m.end():]
        if (left.count("(") == left.count(")") and left.count("[") == left.count("]")
                and len(words(left)) >= 8 and len(words(right)) >= 3
                and not is_clause(right) and not compiled(r"\b(?:who|which|that)\b").search(right)):
            return f"{left}. This includes {right}"
    return line


def _without_exclusions(sentence: str) -> str:
    """The group without the people it leaves out: those are said under "Who it is not
    for" (:func:`not_for`), and a reader must not meet them under "Who it is for"."""
    m = next((k for k in _WHO_NOT.finditer(sentence) if k.group("have") or k.group("are")), None)
    if not m:
        return sentence  # "without symptoms" is part of who the guideline is for
    kept = compiled(r"(?:,?\s+(?:and|or))?[\s,]*$").sub("", sentence[: m.start()])
    return f"{kept}." if len(words(kept)) >= 3 else sentence


def not_for(guideline: ParsedGuideline, rw: Rewriter) -> list[str]:
    """Who the guideline says it is not for; empty when it does not say."""
    found: list[str] = []
    for m in _WHO_NOT.finditer(target(guideline)):
        if m.group("have"):
            phrase = f"People who already have {m.group('have')}"
        elif m.group("are"):
            phrase = f"People who are {m.group('are')}"
        else:
            phrase = f"People with {m.group('with')}"
        found.append(rw.simplify(phrase.strip(" ,")))
    notes = _notes(guideline)
    for sent in sentences(notes):
        if _EXCLUDE.search(sent) and 4 <= len(words(sent)) <= 60:
            sent = compiled(r"^\**Note\**:?\s*").sub("", sent)
            groups = groups_left_out(sent, notes)
            for said in ([_group_line(rw.simplify(g)) for g in groups] if groups
                         else [rw.simplify(sent)]):
                if said not in found:
                    found.append(said)
    return found[:4]


_PEOPLE = (r"(?:children|adolescents|teens|patients|people|persons|individuals|women|men"
           r"|adults|veterans|those|infants|pregnant|older|anyone)\b")
# "This clinical practice guideline (CPG) is not intended for and does not provide
# recommendations for the management of pain with long-term opioid therapy (LOT) in children
# or adolescents, in patients with acute pain, or …": a report describing itself.
_LEFT_OUT = re.compile(
    r"^(?:This|The) (?:(?:clinical practice )?guideline(?: \([A-Za-z]+\))?|CPG)"
    r"(?: is not intended for and)? (?:does not (?:provide (?:recommendations|advice|guidance)"
    r" (?:for|on|about)|address|apply to|cover)|is not intended for) "
    r"(?:the (?:care|treatment|management|rehabilitation|rehab|evaluation) of )?"
    r"(?P<what>.+?)\s*(?P<end>[.:])?$", re.IGNORECASE)
_NOT_CONSIDERED = re.compile(
    rf"^(?P<who>{_PEOPLE}.+?) (?:are|is) (?:not considered in|excluded from|not covered by"
    r"|not included in|not addressed in) (?:this|the) [^.]*\.?$", re.IGNORECASE)


def groups_left_out(sentence: str, notes: str = "") -> list[str]:
    """The groups a scope sentence leaves out, each as a group a reader can find themselves
    in ("Children or adolescents", "Patients with acute pain"); empty when the sentence
    names anything but people ("… or for the care of co-occurring disorders"), so it is said
    whole instead. A sentence that announces a list ("… the following populations:") has
    the list's items."""
    m = _NOT_CONSIDERED.match(sentence)
    if m:
        return [m.group("who")]
    m = _LEFT_OUT.match(sentence)
    if not m:
        return []
    what = m.group("what")
    if m.group("end") == ":":
        after = notes.split(sentence.rstrip(), 1)[1] if sentence.rstrip() in notes else ""
        items = compiled(r"\A\s*((?:^[ \t]*[-*][ \t]+.+\n?)+)", re.MULTILINE).match(after)
        return [compiled(r"^[ \t]*[-*][ \t]+").sub("", line).strip().rstrip(".;,")
                for line in items.group(1).splitlines() if line.strip()] if items else []
    if not compiled(rf"^{_PEOPLE}", re.IGNORECASE).match(what):
        at = compiled(rf"\bin (?={_PEOPLE})", re.IGNORECASE).search(what)
        if not at:
            return []
        what = what[at.end():]
    parts = [p.strip() for p in compiled(r",?\s+(?:or|and)\s+(?:in|to)\s+|,\s+in\s+").split(what)]
    if not all(compiled(rf"^{_PEOPLE}", re.IGNORECASE).match(p)
               and not compiled(r",\s+(?:or|and)\s+(?:for|the)\b").search(p) for p in parts):
        return []
    return parts


def _group_line(said: str) -> str:
    said = said.strip().rstrip(".")
    return said[:1].upper() + said[1:]


_CAUTION = re.compile(r"\b(?:cautio\w+|contraindicat\w*|should not|must not)\b", re.IGNORECASE)


def scope_cautions(guideline: ParsedGuideline, rw: Rewriter) -> list[str]:
    """What the notes on the guideline's target population ask to take care about, that is
    no exclusion ("any decision about prescribing opioids … for pregnant women should be made
    with due caution …"): never left out of the page."""
    out: list[str] = []
    notes = compiled(r"\n\s*\**Note\**\s*:").split(_notes(guideline), maxsplit=1)
    for sent in sentences(notes[1] if len(notes) > 1 else ""):
        if _CAUTION.search(sent) and not _EXCLUDE.search(sent) and 4 <= len(words(sent)) <= 60:
            said = rw.simplify(sent)
            if said and _FOR_PREGNANT.search(sent):
                # The care team makes the choice with care only if it knows.
                said = f"{said.rstrip()} If you are pregnant, tell your care team."
            if said and said not in out:
                out.append(said)
    return out


# "any decision about prescribing opioids … for pregnant women should be made with due
# caution": a choice the care team makes for a pregnant reader.
_FOR_PREGNANT = re.compile(r"\b(?:decision|choice|prescrib\w*)\b[^.]*\bfor pregnant women\b",
                           re.IGNORECASE)


_TESTED = re.compile(r"^(?P<who>[A-Z][^.:;]{3,80}?) should (?:also )?(?:be|get) "
                     r"(?:tested|screened) for\b")


def other_tests(advice: str, number: int | None, page: dict[int, str] | None) -> list[int]:
    """A line that gives one test of a group ("All would-be organ donors … should be tested
    for antibodies to HIV") is not the group's whole testing when other advice on the page
    tests the same group for more: the numbers of that advice."""
    m = _TESTED.match(advice.strip())
    if not m or not page:
        return []
    return [n for n, text in sorted(page.items()) if n != number
            and (((o := _TESTED.match(text.strip())) and o.group("who") == m.group("who"))
                 or _tests_one_of(text, m.group("who")))]


_YOU_TESTED = re.compile(r"^If you are an? (?P<role>[\w -]{3,60}?)(?: \([^()]*\))?[:,]\s*(?:- )?"
                         r"You should (?:also )?get (?:tested|screened) for\b", re.IGNORECASE)


def _tests_one_of(text: str, group: str) -> bool:
    """"If you are a living would-be donor: you should get tested for …" tests one of "All
    would-be organ donors (living or deceased)": the role's last word is the group's."""
    m = _YOU_TESTED.match(" ".join(text.split()))
    noun = compiled(r"\s*\([^()]*\)").sub("", group).split()[-1].lower()
    return m is not None and m.group("role").split()[-1].lower() == noun.removesuffix("s")


def numbers_said(found: list[int]) -> str:
    """"29, 34 and 66": advice numbers as a reader says them."""
    return _numbers(found)


def _numbers(found: list[int]) -> str:
    return ", ".join(map(str, found[:-1])) + (" and " if len(found) > 1 else "") + str(found[-1])


def with_other_tests(line: str, advice: str, number: int | None,
                     page: dict[int, str] | None) -> str:
    """The line with where the group's other tests are, in one pointer with the line's own
    ("There is more to this advice: see advice 3.")."""
    others = other_tests(advice, number, page)
    if not others:
        return line
    own = compiled(r"\s*There is more to this advice: see advice \d+\.$").search(line)
    line = line[:own.start()] if own else line
    every = sorted({*others, *([number] if number else [])})
    found = _TESTED.match(advice.strip())
    named = _infections([advice, *((page or {}).get(n, "") for n in others)])
    if found and len(named) > len(_infections([line])):
        # What all the group's tests look for, said: "tested for antibodies to HIV. For all
        # their tests, see advice …" showed one test as the whole and said none of the rest.
        who = compiled(r"\s*\([^()]*\)").sub("", found.group("who"))
        series = ", ".join(named[:-1]) + ("," if len(named) > 2 else "") + f" and {named[-1]}"
        return f"{who} should get tested for {series} (advice {_numbers(every)})."
    return f"{line} For all their tests, see advice {_numbers(every)}."


# The infections a test looks for, by the names a reader knows.
_INFECTION = re.compile(r"\bHIV\b|\bhepatitis [A-E]\b|\btuberculosis\b|\bsyphilis\b")


def _infections(texts: list[str]) -> list[str]:
    """The infections the advice tests for, in the order first named, each once."""
    named: list[str] = []
    for text in texts:
        for m in _INFECTION.finditer(text):
            if m.group(0) not in named:
                named.append(m.group(0))
    return named


def summary(who: list[str], topic: str, main: list[str], numbers: list[int] | None = None,
            wholes: list[str] | None = None, page: dict[int, str] | None = None) -> str:
    """The summary with a long group said apart from its conditions, unless the words that
    takes would leave out some of the main advice."""
    apart = _summary(who, topic, main, numbers, wholes, page)
    whole = _summary(who, topic, main, numbers, wholes, page, apart=False)
    best = apart if apart.count("\n- ") >= whole.count("\n- ") else whole
    # The group's further conditions ("They must also have no prior diagnosis …") are said
    # under "Who it is for"; they give way when the main advice would otherwise lose a line
    # (a page whose only line was its advice against, without the advice for).
    brief = _summary(who, topic, main, numbers, wholes, page, also=False)
    return brief if brief.count("\n- ") > best.count("\n- ") else best


def _summary(who: list[str], topic: str, main: list[str], numbers: list[int] | None = None,
             wholes: list[str] | None = None, page: dict[int, str] | None = None,
             apart: bool = True, also: bool = True) -> str:
    """At most 120 words: who the guide is for, then the main advice, whole sentences only.
    ``numbers`` are the page numbers of ``main``: a line whose condition is too long to carry
    points to its advice for it."""
    lead = [f"This guide explains what experts advise about {topic}."]
    first = sentences(who[0])[0] if who and sentences(who[0]) else ""
    # A lead-in to the line's list ("… events, including:") names the group before its
    # list words; the list stays under "Who it is for".
    first = compiled(r",?\s*(?:including|such as|as well as|this includes|that is)?\s*:$").sub(".",
                   first) if first.endswith(":") else first
    if first and len(words(first)) > 40:
        # The group named first ("Adults 18 years or older"), before what it includes.
        first = _group(first)
    if first and len(words(first)) <= 40:
        group, *more = conditions_apart(f"{_lower(first).rstrip('.')}.", 17 if apart else 999)
        lead.extend([f"It is for {group}", *(more if also else [])])
    elif who:
        lead.append('It is for the people listed under "Who it is for" below.')
    head = " ".join(lead)
    close = "Talk with your care team about what is right for you."
    intro = "Here is the main advice:"
    staff = "health worker" in AUDIENCE.get()
    if staff:
        # Advice to a workplace, read by its staff: the reader is the health worker.
        close = ("Talk with your workplace's employee health or occupational health service "
                 "about what is right for you.")
        intro = "Here is the main advice. Some of it is for your workplace:"
    # Each line in its forms, longest first: chosen by the shortest, so that each reader is
    # spoken to, then said as fully as the word limit allows.
    sets = reader_tests(list(zip(numbers or [], main, strict=False)))
    chosen: list[list[str]] = []
    spoken: set[int] = set()
    for k, advice in enumerate(main):
        number = numbers[k] if numbers and k < len(numbers) else None
        if number in spoken:
            continue
        whole = wholes[k] if wholes and k < len(wholes) else None
        found = next((t for t in sets if number in t.numbers), None)
        if found:
            spoken |= set(found.numbers)
            said = dict(zip(numbers or [], wholes or main, strict=False))
            forms = [tests_line(found, said, MAX_LINE_WORDS), *_tests_pointers(found)]
        else:
            forms = _forms(_first_line(advice, number, whole))
            forms = [point_to_exceptions(with_other_tests(f, advice, number, page), number, page)
                     for f in forms]
        if staff:
            forms = [staff_as_you(f) for f in forms]
        aim = compiled(r"^(?:Even )?[Ii]f you [^.]*?\. (?P<aim>The aim is to [^.]*\.)$").match(
            forms[-1]) if forms else None
        if aim and not compiled(r"\b(?:who|whose|aged|years|in (?:adults|people|children|women|"
                                r"men)|for (?:adults|people|children|women|men))\b").search(
                                    aim.group("aim")):
            # why is said when there is room: a line whose readers its own condition names
            # still stands whole without it (a purpose that names whom the advice is for
            # stays: "The aim is to prevent … in adults aged 50 to 59")
            forms.append(forms[-1][:aim.start("aim")].rstrip())
        forms = [f for f in forms if f and _fits(f) and is_clause(f)]
        if not forms:
            continue  # a summary line a reader takes in at a glance
        same = compiled(r"^If [^,]{3,}, ").match(forms[-1])
        if same and any(c[-1].startswith(same.group(0)) for c in chosen):
            continue  # a second line for the same readers ("If your anti-HBs remains …"):
            # three lines of a summary speak to more of them
        draft = [head, intro, *(c[-1] for c in chosen), forms[-1], close]
        if len(words(" ".join(draft))) > MAX_SUMMARY_WORDS:
            break
        chosen.append(forms)
        if len(chosen) == 3:
            break
    items = [c[-1] for c in chosen]
    for j, forms in enumerate(chosen):
        for form in forms[:-1]:
            trial = [*items[:j], form, *items[j + 1:]]
            if len(words(" ".join([head, intro, *trial, close]))) <= MAX_SUMMARY_WORDS:
                items[j] = form
                break
    if not items:
        return f"{head}\n\n{close}"
    bullets = "\n".join(f"- {i}" for i in items)
    return f"{head}\n\n{intro}\n\n{bullets}\n\n{close}"


def not_stopped_suddenly(text: str, medicines: list[str], number: int) -> str:
    """The summary with a line that tells a reader who takes a medicine the main advice is
    about not to stop it suddenly on their own, where the guideline says to avoid stopping it
    abruptly (``number``: that advice). Said after the main advice while the word limit
    allows, else in place of its last line: a reader who stops at the summary would
    otherwise read advice against the medicine as "stop it"."""
    head, sep, rest = text.partition("\n\n- ")
    if not sep:
        return text
    bullets, _, close = f"- {rest}".rpartition("\n\n")
    named = [m for m in medicines if compiled(rf"\b{re.escape(m.rstrip('s'))}", re.IGNORECASE)
             .search(bullets)]
    if not named or compiled(r"\bstop\w*\b[^.]*\bsudden|\babrupt", re.IGNORECASE).search(bullets):
        return text
    them = "them" if named[0].endswith("s") else "it"
    line = (f"- If you take {' or '.join(named)} now, do not stop {them} suddenly on your own: "
            f"talk with your care team first (advice {number}).")
    lines = bullets.split("\n")
    if len(words(" ".join([head, *lines, line, close]))) > MAX_SUMMARY_WORDS:
        lines = lines[:-1]
    return f"{head}\n\n{chr(10).join([*lines, line])}\n\n{close}"


_STAFF = re.compile(r"\b(?:[Tt]he )?[Hh]ealth workers\b")
# Words after which "health workers" is the whole group, so "you" takes its place.
_BEFORE_GROUP = frozenset({"", "to", "for", "by", "of", "if", "and", "or", "ask", "tell", "give",
                           "help", "remind", "advise", "offer", "let", "make", "testing"})
_DESCRIBED_STAFF = re.compile(r"\b([Ff])or (?!(?:the|these|those|such|all|any|each|other|some"
                              r"|their|your)\b)((?:[a-z-]+ly |[a-z-]+ |or |and ){1,6}?)health "
                              r"workers\b")


# "Health workers who have X, or who are Y, … should Z": the group is the condition.
_STAFF_WHO = re.compile(r"^(?P<lead>(?:- |[-\w*. ]*?: )?)(?:All )?[Hh]ealth workers who "
                        r"(?P<cond>(?:(?!\bshould\b)[^.;:])+?),? should (?P<rest>.+)$")
# "The exposed health worker does not need to …", "If an exposed health worker is breast
# feeding, she does not need to stop.", "If the health worker has …".
_ONE_STAFF = re.compile(r"\b(?P<if>If )?(?P<the>[Tt]he|[Aa]n?) (?P<exposed>exposed )?health "
                        r"worker (?P<verb>is|has|does)\b(?P<rest>[^,.;]*)(?P<comma>, "
                        r"(?:she|he|they) (?P<verb2>is|has|does)\b)?")
_STAFF_EXPOSED = re.compile(r"^(?P<lead>(?:- |[-\w*. ]*?: )?)(?:All )?[Hh]ealth workers exposed "
                            r"(?P<to>to [^.;]+?) (?P<verb>do not need to|should)\b")
_PLURAL_VERB = {"is": "are", "has": "have", "does": "do"}


def _one_staff(m: re.Match[str]) -> str:
    verb = _PLURAL_VERB[m.group("verb")]
    if m.group("if"):
        exposed = "are exposed and " if m.group("exposed") else ""
        said = f"If you {exposed}{verb}{m.group('rest')}"
        if m.group("comma"):
            said += f", you {_PLURAL_VERB[m.group('verb2')]}"
        return said
    if m.group("exposed") and m.group("the")[:1].isupper():
        return f"If you are exposed, you {verb}{m.group('rest')}{m.group('comma') or ''}"
    return m.group(0)


def _staff_said_to_you(line: str) -> str:
    """Advice about "health workers" said to the health worker who reads it: "Health workers
    who have X … should have baseline testing" -> "If you have X …, you should have baseline
    testing"; "The exposed health worker does not need to …" -> "If you are exposed, you do
    not need to …"."""
    who = _STAFF_WHO.match(line)
    if who and "health worker" not in who.group("cond"):
        cond = compiled(r"(,? (?:or|and)) who ").sub(r"\1 you ", who.group("cond"))
        cond = compiled(r"^(has|is|does)\b").sub(lambda k: _PLURAL_VERB[k.group(1)], cond)
        line = f"{who.group('lead')}If you {cond}, you should {who.group('rest')}"
    exposed = _STAFF_EXPOSED.match(line)
    if exposed:
        rest = compiled(r"\bBut,? they should\b").sub("But, you should", line[exposed.end():])
        line = (f"{exposed.group('lead')}If you are exposed {exposed.group('to')}, you "
                f"{exposed.group('verb')}{rest}")
    return _ONE_STAFF.sub(_one_staff, line)


def staff_said_to_you(line: str) -> str:
    """A line of advice about health workers said to the one who reads it where the group
    is the condition or the subject ("For unvaccinated health workers, …" is "If you are
    unvaccinated, …", "The health workers should get …" is "You should get …"); a health
    worker named inside the sentence keeps the name."""
    line = _staff_said_to_you(line)
    line = compiled(r"(^(?:- )?|(?<=\. )|(?<=: ))The health workers (should|must|may|need)\b"
                    ).sub(r"\1You \2", line)
    # "Incompletely vaccinated health workers should get …": "If you are incompletely
    # vaccinated, you should get …".
    line = compiled(r"(^(?:- )?|(?<=\. )|(?<=: ))(?P<state>(?:[A-Z][a-z]+ly )?[a-z]*[A-Za-z]+ed) "
                    r"health workers (?P<modal>should|must|may|need)\b").sub(
        lambda m: f"{m.group(1)}If you are {m.group('state').lower()}, you {m.group('modal')}",
        line)
    said = _DESCRIBED_STAFF.sub(
        lambda m: f"{'I' if m.group(1) == 'F' else 'i'}f you are {m.group(2).strip()}", line)
    if said != line:  # "(including those who refused)" are now "you" as well
        said = compiled(r"\(including those who ").sub("(including if you ", said)
        # "exposed health workers thought to be at risk": "you are exposed and are thought
        # to be …"; "vaccinated health workers (who have records …)": "(with records …)".
        said = compiled(r"(\b[Ii]f you are [^,()]+?) ((?:thought|known|found|believed|considered) "
                      r"to be\b)").sub(r"\1 and are \2", said, count=1)
        said = compiled(r"(\b[Ii]f you are [^,()]+?) \(who (?:have|has) ").sub(r"\1 (with ", said,
                      count=1)
    return said


def staff_as_you(line: str) -> str:
    """A summary line said to the health workers who read it: "health workers" is "you"
    (:func:`staff_said_to_you` first); a group described before the noun ("exposed health
    workers") is never "exposed you"."""
    line = staff_said_to_you(line)

    def you(m: re.Match[str]) -> str:
        if compiled(r"\s+(?:who|whose|with|without|in|at|lacking|exposed)\b").match(
                    line[m.end():]):
            return m.group(0)  # "You who have …" is no sentence: the group keeps its name
        before = compiled(r"([A-Za-z-]*)[^A-Za-z-]*$").search(line[:m.start()])
        word = before.group(1).lower() if before else ""
        if word not in _BEFORE_GROUP and not compiled(r"[.:;,(]\s*$").search(line[:m.start()]):
            return m.group(0)
        return "You" if m.start() == 0 else "you"

    return _STAFF.sub(you, line)


def _group(who: str) -> str:
    """The group named first, cut before a comma or "including" outside brackets."""
    for m in compiled(r",|\s(?:including|as well as|this includes)\s").finditer(who):
        before = who[:m.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            return before
    return who


MAX_LINE_WORDS = 45
"""A summary line a reader takes in at a glance."""
MAX_POINTING_WORDS = 55
"""A line that ends by pointing to its advice for what it leaves out may run a little longer:
without the pointer it would show part of the advice as the whole."""


def _fits(line: str) -> bool:
    limit = MAX_POINTING_WORDS if compiled(r": see advice \d+\.$").search(line) else MAX_LINE_WORDS
    return len(words(line)) <= limit


# "There is more advice if you place a higher value on …: see advice 2.": the same pointer,
# shorter, where the summary has no room for whom it is for.
_MORE_IF = re.compile(r"\bthere is more advice (?:if|when|whenever|once) you\b[^:]*"
                      r"(?=: see advice)", re.IGNORECASE)


def _forms(line: str) -> list[str]:
    """A summary line, longest first: as said, then with a shorter pointer."""
    short = _MORE_IF.sub(lambda m: f"{m.group(0)[:1]}here is more to this advice", line)
    forms = [line, short] if short != line else [line]
    # A bracketed aside without numbers ("(your care team can give it or refer you to it)")
    # is the first words a summary line can do without: the advice below keeps it.
    bare = compiled(r" \((?=[^()]*[a-z])[^()\d]{10,80}\)(?=[.,])").sub("", forms[-1])
    return [*forms, bare] if bare != forms[-1] else forms


def _tests_pointers(found: ReaderTests) -> list[str]:
    """A reader's tests said short, where the summary has no room for their conditions: "If
    you are a recipient, you may need hepatitis B, HIV, and hepatitis C testing after the
    transplant (advice 13 to 15)."."""
    lead = found.line().split(", you should get ", 1)[0]
    named = found.line().split(", you should get ", 1)[1].rstrip(".")
    # The shortest form still says the advice: a line that only points ("your tests are in
    # advice 12 to 14") leaves a reader who reads no further with nothing to do. "May need":
    # each test applies only in some cases, which the advice gives.
    return [f"{lead}, you may need {named} (advice {found.said_at()})."]


def first_line(advice: str, number: int | None = None, whole: str | None = None) -> str:
    """The line a summary says for a piece of advice ("" when it cannot say it whole).
    ``whole``: the advice as its block lays it out, with what is printed with it (its
    exceptions): what the line must carry or point to; ``advice`` when not given."""
    forms = [f for f in _forms(_first_line(advice, number, whole))
             if f and _fits(f) and is_clause(f)]
    return forms[-1] if forms else ""


def _first_line(advice: str, number: int | None = None, whole: str | None = None) -> str:
    """The first sentence of the advice; a lead-in and its list as one sentence. A line
    never stops where its advice goes on with another group, a condition or an exception:
    it says each whole while it stays short, or points to the advice for it ("This applies
    only in some cases: see advice 14."); when it cannot, the advice is left out of the
    summary ("")."""
    head, *items = advice.split("\n- ")
    said = sentences(head)
    if not said:
        return ""
    # Who and why belong to the advice: "Experts advise X. This is for adults aged 50 to 74."
    n = 1
    while n < len(said) and said[n].startswith(_BELONGS):
        n += 1
    line = " ".join(said[:n])
    keep = said[:n]
    if len(words(line)) > MAX_LINE_WORDS and number is not None:
        # A condition too long to say whole is pointed to, not carried into a line too long
        # for the summary.
        k = next((k for k in range(1, n) if _condition(said[k])), None)
        if k is not None:
            return _carried(" ".join(said[:k]), whole or advice, number)
    if line.endswith(":"):
        if not items or len(keep) < len(said):
            return ""
        # The lead keeps its ":" unless its words run on into the first item ("causes of").
        lead = line[:-1] if compiled(r"\b(?:of|for|to|in|with|about|on|the|a|an)$").search(
                                      line[:-1]) else line
        line = _actions(lead, items) or f"{lead} {'; '.join(i.rstrip('.') for i in items)}."
        return _carried(line, whole or advice, number)
    cut = n - 1 if items and n == len(said) else None  # the list runs on past the line
    if cut is None and n < len(said) and _condition(said[n]):
        cut = n  # the next sentence is a condition, or a lead-in to a list of them
    if cut is None:
        return _carried(line, whole or advice, number)
    if cut == 0 or not _condition(said[cut]):
        return ""  # the advice itself, or a list that is no condition, would be cut
    return _carried(" ".join(said[:cut]), whole or advice, number)


_MODAL_LEAD = re.compile(r"^(?P<who>[A-Z][\w' ]{1,40}?) (?P<modal>should|must|can|may|will)"
                         r"(?P<also> also)?:$")


def _actions(lead: str, items: list[str]) -> str:
    """"Your care team should: ask A; advise B; provide C." -> one sentence per action
    ("… should ask A. They should advise B. …"): actions joined by semicolons read as one
    long sentence. "" when the lead is no subject and modal, or an item is no action."""
    m = _MODAL_LEAD.match(lead)
    if not m or len(items) < 2 or not all(
            compiled(r"[a-z]").match(i) and _only_verb(i.split()[0]) for i in items):
        return ""
    who = m.group("who")
    again = "You" if who.lower() == "you" else "They"
    said = [f"{who} {m.group('modal')}{m.group('also') or ''} {items[0].rstrip('.')}."]
    said += [f"{again} {m.group('modal')} {i.rstrip('.')}." for i in items[1:]]
    return " ".join(said)


def _only_verb(word: str) -> bool:
    """"ask", "provide": a word that can only be a verb ("check" may be a noun)."""
    import lemminflect

    readings = lemminflect.getAllLemmas(word.lower())
    return "VERB" in readings and not ({"NOUN", "ADJ", "PROPN"} & set(readings))


def _carried(line: str, advice: str, number: int | None) -> str:
    """The line with every group, condition and exception of its advice it leaves out (see
    :func:`domain.layout.carry`); "" when it leaves something out and has no advice number
    to point to."""
    if number is None:
        return "" if left_out(line, advice) else line
    # A summary names a list of conditions by the advice that gives it, never in part.
    said = carry(line, advice, number, MAX_LINE_WORDS, listed=False)
    if len(words(said)) > MAX_LINE_WORDS:
        # Too long whole: the line and where to read the rest.
        left = left_out(line, advice)
        groups = tuple(u.text for u in left if u.kind == "group")
        more = pointer({u.kind for u in left}, number, False, groups)
        said = f"{asked(line, advice).rstrip()} {more}".rstrip()
    return said


_CONDITION = re.compile(r"(?:This applies|This is only|Only (?:if|when|for)|Unless|The "
                        r"exception)\b")


def _condition(sentence: str) -> bool:
    """A condition of the advice ("This applies when …"), or a lead-in to a list of them
    ("… meets any of these conditions:")."""
    return bool(_CONDITION.match(sentence) or compiled(
        r"\b(?:conditions?|cases?|if|when|unless)\b[^.]*:$").search(sentence))


_BELONGS = ("This is for ", "The aim is to ", "They must also ", "This applies ")


_WHO_APART = re.compile(
    r"^(?P<group>(?:[^()]|\([^()]*\)){12,}?) (?:who (?P<verb>are|is|have|has|had|live)"
    r"|without (?:a |an )?(?P<no>(?:prior|known|previous) diagnosis of)) (?P<rest>(?:[^()]"
    r"|\([^()]*\))+)\.$")
_ALSO_BE = {"are": "be", "is": "be", "has": "have", "had": "have had"}


def conditions_apart(group: str, min_words: int = 17) -> list[str]:
    """"Adults aged 55 to 80 years who have a 30 pack-year smoking history …." (a long
    group) -> "Adults aged 55 to 80 years." and "They must also have a 30 pack-year …": the
    group first, the condition that must also hold in a sentence of its own."""
    m = _WHO_APART.match(group)
    if (not m or len(words(group)) < min_words or len(words(m.group("group"))) < 3
            or compiled(r"\b(?:who|whom|not)\b").search(m.group("rest"))
            or compiled(r"\b(?:who|whom|including)\b").search(m.group("group"))
            or is_clause(m.group("group"))
            or compiled(r"\b(?:and|or|of|with|in|at|for|those)$").search(m.group("group"))):
        return [group]
    said = (f"have no {m.group('no')}" if m.group("no")
            else _ALSO_BE.get(m.group("verb"), m.group("verb")))
    return [f"{m.group('group')}.", f"They must also {said} {m.group('rest')}."]


def _lower(text: str) -> str:
    if text[:1].isupper() and text[1:2].islower():
        return text[:1].lower() + text[1:]
    return text
