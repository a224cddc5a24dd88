"""What a long guideline's patient page shows first, under which heading, and what it
leaves to the part for the care team.

A page that prints 40 or 60 pieces of advice at one weight hides the few a reader can act
on. For a long guideline the page therefore shows about 15 first: what the reader can do,
ask for or expect, under headings taken from the reader's situation ("If you are a living
donor", "Before your surgery", "Your part in your care"); when it names two or more readers,
one order: by reader, then by time of care. The reader's other advice follows in full.

The patient page is for the patient: a duty of the care system that the reader neither does,
asks for nor goes through (an agency's report, a lab's samples, a payer's plan) leaves its
advice list for one paragraph, and is printed in full in a part for the care team after the
disclaimer. When in doubt, advice stays with the reader. Every piece of advice stays in the
patient version with its grade, strength and direction: a recommendation moved is never a
recommendation dropped.

The rules are about the words of the advice, never about one guideline. The module is pure:
it decides an order and headings from text, direction and strength, nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.model import Audience, Direction, Strength
from domain.patterns import compiled
from domain.reader import meets_care
from domain.voice import names_medicine

__all__ = ["AFTER_DISCLAIMER", "CARE_TEAM_GRADES", "CARE_TEAM_PART", "CARE_TEAM_WORDS",
           "CLINICIAN_KIND", "COMPACT_LIMIT", "GRADES_LINE", "LONG", "MAIN_LIMIT", "MORE_ADVICE",
           "MORE_ADVICE_FULL", "Advice", "Plan", "action_title", "advice_numbers",
           "care_team_heading", "care_team_only", "clinician_process", "duties_note",
           "medicine_to_avoid", "plan",
           "printed_grades", "reader_of", "relevance", "situation", "summary_order",
           "timeline", "whole_list"]

LONG = 1500
"""More words of advice than this (about six printed pages at one weight) make a guideline
long: its page selects."""
MAIN_MIN = 5
"""A page with fewer pieces of advice for the reader than this is written for the care team
(a lab protocol): it shows all its advice alike."""
MAIN_LIMIT = 15
"""About how many pieces of advice the main page of a long guideline shows."""
COMPACT_LIMIT = 10
"""How many pieces of advice the main page of a compact page shows (a long guideline of
ungraded advice, its points against listed apart, one line each)."""
MORE_ADVICE = "More advice in this guideline"
"""The reader's advice a long page does not show first: still the reader's page."""
CARE_TEAM_PART = "For the care team: duties of the care system"
"""The care system's duties, after the disclaimer: no part of the reader's advice list."""
MORE_ADVICE_FULL = "All the other advice, in full"
"""The points a long "More advice" overview stands for, after the disclaimer, first."""
CARE_TEAM_WORDS = "**Words used in this part:**"
CARE_TEAM_GRADES = "For the care team: the guideline's grades"
"""The guideline's grade labels as printed, after the disclaimer, on a page with no duties
of the care system: a code such as "IB" tells a reader nothing, a health worker a lot."""
GRADES_LINE = "The guideline's grades as printed, by advice number:"
AFTER_DISCLAIMER = (MORE_ADVICE_FULL, CARE_TEAM_PART, CARE_TEAM_GRADES)
"""The parts after the disclaimer, set apart from the reader's page by one rule."""


def care_team_heading(heading: str) -> bool:
    """A part written for health workers: after the disclaimer, out of the reader's page."""
    return heading in (CARE_TEAM_PART, CARE_TEAM_GRADES)


def printed_grades(numbered: list[tuple[int, str]]) -> str:
    """Each grade label once, with the numbers of the advice that has it ("IB: advice 3,
    5 to 15"), in the order the labels first come down the page."""
    by_label: dict[str, list[int]] = {}
    for number, label in sorted(numbered):
        by_label.setdefault(label, []).append(number)
    return "\n".join(f"- {label}: advice {_runs(numbers)}" for label, numbers in by_label.items())


def _runs(numbers: list[int]) -> str:
    """"5 to 15" for a run of three or more numbers, the others one by one."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out += ([f"{start} to {prev}"] if prev - start >= 2
                else [str(k) for k in range(start, prev + 1)])
        if n is not None:
            start = prev = n
    return ", ".join(out)


@dataclass(frozen=True)
class Advice:
    """One block of advice as the plan sees it."""

    index: int
    """Its position in the guideline."""
    text: str
    """The patient wording."""
    direction: Direction
    strength: Strength
    process: bool = False
    """Pure process (records, samples, agencies telling each other)."""
    topic: str | None = None
    """The guideline's own heading for it, used when no situation of the reader fits."""


@dataclass(frozen=True)
class Plan:
    groups: list[tuple[str, list[int]]]
    """The main page: a heading from the reader's situation and its advice, strongest first."""
    rest: list[int]
    """The reader's other advice, printed after the main page, in the guideline's order."""
    audience: dict[int, Audience] = field(default_factory=dict)
    care_team: list[int] = field(default_factory=list)
    """The care system's duties, printed in the part for the care team only."""
    kinds: dict[int, str] = field(default_factory=dict)
    """What the reader does in each main-page piece of advice, on a page about the reader's
    own part ("activity", "work", "therapy", "medicine" to avoid): what a summary says."""
    who: dict[int, str] = field(default_factory=dict)
    """Whom each main-page piece of advice is about, when the page names two or more readers
    ("Transplant candidate"): the timeline's "Who" column."""
    ranked: list[int] = field(default_factory=list)
    """The main page's advice, most relevant first: what a summary says first."""

    def main(self) -> list[int]:
        return [i for _, ids in self.groups for i in ids]


# --- who the advice is for -----------------------------------------------------------------

_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_YOUR_TEAM = re.compile(r"\byour (?:care team|doctor|clinician|transplant center)\b",
                        re.IGNORECASE)
# A statement whose subject is an organisation, a payer or staff, that never speaks to the
# reader: how the system is run, not care the reader meets.
_SYSTEM_SUBJECT = re.compile(
    r"^(?:(?:In|For|When|If|Before|After|During)\b[^,:]{0,80}[,:]\s*)?"
    r"(?:the |all |each |any |a |an )?(?:[\w'-]+,? (?:and |or )?){0,5}"
    r"(?:organi[sz]ations?|centers?|centres?|networks?|registr(?:y|ies)|hospitals?|laborator(?:y|ies)|compan(?:y|y's|ies)|employers?|insurers?|payers?"
    r"|health plans?|health workers|case managers|staff|programs? (?:staff|managers))\b"
    r"(?: \([^()]*\))? (?:should|must|may|will|need to|is|are)\b",
    re.IGNORECASE)
_SAMPLES = re.compile(r"\b(?:blood |plasma |serum )?(?:samples?|specimens?)\b[^.]{0,60}"
                      r"\b(?:should|must) be (?:collected|stored|drawn|sent|kept|labell?ed)\b"
                      r"|\b(?:should|must) be (?:collected|stored)\b[^.]{0,40}\bsamples?\b"
                      r"|\btwo blood samples\b", re.IGNORECASE)
_PAYER = re.compile(r"\b(?:company's|employer's|insurer's) (?:health )?plan\b|\bprior "
                    r"authori[sz]ation\b(?![^.]*\bnot\b)", re.IGNORECASE)


def care_team_only(text: str) -> bool:
    """Advice only the care system acts on, that no reader meets as care: an organisation's
    duty, a lab's handling of samples, a payer's plan. Advice that speaks to "you", says
    what "your care team" does for you, or names care the reader meets (an employer's part
    in their return to work, their treatment plan) is never this."""
    first = text.split("\n")[0]
    if _YOU.search(text) or _NAMED_AGAINST.search(first):
        return False  # care the reader meets, or a thing to avoid
    if _READER_EXCEPTION.search(text):
        return False  # an exception the reader goes through ("… unless … needed for the
        # initial transplant procedure in the recipient")
    system = _SYSTEM_SUBJECT.search(first)
    if system and _MET.search(system.group(0)):
        system = None  # health workers and case managers are people the reader meets
    samples = _SAMPLES.search(first)
    if meets_care(first):
        # an employer's part in your return to work, blood drawn after your last dose: yours
        system = samples = None
    return bool(system or samples or _PAYER.search(first))


# An exception in the reader's own care: a duty that gives way to it is no duty of the system
# alone ("not released for clinical use unless … needed for the initial transplant procedure in
# the recipient").
_READER_EXCEPTION = re.compile(r"\b(?:unless|except(?:ion)?)\b[^.;]*\b(?:in|for|of|to) "
                               r"(?:the |a |an )?(?:recipients?|donors?|candidates?|patients?"
                               r"|people|persons?|workers?|women|men|children)\b", re.IGNORECASE)


# Staff a reader meets in person: which of them gives care is care the reader can ask about.
_MET = re.compile(r"\b(?:health workers|case managers)\b", re.IGNORECASE)


# How clinicians plan and record care, asked of them and of no one else: what a plan is based
# on, what a record holds, how a needle is guided. The care itself (a treatment, a test,
# teaching, a limit on shots, the findings that make surgery fit) names what the reader gets.
_CLINICIAN_PROCESS = re.compile(
    r"\btreatment plans?\b[^.]{0,40}\b(?:should|must) (?:always )?be based on\b"
    r"|^No treatment plan is complete without\b"
    r"|^Your (?:care team|doctor|clinician) (?:should|must) (?:record|document)\b"
    # how a needle is guided: the clinician's technique, not a choice of care
    r"|^Not all [\w -]{3,40} (?:need|require)s? (?:fluoroscop\w*|imaging|image guidance"
    r"|ultrasound guidance)\b",
    re.IGNORECASE)

def clinician_process(text: str) -> bool:
    """Advice that only tells clinicians how to plan or record care (the basis of a plan,
    how a needle is guided), that speaks to no "you": the reader neither does, chooses nor
    goes through it."""
    first = "\n".join(text.split("\n")[:2]) if text.split("\n")[0].endswith(":") else (
        text.split("\n")[0])
    if compiled(
            r"\byou\b|\bconsent\b|\binformed (?:choice|decision)|\bshared decision",
            re.IGNORECASE).search(
                 text):
        return False  # the reader's own choice, even where what is asked is to record it
    if verdict_on_care(first):
        return False
    return bool(_CLINICIAN_PROCESS.search(first))


# A verdict on care the reader could receive: a treatment said not to be advised, or when
# surgery is done at all (the diagnosis and findings it needs, its risk weighed against its
# benefit). Technique ("Not all nerve blocks need fluoroscopy") and record-keeping are not.
_VERDICT_ON_CARE = re.compile(
    r"\b(?:is|are) (?:also |usually |generally )?not (?:advised|recommended)\b"
    r"|\b(?:surgery|surgical|operative treatment|operations?)\b", re.IGNORECASE)


def verdict_on_care(text: str) -> bool:
    """Advice for or against a treatment, test or procedure the reader could go through:
    it stays on the reader's page, however clinical its words, since the reader may be
    offered that care."""
    return bool(_VERDICT_ON_CARE.search(text))


# How samples are drawn and stored tissue kept: lab and inventory work, whoever the samples
# come from and whatever use of the tissue is allowed ("two blood samples should be collected
# …", "stored blood vessels … should be set aside … The exception is if … in the recipient").
_HANDLING = re.compile(
    r"^(?:(?:For|In|When|If)\b[^.:]{0,100}?[,:]\s*)?(?:the |all |any |each |two |a )?"
    r"(?:[\w'-]+ ){0,4}(?:samples?|specimens?|blood vessels?|tissues?)\b[^.]{0,80}?"
    r"\b(?:should|must) be (?:collected|stored|drawn|sent|kept|labell?ed|set aside"
    r"|quarantined|discarded|disposed of|archived)\b", re.IGNORECASE)


def lab_handling(text: str) -> bool:
    """Advice on how samples are collected or stored tissue is kept, said to no "you": the
    reader neither does it nor goes through it (their test is other advice)."""
    return not _YOU.search(text) and bool(_HANDLING.search(text.split("\n")[0]))


def _audience(a: Advice) -> Audience:
    if lab_handling(a.text):
        return Audience.CARE_TEAM
    if _READER_EXCEPTION.search(a.text):
        return Audience.READER  # process, but with an exception the reader goes through
    if a.process or care_team_only(a.text) or clinician_process(a.text):
        return Audience.CARE_TEAM
    return Audience.READER


# --- what the reader can act on first --------------------------------------------------------

# Things a reader does for themselves: staying active, work, smoking, sleep, goals.
_SELF_CARE = re.compile(
    r"\b(?:daily activities|normal activit\w*|activity|activities|exercis\w*|home exercise"
    r"|(?:return(?:ed|ing)?|back)[ -]to[ -](?:work|duty)|work (?:stopping|status|duties)|smok\w*"
    r"|(?:modified|restricted|light)(?: or (?:modified|restricted|light))? duty"
    r"|active (?:treatment|therapy)|(?:mental|psychological|behavioral)(?: and social)? treatment"
    r"|sleep|goals?|self-management|diet|eat\w*|weight|rest (?:breaks?|periods?)|immobility)\b",
    re.IGNORECASE)
_NAMED_AGAINST = re.compile(r"\b(?:is|are) (?:usually |generally )?not (?:advised|recommended)"
                            r"|\bshould (?:be avoided|not be (?:used|done|given))\b|^Not advised"
                            r"|\bexperts (?:also )?advise (?:not|against)\b"
                            r"|^(?:Also, )?do not use\b"
                            r"|^[^.]{0,200}?[:,] do not use\b", re.IGNORECASE)
_THIRD_PARTY = re.compile(r"^(?:- )?(?:The|A|An|All|Each|Any) (?:[\w'/-]+ ){0,3}(?:donors?|"
                          r"mothers?|person|people|patients?|workers?|employees?)\b(?! who)",
                          re.IGNORECASE | re.MULTILINE)
# A named doer that is not the reader's care team ("The transplant team should test all
# would-be organ donors", "The lab should make test results available"): done for someone
# else, as advice about a third party is.
_OTHERS_DOER = re.compile(r"^(?:- )?The (?:transplant team|lab)\b")
_PERMISSION = re.compile(r"\bmay (?:be|occasionally be|also be) (?:an option|considered|used|right"
                         r"|appropriate|employed)\b|\b(?:is|are) considered right\b",
                         re.IGNORECASE)
_URGENT = re.compile(r"\b(?:right away|emergency|immediately|at once|911|urgent(?:ly)?"
                     r"|seek (?:quick |prompt |immediate )?medical (?:attention|care|help))\b",
                     re.IGNORECASE)
_VAGUE = re.compile(r"^(?:Types of|An? essential element|Other care|All (?:active|operative)"
                    r"|A full check|Surgery is needed|Teaching should|Gains in|Lab or other"
                    r"|Objective, measurable)", re.IGNORECASE)

_PAYER_SUBJECT = re.compile(r"\b(?:employers?|insurers?|payers?)\b[^.:]{0,20}\b(?:should|must)\b",
                            re.IGNORECASE)

_FOR_MOST_PEOPLE = re.compile(r"\bfor (?:most|all) (?:people|persons|workers|patients)\b"
                              r"|\bfor everyone\b|^Like (?:most people|everyone),",
                              re.IGNORECASE)
_TEAM_ACTS = re.compile(r"^(?:Your (?:care team|doctor|clinician)|The (?:doctor|care team|"
                        r"clinician|treating doctor))\b[^.]{0,20}\b(?:should|must|may|will)\b")

# "Your care team should teach you about …", "… release or return you to duty": the reader's
# own advice said with its doer first, read as "You should be taught about …" is.
_TEAM_TO_YOU = re.compile(r"^(?:Your (?:care team|doctor|clinician))\s+(?:should|must|may|will)"
                          r"(?: (?:not|also|strongly|first|then|usually|always))* [a-z-]+"
                          r"(?: (?:or|and) [a-z-]+)? you\b(?! (?:for|with)\b)")

_YOU_AVOID = re.compile(r"^You should (?:avoid|not|stop)\b")


def medicine_to_avoid(a: Advice) -> bool:
    """Advice against a medicine the reader might take ("Fentanyl is not advised …",
    "Chronic use of NSAIDs is usually not advised"): the warnings a reader needs first."""
    first = a.text.split("\n")[0]
    if a.direction is not Direction.AGAINST or not _NAMED_AGAINST.search(first):
        return False
    return names_medicine(" ".join(compiled(r"[\w/-]+").findall(first)[:8]))

def relevance(a: Advice) -> int:
    """How much a reader can do with a piece of advice: higher first. Speaking to "you",
    a step the reader takes, a named thing to avoid and a strong grade all count; "not
    enough evidence", long text and advice about someone else count against."""
    score = 0
    to_you = bool(_TEAM_TO_YOU.match(a.text))
    if to_you or compiled(
            r"\byou (?:should|can|may|must|will|need)\b", re.IGNORECASE).search(a.text):
        score += 3  # the reader acts, or is taught, told or encouraged to
    elif _YOU.search(a.text):
        score += 1  # the reader is named, as who the care is for
    if a.direction is not Direction.INSUFFICIENT and _SELF_CARE.search(a.text):
        # what the reader does, or avoids doing; less when the care team is the one acting
        # ("Your care team may monitor quitting smoking")
        team = _TEAM_ACTS.match(a.text) and not to_you
        score += 1 if team else 3 if a.direction is Direction.FOR else 2
    if a.direction is Direction.AGAINST and _YOU_AVOID.match(a.text):
        score += 1  # a thing the reader avoids doing themselves ("You should avoid complete
        # work stopping"): their own step, as much as one they take
    if a.direction is Direction.AGAINST and _NAMED_AGAINST.search(a.text.split("\n")[0]):
        score += 3 if len(a.text.split()) <= 25 else 2
        if medicine_to_avoid(a):
            score += 2  # a medicine the reader might take, or be offered
    if _FOR_MOST_PEOPLE.search(a.text):
        score += 2  # said to be for most people: the reader is very likely among them
    stages = _stages(a.text)
    if stages and stages[0][0] == 0:
        score += 2  # a step at the very start of care ("at the first visit", "as soon as")
    elif stages or _BEFORE.search(a.text) or _AFTER.search(a.text):
        score += 1  # a step at a known time of the reader's care
    score += {Strength.STRONG: 2, Strength.MODERATE: 1}.get(a.strength, 0)
    if _URGENT.search(a.text):
        score += 10  # a step to take at once is never left for later pages
    if a.direction is Direction.INSUFFICIENT:
        score -= 2
    if len(a.text.split()) > 120:
        score -= 1
    # "… is needed for:" and its groups: whom the advice is for, never a third party.
    about = compiled(r"\bfor:(?:\n- [^\n]*)+").sub("for:", a.text)
    if (_THIRD_PARTY.search(about) or _OTHERS_DOER.match(a.text)) and not _YOU.search(a.text):
        score -= 2
    if _VAGUE.search(a.text):
        score -= 2
    system = _SYSTEM_SUBJECT.search(a.text.split("\n")[0])
    if system and not compiled(r"\byou\b", re.IGNORECASE).search(system.group(0)):
        score -= 3  # said to the doctor, employer or insurer, whatever it mentions of you
        if _PAYER_SUBJECT.search(system.group(0)):
            score -= 2  # an employer's or insurer's duty is no step of the reader's
    return score

# --- headings from the reader's situation ------------------------------------------------------

# "If you have extra heart and blood vessel risk factors": "and" before the rest of a head
# noun both sides share is inside the condition; elsewhere it ends it ("diabetes and …").
_SHARED_HEAD = (r"(?!\s+(?:[\w-]+\s+){1,4}(?:risk factors|factors|problems|conditions"
                r"|diseases|disorders|symptoms)\b)")
_IF_YOU = re.compile(r"^(?P<when>If|When) you (?P<verb>are|have|were|had|take|use|need)\s+"
                     r"(?P<who>(?:[^:,;\n()]|\([^()\n]*\))+?)"
                     r"(?=\s+(?:with|who|whose|that|found|linked|because|and" + _SHARED_HEAD
                     + r")\b|\s*[:,;\n]|$)")
_EVENT = r"(?P<what>surgery|transplant(?:ation)?|operation|procedure)"
_BEFORE = re.compile(rf"\bbefore (?:the |your |any |a |you are placed on the )?(?:\w+ )?{_EVENT}\b"
                     r"|\bpre-?(?P<pre>operative|transplant)\b", re.IGNORECASE)
_AFTER = re.compile(rf"\bafter (?:the |your |a )?{_EVENT}\b|\bpost-?(?P<post>operative"
                    r"|transplant)\b", re.IGNORECASE)
_EVENT_WORD = {"transplantation": "transplant", "operative": "surgery", "operation": "surgery",
               "procedure": "procedure", "transplant": "transplant", "surgery": "surgery"}
AGAINST = "What experts advise against"
SELF_CARE = "Your part in your care"
EXPECT = "What your care team can offer you"
# The reader's own part first: it holds for every reader now; a time of care ("Before your
# surgery") holds for some, later.
_ORDER = ("if", SELF_CARE, "before", "after", EXPECT, "topic", AGAINST)

def _event(m: re.Match[str]) -> str:
    word = next(g for g in m.groups() if g)
    return _EVENT_WORD.get(word.lower(), word.lower())

def situation(a: Advice) -> tuple[str, str]:
    """The heading a reader looks for, and its kind (for the order of groups): who they are
    ("If you are a transplant candidate"), where they are in their care ("Before your
    surgery", "After your transplant"), their own part, or what experts advise against."""
    first = a.text.split("\n")[0]
    m = _IF_YOU.match(first)
    # "If you have A, or you are B, and you …": A alone would narrow the heading
    goes_on = m is not None and bool(compiled(r",?\s+(?:or|and)\s+(?:you|your)\b").match(
        first[m.end():]))
    if m and len(m.group("who").split()) <= 7 and not goes_on:
        return f"{m.group('when')} you {m.group('verb')} {m.group('who').strip()}", "if"
    if a.direction is Direction.AGAINST:
        return AGAINST, AGAINST
    after = _AFTER.search(first)
    before = _BEFORE.search(first)
    if after and (not before or after.start() < before.start()):
        return f"After your {_event(after)}", "after"
    if before:
        return f"Before your {_event(before)}", "before"
    if a.direction is Direction.FOR and (_SELF_CARE.search(first) or compiled(
            r"\byou (?:should|can|must|need to)\b", re.IGNORECASE).search(first)):
        return SELF_CARE, SELF_CARE
    if a.topic:
        return a.topic, "topic"
    return EXPECT, EXPECT

def plan(advice: list[Advice], limit: int = MAIN_LIMIT, long: int = LONG,
         against_apart: bool = False) -> Plan | None:
    """The page of a long guideline; None for a short one, whose page shows all its advice.
    The main page takes the most relevant advice for the reader (care-system process never),
    at most ``limit``; groups come in the order of a reader's care (who you are, before,
    after, your part, what to expect, what to avoid), each strongest first. With
    ``against_apart`` (a compact page, which lists every point against in one line) the
    main page holds what to do only."""
    if sum(len(a.text.split()) for a in advice) <= long:
        return None
    audience = {a.index: _audience(a) for a in advice}
    against = {a.topic for a in advice if a.topic and a.direction is Direction.AGAINST}
    # A permission ("may be an option if …") never goes first without the advice against
    # the same thing ("is usually not advised", "should not be done if …"): alone, it reads
    # as the opposite. It stays with them in the part for the care team.
    # A duty of the system with an exception the reader goes through stays with the reader,
    # in the rest of their advice, never first.
    reader = [a for a in advice if audience[a.index] is Audience.READER
              and not (a.direction is Direction.FOR and a.topic in against
                       and _PERMISSION.search(a.text))
              and not (a.process and _READER_EXCEPTION.search(a.text))]
    # Among equals, the stronger and then the shorter first: a short piece is easier to act on.
    ranked = sorted(reader, key=lambda a: (-relevance(a), _strength_rank(a),
                                           len(a.text.split()), a.index))
    # A short list of things to avoid, so that what to do is not crowded out: the medicines
    # a reader might take first, then at most two other things.
    cap = {Direction.AGAINST: 0 if against_apart else limit // 3}
    picked: list[Advice] = []
    said: set[str] = set()
    for a in ranked:
        if len(picked) >= limit or relevance(a) <= 1:
            break
        if a.text in said:
            continue  # said again for another topic: once on the main page is enough
        said.add(a.text)
        if a.direction is Direction.AGAINST and not medicine_to_avoid(a) and sum(
                p.direction is Direction.AGAINST and not medicine_to_avoid(p)
                for p in picked) >= 2 and any(medicine_to_avoid(b) for b in ranked):
            continue
        if sum(p.direction is a.direction for p in picked) < cap.get(a.direction, limit):
            picked.append(a)
    if not against_apart:
        picked = _keep_warnings(picked, ranked, limit)
    else:
        # "You should avoid complete work stopping": the reader's own step, not a treatment
        # to turn down, stays with what to do, beyond the count.
        picked += [a for a in ranked if a.direction is Direction.AGAINST and relevance(a) > 1
                   and _AVOID_STEP.search(a.text) and a not in picked][:WARNINGS]
    if len(picked) < MAIN_MIN:
        return None
    ranked = picked
    chosen = {a.index for a in ranked}
    readers = _readers(ranked)
    groups: dict[str, tuple[str, list[Advice]]] = {}
    whose: dict[int, str] = {}
    for a in advice:
        if a.index in chosen:
            who = reader_of(a, readers)
            heading, kind = (readers[who], "if") if who else situation(a)
            groups.setdefault(heading, (kind, []))[1].append(a)
            if who:
                person = compiled(r"^(?:If|When) you are (?:an? |the )?").sub("", readers[who])
                whose[a.index] = person[:1].upper() + person[1:]
    groups = _one_condition(groups)
    order = sorted(groups, key=lambda h: (_ORDER.index(groups[h][0]),
                                          min(a.index for a in groups[h][1])))
    times = _times(advice) if readers else {}
    main = [(h, [a.index for a in sorted(groups[h][1], key=lambda a: (
        times.get(a.index, 0) if groups[h][0] == "if" else 0, _strength_rank(a), a.index))])
            for h in order]
    rest = [a.index for a in advice if a.index not in chosen
            and audience[a.index] is Audience.READER]
    care = [a.index for a in advice if audience[a.index] is Audience.CARE_TEAM]
    kinds = {a.index: k for a in ranked if (k := _kind(a))} if not readers and any(
        situation(a)[1] == SELF_CARE for a in ranked) else {}
    return Plan(groups=main, rest=rest, audience=audience,
                ranked=[a.index for a in ranked], care_team=care, who=whose, kinds=kinds)

def _condition_key(heading: str) -> str:
    """A heading's condition for grouping: case, hyphens and a bracketed aside ("(all age
    groups)") do not make another group."""
    heading = compiled(r"\s*\([^()]*\)").sub("", heading)
    return " ".join(compiled(r"[-\s]+").sub(" ", heading.lower()).split())


def _one_condition(groups: dict[str, tuple[str, list[Advice]]]
                   ) -> dict[str, tuple[str, list[Advice]]]:
    """One condition spelt several ways ("If you are at HIGH ACUTE RISK", "… HIGH ACUTE-RISK
    for suicide", "… high acute risk") is one group: case, hyphens and a closing "for …" that
    names what the page is about do not make another. Its heading is the plainest spelling
    (fewest capitals, then shortest)."""
    def key(h: str) -> str:
        return compiled(r" for (?:\w+ ){0,2}\w+$").sub("", _condition_key(h))

    merged: dict[str, list[str]] = {}
    for h, (kind, _) in groups.items():
        if kind == "if":
            merged.setdefault(key(h), []).append(h)
    for k, hs in list(merged.items()):
        if len({_condition_key(h) for h in hs} - {k}) > 1:
            # "… a candidate for surgery" and "… for dialysis": two conditions, apart.
            del merged[k]
            for h in hs:
                merged.setdefault(_condition_key(h), []).append(h)
    out: dict[str, tuple[str, list[Advice]]] = {}
    for h, (kind, items) in groups.items():
        same = next((hs for hs in merged.values() if h in hs), [h]) if kind == "if" else [h]
        if len(same) < 2:
            out[h] = (kind, items)
            continue
        if h != same[0]:
            continue
        plain = min(same, key=lambda x: (sum(c.isupper() for c in x), len(x)))
        out[plain] = (kind, sorted((a for x in same for a in groups[x][1]),
                                   key=lambda a: a.index))
    return out


_AVOID_STEP = re.compile(r"^You should (?:avoid|not|stop)\b")
"""Advice against that is a step the reader takes, not a treatment offered to them."""

WARNINGS = 2
"""At least this many medicines to avoid on a full main page, when the guideline has them."""


def _keep_warnings(picked: list[Advice], ranked: list[Advice], limit: int) -> list[Advice]:
    """A full main page keeps room for the medicines a reader might take and should avoid:
    more of the reader's own steps never push every such warning off the first page. The
    weakest pick that is no warning makes room."""
    have = sum(medicine_to_avoid(a) for a in picked)
    spare = [a for a in ranked if a not in picked and medicine_to_avoid(a) and relevance(a) > 1]
    out = list(picked)
    while len(out) >= limit and have < WARNINGS and spare:
        weakest = next((a for a in reversed(out) if a.direction is not Direction.AGAINST), None)
        if weakest is None:
            break
        out.remove(weakest)
        out.append(spare.pop(0))
        have += 1
    return out


# --- one order: by reader, then by time -------------------------------------------------------

def _readers(chosen: list[Advice]) -> dict[str, str]:
    """The readers a page speaks to by name ("If you are a transplant candidate"), by the
    last word of who they are ("candidate"); only when it names two or more: then every
    piece of advice about one of them goes under their heading, in the order of their care,
    instead of being spread over headings of time and topic."""
    found: dict[str, str] = {}
    for a in sorted(chosen, key=lambda a: a.index):
        m = _IF_YOU.match(a.text.split("\n")[0])
        # A role the reader has ("a transplant candidate", "a recipient"), not a state ("at
        # high acute risk", "pregnant"): only a role names a group of readers.
        if (m and m.group("verb") == "are" and len(m.group("who").split()) <= 7
                and compiled(r"(?:an?|the) ").match(m.group("who"))):
            key = compiled(r"s$").sub("", m.group("who").split()[-1].lower())
            found.setdefault(key, f"{m.group('when')} you are {m.group('who').strip()}")
    return found if len(found) >= 2 else {}

def reader_of(a: Advice, readers: dict[str, str]) -> str | None:
    """Which of the named readers a piece of advice is about: the one it speaks to ("If you
    are a recipient"), else the one its guideline topic names ("Informed consent talk with
    transplant candidates"), else the first it mentions; None when it names none."""
    if not readers:
        return None
    m = _IF_YOU.match(a.text.split("\n")[0])
    if m and m.group("verb") == "are" and compiled(r"(?:an?|the) ").match(m.group("who")):
        key = compiled(r"s$").sub("", m.group("who").split()[-1].lower())
        if key in readers:
            return key
    if _wider(a.text.split("\n")[0], readers):
        return None  # "All donors (living or deceased)" is more than "a living donor"
    def named(text: str) -> list[tuple[int, str]]:
        return sorted((hit.start(), key) for key in readers
                      for hit in [compiled(rf"\b{re.escape(key)}s?\b", re.IGNORECASE).search(text)]
                      if hit)
    in_topic = named(a.topic or "")
    if len(in_topic) == 1:
        return in_topic[0][1]
    in_text = named(a.text)
    return in_text[0][1] if in_text else None

def _wider(first: str, readers: dict[str, str]) -> bool:
    """Whether advice for "All would-be organ donors (living or deceased)" names a named
    reader's group with kinds the reader's heading leaves out ("If you are a living would-be
    donor"): it is not for that reader alone."""
    for key, heading in readers.items():
        m = compiled(
                rf"^(?:All|Every|Any|Each) [^.:]*?\b{re.escape(key)}s?\b \((?P<alts>[^()]+)\)",
                re.IGNORECASE).match(
                     first)
        if not m:
            continue
        kinds = [k.strip().lower() for k in compiled(r",? (?:or|and) |, ").split(m.group("alts"))]
        said = [k for k in kinds if compiled(rf"\b{re.escape(k)}\b", re.IGNORECASE).search(heading)]
        if said and len(said) < len(kinds):
            return True
    return False


def _times(advice: list[Advice]) -> dict[int, int]:
    """The time of care each piece of advice belongs to, for the order within a reader's
    heading: the earliest it names; advice that names none keeps its place after the
    advice the guideline puts before it."""
    out: dict[int, int] = {}
    last = -1
    for a in sorted(advice, key=lambda a: a.index):
        stages = _stages(a.text)
        first = a.text.split("\n")[0]
        if stages:
            last = stages[0][0]
        elif _BEFORE.search(first):
            last = 5
        elif _AFTER.search(first):
            last = 7
        out[a.index] = last
    return out

def summary_order(found: Plan, first_lines: dict[int, str], short: int = 30) -> list[int]:
    """The main page's advice in the order a summary should take it, lines a reader takes in
    at a glance (at most ``short`` words) before longer ones. A page for several readers
    speaks to each of them, in the page's order (the donor, the candidate, the recipient),
    with a line that tells the reader what to do where there is one; a page about the
    reader's own part leads with what the reader does (staying active, work, therapy, the
    medicines to avoid); any other page takes the most relevant of each heading first."""
    rank = {i: k for k, i in enumerate(found.ranked)}

    def fits(i: int) -> bool:
        return len(first_lines.get(i, "").split()) <= short

    def best(ids: list[int], prefer: Callable[[int], bool] = lambda i: True) -> int:
        return sorted(ids, key=lambda i: (not fits(i), not prefer(i),
                                          rank.get(i, len(rank))))[0]

    def you(i: int) -> bool:
        return bool(_YOU_DO.search(first_lines.get(i, "")))

    if found.who:
        # Each reader's best line, then each reader's next best (a line the summary cannot
        # carry whole is left out there, and the reader is still spoken to).
        heads = [best(ids, you) for _, ids in found.groups]
        heads += [best([i for i in ids if i not in heads], you) for _, ids in found.groups
                  if len(ids) > 1]
    elif found.kinds:
        main = found.main()
        heads = [best([i for i in main if found.kinds.get(i) == kind],
                      lambda i: bool(_FOR_MOST.search(first_lines.get(i, ""))))
                 for kind in _SUMMARY_KINDS if kind in found.kinds.values()]
    else:
        # each heading's most relevant line, a line the reader acts on first ("If your work
        # involves …, you should be vaccinated" before "the source person should be tested")
        heads = [best(ids, you) if any(you(i) and fits(i) for i in ids)
                 else sorted(ids, key=lambda i: rank.get(i, len(rank)))[0]
                 for _, ids in found.groups]
    rest = [i for i in found.ranked if i not in heads]
    order = heads + rest
    return [i for i in order if fits(i)] + [i for i in order if not fits(i)]

_FOR_MOST = re.compile(r"\bfor (?:most|all) (?:people|persons|workers|patients)\b|\bfor everyone\b"
                       r"|\byou (?:should|can|must|need to) (?!be )", re.IGNORECASE)
# "You must also get much worse during a pain crisis" says when, not what the reader does.
_YOU_DO = re.compile(r"\byou (?:should|can|must|need to)\b(?! be (?:informed|told|educated))"
                     r"(?! also\b)", re.IGNORECASE)
# What a reader does in their own care, in the order a summary says it.
_SUMMARY_KINDS = ("activity", "work", "therapy", "medicine")
_KIND_WORDS = (
    ("activity", re.compile(r"\b(?:daily activities|normal activit\w*|physical activity|exercis\w*"
                            r"|immobility|not moving|activity)\b", re.IGNORECASE)),
    ("work", re.compile(r"\b(?:(?:return(?:ed|ing)?|back)[ -]to[ -](?:work|duty)|work stopping"
                        r"|stopping work|modified duty|restricted duty)\b", re.IGNORECASE)),
    ("therapy", re.compile(r"\b(?:active (?:treatment|therapy)|self-management|home exercise"
                           r"|(?:mental|psychological|behavioral)(?: and social)? treatment)\b",
                           re.IGNORECASE)),
)

def _kind(a: Advice) -> str | None:
    """What the reader does, for the summary of a page about the reader's own part."""
    if medicine_to_avoid(a):
        return "medicine"
    if (a.direction is Direction.INSUFFICIENT or _TEAM_ACTS.match(a.text)
            or situation(a)[1] in ("before", "after")):
        return None  # not the reader's own step, or one for some readers later on
    first = a.text.split("\n")[0]
    return next((kind for kind, words in _KIND_WORDS if words.search(first)), None)

_RANK = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
         Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}

def _strength_rank(a: Advice) -> int:
    return _RANK[Strength.INSUFFICIENT] if a.direction is Direction.INSUFFICIENT else \
        _RANK[a.strength]

# --- a "When / What happens" table --------------------------------------------------------------

_WHEN = (
    (0, re.compile(r"\b(?:as soon as (?:possible|the problem is found)|at the first (?:visit"
                   r"|meeting)|as early as is suitable|early in the course"
                   r"|when (?:first )?starting (?:long-term |short-term )?[\w-]+ (?:therapy"
                   r"|treatment))\b", re.I)),
    (1, re.compile(r"\b(?:before (?:you are placed on|you join) the (?:\w+ )?(?:wait(?:ing)? "
                   r"list|list))\b", re.I)),
    (2, re.compile(r"\bwhile (?:you are|they are) on the (?:\w+ )?wait(?:ing)? list\b", re.I)),
    (3, re.compile(r"\bat the time of the (?:\w+ )?offer\b", re.I)),
    (4, re.compile(r"\b(?:within the \d+-day (?:time )?period before surgery|as close as "
                   r"possible to the date of the [\w ]{3,30}?operation)\b", re.I)),
    (5, re.compile(r"\b(?:before (?:any |the |your )?(?:surgery|transplant(?:ation)?|operation)"
                   r"|during hospital admission for the [\w ]{3,30}? before the [\w ]{3,30}?"
                   r"surgery)\b", re.I)),
    (6, re.compile(r"\b(?:over \d+ to \d+ days|no later than \d+(?:-\d+| to \d+)? days)\b",
                   re.I)),
    (7, re.compile(r"\b(?:(?:sometime )?between \w+ and \w+ months after the (?:transplant|surgery)"
                   r"|\d+ (?:to \d+ )?(?:weeks?|months?) after the (?:transplant|surgery))\b",
                   re.I)),
    (8, re.compile(r"\b(?:at \d+ months after the (?:transplant|surgery))\b", re.I)),
    (9, re.compile(r"\b(?:(?:after|if you have completed|once you have completed) \d+ (?:weeks?"
                   r"|months?) of (?:other |conservative |non-?surgical )?(?:right )?(?:treatment"
                   r"|care|therapy))\b", re.I)),
    # "opioid treatment beyond 90 days": how long a treatment has gone on, never a limit
    # on a use ("use beyond 30 days … is not advised").
    (9, re.compile(r"(?:(?<=treatment )|(?<=therapy ))(?:beyond|longer than) \d+ days\b", re.I)),
    (10, re.compile(r"\b(?:when you have reached maximum medical improvement|at least every "
                    r"(?:year|\w+ months?))\b", re.I)),
)
_FIRST_CONTACT = re.compile(r"at the first (?:visit|meeting)\b", re.I)
_PATHWAY = (9, 10)
"""Times that mark a step on the way through care (after months of other treatment, at
maximum medical improvement): the reader's other advice at such a time is a row too."""

_RESULTS_READY = re.compile(r"[^.\n]*\bresults? (?:should|must|will) be (?:ready|(?:made )?"
                            r"available)\b[^.\n]*", re.IGNORECASE)


def _stages(text: str) -> list[tuple[int, str]]:
    """Each time the advice names, once per stage of care: the most exact wording of it (one
    with a number, else the longest), never a time said inside a longer one ("before
    surgery" in "within the 28-day time period before surgery") or in brackets."""
    # A time in brackets qualifies something else ("(unless infection was recorded before
    # the transplant)"): it is no step of the advice.
    text = compiled(r"\([^()]*\)").sub(lambda m: " " * len(m.group(0)), text)
    found = [(rank, m.start(), m.end(), m.group(0)) for rank, pattern in _WHEN
             for m in pattern.finditer(text)]
    found = [f for f in found if not any(g[1] <= f[1] and f[2] <= g[2] and g != f
                                         for g in found)]
    best: dict[int, str] = {}
    for rank, _, _, said in found:
        if rank not in best or (bool(compiled(r"\d").search(said)), len(said)) > (
                bool(compiled(r"\d").search(best[rank])), len(best[rank])):
            best[rank] = said
    return sorted(best.items())

def times_of_care(text: str) -> list[str]:
    """The times of care an advice names, in the order of care, each in its most exact
    wording ("sometime between one and three months after the transplant")."""
    return [said for _, said in _stages(text)]

_CONDITIONAL = re.compile(r"^(?:If|When|Whenever|Unless|At the time of[^,]*, if)\b|\bThis applies"
                          r" (?:if|when)\b|\bonly (?:if|when|for)\b|\bunless\b|\bexception\b",
                          re.IGNORECASE)

# The rest of a list the title's last words begin ("for HIV" + ", hepatitis B, and
# hepatitis C"), up to where the sentence goes on ("as close as possible …").
_LIST_ON = re.compile(r"(?:,\s+(?!(?:and|or)\b)[^,.;:()\n]{1,40}?)*,?\s+(?:and|or)\s+"
                      r"[^,.;:()\n]{1,40}?(?=\s*[,.;:()\n]|\s+(?:as|at|before|after|within"
                      r"|during|if|when|to|by|in|from|unless|because|so)\b|\s*$)")

def _only_sometimes(text: str) -> bool:
    """Whether the advice holds only in some cases: "If you are a living donor:" says whom
    it is for, and is no case of its own; "with behaviors linked to …" or "This applies
    when …" is."""
    m = _IF_YOU.match(text)
    if m and compiled(r"\s*[:,]").match(text[m.end():]):
        text = text[m.end():].lstrip(" :,\n-")
    return bool(_CONDITIONAL.search(text))

def whole_list(title: str, text: str) -> str:
    """The title with the rest of the list it stops in: a row naming one of the three
    things the advice names says less than the advice."""
    tail = " ".join(title.split()[-2:])
    for m in compiled(rf"\b{re.escape(tail)}\b", re.IGNORECASE).finditer(text):
        more = _LIST_ON.match(text, m.end())
        if more and all(len(part.split()) <= 4 for part in compiled(
                r",\s*|\s+(?:and|or)\s+").split(more.group(0)) if part.strip()):
            return title + more.group(0)
    return title

_ADVISED_AGAINST = re.compile(r"^(?:Experts|Your care team) (?:advise|recommend)s? against "
                              r"(?P<what>[^.;:\n]+)", re.IGNORECASE)


def _despite(when: str, against: dict[int, str]) -> str:
    """A time of care that is the very thing strong advice on the page is against ("When
    starting long-term opioid therapy" under "Experts advise against starting long-term
    opioid therapy") is no next step of care: the row says it holds only if that care is
    started anyway, and which advice is against it."""
    core = compiled(r"^(?:when|if|before|after|once)\s+", re.I).sub("", when.strip()).lower()
    for number, text in sorted(against.items()):
        m = _ADVISED_AGAINST.match(text.strip())
        if m and len(core.split()) >= 2 and compiled(rf"\b{re.escape(core)}\b").search(
                                                      m.group("what").lower()):
            return f" (only if it is started despite advice {number}, which advises against it)"
    return ""


def timeline(rows: list[tuple[int, str, str]], who: dict[int, str] | None = None,
             later: list[tuple[int, str, str]] | None = None,
             against: dict[int, str] | None = None,
             groups: dict[int, str] | None = None) -> str:
    """A "When / What happens" table from advice that says when it happens, in the order of
    a reader's care: one row per time the advice names, saying what happens in the advice's
    own words (its title only when no clause of it does). ``rows`` are (page number, advice
    text, short title); ``who`` (page number -> reader) adds a "Who" column, so a page for
    donors, candidates and recipients says whose row each is. A row whose advice holds only
    in some cases beyond whom it is for says so, and its number points to the advice that
    says which; fewer than three rows make no table. ``against`` (page number -> advice
    text) is the strong advice against something without a condition; ``groups`` (page
    number -> "for short-term pain") the group a topic heading says its advice is for."""
    found = []
    # ``later``: the reader's other advice, shown as a row only at a step on the way through
    # care ("if you have completed 6 months of other right treatment").
    for number, text, title, steps in [*((*r, None) for r in rows),
                                       *((*r, _PATHWAY) for r in later or [])]:
        fallback = whole_list(title, text)
        # When results are ready is the lab's time, not a step of the reader's care.
        for rank, when in _stages(_RESULTS_READY.sub(lambda m: " " * len(m.group(0)), text)):
            if steps and rank not in steps:
                continue
            base = _named(_row_what(text, when), title) or fallback
            what, counted, rest = _counted_from(text, when, base)
            if steps and _ONLY_USE.search(rest):
                continue  # a limit on who may get a treatment is no step of the reader's care
            what += _whose_care(text, when) if base != fallback else ""
            if counted != when:
                counted += _group_of(counted, text, (groups or {}).get(number, ""))
            when = counted + _despite(counted, {n: t for n, t in (against or {}).items()
                                                if n != number})
            when = compiled(r"\b(?:they|you) are\b").sub("you are", when)
            found.append((rank, number, when, what, _only_sometimes(rest)))
    if len(found) < 3:
        return ""
    # With a "Who" column, one order as on the page: by reader, then by time.
    readers = {p: k for k, p in enumerate(dict.fromkeys(
        (who or {}).get(n, "") for n in sorted(r[1] for r in found)))}
    # The hospital stay for the surgery comes after the rest of the time before it, and the
    # first visit before the rest of the start of care ("as early as is suitable").
    found.sort(key=lambda r: (readers[(who or {}).get(r[1], "")] if who else 0, r[0],
                              not _FIRST_CONTACT.match(r[2].strip()),
                              bool(_IN_HOSPITAL.match(r[2].strip())), r[1]))
    lines = (["| When | Who | What happens | Read advice |", "| --- | --- | --- | --- |"] if who
             else ["| When | What happens | Read advice |", "| --- | --- | --- |"])
    cells: list[tuple[str, str, str, str]] = []
    said = _one_wording([r[2] for r in found])
    for _, number, when, title, some in found:
        when = said.get(when, when)
        # "… (at the time of the organ offer)" in the row "At the time of the organ offer":
        # the time is the row's first cell, not said twice.
        title = compiled(rf"\s*\({re.escape(when)}\)$", re.IGNORECASE).sub("", title)
        what = _action(title) + (" (only in some cases)" if some else "")
        cells.append((_cell(when[:1].upper() + when[1:]),
                      _cell((who or {}).get(number, "You")) if who else "", _cell(what),
                      str(number)))
    shown = merged_rows(cells)
    own = [r for r in shown if _OWN_STEP.match(r[2])]
    note = ""
    if len(shown) > TABLE_ROWS and len(own) >= 3:
        # A long table keeps the reader's own steps; the rest are said where they are.
        others = [n for r in shown if r not in own for n in r[3].split(", ")]
        shown = own
        note = ("\n\nThe table shows the steps you take. What your care team does or tells "
                f"you, and when, is in advice {_numbers(others)}.")
    before = ("", "")
    for when, person, what, numbers in shown:
        # A long time said again in the row below is "At the same time" (a round-19 rater:
        # the same 17-word cell twice was no short row heading)
        said_when = SAME_TIME if (when, person) == before and len(when.split()) > 6 else when
        before = (when, person)
        lines.append(f"| {said_when} |{f' {person} |' if who else ''} {what} | {numbers} |")
    return "\n".join(lines) + note


SAME_TIME = "At the same time"


TABLE_ROWS = 8
"""At most this many rows in a "When things happen" table before it keeps only the reader's
own steps: a longer table is no simple table."""
# A step the reader takes ("Get tested …", "Talk with clinicians …"), not what is done or said
# to them ("Your care team should …", "Being told …").
_OWN_STEP = re.compile(r"^(?:Get|Talk|Ask|Take|Go|Tell|Keep|Stop|Start|See|Have|Make|Use"
                       r"|Avoid|Eat|Do|Check|Join)\b")


def advice_numbers(said: list[str]) -> str:
    """"5, 7, 8 and 9": advice numbers in order, once each."""
    return _numbers(said)


def _numbers(said: list[str]) -> str:
    """"5, 7, 8 and 9": advice numbers in order, once each."""
    nums = sorted({int(n) for n in said})
    return str(nums[0]) if len(nums) == 1 else (
        f"{', '.join(str(n) for n in nums[:-1])} and {nums[-1]}")


_CHANCE_TO_TALK = re.compile(r"^Have (?:the )?(?:opportunit(?:y|ies)|a chance) to discuss with "
                             r"(?P<who>[\w ]{3,30}?) (?:the )?(?:issues|matters|questions) "
                             r"(?:related to|about) ")


def _action(what: str) -> str:
    """A cell says the action: "Have opportunities to discuss with clinicians issues related
    to …" is "Talk with clinicians about …", and who else may be told ("(or your medical
    choice maker)") is left to the advice the row points to."""
    what = compiled(r"\s*\(or your [^()]{1,40}\)").sub("", what)
    return _CHANCE_TO_TALK.sub(r"Talk with \g<who> about ", what)


_PLAIN_BEFORE = re.compile(r"^before (?:the |your |any )?(?P<what>surgery|transplant(?:ation)?"
                           r"|operation)$", re.IGNORECASE)
_IN_HOSPITAL = re.compile(r"^during hospital admission for the [\w ]{3,30}? but before the "
                          r"(?P<what>[\w ]{3,30}?) surgery$", re.IGNORECASE)


def _one_wording(whens: list[str]) -> dict[str, str]:
    """One time of care said one way in a table: "Before surgery", "Before the transplant"
    and "Before transplant" read as three times, so all take the wording most of them use
    ("Before the transplant"); the hospital stay before it is said shortly ("In the
    hospital before the transplant")."""
    plain = {w: m.group("what").lower().replace("transplantation", "transplant")
             for w in whens if (m := _PLAIN_BEFORE.match(w.strip()))}
    nouns = [plain[w] for w in whens if w in plain]  # one a row: the most used wins
    said: dict[str, str] = {}
    if len({w.lower() for w in plain}) > 1:
        noun = max(dict.fromkeys(nouns), key=nouns.count)
        said = {w: f"before the {noun}" for w in plain}
    for w in whens:
        if m := _IN_HOSPITAL.match(w.strip()):
            said[w] = f"in the hospital before the {m.group('what')}"
    return said


_ONE_TEST = re.compile(r"^Get (?P<test>[\w/-]+(?: [\w/-]+){0,2}) testing"
                       r"(?P<rest>(?: \([^()]*\))*)$")


def merged_rows(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Rows (when, who, what, advice) next to each other at one time for one reader that read
    the same, or differ only in the test they name ("Get HIV testing", "Get hepatitis C
    testing"), as one row listing each advice number: a reader scanning the table sees one
    thing to do, not the same line again."""
    out: list[tuple[str, str, str, str]] = []
    tests: list[tuple[list[str], str]] = []  # each row's tests and what follows them
    for when, who, what, number in rows:
        test = _ONE_TEST.match(what)
        same = next((k for k in range(len(out) - 1, -1, -1)
                     if out[k][:2] == (when, who) and out[k][2] == what), None)
        if same is not None and all(r[:2] == (when, who) for r in out[same:]):
            # The same row again at the same time for the same reader, with other rows
            # between: one row that lists both advice numbers, not a duplicate line.
            numbers = out[same][3]
            if number not in numbers.split(", "):
                out[same] = (when, who, what, f"{numbers}, {number}")
            continue
        if out and out[-1][:2] == (when, who) and (wider := _within(out[-1][2], what)):
            # "Get tested for HIV, hepatitis B, and hepatitis C" and "Get tested for
            # hepatitis B or hepatitis C" at one time: the wider says both.
            out[-1] = (when, who, wider, f"{out[-1][3]}, {number}")
            continue
        if out and out[-1][:2] == (when, who):
            last, (named, rest) = out[-1], tests[-1]
            if what == last[2] or (test and named and test.group("rest") == rest):
                if test and test.group("test") not in named:
                    named.append(test.group("test"))
                said = f"Get {_joined(named)} testing{rest}" if len(named) > 1 else last[2]
                numbers = last[3] if number in last[3].split(", ") else f"{last[3]}, {number}"
                out[-1] = (when, who, said, numbers)
                continue
        out.append((when, who, what, number))
        tests.append(([test.group("test")], test.group("rest")) if test else ([], ""))
    return out

_NAMES = re.compile(r"^(?P<head>.+? for )(?P<names>[^()]+?)(?P<rest>(?: \([^()]*\))*)$")


def _within(one: str, other: str) -> str:
    """The wider of two cells that differ only in the names they list after "for", one
    holding every name of the other (a case mark such as "(only in some cases)" kept); ""
    when they differ otherwise."""
    a, b = _NAMES.match(one), _NAMES.match(other)
    if not a or not b or a.group("head") != b.group("head"):
        return ""
    names_a = set(compiled(r",? (?:and|or) |, ").split(a.group("names")))
    names_b = set(compiled(r",? (?:and|or) |, ").split(b.group("names")))
    if names_b <= names_a:
        return one if a.group("rest") or not b.group("rest") else one + b.group("rest")
    if names_a <= names_b:
        return other if b.group("rest") or not a.group("rest") else other + a.group("rest")
    return ""


# "should only use this type of treatment with a clear nerve injury": whom a treatment is
# kept for, not a step every reader on the way through care takes.
_ONLY_USE = re.compile(r"\bonly (?:use|be used|be employed|be done|be performed|be given)\b",
                       re.IGNORECASE)

_THIS_KIND = re.compile(r"\bthis (?:type of )?(?:treatment|modality|procedure|therapy)\b")


def _named(what: str, title: str) -> str:
    """A row names its treatment: "only use this type of treatment with a clear nerve
    injury", cut from its advice, says "peripheral nerve stimulation" when the advice's
    title is that name."""
    if not _THIS_KIND.search(what) or title.startswith("Advice ") or len(title.split()) > 5:
        return what
    name = title if title.isupper() or compiled(r"[A-Z]{2,}").match(title) else title.lower()
    return _THIS_KIND.sub(name, what, count=1)


def _whose_care(text: str, when: str) -> str:
    """The care a row belongs to, when it comes from a list whose lead-in names it ("Experts
    suggest this care for long-term opioids:"): " (part of the care for long-term opioids)",
    so that a reader not in that care does not read the row as theirs."""
    lead = text.split("\n")[0]
    m = compiled(r"\bcare (?P<for>for [^:]{3,40}):$").search(lead)
    if not m or "\n" not in text or when.lower() in lead.lower():
        return ""
    return f" (part of the care {m.group('for')})"


def _group_of(case: str, text: str, group: str) -> str:
    """A row whose time is its advice's case ("If take-home opioids are given") keeps the
    group the advice is for ("for short-term pain"), which the advice says only in its topic
    heading: a reader outside that group does not take the row as hers."""
    words = group.removeprefix("for ").lower()
    if not group or words in case.lower() or words in text.lower():
        return ""
    return f" ({group})"


_COUNTED = re.compile(r"^(?:no later than|within|over) \d", re.IGNORECASE)
_LEAD_IN = re.compile(r"^(?P<lead>(?:If|When) [^:\n]{3,80}):\n")


def _counted_from(text: str, when: str, what: str) -> tuple[str, str, str]:
    """A count of days names no start ("no later than 3-5 days"): the advice's lead-in says
    in which case the row holds, and the count goes with what happens ("If take-home opioids
    are given" / "A new check of the opioid treatment no later than 3-5 days"). Also the
    advice left to say whether the row holds only in some cases beyond its lead-in."""
    lead = _LEAD_IN.match(text)
    if not _COUNTED.match(when) or not lead or when.lower() in what.lower():
        return what, when, text
    return f"{what} {when}", lead.group("lead"), text[lead.end():]


# Where what happens stops and its circumstances begin.
_ROW_END = re.compile(r"\s*(?:,\s*but\b|,\s*so\b|\bas close as\b|\bas soon as\b|\bto include\b"
                      r"|\bunless\b|\(unless\b|\bwhen\b|\bif\b|\bbecause\b|\bso that\b"
                      r"|\bsince\b|;|\.(?:\s|$))", re.IGNORECASE)
_MODAL_ROW = re.compile(r"\b(?:should|must|may|can|need to|will)\b(?:\s+(?:also|usually|"
                        r"always|only|still))?\s+", re.IGNORECASE)
_EMPTY_ACT = re.compile(r"\b(?:occur|be done|be performed|be conducted|happen|take place)$",
                        re.IGNORECASE)
_TEAM_SUBJECT = re.compile(r"^(?:the|your) [\w -]*\b(?:team|clinicians?)\b.*$", re.IGNORECASE)
_READER_SUBJECT = re.compile(r"^(?:you|(?:the |all |each |a |an )?(?:[\w/-]+ ){0,3}(?:donors?|"
                             r"candidates?|recipients?|people|persons|patients?|workers?)"
                             r"(?:\s*\([^()]*\))?(?:,? or [^,]+)?)$", re.IGNORECASE)
_LEAD_CLAUSE = re.compile(r"^(?:(?:If|When) you (?:are|have|take|use)[^,:]*[,:]\s*|(?:If|When|"
                          r"Once|After|Before|During|At)\b[^,:]*[,:]\s*(?:then\s+)?)")

def _row_what(text: str, when: str) -> str:
    """What happens at a time of care, from the advice itself: the clause that names the
    time, else the advice's first clause that says what is done, without the time and the
    circumstances after it; said to the reader ("Get tested for HIV, hepatitis B, and
    hepatitis C") or naming who acts ("Your care team should order random drug testing").
    Empty when no clause says it in at most 25 words."""
    lines = [line.removeprefix("- ").strip() for line in text.split("\n") if line.strip()]
    # A lead-in ("If you are a living donor:", "At the time of the offer, if …:") says when or
    # for whom; what is done is the line after it.
    def split(line: str) -> list[str]:
        return compiled(r"(?<=[.;])\s+").split(line)

    cands: list[str] = []
    holding = [k for k, line in enumerate(lines) if when.lower() in line.lower()]
    if holding and lines[holding[0]].endswith(":"):
        cands += split(lines[holding[0] + 1]) if holding[0] + 1 < len(lines) else []
    elif holding:
        cands += [x for x in split(lines[holding[0]]) if when.lower() in x.lower()]
    first = next((x for line in lines for x in split(line) if not x.endswith(":")), "")
    if first:
        cands.append(first)
    # Said to the reader first, then naming the care team, then anyone else.
    rows = [r for r in (_clause(x, when) for x in cands) if r[0]]
    return min(rows, key=lambda r: r[1])[0] if rows else _what_is_timed(text, when)


_TIMED = r"(?P<np>(?:an?|the) (?:[\w-]+ ){0,7}?[\w-]+)"


def _what_is_timed(text: str, when: str) -> str:
    """What the time belongs to when no clause says who does it: "… with a new check of the
    opioid treatment no later than 3-5 days" -> "A new check of the opioid treatment"."""
    m = compiled(rf"\bwith {_TIMED} {re.escape(when)}", re.IGNORECASE).search(text)
    if not m or compiled(r"\b(?:with|and|or|that|which|who)\b").search(m.group("np")):
        return ""
    return m.group("np")[:1].upper() + m.group("np")[1:]

def action_title(text: str, limit: int = 14) -> str:
    """A heading from what the reader does, in the advice's own words ("Get tested for HIV,
    hepatitis B, and hepatitis C"), for a block whose title was cut short; empty when the
    advice says no such thing in at most ``limit`` words."""
    lines = [line.removeprefix("- ").strip() for line in text.split("\n") if line.strip()]
    first = next((x for line in lines for x in compiled(r"(?<=[.;])\s+").split(line)
                  if not x.endswith(":")), "")
    row, kind = _clause(first, "") if first else ("", 3)
    return row if kind == 0 and len(row.split()) <= limit else ""

_PERIOD = r"(?:\b(?:during|within|in) the [\w -]{0,30}?period )?"

def _clause(sentence: str, when: str) -> tuple[str, int]:
    text = sentence
    if when:
        # "during the time period before surgery": the whole time goes, not half of it.
        text = compiled(rf"{_PERIOD}{re.escape(when)}", re.IGNORECASE).sub(" ", text)
    text = compiled(r",\s*then\s+").split(text)[-1]
    for pattern in (_BEFORE, _AFTER):
        text = compiled(rf"{_PERIOD}(?:{pattern.pattern})", re.IGNORECASE).sub(" ", text)
    text = " ".join(text.split()).strip(" ,")
    text = _LEAD_CLAUSE.sub("", text).strip(" ,")
    end = _ROW_END.search(text)
    first = _MODAL_ROW.search(text)
    if end and first and end.start() < first.start():
        # "A living donor whose blood sample is positive … when tested … should be told …":
        # the reader the subject names, with a clause of its own, is told what happens.
        subject = text[:first.start()].strip(" ,")
        act = text[first.end():]
        stop = _ROW_END.search(act)
        act = act[:stop.start()].strip(" ,.") if stop else act.strip(" ,.")
        who = compiled(r"^(?:an? |the )?(?:[\w/-]+ ){0,3}(?:donors?|candidates?|recipients?|"
                       r"people|persons|patients?|workers?)(?= (?:who|whose)\b)",
                       re.IGNORECASE).match(subject)
        if who and len(act.split()) >= 2 and len(act.split()) <= 14:
            act = compiled(r"\btheir\b").sub("your", act)  # said to that reader
            return act[:1].upper() + act[1:], 0
        return "", 3
    text = text[:end.start()] if end else text
    text = compiled(r"(?:,?\s+(?:and|or|but|at least|at most|no later than))+$").sub("",
                  text.strip(" ,.")).strip(" ,")
    modal = _MODAL_ROW.search(text)
    if not modal or _EMPTY_ACT.search(text) or compiled(
            r"\b(?:it|this|these|they)\b", re.IGNORECASE).search(
                                                         text[:modal.start()]):
        return "", 3
    subject, act = text[:modal.start()].strip(" ,"), text[modal.end():]
    if not act or not subject:
        return "", 3
    tested = compiled(r"^(?:test|screen|check) (?:all |the |each |any )?(?:[\w/-]+ ){0,3}"
                      r"(?:donors?|candidates?|recipients?)(?: \([^()]*\))? (?P<rest>(?:for|with)"
                      r"\b.+)$").match(act) if _OTHERS_DOER.match(subject) else None
    if tested:
        # "The transplant team should test all would-be organ donors for X", in the donor's
        # row: what the reader whose row it is gets.
        row, kind = f"Get tested {tested.group('rest')}", 0
    elif _OTHERS_DOER.match(subject):
        row, kind = f"{subject} {modal.group(0).strip()} {act}", 2
    elif _READER_SUBJECT.match(subject) and len(act.split()) >= 2:
        act = compiled(r"^be (tested|screened|checked)\b").sub(r"get \1", act)
        act = compiled(r"\btheir\b").sub("your", act)  # said to that reader
        row, kind = act[:1].upper() + act[1:], 0
    elif _TEAM_SUBJECT.match(subject):
        row, kind = f"Your care team {modal.group(0).strip()} {act}", 1
    else:
        row, kind = f"{subject[:1].upper() + subject[1:]} {modal.group(0).strip()} {act}", 2
    return (row, kind) if len(row.split()) <= 25 else ("", 3)

def _cell(text: str) -> str:
    return " ".join(text.replace("|", "/").split())

# --- the one paragraph that stands for the care system's duties --------------------------------

CLINICIAN_KIND = "how clinicians plan, record and judge care"
# What a duty of the care system is about, in a few words a reader knows; the first that fits.
_DUTY_KINDS = (
    (CLINICIAN_KIND, _CLINICIAN_PROCESS),
    ("setting aside donor tissue that may carry an infection",
     re.compile(r"\b(?:set aside|quarantin\w*|released for clinical use)\b", re.IGNORECASE)),
    ("reporting infections to each other and to public health offices",
     re.compile(r"\b(?:tell|notify|report(?:ing|ed)?|disclos\w*)\b", re.IGNORECASE)),
    ("handling and storing blood samples",
     re.compile(r"\b(?:samples?|specimens?|archiv\w*)\b", re.IGNORECASE)),
    ("keeping records", re.compile(r"\b(?:records?|track\w*|registr(?:y|ies)|document\w*)\b",
                                   re.IGNORECASE)),
    ("employers' and insurers' plans", _PAYER),
)
_PAYERS = re.compile(r"\b(?:employers?|insurers?|payers?|company's|health plans?|prior "
                     r"authori[sz]ation)\b", re.IGNORECASE)

def duties_note(texts: list[str]) -> str:
    """One short paragraph for the reader's page in place of the care system's duties when
    one of them concerns the reader (a person's own infection reported to public health): how
    many, what they are about (the most frequent first) and where the full list is. Duties
    that ask nothing of the reader and tell nothing of them get no paragraph (PEMAT round 14:
    three of four raters counted "You do not need to do anything about them" as distracting).
    The duties themselves stay in the patient version, word for word, in the part for the care
    team."""
    if not any(reports_person(t) for t in texts):
        return ""
    count: dict[str, int] = {}
    for text in texts:
        kind = next((k for k, pattern in _DUTY_KINDS if pattern.search(text)), None)
        if kind:
            count[kind] = count.get(kind, 0) + 1
    kinds = sorted(count, key=lambda k: -count[k])
    payers = [t for t in texts if _PAYERS.search(t)]
    clinicians = [t for t in texts if clinician_process(t)]
    actors = [*(["clinicians"] if clinicians else []),
              *(["clinics, hospitals, labs and health agencies"]
                if len(payers) + len(clinicians) < len(texts) else []),
              *(["employers and insurers"] if payers else [])]
    n = len(texts)
    about = (f" {'It is' if n == 1 else 'They are'} about {_joined(kinds)}." if kinds else "")
    yours = sum(1 for t in texts if reports_person(t))
    # A person's own infection reported to public health is something the reader goes
    # through: "nothing to do about them" alone hid it after the disclaimer.
    nothing = (f"{'One is' if yours == 1 else 'Some are'} about you: if a test finds such an "
               f"infection in you, it is {_told_to(texts)}reported to public health offices, "
               "as state rules require." + (" You do not need to do anything about the others."
                                            if yours < n else ""))
    return (f"The guideline also gives {n} {'duty' if n == 1 else 'duties'} for "
            f"{' and for '.join(actors)}.{about} {nothing} The full list is for your care "
            f"team, in \"{CARE_TEAM_PART}\" after the disclaimer.")


# Whom a duty tells of a living person's infection, besides public health: "The living donor
# recovery center should tell the transplant center intended to get the organ. This applies
# when … a living would-be donor is infected …".
_PERSON_INFECTED = re.compile(r"\b(?:living (?:would-be )?donor|recipient)\b[^.]{0,80}?\b"
                              r"(?:is|was|newly) infected\b|\binfection in an organ recipient\b",
                              re.IGNORECASE)
_TOLD = re.compile(r"\bshould (?:also )?tell\b(?P<whom>[^.]*?)(?=\.? This applies|\.|$)",
                   re.DOTALL)
_PARTIES = (("the transplant centers involved", re.compile(r"\btransplant centers?\b")),
            ("the Organ Procurement and Transplantation Network",
             re.compile(r"\bOrgan Procurement and Transplantation Network\b")),
            ("the organ procurement organization", re.compile(r"\borgan procurement organization")),
            ("the living donor recovery center", re.compile(r"\bliving donor recovery center")))


def _told_to(texts: list[str]) -> str:
    """"told to the transplant centers involved and …. It is also " when the duties tell others of
    a living donor's or a recipient's infection (in the order the duties name them); "" when
    they tell only public health."""
    found: list[tuple[int, str]] = []
    for k, text in enumerate(texts):
        if not _PERSON_INFECTED.search(text):
            continue
        for told in _TOLD.finditer(text):
            for name, pattern in _PARTIES:
                m = pattern.search(told.group("whom"))
                if m and name not in (n for _, n in found):
                    found.append((k * 10_000 + told.start() + m.start(), name))
    names = [n for _, n in sorted(found)]
    return f"told to {_joined(names)}. It is also " if names else ""


_REPORTS_PERSON = re.compile(r"\bpublic health offices?\b[^.]*\bof (?:the |a )?(?:possible )?"
                             r"(?:[\w-]+ ){0,2}?(?:[\w-]+'s|recipient) infection\b", re.IGNORECASE)


def reports_person(text: str) -> bool:
    """Whether a duty reports a person's own infection to public health ("… tell public
    health offices … of the recipient's infection"): the person goes through it."""
    return bool(_REPORTS_PERSON.search(text))

def _joined(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"
