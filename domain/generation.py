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
import re
from typing import Protocol

from domain import evidence_found, glossary, layout, lists, overview, page_plan, summary
from domain.attachments import UNPLACED, benefit_sizes, harm_sizes, unlikely_to_benefit
from domain.attachments import attached as _attached
from domain.attachments import cautions as _cautions
from domain.attachments import exceptions as _exceptions
from domain.attachments import notes as _notes
from domain.attachments import said_after as _said_after
from domain.attachments import strict_terms as _strict_terms
from domain.chinese import DISCLAIMER_ZH, generate_chinese
from domain.considerations import consider as _consider
from domain.considerations import scarcity as _scarcity
from domain.layout import Item
from domain.legend import label as _label
from domain.legend import legend as _legend
from domain.legend import point_label
from domain.legend import why as _why
from domain.lists import bullet as _bullet
from domain.lists import item as _item
from domain.lists import split_sentences
from domain.model import (
    Audience,
    Direction,
    GlossaryEntry,
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
from domain.patterns import compiled
from domain.plain import (
    CONDITION_LAST,
    Rewriter,
    finish,
    is_clause,
    reader_lead,
    replace_terms,
    tidy,
)
from domain.readability import is_dictionary_word, score
from domain.reader import AUDIENCE, audience, is_process, patient_to_you
from domain.strength_words import strength_of, strength_wording, strength_wording_zh
from domain.voice import condition_lead, given_at_home, joined, names_medicine, you_throughout

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_ZH",
    "REQUIRED_SECTIONS",
    "LongPage",
    "OfflineProvider",
    "PvgProvider",
    "Rewriter",
    "found_helpful",
    "long_page",
    "reader_rewriter",
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


LONG_AGAINST = 6
"""Points against under one topic past which a compact page splits them by kind."""
# Where a way's name ends and what it is for begins: "slow but progressive taper – 10% of
# total dose a week", "conversion to … (buprenorphine/naloxone) to enable a more stable taper"
_WAY_END = compiled(r"\s+[–-]\s|,?\s+(?:to enable|so that|in order to|which)\b")
_KIND_NAME = {"medicines": "medicines", "other": "other treatments"}
# "… not advised, other than buprenorphine": an exception named by one word
_OTHER_THAN = compiled(r"\bother than (?P<name>[a-z][\w-]{3,})\b")
# "for most people with long-term pain", up to its reason
_MOST_PEOPLE = compiled(r"\bfor (?:most|many) (?:people|patients)[^.;(]*?"
                        r"(?=\s+(?:due to|because|since|as)\b|[.;(]|$)")


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
            pvg = self._generate(guideline)
            if ungraded_advice(guideline) and reader_words(pvg) > COMPACT_OVER:
                pvg = self._generate(guideline, compact=True)
            return pvg
        finally:
            AUDIENCE.reset(token)

    def _generate(self, guideline: ParsedGuideline, compact: bool = False) -> PatientVersion:
        rw = reader_rewriter(guideline)
        recs = self._recommendations(guideline, rw)
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
        page = _Page(guideline, recs, rw, whole, compact=compact)
        for i in [i for i in handled if i in page.care]:
            # advice printed whole in the part for the care team keeps its handling in place
            recs[i] = recs[i].model_copy(update={"text": whole[i]})
            del handled[i]
        page.handled = handled
        topics = [(t, [page.number[i] for i in page.groups[t]]) for t in page.order]
        sections = [PvgSection(heading=ABOUT, body=_about(guideline, who, recs, rw, topics)),
                    PvgSection(heading=KEY, body=page.key())]
        todo = page.todo()
        if todo:
            sections.append(PvgSection(heading=TODO, body=todo))
        helps = found_helpful(guideline, rw, recs, who)
        if helps:
            sections.append(PvgSection(heading=evidence_found.HEADING, body=helps))
        harms = found_harmful(guideline, rw, short=page.has_overview(), brief=page.compact())
        if harms:
            sections.append(PvgSection(heading=evidence_found.HARM_HEADING, body=harms))
        unplaced = page.cautions.pop(UNPLACED, [])
        page.considered = unplaced
        scope = summary.scope_cautions(guideline, rw)
        sections += [
            PvgSection(heading=CONSIDER, body=_consider(guideline, rw, [*unplaced, *scope])),
            PvgSection(heading=QUESTIONS, body=page.questions()),
        ]
        sections[1], more = page.with_duties_note(sections[1], page.more_advice_part())
        _place_more(sections, more, page.has_overview())
        title = _plain_title(guideline.title, _body(guideline))
        main = page.main_advice()
        summary_text = summary.summary(who, _topic(title), [t for _, t in main],
                                       [n for n, _ in main],
                                       [page.said(page.index[n]) for n, _ in main],
                                       {page.number[i]: r.text for i, r in enumerate(recs)
                                        if i in page.number})
        kept_on = layout.not_stopped_suddenly(page.main_items)
        if kept_on:
            summary_text = summary.not_stopped_suddenly(summary_text, *kept_on)
        care_team = page.care_team_part()
        full = page.more_advice_full()
        paperwork = page.paperwork_part()
        if paperwork and full:
            full += f"\n\n{paperwork}"
        grades_part = page.grades_part()
        if care_team and grades_part:
            care_team += f"\n\n{grades_part}"
        unnamed = _unnamed_cautions(unplaced, "\n".join(
            [summary_text, *(s.body for s in sections if s.heading != CONSIDER)]))
        harms_full = (found_harmful(guideline, rw, full=True, brief=page.compact())
                      if harms and full else "")
        if harms_full and page.has_overview():
            full += f"\n\n{harms_full}"
        # A caution on a medicine the reader's part never names stays before the disclaimer
        # (a reader offered it must meet it), led by a line saying whom it is for, since no
        # advice there names the medicine; a caution to prescribers asks the reader to tell.
        told = [_offered(c) if c in unnamed else _tell_prescriber(c) for c in unplaced]
        if told != unplaced:
            sections = [PvgSection(heading=CONSIDER, body=_consider(guideline, rw, told + scope))
                        if s.heading == CONSIDER else s for s in sections]
        seen = "\n".join([summary_text, *(s.body for s in sections), full, care_team,
                          *(r.text for r in recs)])
        grades = frozenset(g for r in guideline.recommendations for g in _grade_tokens(r.grade))
        terms = glossary.build(seen, rw.acronyms, grades)
        shown = terms
        if care_team or full:
            shown, full, care_team = _word_lists(terms, rw, grades, summary_text, sections,
                                                 full, care_team, page.compact())
        said: list[GlossaryEntry] = []
        if shown:
            # Not in the summary: it stays a short overview, and its words come again below.
            bodies, said = glossary.explain_where_used([s.body for s in sections], shown,
                                                       rw.acronyms, grades)
            sections = [s.model_copy(update={"body": b})
                        for s, b in zip(sections, bodies, strict=True)]
            sections = _words_pointed_to(sections, rest=len(said) < len(shown))
        sections.append(PvgSection(heading=WORDS, body=glossary.render_rest(shown, said)))
        sections.append(PvgSection(heading=NOTE, body=DISCLAIMER))
        sections += _after_disclaimer(full, care_team, grades_part)
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

    @classmethod
    def _recommendations(cls, guideline: ParsedGuideline,
                         rw: Rewriter) -> list[PvgRecommendation]:
        recs = []
        for rec in guideline.recommendations:
            # Pure process reads action first: no reader decides whether it applies.
            token = CONDITION_LAST.set(is_process(rec.source_text))
            try:
                recs.append(cls._recommendation(rw, _dose_named(guideline, rec),
                                                _paragraph_subject(guideline, rec)))
            finally:
                CONDITION_LAST.reset(token)
        return recs

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
        text = compiled(r"^Also,\s+(\w)").sub(lambda m: m.group(1).upper(), text)
        text = _second_action(_who_goes_on(text))
        return PvgRecommendation(
            id=rec.id,
            text=you_throughout(condition_lead(given_at_home(say_comparators(text)))),
            strength=strength_of(rec.source_text, rec.direction, rec.strength),
            direction=rec.direction,
            source_text=rec.source_text,
            grade=rec.grade,
            strength_level=rec.strength,
        )


_FIRST_ACTOR = re.compile(r"^(?P<who>Your care team|You) should\b")


def _who_goes_on(text: str) -> str:
    """"Your care team should choose … And make the right steps to:": the second half
    says who acts, as the first does ("Your care team should also make …")."""
    m = _FIRST_ACTOR.match(text)
    if not m:
        return text

    def said(g: re.Match[str]) -> str:
        from domain.reader import is_imperative

        verb = g.group("verb")
        if not is_imperative(f"{verb[:1].upper()}{verb[1:]} it."):
            return g.group(0)
        return f"{g.group('end')}{m.group('who')} should also {verb}"

    return compiled(r"(?P<end>[.!?] )And (?P<verb>[a-z]+)\b").sub(said, text)


_TWO_ACTIONS = re.compile(r"^(?P<who>Your care team|You) (?P<modal>should|must|may|can) "
                          r"(?P<first>[^;:()\n]{25,}?), and (?P<verb>[a-z]+) "
                          r"(?P<rest>[^\n]{15,})$")


def _second_action(text: str) -> str:
    """"Your care team should screen you … by calculating body mass index, and document it
    in the medical record.": two things done, two sentences ("… Your care team should also
    document …"), each short enough to read at once. A series of actions ("check A, treat
    B, and refer C") stays one sentence."""
    from domain.reader import is_imperative

    out = []
    for line in text.split("\n"):
        if "Your care team " not in line and "You " not in line:
            out.append(line)
            continue
        said, changed = [], False
        for sentence in split_sentences(line):
            m = _TWO_ACTIONS.match(sentence)
            if m and is_imperative(f"{m.group('verb').capitalize()} {m.group('rest')}") \
                    and not compiled(r"\b(?:either|both|between)\b").search(m.group("first")) \
                    and not any(is_imperative(f"{c.group(1).capitalize()} it.") for c in compiled(
                        r",\s+(?:or\s+)?([a-z]+)\b").finditer(m.group("first"))):
                said.append(f"{m.group('who')} {m.group('modal')} {m.group('first')}. "
                            f"{m.group('who')} {m.group('modal')} also {m.group('verb')} "
                            f"{m.group('rest')}")
                changed = True
            else:
                said.append(sentence)
        out.append(" ".join(said) if changed else line)
    return "\n".join(out)


_HOW_READ = "Each item says what the experts advise. It also says how sure they are."
_ONE_SIGN = "Each piece of advice below is"
"""Leads the one line that says the sign of every block shown first on a compact page."""
# Said once, in the legend, on a page whose advice is all ungraded: "how sure they are"
# above it is then the sign alone.
_NOT_GRADED = ("But this guideline does not grade its advice, so the sign says only if the "
               "experts advise for or against it.")
_UNGRADED_SAID = {strength_wording(Direction.FOR, Strength.UNGRADED),
                  strength_wording(Direction.AGAINST, Strength.UNGRADED)}
# The short name a consensus line keeps under a block once the legend has explained its
# sign: by the line's last sentences, which an option's line ends in too. A plain ungraded
# line keeps its short everyday sentences: cut, they leave a long page harder to read.
_SHORT_NAME = {strength_wording(Direction.FOR, Strength.CONSENSUS).partition(". ")[2]:
               "It is the experts' shared view."}


def _words_pointed_to(sections: list[PvgSection], rest: bool = True) -> list[PvgSection]:
    """Before the first advice, where the page's medical words are explained: a word list
    at the end that nothing points to is not found when the word is met. The list holds
    only the words not explained where they are used, so it is named only when it has any."""
    said = ' Medical words are explained where they are first used.'
    if rest:
        said += f' "{WORDS}", near the end, lists the others.'
    lead = compiled(rf"{re.escape(_HOW_READ)}|{re.escape(_ONE_SIGN)}[^\n]*?advise\.")
    return [PvgSection(heading=s.heading, body=lead.sub(lambda m: m.group(0) + said, s.body, 1))
            if s.heading == KEY else s for s in sections]


def _word_lists(terms: list[GlossaryEntry], rw: Rewriter, grades: frozenset[str],
                summary_text: str, sections: list[PvgSection], full: str, care_team: str,
                compact: bool = False) -> tuple[list[GlossaryEntry], str, str]:
    """"Words to know" lists the words of the reader's part only; a word met first after the
    disclaimer is explained in the part it is met in, so that the reader's list stays short
    and nothing of the version's glossary is lost. On a compact page the name of a thing
    not advised, in its one line, is no word the reader must learn ("✖ Ketamine"): it is
    explained after the disclaimer, where the advice is in full; when it may still be done
    is explained where it is said."""
    said = [s.body for s in sections]
    if compact:
        said = [_AGAINST_LINE.sub("", body) for body in said]
    shown = glossary.build("\n".join([summary_text, *said]), rw.acronyms, grades)
    listed = {e.term for e in shown}
    own: list[list[GlossaryEntry]] = []
    for part in (full, care_team):
        found = {e.term for e in glossary.build(part, rw.acronyms, grades)} if part else set()
        own.append([t for t in terms if t.term not in listed and t.term in found])
        listed |= {t.term for t in own[-1]}
    # A word of the advice that no printed part names still gets its entry, in the last part.
    own[1 if care_team else 0] += [t for t in terms if t.term not in listed]
    full, care_team = (f"{part}\n\n{page_plan.CARE_TEAM_WORDS}\n\n{glossary.render(words)}"
                       if part and words else part
                       for part, words in zip((full, care_team), own, strict=True))
    return shown, full, care_team


_NOT_ADVISED = re.compile(r"\bnot (?:usually |generally )?(?:advised|recommended)\b",
                          re.IGNORECASE)
_AGAINST_LINE = re.compile(r"^- \*\*\d+\.\*\* \u2716 (?:Advice against|Not usually needed"
                           r"|Not advised)[^:\n]*: [^\n]*$", re.MULTILINE)
"""A compact page's one line against (its sub-lines, when it may still be done, excluded)."""


_MADE_AVAILABLE = re.compile(r"(?:\b(?P<kind>Ab|Ag)(?:(?: or |/)(?:Ag/Ab|Ab|Ag|antigen/antibody))?"
                             r" test )?\bresults "
                             r"should be made available (?P<when>(?:before|prior to) "
                             r"(?:the )?[a-z]+)\.")


def _results_ready(moved: list[str]) -> str | None:
    """What the reader can expect of handling that moved to the care team: "test results
    should be made available before transplant" is when the results are ready."""
    for sent in moved:
        m = _MADE_AVAILABLE.search(sent)
        if m:
            whose = "The donor's" if compiled(r"Donor\b").match(moved[0]) else "The"
            when = compiled(r"^prior to").sub("before", m.group("when"))
            when = compiled(r"^before (?!the )").sub("before the ", when)
            # "Ab test results … before transplantation": only the antibody results must be;
            # others (a nucleic acid test) may come later, so the kind is said.
            kind = {"Ab": "antibody ", "Ag": "antigen "}.get(m.group("kind") or "", "")
            named = m.group(0).split(" test ")[0]
            if kind and "/" in named and " or " not in named:  # "Ab/Ag": both; "Ab or Ag/Ab"
                kind = "antibody and antigen "
            return f"{whose} {kind}test results should be ready {when}."
    return None


_WORKS_BETTER = re.compile(r"(?<![^.\s])\s*(?:Higher|Greater|More)[- ](?:intensity|intensive)\s+"
                           r"(?:programs|interventions)\s+(?:lead|led|are|were|result)[^.]{5,200}\.")


# "These programs are effective across a range of counseling intensities, …": the source's
# own word that a lower intensity works too.
_ACROSS_RANGE = re.compile(r"(?<![^.\s])\s*[A-Z][^.]{0,80}\b(?:effective|work|seen)\b[^.]{0,40}"
                           r"\bacross (?:a|the) (?:wide )?range of [^.]{0,40}\bintensit[^.]*\.")


_PRIOR_APPROVAL = re.compile(r"\b(?:requires?|needs?|with|after) (?:a )?prior authori[sz]ation\b",
                             re.IGNORECASE)


def works_better(text: str, start: int) -> str | None:
    """Which programme works better, said after ``start`` ("Higher-intensity programs lead to
    greater weight loss"), with the source's word that the programmes work across a range of
    intensities when it says so: alone, it reads as "a lighter one is not worth it"."""
    better = _WORKS_BETTER.search(text, start)
    if not better:
        return None
    across = _ACROSS_RANGE.search(text)
    said = better.group(0).strip()
    if not across:
        return said
    # "across a range of counseling intensities, settings, and implementers": the range said
    # as what a reader sees of a programme.
    whole = compiled(r"\bacross (?:a|the) (?:wide )?range of (?:counseling |program )?"
                     r"intensities, settings, and implementers\b").sub(
        "whether they offer few or many sessions, wherever they are held, and whoever runs "
        "them", across.group(0).strip())
    return f"{whole} {said}"


def _row_title(title: str | None, topic: str | None) -> str | None:
    """A table row's name for its advice: the guideline's topic when the block's title only
    says "this type of treatment"."""
    if title and topic and compiled(r"\bthis (?:type of )?(?:treatment|modality)\b").search(title):
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


# A clinician's records: what a visit "should document", never a step of the reader's.
_PAPERWORK = re.compile(r"\b(?:should|must|will|shall) (?:be )?document(?:ed)?\b", re.IGNORECASE)
_EXAMPLES = re.compile(r"(?:Examples|These) include\b")
_JUDGED_ON = re.compile(r"\bdocument(?:ed)? (?:your|the person's|the patient's) ability to "
                        r"(?P<what>[^.]+)", re.IGNORECASE)
"""A record of what the reader can do: on a compact page, the check the reader meets."""
_PAPERWORK_HEAD = "in full, with what the care team records"

AGAINST_REASON_WORDS = 12
_LEANS_ON_TOPIC = re.compile(r"(?:So|Thus|Therefore|Similarly|But|However|Also|These|This|It"
                             r"|They|Such)\b")
"""A point against under the overview gives its reason in at most this many words."""
_REASON = re.compile(r"\b(?:due to|because|since|as a result of)\b", re.IGNORECASE)


def _short_list(items: list[str], most: int) -> str:
    """Listed things joined on one line, as many as fit in ``most`` words ("bleeding,
    infection, pneumothorax and more")."""
    said = [re.sub(r"[.;,]$|,?\s+(?:and|or)$", "", " ".join(i.split())) for i in items]
    kept: list[str] = []
    for item in said:
        if kept and sum(len(k.split()) for k in [*kept, item]) > most:
            return ", ".join(kept) + " and more."
        kept.append(item)
    return (", ".join(kept[:-1]) + " and " + kept[-1] if len(kept) > 1 else kept[0]) + "."


def _caution_lines(caution: str, indent: str) -> list[str]:
    """A caution in the list of further advice; one that lists four or more things ("Medical
    reasons against it include: joint instability; broken bones; …") keeps them as a list
    under it, as a block does, not one long line of semicolons."""
    head, *items = caution.split("\n- ")
    if len(items) < 4:
        return [f"{indent}- Take care: {_item(caution)}"]
    # One a line, the source's "(a)" marks and the "and" that joined the last item go.
    said = [compiled(r",?\s+(?:and|or)$|^\(?[a-z]\)\s+").sub("", i.strip().rstrip(".;")).strip()
            for i in items]
    return [f"{indent}- Take care: {head.rstrip()}", *(f"{indent}  - {i}" for i in said)]


def _staff_said_to_you(text: str) -> str:
    """A point of the other advice on a page whose reader is the health worker: said to
    "you" where the health workers are its condition or its subject (a group named inside
    the sentence keeps its name: "provide training to health workers")."""
    if "health worker" not in AUDIENCE.get():
        return text
    return "\n".join(summary.staff_said_to_you(line) for line in text.split("\n"))


def _staff_as_you(text: str) -> str:
    """Advice on a page whose reader is the health worker says "you", as its summary does:
    "For exposed health workers …" is "If you are exposed …", line by line."""
    if "health worker" not in AUDIENCE.get():
        return text
    return "\n".join(summary.staff_as_you(line) for line in text.split("\n"))


_WHICH_DOSE = re.compile(r"^(?P<lead>The (?:first|second|third|fourth|last|final|next) dose)"
                         r"(?! of\b)(?=\s)")
_DOSES_OF = re.compile(r"\b(?:\d+|one|two|three|four|five|six)\s+(?:more\s+|additional\s+"
                       r"|extra\s+)?doses\s+of\s+(?P<what>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)"
                       r"{0,3}?)(?=\s*[.,;]|\s+(?:and|or|followed|administered|given|at|in"
                       r"|within|by|after|before|as)\b)")


def _dose_named(guideline: ParsedGuideline, rec: Recommendation) -> Recommendation:
    """"The first dose should be given as soon as possible …" says of what, when the
    sentence before it in its paragraph names the doses ("… should receive 2 doses of
    HBIG."): shown apart from that sentence, "the first dose" is of nothing. When that
    sentence gives the doses only on a condition ("If the source patient is HBsAg-positive
    …, the HCP should receive 2 doses"), the condition comes along: without it the page
    would tell every exposed reader to get a dose."""
    m = _WHICH_DOSE.match(rec.text)
    if not m:
        return rec
    for sec in guideline.sections:
        at = sec.text.find(rec.source_text)
        if at < 0:
            continue
        before = sec.text[max(sec.text.rfind("\n\n", 0, at), 0): at]
        named = list(_DOSES_OF.finditer(before))
        if not named:
            return rec
        text = f"{m.group('lead')} of {named[-1].group('what')}{rec.text[m.end():]}"
        naming = [x for x in re.split(r"(?<=[.!?])\s+(?=[A-Z])", before.strip())
                  if _DOSES_OF.search(x)][-1]
        condition = layout.leading_condition(naming)
        if condition:  # "If the source is positive, … 2 doses of HBIG.": only for them
            text = f"{condition}, {text[0].lower()}{text[1:]}"
        return rec.model_copy(update={"text": text})
    return rec


def _paragraph_subject(guideline: ParsedGuideline, rec: Recommendation) -> str | None:
    """What a statement that starts "It is not recommended." is about, when the line it
    ends names it first ("Calcitonin is not approved by the FDA for use with CRPS. …
    It is not recommended."): the pronoun then gets that name, not the section heading."""
    if not compiled(r"(?:It|They|These|This)\b").match(rec.source_text):
        return None
    for sec in guideline.sections:
        at = sec.text.find(rec.source_text)
        if at < 0:
            continue
        line = sec.text[sec.text.rfind("\n", 0, at) + 1: at]
        line = compiled(r"^\s*(?:[-*+]|\d+[.)])\s+").sub("", line).replace("*", "").strip()
        m = _SUBJECT.match(line)
        if not m or compiled(r"(?:It|They|These|This|The|That|Those|There|Here)\b").match(
                             m.group("subject")):
            return None  # "This procedure is …", "There is some evidence …": the heading names it
        return m.group("subject")
    return None


_ITEM_LINE = re.compile(r"^[ \t]*(?:[-*+\u2022\u25e6]|\d{1,2}[a-z]?[.)]|[a-z][.)]|[ivx]{1,4}[.)])"
                        r"[ \t]+(?=\S)", re.MULTILINE)
_ITEM_MARK = re.compile(r"^(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s+")
_ITEM_TAIL = re.compile(r"(?:[,;]?\s+(?:and|or)|[,;.]?\s+(?:AND|OR)|[,;])\s*$"
                        r"|\s+(?:[ivx]{1,4}|[a-z])\.$")


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
    lines = [rec.source_text[m.end():].split("\n", 1)[0] for m in marks]
    if _plain_lettered(marks, lines):
        lines = [_ITEM_MARK.sub("", line, count=1) for line in lines]
    starts: list[int] = []
    at = 0
    for line in lines:
        found = -1
        # The parse drops an item's letter ("- k. Association …" -> "Association …") even
        # where the items are not one flat list: the line is looked for with it, then without.
        for said in dict.fromkeys((line, _ITEM_MARK.sub("", line, count=1))):
            probe = " ".join(compiled(r"\\(?=\S)|\*+").sub("", said).split()[:5])
            found = text.find(probe, at) if len(probe) >= 3 else -1
            if found >= 0:
                break
        if found < 0:
            return text
        starts.append(found)
        at = found + len(probe)
    head = _bare_item(text[: starts[0]])
    items = [_bare_item(text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)],
                                                   strict=True)]
    if not head or sum(bool(i) for i in items) < 2:
        return text
    if compiled(r"[\w)]$").search(head):
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


def _plain_lettered(marks: list[re.Match[str]], lines: list[str]) -> bool:
    """Lettered items under bullets ("- a. Angiotensin-converting-enzyme …", "- b. …") that
    are one flat list of single statements: their letters are no part of the text. Items
    nested or holding several sentences are left to the statement's own splitting."""
    indents = {len(m.group(0)) - len(m.group(0).lstrip()) for m in marks}
    return (len(indents) == 1 and all(_ITEM_MARK.match(line) for line in lines)
            and not any(compiled(r"[.:;]\s+\S").search(_ITEM_MARK.sub("", line, count=1))
                        for line in lines))


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
            and bool(compiled(r"\binsufficient (?:evidence|data)\b", re.IGNORECASE).search(source)))


_BRACKET_VERDICT = re.compile(r"(?P<head>[A-Z][^()]{2,80}?) \((?P<own>[a-z][^()]{2,60}? )?"
                              r"(?P<verdict>not (?:generally |usually )?recommended[^()]{0,80})"
                              r"\)\.?$")


def _as_statement(text: str, direction: Direction | None) -> str:
    """A statement printed as a bare list item ("Telecommunications (phone, web based)")
    says what its grade says about it: "Experts advise telecommunications …", "There is not
    enough evidence about …". Its direction is the label's, so nothing is added."""
    head = text.split("\n")[0].strip()
    if not head or not _fragment(head):
        return text
    verdict = _BRACKET_VERDICT.match(head)
    if verdict and direction is Direction.AGAINST:
        # "Oral steroids (not generally recommended)": the verdict is there, only its verb
        # is missing; "Experts advise against oral steroids (not …)" would say it twice.
        # "NSAIDs (chronic use of NSAIDS not …)": the bracket names what it is about.
        thing = (verdict.group("own") or "").strip() or verdict.group("head")
        be = "are" if layout.plural(thing) else "is"
        said = verdict.group("verdict")
        group = compiled(r"(?P<v>not (?:generally |usually )?recommended) (?:for|in) "
                         r"(?:those|people|patients) with (?P<who>[^,;]+)$").match(said)
        if group:
            # "(not generally recommended for those with prior opioid addiction)": whom it
            # is limited to comes first, as everywhere else on the page.
            line = f"If you have {group.group('who')}, {thing[:1].lower()}{thing[1:]} {be} " \
                   f"{group.group('v')}."
        else:
            line = f"{thing[:1].upper()}{thing[1:]} {be} {said}."
        return line + text[len(text.split(chr(10))[0]):]
    body = head[:1].lower() + head[1:] if compiled(r"[A-Z][a-z]").match(head) else head
    if direction is Direction.AGAINST:
        # "Avoiding daytime napping" is advice against napping, not against avoiding it.
        body = compiled(r"^avoid(?:ing)? ").sub("", body)
    said = {Direction.FOR: f"Experts advise {body}",
            Direction.AGAINST: f"Experts advise against {body}",
            Direction.INSUFFICIENT: f"There is not enough evidence about {body}",
            None: f"This advice is about {body}"}[direction]
    return said + text[len(text.split("\n")[0]):]


def _fragment(head: str) -> bool:
    """A statement with no verb at all: a noun phrase cut from a list ("A facility-based
    registry of all high acute risk patients."). A lead-in ("In adults with …, give …") or
    an imperative is a clause."""
    if not compiled(r"[A-Z]").match(head) or head.endswith(":") or is_clause(head):
        return False
    if compiled(r"(?:In|For|If|When|Among|During|After|Before|As|To|At)\b").match(head):
        return False
    main = compiled(r"\b(?:who|whom|whose|which|that)\b|\(").split(head)[0]
    # "-ing" forms name an activity here ("Community workers reaching out to …"): they
    # make no clause without a finite verb beside them.
    return not any(_verb_word(w) for w in compiled(r"[A-Za-z-]+").findall(main)
                   if not w.lower().endswith("ing"))


_GERUND = {"get": "Getting", "be": "Being", "have": "Having", "take": "Taking", "ask": "Asking",
           "keep": "Keeping", "stop": "Stopping", "go": "Going", "see": "Seeing",
           "make": "Making", "use": "Using", "avoid": "Avoiding", "talk": "Talking"}


def _gerund_first(action: str) -> str:
    """"Get tested for HIV" -> "Getting tested for HIV": a heading like the others."""
    first, _, rest = action.partition(" ")
    return f"{_GERUND[first.lower()]} {rest}" if first.lower() in _GERUND else action


# two to four words: "and treat" alone would be a bare verb in a title
_AND_MORE = compiled(r"^\s+and\s+\w+(?:\s+\w+){1,3}(?=[.;])")


def _both_halves(item: Item, text: str) -> Item:
    """"Programs that help people eat better" of "… eat better and be more active": a title
    cut at "and" names half of what the advice is (round-19 rater AK); it takes the short
    rest of the clause."""
    more = _AND_MORE.match(_after_title(item.title, text)) if item.title else None
    return dataclasses.replace(item, title=f"{item.title}{more.group(0).rstrip()}") if more \
        else item


def _after_title(title: str, text: str) -> str:
    """What the advice says right after the last words of its title."""
    tail = " ".join(title.split()[-2:])
    m = compiled(rf"\b{re.escape(tail)}\b", re.IGNORECASE).search(text)
    return text[m.end():m.end() + 40] if m else ""


def _extended(title: str, text: str, limit: int = 13) -> str:
    """A title cut before its object, run on in the advice's own words to the end of the
    clause ("Getting counseled to think" -> "… to think about possible risks of both
    accepting and rejecting organs"), naming the whole list it stops in; "" when the clause
    goes on with a new one ("that although …")."""
    if not title.split()[0].endswith("ing"):
        return ""  # "A living donor whose blood sample …" runs on into a condition, not an act
    tail = " ".join(title.split()[-2:])
    m = compiled(rf"\b{re.escape(tail)}\b", re.IGNORECASE).search(text)
    if not m:
        return ""
    more = compiled(r"[,.;:(\n]|\s(?:versus|vs\.?|compared with)\s").split(text[m.end():],
                    maxsplit=1)[0].split()
    if not more or more[0].lower() in {"that", "although", "which", "who", "whose", "because",
                                       "if", "when", "while", "so"}:
        return ""
    room = max(0, limit - len(title.split()))
    words_on = more[:room]
    while words_on and words_on[-1].lower() in {"and", "or", "of", "the", "a", "an", "to", "for",
                                                "with", "in", "on", "at", "by", "your", "their",
                                                "both", "any", "these", "this", "from",
                                                "without", "than", "as", "into", "about",
                                                "over", "under", "who", "that", "which"}:
        words_on.pop()
    if not words_on:
        return ""
    return page_plan.whole_list(f"{title} {' '.join(words_on)}", text)


def _unnamed_pair(guideline: ParsedGuideline, rec: Recommendation) -> bool:
    """A statement about "either type of block" that opens its section: nothing before it
    says which two it means (Colorado CRPS, "Other IV medications and regional blocks")."""
    if not compiled(
            r"\b(?:either|both|neither) (?:type|kind)s? of\b",
            re.IGNORECASE).search(rec.source_text):
        return False
    for sec in guideline.sections:
        at = sec.text.find(rec.source_text[:60])
        if at >= 0:
            return not sec.text[:at].strip()
    return False


def _said(topic: str, block: str) -> bool:
    """Whether a block already says most of its topic's words ("Restriction of activities"
    over "Continuing normal daily activities"), by their first four letters."""
    stems = {w.lower()[:4] for w in compiled(r"[A-Za-z]{4,}").findall(topic)
             if w.lower() not in {"with", "from", "other", "general", "care"}}
    said = {w.lower()[:4] for w in compiled(r"[A-Za-z]{4,}").findall(block)}
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
            or bool(compiled(r"\b(?:these|this|whose)\b", re.IGNORECASE).search(title)))


def _verb_word(word: str) -> bool:
    """Whether a word can only be a verb here: an action the guideline asks for, or a verb
    form that is no noun or adjective ("hospitalize", "provide", "given")."""
    import lemminflect

    low = word.lower()
    readings = lemminflect.getAllLemmas(low)
    return "VERB" in readings and not ({"NOUN", "ADJ", "PROPN"} & set(readings))


def _grade_tokens(grade: str | None) -> list[str]:
    """The label's parts that look like acronyms ("Category IB" -> "IB")."""
    return compiled(r"\b[A-Z][A-Z0-9-]*\b").findall(grade or "")


def reader_rewriter(guideline: ParsedGuideline) -> Rewriter:
    """The rewriter of a guideline's page, knowing the short forms the guideline spells out.

    Headings too: a PDF may spell out a short form only there ("Antiepileptic Drugs (AEDs)
    and the Risk of Suicide")."""
    full_text = "\n".join([*(f"{s.heading}\n{s.text}" for s in guideline.sections),
                           *(r.source_text for r in guideline.recommendations)])
    return Rewriter(Rewriter.acronyms_from(full_text))


OWN_TOPIC_WORDS = 25
"""A point of a key advice's own topic is shown with it only if this short."""
_LABELLED = re.compile(r"^(?:Medical reasons against|Contraindications? (?:for|to|of)) "
                       r"(?P<name>[^:\n]{2,40}):\n")


def _unnamed_cautions(cautions: list[str], reader: str) -> list[str]:
    """The labelled cautions ("Medical reasons against tramadol:" and its list) on a
    medicine that the reader's part names nowhere else."""
    out = []
    for c in cautions:
        m = _LABELLED.match(c)
        if not m or compiled(r"\b(?:include|includes|may|are|is)\b").search(m.group("name")):
            continue  # "reasons against these shots may include: …" is about what is named
        if not compiled(rf"\b{re.escape(m.group('name'))}\b", re.IGNORECASE).search(reader):
            out.append(c)
    return out


def _offered(caution: str) -> str:
    """"If you are offered tramadol, …" leads its labelled caution, named from its label."""
    m = _LABELLED.match(caution)
    if not m:
        return caution
    name = m.group("name")
    items = caution[m.end():].split("\n")
    return (_tell_if(name) + ":\n"
            + "\n".join(_as_yours(x, name) if x.startswith("- ") else x for x in items))


def _tell_if(offered: str) -> str:
    """The lead of a caution list the reader checks before taking a medicine."""
    return f"If you are offered {offered}, tell your care team if any of these apply to you"


_PRESCRIBING = re.compile(
    r"^(?P<how>Extreme |Great |Special )?[Cc]aution should be used (?:in|when) "
    r"(?:prescribing|giving) (?P<what>[a-z][\w -]{2,40}?) (?:for|to|in) "
    r"(?:workers|people|patients|persons)\b[^\n]*:\n")


def _tell_prescriber(caution: str) -> str:
    """"Extreme caution should be used in giving controlled substances for workers with …:"
    and its list speaks to prescribers; the reader's part is to tell them (a round-14 rater:
    "patients are never told to mention past substance misuse … before opioids")."""
    m = _PRESCRIBING.match(caution)
    if not m:
        return caution
    # how much care they then call for stays (a round-14 rater: "softened" without it)
    how = (m.group("how") or "great ").lower()
    items = [_WATCHED.sub(r"- Your care team will also watch for \g<what>", line)
             for line in caution[m.end():].split("\n")]
    return f"{_tell_if(m.group('what'))} ({how}caution is needed then):\n" + "\n".join(items)


# "Checking of behavior for signs of possible substance abuse …" among what the reader is to
# tell: the care team's watch, not something a reader reports (round-15 and -16 raters T, W)
_WATCHED = compiled(r"^- (?:Checking|Monitoring|Watching) of (?:\w+ )?for (?P<what>.+)$",
                    re.IGNORECASE)


_WHOM = r"(?:in|for) (?:people|patients|persons|those)"
_CARE_IN = compiled(rf"^(?:your care team should )?(?:use )?(?:cautiously|with (?:caution|care)) "
                    rf"{_WHOM} (?P<who>.+)$", re.IGNORECASE)
_NOT_IN = compiled(rf"^not (?:advised|recommended) {_WHOM} (?P<who>.+)$", re.IGNORECASE)
_DEATHS_IN = compiled(rf"^has been (?:linked|associated) (?:to|with) deaths {_WHOM} (?P<who>.+)$",
                      re.IGNORECASE)
_DOSE_FOR = compiled(r"^(?P<what>.+?) (?:needs?|requires?) (?:a change of dose|dose adjustment|"
                     r"dosage adjustment)$", re.IGNORECASE)


def _as_yours(item: str, name: str) -> str:
    """An item of a medicine's cautions said as what may apply to the reader, as its lead
    asks ("tell your care team if any of these apply to you"): "Your care team should use
    with caution in people taking other medicines …" is "You are taking other medicines …",
    one item per thing a reader checks; one that cannot be said so stays as it is."""
    text = item.removeprefix("- ").rstrip(".")
    for pattern, then in ((_CARE_IN, ""), (_NOT_IN, f" (then {name} is not advised)"),
                          (_DEATHS_IN, f" ({name} has been linked to deaths in such cases)")):
        m = pattern.match(text)
        if m:
            said = _you_do(m.group("who"))
            parts = [p for p in compiled(r",\s+(?:or |and )?(?=are taking\b)").split(said)]
            if len(parts) > 1 and not then:
                return "\n".join(f"- You {p}" for p in parts)
            return f"- You {said}{then}"
    m = _DOSE_FOR.match(text)
    if m:
        what = m.group("what")
        return f"- You have {what[:1].lower()}{what[1:]} (you need a different dose)"
    return item


def _you_do(who: str) -> str:
    """"who have a history of seizures, who are taking …, or taking …" -> "have a history
    of seizures, are taking …, or are taking …"; "with X" -> "have X"."""
    who = compiled(r"^who ").sub("", who)
    who = compiled(r"^with (?:(?:a )?prior )?").sub("have had " if who.startswith("with prior")
                                                     else "have ", who)
    who = compiled(r"^taking\b").sub("are taking", who)
    who = compiled(r",\s+who (?=are|have)").sub(", ", who)
    # "an emotional disturbance or combined use of alcohol": what the reader does
    who = compiled(r"\s+or (?:combined|concurrent) use of\b").sub(" or also use", who)
    return compiled(r",\s+(or|and) taking\b").sub(r", \1 are taking", who)


def _place_more(sections: list[PvgSection], more: str, has_overview: bool) -> None:
    """Insert the reader's other advice where a reader meets it before the disclaimer."""
    if more and has_overview:
        # A short overview follows the advice shown first, before the cautions that may be
        # about its topics ("reasons against treatment shots" before any shot was named).
        at = next(k for k, s in enumerate(sections) if s.heading == CONSIDER)
        sections.insert(at, PvgSection(heading=page_plan.MORE_ADVICE, body=more))
    elif more:
        # Before the word list and the disclaimer: advice for the reader is never printed
        # after "this does not replace advice from your clinician".
        sections.append(PvgSection(heading=page_plan.MORE_ADVICE, body=more))


def _after_disclaimer(full: str, care_team: str, grades_part: str) -> list[PvgSection]:
    """The parts after the disclaimer, set apart: the reader's points an overview stands
    for (advice for the reader, so first), then the care team's."""
    sections = []
    if full:
        sections.append(PvgSection(heading=page_plan.MORE_ADVICE_FULL, body=full))
    if care_team:
        # Titled for the care team: the duties of the care system are no advice to the
        # reader, and nothing of them is lost.
        sections.append(PvgSection(heading=page_plan.CARE_TEAM_PART, body=care_team))
    elif grades_part:
        sections.append(PvgSection(heading=page_plan.CARE_TEAM_GRADES, body=(
            f"This part is for health workers.\n\n{grades_part}")))
    return sections


@dataclasses.dataclass(frozen=True)
class LongPage:
    """A long guideline's advice laid out as the offline page lays it out, in the words of
    the recommendations it was given (a language model's, for that provider)."""

    key: str
    """"Key recommendations": the advice the reader acts on first."""
    more: str
    """"More advice in this guideline": the other points, or an overview of them."""
    has_overview: bool
    after: list[PvgSection]
    """The sections after the disclaimer: the points in full, the care team's part."""
    placement: dict[int, tuple[Audience, str]]
    """Guideline index -> whom it is for and the heading it is printed under."""

    def sections(self, before: list[PvgSection]) -> list[PvgSection]:
        """``before`` (starting with about and key, holding "Things to consider") with the
        reader's other advice placed as the offline page places it."""
        out = list(before)
        _place_more(out, self.more, self.has_overview)
        return out


def long_page(guideline: ParsedGuideline, recs: list[PvgRecommendation],
              rw: Rewriter) -> LongPage | None:
    """The offline page's layout of a long guideline for ``recs`` (one per recommendation,
    in the guideline's order), so that every provider's long page has the same overview
    rule and parts; None for a guideline whose offline page shows all its advice.

    Whether a guideline is long is the offline page's call, never the other wording's: a
    guideline's page keeps its parts whoever words it, and a model that writes a few words
    more or less does not move advice to after the disclaimer."""
    token = AUDIENCE.set(audience(summary.target(guideline)))
    try:
        offline = OfflineProvider._recommendations(guideline, rw)
        if _Page(guideline, offline, rw).plan is None:
            return None
        page = _Page(guideline, recs, rw, long=0)
        key, more = page.with_duties_note(PvgSection(heading=KEY, body=page.key()),
                                          page.more_advice_part())
        care_team, grades_part = page.care_team_part(), page.grades_part()
        if care_team and grades_part:
            care_team += f"\n\n{grades_part}"
        return LongPage(key.body, more, page.has_overview(),
                        _after_disclaimer(page.more_advice_full(), care_team, grades_part),
                        page.placement())
    finally:
        AUDIENCE.reset(token)


COMPACT_OVER = 3000
"""More words than this in the reader's part (title to disclaimer), about 12 minutes of
reading, make a guideline of ungraded advice print its compact page: no strength tells the
reader which of its many points to read first."""


def ungraded_advice(guideline: ParsedGuideline) -> bool:
    """The guideline grades none of its advice (at most it says some has too little proof)."""
    return bool(guideline.recommendations) and all(
        r.strength in (Strength.UNGRADED, Strength.INSUFFICIENT)
        for r in guideline.recommendations)


def reader_words(pvg: PatientVersion) -> int:
    """Words in the reader's part, as a reader counts them: tokens holding a letter or a
    digit (no table rules or list marks)."""
    return sum(1 for token in render_text(pvg).split() if compiled(r"[^\W_]").search(token))


def render_text(pvg: PatientVersion) -> str:
    """The reader's page as one Markdown document: what the whole-page readability is
    measured on, a long guideline's "More advice" part included (a reader meets it too);
    the parts after the disclaimer (the points an overview stands for, the care team's) are
    no part of it, as for the readers who score the page."""
    parts = [f"# {pvg.title}"]
    if pvg.summary:
        parts.append(pvg.summary)
    for s in pvg.sections:
        if s.heading not in page_plan.AFTER_DISCLAIMER:
            parts.append(f"## {s.heading}\n\n{s.body}")
    return "\n\n".join(parts)


def found_helpful(guideline: ParsedGuideline, rw: Rewriter,
                  recs: list[PvgRecommendation], who: list[str] | None = None) -> str:
    """What the guideline's graded findings say helps the reader's condition (words only
    made plain: a finding keeps its sentence and its numbers). A finding that something
    helps prevent the condition is left out when the page is for people who have it
    (round-15 rater T: vitamin C after a broken wrist, on a page for people with CRPS)."""
    found = evidence_found.found_helpful(
        guideline, rw.acronyms, [r.text for r in recs if r.direction is Direction.AGAINST])
    condition = _topic(_plain_title(guideline.title, _body(guideline))).split("/")[0]
    if any(f"with {condition.lower()}" in w.lower() for w in who or []):
        prevents = compiled(rf"\bprevent\w*\s+(?:the\s+)?{re.escape(condition)}\b", re.I)
        found = [f for f in found if not prevents.search(rw.simplify(f[2], 1))]
    return evidence_found.section(found, condition, lambda t: rw.simplify(t, 1))


def found_harmful(guideline: ParsedGuideline, rw: Rewriter, short: bool = False,
                  full: bool = False, brief: bool = False) -> str:
    """What the guideline's graded findings say harms, beside what helps (words only made
    plain: a finding keeps its numbers); on a long page (``short``) each cut to what raises
    the risk and how much, and with ``full`` the findings so cut, whole. A compact page
    (``brief``) says them in two sentences, and all of them in full after the disclaimer."""
    found = evidence_found.found_harmful(guideline)
    if full:
        return evidence_found.harm_full(found, lambda t: rw.simplify(t, 1), every=brief)
    if brief:
        return evidence_found.harm_brief(found, evidence_found.common_side_effects(guideline),
                                         lambda t: rw.simplify(t, 1))
    return evidence_found.harm_section(found, lambda t: rw.simplify(t, 1), short)


def _body(guideline: ParsedGuideline) -> str:
    return "\n".join(s.text for s in guideline.sections)


def _plain_title(title: str, body: str = "") -> str:
    title = _uncapitalised(title, body)
    t = compiled(r"[:.]\s*(?:a |an )?(?:U\.S\. Preventive Services Task Force|USPSTF"
               r"|Community Preventive Services Task Force).*$",
               re.IGNORECASE).sub("", title).strip(" .:")
    t = compiled(
            r"^(?:VA/DoD|CDC|PHS)\s+(?:clinical practice )?guideline for (?:the )?",
            re.IGNORECASE).sub("", t)
    t = compiled(
            r"^(?:Final recommendation statement|CDC guidance for)\s*:?\s*",
            re.IGNORECASE).sub("", t)
    t = compiled(r"\.\s*In:.*$", re.IGNORECASE).sub("", t)
    t = compiled(
            r"(?:: a .{0,80}(?:systematic review|recommendations? .{0,60}))$",
            re.IGNORECASE).sub("", t)
    t = compiled(r"\s*\([A-Z]{2,}\)").sub("", t)
    t = compiled(r"\s+medical treatment guidelines?$", re.IGNORECASE).sub("", t)
    t = replace_terms(t).strip(" .:") or title
    # A guideline on protecting staff is read by staff, not by patients.
    reader = "health workers" if "health worker" in AUDIENCE.get() else "patients"
    return f"{t[:1].upper()}{t[1:]}{_GUIDE_FOR}{reader}"


def _uncapitalised(title: str, body: str = "") -> str:
    """A title printed in capitals (a plain-text guideline's first line) in sentence case;
    words the dictionary does not know ("COPD", "HIV") stay as printed, and so do the
    acronyms, initials ("U.S.") and names ("Office of Population Affairs") that the
    guideline's ``body`` writes that way."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    said = compiled(r"\b(?:[A-Z]\.){2,}|[A-Z][A-Z'-]*").sub(lambda m: m.group(0).lower()
                  if (is_dictionary_word(m.group(0)) or _lower_in(m.group(0), body))
                  and not _written(m.group(0), body) and "." not in m.group(0)
                  else m.group(0), title)
    for name in set(_NAME.findall(body)):
        if _written(name, body):
            said = compiled(rf"\b{re.escape(name)}\b", re.IGNORECASE).sub(name, said)
    return said[:1].upper() + said[1:]


def _lower_in(word: str, body: str) -> bool:
    """Whether the body writes the word in lower case ("team-based", "biomarkers")."""
    return compiled(rf"\b{re.escape(word.lower())}\b").search(body) is not None


def _written(form: str, body: str) -> bool:
    """Whether the body writes these words so ("CDC", "Office of Population Affairs") more
    often than in lower case ("and", "sickle cell disease")."""
    def count(words: str) -> int:
        return len(compiled(rf"\b{re.escape(words)}\b").findall(body))

    return count(form) > count(form.lower())


uncapitalised = _uncapitalised
# A name as a text writes it mid-sentence (or after initials, "U.S. Office …"): two or more
# capitalised words, "of", "and", "for" or "the" between them ("Office of Population Affairs").
_NAME = re.compile(r"(?:(?<=[a-z,] )|(?<=\b[A-Z]\. ))[A-Z][a-z]+"
                   r"(?: (?:(?:of|and|for|the) )?[A-Z][a-z]+)+")


_GUIDE_FOR = ": a guide for "


def _topic(title: str) -> str:
    topic = title.rsplit(_GUIDE_FOR, 1)[0]
    return topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic


def _developer(guideline: ParsedGuideline) -> str | None:
    for s in guideline.sections[:2]:
        m = compiled(r"^\s*-?\s*Developer\(?s?\)?:\s*(.+)$", re.MULTILINE).search(s.text)
        if m:
            devs = [compiled(r"\s+-\s+.*$").sub("", d).strip() for d in m.group(1).split(";")]
            devs = [d.removeprefix("The ") for d in devs if d]
            if not devs:
                return None
            return ", ".join(devs[:2]) + (f" and the {devs[2]}" if len(devs) > 2 else "")
    return None


_AT_RISK = re.compile(r"\bat (?:higher|increased|high) risk (?:for|of) (?:getting |developing )?"
                      r"(?P<x>[a-z0-9][\w -]{2,40}?)\.?$", re.IGNORECASE)
_WITHOUT_SYMPTOMS = re.compile(r"\b(?:without (?:any )?(?:signs or )?symptoms|symptom-free"
                               r"|asymptomatic)\b", re.IGNORECASE)
HAS_SYMPTOMS = ("People who have signs or symptoms: this advice is for people who have none. "
                "If you have noticed a change that worries you, do not wait for a check: see "
                "your care team about it.")


def _about(guideline: ParsedGuideline, who: list[str], recs: list[PvgRecommendation],
           rw: Rewriter, topics: list[tuple[str, list[int]]] | None = None) -> str:
    lines = ["This is a short, plain guide. It is based on a guideline for health workers."]
    dev = _developer(guideline)
    if dev:
        lines.append(f"The guideline comes from the {dev}.")
    if who:
        lines.append("\n**Who it is for:**\n")
        # "Women aged 35 or older without a prior diagnosis of X" (a long line): the
        # condition that must also hold is a sentence of its own.
        lines.extend(f"- {summary.including_apart(' '.join(summary.conditions_apart(_item(w))))}"
                     for w in who)
        risk = summary.risk_groups(guideline, rw)
        if risk:
            # "at higher risk" alone leaves the reader unable to tell if it is them.
            lines.append("\n**Who is at higher risk:**\n")
            lines.extend(f"- {_item(r)}" for r in risk)
    advice = " ".join(r.text.lower() for r in recs)
    excluded = [x for x in (_not_advised_on(x, advice) for x in summary.not_for(guideline, rw))
                if x]
    not_for = [f"- {_item(x)}" for x in excluded]
    not_for += [f"- {line}" for x in excluded for line in _scope_lines(x, topics or [])]
    # only where the guideline is about preventing it: screening finds it, so is for them
    at_risk = _AT_RISK.search(" ".join(who)) if who and compiled(
        r"\bprevent", re.IGNORECASE).search(guideline.title) else None
    if at_risk and not any(at_risk.group("x").lower() in x.lower() for x in excluded):
        # advice for people at risk of an illness is about not getting it: a reader who has
        # it learns it is not theirs (round-19 raters AJ, AK: "Who it is not for" was empty)
        not_for.append(f"- People who already have {at_risk.group('x')}: this advice is about "
                       "preventing it. Ask your care team about care for it.")
    if who and _WITHOUT_SYMPTOMS.search(" ".join(who)) and not any(
            "symptom" in x.lower() for x in excluded):
        # Advice for people who feel well says nothing to a reader who has noticed a change:
        # both round-13 raters of the breast screening page found no word for them.
        not_for.append(f"- {HAS_SYMPTOMS}")
    # A guideline that names nobody it leaves out gets no line saying so: it told the
    # reader nothing and raters counted it as filler.
    lines += ["\n**Who it is not for:**\n", *not_for,
              "- Not sure the advice fits you? Ask your care team."]
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
                       r"(?P<core>[\w' -]{3,40}?)(?=,|;|\.|\s+or\s|\s+and\s|$)",
                       re.IGNORECASE)  # "People with short-term pain" heads its own line


def _scope_lines(excluded: str, topics: list[tuple[str, list[int]]]) -> list[str]:
    """A scope note kept in the guideline's words ("not intended for … people with
    short-term pain") above a group of advice on short-term pain says which advice that is,
    so a reader with short-term pain does not skip it."""
    out = []
    for m in _GROUP_IN.finditer(excluded):
        core = m.group("core").strip().lower()
        for topic, numbers in topics:
            if numbers and compiled(rf"\b{re.escape(core)}\b").search(topic.lower()):
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
    core = compiled(r"^(?:in |for )?(?:people|adults|children|patients|those)\s+"
                  r"(?:with|who have|receiving|on)\s+",
                  re.IGNORECASE).sub("", item.strip().rstrip(".;"))
    return core.lower() or item.lower()


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
                 rw: Rewriter, whole: dict[int, str] | None = None,
                 long: int = page_plan.LONG, compact: bool = False) -> None:
        self.guideline = guideline
        self._compact = compact
        self.considered: list[str] = []
        """The cautions "Things to consider" says: not said again with a point."""
        self.recs = recs
        self.rw = rw
        self._legend: str | None = None
        self.handled: dict[int, list[str]] = {}
        self.paperwork: dict[int, str] = {}
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
            for i, t in self.topic_of.items()], long=0 if compact else long,
            limit=page_plan.COMPACT_LIMIT if compact else page_plan.MAIN_LIMIT,
            against_apart=compact)
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
        self.items = [_both_halves(it, recs[i].text) for i, it in zip(self.number, self.items,
                                                                       strict=True)]
        self.items = _told_apart(self.items)
        self.items = [dataclasses.replace(it, title=layout.against_group_title(
            it.title, it.text)) if it.title else it for it in self.items]
        self.index = {self.number[i]: i for i in self.number}
        self.before_start = self._before_start()
        self.cautions = _cautions(guideline, rw)
        self.notes = _notes(guideline, rw)
        notes, cautions = _said_after(guideline, rw)
        for found in (unlikely_to_benefit(guideline, rw), benefit_sizes(guideline),
                      harm_sizes(guideline, rw)):
            for i, lines in found.items():
                notes.setdefault(i, []).extend(lines)
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

    def _before_start(self) -> dict[int, list[int]]:
        """The reader's other advice that says what must be met before a treatment starts,
        by the block shown first on the same topic: whether the reader may have the
        treatment is decided there, so it is said there, not only after the disclaimer."""
        shown: dict[str, int] = {}
        for i in (i for t in self.order for i in self.groups[t]):
            shown.setdefault(self.topic_of.get(i, ""), i)
        out: dict[int, list[int]] = {}
        for j in self.rest:
            block = shown.get(self.topic_of.get(j, ""))
            if block is not None and _BEFORE_START.search(joined(self.recs[j].text)):
                out.setdefault(block, []).append(j)
        return out

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
            if main and it.title and compiled(
                    r"\s+for\b").match(_after_title(it.title, recs[i].text)):
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
            m = compiled(r"\b(for [\w -]{3,40})$").search(self.topic_of.get(i) or "")
            if m:
                found[number] = m.group(1).lower()
        return found

    def key(self) -> str:
        src = self.guideline.recommendations
        shown = [i for t in self.order for i in self.groups[t]]
        legend, lifted = _legend([self.recs[i] for i in shown], [src[i] for i in shown],
                                 # the signs of the reader's page: the care team's part
                                 # says its strengths in words
                                 [(r, g) for i, (r, g) in enumerate(zip(self.recs, src,
                                                                          strict=True))
                                  if i not in self.care])
        if legend and self._ungraded_page():
            legend += f"\n\n{_NOT_GRADED}"
        blocks = [_HOW_READ, legend]
        sign = self._one_sign()
        if sign:
            # One sign for every block of a compact page: said once, not under each block.
            blocks[0] = (f"{_ONE_SIGN} {sign.split(' ', 1)[1].lower()} ({sign.split()[0]}) "
                         "unless its \"How strong\" line says otherwise: what the experts "
                         "advise.")
        if self.rest:
            blocks.insert(0, f"This page first shows the {len(shown)} pieces of advice you can "
                          "act on. They say what you can do, ask for or expect. The "
                          "guideline's other "
                          f"{len(self.rest)} for you are in \"{page_plan.MORE_ADVICE}\", "
                          + ("before the things to consider." if self.has_overview()
                             else "after the questions to ask."))
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
                  or f"Advice {self.number[i]}") for i in self._rest_on_page()]
        # A short page gets the table too, unless it has one by age: checks at set times
        # ("at least every three months", "no later than 3-5 days") are a schedule.
        steps = page_plan.timeline([(it.number, said, title or it.title or f"Advice {it.number}")
                                    for it in self.main_items
                                    for said, title in self._timed(self.index[it.number])],
                                   who, later,
                                   self._strong_against(), self._groups()) \
            if self.plan or not table else ""
        if steps:
            blocks += ["**When things happen:** this table puts the advice below in the order "
                       "of your care. Find where you are now, then read the advice with that "
                       "number: it says who it is for and any conditions.",
                       steps + self._no_row_for(steps)]
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
        lines += [f"**Before you start:** {joined(self.recs[j].text)}"
                  for j in self.before_start.get(i, [])]
        said, mixed = _marked(_staff_as_you(out.text), out.direction)
        said = lists.chunked(self._without_paperwork(i, said))
        # A line after a list is no part of its last item: Markdown would join it to it
        # ("… family and social activities If you are not maintaining …").
        lines.append(compiled(r"(\n- [^\n]*)\n(?=[^\s-])").sub(r"\1\n\n", said))
        for j in self.attached.get(i, []):
            head, *rest = self.recs[j].text.split("\n- ")
            lines.append("\n".join([f"- {head}", *(f"  - {r}" for r in rest)]))
        for j in self.exceptions.get(i, []):
            lines.append(f"**{self._exception_label(i, j)}:** {self.recs[j].text}")
            lines.extend(f"**Note:** {note}" for note in self.notes.get(j, []))
            lines.extend(_bullet(f"**Take care:** {c}")[2:] for c in self.cautions.get(j, []))
        lines.extend(self._involves(i))
        lines.extend(f"**Note:** {note}" for note in self.notes.get(i, []))
        lines.extend(f"**Note:** {note}" for note in self._exception_against(i, said))
        # A note's number ("20-50 mg morphine equivalent daily dose") needs the same help,
        # next to the number it explains, before any caution.
        help_line = layout.number_help("\n".join([out.text, *self.notes.get(i, [])]))
        if help_line:
            lines.append(help_line)
        lines.extend(_bullet(f"**Take care:** {c}")[2:] for c in self.cautions.get(i, []))
        weigh = _scarcity(self.guideline, out.text)
        if weigh:
            lines.append(f"**Keep in mind:** {weigh}")
        # The grade code ("IB") tells a reader nothing: it is printed for the care team.
        if self._one_sign() != _label(out):
            lines.append(f"**How strong:** {self._strength_line(out)}")
        if mixed:
            lines.append("This is about the ways marked ✖ only. The guideline lists the others "
                         "as ways that can be used.")
        if why:
            lines.append(f"**Why:** {why}")
        lines += [f"**Also (advice {self.number[j]}):** {self.recs[j].text}"
                  for j in self._own_topic_point(i)]
        return "\n\n".join(lines)

    def _without_paperwork(self, i: int, text: str) -> str:
        """The advice without a list item's closing sentences that are a clinician's
        records ("All check-up visits should document …", with the examples listed under
        it): the reader does not keep them, so on a long page the item goes whole after the
        disclaimer (:meth:`paperwork_part`), the reader's part of it kept here."""
        if self.plan is None or not self.has_overview():
            return text
        kept: list[str] = []
        moved: list[str] = []
        under = keep_under = False
        for line in text.split("\n"):
            if under and line.startswith("  - "):
                moved.append(line)
                if keep_under:
                    kept.append(line)
                continue
            under = keep_under = False
            sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", line)
            at = next((k for k, x in enumerate(sentences) if _PAPERWORK.search(x)), None)
            if not at or not all(_PAPERWORK.search(x) or _EXAMPLES.match(x)
                                 for x in sentences[at:]):
                kept.append(line)
                continue
            kept.append(" ".join(sentences[:at]))
            moved.append(line if line.startswith("- ") else f"- {line}")
            under = line.endswith(":")
            judged = _JUDGED_ON.search(sentences[at])
            if judged and self.compact():
                # What the reader is judged on decides whether a medicine goes on: a compact
                # page says it as the check the reader meets, its examples with it.
                what = compiled(r"^do routine functions(?: satisfactorily)?$").sub(
                    "do everyday things", judged.group("what").rstrip(". "))
                kept[-1] += (" At each visit, your care team checks your ability to " + what
                             + (", for example:" if under else "."))
                keep_under = under
        if moved:
            self.paperwork[i] = "\n".join(moved)
        return "\n".join(kept)

    def paperwork_part(self) -> str:
        """Each item of the reader's advice whose clinicians' records were taken out, whole,
        by advice number."""
        if not self.paperwork:
            return ""
        return "\n\n".join([f"**Advice {self.number[i]}, {_PAPERWORK_HEAD}:**\n\n{said}"
                              for i, said in sorted(self.paperwork.items(),
                                                    key=lambda x: self.number[x[0]])])

    def _no_row_for(self, steps: str) -> str:
        """"Find where you are now" leaves a reader "Who it is for" names without a row of
        the table's "Who" column: a line under it names the group and its advice."""
        group, ids = summary.asked_about(self.guideline)
        numbers = [str(self.number[i]) for i in ids if i in self.number]
        who = [row.split("|")[2].lower() for row in steps.split("\n")[2:] if row.startswith("| ")]
        if (not group or not numbers or not steps.startswith("| When | Who |")
                or any(group.split()[-1].lower() in cell and "deceased" in cell for cell in who)):
            return ""
        return (f"\n\n{group}? No row is for you: read advice "
                f"{page_plan.advice_numbers(numbers)}.")

    def _ungraded_page(self) -> bool:
        """Every piece of advice on the page is ungraded: the legend says so once."""
        return all(r.strength is Strength.UNGRADED for r in self.guideline.recommendations)

    def _strength_line(self, out: PvgRecommendation) -> str:
        """The strength wording, or only its sign and label ("✔ Advice for.") on a page
        whose advice is all ungraded, where the rest of it would repeat under every block.
        On a page whose legend explains the sign, a consensus line is the sign and its short
        name: the legend has said the rest once."""
        if self._ungraded_page() and out.strength in _UNGRADED_SAID:
            return f"{_label(out)}."
        short = next((name for tail, name in _SHORT_NAME.items()
                      if out.strength.endswith(tail)), None)
        if short and f"- {_label(out)}." in self._legend_text():
            return f"{_label(out)}. {short}"
        return out.strength

    def _legend_text(self) -> str:
        """The legend of the reader's page, worked out once."""
        if self._legend is None:
            src = self.guideline.recommendations
            self._legend = _legend([], [], [(r, g) for i, (r, g) in enumerate(
                zip(self.recs, src, strict=True)) if i not in self.care])[0]
        return self._legend

    def _own_topic_point(self, i: int) -> list[int]:
        """The one short point for, that the overview stands for, under the guideline heading
        that key advice ``i`` is titled by ("lab tests to monitor the medicines' effects"
        beside "Opioid medicine care"): shown with it, not only after the disclaimer."""
        if not self.has_overview():
            return []
        src, title = self.guideline.recommendations, (self.items[self.number[i] - 1].title
                                                       or "").lower()
        found = [j for j in self.rest if src[j].section and src[j].section == src[i].section
                 and self.topic_of[j].lower() == title
                 and j not in self.before_start.get(i, [])
                 and self.recs[j].direction is Direction.FOR and "\n" not in self.recs[j].text
                 and len(self.recs[j].text.split()) <= OWN_TOPIC_WORDS
                 and not self.cautions.get(j) and not overview.condition(self.recs[j].text)]
        return found if len(found) == 1 else []  # several are a topic of their own

    def _timed(self, i: int) -> list[tuple[str, str | None]]:
        """The advice and each of its notes that names a time of care ("Looking at opioid
        treatment beyond 90 days needs a new check …"): a row of the table each, a note's
        row saying what happens in the note's words, its time in the "When" column."""
        rows: list[tuple[str, str | None]] = [(self.recs[i].text, None)]
        for note in self.notes.get(i, []):
            times = page_plan.times_of_care(note)
            if len(times) == 1:
                what = compiled(rf"\s*\b{re.escape(times[0])}\b").sub("", note).rstrip(" .")
                rows.append((note, what))
        return rows

    def _involves(self, i: int) -> list[str]:
        """What a recommended programme involves, when the guideline says so right after the
        statement ("Programs commonly include a weight-loss goal, …"), as a list."""
        rec = self.guideline.recommendations[i]
        if rec.direction is not Direction.FOR:
            return []
        for sec in self.guideline.sections:
            if rec.source_text[:60] not in sec.text:
                continue
            m = compiled(r"(?:Programs|Interventions|They|These programs|It|The program)\s+"
                          r"(?:commonly |usually |often |typically )?(?:include|involve)s?\s+"
                          r"([^.]{10,300})\.").search(sec.text)
            if not m:
                return []
            parts = [p.strip() for p in compiled(r",\s+(?:and\s+)?").split(m.group(1)) if p.strip()]
            if len(parts) < 2:
                return []
            listed = "\n".join(f"- {replace_terms(p)}" for p in parts)
            better = works_better(sec.text, m.end())
            # "Higher-intensity programs lead to greater weight loss …": which programme to
            # look for, said with what one involves.
            return ["**What it usually involves:**", listed,
                    *([f"**What works better:** {replace_terms(better)}"] if better else [])]
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
                and not compiled(r"(?:It|This|These|They|Not)\b").match(t)] or ranked
        urgent = [(n, t) for n, t in said if layout.urgent(t)][:1]
        return [*urgent, *((n, t) for n, t in said if (n, t) not in urgent)]

    def said(self, i: int) -> str:
        """The advice as a summary line must carry it: its lead-in first, then the whole of
        it (exceptions and list items printed with it included)."""
        item = self.items[self.number[i] - 1]
        if not item.lead:
            return item.whole
        said = item.whole
        said = said[:1].lower() + said[1:] if compiled(r"[A-Z][a-z]").match(said) else said
        return f"{item.lead}:\n- {said}"

    def todo(self) -> str:
        steps = [_staff_as_you(s) for s in layout.checklist(self.main_items, self._strongest())]
        for i in self.number:
            if self.number[i] > self.main_count:
                continue
            involves = self._involves(i)
            if involves:
                parts = [p.removeprefix("- ") for p in involves[1].split("\n")]
                # The advice's own condition first: the step is for whom the advice is for.
                cond = layout.leading_condition(joined(self.recs[i].text).split("\n")[0])
                lead = f"{cond}, before" if cond else "Before"
                risk = compiled(
                        r"If you are at (?:higher|increased|high) risk (?:for|of) .+$").match(
                                cond or "")
                if risk:
                    # Whether one is "at higher risk" is for the care team to say: the step
                    # to a programme alone left the reader unable to tell if it was for them.
                    steps.append(f"Ask your care team {cond[:1].lower()}{cond[1:]}, and about "
                                 f"a program like this (see {self.number[i]}).")
                # What such programs usually involve, not a test each must pass: "ask if it
                # has: …" read as four demands, and a reader turned good programs down.
                steps.append(f"{lead} you join a program, ask which of these it offers: "
                             f"{'; '.join(parts)} (see {self.number[i]}).")
        approval = sorted(self.number[i] for i in self.number
                          if _PRIOR_APPROVAL.search(self.recs[i].source_text or ""))
        if approval:
            # Colorado: "All CAM treatments require prior authorization": a reader who starts
            # one without it may pay for it (round-20 raters found no word of it).
            steps.append("Before a treatment starts, ask your care team if your insurer must "
                         "approve it first (prior authorization). The guideline says so for "
                         f"some treatments (see {summary.numbers_said(approval[:6])}).")
        if not steps:
            return ""
        # A step to tick is said as one to take ("Raise your activity …"), not as advice
        # reported ("You should raise your activity …").
        steps = [compiled(
                r"^You should ([a-z])").sub(lambda m: m.group(1).upper(), s) for s in steps]
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
        """The reader's advice a long page does not show first: every word of it, one
        numbered point each under the guideline's own topics, or, when there are more than
        a handful, an overview by topic (the points in full after the disclaimer)."""
        if not self.rest:
            return ""
        if self.has_overview():
            points = self._overview_points()
            # Advice against and cautions are printed whole under the overview: a name in a
            # topic line ("some of the methods of detoxification", "amputation … except in
            # cases of …") does not say which ways or when, and no warning may stand only
            # after the disclaimer.
            warned = {p.number for p in points if p.sign or p.caution}
            against = self._against_inside(warned)
            ids = self._rest_on_page(points)
            lines = overview.lines(points, page_plan.MORE_ADVICE_FULL, bool(ids))
            if not ids:
                return "\n".join(lines)
            if self.compact():
                terms: dict[tuple[str, bool], int] = {}
                for i in self.rest:
                    if (i not in ids and self._on_terms(i)
                            and f"(advice {self.number[i]})" not in "\n".join(lines)):
                        # One a topic: its first point on terms; the others are in full
                        # after the disclaimer. What to know before deciding comes too.
                        terms.setdefault((self.topic_of[i],
                                          bool(_UNDERSTAND.search(self.recs[i].text))), i)
                # A point for with a caution or a limit is said with the points on terms:
                # the list against names only what is not advised.
                cautious = [i for i in ids if self.recs[i].direction is not Direction.AGAINST
                            and against.get(i, ([], True))[1]]
                body = "\n".join([*lines, "", overview.AGAINST_BRIEF, "",
                                   *self._few_words_against(ids, points, against)])
                advised = [self._brief_terms(i) for i in sorted({*terms.values(), *cautious},
                                                                 key=lambda i: self.number[i])]
                return "\n".join([body, "", overview.TERMS_BRIEF, "", *advised]) if advised \
                    else body
            # Under their topics: "Not usually advised." says what it is about only beneath
            # its heading ("Intrathecal drug delivery").
            return self._points(ids, [*lines, "", overview.WARNINGS], against=against,
                                terms_after=True, once=True)
        return self._points(self.rest, [
            "This part gives the rest of the guideline's advice for you, in the guideline's "
            "order, with how strong each is. You can ask your care team about any of it."])

    def with_duties_note(self, key: PvgSection, more: str) -> tuple[PvgSection, str]:
        """The key section and the reader's other advice, the duties note added to the
        other advice when there is some, else to the key section."""
        note = self.duties_note()
        if note and more:
            more += f"\n\n{note}"
        elif note:
            key = PvgSection(heading=KEY, body=f"{key.body}\n\n{note}")
        return key, more

    def _rest_on_page(self, points: list[overview.Point] | None = None) -> list[int]:
        """The reader's other advice printed before the disclaimer: all of it, or, under an
        overview, the points against and with a caution (whole) and the points for that say
        something is not advised (that clause)."""
        if not self.has_overview():
            return list(self.rest)
        points = self._overview_points() if points is None else points
        warned = {p.number for p in points if p.sign or p.caution}
        against = self._against_inside(warned)
        return [i for i in self.rest if self.number[i] in warned or i in against]

    def _against_inside(self, warned: set[int]) -> dict[int, tuple[list[str], bool]]:
        """The points for among the overview's points that say something is not advised
        ("…, although combination opioids are not advised for long-term use"), with those
        clauses and whether the point is printed whole anyway: the clause is advice against,
        listed with the points against."""
        out = {}
        for i in self.rest:
            if self.recs[i].direction is not Direction.FOR:
                continue
            clauses = overview.against_clauses(joined(self.recs[i].text))
            if clauses:
                out[i] = (clauses, self.number[i] in warned)
        return out

    def _one_sign(self) -> str:
        """The strength label ("✔ Advice for") of most blocks shown first on a compact page,
        where the guideline grades none of them: said once above them, and under a block
        only when it has another; "" on any other page."""
        if not self.compact():
            return ""
        labels = [_label(self.recs[i]) for t in self.order for i in self.groups[t]]
        return max(labels, key=labels.count) if labels else ""

    def compact(self) -> bool:
        """A long page of ungraded advice (dozens of points, long study findings): its
        reader's part says each point against in one line, with when it may still be done,
        and the harm findings in one sentence; every word of them follows the disclaimer.
        Printed whole, such a page reads as 4,000 words a reader cannot get through."""
        return self._compact and self.plan is not None and self.has_overview()

    def has_overview(self) -> bool:
        """Whether the reader's other advice is too long to print before the disclaimer."""
        return len(self.rest) > overview.OVER

    def more_advice_full(self) -> str:
        """The points an overview stands for, every word of them, numbered as it says."""
        if not self.has_overview():
            return ""
        return self._points(self.rest, [
            f"This part gives in full the guideline's other advice for you that \""
            f"{page_plan.MORE_ADVICE}\" lists by topic, in the guideline's order, with how "
            "strong each is. You can ask your care team about any of it."])

    def _overview_points(self) -> list[overview.Point]:
        tops = overview.top_topics(self.guideline, self.rw.acronyms)
        src = self.guideline.recommendations
        shown = self._main_cautions()
        points = []
        for i in self._printed(self.rest):
            topic, own = self.topic_of[i], src[i].section
            if topic in _BY_DIRECTION.values() and own:
                # Under a generic heading, the guideline's own sub-heading says the topic.
                topic = layout.plain_heading(own, self.rw.acronyms)
            title = self.items[self.number[i] - 1].title or ""
            sign = _label(self.recs[i]).split(" ")[0]
            sign = sign if sign.startswith("\u2716") else ""
            if sign:
                # A name alone ("Check of risk for suicide") would read as advice against
                # the thing named: it is said as the thing not advised, or by its opening.
                title = overview.against_title(title, joined(self.recs[i].text), _marked(
                    self.recs[i].text, self.recs[i].direction)[1], topic)
            title = overview.lower_first(title)
            warns = self._warnings(i)
            caution = any(c not in shown for c in warns) or overview.limits(" ".join(
                [joined(self.recs[i].text), *self.notes.get(i, [])]))
            points.append(overview.Point(self.number[i], topic, tops[i] or topic, title, sign,
                                         caution, overview.condition(self.recs[i].text)))
        return points

    def _main_cautions(self) -> set[str]:
        """The cautions printed with the advice shown first: a point under the overview is
        not listed again before the disclaimer for one of these alone."""
        ids = [i for heading in self.order for i in self.groups[heading]]
        return {c for i in ids for k in (i, *self.exceptions.get(i, []))
                for c in self.cautions.get(k, [])}

    def care_team_part(self) -> str:
        """The care system's duties (an agency reporting, a lab's samples, a payer's plan),
        every word of them: out of the reader's advice list, never out of the patient
        version."""
        if not self.care:
            return ""
        judged = any(page_plan.clinician_process(self.recs[i].text) for i in self.care)
        told = any(page_plan.reports_person(self.recs[i].text) for i in self.care)
        return self._points(self.care, [
            "This part is for health workers. It gives, in full and with how strong each is, "
            "the guideline's duties for clinics, hospitals, labs, agencies, employers and "
            "insurers" + (f", and {page_plan.CLINICIAN_KIND}" if judged else "") + ". " + (
                "Those that report a person's infection to public health are said on the "
                "person's page too; none of the others is a step the person getting care "
                "takes, asks for or goes through." if told else
                "None of them is a step the person getting care takes, asks for or goes "
                "through."),
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

    def _points(self, ids: list[int], lines: list[str], graded: bool = False,
                against: dict[int, tuple[list[str], bool]] | None = None,
                terms_after: bool = False, once: bool = False) -> str:
        """Points under their topics, in the order of their numbers (given in `_printed`
        order), so a part of a list reads in the same order as the whole. A point for that
        says something is not advised gives that as advice against: alone, or under the
        whole point when that is printed too."""
        src = self.guideline.recommendations
        against = against or {}
        topic = None
        # ``once``: a point against that the guideline says again word for word, under
        # other topics ("People with a healthy immune system … do not need further regular
        # testing", three times), is printed once, with the numbers of the others. A point
        # that leans on its topic ("So, it is not advised") is never the same point.
        said_at: list[tuple[tuple[str, ...], int]] = []
        also: dict[int, list[int]] = {}
        for i in sorted(ids, key=lambda i: self.number[i]):
            n = self.number[i]
            said: tuple[str, ...] = ()
            if once and self.recs[i].direction is Direction.AGAINST and i not in against \
                    and not _LEANS_ON_TOPIC.match(self.recs[i].text):
                said = (joined(self.recs[i].text).lower(), *self.notes.get(i, []),
                        *self.cautions.get(i, []))
                first = next((at for seen, at in said_at if seen == said), None)
                if first is not None:
                    also.setdefault(first, []).append(n)
                    continue
            if self.topic_of[i] != topic:
                topic = self.topic_of[i]
                lines += ["", f"**{topic}**", ""]
            if said:
                said_at.append((said, len(lines)))
            clauses, whole = against.get(i, ([], True))
            short = (self._against_line(i, src[i]) if whole and terms_after
                     and self.recs[i].direction is Direction.AGAINST else None)
            if short:
                lines.append(short)
            elif whole:
                lines.append(self._point(i, src[i], graded, terms_after))
                lines += [f"  - \u2716 Advice against: {c}" for c in clauses]
            else:
                lines.append(f"- **{n}.** \u2716 Advice against (part of advice {n}): "
                             f"{' '.join(clauses)}")
        for at, numbers in also.items():
            number_said, rest = lines[at].split(".** ", 1)
            lines[at] = f"{number_said}.** (Also advice {summary.numbers_said(numbers)}.) {rest}"
        return "\n".join(lines)

    def _point(self, i: int, rec: Recommendation, graded: bool = False,
               terms_after: bool = False) -> str:
        """One piece of advice as a compact point: the sign, the advice, its exceptions,
        notes and cautions, and (for the care team) the label as printed. With
        ``terms_after`` the strict terms on which a treatment may still be done (who
        qualifies, what results first) give way to a pointer, their cautions kept: they are
        the care team's to check, and printed in full after the disclaimer."""
        out = self.recs[i]
        said, mixed = _marked(_staff_said_to_you(out.text), out.direction)
        head, *more = said.split("\n")
        shown = _grade(rec.grade) if rec.grade and graded else ""
        grade = f" (Grade: {shown})" if shown and not shown.startswith("Consensus") else ""
        # A list marked way by way says so before its first way, not after its last.
        only = " (only the ways marked ✖)" if mixed else ""
        lines = [f"- **{self.number[i]}.** {point_label(out)}{only}{grade}: {head}",
                 *self._context_line(rec)]
        # A list item's own items ("  - ") go one level deeper with it, never under a new dash.
        lines += [f"  {m}" if m.lstrip().startswith("- ") else f"  - {m}"
                  for m in more if m.strip()]
        for j in self.attached.get(i, []):
            lines += [f"  - {m.removeprefix('- ')}" for m in _staff_said_to_you(
                      self.recs[j].text).split("\n") if m.strip()]
        later = [j for j in self.exceptions.get(i, [])
                 if terms_after and j in self.also.get(i, [])]
        kept = [j for j in self.exceptions.get(i, []) if j not in later]
        for j in kept:
            lines.append(f"  - {self._exception_label(i, j)}: {joined(self.recs[j].text)}")
            lines += [f"    - Note: {n}" for n in self.notes.get(j, [])]
            lines += [line for c in self.cautions.get(j, []) for line in _caution_lines(c, "    ")]
        if later:
            # The terms decide whether the reader may have it: printed here, one line each,
            # never only after the disclaimer.
            lines.append("  - Its strict terms (your care team checks each one):")
            lines += [f"    - {_term_line(t)}" for j in later
                      for t in [joined(self.recs[j].text), *self.notes.get(j, [])]]
        lines += [f"  - Note: {n}" for n in self.notes.get(i, [])]
        lines += [line for c in [*self.cautions.get(i, []),
                                 *(c for j in later for c in self.cautions.get(j, []))]
                  for line in _caution_lines(c, "  ")]
        # A number in a note (a block's "at least 1 degree Celsius") is read there too.
        help_line = layout.number_help("\n".join([
            out.text, *self.notes.get(i, []),
            *(n for j in [*kept, *later] for n in self.notes.get(j, []))]))
        if help_line:
            lines.append(f"  - {help_line}")
        return "\n".join(lines)

    def _against_line(self, i: int, rec: Recommendation) -> str | None:
        """A point against under the overview on one line: what is advised against, with
        the reason the source gives (its listed problems, or a short caution) kept short.
        Its context and any longer caution stay under it. None where the ways against cannot
        be named one by one, where they are mixed with ways advised, or where it has an
        exception (printed whole, as it decides whether the reader may have it)."""
        if self.exceptions.get(i):
            # When it may still be done decides whether the reader may have it: the point
            # is printed whole, its exception and strict terms with it, before the
            # disclaimer.
            return None
        out = self.recs[i]
        said, mixed = _marked(_staff_said_to_you(out.text), out.direction)
        head, *items = [m.strip() for m in said.split("\n- ") if m.strip()]
        head = " ".join(head.split())
        if mixed:
            # A list mixing ways advised and ways not advised ("✖ abrupt stopping" beside
            # a slow taper) cut to its ✖ ways hides the way to do it: printed whole.
            return None
        text = head
        if items:
            text = f"{head.rstrip(':')}: {_short_list(items, AGAINST_REASON_WORDS)}"
        own = self.cautions.get(i, [])
        short = [c for c in own if "\n" not in c and len(c.split()) <= AGAINST_REASON_WORDS]
        if short and not (items or _REASON.search(head)):
            text = f"{text.rstrip('.')}. Take care: {short[0]}"
            short = short[1:]
        text += "".join(f" Take care: {c}" for c in short)
        lines = [f"- **{self.number[i]}.** {point_label(out)}: {text.rstrip()}",
                 *self._context_line(rec)]
        lines += [line for c in own if c not in short and ("\n" in c or len(c.split())
                                                           > AGAINST_REASON_WORDS)
                  for line in _caution_lines(c, "  ")]
        return "\n".join(lines)

    def _compact_points(self, ids: list[int], points: list[overview.Point],
                        against: dict[int, tuple[list[str], bool]], lines: list[str]) -> str:
        """The points a compact page prints before the disclaimer, as one list in the order
        of their numbers, one line each: what is not advised and when it may still be done,
        what is advised with a caution and the caution. A list that mixes ways advised with
        ways not advised is printed whole. Every word of each follows the disclaimer."""
        titles = {p.number: p.title for p in points}
        src = self.guideline.recommendations
        for i in sorted(ids, key=lambda i: self.number[i]):
            n = self.number[i]
            clauses, whole = against.get(i, ([], True))
            if not whole:
                lines.append(f"- **{n}.** \u2716 Advice against (part of advice {n}): "
                             f"{' '.join(clauses)}")
            elif self.recs[i].direction is Direction.AGAINST:
                lines.append(self._named(i, self._brief_against(i, titles.get(n, ""))
                                         or self._against_line(i, src[i])
                                         or self._point(i, src[i], terms_after=True)))
            else:
                lines.append(self._named(i, self._brief_caution(i, clauses)))
        return "\n".join(lines)

    def _warnings(self, i: int, unsaid: bool = False) -> list[str]:
        """The cautions of a point and of its exceptions; with ``unsaid``, only those
        "Things to consider" does not say already."""
        warns = [*self.cautions.get(i, []),
                 *(c for j in self.exceptions.get(i, []) for c in self.cautions.get(j, []))]
        return [c for c in warns if not (unsaid and any(_same_words(c, said)
                                                        for said in self.considered))]

    def _few_words_against(self, ids: list[int], points: list[overview.Point],
                           against: dict[int, tuple[list[str], bool]]) -> list[str]:
        """What a compact page advises against, a few words each under its topic line, with
        when it may still be done in a few words: the points in full, with their reasons,
        cautions, strict terms and lists, follow the disclaimer."""
        by_number = {p.number: p for p in points}
        groups: dict[str, list[tuple[str, str]]] = {}  # topic -> (kind, line)
        for i in sorted(ids, key=lambda i: self.number[i]):
            n = self.number[i]
            point = by_number.get(n)
            top = (point.top if point else "") or self.topic_of[i]
            clauses, whole = against.get(i, ([], True))
            if self.recs[i].direction is Direction.AGAINST and whole:
                said = [self._few_words(i, point.title if point else "")]
                # a short reason is the harm a reader weighs ("heart events and stomach
                # bleeding" for long-term NSAIDs, round-13 rater M): it stays with the name
                why = _SHORT_REASON.search(self.recs[i].text)
                if said[0] and why and "because" not in said[0]:
                    said = [f"{said[0]}, because of {why.group('why')}"]
            else:
                said = [_few_words_of(c, "", self.topic_of[i]) for c in clauses]
            # A harm that is short stays with its point before the disclaimer ("Take care:
            # Permanent nerve problems are common"), unless "Things to consider" says it: two
            # round-13 raters found it only after the disclaimer.
            warns = [_one_line(c) for c in self._warnings(i, unsaid=True)]
            brief = [w for w in warns if len(w.split()) <= CAUTION_WORDS]
            groups.setdefault(top, []).extend(
                ("medicines" if names_medicine(" ".join(s.split()[:6])) else "other",
                 f"{_fewer_names(s)} ({n})"
                 + "".join(f"\n    - Take care: {w}" for w in brief))
                for s in said if s)
        out = []
        for top, entries in groups.items():
            # A long list under one topic is split into medicines and the rest (round-15
            # rater U: twelve mixed entries under "Treatments — non-surgical" read as one).
            kinds = [k for k in _KIND_NAME if any(kind == k for kind, _ in entries)]
            parts = ([(f"{top}, {_KIND_NAME[k]}", [x for kind, x in entries if kind == k])
                      for k in kinds] if len(entries) > LONG_AGAINST and len(kinds) > 1
                     else [(top, [x for _, x in entries])])
            for name, lines in parts:
                out.append(f"- **{name}:**")
                out += [f"  - {x[:1].upper()}{x[1:]}" for x in lines]
        return out

    def _exception_against(self, i: int, said: str) -> list[str]:
        """"Skin patch opioids are not advised, other than buprenorphine" beside advice 18,
        "Buprenorphine is not advised for most people with long-term pain": the exception is
        no advice for it, and the page says how both hold (all four round-14 raters)."""
        notes = []
        for m in _OTHER_THAN.finditer(said):
            name = m.group("name")
            for j, n in self.number.items():
                text = joined(self.recs[j].text)
                if (j != i and self.recs[j].direction is Direction.AGAINST
                        and text.lower().startswith(name.lower())):
                    most = _MOST_PEOPLE.search(text)
                    notes.append(f"{name[:1].upper()}{name[1:]} is named here only as an "
                                 f"exception. Advice {n} advises against it"
                                 f"{' ' + most.group(0) if most else ''}. Ask your care team "
                                 "which applies to you.")
                    break
        return list(dict.fromkeys(notes))

    def _few_words(self, i: int, title: str) -> str:
        """A point against in a few words ("Sympathectomy: only in some cases, on strict
        terms, needs prior approval"): what is not advised and when it may still be done."""
        out = self.recs[i]
        said, mixed = _marked(out.text, out.direction)
        topic = self.topic_of[i]
        head, *items = [w.strip() for w in said.split("\n- ")]
        ways = [compiled(r"\s+[–-]\s.*$").sub("", compiled(r"^✖\s*(?:\d+\)\s*)?").sub(
            "", w)) for w in items if w.startswith("✖")]
        if mixed and not any(_VERB_FIRST.match(w) for w in ways):
            # The ways against of a list that also gives ways to do it, by their names, and
            # the first way advised when it has a short name: not only what not to do.
            # Every other way it lists, by its name, with no preference the guideline does
            # not give (round-15 rater T: "advised instead: slow taper" dropped the switch
            # to buprenorphine/naloxone and preferred one way).
            advised = [_WAY_END.split(compiled(r"^\d+\)\s*").sub("", w))[0].strip()
                       for w in items if not w.startswith("✖")]
            named = [w for w in advised if len(w.split()) <= 8]
            instead = (f" (other ways it lists: {'; '.join(named)})"
                       if named and len(named) == len(advised) else "")
            return f"{topic}: {'; '.join(ways)}{instead}"
        # A sentence cut into a list ("other substances such as:" … "✖ are not advised …")
        # is one sentence again.
        # So is a lead-in and its list ("Firm reasons never to have these shots include:"):
        # the lead-in alone names nothing.
        first = (f"{head.rstrip(':')} "
                 f"{', '.join(_unlinked([w.removeprefix('✖ ') for w in items]))}"
                 if mixed or (items and compiled(r"\bincludes?:\s*$").search(head)) else head)
        name = _few_words_of(first, title, topic)
        allowed = [j for j in self.exceptions.get(i, []) if j not in self.also.get(i, [])]
        terms = self.also.get(i, [])
        whole = " ".join([joined(out.text), *(joined(self.recs[j].text)
                                               for j in [*allowed, *terms])])
        when = []
        if allowed or terms:
            rare = any(_RARE.search(joined(self.recs[j].text)) for j in [*allowed, *terms])
            when.append("only in rare cases" if rare else "only in some cases")
        if terms:
            when.append("on strict terms")
        if _PRIOR_APPROVAL.search(whole):
            when.append("needs prior approval")
        # "Only in some cases" says "usually" already.
        return f"{name.removesuffix(_MOSTLY)}: {', '.join(when)}" if when else name

    def _named(self, i: int, point: str) -> str:
        """A point of a list with no topic headings names its topic when its words do not
        ("So, these devices are not advised." is "Orthotics: …")."""
        head, sep, rest = point.partition("\n")
        topic = self.topic_of[i]
        label = compiled(r"^(- \*\*\d+\.\*\* [^:]*: )")
        said = label.sub("", head)
        if (topic in _BY_DIRECTION.values() or _said(topic, head)
                or not compiled(r"^(?:(?:So|Now|Thus|Therefore),\s*)?(?i:it|they|these|this|those"
                                r"|such|none|other|time limited)\b").match(said)):
            return point
        return label.sub(lambda m: f"{m.group(1)}**{topic}:** ", head, count=1) + sep + rest

    def _on_terms(self, i: int) -> bool:
        """A point for that holds when it applies or what the reader must do or know first
        ("If you have completed 6 months of …", "This applies if …", "You must also …",
        "make sure you understand … the length of disability"): on a compact page it is
        said next to its topic before the disclaimer, not only named."""
        out = self.recs[i]
        return out.direction is Direction.FOR and bool(
            _UNDERSTAND.search(out.text) or (_ON_TERMS.search(out.text)
                                             and overview.permits(out.text)))

    def _brief_terms(self, i: int) -> str:
        """A point for on its terms, in short: the sentences that say when it holds or what
        to know first (the first one when none does), and a note that sets a limit ("usually
        limited to 3 shots per site per year"); its cautions and the rest follow the
        disclaimer."""
        out = self.recs[i]
        said = [joined(out.text), *(joined(self.recs[j].text) for j in self.attached.get(i, []))]
        text = " ".join(" ".join(said).replace("\n- ", " ").split())
        text = compiled(r":\s+(?=\S)").sub(": ", text)
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        terms = [t for t in sentences if _ON_TERMS.search(t) or _UNDERSTAND.search(t)
                 or overview.limits(t)]
        text = " ".join(dict.fromkeys([*sentences[:1], *terms]))
        text = _first_sentences(text, TERMS_WORDS)
        limits = [n for n in self.notes.get(i, []) if overview.limits(n)]
        text += "".join(f" {n}" for n in limits)
        # A caution stays before the disclaimer, unless "Things to consider" says it.
        text += "".join(f" Take care: {_one_line(c)}" for c in self._warnings(i, unsaid=True))
        topic = self.topic_of[i]
        # "It may be used. This applies if …" says what it is about only under its topic.
        named = "" if topic in _BY_DIRECTION.values() else f"**{topic}:** "
        return f"- **{self.number[i]}.** {_symbol(out)} {named}{text}"

    def _brief_caution(self, i: int, clauses: list[str]) -> str:
        """A point for with a caution on a compact page: its first sentences and each
        caution on one line."""
        out = self.recs[i]
        head = _first_sentences(joined(out.text), ALLOWED_WORDS)
        lines = [f"- **{self.number[i]}.** {point_label(out)}: {head}"]
        lines += [f"  - \u2716 Advice against: {c}" for c in clauses]
        warns = self._warnings(i)
        lines += [f"  - Note: {n}" for j in [i, *self.exceptions.get(i, [])]
                  for n in self.notes.get(j, [])]
        lines += [f"  - Take care: {_one_line(c)}" for c in warns]
        return "\n".join(lines)

    def _brief_against(self, i: int, title: str) -> str | None:
        """A point against on a compact page: what is not advised and, when the source
        allows it after all, when it may still be done, in a few words; its reasons, cautions
        and strict terms are in full after the disclaimer. None for a list that mixes ways
        advised with ways not advised: cut to its ✖ ways it would hide the way to do it."""
        out = self.recs[i]
        said, mixed = _marked(out.text, out.direction)
        if not title or said.split("\n")[0].rstrip().endswith(":"):
            return None  # its reasons are a list: said short by `_against_line`
        if mixed:
            # A list mixing ways advised and ways not advised ("✖ abrupt stopping" beside
            # a slow taper) cut to its ✖ ways hides the way to do it: printed whole.
            return None
        first = _first_sentences(said.split("\n")[0], ALLOWED_WORDS)
        first = compiled(r"(?<=[.;])\s.*").sub("", first) if not first.endswith("…") else first
        if title.endswith("…") or (len(first.split()) <= AGAINST_WORDS
                                   and not first.rstrip(".").endswith(":")):
            # Its own first sentence when short: the title drops what it says ("usually",
            # "needs prior authorization", the other drugs of a list). A title cut short
            # ("… except in cases of gangrene or…") may cut off whom it spares: the first
            # sentence, whole.
            title = first if (title.endswith("…") or _said(title, first)) else (
                f"{title.rstrip('.')}: {overview.lower_first(first)}")
        line = f"- **{self.number[i]}.** {point_label(out)}: {title[:1].upper()}{title[1:]}"
        line = line if line.endswith((".", "…")) else line + "."
        allowed = [j for j in self.exceptions.get(i, []) if j not in self.also.get(i, [])]
        for j in allowed:
            line += (f"\n  - {self._exception_label(i, j)}: "
                     f"{_first_sentences(joined(self.recs[j].text), ALLOWED_WORDS)}")
        terms = [t for j in self.also.get(i, [])
                 for t in [joined(self.recs[j].text), *self.notes.get(j, [])]]
        if terms:
            # The terms decide whether the reader may have it: one line each, never only
            # after the disclaimer.
            line += "\n  - Its strict terms (your care team checks each one):"
            line += "".join(f"\n    - {_term_line(t)}" for t in terms)
        warns = self._warnings(i)
        # With no exception or terms, the point and its cautions are one line.
        sep = "\n  - " if "\n" in line else " "
        line += "".join(f"{sep}Take care: {_one_line(c)}" for c in warns)
        return line

    def _context_line(self, rec: Recommendation) -> list[str]:
        """The heading the point stands under in the guideline, when it has one."""
        context = tidy(self.rw.simplify(rec.context, 1)).rstrip(".:") if rec.context else ""
        return [f"  - Part of the advice: {context}"] if context else []

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
            out[i] = (Audience.READER, page_plan.MORE_ADVICE_FULL if self.has_overview()
                      else page_plan.MORE_ADVICE)
        for i in self.care:
            out[i] = (Audience.CARE_TEAM, page_plan.CARE_TEAM_PART)
        for parent, inner in [*self.attached.items(), *self.exceptions.items()]:
            for j in inner:
                if parent in out:
                    out[j] = out[parent]
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
                compiled(r"^(?:Age|From age|Up to age|At age|Under age)\b|\((?:age|from|up to"
                          r"|under)\b").search(t) for t in titles):
            continue  # the ages in the titles already tell them apart
        whos = {k: _who_of(out[k].text) for k in same}
        clash: dict[str, list[int]] = {}
        for i, k in enumerate(same):
            if whos[k]:
                clash.setdefault(f"{titles[i]} {whos[k]}", []).append(k)
        for ks in clash.values():
            # The same title for the same group ("… goal" twice for diabetes): what follows
            # the title in its advice ("of less than 140 mmHg") tells them apart.
            for k in ks if len(ks) > 1 else []:
                more = _title_run_on(out[k].title or "", out[k].text)
                if more:
                    out[k] = dataclasses.replace(out[k], title=f"{out[k].title} {more}")
        aparts = [_long_condition_apart(out[k].text) for k in same]
        for k, apart in zip(same, aparts, strict=True):
            who = whos[k]
            said = compiled(r"^you (?:are|have) ").sub("", who).lower()
            title = out[k].title or ""
            if who and title:
                if said not in title.lower():
                    out[k] = dataclasses.replace(out[k], title=f"{title} (if {who})")
            elif title and apart and len(set(aparts)) == len(aparts):
                # Each block of the pair has its own: one alone would tell nothing apart.
                out[k] = dataclasses.replace(out[k], title=f"{title} ({apart})")
    return out


_ON_TERMS = re.compile(r"^If you (?!are not\b)|\bThis applies (?:if|when)\b|\bYou must\b",
                      re.IGNORECASE | re.MULTILINE)
_UNDERSTAND = re.compile(r"\bmake sure you understand\b", re.IGNORECASE)
"""A point for that holds only on its terms, or that the reader must know before deciding."""
_SHORT_REASON = re.compile(r"(?:This is )?(?:due to|because of) (?P<why>(?:a |the )?(?:higher |"
                           r"increased |high )?risks? of [^.;:()]{5,90})\.")
CAUTION_WORDS = 25
"""A caution this short is printed under its point against on a compact page."""
TERMS_WORDS = 35
"""A point for on its terms, on a compact page: at most about this many words."""
AGAINST_WORDS = 20
"""A point against whose first sentence is this short is said in its own words."""
ALLOWED_WORDS = 40
"""When a point against may still be done, on a compact page: at most about this many words."""


def _one_line(caution: str) -> str:
    """A caution, its list joined in ("…include: a; b; c"), on one line."""
    said = [x.strip().removeprefix("- ").strip() for x in caution.split("\n") if x.strip()]
    head, *items = said
    return f"{head} {'; '.join(_unlinked(items))}".strip() if items else head


def _unlinked(items: list[str]) -> list[str]:
    """A list's items without the "and" or "or" a sentence cut into a list leaves on the
    one before last ("blood disorders, and"): joined on one line it would read "and; …"."""
    return [compiled(r",?\s*\b(?:and|or)$").sub("", w).rstrip(" ,;") for w in items]


_RARE = compiled(r"\brare(?:ly)?\b", re.IGNORECASE)
_PRIOR_APPROVAL = compiled(r"\b(?:requires?|needs?) prior authori[sz]ation\b", re.IGNORECASE)
_NOT_ADVISED_AT = compiled(r"\s+(?:and so\s+)?(?:is|are)(?:,\s*so,)?\s+(?:also\s+)?"
                           r"(?:usually\s+|generally\s+)?(?:also\s+)?(?:not\s+(?:usually\s+)?"
                           r"(?:advised|recommended)|rarely needed)(?:\s+to be used)?\b,?\s*")
_LEAD_IN = compiled(r"^(?:there is (?:\w+ )?(?:proof|evidence) that|experts? (?:advise|"
                    r"suggest)s? against)\s+", re.IGNORECASE)
_CLAUSE_VERB = compiled(r"\b(?:is|are|was|were|does|do|did|may|can|will|should|has|have)\b")
_POINTING_BACK = compiled(r":\s*(?:so|thus|now|therefore),?\s+(?:it|they|these \w+)$",
                          re.IGNORECASE)
_NAMES_NOTHING = compiled(r"^(?:either|not|none)\b|\b(?:it|they|these|this|those|such)\b",
                          re.IGNORECASE)
_VERB_FIRST = compiled(r"(?:is|are|was|were)\b")
_LINKED = compiled(r"^(?:so|now|thus|therefore|also|but|however|similarly),?\s+", re.IGNORECASE)
_BECAUSE = compiled(r"\s+(?:as(?!\s+an?\b)|because|since|due to)\s.*$")
_QUALIFIER = compiled(r"^(?:for|in|with|during|after|before|as an?)\b", re.IGNORECASE)
_NOT_ADVISED_ALONE = compiled(r"^(?:It is |This is )?[Nn]ot (?:usually |generally )?(?:advised|"
                              r"recommended)$")
_ADVISE_AGAINST = compiled(r"\b[Ee]xperts? (?:do not advise|advise against)\s+(?P<name>[^;()]+?)"
                           r"(?:\s+\((?:usually )?not advised\))?(?=\s+(?:since|because|as|due "
                           r"to)\b|$)")
_MOSTLY = ", in most cases"
FEW_WORDS = 10
"""What a point against is against, in the compact page's list: at most about this many
words; a longer name is said by the point's title or topic."""


_NAME_RUN = compiled(r"(?P<first>\b[\w-]+(?: [\w-]+)?)(?P<rest>(?:, [\w-]+(?: [\w-]+)?){4,},? "
                     r"(?:and|or) [\w-]+(?: [\w-]+)?)$")


def _fewer_names(said: str) -> str:
    """A few words against that end in six names or more ("IV blocks with guanethidine,
    ketanserin, beryllium phentolamine, reserpine, droperidol and atropine") name the first
    and count the others: a list too long to take in at a glance, where every name a round-14
    rater met was one more word to look up; all of them follow the disclaimer."""
    m = _NAME_RUN.search(said)
    if not m:
        return said
    others = len(compiled(r",\s*(?:and |or )?|\s(?:and|or)\s").split(m.group("rest").strip(", ")))
    return f"{said[:m.start()]}{m.group('first')} or {others} others"


def _few_words_of(sentence: str, title: str, topic: str) -> str:
    """The thing a sentence advises against, with whom or what for and any exception in it
    ("Fentanyl is not advised for use with people with …" -> "Fentanyl, for use with people
    with …"; "… except in cases of gangrene …" kept whole), its reason left out; the title,
    else the topic, for a thing named only as "it". A sentence of another form ("Shots
    should be minimized for people under 30", a dose not to exceed) is said whole: cut
    short, it would lose what it allows or limits."""
    first = compiled(r"(?<=[.;])\s.*").sub("", " ".join(sentence.split())).rstrip(".:; ")
    first = _LINKED.sub("", first)
    first = first[:1].upper() + first[1:]
    title = title.rstrip(".")
    if _NOT_ADVISED_ALONE.match(first):
        # "Not usually advised." says what it is about only by its title or topic
        alone = compiled(r"^(?:It|This) is ").sub("", first)
        return _few_words_of(f"{title or topic} is {alone[:1].lower()}{alone[1:]}", "", topic)
    at = _NOT_ADVISED_AT.search(first) or _ADVISE_AGAINST.search(first)
    if not at:
        return first if not _NAMES_NOTHING.search(first) else f"{topic}: {first}"
    if at.re is _ADVISE_AGAINST:
        name, rest = at.group("name"), ""
    else:
        name, rest = _LEAD_IN.sub("", first[:at.start()]), first[at.end():]
    name = _POINTING_BACK.sub("", name).strip().rstrip(",")
    if _CLAUSE_VERB.search(name):
        return first  # what it is against is inside a clause ("… is not helpful for …")
    if not name or _NAMES_NOTHING.search(name) or (len(name.split()) > FEW_WORDS
                                                   and "," not in name):
        # a list of names is kept whole: each may be the one a reader is offered
        name = title if title and not title.endswith("…") and not _NAMES_NOTHING.search(title) \
            and len(title.split()) <= FEW_WORDS else topic
    if "except" in rest.split():
        rest = rest[rest.index("except"):]
    elif _QUALIFIER.match(rest):
        # whom or what for it is not advised narrows it: kept whole, its reason not
        rest = _BECAUSE.sub("", rest) if not rest.startswith("as ") else rest
    else:
        rest = ""
    said = f"{name}, {rest}" if rest else name
    return f"{said}{_MOSTLY}" if "usually" in at.group(0) else said


def _same_words(one: str, other: str) -> bool:
    """Two cautions that say the same with a word or two changed ("diagnostic shots",
    "treatment shots")."""
    a, b = (set(re.findall(r"[a-z0-9]+", t.lower())) for t in (one, other))
    return bool(a and b) and len(a & b) >= SAME_WORDS * len(a | b)


SAME_WORDS = 0.75
"""Two cautions sharing this share of their words say the same."""


def _first_sentences(text: str, most: int) -> str:
    """Whole sentences of ``text`` up to ``most`` words, the first one always and whole:
    what decides is said first, and a sentence cut short can drop the condition it ends
    with ("… your care team should only use this type …", two round-13 raters)."""
    out: list[str] = []
    for sentence in compiled(r"(?<=[.;])\s+(?=[A-Z])").split(" ".join(text.split())):
        if out and len(" ".join([*out, sentence]).split()) > most:
            break
        out.append(sentence)
    return " ".join(" ".join(out).split())


def _who_of(text: str) -> str:
    """Whom a block's advice is for, from its opening "If …:", with no bracketed aside (a
    title's own brackets never nest)."""
    m = compiled(r"^(?:If|When) (?P<who>[^:\n]{3,90}?)(?::\n|, )").match(text)
    if not m or len(m.group("who").split()) > 12:
        return ""
    return compiled(r"\s*\([^()]*\)").sub("", m.group("who")).strip()


def _title_run_on(title: str, text: str, limit: int = 6) -> str:
    """The words right after a title in its advice, to the end of the phrase ("of less than
    140 mmHg"); "" when they run past ``limit`` words."""
    m = re.search(re.escape(title), text, re.IGNORECASE)
    if not m:
        return ""
    more = compiled(r"[,.;:(\n]|\s(?:for|if|when|in|who|that|which|because)\s").split(
                    text[m.end():], maxsplit=1)[0].split()
    if not more or len(more) > limit or more[0].lower() not in {
            "of", "at", "to", "below", "above", "under", "over", "from", "with", "within"}:
        return ""
    return " ".join(more)


_LEAD_TIME = re.compile(r"^(?P<when>(?:At|During|Before|After|While) [^,:\n]{3,60}?),")
_MAY_BE_USED = re.compile(r"^If [^:\n]*?\bthat (?P<what>[a-z][\w -]{3,50}?) (?:\([^()]*\) )?"
                          r"may be used\b")


def _long_condition_apart(text: str) -> str | None:
    """What tells a block apart when its condition is too long for a title: its leading time
    ("at the time of the organ offer") or what may be used ("if stored donated blood vessels
    may be used")."""
    when = _LEAD_TIME.match(text)
    if when:
        return when.group("when")[:1].lower() + when.group("when")[1:]
    used = _MAY_BE_USED.match(text)
    return f"if {used.group('what')} may be used" if used else None


def _topic_title(topic: str, out: PvgRecommendation) -> str | None:
    """A statement about "it" or "these" is about its section's subject: that is its
    title ("It is not advised." under "Epidural infusions")."""
    if topic in _BY_DIRECTION.values() or not compiled(
            r"(?:It|This|These|They|Not|The treatment|The procedure)\b").match(out.text):
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
    said = compiled(r"^Category\s+").sub("", " ".join(grade.split(";")[0].split())).strip(" .")
    return compiled(r"(?<=^[A-DI]) (?:recommendation|statement)$").sub("", said)


# Lab and hospital handling inside advice for the reader: no step the reader takes or goes
# through, so it is said in the part for the care team.
_HANDLING = re.compile(r"^(?:(?:Donor |The )?(?:blood )?samples? should be (?:gotten|collected"
                       r"|drawn|obtained) before\b|[\w/ -]{0,40}\btest results should be made "
                       r"available before\b|After [^.]{3,60}, any remaining [^.]{3,60} should be "
                       r"disposed of\b)", re.IGNORECASE)


# "You should have met the rules for opioids … before beginning long-term opioids."
_BEFORE_START = re.compile(r"\b(?:met|meet|meets)\b[^.]*\bbefore (?:beginning|starting|you "
                           r"(?:begin|start))\b", re.IGNORECASE)
_TERM_LEAD = re.compile(r"^(?:Reasons?|Indications?|Criteria)\s*[–:-]\s*", re.IGNORECASE)
_TERM_NOT_IF = re.compile(r"^Your care team should not (?:do|give|use|offer) .+? if ",
                          re.IGNORECASE)
_TERM_APPLIES = re.compile(r"^.+? may be an option\. This applies (?:only )?if ", re.IGNORECASE)


def _term_line(text: str) -> str:
    """One strict term as a short line of a list headed by the treatment's terms: its lead-in
    ("Reasons –", "X may be an option. This applies if") is what the heading already says."""
    text = _TERM_LEAD.sub("", text.strip())
    if _TERM_NOT_IF.match(text):
        text = "Not if " + _TERM_NOT_IF.sub("", text)
    else:
        text = _TERM_APPLIES.sub("", text)
    return text[:1].upper() + text[1:]


# "… your testing sometime between one and three months after the transplant to include
# hepatitis B nucleic acid test and hepatitis B surface antigen, and at 12 months …": which
# lab tests make up the panel is the lab's; when the reader is tested is theirs.
_PANEL = re.compile(r" to include (?P<tests>.+?)(?=,? and (?:at|sometime|again|then) |\s\(|\.$|$)")


def _without_panels(sentence: str, moved: list[str]) -> str:
    """A sentence on the reader's testing without the lists of lab tests it includes, each
    list added to ``moved`` with its time ("Tests at 12 months after the transplant: …")."""
    def cut(m: re.Match[str]) -> str:
        times = page_plan.times_of_care(sentence[: m.start()])
        when = f" {times[-1]}" if times else ""
        moved.append(f"Tests{when}: {m.group('tests')}.")
        return ""

    return _PANEL.sub(cut, sentence)


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
        for sent in compiled(r"(?<=\.)\s+(?=[A-Z])").split(line):
            last = bool(_HANDLING.match(sent) or (last and sent.startswith("The aim is ")))
            if not last and compiled(r"\byour testing\b").search(sent):
                sent = _without_panels(sent, moved)
            (moved if last else kept).append(sent)
        if kept:
            lines.append(" ".join(kept))
    if not moved or not any(line.strip() for line in lines):
        return text, []
    return "\n".join(lines), moved
