"""Write the patient version of a parsed guideline.

``PvgProvider`` is the seam for generators (a language model later); ``OfflineProvider``
is the deterministic rule-based one that needs nothing outside this package. It rewrites
each statement in plain words said to the reader (:mod:`domain.plain`, :mod:`domain.voice`),
lays the advice out under the guideline's own topics with headings that say what each block
is about (:mod:`domain.layout`), and builds the sections that patient-versions.md asks for.
Every word of every recommendation is printed: pure process (records, samples, agencies
telling each other) goes, in full, to a short section near the end; a long guideline's
page shows first what a reader acts on (:mod:`domain.page_plan`). It checks its own output:
a rewrite that lost a number or changed the direction is replaced by a more literal one, so
fidelity never depends on the rewriting rules being perfect.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import Protocol

from domain import glossary, layout, page_plan, summary
from domain.chinese import DISCLAIMER_ZH, generate_chinese
from domain.layout import Item
from domain.legend import label as _label
from domain.legend import legend as _legend
from domain.legend import why as _why
from domain.lists import inline
from domain.model import (
    Audience,
    Direction,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Recommendation,
    Strength,
)
from domain.numbers import missing_numbers
from domain.numwords import say_comparators
from domain.parsing import text_direction
from domain.plain import (
    CONDITION_LAST,
    Rewriter,
    finish,
    is_clause,
    reader_lead,
    replace_terms,
    tidy,
)
from domain.readability import is_dictionary_word, score, sentences, words
from domain.reader import AUDIENCE, audience, is_process, patient_to_you
from domain.strength_words import strength_wording, strength_wording_zh
from domain.voice import condition_lead, joined, you_throughout

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_ZH",
    "REQUIRED_SECTIONS",
    "OfflineProvider",
    "PvgProvider",
    "Rewriter",
    "render_text",
    "strength_wording",
    "strength_wording_zh",
]

ABOUT = "What this guideline is about"
KEY = "Key recommendations"
CONSIDER = "Things to consider"
QUESTIONS = "Questions to ask your clinician"
WORDS = "Words to know"
NOTE = "Disclaimer"
CARE_TEAM = "How the care system works"
TODO = "What you can do"
REQUIRED_SECTIONS = (ABOUT, KEY, CONSIDER, QUESTIONS, WORDS, NOTE)
DISCLAIMER = (
    "This guide is here to help you learn. It does not replace advice from your own "
    "clinician. Talk with your care team about what is right for you."
)


class PvgProvider(Protocol):
    """Anything that can write a patient version of a parsed guideline."""

    name: str

    def generate(self, guideline: ParsedGuideline) -> PatientVersion: ...




# --- the provider ---------------------------------------------------------------------------


class OfflineProvider:
    """Deterministic rule-based generator; no network, no model."""

    name = "offline-rules/7"

    def generate(self, guideline: ParsedGuideline) -> PatientVersion:
        if guideline.language == "zh":
            return generate_chinese(guideline, self.name)
        token = AUDIENCE.set(audience(summary.target(guideline)))
        try:
            return self._generate(guideline)
        finally:
            AUDIENCE.reset(token)

    def _generate(self, guideline: ParsedGuideline) -> PatientVersion:
        # Headings too: a PDF may spell out a short form only there ("Antiepileptic Drugs
        # (AEDs) and the Risk of Suicide").
        full_text = "\n".join([*(f"{s.heading}\n{s.text}" for s in guideline.sections),
                               *(r.source_text for r in guideline.recommendations)])
        rw = Rewriter(Rewriter.acronyms_from(full_text))
        recs = []
        for rec in guideline.recommendations:
            # Pure process reads action first: no reader decides whether it applies.
            token = CONDITION_LAST.set(is_process(rec.source_text))
            try:
                recs.append(self._recommendation(rw, rec, _paragraph_subject(guideline, rec)))
            finally:
                CONDITION_LAST.reset(token)
        who = summary.who_for(guideline, rw)
        handled: dict[int, list[str]] = {}
        whole: dict[int, str] = {}
        if any(is_process(r.source_text) for r in guideline.recommendations):
            for i, r in enumerate(recs):
                kept, moved = _handling(r.text)
                if moved:
                    ready = _results_ready(moved)
                    recs[i] = r.model_copy(update={"text": f"{kept}\n{ready}" if ready else kept})
                    handled[i], whole[i] = moved, r.text
        page = _Page(guideline, recs, rw, whole)
        page.handled = handled
        topics = [(t, [page.number[i] for i in page.groups[t]]) for t in page.order]
        sections = [PvgSection(heading=ABOUT, body=_about(guideline, who, recs, rw, topics)),
                    PvgSection(heading=KEY, body=page.key())]
        todo = page.todo()
        if todo:
            sections.append(PvgSection(heading=TODO, body=todo))
        sections += [
            PvgSection(heading=CONSIDER, body=_consider(
                guideline, rw, [*page.cautions.pop(UNPLACED, []),
                                *summary.scope_cautions(guideline, rw)])),
            PvgSection(heading=QUESTIONS, body=page.questions()),
        ]
        more = page.more_advice_part()
        note = page.duties_note()
        if note and more:
            more += f"\n\n{note}"
        elif note:
            sections[1] = PvgSection(heading=KEY, body=f"{sections[1].body}\n\n{note}")
        if more:
            # Before the word list and the disclaimer: advice for the reader is never printed
            # after "this does not replace advice from your clinician".
            sections.append(PvgSection(heading=page_plan.MORE_ADVICE, body=more))
        title = _plain_title(guideline.title)
        main = page.main_advice()
        summary_text = summary.summary(who, _topic(title), [t for _, t in main],
                                       [n for n, _ in main],
                                       [page.said(page.index[n]) for n, _ in main],
                                       {page.number[i]: r.text for i, r in enumerate(recs)
                                        if i in page.number})
        care_team = page.care_team_part()
        grades_part = page.grades_part()
        if care_team and grades_part:
            care_team += f"\n\n{grades_part}"
        grades = frozenset(g for r in guideline.recommendations for g in _grade_tokens(r.grade))
        seen = "\n".join([summary_text, *(s.body for s in sections), care_team,
                          *(r.text for r in recs)])
        terms = glossary.build(seen, rw.acronyms, grades)
        shown = terms
        if care_team:
            # Words met only in the part for the care team are explained there, so that
            # "Words to know" stays the reader's list.
            care = set(page.care_ids())
            read = "\n".join([summary_text, *(s.body for s in sections),
                              *(r.text for i, r in enumerate(recs) if i not in care)])
            shown = glossary.build(read, rw.acronyms, grades)
            extra = [t for t in terms if t.term not in {e.term for e in shown}]
            if extra:
                care_team += f"\n\n{page_plan.CARE_TEAM_WORDS}\n\n{glossary.render(extra)}"
        sections.append(PvgSection(heading=WORDS, body=glossary.render(shown)))
        sections.append(PvgSection(heading=NOTE, body=DISCLAIMER))
        if care_team:
            # After the disclaimer, set apart and titled for the care team: the duties of
            # the care system are no advice to the reader, and nothing of them is lost.
            sections.append(PvgSection(heading=page_plan.CARE_TEAM_PART, body=care_team))
        elif grades_part:
            sections.append(PvgSection(heading=page_plan.CARE_TEAM_GRADES, body=(
                f"This part is for health workers.\n\n{grades_part}")))
        for i, (who_for, heading) in page.placement().items():
            recs[i] = recs[i].model_copy(update={"audience": who_for, "shown_under": heading})
        pvg = PatientVersion(
            title=title,
            language="en",
            summary=summary_text,
            sections=sections,
            recommendations=recs,
            glossary=terms,
            generator=self.name,
        )
        pvg.readability = score(render_text(pvg))
        pvg.advice_readability = score("\n".join(r.text for r in pvg.recommendations))
        return pvg

    @staticmethod
    def _recommendation(rw: Rewriter, rec: Recommendation,
                        subject: str | None = None) -> PvgRecommendation:
        source = rec.text or rec.source_text
        want = text_direction(source)
        named = layout.said_risk(layout.resolve_pronoun(_with_list(rec), subject or rec.section))
        stated = _as_statement(named, rec.direction)
        if text_direction(stated) != want:
            stated = _as_statement(named, None)
        named = stated
        text = ""
        for level in (2, 1, 0):
            text = rw.simplify(named, level)
            if not missing_numbers(source, text) and _same_direction(source, text, want):
                break
        else:
            text = finish([patient_to_you(tidy(source))])
        # "Also, …" leans on advice printed elsewhere: alone on a page it loses its subject.
        text = re.sub(r"^Also,\s+(\w)", lambda m: m.group(1).upper(), text)
        return PvgRecommendation(
            id=rec.id,
            text=you_throughout(condition_lead(say_comparators(text))),
            strength=strength_wording(rec.direction, rec.strength),
            direction=rec.direction,
            source_text=rec.source_text,
            grade=rec.grade,
            strength_level=rec.strength,
        )


_NOT_ADVISED = re.compile(r"\bnot (?:usually |generally )?(?:advised|recommended)\b",
                          re.IGNORECASE)


_MADE_AVAILABLE = re.compile(r"\bresults should be made available (?P<when>(?:before|prior to) "
                             r"(?:the )?[a-z]+)\.")


def _results_ready(moved: list[str]) -> str | None:
    """What the reader can expect of handling that moved to the care team: "test results
    should be made available before transplant" is when the results are ready."""
    for sent in moved:
        m = _MADE_AVAILABLE.search(sent)
        if m:
            whose = "The donor's" if re.match(r"Donor\b", moved[0]) else "The"
            when = re.sub(r"^prior to", "before", m.group("when"))
            when = re.sub(r"^before (?!the )", "before the ", when)
            return f"{whose} test results should be ready {when}."
    return None


def _row_title(title: str | None, topic: str | None) -> str | None:
    """A table row's name for its advice: the guideline's topic when the block's title only
    says "this type of treatment"."""
    if title and topic and re.search(r"\bthis (?:type of )?(?:treatment|modality)\b", title):
        return topic
    return title or topic


def _marked(text: str, direction: Direction) -> tuple[str, bool]:
    """A list of ways of which the guideline advises against some only ("1) abrupt stopping
    – not advised …; 2) slow taper – 10% of the dose per week …"): each way it advises
    against is marked ✖, so that the block's ✖ is not read as against them all."""
    head, *items = text.split("\n- ")
    against = [bool(_NOT_ADVISED.search(i)) for i in items]
    if direction is not Direction.AGAINST or not any(against) or all(against) or \
            _NOT_ADVISED.search(head):
        return text, False
    marked = [f"✖ {i}" if a else i for i, a in zip(items, against, strict=True)]
    return head + "".join(f"\n- {i}" for i in marked), True


_SUBJECT = re.compile(r"^(?P<subject>[A-Z][\w'-]*(?: [\w'-]+){0,4}?)(?: \([^()]*\))?"
                      r"(?::| (?:is|are|was|were|has|have|can|may|should)\b)")


def _paragraph_subject(guideline: ParsedGuideline, rec: Recommendation) -> str | None:
    """What a statement that starts "It is not recommended." is about, when the line it
    ends names it first ("Calcitonin is not approved by the FDA for use with CRPS. …
    It is not recommended."): the pronoun then gets that name, not the section heading."""
    if not re.match(r"(?:It|They|These|This)\b", rec.source_text):
        return None
    for sec in guideline.sections:
        at = sec.text.find(rec.source_text)
        if at < 0:
            continue
        line = sec.text[sec.text.rfind("\n", 0, at) + 1: at]
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).replace("*", "").strip()
        m = _SUBJECT.match(line)
        if not m or re.match(r"(?:It|They|These|This|The|That|Those|There|Here)\b",
                             m.group("subject")):
            return None  # "This procedure is …", "There is some evidence …": the heading names it
        return m.group("subject")
    return None


_ITEM_LINE = re.compile(r"^[ \t]*(?:[-*+\u2022\u25e6]|\d{1,2}[a-z]?[.)]|[a-z][.)]|[ivx]{1,4}[.)])"
                        r"[ \t]+(?=\S)", re.MULTILINE)
_ITEM_MARK = re.compile(r"^(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s+")
_ITEM_TAIL = re.compile(r"(?:[,;]?\s+(?:and|or)|[,;])\s*$|\s+(?:[ivx]{1,4}|[a-z])\.$")


def _with_list(rec: Recommendation) -> str:
    """The statement with the list its guideline printed one item a line kept as list lines.

    The parsed text runs the items together ("… describe the following: The expected
    outcomes. Any side effects. Alternative therapies or diagnostic testing."), so each item
    would be read as a sentence of its own, most of them without a verb. Each item is found
    again in the parsed text, in order; when one is not found the text is left as it is.
    """
    text = rec.text
    if not text or "\n- " in text:
        return text
    marks = [m for m in _ITEM_LINE.finditer(rec.source_text) if m.start() > 0]
    if len(marks) < 2:
        return text
    starts: list[int] = []
    at = 0
    for m in marks:
        line = rec.source_text[m.end():].split("\n", 1)[0]
        probe = " ".join(re.sub(r"\\(?=\S)|\*+", "", line).split()[:5])
        found = text.find(probe, at) if len(probe) >= 3 else -1
        if found < 0:
            return text
        starts.append(found)
        at = found + len(probe)
    head = _bare_item(text[: starts[0]])
    items = [_bare_item(text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)],
                                                   strict=True)]
    if not head or sum(bool(i) for i in items) < 2:
        return text
    if re.search(r"[\w)]$", head):
        head += ":"  # "… one of the following medications considering patient preferences"
    # An item indented under another is its own item ("Evidence-based psychotherapy:" and
    # the kinds of it), never one of the same rank.
    indents = [len(m.group(0)) - len(m.group(0).lstrip()) for m in marks]
    out = head
    for item, indent in zip(items, indents, strict=True):
        if item:
            sub = indent > indents[0] and "\n- " in out
            out += f"\n  - {item}" if sub else f"\n- {item}"
    return out


def _bare_item(item: str) -> str:
    """An item without its list number and the "and" or ";" that joined it to the next."""
    item = item.strip()
    previous = None
    while previous != item:
        previous, item = item, _ITEM_TAIL.sub("", item).strip()
    return _ITEM_MARK.sub("", item)


def _same_direction(source: str, text: str, want: Direction | None) -> bool:
    """The rewrite says what the statement says. "There is insufficient evidence to
    recommend one over the other", said "there is not enough proof to advise one over the
    other", is the same words in plain English even where the source's mix of cues reads as
    no direction at all."""
    said = text_direction(text)
    if said == want:
        return True
    return (want is None and said is Direction.INSUFFICIENT
            and bool(re.search(r"\binsufficient (?:evidence|data)\b", source, re.IGNORECASE)))


def _as_statement(text: str, direction: Direction | None) -> str:
    """A statement printed as a bare list item ("Telecommunications (phone, web based)")
    says what its grade says about it: "Experts advise telecommunications …", "There is not
    enough evidence about …". Its direction is the label's, so nothing is added."""
    head = text.split("\n")[0].strip()
    if not head or not _fragment(head):
        return text
    body = head[:1].lower() + head[1:] if re.match(r"[A-Z][a-z]", head) else head
    said = {Direction.FOR: f"Experts advise {body}",
            Direction.AGAINST: f"Experts advise against {body}",
            Direction.INSUFFICIENT: f"There is not enough evidence about {body}",
            None: f"This advice is about {body}"}[direction]
    return said + text[len(text.split("\n")[0]):]


def _fragment(head: str) -> bool:
    """A statement with no verb at all: a noun phrase cut from a list ("A facility-based
    registry of all high acute risk patients."). A lead-in ("In adults with …, give …") or
    an imperative is a clause."""
    if not re.match(r"[A-Z]", head) or head.endswith(":") or is_clause(head):
        return False
    if re.match(r"(?:In|For|If|When|Among|During|After|Before|As|To|At)\b", head):
        return False
    main = re.split(r"\b(?:who|whom|whose|which|that)\b|\(", head)[0]
    # "-ing" forms name an activity here ("Community workers reaching out to …"): they
    # make no clause without a finite verb beside them.
    return not any(_verb_word(w) for w in re.findall(r"[A-Za-z-]+", main)
                   if not w.lower().endswith("ing"))


_GERUND = {"get": "Getting", "be": "Being", "have": "Having", "take": "Taking", "ask": "Asking",
           "keep": "Keeping", "stop": "Stopping", "go": "Going", "see": "Seeing",
           "make": "Making", "use": "Using", "avoid": "Avoiding", "talk": "Talking"}


def _gerund_first(action: str) -> str:
    """"Get tested for HIV" -> "Getting tested for HIV": a heading like the others."""
    first, _, rest = action.partition(" ")
    return f"{_GERUND[first.lower()]} {rest}" if first.lower() in _GERUND else action


def _after_title(title: str, text: str) -> str:
    """What the advice says right after the last words of its title."""
    tail = " ".join(title.split()[-2:])
    m = re.search(rf"\b{re.escape(tail)}\b", text, re.IGNORECASE)
    return text[m.end():m.end() + 40] if m else ""


def _extended(title: str, text: str, limit: int = 13) -> str:
    """A title cut before its object, run on in the advice's own words to the end of the
    clause ("Getting counseled to think" -> "… to think about possible risks of both
    accepting and rejecting organs"), naming the whole list it stops in; "" when the clause
    goes on with a new one ("that although …")."""
    if not title.split()[0].endswith("ing"):
        return ""  # "A living donor whose blood sample …" runs on into a condition, not an act
    tail = " ".join(title.split()[-2:])
    m = re.search(rf"\b{re.escape(tail)}\b", text, re.IGNORECASE)
    if not m:
        return ""
    more = re.split(r"[,.;:(\n]|\s(?:versus|vs\.?|compared with)\s", text[m.end():],
                    maxsplit=1)[0].split()
    if not more or more[0].lower() in {"that", "although", "which", "who", "whose", "because",
                                       "if", "when", "while", "so"}:
        return ""
    room = max(0, limit - len(title.split()))
    words_on = more[:room]
    while words_on and words_on[-1].lower() in {"and", "or", "of", "the", "a", "an", "to", "for",
                                                "with", "in", "on", "at", "by", "your", "their",
                                                "both", "any", "these", "this", "from"}:
        words_on.pop()
    if not words_on:
        return ""
    return page_plan.whole_list(f"{title} {' '.join(words_on)}", text)


def _unnamed_pair(guideline: ParsedGuideline, rec: Recommendation) -> bool:
    """A statement about "either type of block" that opens its section: nothing before it
    says which two it means (Colorado CRPS, "Other IV medications and regional blocks")."""
    if not re.search(r"\b(?:either|both|neither) (?:type|kind)s? of\b", rec.source_text,
                     re.IGNORECASE):
        return False
    for sec in guideline.sections:
        at = sec.text.find(rec.source_text[:60])
        if at >= 0:
            return not sec.text[:at].strip()
    return False


def _said(topic: str, block: str) -> bool:
    """Whether a block already says most of its topic's words ("Restriction of activities"
    over "Continuing normal daily activities"), by their first four letters."""
    stems = {w.lower()[:4] for w in re.findall(r"[A-Za-z]{4,}", topic)
             if w.lower() not in {"with", "from", "other", "general", "care"}}
    said = {w.lower()[:4] for w in re.findall(r"[A-Za-z]{4,}", block)}
    return bool(stems) and len(stems & said) * 2 >= len(stems)


_POINTS_BACK = re.compile(r"(?:It|They|These|This|Those|Such|The (?:treatment|procedure|therapy|"
                          r"shots?|injections?|medicines?|program))\b")


def _cut_short(title: str) -> bool:
    """A title cut before its object: it ends on a verb or on "ways", or points at something
    it does not name ("these", "whose")."""
    if title.startswith(("Not advised", "Not sure yet")):
        return False
    last = title.split()[-1].lower()
    return ((_verb_word(last) and not last.endswith("ing"))
            or last in {"ways", "provided", "informed", "think", "discuss", "consider", "effects"}
            or bool(re.search(r"\b(?:these|this|whose)\b", title, re.IGNORECASE)))


def _verb_word(word: str) -> bool:
    """Whether a word can only be a verb here: an action the guideline asks for, or a verb
    form that is no noun or adjective ("hospitalize", "provide", "given")."""
    import lemminflect

    low = word.lower()
    readings = lemminflect.getAllLemmas(low)
    return "VERB" in readings and not ({"NOUN", "ADJ", "PROPN"} & set(readings))


def _grade_tokens(grade: str | None) -> list[str]:
    """The label's parts that look like acronyms ("Category IB" -> "IB")."""
    return re.findall(r"\b[A-Z][A-Z0-9-]*\b", grade or "")


def render_text(pvg: PatientVersion) -> str:
    """The reader's page as one Markdown document: what the whole-page readability is
    measured on, a long guideline's "More advice" part included (a reader meets it too);
    the part for the care team after the disclaimer is written for health workers."""
    parts = [f"# {pvg.title}"]
    if pvg.summary:
        parts.append(pvg.summary)
    for s in pvg.sections:
        if not page_plan.care_team_heading(s.heading):
            parts.append(f"## {s.heading}\n\n{s.body}")
    return "\n\n".join(parts)


def _plain_title(title: str) -> str:
    title = _uncapitalised(title)
    t = re.sub(r"[:.]\s*(?:a |an )?(?:U\.S\. Preventive Services Task Force|USPSTF"
               r"|Community Preventive Services Task Force).*$", "", title,
               flags=re.IGNORECASE).strip(" .:")
    t = re.sub(r"^(?:VA/DoD|CDC|PHS)\s+(?:clinical practice )?guideline for (?:the )?", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"^(?:Final recommendation statement|CDC guidance for)\s*:?\s*", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"\.\s*In:.*$", "", t, flags=re.IGNORECASE)
    t = re.sub(r"(?:: a .{0,80}(?:systematic review|recommendations? .{0,60}))$", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"\s*\([A-Z]{2,}\)", "", t)
    t = re.sub(r"\s+medical treatment guidelines?$", "", t, flags=re.IGNORECASE)
    t = replace_terms(t).strip(" .:") or title
    # A guideline on protecting staff is read by staff, not by patients.
    reader = "health workers" if "health worker" in AUDIENCE.get() else "patients"
    return f"{t[:1].upper()}{t[1:]}{_GUIDE_FOR}{reader}"


def _uncapitalised(title: str) -> str:
    """A title printed in capitals (a plain-text guideline's first line) in sentence case;
    words the dictionary does not know ("COPD", "HIV") stay as printed."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    said = re.sub(r"[A-Z][A-Z'-]*", lambda m: m.group(0).lower()
                  if is_dictionary_word(m.group(0)) else m.group(0), title)
    return said[:1].upper() + said[1:]


_GUIDE_FOR = ": a guide for "


def _topic(title: str) -> str:
    topic = title.rsplit(_GUIDE_FOR, 1)[0]
    return topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic


def _developer(guideline: ParsedGuideline) -> str | None:
    for s in guideline.sections[:2]:
        m = re.search(r"^\s*-?\s*Developer\(?s?\)?:\s*(.+)$", s.text, re.MULTILINE)
        if m:
            devs = [re.sub(r"\s+-\s+.*$", "", d).strip() for d in m.group(1).split(";")]
            devs = [d.removeprefix("The ") for d in devs if d]
            if not devs:
                return None
            return ", ".join(devs[:2]) + (f" and the {devs[2]}" if len(devs) > 2 else "")
    return None


def _about(guideline: ParsedGuideline, who: list[str], recs: list[PvgRecommendation],
           rw: Rewriter, topics: list[tuple[str, list[int]]] | None = None) -> str:
    lines = ["This is a short, plain guide. It is based on a guideline for health workers."]
    dev = _developer(guideline)
    if dev:
        lines.append(f"The guideline comes from the {dev}.")
    if who:
        lines.append("\n**Who it is for:**\n")
        lines.extend(f"- {_item(w)}" for w in who)
    lines.append("\n**Who it is not for:**\n")
    advice = " ".join(r.text.lower() for r in recs)
    excluded = [x for x in (_not_advised_on(x, advice) for x in summary.not_for(guideline, rw))
                if x]
    lines.extend(f"- {_item(x)}" for x in excluded)
    lines.extend(f"- {line}" for x in excluded for line in _scope_lines(x, topics or []))
    # A guideline that names nobody it leaves out gets no line saying so: it told the
    # reader nothing and raters counted it as filler.
    lines.append("- If you are not sure the advice fits you, ask your care team.")
    return "\n".join(lines)


def _not_advised_on(excluded: str, advice: str) -> str:
    """An exclusion without the groups the advice does speak to: a guideline that leaves out
    "people with short-term pain" but has advice on short-term pain must not say both."""
    head, *items = excluded.split("\n- ")
    if not items:
        return excluded
    kept = [i for i in items if _core(i) not in advice]
    if not kept:
        return ""
    return head + "".join(f"\n- {i}" for i in kept)


_GROUP_IN = re.compile(r"\b(?:people|patients|adults|children|those)\s+(?:with|who have)\s+"
                       r"(?P<core>[\w' -]{3,40}?)(?=,|;|\.|\s+or\s|\s+and\s|$)")


def _scope_lines(excluded: str, topics: list[tuple[str, list[int]]]) -> list[str]:
    """A scope note kept in the guideline's words ("not intended for … people with
    short-term pain") above a group of advice on short-term pain says which advice that is,
    so a reader with short-term pain does not skip it."""
    out = []
    for m in _GROUP_IN.finditer(excluded):
        core = m.group("core").strip().lower()
        for topic, numbers in topics:
            if numbers and re.search(rf"\b{re.escape(core)}\b", topic.lower()):
                if len(numbers) == 1:
                    out.append(f"Advice {numbers[0]} is about {core}.")
                elif numbers == list(range(numbers[0], numbers[-1] + 1)):
                    out.append(f"Advice {numbers[0]} to {numbers[-1]} are about {core}.")
                else:
                    said = ", ".join(str(n) for n in numbers[:-1])
                    out.append(f"Advice {said} and {numbers[-1]} are about {core}.")
                break
    return out


def _core(item: str) -> str:
    core = re.sub(r"^(?:in |for )?(?:people|adults|children|patients|those)\s+"
                  r"(?:with|who have|receiving|on)\s+", "", item.strip().rstrip(".;"),
                  flags=re.IGNORECASE)
    return core.lower() or item.lower()


def _item(text: str) -> str:
    """A bullet is one line: list items of a rewrite join it as a short list in words."""
    head, *items = text.split("\n- ")
    if not items:
        return head
    short = inline(head, items)
    if short:
        return short
    return f"{head.rstrip(':.')}: {'; '.join(i.rstrip('.') for i in items)}."


# --- key recommendations: by the guideline's topics, strongest first within each ---------------

_RANK = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
         Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}
_BY_DIRECTION = {Direction.FOR: "What experts advise",
                 Direction.AGAINST: "What experts advise against",
                 Direction.INSUFFICIENT: "Where there is not enough evidence"}


def _rank(rec: Recommendation) -> int:
    if rec.direction is Direction.INSUFFICIENT:
        return _RANK[Strength.INSUFFICIENT]
    return _RANK[rec.strength]


_NOT_ALL = re.compile(r"^Not (?:all|every) (?P<x>[^.,;]{3,60}?) (?:require|need)s? "
                      r"(?P<y>[^.,;]{3,60}?)\.?$")


class _Page:
    """The advice laid out for reading: groups in the guideline's order, numbered blocks
    with headings that say what they are about, and the tools built from them."""

    def __init__(self, guideline: ParsedGuideline, recs: list[PvgRecommendation],
                 rw: Rewriter, whole: dict[int, str] | None = None) -> None:
        self.guideline = guideline
        self.recs = recs
        self.rw = rw
        self.handled: dict[int, list[str]] = {}
        src = guideline.recommendations
        self.process_ids = [i for i, r in enumerate(src) if is_process(r.source_text)]
        heads = layout.topics(guideline)
        self.attached = _attached(src, recs, heads, self.process_ids)
        inside = {j for js in self.attached.values() for j in js}
        self.exceptions = _exceptions(src, recs, heads, self.process_ids, inside)
        self.also = _strict_terms(src, heads, self.process_ids, inside, self.exceptions)
        for i, js in self.also.items():
            self.exceptions[i].extend(js)
        inside |= {j for js in self.exceptions.values() for j in js}
        self.topic_of: dict[int, str] = {}
        for i, rec in enumerate(src):
            head = heads[i]
            if i not in inside:
                self.topic_of[i] = (layout.plain_heading(head, rw.acronyms) if head
                                    else _BY_DIRECTION[rec.direction])
        self.plan = page_plan.plan([
            # The plan orders advice by all it says, the handling moved to the care team
            # part included ("before transplant"): the page keeps the guideline's order.
            page_plan.Advice(i, (whole or {}).get(i, recs[i].text), src[i].direction,
                             src[i].strength,
                             i in self.process_ids,
                             None if t in _BY_DIRECTION.values() else t)
            for i, t in self.topic_of.items()])
        self.rest: list[int] = []
        self.care: list[int] = []
        if self.plan is not None:
            # A long guideline: what the reader can act on first, the reader's other advice
            # after it, the care system's duties in the part for the care team (every word
            # of it, numbered on).
            self.order = [h for h, _ in self.plan.groups]
            self.groups = dict(self.plan.groups)
            self.rest = self.plan.rest
            self.care = self.plan.care_team
            self.process_ids = []
        else:
            self.care = [i for i in self.process_ids if i in self.topic_of]
            groups: dict[str, list[int]] = {}
            for i, topic in self.topic_of.items():
                if i not in self.process_ids:
                    groups.setdefault(topic, []).append(i)
            fallback = list(_BY_DIRECTION.values())
            self.order = sorted(groups, key=lambda t: (
                fallback.index(t) if t in fallback else -1, min(groups[t])))
            self.groups = {t: sorted(groups[t], key=lambda i: (_rank(src[i]), i))
                           for t in self.order}
        self.number: dict[int, int] = {}
        for i in [*(i for t in self.order for i in self.groups[t]), *self._printed(self.rest),
                  *self._printed(self.care)]:
            self.number[i] = len(self.number) + 1
        self.main_count = len(self.number) - len(self.rest) - len(self.care)
        # A list marked item by item (✖ on some ways only) is not "Not advised" as a whole.
        self.items = [Item(self.number[i], joined(recs[i].text), recs[i].direction,
                           layout.block_title(joined(recs[i].text), Direction.FOR
                                              if _marked(recs[i].text, recs[i].direction)[1]
                                              else recs[i].direction)
                           or (_topic_title(self.topic_of[i], recs[i])
                               if heads[i] == src[i].section else None))
                      for i in self.number]
        if self.plan is not None:
            self.items = self._titled(self.items, recs, heads)
        self.items = _told_apart(self.items)
        self.items = [dataclasses.replace(it, title=layout.against_group_title(
            it.title, it.text)) if it.title else it for it in self.items]
        self.index = {self.number[i]: i for i in self.number}
        self.cautions = _cautions(guideline, rw)
        self.notes = _notes(guideline, rw)
        notes, cautions = _said_after(guideline, rw)
        for said, into in ((notes, self.notes), (cautions, self.cautions)):
            for i, lines in said.items():
                into.setdefault(i, []).extend(x for x in lines if x not in into[i])
        for i, rec in enumerate(src):
            not_all = _NOT_ALL.match(" ".join(rec.source_text.replace("*", "").split()))
            if not_all and rec.direction is Direction.AGAINST:
                # "✖ Not all peripheral nerve blocks require fluoroscopy": the ✖ is against
                # needing the second thing every time, never against the first.
                self.notes.setdefault(i, []).append(
                    f"This means that {not_all.group('y')} is not needed every time. It is not "
                    f"advice against {not_all.group('x')}.")
        for i, topic in self.topic_of.items():
            if _unnamed_pair(guideline, src[i]) and topic not in _BY_DIRECTION.values():
                self.notes.setdefault(i, []).append(
                    f"The guideline does not say which two it means. It gives this advice "
                    f"under its heading \"{topic}\".")
        # What a line that stands for the advice (summary, checklist) must say or point to:
        # the lead-in, the exceptions and list items printed with it, and its notes.
        self.items = [dataclasses.replace(
            it, lead=self._lead(self.index[it.number]),
            laid=recs[self.index[it.number]].text,
            more=tuple([*(f"- {recs[j].text}" for j in self.attached.get(
                self.index[it.number], [])),
                *(f"The exception: {recs[j].text}" for j in self.exceptions.get(
                    self.index[it.number], []))]),
            strength=src[self.index[it.number]].strength.value,
            notes=tuple(self.notes.get(self.index[it.number], [])))
            for it in self.items]

    def _lead(self, i: int) -> str:
        """The lead-in a nested statement depends on, as its block prints it."""
        context = self.guideline.recommendations[i].context
        return reader_lead(tidy(self.rw.simplify(context, 1)).rstrip(".:")) if context else ""

    def whole(self, i: int) -> str:
        """What a line standing for the advice must say or point to (see :class:`Item`)."""
        return self.items[self.number[i] - 1].whole

    def main_ids(self) -> list[int]:
        """The guideline's recommendations printed on the main page, with those shown inside
        another block."""
        main = {i for t in self.order for i in self.groups[t]}
        inner = [j for i, js in [*self.attached.items(), *self.exceptions.items()]
                 if i in main for j in js]
        return sorted([*main, *inner])

    def _titled(self, items: list[Item], recs: list[PvgRecommendation],
                heads: list[str | None]) -> list[Item]:
        """Main-page blocks whose title was cut short ("Getting counseled to think", "A
        living donor whose blood sample") take one from what the reader does; a block with
        no title ("Advice 8") takes that, else the guideline's topic."""
        by_number = {n: i for i, n in self.number.items()}
        out = []
        for it in items:
            i = by_number[it.number]
            main = it.number <= len(self.number) - len(self.rest) - len(self.care)
            if main and it.title:
                # "Getting tested for HIV" heads advice on HIV, hepatitis B and hepatitis C.
                it = dataclasses.replace(it, title=page_plan.whole_list(it.title, recs[i].text))
            if main and it.title and re.match(
                    r"\s+for\b", _after_title(it.title, recs[i].text)):
                # "Getting tested before the transplant" + "for hepatitis B or hepatitis C":
                # a test's title names what it tests for.
                it = dataclasses.replace(it, title=_extended(it.title, recs[i].text) or it.title)
            if main and (it.title is None or _cut_short(it.title)):
                topic = self.topic_of.get(i)
                action = page_plan.action_title(recs[i].text)
                better = (_gerund_first(action) if action else "") or (
                    _extended(it.title, recs[i].text) if it.title else "") or (
                    topic if it.title is None and topic
                    and topic not in _BY_DIRECTION.values() else "")
                if better:
                    it = dataclasses.replace(it, title=better)
            out.append(it)
        return out

    def care_ids(self) -> list[int]:
        """The recommendations printed in the part for the care team, with those shown
        inside another block."""
        care = set(self.care)
        inner = [j for i, js in [*self.attached.items(), *self.exceptions.items()]
                 if i in care for j in js]
        return sorted([*care, *inner])

    @property
    def main_items(self) -> list[Item]:
        """The blocks of the main page (all of them unless the guideline is long)."""
        return self.items[: self.main_count]

    def _strong_against(self) -> dict[int, str]:
        """Page number -> text of each strong advice against on the main page."""
        return {it.number: self.recs[self.index[it.number]].text for it in self.main_items
                if self.recs[self.index[it.number]].direction is Direction.AGAINST
                and self.recs[self.index[it.number]].strength_level is Strength.STRONG}

    def _groups(self) -> dict[int, str]:
        """Page number -> the group its topic heading says the advice is for ("Opioid
        treatment for short-term pain" -> "for short-term pain")."""
        found = {}
        for i, number in self.number.items():
            m = re.search(r"\b(for [\w -]{3,40})$", self.topic_of.get(i) or "")
            if m:
                found[number] = m.group(1).lower()
        return found

    def key(self) -> str:
        src = self.guideline.recommendations
        shown = [i for t in self.order for i in self.groups[t]]
        legend, lifted = _legend([self.recs[i] for i in shown], [src[i] for i in shown],
                                 list(zip(self.recs, src, strict=True)))
        blocks = ["Each item says what the experts advise and how sure they are.", legend]
        if self.rest:
            blocks.insert(0, f"This page shows first the {len(shown)} pieces of advice you can "
                          "act on: what you can do, ask for or expect. The guideline's other "
                          f"{len(self.rest)} for you are in \"{page_plan.MORE_ADVICE}\", after "
                          "the questions to ask.")
        table = layout.schedule(self.main_items, {self.number[i]: _short_strength(self.recs[i])
                                                  for i in shown})
        if table:
            blocks += ["**At a glance, by age:** find the row for your age and for who you "
                       "are. Then read the advice with that number below: it says what the "
                       "row leaves out.", table]
        who = {self.number[i]: person for i, person in self.plan.who.items()
               if i in self.number} if self.plan is not None else {}
        # The advice as laid out: a lead-in ("At the time of the offer, if …:") on its own
        # line, so that what happens is told apart from when and in which case.
        later = [(self.number[i], self.recs[i].text, _row_title(
                      self.items[self.number[i] - 1].title, self.topic_of.get(i))
                  or f"Advice {self.number[i]}") for i in self.rest]
        # A short page gets the table too, unless it has one by age: checks at set times
        # ("at least every three months", "no later than 3-5 days") are a schedule.
        steps = page_plan.timeline([(it.number, self.recs[self.index[it.number]].text,
                                     it.title or f"Advice {it.number}")
                                    for it in self.main_items], who, later,
                                   self._strong_against(), self._groups()) \
            if self.plan or not table else ""
        if steps:
            blocks += ["**When things happen:** this table puts the advice below in the order "
                       "of your care. Find where you are now, then read the advice with that "
                       "number: it says who it is for and any conditions.", steps]
        for topic in self.order:
            blocks.append(f"### {topic}")
            previous = None
            for i in self.groups[topic]:
                why = _why(src[i])
                show_why = why != lifted.get(_label(self.recs[i])) and why != previous
                block = self._block(i, why if show_why else None)
                own = self.topic_of[i]
                if (self.plan is not None and own != topic and own not in _BY_DIRECTION.values()
                        and own.lower() not in block.lower()
                        and (_POINTS_BACK.match(self.recs[i].text) or not _said(own, block))):
                    # Under a heading of the reader's situation the advice keeps the
                    # guideline's topic it belongs to: its scope ("Treatments — operative"
                    # for "stop smoking"), or what "These shots" are. A block that already
                    # says its topic's words needs no line repeating a heading.
                    head, _, rest = block.partition("\n\n")
                    block = f"{head}\n\n**About:** {own}\n\n{rest}"
                blocks.append(block)
                previous = why
        return "\n\n".join(blocks)

    def _block(self, i: int, why: str | None) -> str:
        rec, out = self.guideline.recommendations[i], self.recs[i]
        n = self.number[i]
        item = self.items[n - 1]
        lines = [f"#### {n}. {item.title}" if item.title else f"#### Advice {n}"]
        if rec.context:
            context = reader_lead(tidy(self.rw.simplify(rec.context, 1)).rstrip(".:"))
            if context:
                lines.append(f"**Part of the advice:** {context}:")
        said, mixed = _marked(out.text, out.direction)
        # A line after a list is no part of its last item: Markdown would join it to it
        # ("… family and social activities If you are not maintaining …").
        lines.append(re.sub(r"(\n- [^\n]*)\n(?=[^\s-])", r"\1\n\n", said))
        for j in self.attached.get(i, []):
            head, *rest = self.recs[j].text.split("\n- ")
            lines.append("\n".join([f"- {head}", *(f"  - {r}" for r in rest)]))
        for j in self.exceptions.get(i, []):
            lines.append(f"**{self._exception_label(i, j)}:** {self.recs[j].text}")
            lines.extend(f"**Note:** {note}" for note in self.notes.get(j, []))
            lines.extend(_bullet(f"**Take care:** {c}")[2:] for c in self.cautions.get(j, []))
        lines.extend(self._involves(i))
        lines.extend(f"**Note:** {note}" for note in self.notes.get(i, []))
        lines.extend(_bullet(f"**Take care:** {c}")[2:] for c in self.cautions.get(i, []))
        # A note's number ("20-50 mg morphine equivalent daily dose") needs the same help.
        help_line = layout.number_help("\n".join([out.text, *self.notes.get(i, [])]))
        if help_line:
            lines.append(help_line)
        # The grade code ("IB") tells a reader nothing: it is printed for the care team.
        lines.append(f"**How strong:** {out.strength}")
        if mixed:
            lines.append("This is about the ways marked ✖ only. The guideline lists the others "
                         "as ways that can be used.")
        if why:
            lines.append(f"**Why:** {why}")
        return "\n\n".join(lines)

    def _involves(self, i: int) -> list[str]:
        """What a recommended programme involves, when the guideline says so right after the
        statement ("Programs commonly include a weight-loss goal, …"), as a list."""
        rec = self.guideline.recommendations[i]
        if rec.direction is not Direction.FOR:
            return []
        for sec in self.guideline.sections:
            if rec.source_text[:60] not in sec.text:
                continue
            m = re.search(r"(?:Programs|Interventions|They|These programs|It|The program)\s+"
                          r"(?:commonly |usually |often |typically )?(?:include|involve)s?\s+"
                          r"([^.]{10,300})\.", sec.text)
            if not m:
                return []
            parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?", m.group(1)) if p.strip()]
            if len(parts) < 2:
                return []
            listed = "\n".join(f"- {replace_terms(p)}" for p in parts)
            return ["**What it usually involves:**", listed]
        return []

    def _strongest(self) -> list[int]:
        """Page numbers of the advice, strongest first (in page order among equals)."""
        src = self.guideline.recommendations
        return [self.number[i] for i in sorted(self.number, key=lambda i: (_rank(src[i]),
                                                                            self.number[i]))
                if self.number[i] <= self.main_count]

    def main_advice(self) -> list[tuple[int, str]]:
        """Advice for the summary with its page number: an urgent step for the reader first,
        then the strongest advice that says what to do (not "there is not enough
        evidence")."""
        order = self._strongest()
        if self.plan is not None:
            # The line the summary would print, so that a reader's line it cannot carry
            # whole gives way to another line for the same reader.
            lines = {i: summary.first_line(joined(self.said(i)), self.number[i],
                                           self.said(i))
                     or "word " * 999 for i in self.plan.ranked}
            order = [self.number[i] for i in page_plan.summary_order(self.plan, lines)]
        ranked = [(n, joined(self.said(self.index[n]))) for n in order]
        # What the experts do advise, not "not enough evidence"; a statement about "it" or
        # "these" needs its heading and is no summary line.
        said = [(n, t) for n, t in ranked
                if self.recs[self.index[n]].direction is not Direction.INSUFFICIENT
                and not re.match(r"(?:It|This|These|They|Not)\b", t)] or ranked
        urgent = [(n, t) for n, t in said if layout.urgent(t)][:1]
        return [*urgent, *((n, t) for n, t in said if (n, t) not in urgent)]

    def said(self, i: int) -> str:
        """The advice as a summary line must carry it: its lead-in first, then the whole of
        it (exceptions and list items printed with it included)."""
        item = self.items[self.number[i] - 1]
        if not item.lead:
            return item.whole
        said = item.whole
        said = said[:1].lower() + said[1:] if re.match(r"[A-Z][a-z]", said) else said
        return f"{item.lead}:\n- {said}"

    def todo(self) -> str:
        steps = layout.checklist(self.main_items, self._strongest())
        for i in self.number:
            if self.number[i] > self.main_count:
                continue
            involves = self._involves(i)
            if involves:
                parts = [p.removeprefix("- ") for p in involves[1].split("\n")]
                # The advice's own condition first: the step is for whom the advice is for.
                cond = layout.leading_condition(joined(self.recs[i].text).split("\n")[0])
                lead = f"{cond}, before" if cond else "Before"
                # What such programs usually involve, not a test each must pass: "ask if it
                # has: …" read as four demands, and a reader turned good programs down.
                steps.append(f"{lead} you join a program, ask which of these it offers: "
                             f"{'; '.join(parts)} (see {self.number[i]}).")
        if not steps:
            return ""
        return "\n".join(["Tick each step when you have done it or talked it over.", "",
                          *(f"- \u2610 {s}" for s in steps)])

    def questions(self) -> str:
        conditional = {self.number[i] for i in self.number
                       if self.guideline.recommendations[i].strength is Strength.CONDITIONAL}
        ordered = sorted(self.main_items, key=lambda it: self._strongest().index(it.number))
        # On a long page, strong advice for a test is a step of care, not a choice.
        required = {self.number[i] for i in self.number if self.plan is not None
                    and self.guideline.recommendations[i].strength is Strength.STRONG
                    and self.guideline.recommendations[i].direction is Direction.FOR}
        own = layout.questions(ordered, conditional, required=required)
        qs = [*own,
              "What are the good points and the risks for me?",
              "What happens if I wait, or do nothing?",
              "Are there other choices I could think about?",
              "Where can I learn more?"]
        if not own:
            qs.insert(0, "Does this advice fit me and my health?")
        return "\n".join(f"- {q}" for q in qs)

    def more_advice_part(self) -> str:
        """The reader's advice a long page does not show first, every word of it, one
        numbered point each under the guideline's own topics."""
        if not self.rest:
            return ""
        return self._points(self.rest, [
            "This part gives the rest of the guideline's advice for you, in the guideline's "
            "order, with how strong each is. You can ask your care team about any of it."])

    def care_team_part(self) -> str:
        """The care system's duties (an agency reporting, a lab's samples, a payer's plan),
        every word of them: out of the reader's advice list, never out of the patient
        version."""
        if not self.care:
            return ""
        judged = any(page_plan.clinician_process(self.recs[i].text) for i in self.care)
        return self._points(self.care, [
            "This part is for health workers. It gives, in full and with how strong each is, "
            "the guideline's duties for clinics, hospitals, labs, agencies, employers and "
            "insurers" + (f", and {page_plan.CLINICIAN_KIND}" if judged else "") + ". None of "
            "them is a step the person getting care takes, asks for or goes through.",
            *self._handled_lines()], graded=True)

    def grades_part(self) -> str:
        """The grade labels of the reader's advice as the guideline printed them, by number:
        for health workers, after the disclaimer."""
        src = self.guideline.recommendations
        care = set(self.care)
        labels = {i: _grade(g) for i, r in enumerate(src) if (g := r.grade)}
        numbered = [(n, labels[i]) for i, n in self.number.items()
                    if labels.get(i) and i not in care]
        if not numbered:
            return ""
        return f"{page_plan.GRADES_LINE}\n\n{page_plan.printed_grades(numbered)}"

    def _handled_lines(self) -> list[str]:
        """The lab and hospital handling said with the reader's advice (when samples are
        taken, when results are ready, what is done with what is left), under its advice's
        number."""
        if not self.handled:
            return []
        lines = ["", "**How samples, results and stored tissue are handled (from the advice "
                 "above)**", ""]
        for i, moved in sorted(self.handled.items(), key=lambda kv: self.number.get(kv[0], 0)):
            where = f"advice {self.number[i]}" if i in self.number else "the advice"
            lines.append(f"- From {where}: {' '.join(moved)}")
        return lines

    def duties_note(self) -> str:
        """The one paragraph the reader's page gives for the duties in the part for the care
        team."""
        return page_plan.duties_note([self.recs[i].text for i in self.care])

    def _printed(self, ids: list[int]) -> list[int]:
        """The order a list of points is printed in, under the guideline's topics (each topic
        where it first comes): numbered in this order, the numbers read 16, 17, 18 … down the
        page."""
        first: dict[str, int] = {}
        for i in ids:
            first.setdefault(self.topic_of[i], i)
        return sorted(ids, key=lambda i: (first[self.topic_of[i]], i))

    def _points(self, ids: list[int], lines: list[str], graded: bool = False) -> str:
        src = self.guideline.recommendations
        topic = None
        for i in self._printed(ids):
            if self.topic_of[i] != topic:
                topic = self.topic_of[i]
                lines += ["", f"**{topic}**", ""]
            lines.append(self._point(i, src[i], graded))
        return "\n".join(lines)

    def _point(self, i: int, rec: Recommendation, graded: bool = False) -> str:
        """One piece of advice as a compact point: the sign, the advice, its exceptions,
        notes and cautions, and (for the care team) the label as printed."""
        out = self.recs[i]
        said, mixed = _marked(out.text, out.direction)
        head, *more = said.split("\n")
        shown = _grade(rec.grade) if rec.grade and graded else ""
        grade = f" (Grade: {shown})" if shown and not shown.startswith("Consensus") else ""
        # A list marked way by way says so before its first way, not after its last.
        only = " (only the ways marked ✖)" if mixed else ""
        lines = [f"- **{self.number[i]}.** {_label(out)}{only}{grade}: {head}"]
        if rec.context:
            context = tidy(self.rw.simplify(rec.context, 1)).rstrip(".:")
            if context:
                lines.append(f"  - Part of the advice: {context}")
        lines += [f"  {m}" if m.startswith("- ") else f"  - {m}" for m in more if m.strip()]
        for j in self.attached.get(i, []):
            lines += [f"  - {m.removeprefix('- ')}" for m in self.recs[j].text.split("\n")
                      if m.strip()]
        for j in self.exceptions.get(i, []):
            lines.append(f"  - {self._exception_label(i, j)}: {joined(self.recs[j].text)}")
            lines += [f"    - Note: {n}" for n in self.notes.get(j, [])]
            lines += [f"    - Take care: {_item(c)}" for c in self.cautions.get(j, [])]
        lines += [f"  - Note: {n}" for n in self.notes.get(i, [])]
        lines += [f"  - Take care: {_item(c)}" for c in self.cautions.get(i, [])]
        help_line = layout.number_help(out.text)
        if help_line:
            lines.append(f"  - {help_line}")
        return "\n".join(lines)

    def _exception_label(self, i: int, j: int) -> str:
        """"The exception" for the case allowed; "Its strict terms" for the terms after it."""
        return "Its strict terms" if j in self.also.get(i, []) else "The exception"

    def placement(self) -> dict[int, tuple[Audience, str]]:
        """Whom each recommendation is for and the heading it is printed under, on the page
        of a long guideline (a statement shown inside another block goes with it)."""
        if self.plan is None and not self.care:
            return {}
        out: dict[int, tuple[Audience, str]] = {}
        for heading in self.order:
            for i in self.groups[heading]:
                out[i] = (Audience.READER, heading)
        for i in self.rest:
            out[i] = (Audience.READER, page_plan.MORE_ADVICE)
        for i in self.care:
            out[i] = (Audience.CARE_TEAM, page_plan.CARE_TEAM_PART)
        for parent, inner in [*self.attached.items(), *self.exceptions.items()]:
            for j in inner:
                if parent in out:
                    out[j] = out[parent]
        return out


_COMMON_WORDS = frozenset({
    "with", "that", "have", "this", "from", "their", "there", "these", "those", "which",
    "should", "would", "could", "people", "patients", "persons", "women", "adults", "children",
    "disease", "treatment", "therapy", "care", "health", "risk", "use", "used", "being",
    "when", "what", "where", "other", "more", "most", "some", "such", "than", "also", "into",
    "expert", "experts", "panel", "work", "group", "guideline", "committee", "recommends",
    "recommend", "recommended", "recommendation", "recommendations",
})
_CAUTION = re.compile(r"contraindicat|should not|must not|not (?:be )?used|\bavoid|\bdo not",
                      re.IGNORECASE)


def _pairs(text: str) -> set[tuple[str, str]]:
    """Pairs of neighbouring content words ("combined hormonal"): what names a treatment."""
    said = re.findall(r"[a-z][a-z-]+", text.lower())
    return {(a, b) for a, b in itertools.pairwise(said)
            if len(a) >= 4 and len(b) >= 4 and a not in _COMMON_WORDS
            and b not in _COMMON_WORDS and _content(a) and _content(b)}


_FUNCTION_WORDS = frozenset({
    "during", "before", "after", "within", "while", "about", "because", "through", "between",
    "among", "without", "against", "under", "over", "since", "until", "including", "upon",
    "contraindicated", "contraindication", "contraindications", "considered", "consider",
})


def _content(word: str) -> bool:
    """A word that can name something ("hormonal", "varicella"), not "during" or "before"."""
    return word not in _FUNCTION_WORDS and not word.endswith("ly")


def _in_the_past(text: str, pair: tuple[str, str]) -> bool:
    """"women who have undergone bariatric surgery": the treatment is behind them, so a
    caution against having it is no caution on this advice."""
    m = re.search(rf"\b{re.escape(pair[0])}\s+{re.escape(pair[1])}", text, re.IGNORECASE)
    if m is None:
        return False
    return bool(re.search(r"\b(?:undergone|underwent|had|history of|after|following|previous"
                          r"|prior)\s+(?:\w+\s+){0,2}$", text[: m.start()], re.IGNORECASE))


def _cautioned(sentence: str) -> str:
    """What a caution is about: "a contraindication to combined hormonal contraception" is
    about that contraception, "Obstetric contraindications to aerobic exercise include:
    preterm labor; …" about exercise, not labor."""
    m = (re.search(r"contraindications? (?:to|for) (?P<x>[^,;:.]+)", sentence)
         or re.search(r"^(?P<x>[^,;:]+?) (?:is|are) (?:\w+ )?contraindicated", sentence)
         or re.search(r"^(?P<x>[^,;:]+?) (?:should|must) not be used", sentence))
    return m.group("x") if m else sentence


def _cautions(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
    """What the guideline's "Contraindications" say about a treatment a recommendation
    names, for its block: "a history of stroke is a contraindication to combined hormonal
    contraception" belongs next to the advice that combined hormonal methods may be used.
    A caution goes to a recommendation only through a pair of words at most two
    recommendations share, so that it never lands on advice about something else."""
    found = summary.section(guideline, "Contraindications")
    if not found:
        return {}
    topic = _pairs(f"{guideline.title} {summary.target(guideline)}")
    recs = [_pairs(r.source_text) - topic for r in guideline.recommendations]
    seen: dict[tuple[str, str], int] = {}
    for pairs in recs:
        for p in pairs:
            seen[p] = seen.get(p, 0) + 1
    out: dict[int, list[str]] = {}
    for line, listed in _with_sub_items(found.text):
        said_before: tuple[int, int] | None = None  # where this item's last caution went
        sents = _medicine_cautions(line) or sentences(line)
        for n, sent in enumerate(sents):
            if listed and n == len(sents) - 1 and not sent.rstrip().endswith(":"):
                # "… for workers with one or more relative contraindications." and the list
                # of them under it: a caution that names a list carries it
                sent = sent + "".join(f"\n- {x}" for x in listed)
            if said_before and _LEANS_ON_BEFORE.match(sent):
                # "Relative contraindications of these injections may include (a) …, (b) …"
                # reads with the sentence before it, never dropped for its "these"
                key, at = said_before
                more = _said_caution(sent, rw)
                if more and more not in out[key]:
                    out[key].insert(at + 1, more)
                    said_before = (key, at + 1)
                continue
            if not _CAUTION.search(sent) or re.match(r"(?:Refer|See)\b", sent):
                continue
            shared = _pairs(_cautioned(sent.split("\n")[0]))
            for i, pairs in enumerate(recs):
                src = guideline.recommendations[i].source_text
                if any(seen[p] <= 2 and not _in_the_past(src, p) for p in shared & pairs):
                    sent = re.sub(r"^For example,\s*", "", sent)
                    said = _said_caution(sent, rw)
                    if said not in out.setdefault(i, []):
                        out[i].append(said)
                        said_before = (i, len(out[i]) - 1)
                    break  # said once, at the first advice it belongs to
            else:
                # A caution no advice names ("drug diversion is a crime and …", "maternal use
                # of hydroxyurea is a contraindication to breastfeeding") is never dropped:
                # the page prints it under "Things to consider" (key UNPLACED), unless the
                # medicine it is about is one the guideline already advises against.
                if sent.rstrip().endswith(":") or re.search(
                        r"^(?:It|They|This|These|Those|Such)\b|\b(?:these|those|such|it)\b"
                        r"(?! (?:is|are) (?:because|due))",
                        sent.split("\n")[0] if _MEDICINE_CAUTIONS.match(sent) else sent):
                    continue  # a lead-in whose list is elsewhere, or words that lean on others
                meds = layout.medicines(sent)
                if meds and any(r.direction is Direction.AGAINST and all(
                        m.lower().rstrip("s") in r.source_text.lower() for m in meds)
                        for r in guideline.recommendations):
                    continue
                said = _said_caution(sent, rw)
                if said.rstrip().endswith(":") or len(words(said.split("\n")[0])) > 40:
                    # its list was not found with it (half a caution says nothing), or a
                    # review of evidence rather than a caution a reader takes in
                    continue
                if said and said not in out.setdefault(UNPLACED, []):
                    out[UNPLACED].append(said)
                    said_before = (UNPLACED, len(out[UNPLACED]) - 1)
    return out


_MEDICINE_CAUTIONS = re.compile(r"^(?P<lead>(?:Relative |Absolute )?[Cc]ontraindications? "
                                r"(?:for|to|of) [^:.;]{2,60}):\s*(?P<rest>\S.+)$", re.DOTALL)


def _medicine_cautions(line: str) -> list[str]:
    """"Contraindications for tramadol: use cautiously in …. Not recommended in those with
    prior opioid addiction. Has been associated with deaths …": every sentence after the
    label is a caution on that medicine, so they stay together as one list under it and
    none is lost for being long or for not naming the medicine again."""
    m = _MEDICINE_CAUTIONS.match(line.strip())
    if not m or "\n" in line.strip() or re.search(r"\b(?:include|includes|may|are|is)\b",
                                                   m.group("lead")):
        return []  # "Relative contraindications … may include: a, b, c" is one list already
    said = [x[:1].upper() + x[1:] for x in sentences(m.group("rest"))]
    if len(said) < 2 and len(words(m.group("rest"))) <= 40:
        return []  # one short caution reads as it is
    return [f"{m.group('lead')}:" + "".join(f"\n- {x}" for x in said)]


# A list whose subject is named only as "these …" of the sentence before it, in the same item
# of a list of contraindications ("Relative contraindications of these injections include …").
_LEANS_ON_BEFORE = re.compile(r"^[\w ]{0,40}\b(?:these|those|such)\b[^.]{0,80}\b(?:may )?"
                              r"(?:include|includes)\b", re.IGNORECASE)


def _said_caution(sent: str, rw: Rewriter) -> str:
    """A caution in plain words; a list it carries is said one item a line."""
    lead, *listed = sent.split("\n- ")
    if listed:
        lead = re.sub(r"[.:]?([\"”]?)\s*$", r"\1:", lead)
    said = say_comparators(rw.simplify(_listed_sentence(lead) or lead))
    if listed:
        said = re.sub(r":*([\"”]?):+$", r"\1:", said)  # one colon before the list
    return said + "".join(f"\n- {say_comparators(rw.simplify(x))}" for x in listed)


def _with_sub_items(text: str) -> list[tuple[str, list[str]]]:
    """The items of a list, each with the items indented under it: a caution that refers
    to a list ("one or more relative contraindications") is read with that list."""
    out: list[tuple[str, list[str]]] = []
    for raw in text.split("\n"):
        sub = re.match(r"^\s{2,}(?:[-*+]|\d+[.)])\s+(?P<x>.+)$", raw)
        if sub and out:
            out[-1][1].append(sub.group("x").strip())
            continue
        out.append((re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", raw).strip(), []))
    return out


UNPLACED = -1
"""The key of the cautions that belong to no one piece of advice."""


_NOTE = re.compile(r"^\s*(?:\*\*|__)?Note(?:\*\*|__)?\s*:(?:\*\*)?\s*(?P<note>.+)$",
                   re.DOTALL | re.IGNORECASE)


def _notes(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
    """The notes the guideline prints right after a recommendation ("Note: Abrupt
    discontinuation should be avoided …"), for its block: they change what the reader
    should do, so they are never left out."""
    out: dict[int, list[str]] = {}
    for i, rec in enumerate(guideline.recommendations):
        for sec in guideline.sections:
            at = sec.text.find(rec.source_text)
            if at < 0:
                continue
            after = sec.text[at + len(rec.source_text):]
            # "**Note**:" alone on its line, its list in the paragraph after it: the list
            # is the note ("- Risks for overdose and death significantly increase at …").
            after = re.sub(r"^(\s*(?:\*\*|__)?Note(?:\*\*|__)?\s*:(?:\*\*)?)\s*\n\s*\n"
                           r"(?=\s*[-*+]\s)", r"\1\n", after.lstrip("\n"), flags=re.IGNORECASE)
            for para in re.split(r"\n\s*\n", after):
                m = _NOTE.match(para)
                if not m:
                    break
                items = re.findall(r"^\s*[-*+]\s+(.+)$", m.group("note"), re.MULTILINE)
                if items and not re.sub(r"^\s*[-*+]\s+.+$", "", m.group("note"),
                                        flags=re.MULTILINE).strip():
                    for item in items:  # one note a list item, each said whole
                        said = rw.simplify(" ".join(item.split()))
                        if said:
                            out.setdefault(i, []).append(_item(say_comparators(said)))
                    continue
                if re.match(r"(?:See|Refer)\b", m.group("note")):
                    continue  # a pointer to another document tells the reader nothing
                said = rw.simplify(" ".join(m.group("note").split()))
                if said:
                    out.setdefault(i, []).append(_item(say_comparators(said)))
            break
    return out


# A paragraph that lists the conditions of a treatment ("Indications – Single extremity …").
_CONDITIONS_PARA = re.compile(r"^\W*(?:indications?|criteria|requirements)\s*[–—:-]",
                              re.IGNORECASE)
# A sentence that says what harm a treatment does, not what harm it spares.
_HARM_SAID = re.compile(r"\bcomplications?\b|\bside[- ]effects?\b|\badverse (?:effects?|events?"
                        r"|reactions?)\b|\bharm(?:s|ful)?\b|\b(?:can|may) cause\b|\btoxicity\b",
                        re.IGNORECASE)
# Not a harm said: one spared, an instruction ("must include a talk of the possible
# complications"), a pointer to information, or a pronoun that needs the sentence before it.
_HARM_SPARED = re.compile(r"\b(?:reduc|lower|decreas|prevent|avoid|fewer|less)|\b(?:must|should)\b"
                          r"|\binformation\b|^(?:They|It|This|These|That|Those)\b"
                          r"|\bharm (?:self|oneself|themselves|others)\b",
                          re.IGNORECASE)


# A limit on how often or how much ("These injections are usually limited to 3 injections
# per site per year"): a reader cannot tell when care goes beyond the guideline without it.
_LIMIT = re.compile(r"\b(?:limited to|no more than|not (?:to )?exceed\w*|at most|a maximum of|"
                    r"up to) \d", re.IGNORECASE)
# A risk said of the reader's care ("there is an increased risk of neonatal withdrawal").
_RISK_SAID = re.compile(r"\b(?:increased|higher|greater) risks? (?:of|for)\b", re.IGNORECASE)


def _said_after(guideline: ParsedGuideline, rw: Rewriter,
                ) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Sentences inside a paragraph of recommendations that no recommendation holds, for
    the block they belong to (notes, cautions): a harm ("Permanent neurological complications
    are common.") goes with the advice before it, and in a paragraph of indications every
    other sentence is one more condition ("… gives 90% to 100% relief …") of the indication
    it opens with. Left out, a reader meets a treatment without its harm or its conditions."""
    recs = guideline.recommendations
    notes: dict[int, list[str]] = {}
    cautions: dict[int, list[str]] = {}
    placed: set[int] = set()
    # A sentence some recommendation holds is never a note of another, even where a layout
    # (a PDF's lines, a list's markers) keeps that recommendation from being found in place.
    held = " ".join(" ".join(r.source_text.replace("*", "").split()) for r in recs)
    for sec in guideline.sections:
        last: int | None = None  # the last advice of the paragraph before
        for para in re.split(r"\n\s*\n", sec.text):
            spans = sorted((at, at + len(r.source_text), i) for i, r in enumerate(recs)
                           if i not in placed and r.source_text
                           and (at := para.find(r.source_text)) >= 0)
            if not spans:
                # A risk said in a paragraph of its own right after the advice ("For women
                # who require chronic opioid therapy during pregnancy, there is an increased
                # risk of neonatal withdrawal …") goes with the advice before it.
                bare = " ".join(para.replace("*", "").split())
                if (last is not None and _RISK_SAID.search(bare) and not _HARM_SPARED.search(bare)
                        and not bare.startswith(("#", "-", "|")) and len(sentences(bare)) == 1
                        and bare not in held and not re.match(r"(?:Note|See|Refer)\b", bare)):
                    said = _item(say_comparators(rw.simplify(bare)))
                    if said and said not in cautions.setdefault(last, []):
                        cautions[last].append(said)
                last = None
                continue
            _lead_harm(para[: spans[0][0]], spans[0][2], sec.text, recs, rw, cautions)
            _lead_evidence(para[: spans[0][0]], spans[0][2], rw, notes)
            last = max(spans)[2]
            placed.update(i for *_, i in spans)
            opener = (spans[0][2] if not para[: spans[0][0]].strip()
                      and _CONDITIONS_PARA.match(para) else None)
            for k, (_, end, i) in enumerate(spans):
                upto = spans[k + 1][0] if k + 1 < len(spans) else len(para)
                if upto < end:
                    continue  # one statement inside another
                between = para[end:upto]
                item = _NEW_ITEM.search(between)
                parts = [(between, i)]
                if item and k + 1 < len(spans):
                    # What a later list item says before its own statement ("- Calcitonin …
                    # Some patients have GI side effects … It is not recommended.") is that
                    # statement's, not the advice of the item before.
                    parts = [(between[:item.start()], i), (between[item.start():],
                                                            spans[k + 1][2])]
                for part, owner in parts:
                    _place_after(part, owner, opener, held, rw, notes, cautions)
    return notes, cautions


_NEW_ITEM = re.compile(r"\n\s*(?:[-*+]|\d+[.)])\s")
# A grave harm the guideline names ("may result in … addiction and drug overdose").
_GRAVE_HARM = re.compile(r"\b(?:may|can|could|will) (?:result in|lead to|cause)\b[^.]{0,120}"
                         r"\b(?:addiction|overdose|death)\b", re.IGNORECASE)


# What the evidence for a treatment lacks, said before the advice on it ("There are no
# randomized controlled studies for this treatment. This modality should only be employed …").
_NO_STUDIES = re.compile(r"^There (?:are|is) no (?:randomi[sz]ed |good |high-quality )?"
                         r"(?:controlled )?(?:studies|trials)\b(?![^.]*\b(?:their|they|them|"
                         r"it|its|these|those)\b)", re.IGNORECASE)


def _lead_evidence(before: str, first: int, rw: Rewriter, notes: dict[int, list[str]]) -> None:
    """That no trials back a treatment, said just before the advice on it, is a note of that
    advice: without it a limited permission reads as a proven step."""
    for sent in sentences(before):
        sent = " ".join(sent.replace("*", "").split())
        if _NO_STUDIES.match(sent):
            said = _item(say_comparators(rw.simplify(sent)))
            if said and said not in notes.setdefault(first, []):
                notes[first].append(said)


def _lead_harm(before: str, first: int, section: str, recs: list[Recommendation],
               rw: Rewriter, cautions: dict[int, list[str]]) -> None:
    """A grave harm said before the first advice of a paragraph ("… inappropriate selection
    of these patients may result in … addiction and drug overdose. A patient should have met
    the criteria …") goes with that advice and with the advice under the same heading that
    names the same medicine: without it the advice reads as free of the risk."""
    for sent in sentences(before):
        sent = " ".join(sent.replace("*", "").split())
        if not _GRAVE_HARM.search(sent):
            continue
        said = _item(say_comparators(rw.simplify(sent)))
        meds = [m.lower().rstrip("s") for m in layout.medicines(sent)]
        for i, r in enumerate(recs):
            named = meds and any(m in r.source_text.lower() for m in meds)
            if said and r.source_text and r.source_text in section and (named or i == first) \
                    and said not in cautions.setdefault(i, []):
                cautions[i].append(said)


def _place_after(text: str, i: int, opener: int | None, held: str, rw: Rewriter,
                 notes: dict[int, list[str]], cautions: dict[int, list[str]]) -> None:
    """The notes and cautions in ``text``, said after (or in the list item of) advice ``i``."""
    for sent in sentences(text):
        sent = " ".join(sent.replace("*", "").split())
        if (len(words(sent)) < 3 or re.match(r"(?:Note|See|Refer)\b", sent)
                or "original guideline" in sent.lower() or sent in held):
            continue
        harm = bool(_HARM_SAID.search(sent)) and not _HARM_SPARED.search(sent)
        into, at = ((cautions, i) if harm else (notes, opener)
                    if opener is not None else (notes, i) if _LIMIT.search(sent)
                    else (None, None))
        if into is None or at is None:
            continue
        said = _item(say_comparators(rw.simplify(sent)))
        if said and said not in into.setdefault(at, []):
            into[at].append(said)


_EXCEPTION_SAID = re.compile(r"\bonly (?:in|when|if|for)\b|\bin (?:very )?rare\b|\bexception"
                             r"|\bexcept\b|\bhowever\b|\bin (?:selected|some) cases\b",
                             re.IGNORECASE)
# A permission only excepts a rule against something that holds as a rule ("is not usually
# recommended"); after a rule with a condition ("should not be done if the proximal limb is
# involved") "may be considered for …" is one more indication, not its exception.
_MAY = re.compile(r"\bmay be (?:an option|considered|used|appropriate|indicated)\b",
                  re.IGNORECASE)
_AS_A_RULE = re.compile(r"\bnot (?:usually|generally|routinely|typically|normally)\b"
                        r"|\b(?:usually|generally|routinely|typically|normally) (?:\*+)?not\b",
                        re.IGNORECASE)


def _excepts(against: str, allowed: str) -> bool:
    return bool(_EXCEPTION_SAID.search(allowed)
                or (_MAY.search(allowed) and _AS_A_RULE.search(against)))


def _exceptions(src: list[Recommendation], recs: list[PvgRecommendation],
                heads: list[str | None], process: list[int],
                inside: set[int]) -> dict[int, list[int]]:
    """Cases the guideline allows right after advising against something ("Intrathecal
    drug delivery is not usually recommended." then "It may be an option only in very rare
    occasions …") are shown in the block that advises against it, as its exception: a
    block of their own with "✔ Advice for" next to "Not advised" reads as a contradiction."""
    out: dict[int, list[int]] = {}
    for i, rec in enumerate(src):
        if rec.direction is not Direction.AGAINST or i in process or i in inside:
            continue
        for j in range(i + 1, len(src)):
            if (j in process or j in inside or heads[j] != heads[i]
                    or src[j].direction is not Direction.FOR
                    or not _excepts(src[i].text, recs[j].text)):
                break
            out.setdefault(i, []).append(j)
    return out


# An exception that is allowed only on terms the guideline gives next ("… and who meet the
# strict indications").
_ON_TERMS = re.compile(r"\b(?:meet|meets|fulfil|fulfill|satisfy)\b[^.]{0,20}\b(?:indications|"
                       r"criteria|requirements)\b", re.IGNORECASE)


def _strict_terms(src: list[Recommendation], heads: list[str | None], process: list[int],
                  inside: set[int], exceptions: dict[int, list[int]]) -> dict[int, list[int]]:
    """The terms an exception points to ("may be considered for patients … who meet the
    strict indications", then the indications, a case where it is never done and one more
    case) stay in the block that advises against it: shown as advice of their own, each
    reads as a ✔ for the whole procedure."""
    out: dict[int, list[int]] = {}
    for i, js in exceptions.items():
        on = next((p for p, j in enumerate(js) if _ON_TERMS.search(src[j].source_text)), None)
        if on is None:
            continue
        out[i] = js[on + 1:]  # what came after the case allowed is its terms
        del js[on + 1:]
        for k in range(js[-1] + len(out[i]) + 1, len(src)):
            if k in process or k in inside or heads[k] != heads[i]:
                break
            out[i].append(k)
    return {i: ks for i, ks in out.items() if ks}


def _attached(src: list[Recommendation], recs: list[PvgRecommendation], heads: list[str | None],
              process: list[int]) -> dict[int, list[int]]:
    """A lead-in whose list the guideline printed as statements of their own ("Counsel women
    … about the following:" then three statements) keeps its list: the statements after it,
    under the same heading and with no grade of their own, are shown inside its block."""
    out: dict[int, list[int]] = {}
    for i, out_rec in enumerate(recs):
        if i in process or "\n- " in out_rec.text or not out_rec.text.rstrip().endswith(":"):
            continue
        items = []
        for j in range(i + 1, len(src)):
            if (j in process or heads[j] != heads[i] or src[j].grade
                    or src[j].strength is not Strength.UNGRADED):
                break
            items.append(j)
        if items:
            out[i] = items
    return out


_HOW_OFTEN = re.compile(r"\b(?:every year|each year|yearly|annually|routine|routinely|every \w+"
                        r" years?)\s*", re.IGNORECASE)


def _told_apart(items: list[Item]) -> list[Item]:
    """Blocks about the same thing for different people ("Screening every year with
    transcranial Doppler" and "Not advised: screening with transcranial Doppler") say in
    their titles whom each is for, so that scanning the headings never reads as a
    contradiction."""
    keys: dict[str, list[int]] = {}
    for k, it in enumerate(items):
        if it.title:
            key = " ".join(_HOW_OFTEN.sub("", layout.base_title(it.title)).lower().split())
            keys.setdefault(key, []).append(k)
    out = list(items)
    for same in keys.values():
        if len(same) < 2:
            continue
        titles = [out[k].title or "" for k in same]
        if len(set(titles)) == len(titles) and all(
                re.search(r"^(?:Age|From age|Up to age|At age|Under age)\b|\((?:age|from|up to"
                          r"|under)\b", t) for t in titles):
            continue  # the ages in the titles already tell them apart
        for k in same:
            m = re.match(r"^(?:If|When) (?P<who>[^:\n]{3,90}?)(?::\n|, )", out[k].text)
            if m and len(m.group("who").split()) <= 12 and out[k].title:
                out[k] = dataclasses.replace(out[k], title=f"{out[k].title} (if {m.group('who')})")
    return out


def _topic_title(topic: str, out: PvgRecommendation) -> str | None:
    """A statement about "it" or "these" is about its section's subject: that is its
    title ("It is not advised." under "Epidural infusions")."""
    if topic in _BY_DIRECTION.values() or not re.match(
            r"(?:It|This|These|They|Not|The treatment|The procedure)\b", out.text):
        return None
    if out.direction is Direction.AGAINST:
        return f"Not advised: {topic[:1].lower()}{topic[1:]}"
    if out.direction is Direction.INSUFFICIENT:
        return f"Not sure yet: {topic[:1].lower()}{topic[1:]}"
    return topic


def _symbol(out: PvgRecommendation) -> str:
    return out.strength.split(" ", 1)[0]


def _short_strength(out: PvgRecommendation) -> str:
    return _label(out)


def _grade(grade: str) -> str:
    """The label as the guideline printed it ("Strong Recommendation, Moderate-Quality
    Evidence"): a reader who checks it against the guideline finds the same words. Only the
    review notes after a semicolon ("Strong For; Reviewed, New-replaced") and the word
    "Category" before a CDC label ("Category IB") are left out."""
    said = re.sub(r"^Category\s+", "", " ".join(grade.split(";")[0].split())).strip(" .")
    return re.sub(r"(?<=^[A-DI]) (?:recommendation|statement)$", "", said)


def _consider(guideline: ParsedGuideline, rw: Rewriter, cautions: list[str] | None = None,
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


# Lab and hospital handling inside advice for the reader: no step the reader takes or goes
# through, so it is said in the part for the care team.
_HANDLING = re.compile(r"^(?:(?:Donor |The )?(?:blood )?samples? should be (?:gotten|collected"
                       r"|drawn|obtained) before\b|[\w/ -]{0,40}\btest results should be made "
                       r"available before\b|After [^.]{3,60}, any remaining [^.]{3,60} should be "
                       r"disposed of\b)", re.IGNORECASE)


def _handling(text: str) -> tuple[str, list[str]]:
    """The advice without its sentences of pure handling, and those sentences (with a "The
    aim is …" sentence that gives their reason). List items are left as they are."""
    lines: list[str] = []
    moved: list[str] = []
    for line in text.split("\n"):
        if line.startswith("- "):
            lines.append(line)
            continue
        kept: list[str] = []
        last = False
        for sent in re.split(r"(?<=\.)\s+(?=[A-Z])", line):
            last = bool(_HANDLING.match(sent) or (last and sent.startswith("The aim is ")))
            (moved if last else kept).append(sent)
        if kept:
            lines.append(" ".join(kept))
    if not moved or not any(line.strip() for line in lines):
        return text, []
    return "\n".join(lines), moved


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


def _bullet(text: str) -> str:
    """A bullet; a long list keeps its items as a list under it."""
    head, *items = text.split("\n- ")
    if len(items) < 4:
        return f"- {_item(text)}"
    return "\n".join([f"- {head}", *(f"  - {i.rstrip('.;')}" for i in items)])


_LISTED = re.compile(r"^(?P<lead>[^;:]{3,120}?\b(?:include|includes|are|is)):?\s+(?P<rest>.+;.+)$")
_ITEMS_MIN = 3


def _listed_sentence(sent: str) -> str | None:
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
            sent = _STUDY_FRAME.sub(_what_was_found, sent)
            listed = _listed_sentence(sent)
            if listed:
                out.append(listed)
            elif (3 <= len(words(sent)) <= max_words and not sent.lower().startswith("note")
                    and not sent.rstrip().endswith(":")):
                # "X also were helpful …" after a sentence left out: "also" points at nothing.
                out.append(re.sub(r"^([^,.;]{3,60}?) also (?=\w)", r"\1 ", sent)
                           if skipped else sent)
            else:
                skipped = True
                continue
            skipped = False
            if len(out) >= limit:
                return out
    return out


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
