"""Where each piece of advice goes on the page, and what its heading says.

A reader finds their way by headings: "Advice 14" says nothing, "Screening for stroke risk"
does. Topics come from the guideline's own headings (the nearest one above a statement that
names a subject, not "Recommendations" or "Key Question 3"); each block is headed by what the
advice is about, taken from its own words. Schedules by age or interval become a small table,
and the reader gets questions and a checklist built from the advice itself. Nothing here adds
a fact: every heading, cell and question is cut from the advice text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.direction import text_direction
from domain.ends import point_to_exceptions
from domain.lists import split_sentences
from domain.model import Direction, ParsedGuideline, Recommendation
from domain.patterns import compiled
from domain.plain import dedupe, replace_terms, tidy
from domain.readability import words
from domain.voice import is_medicine

__all__ = [
    "Item",
    "ReaderTests",
    "Unit",
    "against_group_title",
    "asked",
    "block_title",
    "carry",
    "checklist",
    "given_steps",
    "leading_condition",
    "left_out",
    "medicines",
    "plain_heading",
    "pointer",
    "questions",
    "reader_tests",
    "resolve_pronoun",
    "schedule",
    "tests_line",
    "topics",
    "units",
]


@dataclass(frozen=True)
class Item:
    """One piece of advice as the page shows it."""

    number: int
    """Its number on the page, in reading order."""
    text: str
    direction: Direction
    title: str | None
    lead: str = ""
    """The lead-in the advice depends on ("If you or your child has sickle cell disease and a
    pain crisis"), printed above it in its block: a line that stands for the advice says it."""
    more: tuple[str, ...] = ()
    """What its block prints with it as part of the advice: the exceptions the guideline
    gives right after it ("The exception: …") and the list items it printed as statements."""
    strength: str = ""
    """The strength level ("strong", "moderate", …), for steps taken from strong advice."""
    notes: tuple[str, ...] = ()
    """The notes its block prints ("Abrupt stopping should be avoided …")."""

    laid: str = ""
    """The advice as its block lays it out (a lead-in on its own line, then its advice)."""

    @property
    def whole(self) -> str:
        """Everything the block says as its advice, for telling whether a line says it all."""
        return "\n".join([self.laid or self.text, *self.more])


# --- topics ----------------------------------------------------------------------------------

_GENERIC = re.compile(
    r"^(?:key |major |summary of |clinical )?(?:recommendations?|statements?)\b(?:\s+(?:\d+|and"
    r" evidence|statements?))?\s*$|^key questions?\b|^recommendation \d|^module [a-z]\b"
    r"|^(?:grade|grading|consensus|rating|definitions?|evidence|rationale|clinical considerations"
    r"|good practice|summary|overview|background|introduction|scope|methods?)\b|^\d+(?:\.\d+)*$"
    r"|^(?:[a-z]|\d+)\.\s*$|^(?:table|figure|appendix)\b|^(?:description|indications?"
    r"|contraindications?|recommendation summary|task force findings|frequency|technique"
    r"|complications|interventions and practices considered|procedures?|qualifying statements)$",
    re.IGNORECASE)
_NAMED_RECOMMENDATION = re.compile(r"^.*\brecommendations?\s*\((?P<topic>[^()]+)\)\s*$",
                                   re.IGNORECASE)
_RECOMMENDATIONS_FOR = re.compile(r"^(?:specific |other |general )?recommendations? (?=for\b)",
                                  re.IGNORECASE)
_TOP = re.compile(r"^(?:major recommendations|recommendations)$", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(compiled(r"[*_#\\`>\[\]]").sub(" ", text).split()).lower()


def topics(guideline: ParsedGuideline) -> list[str | None]:
    """The guideline's own topic of each recommendation, or None when only generic headings
    ("Recommendations", "Key Question 2") stand above it."""
    secs = guideline.sections
    texts = [_norm(s.text) for s in secs]
    out: list[str | None] = []
    at = 0
    for rec in guideline.recommendations:
        probe = _norm(rec.source_text)[:60]
        found = next((i for i in range(at, len(secs)) if probe and probe in texts[i]), None)
        if found is None:
            found = next((i for i in range(len(secs)) if probe and probe in texts[i]), None)
        if found is not None:
            at = found
        topic = _topic_at(guideline, found, rec)
        if topic is not None and found is not None:
            # Only a topic the page would print is put right; a generic heading names none.
            topic = _part_above(secs[found].text, probe) or topic
        out.append(topic)
    return out


# A part the guideline opens with a lettered list item and no heading ("- E. **Determine the
# Level of Risk (Severity of Suicidality)**"): bold, or every long word capitalised.
_PART_ITEM = re.compile(r"^[-*+][ \t]+(?:\*\*)?[A-Z]\.[ \t]+(?P<bold>\*\*)?"
                        r"(?P<title>[A-Z][^*\n]{2,120}?)(?:\*\*)?[ \t]*$")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]")


def _part_above(text: str, probe: str) -> str | None:
    """The part a recommendation is printed under when, after the section's last heading,
    the guideline opened a new part with a lettered list item: the section's heading then
    names the part before it ("D5. Assess Access to Lethal Means" above "E. Determine the
    Level of Risk")."""
    said = probe.split()[:6]
    if not said:
        return None
    m = compiled(r"[\s*_#\\`>\[\]]+".join(re.escape(w) for w in said), re.IGNORECASE).search(text)
    if not m:
        return None
    for line in reversed(text[: m.start()].split("\n")):
        if _HEADING_LINE.match(line):
            return None
        part = _PART_ITEM.match(line)
        if part:
            title = part.group("title").strip()
            if compiled(r"[.:;!?]$").search(title) or len(title.split()) > 16:
                return None
            if part.group("bold") or all(w[:1].isupper() for w in compiled(r"[A-Za-z]{4,}").findall(
                                                                               title)):
                return title
            return None
    return None


def _topic_at(guideline: ParsedGuideline, index: int | None, rec: Recommendation) -> str | None:
    secs = guideline.sections
    chain: list[str] = []
    if index is None:
        chain = [rec.section or ""]
    else:
        level = secs[index].level + 1
        for i in range(index, -1, -1):
            if secs[i].level < level:
                chain.append(secs[i].heading)
                level = secs[i].level
            if level <= 1 or compiled(
                    r"major recommendations$", re.IGNORECASE).match(secs[i].heading.strip()):
                break
    for heading in chain:
        named = _NAMED_RECOMMENDATION.match(heading.strip())
        heading = named.group("topic") if named else _RECOMMENDATIONS_FOR.sub("", heading.strip())
        if heading and not _GENERIC.search(heading) and len(heading) <= 80 and not _TOP.match(
                heading):
            return heading
    return None


_GERUND_HEAD = {
    "initiation": "Starting", "continuation": "Continuing", "discontinuation": "Stopping",
    "prevention": "Preventing", "management": "Care", "treatment": "Treatment",
    "maintenance": "Ongoing care", "taper": "Tapering", "tapering": "Tapering",
    "screening": "Screening", "assessment": "Checking", "evaluation": "Checking",
    "reassessment": "Checking again", "monitoring": "Checking", "use": "Use",
}


def plain_heading(heading: str, acronyms: dict[str, str]) -> str:
    """A guideline heading as a patient heading: acronyms spelt out, jargon swapped as whole
    phrases, nouns of action said as what is done ("Initiation and Continuation of Opioids"
    -> "Starting and continuing opioids"), and sentence case."""
    return _plain_heading(heading, tuple(acronyms.items()))


@lru_cache(maxsize=4096)
def _plain_heading(heading: str, spelt: tuple[tuple[str, str], ...]) -> str:
    """Cached: each recommendation under a heading plans it again."""
    acronyms = dict(spelt)
    h = compiled(
            r"^(?:Module [A-Z]:|[A-Z]\d{0,2}\.|\d+(?:\.\d+)*\.?)\s+").sub("", tidy(heading)).strip()
    # A heading is read by the person it is about: "Use of … in a Patient with …".
    h = compiled(
            r"\b([Aa]) [Pp]atient\b").sub(
                lambda m: "Someone" if m.group(1) == "A" else "someone", h)
    h = compiled(r"\b([Pp])atients\b").sub(lambda m: "People" if m.group(1) == "P" else "people", h)
    h = compiled(r"\s*\((?:[A-Z][A-Za-z0-9-]*s?)\)").sub("", h)  # "(HTN)" after its long form
    h = compiled(
            r"\b([A-Z][A-Za-z0-9]{1,6})\b").sub(lambda m: acronyms.get(m.group(1), m.group(1)), h)
    h = h.replace("\u2014", " \u2014 ").replace("/", " or ")
    h = compiled(r",?\s*and/or\s*").sub(" or ", h)
    h = compiled(r"\b(Initiation|Continuation|Discontinuation|Taper|Tapering)\b(?=(?: and \w+)?"
               r"(?: of|,|$))").sub(lambda m: _GERUND_HEAD[m.group(1).lower()], h)
    h = compiled(r"\b(?:Starting|Continuing|Stopping|Tapering)(?: and (?:Starting|Continuing"
               r"|Stopping|Tapering))? of\b").sub(lambda m: m.group(0)[:-3], h)
    h = dedupe(replace_terms(h))  # "Treatment Interventions" is not "Treatment treatments"
    h = " ".join(h.split()).strip(" .:-\u2014")
    # Swapped again once in sentence case: "of Hypertension" is only found as "hypertension".
    h = dedupe(replace_terms(_sentence_case(h)))
    # "an HBsAg-positive source" spelt out: "a hepatitis B …", never "an hepatitis B".
    h = compiled(
            r"\b([Aa])n (?=(?!hour|honest|honou?r|heir|herb)[b-df-hj-np-tv-z][a-z])").sub(r"\1 ", h)
    return h[:1].upper() + h[1:]


def _sentence_case(text: str) -> str:
    """"Screening for Renal Disease" -> "Screening for renal disease"; acronyms and names
    that are capitalised mid-word stay."""
    out = []
    for i, w in enumerate(text.split(" ")):
        core = w.strip(",;:.()")
        if i and compiled(
                r"[A-Z][a-z]+(?:-[A-Za-z]*)*").fullmatch(core) and core.lower() not in _PROPER:
            w = w.replace(core, core.lower())
        elif not i and compiled(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+").fullmatch(core) and not any(
                part.lower() in _PROPER for part in core.split("-")):
            w = w.replace(core, core[:1] + core[1:].lower())  # "Mind-Body": "Mind-body"
        elif i and compiled(r"[a-z]+-[A-Z][a-z]+").fullmatch(core) and core.split("-")[1].lower() \
                not in _PROPER:
            w = w.replace(core, core.lower())  # "antigen-Positive": a title-case part
        out.append(w)
    said = " ".join(out)
    return said[:1].upper() + said[1:]


_PROPER = frozenset({
    "doppler", "streptococcus", "veterans", "colorado", "american", "english", "food", "drug",
    "administration", "u.s.", "national", "institute", "workers'", "compensation", "act",
    "spanish", "african", "asian", "hispanic", "latino",
})


_AT_RISK = re.compile(r"\b(?:an?|the) (?P<who>[\w-]+) is (?:identified|found|known) "
                      r"(?:as being|to be) at (?P<risk>increased|high|higher) risk for "
                      r"(?P<what>[^;.]+?\binfections?)\b")


def said_risk(text: str) -> str:
    """"… if a donor is identified as being at increased risk for HIV … infection, … should
    include this risk information in the discussion with …": the information is said ("should
    say in the discussion with … that the donor is at increased risk for HIV … infection"), so
    a line read alone (a table row) still tells the reader what they will hear."""
    m = _AT_RISK.search(text)
    if not m:
        return text
    fact = f"that the {m.group('who')} is at {m.group('risk')} risk for {m.group('what')}"
    head, tail = text[: m.end()], text[m.end():]

    def told(w: re.Match[str]) -> str:
        # "… discussion with the candidate": the one who is told; an informed consent talk is
        # with the person getting care when no one else is named.
        whom = w.group("whom") or ("the patient" if "consent" in w.group("where") else "")
        if whom:
            return f"tell {whom} {fact}, {w.group('where')}"
        return f"say {w.group('where')} {fact}"
    return head + compiled(r"\binclude this risk information (?P<where>in (?:the |an? )?[\w -]+?)"
                         r"(?: with (?P<whom>[^.;]+?))?(?=[.;])").sub(told, tail, count=1)


def resolve_pronoun(text: str, heading: str | None) -> str:
    """A statement that starts with a pronoun for its section's subject names it: "These
    are not advised." under "Epidural Infusions" -> "Epidural infusions are not advised."."""
    if not heading:
        return text
    subject = compiled(r",|\s+\u2014|\s+-\s|\(").split(tidy(heading))[0].strip()
    if not subject or _GENERIC.search(subject) or len(subject.split()) > 6:
        return text
    plural = bool(compiled(r"[^su]s$").search(subject.split()[-1])) or " and " in subject
    said = _sentence_case(subject)
    patterns = [
        (r"^(?:These|They)(?= (?:are|were|have|may|should|can|must|is)\b)", True),
        (r"^It(?= (?:is|was|has|may|should|can|must)\b(?! (?:unlikely|likely|important|advised"
         r" that|recommended that|not clear|unclear|possible|reasonable)))", False),
        (r"^(?:This type of (?:treatment|therapy|procedure)|The (?:treatment|procedure|therapy)"
         r"|This (?:treatment|procedure|therapy))(?= )", None),
    ]
    for pattern, wants_plural in patterns:
        if re.match(pattern, text) and (wants_plural is None or wants_plural == plural):
            return re.sub(pattern, said, text, count=1)
    last = subject.split()[-1].lower()
    m = compiled(rf"^These {re.escape(last)}\b", re.IGNORECASE).match(text)
    if m and plural:
        return said + text[m.end():]
    return text


# --- block titles ------------------------------------------------------------------------------

_ADVISE = re.compile(r"^(?:[Ee]xperts )?(?:also )?(?:strongly )?(?:advise|suggest|recommend)s?\s+"
                     r"(?P<neg>against\s+)?(?:that\s+)?(?:you\s+)?(?P<obj>.+)$")
_UNSURE = re.compile(r"^There is not enough (?:proof|evidence)\s+(?:about|on|for|to say|to advise)"
                     r"\s+(?:for or against\s+)?(?:the good and harm of\s+|whether\s+|if\s+)?"
                     r"(?P<obj>.+)$")
_EITHER_WAY = re.compile(r"\bfor or against\s+(?P<obj>.+)$"
                         # "The guideline panel has no advice about use of existing …"
                         r"|\bha(?:s|ve) no (?:advice|recommendations?) (?:about|for|on|regarding)"
                         r"\s+(?:the )?(?:use of\s+)?(?P<none>.+?)(?: at this time)?\.?$")
_DO = re.compile(r"^(?:make sure (?:you|your child) )?(?P<verb>seek|get|have|make|ask|tell|take"
                 r"|stop|keep|call|go|use|avoid|try|talk|eat|join|check|plan)\s+(?P<obj>.+)$",
                 re.IGNORECASE)
_THERE = re.compile(r"^There (?:is|are) (?P<obj>.+)$")
_IT_IS = re.compile(r"^It is (?P<neg>not )?(?:strongly |usually )?(?:advised|recommended|suggested"
                    r"|needed) that (?P<obj>.+?) (?:be|is|are|include|includes|should|get|gets)\b")
_SUBJECT = re.compile(r"^(?P<obj>[A-Z][^.;:]{2,160}?) (?P<neg>(?:is|are) (?:mostly |usually |"
                      r"generally )?not )?(?:is|are|was|were|has|have|can|may|should|must|will"
                      r"|do|does|include|includes|carry|carries|pose)\b")
_LEADING = re.compile(r"^(?:If|When|Whenever|Once|After|Before|Unless|During|While|For|In|To|At"
                      r"|As)\s(?:[^,()]|\([^()]*\)){3,200},\s+")
# A title never stops on a word that says nothing without what follows it ("Putting in place
# ways" to lower risks, "Tapering opioids in a way" that fits you).
_NEEDS_WHAT_FOLLOWS = re.compile(r"\b(?:ways?|means|steps|efforts|manner|measures)$",
                                 re.IGNORECASE)
# A short list of names, each one or two words: a title says them all.
_NAMES = re.compile(r"^[\w'-]+(?: [\w'-]+)?(?:, [\w'-]+(?: [\w'-]+)?)+,? (?:and|or) [\w'-]+"
                    r"(?: [\w'-]+)?$")
_CUT = re.compile(r",|;|:|\s?\u2014|\s(?:because|if|when|whenever|unless|as long as|so that|while"
                  r"|to be|besides|apart from"
                  r"|such as"
                  r"|although|since|which|who|that|This|than|rather|instead|due to|based on"
                  r"|by methods|according|versus)\b"
                  r"|\s(?:for|in|among)\s(?:all\s)?(?:you|people|adults"
                  r"|women|men|children|teens|babies|those|persons|anyone)\b|\sto\s(?:lower|prevent"
                  r"|reduce|decrease|help|improve|check|find|make sure)\b")
_PREPOSITION = re.compile(r"\s(?:for|in|into|with|at|by|during|after|before|until|on|from|over"
                          r"|beginning|starting|within|as|to|between|using)\s")
_JOINER = re.compile(r"\s(?:about|and|or|of)\s")
_TRAILING = re.compile(r"\s+(?:and|or|of|the|a|an|to|for|with|in|on|at|by|your|their|is|are"
                       r"|be|any|all|these|this|that|which|who|outside|inside|combined"
                       r"|(?:about )?(?:how|what|why|whether)"
                       r"|started|taken"
                       # "a full maintenance program consisting", "exercise done": a participle
                       # whose words were cut off
                       r"|consisting|done|including)$", re.IGNORECASE)
# "The Centers for Disease Control": who speaks, not what the advice is about.
_ORGANISATION = re.compile(
    r"^(?:The )?(?=.*\b(?:Centers?|Department|Association|Administration|Institutes?|Society"
    r"|Committee|Task Force|College|Academy|Office|Agency|Organi[sz]ation|Network|Group)\b)"
    r"[A-Z][a-z]+(?: (?:of|and|for|on|the|[A-Z][a-z]+))*$")
_PRONOUNS = frozenset({"It", "This", "These", "They", "That", "There", "Those", "Both", "All",
                       "Each", "Either", "Neither", "Some", "Many", "Most"})
_YOU_DO_THIS = re.compile(r"^(?:be (?P<verb>[a-z]+ed|given|seen)|(?P<act>take|get|have|receive"
                          r"|undergo|use|participate|engage|start|stop|avoid|eat|limit|join|keep"
                          r"|continue|try|see|seek|follow|complete))\b (?P<rest>.+)$")
_MAX_WORDS = 9
_RELATIONAL = ("addition|use|risk|balance|choice|part|number|amount|type|kind|lack|start|end"
               "|series|range|level|more|less")


@lru_cache(maxsize=2048)
def _gerund(verb: str) -> str:
    import lemminflect  # imported here: the lexicon is loaded only when first needed

    forms = lemminflect.getInflection(verb.lower(), "VBG")
    return forms[0] if forms else f"{verb}ing"


def _main_clause(sentence: str) -> str:
    """The sentence without a leading "If …," or "After testing,", capital first. The main
    clause starts at the last comma before its verb, so a list inside the condition ("HIV,
    HBV, or HCV") is never taken for it."""
    said = sentence
    if _LEADING.match(sentence):
        # "If … may be used, …, the team should tell you …": the advice's own "should" first.
        verb = (compiled(r"\b(?:should|must|experts (?:advise|suggest))\b").search(sentence)
                or compiled(r"\b(?:may|can|will)\b").search(sentence))
        commas = [m.end() for m in compiled(
                r",\s+").finditer(sentence[: verb.start()] if verb else "")
                  if sentence[: m.start()].count("(") == sentence[: m.start()].count(")")
                  and not compiled(r"(?:should|must|may|can|will|is|are|and|or)\b").match(
                                   sentence[m.end():])]
        said = sentence[commas[-1]:] if commas else _LEADING.sub("", sentence)
    said = compiled(r"^(?:Also|But|Then|So),?\s+").sub("", said).rstrip(".:")
    return said[:1].upper() + said[1:]


_PERSON = re.compile(r"^(?:you|your (?:child|baby)|you or your child)\b", re.IGNORECASE)
_ADVERBS = (r"(?:(?:also|only|still|always|first|then|usually|mostly|often|rarely|never|generally"
            r"|right away|at once|\w+ly)\s+)*")
_MODAL_VERB = re.compile(
    rf"^(?P<subj>.{{0,320}}?)\s*\b(?<!what you )(?:should|must|may|can|will)\s+(?P<neg>not\s+)?"
    rf"{_ADVERBS}(?P<be>be\s+)?{_ADVERBS}(?P<verb>[a-z-]+)(?:\s+(?P<obj>.+))?$")
_CARER = re.compile(r"\b(?:team|centers?|clinicians?|doctors?|physicians?|providers?"
                    r"|organi[sz]ations?"
                    r"|staff|health workers?|nurses?|insurers?|employers?|programs?|systems?)\b",
                    re.IGNORECASE)
_PEOPLE = re.compile(r"\b(?:people|persons|individuals|patients|donors?|candidates?|recipients?"
                     r"|women|men|adults?|children|child|babies|baby|infants?|mothers?|workers?"
                     r"|veterans?|couples?|partners?)\b", re.IGNORECASE)
_DOING = frozenset({"test", "screen", "check", "vaccinate", "counsel", "refer", "examine",
                    "monitor", "evaluate", "assess", "measure", "retest", "re-test", "rescreen",
                    "re-screen", "immunize"})
# A second verb after "or"/"and" in a title's action ("consult or refer to …").
_ACTION_VERBS = _DOING | {"consult", "treat", "manage", "offer", "give", "start", "stop"}
# Verbs that are never nouns: after "and" inside a title they are one more thing done
# ("and test results" keeps its noun).
_ONLY_VERBS = frozenset({"optimize", "inspect", "believe", "consult", "refer", "treat", "manage",
                         "offer", "give", "monitor", "evaluate", "assess", "counsel",
                         "vaccinate", "examine", "prescribe", "discuss", "explain", "follow",
                         "promote", "provide", "encourage", "ensure", "obtain", "perform",
                         "improve", "reduce"})
# What the care team says to the reader, titled by what the reader gets ("Being told …").
_TOLD = {"tell": "told", "teach": "taught", "inform": "informed", "encourage": "encouraged",
         "remind": "reminded", "advise": "advised", "warn": "warned", "instruct": "instructed",
         "educate": "educated", "ask": "asked", "release": "released", "return": "returned",
         "follow": "followed"}
_BAD_TITLE = re.compile(
    r"^(?:To|If|When|At the time|Also|It|This|These|That|There|Some|Then|But|Or|And"
    r"|For example|Which|Who|Should|Must|May|Can|Will|Being treated as)\b"
    r"|^(?:A person|People|Persons|The person|You|The patient|Your care team)$"
    r"|^(?:Not advised|Not sure yet): (?:some |the |good |strong )?(?:proof|evidence)"
    r"|\b(?:you|it|they|them|what|your|their)$|^Being (?:used|based|done|made|put)\b",
    re.IGNORECASE)


_GROUP_WORDS = (r"(?:children|adults|people|women|men|persons|individuals|patients|infants|teens"
                r"|adolescents|babies|donors|recipients|candidates)(?: \([^()]*\))?")
_GROUP_FIRST = re.compile(
    rf"^(?:all |each |any )?(?:[\w-]+ ){{0,2}}?{_GROUP_WORDS}(?: (?:with|without) symptoms)?"
    rf"(?:,? and (?:[\w-]+ ){{0,2}}?{_GROUP_WORDS}(?: (?:with|without) symptoms)?)?\s+"
    r"(?=(?:with|using|by|every|at|for)\b)")


@lru_cache(maxsize=4096)
def _participle(word: str) -> bool:
    """"tested", "told", "given": a verb form after "be"; "a", "personal" are not."""
    import lemminflect

    lemmas = lemminflect.getAllLemmas(word).get("VERB", ())
    forms = [lemminflect.getAllInflections(lemma, upos="VERB") for lemma in lemmas]
    return any(word in f.get("VBN", ()) or word in f.get("VBD", ()) for f in forms)


def _lemma(word: str) -> str:
    import lemminflect

    found = lemminflect.getLemma(word, upos="VERB")
    return found[0] if found else word


def _against_what(obj: str) -> str:
    """"fentanyl for use with people with …" -> "fentanyl": what is advised against, as the
    title of "Fentanyl is not advised for use with …" named it."""
    if _NAMES.match(obj):
        return obj  # "magnesium, benzodiazepines, … and ketamine": each is advised against
    return compiled(r"\s(?:for|in|due to|since|because)\s|\s\(|,").split(obj, maxsplit=1)[0]


def _clause_title(clause: str, direction: Direction) -> tuple[str, bool] | None:
    """The object of a clause that says what is done, with whether it says not to."""
    if direction is Direction.INSUFFICIENT:
        m = _EITHER_WAY.search(clause) or _UNSURE.match(clause)
        if m:
            return m.group("obj") or m.group("none"), False
    m = _ADVISE.match(clause)
    if m:
        obj = m.group("obj")
        pair = compiled(r"^(?:(?:that )?you )?and your (?P<who>clinician|care team|doctor) "
                        r"(?P<verb>[a-z]+)(?P<rest>[^.]*)").match(obj)
        if pair:
            # "advise that you and your clinician decide together" -> "Deciding together
            # with your clinician"
            return (f"{_gerund(pair.group('verb')).capitalize()}{pair.group('rest')} with your "
                    f"{pair.group('who')}", bool(m.group("neg")))
        you = _YOU_DO_THIS.match(obj) if compiled(r"\bthat\s+you\s").search(clause[: m.start(
            "obj")]) else None
        if you:
            # "experts advise that you take a supplement" -> "Taking a supplement"; "that you
            # be referred to …" -> "Referring to …", as for "that all people … be referred".
            return f"{_done_as_title(you)} {you.group('rest')}", bool(m.group("neg"))
        used = compiled(r"^(?P<np>.{3,80}?) (?:is|are|be) used\b").match(obj) if compiled(
            r"\bthat\s").search(clause[: m.start("obj")]) else None
        if used:
            # "advise that immediate-release opioids are used at …": a title says what is
            # done ("Using immediate-release opioids"), never a sentence without its verb.
            return f"Using {used.group('np')}", bool(m.group("neg"))
        # "advise that treatment planning include teaching": what is advised is the noun.
        that = compiled(
                r"^(?P<np>.{3,80}?) (?:be|include|receive|get|have|use|undergo|start|take"
                r"|participate|engage)\b").match(
                        obj) if compiled(r"\bthat\s").search(clause[: m.start("obj")]) else None
        done = compiled(r"^(?P<np>.{3,120}?)(?<! to)(?<! not)(?<! who)(?<! that)(?<! which)"
                        r" (?:be (?P<verb>[a-z]+ed|given|seen)|(?P<act>take|get"
                        r"|have|receive|undergo|use|participate|engage|start|stop|avoid|eat"
                        r"|limit|join|improve|develop))\b (?P<rest>.+)$").match(
                            obj) if that else None
        stated = compiled(r"^(?P<np>[a-z][\w -]{3,60}?) (?:are|is) (?P<pp>[a-z]+ed) (?P<rest>.+)$"
                          ).match(obj) if that else None
        if stated and not (_PEOPLE.search(stated.group("np")) or _CARER.search(stated.group("np"))):
            # "advise that specific individual goals are stated at the start": what is done to
            # the thing ("Stating specific individual goals"), never "… goals are stated".
            return (f"{_gerund(_lemma(stated.group('pp'))).capitalize()} {stated.group('np')}",
                    bool(m.group("neg")))
        if done and (_PEOPLE.search(done.group("np")) or _CARER.search(done.group("np"))):
            # "advise that all people not now treated be screened for depression", "… that
            # all healthy, pregnant women take part in exercise": what is done is the topic.
            return f"{_done_as_title(done)} {done.group('rest')}", bool(m.group("neg"))
        if m.group("neg") and not that:
            obj = _against_what(obj)
        return (that.group("np") if that else obj), bool(m.group("neg"))
    m = compiled(r"^(?:Also,? )?[Dd]o not use (?P<obj>.+)$").match(clause)
    if m:
        return _against_what(m.group("obj")), True  # "Do not use calcitonin": calcitonin
    m = _DO.match(clause)
    if m and not _MODAL_VERB.match(clause):
        obj = m.group("obj")
        if m.group("verb").lower() == "use" and obj.startswith("of "):
            obj = obj[3:]  # "Use of X instead of Y: …" is a noun, not an order: "Using X …"
        return f"{_gerund(m.group('verb')).capitalize()} {obj}", False
    m = _MODAL_VERB.match(clause)
    if not m:
        return None
    subj = m.group("subj").strip()
    verb, obj, neg = m.group("verb"), m.group("obj") or "", bool(m.group("neg"))
    head = compiled(r"\s(?:between|of|with|for|about|who|whose|in|from)\s|,").split(subj)[0]
    carer = bool(_CARER.search(head))
    person = bool(_PERSON.match(subj)) or carer or bool(_PEOPLE.search(head))
    if m.group("be") and _lemma(verb) in _DOING and not person and compiled(
            r"(?:[\w/-]+ ){0,2}?(?:samples?|specimens?)(?=\s+(?:with|that|which|from|of|in|on)"
            r"\b|\s*\(|$)", re.IGNORECASE).match(subj) and compiled(r"(?:with|for|by|using) "
                                                                  ).match(obj):
        # "Samples with a reactive result should be tested with an antibody assay": the
        # sample is the lab's; what the reader meets is the test ("Testing with …").
        what = compiled(r"\s(?:as soon as|within|after|before|at|during|when|if|until)\s.*$"
                        ).sub("", obj)
        return f"{_gerund(_lemma(verb)).capitalize()} {what}".strip(), neg
    if m.group("be") and _participle(verb) and not carer and compiled(
            r"(?:[\w-]+ ){0,3}(?:people|persons|patients|individuals)\b",
            re.IGNORECASE).match(head):
        # "Intoxicated or psychotic people who are unknown … should be transported to …":
        # what is done for the people the advice is about, whoever they are.
        return f"Being {verb} {obj}".strip(), neg
    if compiled(r"\b(?:is|are|was|were|that|which|who)\b").search(subj) and not (
            person and compiled(r"[\w -]{3,40} who\b").match(subj)):
        # "Return-to-work is a subject that …": no subject to name; "Health workers who
        # have … should have X" names a group, and what they get is the title.
        return None
    told = compiled(r"^(?:(?P<conj>or|and) (?P<v2>[a-z]+) )?(?:you(?: or your child)?"
                    r"(?: \(or your [^()]+\))?|your (?:child|baby))\s+(?P<rest>[a-z].+)").match(obj)
    if carer and told and verb in _TOLD and (told.group("v2") or verb) in _TOLD:
        # "your care team should tell you about X": the reader is told, taught or encouraged;
        # "Telling about X" would read as the reader's own task.
        both = (f"{_TOLD[verb]} {told.group('conj')} {_TOLD[told.group('v2')]}"
                if told.group("v2") else _TOLD[verb])
        rest = compiled(r"^that (?:although|though|while|even though|even if) .{3,160}?, "
                      r"(?=(?:[\w-]+ ){0,3}(?:has|have|is|are|can|cannot|may|will|does|do)\b)").sub(
                      "that ", told.group("rest"))  # "that although all donors are screened,
        # donor screening has limits": what the reader is told is the main clause
        title = f"Being {both} {rest}"
        if len(words(title)) > _MAX_WORDS:
            # "… at higher risk for HIV, hepatitis B, …, in the talk": what, not the list
            title = compiled(r",? in the [\w -]+$").sub("", title)
        short = compiled(r"\s(?:for|of)\s").split(title)[0]
        if len(words(title)) > _MAX_WORDS and len(words(short)) >= 5 and "," in title[len(short):]:
            title = short  # "Being told that the donor is at higher risk": the list is left
        if len(words(title)) > _MAX_WORDS:
            # "… to modified duty during your rehab": the when is said in the advice
            title = compiled(r"\s(?:during|at|until|before|after|when|within|over)\s.*$").sub("",
                           title)
        return title, neg
    obj = compiled(r"^(?:(?:you(?: or your child)?|your (?:child|baby))(?=[\s,])\s*)").sub("", obj)
    obj = compiled(r"^,[^,]*,\s*").sub("", obj).strip()
    obj = compiled(r"^(?:the )?(?:complete |full )?series of ").sub("", obj)
    if verb in ("be", "is", "are", "have", "has", "get") and not m.group("be") and not person:
        return None
    if verb == "be" and not m.group("be"):
        return (subj, neg) if subj[:1].isupper() and not _PERSON.match(subj) else None
    if m.group("be"):
        if not _participle(verb):
            return (subj, neg) if subj[:1].isupper() else None  # "should be a personal one"
        if verb == "used" and not (person or neg) and subj[:1].isupper() and compiled(
                r"\b(?:should|must) (?:\w+ )?be used\b").search(clause):
            # "Available data should be used to check again …": what is done is using it.
            return f"Using {_lowered(subj)}", neg
        base = _lemma(verb)
        if (not person or carer) and base in _DOING and (_PEOPLE.search(head) or carer or compiled(
                r"\b(?:person|worker)\b").search(head)):
            # "the source person should be tested for X": the point is the testing, so it
            # is its title ("Testing the source person for X"), never the bare subject.
            who = compiled(r"\s(?:who|whose|with|that|which)\s|\s\(|,").split(subj)[0]
            what = compiled(
                    r"\s(?:as soon as|within|after|before|at|during|when|if|until|and)\s.*$").sub(
                          "", obj)  # when it is done is said in the advice
            return f"{_gerund(base).capitalize()} {_lowered(who)} {what}".strip(), neg
        if not person or carer:
            return (subj, neg) if subj[:1].isupper() else None
        if base in _DOING:
            return f"{_gerund(base).capitalize()} {obj}", neg
        return f"Being {verb} {obj}", neg
    if verb in ("do", "perform", "carry"):
        return compiled(r"^out\s+").sub("", obj), neg
    if verb == "avoid" and direction is Direction.AGAINST:
        return obj, True  # "should avoid routine use of X": not advised, routine use of X
    if not person:
        # "A screening trial should take place …": the thing it is about names it.
        return (subj, neg) if subj[:1].isupper() else None
    if _lemma(verb) in _DOING:
        # "not screen children without symptoms and adults with pulmonary function tests":
        # the test is the topic; whom it is for is said in the advice.
        obj = _GROUP_FIRST.sub("", obj)
    # "consult or refer to a wound care specialist": both verbs are said as doing.
    obj = compiled(r"^(or|and) ([a-z]+)\b").sub(
        lambda k: f"{k.group(1)} {_gerund(k.group(2))}" if k.group(2) in _ACTION_VERBS
        else k.group(0), obj)
    return f"{_gerund(verb).capitalize()} {obj}".strip(), neg


_MODAL_ADVERB = re.compile(r"\b(should|must|may|can|will)\s+(?:in some cases|for some people"
                           r"|in most cases|selectively|routinely|usually|also|always|first)\s+")


_FRONTED_FRAME = re.compile(r"^(?:By|According to|Using|Following) [^,\n]{3,80}, (?:based on "
                           r"[^,\n]{3,80}?(?:, | (?=the )))?")


def block_title(text: str, direction: Direction) -> str | None:
    """What the advice is about, in at most nine words of its own, or None. A clause that
    says what is done ("experts advise X", "your care team should screen you for X", "you
    should get tested") is preferred to the subject of a statement; the age the advice is
    for leads ("Age 50 to 74: a screening mammogram every 2 years")."""
    # "should in some cases offer X": the adverb is not the action the title names.
    text = _MODAL_ADVERB.sub(r"\1 ", text)
    # "By the LMBP methods, based on … the ratio is advised": the fronted frame is no topic.
    text = _FRONTED_FRAME.sub("", text)
    # "Putting caustic agents (e.g., bleach) or …": an example in brackets is never part of
    # what the advice is about, and its stop would end the subject.
    text = compiled(r"\s*\((?:e\.g\.|for example|such as)[^()]*\)").sub("", text)
    # "Even if you have shown protection, you should report …": what is done is the title.
    text = compiled(r"^Even if [^,]{3,80}, (?=you\b)").sub("", text)
    # "should offer, as part of full lifestyle treatment, moderate-intensity exercise": the
    # aside is not what is offered; "offer people who … a full maintenance program": what is
    # offered names the advice, whom it is for is said in it.
    text = compiled(r"\b(should (?:also )?(?:offer|give|provide)),\s+as (?:a )?part of "
                    r"[^,]{3,60},\s+").sub(r"\1 ", text)
    text = compiled(r"\b(should (?:also )?(?:offer|give|provide)) (?:people|adults|patients"
                    r"|women|men)(?: who [^,.;]{3,60}?)?,? (?=(?:a|an|at least|one|two)\b)"
                    ).sub(r"\1 ", text)
    head, *items = text.split("\n- ")
    said = split_sentences(head)
    listing = bool(said and said[-1].endswith(":") and items)
    lead = said[-1][:-1] if listing else ""
    topic = _clause_title(_main_clause(lead), direction) if listing else None
    if listing and compiled(r"If you\b.* and you$").match(lead) and "\n" in items[-1]:
        # "If you have X and you:", one line a condition: the advice follows the list.
        said = split_sentences(items[-1].split("\n", 1)[1])
    elif listing and compiled(r"\bthese$").search(lead) and topic and len(words(
            _shorten(topic[0]) or "")) >= 2:
        # "… advise against X for any of these:": the items are cases, X is the topic.
        said = [*said[:-1], lead]
    elif listing and direction is Direction.FOR and (need := compiled(
            r"^If you (?:are in need of|need|require) (?P<x>[^,:]{3,80}), [^:]*\bone of these$"
            ).match(lead)):
        # "If you are in need of withdrawal care for sedative hypnotics, experts suggest one of
        # these:" and three ways: what is needed names them all.
        return need.group("x")[:1].upper() + need.group("x")[1:]
    elif listing and compiled(r"\bthese$").search(lead):
        # "should clearly describe these:" names no topic: its first item does.
        lead = compiled(r"\s+(?:any |all |both |each |one )?(?:of )?these$").sub("", lead)
        first = items[0].split(chr(10))[0]
        said = [*said[:-1], f"{lead} {first[:1].lower() + first[1:]}"]
    elif listing and len(items) >= 3 and compiled(r"\sfrom$").search(lead):
        # "Gather history from:" and seven sources: a title naming the first one alone
        # ("… from family/unit members") says less than the advice; it names what is done.
        said = [*said[:-1], compiled(r"\s\w+$").sub("", lead)]
    elif listing and compiled(r"\b(?:should|must|can|may|will|include|includes|including|are|is"
                               r"|to|be|by|of|with|for|about|on|as|from|using|such as|like"
                               r"|advise|suggest|recommend)$").search(
                               lead):
        # "Your care team should:" and its first item read as one clause.
        said = [*said[:-1], f"{said[-1][:-1]} {items[0].split(chr(10))[0]}"]
    elif listing:
        said = [*said[:-1], lead]  # "… for or against these somatic treatments:" names them
    if not said:
        return None
    title, neg = None, direction is Direction.AGAINST
    from domain.voice import condition

    for obj, _says_not in _candidates(said, direction):
        shortened = _shorten(obj)
        if shortened and not _BAD_TITLE.search(shortened) and not condition(shortened) \
                and not _ORGANISATION.match(shortened):
            # Only the direction says "not advised": "do not delay X" is advice for X.
            # 'make care "youth-friendly."': the stop inside the quote ends the sentence,
            # not the title.
            title = compiled(r"[.,;:](?=[\"\u201d]$)").sub("", shortened[:1].upper()
                                                               + shortened[1:])
            break
    if title is None:
        return None
    # "Believing your report of pain and optimize treatment": each verb said as doing
    title = compiled(r"\b(and|or) ([a-z]+)\b(?= [A-Za-z])").sub(
        lambda k: f"{k.group(1)} {_gerund(k.group(2))}" if k.group(2) in _ONLY_VERBS
        else k.group(0), title)
    age = _age_label(text)
    if age:
        title = compiled(r"\s(?:at|until|by|from|beginning at) age \d+(?: years)?\b").sub("", title)
    if direction is Direction.INSUFFICIENT:
        return f"Not sure yet: {_lowered(title)}" + (f" ({age[:1].lower()}{age[1:]})"
                                                       if age else "")
    if neg and not compiled(r"(?:No|Not)\b").match(title):
        return f"Not advised: {_lowered(title)}" + (f" ({age[:1].lower()}{age[1:]})"
                                                      if age else "")
    return f"{age}: {_lowered(title)}" if age else title


_AGAINST_GROUP = re.compile(
    r"\b(?:not (?:advised|recommended|right)|advises? against [^.;:]*?)\s+"
    r"(?:for use with |for |in )"
    r"(?P<group>(?:(?:most|some|many|all) )?(?:people|persons|patients|adults|children|women"
    r"|men|those|anyone)\b[^.;:()]*|(?:[\w-]+ ){0,4}(?:pain|disease|illness|cancer)"
    r"(?: of(?: the)? [\w-]+(?: [\w-]+)?)?)\b")


def against_group_title(title: str, text: str) -> str:
    """An advice against limited to a group keeps it in its title: "Not advised:
    buprenorphine" alone tells someone who takes it for another reason to stop."""
    if not title.startswith("Not advised: ") or "(" in title or "not advised" in title[12:]:
        return title
    first = split_sentences(text.split("\n- ")[0])[0] if text.strip() else ""
    m = _AGAINST_GROUP.search(first)
    if not m or m.group("group").lower() in title.lower():
        return title
    group = m.group("group").strip(" ,")
    if len(group.split()) > 10:
        return title
    # "against screening for COPD in adults without symptoms": what is screened for is said
    # before the group, or "screening for adults …" would widen the advice to every test.
    last = re.escape(title.split()[-1])
    obj = compiled(rf"\b{last} (?P<obj>for [^,;:()]+?) (?P<prep>in|among) $", re.IGNORECASE).search(
                    first[: m.start("group")])
    if obj and obj.group("obj").lower() not in title.lower() and len(
            f"{title} {obj.group('obj')} {group}".split()) <= 12:
        return f"{title} {obj.group('obj')} {obj.group('prep')} {group}"
    return f"{title} for {group}"


def _candidates(said: list[str], direction: Direction) -> list[tuple[str, bool]]:
    """Possible titles, best first: what is done in each of the first sentences, then a
    label before a colon, then the subject of the first sentence."""
    found = [(sent, title) for sent in said[:3]
             if (title := _clause_title(_main_clause(sent), direction))]
    # What is done for or by the reader first; the subject of a statement after.
    out = ([t for s, t in found if compiled(r"(?:Experts|You|Your|If you|There is not)").match(s)
            or t[0].split(" ", 1)[0].endswith("ing")]
           + [t for s, t in found if not (compiled(
                   r"(?:Experts|You|Your|If you|There is not)").match(s)
                                          or t[0].split(" ", 1)[0].endswith("ing"))])
    first = _main_clause(said[0])
    it_is = _IT_IS.match(first)
    if it_is:
        out.insert(0, (it_is.group("obj"), bool(it_is.group("neg"))))
    label = compiled(r"^([A-Z][\w -]{2,40}):\s").match(said[0])
    if label:
        out.append((label.group(1), False))
    whole = said[0]
    if compiled(r"(?:In|For|Among)\s").match(whole):
        # "In people with X who A, B, or who C, consult a sickle cell expert …": the group
        # runs over commas; the order after it names what is done.
        from domain.reader import is_imperative

        order = next((c.end() for c in compiled(r",\s+(?=[a-z])").finditer(whole)
                      if is_imperative(whole[c.end()].upper() + whole[c.end() + 1:])), None)
        if order is not None:
            done = _clause_title(_main_clause(f"Your care team should {whole[order:]}"),
                                 direction)
            if done:
                out.append(done)
    m = _THERE.match(first) or _SUBJECT.match(first)
    if m and first.split(" ", 1)[0] not in _PRONOUNS - {"There"} and not compiled(
            r"(?:Your care team|You|Experts)\b").match(first):
        out.append((m.group("obj"), bool(m.groupdict().get("neg"))))
    return out


def _lowered(title: str) -> str:
    return title[:1].lower() + title[1:] if _lower_ok(title) else title


def _lower_ok(title: str) -> bool:
    first = title.split(" ", 1)[0].rstrip(",;:")
    return bool(compiled(r"[A-Z][a-z-]*").fullmatch(first))


# A comma that begins the rest of a short series of names: ", hepatitis B, or hepatitis C".
# Each a name with a capital or a figure ("vitamins A, D, E, or K"), so that a list of
# actions or words ("diagnose, confirm, or manage") is never taken for one.
_SERIES_ON = re.compile(r"(?<=[A-Z0-9])(?:, (?:[a-z'-]+ )?[A-Z0-9][\w'-]*)*,? (?:and|or) "
                        r"(?:[a-z'-]+ )?[A-Z0-9][\w'-]*\b")
_SERIES_LAST = re.compile(r",\s+(?:or|and)\s+(?:(?!(?:either|alone|as|for|in|to|with|at|by|on"
                          r"|from|both|when|if|that|which|who|than|because|due)\b)[\w'-]+(?:\s+|$))"
                          r"{1,3}")
_MAX_SERIES_WORDS = 2 * _MAX_WORDS
"""A title that names each of a series may run longer than one that names a single thing."""
_OR_OTHERS = re.compile(r",(?:\s[^,;:]+,)*\s(?P<tail>(?:or|and) other [\w-]+)\b")


def _inside_name(obj: str, start: int, end: int) -> bool:
    """Whether a cut falls between two capitalised words of one name ("Dietary Approaches
    to Stop Hypertension"); the first word of the title is capitalised as any first word."""
    return bool(compiled(r"\s[A-Z][\w-]*$").search(obj[:start])
                and compiled(r"[A-Z][a-z]").match(obj[end:].lstrip()))


def _shorten(obj: str) -> str | None:
    obj = obj.strip(" ,;:")
    # "the use of inhaled LABAs without …": what is used is the topic.
    obj = compiled(r"^(?:the )?use of (?=[a-z])").sub("", obj)
    # "progesterone treatment together with a specialist": with whom is no topic, and a
    # cut before "with" would leave "together" ("deciding together with" is one phrase).
    obj = compiled(r"(?<![Dd]eciding)(?<![Dd]ecide)\s+together with\b").sub(" with", obj)
    # "counseling about the need to take a daily supplement": what the talk is about is taking it
    obj = compiled(r"\b(about|on) the need to ([a-z]+)\b").sub(
        lambda m: f"{m.group(1)} {_gerund(m.group(2))}", obj)
    obj = compiled(r"^(deciding together) with you\b", re.IGNORECASE).sub(r"\1", obj)
    # "taking steps either to provide or to refer you for the right further tests": the care
    # itself is the topic, not the steps toward it
    obj = compiled(r"^taking steps (?:either )?to (?:provide|give|offer|arrange)(?: or (?:to )?"
                   r"refer (?:you|them|the [a-z]+))? for (?:the (?:right|appropriate) )?",
                   re.IGNORECASE).sub("", obj)
    obj = compiled(
            r"^(?:these|those)\s+(?=[\w-]+\s+[\w-])").sub("", obj)  # "these somatic treatments"
    # "making sure that people get no more than 4 g of acetaminophen": what they get.
    obj = compiled(r"^making sure (?:that )?(?:people|you|patients|adults|everyone) "
                   r"(get|take|have|receive)s? ", re.IGNORECASE).sub(
                       lambda k: f"{_gerund(k.group(1))} ", obj)
    # How often is no topic: "checking X one-to-two times per month by …" is checking X.
    obj = compiled(r"\s+(?:\w+(?:-to-| to )\w+|once|twice|\d+|one|two|three) times? (?:per|a|each) "
                   r"(?:day|week|month|year)\b").sub("", obj)
    obj = compiled(r"\s*\([^()]*\)").sub("", obj)
    obj = compiled(r"\s*\[[^\[\]]*\]").sub("", obj)
    # When is no topic: "testing for X as soon as possible after the exposure" is testing.
    obj = compiled(r"\s+as soon as\b.*$").sub("", obj)
    # How it is done is no topic: "tapering opioids in a way that fits you" is about tapering.
    obj = compiled(r"\s+in (?:a|the|an) (?:[\w-]+ )?(?:way|manner)\b.*$").sub("", obj)
    if _NAMES.match(obj) and len(words(obj)) <= _MAX_WORDS:
        return obj  # "magnesium, benzodiazepines, …, and ketamine": all, not the first
    # Never inside one word group: "work-, training-, and volunteer-related", "a complete,
    # ≥3-dose series".
    cut = next((c for c in _CUT.finditer(obj) if not obj[: c.start()].endswith("-")
                and not (c.group(0) == "," and compiled(
                    r"\b(?:a|an|the) [a-z-]+(?:al|ive|ete|ic|ous|ful|ble|ary)$").search(
                        obj[: c.start()])
                    and not compiled(r",\s*(?:and|or|but|including|which|who|that|the|an?|for"
                                     r"|in|with|to)\b").match(obj[c.start():]))
                and len(words(obj[: c.start()])) >= (
        3 if compiled(r"\s(?:than|to|such as|that)\b").match(c.group(0)) else 2)
        and not _inside_name(obj, c.start(), c.end())
        and not (c.group(0).strip() == "than" and compiled(
            r"\b(?:more|less|fewer|other|greater|higher|lower|longer|shorter|rather)$").search(
            obj[: c.start()]))
        and not (compiled(r"\s(?:to|that|which)\b").match(c.group(0))
                 and _NEEDS_WHAT_FOLLOWS.search(obj[: c.start()]))), None)
    series = _SERIES_ON.match(obj, cut.start()) if cut and cut.group(0) == "," else None
    last = _SERIES_LAST.match(obj, cut.start()) if cut and cut.group(0) == "," and "," in obj[
        : cut.start()] else None
    if last and len(words(obj[: last.end()])) <= _MAX_SERIES_WORDS:
        # "yoga, tai chi, or qi gong either alone …": the series' last item ends it, never
        # its second ("yoga, tai chi" would leave qi gong out).
        return obj[: last.end()].strip()
    if series and len(words(obj[: series.end()])) <= _MAX_SERIES_WORDS:
        # "the risk of HIV, hepatitis B, or hepatitis C": cut at its first comma, the title
        # names one of the three as if the advice were about it alone.
        return obj[: series.end()].strip()
    if cut:
        others = _OR_OTHERS.match(obj[cut.start():]) if cut.group(0) == "," else None
        obj = obj[: cut.start()]
        if others:
            # "screening using breast ultrasound, MRI, …, or other methods": the first of
            # the list is not all of it; too long with "or other methods", the title names
            # what is done without the list ("screening").
            longer = f"{obj} {others.group('tail')}"
            obj = longer if len(words(longer)) <= _MAX_WORDS else compiled(
                r"\s(?:using|with|by|through|via)\s[^,]*$").sub("", obj)
    obj = obj.strip()
    if len(words(obj)) > _MAX_WORDS:
        cuts = [c.start() for c in _PREPOSITION.finditer(obj)
                if 3 <= len(words(obj[: c.start()])) <= _MAX_WORDS
                and not _inside_name(obj, c.start(), c.end())
                and not compiled(r"\d$").search(obj[: c.start()])]
        if not cuts:
            # "a course of systemic steroid medicines of 30-40 mg …": the longest part that
            # fits names the thing; the first "of" would leave "a course".
            joints = [c for c in _JOINER.finditer(obj)
                      if 2 <= len(words(obj[: c.start()])) <= _MAX_WORDS
                      # "any specific mental and social treatments": two adjectives of one
                      # noun are never cut apart
                      and not (c.group(0) == " and " and compiled(
                          r"[a-z]{3,}(?:al|ic|ive|ous|ary)$").search(obj[: c.start()])
                          and compiled(r"[a-z]{3,}(?:al|ic|ive|ous|ary)\b").match(
                              obj[c.end():]))]
            of = [c.start() for c in joints if c.group(0) == " of "]
            cuts = of[-1:] if len(of) > 1 else [c.start() for c in joints]
        if not cuts:
            return None
        after = obj[cuts[0]:]
        obj = obj[: cuts[0]]
        if compiled(rf"\b(?:{_RELATIONAL})$").search(obj) and after.startswith(" of "):
            return None  # "Thinking about the addition": what is added is the point
    previous = None
    while previous != obj:
        previous, obj = obj, _TRAILING.sub("", obj).strip(" ,;:")
        # "Taking steps either", "acupuncture either alone" (or with …), "… antidepressants
        # along" (with teaching); "estrogen alone" keeps "alone": it is what is advised against
        obj = compiled(r"\s+(?:(?:either|both|neither)(?: alone)?|along)$").sub("", obj)
        obj = compiled(r"\s+and\s+(?:treat|check|monitor|refer|test|evaluate|manage)$").sub("", obj)
    if len(words(obj)) < 2 and not compiled(r"[A-Za-z]{4,}").search(obj):
        return None
    if obj.count("(") != obj.count(")") or obj.count('"') % 2 or compiled(r"\s[,;:.]").search(obj):
        return None
    return obj


# --- schedule -----------------------------------------------------------------------------------

_RANGE = re.compile(r"\b(?:aged?|ages)\s+(?:of\s+)?(\d+)\s+(?:to|and|through)\s+(\d+)"
                    r"|\bbetween the ages of (\d+) and (\d+)"
                    r"|\b(\d+) to (\d+) years old\b")
_BEGIN = re.compile(r"\bbeginning (?:at|by) age (\d+)(?: and continuing until (?:at least )?age"
                    r" (\d+))?")
_UNTIL = re.compile(r"\buntil age (\d+)\b")
_AT = re.compile(r"\bat age (\d+)\b")
# "60 years and over" is the same age group as "60 years and older": a heading that left it
# out would widen the advice to every age.
_OLDER = re.compile(r"\b(\d+) years (?:of age )?(?:or|and) (?:older|over)\b"
                    r"|\baged? (\d+) (?:years )?or (?:older|over)\b")
_UNDER = re.compile(r"\b(?:before|under) age (\d+)\b|\byounger than (\d+) years")


def _age_of(text: str) -> tuple[int, str, str] | None:
    """(sort key, table cell, heading label) of the age the advice is for, or None."""
    if m := _RANGE.search(text):
        a = m.group(1) or m.group(3) or m.group(5)
        b = m.group(2) or m.group(4) or m.group(6)
        return int(a), f"{a} to {b}", f"Age {a} to {b}"
    if m := _BEGIN.search(text):
        if m.group(2):
            return int(m.group(1)), f"{m.group(1)} to at least {m.group(2)}", (
                f"Age {m.group(1)} to at least {m.group(2)}")
        return int(m.group(1)), f"from {m.group(1)}", f"From age {m.group(1)}"
    ats = list(dict.fromkeys(_AT.findall(text)))
    if compiled(r"\b(?:shortly after|at) birth\b").search(text):
        # "… series beginning shortly after birth and the 23-valent vaccine at age 2": the
        # later ages may belong to something else, so birth is said alone or not at all.
        return (0, "birth", "At birth") if not ats else None
    if m := _UNTIL.search(text):
        return 0, f"up to {m.group(1)}", f"Up to age {m.group(1)}"
    if ats:
        said = ats[0] if len(ats) == 1 else f"{', '.join(ats[:-1])} and {ats[-1]}"
        return int(ats[0]), f"at {said}", f"At age {said}"
    if m := _OLDER.search(text):
        a = m.group(1) or m.group(2)
        return int(a), f"{a} or older", f"Age {a} or older"
    if m := _UNDER.search(text):
        a = m.group(1) or m.group(2)
        return 0, f"under {a}", f"Under age {a}"
    return None


def _age_label(text: str) -> str:
    found = _age_of(text.split("\n- ")[0])
    return found[2] if found else ""


_INTERVAL = re.compile(
    r"\b(?:every (?:year|\d+ (?:to \d+ )?(?:years?|months?|weeks?|days?)|(?:one|two|three|four"
    r"|six) (?:years?|months?))|at least every (?:\w+ )?(?:years?|months?)|at \d+ to \d+ year"
    r" intervals|once a year|twice (?:daily|a day|a year)|yearly|each year)\b")


_AGE_SAID = re.compile(r"\b(?:ages?|aged)\s+(?:of\s+|under\s+|over\s+)?(\d+)"
                       r"|\b(\d+)(?:\s+to\s+\d+)?\s+years?"
                       r"(?:\s+of age|\s+old|\s+or (?:older|younger))|\b(birth)\b")
# What a row would leave out: an exception, or a further condition of whom it is for
# ("You must also have ever smoked").
_EXCEPTION = re.compile(r"\b(?:exception|unless|except|other than|instead of|withhold\w*"
                        r"|must also|only (?:if|when|for))\b", re.IGNORECASE)
_WHO = re.compile(r"^(?:If|When) (?P<who>(?:you|your (?:child|baby)|you or your child)\b[^:\n]*?)"
                  r"(?::\n|, )")


_AGED_EVENT = re.compile(r"\b(?:at|after) birth\b|\bat age \d+")
_WHO_LATER = re.compile(r"^(?:If|When) (?P<who>(?:you|your (?:child|baby)|you or your child)\b"
                        r"[^:\n]*?)(?::\n|, )", re.MULTILINE)


_DOSE_BY_AGE = re.compile(r"\((?=[^()]*\bmg\b)[^()]*\bages?\b[^()]*\)")


def _dose_ages(text: str) -> list[str]:
    """The ages at which a dose printed in brackets changes: "(125 mg for age under 3 years
    and 250 mg for age 3 years or older)" -> ["3"]."""
    m = _DOSE_BY_AGE.search(text)
    return sorted(set(compiled(r"\bages? (?:under |over )?(\d+)").findall(m.group(0)))) if m else []


def _safe_row(text: str, cell: str) -> bool:
    """Whether a row can stand for its advice: no exception left out, and every age the
    advice names is in the row (so no age of one thing is shown as the age of another)."""
    if _EXCEPTION.search(text):
        return False
    # "(125 mg for age under 3 years and 250 mg for age 3 years or older)": ages that only
    # set a dose; the row says the dose changes with age (:func:`_dose_ages`)
    text = _DOSE_BY_AGE.sub("", text) if _dose_ages(text) and all(
        a in cell for a in _dose_ages(text)) else text
    said = {a or b or c for a, b, c in _AGE_SAID.findall(text)}
    ages = [int(a) for a in compiled(r"\d+").findall(cell)]
    for m in compiled(r"\b(?:before|under) age (\d+)").finditer(text):
        if ages and int(m.group(1)) == max(ages) + 1:
            said.discard(m.group(1))  # "before age 50" is the end of "40 to 49"
    return all(compiled(rf"\b{re.escape(a)}\b").search(cell) for a in said)


def schedule(items: list[Item], strengths: dict[int, str]) -> str:
    """A table of the advice that depends on age, when there are at least two such pieces:
    "Age | Who it is for | What experts advise | How strong | Read advice". A row names who
    its advice is for, as the advice does; advice with an exception, with no stated reader,
    or with ages for more than one thing is left out: it is read in full in its block."""
    rows = []
    left_out: list[Item] = []
    for it in items:
        age = _age_of(it.text.split("\n- ")[0])
        if age is not None and age[1].startswith("under"):
            # "start … before age 50 … If you …:\n- … between the ages of 40 and 49": the
            # range the advice is for, not the age it ends before.
            age = _age_of(it.text) or age
        # "The choice … should be a personal one.\nIf you place a higher value on …:": the
        # reader the advice names, even after a first sentence.
        who = _WHO.match(it.text) or _WHO_LATER.search(it.text)
        # A dose that changes with age inside the row's years: the row says so, and is safe.
        dose_at = _dose_ages(it.text)
        note = (f"the dose changes at age {' and '.join(dose_at)}" if dose_at and age
                and _safe_row(it.text, f"{age[1]} {' '.join(dose_at)}") else "")
        if age is None or not it.title or who is None or not (_safe_row(it.text, age[1])
                                                              or note):
            if it.title and (age is not None or _AGED_EVENT.search(it.text)):
                left_out.append(it)
            continue
        how = interval.group(0) if (interval := _INTERVAL.search(it.text)) else ""
        what = compiled(
                r"^(?:Age|From age|Up to age|At age|At birth|At|Under age)[^:]*:\s*").sub("",
                      it.title)
        what = compiled(r"\s*\((?:age|from|up to|at|under|if)\b[^()]*\)$").sub("", what)
        what = what[:1].upper() + what[1:]
        extra = [x for x in (how if how and how not in what else "", note) if x]
        if extra:
            what = f"{what} ({'; '.join(extra)})"
        whom = who.group("who")
        rows.append((age[0], it.number, age[1], whom[:1].upper() + whom[1:], what,
                     strengths[it.number]))
    if len(rows) < 2:
        return ""
    rows.sort()
    lines = ["| Age | Who it is for | What experts advise | How strong | Read advice |",
             "| --- | --- | --- | --- | --- |"]
    for _, number, when, whom, what, strength in rows:
        when = when[:1].upper() + when[1:]
        lines.append(f"| {_cell(when)} | {_cell(whom)} | {_cell(what)} | {_cell(strength)} "
                     f"| {number} |")
    if left_out:
        # A reader who looks only at the table must learn what it does not show; one line
        # each, so that the age of one ("at age 5: stopping …") is not read as the next one's.
        lines.append("\n**Not in the table:** these depend on age too, but have a condition, an "
                     "exception or more than one age that a row cannot show. Read them in full "
                     "below:\n")
        lines.extend(f"- {_lowered(it.title or '')[:1].upper()}{_lowered(it.title or '')[1:]} "
                     f"(advice {it.number})" for it in left_out)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "/").strip()


# --- tools for the reader -----------------------------------------------------------------------

_YOU_DO = re.compile(
    r"(?:^|^(?:(?:Even )?[Ii]f you[^,]*|Like (?:most people|everyone)),\s)"
    r"(?:you|your child|your baby|you or your child|you and your family or "
    # "You must also decline medicine" is a condition, "Use of X" a noun: no step to tick
    # ("You must also get much worse during a pain crisis" says when, not what to do)
    r"caregivers) (?:should|can|may|must) (?!be\b|also\b(?! (?:ask|tell|take|talk|call)\b"
    r"| get\b(?! (?:much |very )?(?:worse|better|sicker)\b))"
    r"|understand\b|know\b|realize\b|accept\b|agree\b)"
    r"|(?:^|^(?:(?:Even )?[Ii]f you[^,]*|Like (?:most people|everyone)),\s)"
    r"(?:seek|get|have|make sure|ask|tell|take|stop|keep|call|go"
    r"|use(?! of\b)|avoid|try|talk|join|plan)\b", re.IGNORECASE)
# Advice that urges the reader to act: the act is their step.
_URGED = re.compile(r"^Your (?:care team|doctor|clinician) should (?:strongly )?(?:encourage|urge"
                    r"|help) you to (?P<act>(?:stop|quit|start|keep|take|get|go back to|return to)"
                    r" [a-z -]{2,40}?)(?=[,.]| and\b|$)")
_URGENT = re.compile(r"\bright away\b|\bemergency\b|\bimmediately\b|\bat once\b|\b911\b",
                     re.IGNORECASE)
_AGE_HEAD = re.compile(r"^(?:Age|From age|Up to age|At age|At birth|At|Under age)[^:]*:\s*")


def base_title(title: str) -> str:
    """A block title without its age label or verdict: what the advice is about."""
    said = _AGE_HEAD.sub("", title)
    said = compiled(r"^(?:Not advised|Not sure yet):\s*").sub("", said)
    said = compiled(r"\s*\((?:age|from|up to|at|under)[^()]*\)$").sub("", said)
    said = compiled(r"^Thinking about\s+").sub("", said)
    return _lowered(said[:1].upper() + said[1:])


def plural(topic: str) -> bool:
    """"options other than …", "combined diet and exercise programs", "oral steroids" take
    "are"; "a mammogram", "screening for …", "chronic use of NSAIDs", "cervicothoracic
    orthosis" take "is"."""
    phrase = compiled(
            r"\s(?:for|of|with|to|in|on|by|over|than|such|that|every|at)\s").split(topic)[0]
    first = compiled(r"^(?:a|an|the)\s+").sub("", phrase).split(" ")[0].lower()
    last = phrase.split(" ")[-1].lower()
    many = re.compile(r"[^su]s$(?<!sis)")  # "diagnosis", "orthosis" are one
    # "further tests or treatment (if …)": the first of the things joined says it.
    head = compiled(r"\s+(?:or|and)\s.*$|\s*\(.*$").sub("", phrase).split(" ")[-1].lower()
    return (bool(many.search(last)) or bool(many.search(first)) or bool(many.search(head))) \
        and not first.endswith("ing")


_MME = re.compile(r"\bmorphine (?:milligram )?equivalent|\bMMEs?\b|\bMEDD\b", re.IGNORECASE)
_FLOW_SPEED = re.compile(r"\d\s*cm/s(?:ec)?\b")
_SHARE_OF_DOSE = re.compile(r"\b(\d+(?:\.\d+)?)% of (?:the |your )?(?:total )?(?:daily )?dose\b")


# "a 50% drop in pain": a share of a score the reader is asked to judge themselves by.
_SCORE_CHANGE = re.compile(r"\b(\d{1,2})% (?:drop|decrease|reduction|fall|lowering|cut) in "
                           r"(pain|symptoms)\b", re.IGNORECASE)


# "less than 50 morphine milligram equivalents per day", "≥90 MME/day": an amount of
# morphine, and what the guideline calls a dose on one side of it.
_MME_AMOUNT = re.compile(r"(?:(?P<what>\b[a-z][\w -]{3,60}?) (?:is|are) defined as )?"
                         r"(?P<cmp>(?:less|more|fewer|greater) than |at least |over |under )?"
                         r"(?P<n>\d+(?:\.\d+)?) (?:morphine milligram equivalents|MMEs?)\b",
                         re.IGNORECASE)
_CELSIUS = re.compile(r"(?P<n>\d+(?:\.\d+)?) ?(?:°C\b|degrees? (?:Celsius|centigrade)\b)",
                      re.IGNORECASE)
_FAHRENHEIT = re.compile(r"\d ?°F\b|\bdegrees? Fahrenheit\b", re.IGNORECASE)


def _mme_amount(text: str) -> str:
    """The unit said in words, the amount it stands for, and what the guideline counts a
    dose on one side of it; "" when no amount is printed."""
    m = _MME_AMOUNT.search(text)
    if not m:
        return "doses of different opioids are compared with morphine. "
    n = m.group("n")
    out = (f"morphine milligram equivalents (MME) compare the strength of different opioids "
           f"with morphine: {n} MME a day is as strong as {n} milligrams of morphine taken by "
           "mouth a day. ")
    if m.group("what") and m.group("cmp"):
        what = compiled(r"^(?:A|An|The) ").sub(lambda k: k.group(0).lower(), m.group("what"))
        what = what if compiled(r"(?:a|an|the) ").match(what) else f"a {what}"
        out += f"The guideline counts a daily dose of {m.group('cmp')}{n} MME as {what}. "
    return out


def _fahrenheit(text: str) -> str:
    """A temperature or a difference in degrees Celsius, in Fahrenheit too (one decimal,
    "about"): a difference is 1.8 times as many degrees, a temperature adds 32 to that."""
    m = _CELSIUS.search(text)
    if not m or _FAHRENHEIT.search(text):
        return ""
    n = m.group("n")
    diff = bool(compiled(r"\bdifferen", re.IGNORECASE).search(text[:m.start()]))
    value = float(n) * 1.8 + (0 if diff else 32)
    shown = f"{value:.1f}".removesuffix(".0")
    unit = "degree" if n == "1" else "degrees"
    if diff:
        return (f"a difference of {n} {unit} Celsius (°C) is about {shown} degrees Fahrenheit "
                "(°F). Your care team measures this; you do not have to work it out.")
    return f"{n} {unit} Celsius (°C) is about {shown} degrees Fahrenheit (°F)."


def number_help(text: str) -> str:
    """A line that says how to use a number the reader cannot use as printed: a dose in
    morphine equivalents, or a share of a dose. It adds no advice, only how to read it."""
    if _MME.search(text):
        return f"**How to use this number:** {_mme_amount(text)}Ask your care team what your " \
               "daily dose equals in morphine."
    temperature = _fahrenheit(text)
    if temperature:
        return f"**How to use this number:** {temperature}"
    if _FLOW_SPEED.search(text):
        bands = compiled(r"conditional \((\d+) to (\d+) cm/sec\)").search(text)
        high = compiled(r"high \((?:more than|over|above) (\d+) cm/sec\)").search(text)
        # the advice's own bands, said as words: below the in-between band is normal, and
        # "high" is what the advice calls high, never a boundary of our own
        top = f"more than {high.group(1)} is high" if high else "higher is high"
        said = (f" A result below {bands.group(1)} is normal; {bands.group(1)} to "
                f"{bands.group(2)} is in between (\"conditional\"); {top}. A higher result "
                "means a higher risk of stroke." if bands else
                " A result above the normal range means a higher risk of stroke.")
        return ("**How to use this number:** cm/sec (centimeters per second) is how fast blood "
                f"flows in the head on the scan.{said} Ask your care team which range your "
                "child's result is in.")
    m = _SCORE_CHANGE.search(text)
    if m:
        pct, what = int(m.group(1)), m.group(2).lower()
        start = next((n for n in (8, 6, 10, 4) if n * (100 - pct) % 100 == 0), 0)
        half = "by half" if pct == 50 else f"by {pct} out of every 100"
        example = (f": for example, from {start} to {start * (100 - pct) // 100} on a scale "
                   "from 0 to 10" if start else "")
        return (f"**How to use this number:** a {m.group(0)} means your {what} goes down "
                f"{half}{example}. Your care team measures this with you; you do not have to "
                "work it out.")
    m = _SHARE_OF_DOSE.search(text)
    if m:
        share = m.group(1)
        return (f"**How to use this number:** {share}% of a dose means {share} out of every 100 "
                "parts of it. Your care team will work out the amount for your dose.")
    return ""


def urgent(text: str) -> bool:
    """Advice that asks the reader to act at once ("get medical help right away"): a
    sentence that tells "you" to act, and to act now."""
    return any(_URGENT.search(s) and _YOU_DO.search(s) for s in split_sentences(text))


def _no_topic(title: str) -> bool:
    """A title a reader cannot ask about: "these important issues" names nothing, "all
    health workers involved" or "credentialed health workers" name the carers."""
    topic = base_title(title)
    return bool(compiled(r"(?:these|this|those|the following)\b", re.IGNORECASE).match(topic)
                or _CARER.search(" ".join(topic.split()[:3])) or _LAB_THING.match(topic))


# "Samples", "Laboratories", "Reactive results on the first immunoassay": the lab's work and
# its material, titles of a lab's steps; "Is samples right for me?" asks nothing.
_LAB_THING = re.compile(r"(?:(?!\w+ing\b)[\w/-]+ ){0,2}(?:results?|samples?|specimens?"
                        r"|laborator(?:y|ies)|labs?)\b(?! test)", re.IGNORECASE)


# --- a line that stands for its advice: all of it, or a pointer to it -------------------------

@dataclass(frozen=True)
class Unit:
    """One sentence of a piece of advice, with the list it leads into."""

    kind: str
    """"group" (advice for a group of readers: "If you were born between 1945 and 1965, …"),
    "condition" ("This applies when …", "You must also …"), "exception" ("… unless …",
    "The exception is …") or "other" (the advice itself, a reason, a detail)."""
    text: str
    items: tuple[str, ...] = ()


_READER_GROUP = re.compile(r"^(?:If|When|Whenever|Once)\s+(?:you|your)\b")
_EXCEPTION_SAID = re.compile(r"\bunless\b|\bexcept\b|\bexceptions?\b", re.IGNORECASE)
_CONDITION_SAID = re.compile(
    r"^(?:This|It) (?:only )?applies\b|^This is only\b|^Only (?:if|when|for|in)\b"
    r"|^(?:If|When|Whenever|Once|In case|In the case)\b|^You (?:must|need to) also\b"
    r"|\bonly (?:if|when|in (?:some|selected|rare))\b|\bmust also\b", re.IGNORECASE)
_NOTE_MARK = re.compile(r"^(?:\*\*)?(?:Note|The exception)(?:\*\*)?:\s*", re.IGNORECASE)


def _unit_kind(sentence: str) -> str:
    said = _NOTE_MARK.sub("", sentence)
    if _READER_GROUP.match(said):
        return "group"
    if _EXCEPTION_SAID.search(said) or sentence.startswith("The exception"):
        return "exception"
    if _CONDITION_SAID.search(said):
        return "condition"
    return "other"


_NO_END = re.compile(r"(?:\b(?:e\.g|i\.e|vs|etc|Dr|St|No|U\.S|approx)|\b[A-Z]\.[A-Z])\.$")


def _split(line: str) -> list[str]:
    """A line's sentences: a full stop after a capital ends one too ("hepatitis C. Then"),
    one after "e.g." or "U.S." does not."""
    out: list[str] = []
    for part in compiled(r"(?<=[.!?])\s+(?=[A-Z(])").split(line):
        if out and _NO_END.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [x.strip() for x in out if x.strip()]


_LEAD_IN = re.compile(r"^(?:If|When|Whenever|Once|At the time of|Before|After|During)\b[^:]*:$")


def units(advice: str) -> list[Unit]:
    """The sentences of a piece of advice as laid out (a reader's lead-in joined to its one
    piece of advice, "If you …, experts advise …"; a list one item a line), each with its
    kind and the list it leads into."""
    out: list[Unit] = []
    for line in advice.split("\n"):
        bare = line.strip()
        if not bare:
            continue
        if bare.startswith("- "):
            item = bare[2:].strip()
            if out:  # an item of the list the sentence before leads into
                last = out[-1]
                out[-1] = Unit(last.kind, last.text, (*last.items, item))
            else:
                out.append(Unit(_unit_kind(item), item))
            continue
        out.extend(Unit(_unit_kind(s), s) for s in (_split(bare) or [bare]))
    joined: list[Unit] = []
    for u in out:
        if _LEAD_IN.match(u.text) and len(u.items) == 1:
            item = u.items[0]
            item = item[:1].lower() + item[1:] if compiled(r"[A-Z][a-z]").match(item) else item
            u = Unit(u.kind, f"{u.text[:-1]}, {item}")
        joined.append(u)
    return joined


def _word_run(text: str) -> str:
    """The words of a text, lower case, without punctuation: for "is it said there"."""
    return " ".join(compiled(r"[a-z0-9]+").findall(text.lower()))


def _covered(unit: Unit, said: str) -> bool:
    parts = [_NOTE_MARK.sub("", unit.text), *unit.items]
    return all(_word_run(p) in said for p in parts if _word_run(p))


def left_out(line: str, advice: str, source: str = "") -> list[Unit]:
    """The groups, conditions and exceptions of the advice that a line standing for it does
    not say (``source``: the sentence the line was made from, said in other words)."""
    said = _word_run(f"{source} {line}")
    return [u for u in units(advice) if u.kind != "other" and not _covered(u, said)]


def _listed(unit: Unit) -> str:
    """A sentence with its list, as one sentence: "… any of these conditions: (1) …; (2) …"."""
    if not unit.items:
        return unit.text if unit.text.endswith((".", "?", "!")) else f"{unit.text}."
    items = [compiled(
            r"(?:[,;]?\s+(?:and|or)|[,;])\s*$").sub("", i).rstrip(".") for i in unit.items]
    lead = unit.text.rstrip(":,;")
    return f"{lead}: {'; '.join(items)}."


# "This applies when the donor (living or deceased) meets any of these conditions": a
# condition on someone else, that the reader can only learn by asking.
_THEIRS = re.compile(r"^(?:This|It) (?:only )?applies (?:only )?(?P<when>when|if) "
                     r"(?P<who>(?:the|a|an|your) (?!care team\b)[a-z][\w'-]*(?: \([^()]*\))?)"
                     r" (?P<rest>.+?)[:.,]?$")


def _theirs(unit: Unit) -> re.Match[str] | None:
    m = _THEIRS.match(_NOTE_MARK.sub("", unit.text))
    return m if m and unit.kind == "condition" else None


def _ask_whether(m: re.Match[str], unit: Unit, number: int, listed: bool) -> str:
    """A condition on someone else, and the step that lets the reader know whether it holds:
    "It applies only when the donor … meets any of the conditions in advice 14. Ask your
    care team if this is the case." Only the advice's own words name the condition."""
    rest = m.group("rest")
    if unit.items and not listed:
        rest = compiled(r"\b(?:these|the following)( conditions?| cases?| criteria)\b").sub(
                      rf"the\1 in advice {number}", rest)
        # Nothing of the list after it: "(1) found to be at higher risk" is one of three.
        rest = compiled(rf"(in advice {number})\b.*$").sub(r"\1", rest)
        if f"advice {number}" not in rest:
            rest = f"{rest} (see advice {number})"
        said = f"It applies only {m.group('when')} {m.group('who')} {rest}."
    else:
        said = _listed(Unit(unit.kind, f"It applies only {m.group('when')} {m.group('who')} "
                                       f"{rest}", unit.items))
    return f"{said} {_ASK}"


_ASK = "Ask your care team if this is the case."
# "They must also be at higher risk": away from the sentence it leans on, "they" could be
# read as the care team; such a sentence is pointed to, never said.
_POINTS_BACK = re.compile(r"^(?:They|These|Those|He|She|Such|It(?! (?:only )?applies))\b")


def asked(line: str, advice: str) -> str:
    """A line that says a condition on someone else ("This applies when the donor is known to
    be infected …") says too how the reader can know it."""
    for unit in units(advice):
        if not _theirs(unit) or unit.items:
            continue
        at = line.find(unit.text.rstrip("."))
        if at < 0:
            continue
        end = at + len(unit.text.rstrip("."))
        end += 1 if line[end:end + 1] == "." else 0
        if _ASK not in line[end:end + len(_ASK) + 2]:
            line = f"{line[:end].rstrip()}. {_ASK} {line[end:].lstrip()}".rstrip()
            line = line.replace("..", ".")
    return line


def pointer(kinds: set[str], number: int | str, more: bool = False,
            groups: tuple[str, ...] = ()) -> str:
    """What a line leaves of its advice, and where to read it: "This applies only in some
    cases, and there are exceptions: see advice 11." (``more``: the line already says a
    condition, so the rest are "more conditions"; ``groups``: the advice left out for some
    readers, said by its own condition).

    ``number`` is an advice number, or several as the page says them ("13, 14 and 15")."""
    parts = []
    if "condition" in kinds:
        parts.append("there are more conditions" if more else "this applies only in some cases")
    if "exception" in kinds:
        parts.append("there are exceptions")
    if "group" in kinds:
        parts.append(_more_advice(groups))
    if not parts:
        return ""
    said = ", and ".join(parts)
    return f"{said[:1].upper()}{said[1:]}: see advice {number}."


_READER_IF = re.compile(r"^(?P<cond>(?:If|When|Whenever|Once) you\b[^,:;]*)[,:]")


def _reader_if(group: str) -> str | None:
    """"If you have family members with breast, ovarian, tubal, or peritoneal cancer" of a
    line that goes on ", your care team should …": the condition up to the first comma that
    is not inside a series."""
    from domain.voice import in_a_series

    if not _READER_IF.match(group):
        return None
    in_series = False
    for mark in compiled(r"[,:;]").finditer(group):
        if mark.group(0) == "," and in_a_series(group[mark.start():], in_series):
            in_series = True
            continue
        return group[: mark.start()]
    return None


def _more_advice(groups: tuple[str, ...]) -> str:
    """Whom the advice left out is for, in its own words ("there is more advice if you place
    a higher value on the possible good effect …"): "for other groups" was untrue where it
    was for the same readers with a choice or a finding of their own."""
    conds = [c for g in groups if (c := _reader_if(g))]
    if len(groups) == 1 and len(conds) == 1 and len(words(conds[0])) <= 20:
        return f"there is more advice {conds[0][:1].lower()}{conds[0][1:]}"
    return "there is more to this advice"


def carry(line: str, advice: str, number: int, limit: int = 45, source: str = "",
          listed: bool = True) -> str:
    """A line that stands for a piece of advice, with every group, condition and exception
    of it the line leaves out: each said whole while the line stays within ``limit`` words
    (a condition on someone else, such as the donor, with the step that lets the reader know
    it), the rest pointed to ("This applies only in some cases: see advice 14."). Never a
    part shown as the whole. ``line`` is returned as it is when it leaves nothing out."""
    line = asked(line, advice)
    left = left_out(line, advice, source)
    if not left:
        return line
    out = line.rstrip()
    if not out.endswith((".", "?", "!", ":")):
        out += "."
    rest: set[str] = set()
    groups: tuple[str, ...] = ()
    conditioned = False
    added: list[tuple[str, str]] = []
    for unit in left:
        theirs = _theirs(unit)
        tries = ([*([_ask_whether(theirs, unit, number, True)] if listed else []),
                  _ask_whether(theirs, unit, number, False)] if theirs
                 else [] if _POINTS_BACK.match(unit.text) else [_listed(unit)])
        said = next((t for t in tries if len(words(f"{out} {t}")) <= limit), None)
        if said is None and theirs:
            said = tries[-1]  # the step the reader needs, even past the limit
        if said is None:
            rest.add(unit.kind)
            groups += (unit.text,) if unit.kind == "group" else ()
            continue
        conditioned = conditioned or unit.kind == "condition"
        out = f"{out} {said}"
        added.append((unit.kind, said))
    if rest and conditioned and any(kind == "exception" for kind, _ in added):
        # A line that says a condition and points to its advice for more leaves the exception
        # to the advice too: condition, exception and pointer in one step is three things.
        for kind, said in added:
            if kind == "exception":
                out = out.replace(f" {said}", "", 1)
        rest.add("exception")
    more = pointer(rest, number, conditioned, groups)
    return f"{out} {more}" if more else out


def _without_own_condition(topic: str, cond: str) -> str:
    """The topic without a closing "(if …)" that repeats the condition the line opens with,
    the condition's bracketed asides aside (a title never nests brackets)."""
    for said in (cond, compiled(r"\s*\([^()]*\)").sub("", cond)):
        if said and topic.lower().endswith(f"({said.lower()})"):
            return topic[: -len(said) - 2].rstrip()
        # "When screening results show X, … (if screening results show X)": one condition
        plain = compiled(r"^(?:if|when|whenever|once)\s+", re.IGNORECASE).sub("", said)
        m = compiled(r"\s*\((?:if|when|whenever|once) ([^()]*)\)$", re.IGNORECASE).search(topic)
        if plain and m and m.group(1).lower() == plain.lower():
            return topic[: m.start()].rstrip()
    return topic


def leading_condition(sentence: str) -> str:
    """The condition a sentence opens with ("If you are at high risk for infection", "When
    medicine treatments are used"), or ""."""
    main = _main_clause(sentence)
    if compiled(r"(?:are|is|have|has|had|were|was|who|whose|or|and)\b", re.IGNORECASE).match(
            main):
        # "In people with X who A, are on B, or who C, consult …": the group runs on past
        # its first comma; cut there it would drop B and C.
        return ""
    start = sentence.find(main[:1].lower() + main[1:]) if main else -1
    cond = sentence[: start].rstrip(", ") if start > 0 else ""
    if not compiled(r"(?:If|When) (?:you|your)\b").match(cond) and (
            compiled(r"\b(?:should|must|may|can|will)\b").search(cond)
            or "," in compiled(r"\([^()]*\)").sub("", cond)):
        return ""  # not one condition, but a clause of its own or a list run into it
    return cond if cond and _LEADING.match(f"{cond}, ") else ""


# "If you are a recipient, you should get HIV testing after the transplant." and "After the
# transplant, recipients should get hepatitis B testing.": a reader's test at a time of care.
_TEST_STEP = re.compile(
    r"^(?:If you are (?:a|an) (?P<you>[\w' -]+?), you|(?:(?P<lead>(?:After|Before) the [\w-]+), )?"
    r"(?:all |the )?(?P<they>[a-z][\w' -]*?s)) should (?:also )?get (?P<test>(?:[\w/-]+ ){1,3}?)"
    r"testing(?: (?P<when>(?:after|before) the [\w-]+))?\.$")


@dataclass(frozen=True)
class ReaderTests:
    """One reader's tests at one time of care, each from its own advice."""

    reader: str
    when: str
    tests: tuple[str, ...]
    numbers: tuple[int, ...]

    def line(self) -> str:
        """The tests in the advice's own words: "If you are a recipient, you should get
        hepatitis B, HIV, and hepatitis C testing after the transplant."."""
        return (f"If you are {_article(self.reader)} {self.reader}, you should get "
                f"{_series(list(self.tests))} testing {self.when}.")

    def said_at(self) -> str:
        """Where the page says them: "13 to 15", "4 and 9", "4, 9 and 12"."""
        nums = [str(n) for n in self.numbers]
        if len(nums) > 2 and list(self.numbers) == list(range(self.numbers[0],
                                                               self.numbers[-1] + 1)):
            return f"{nums[0]} to {nums[-1]}"
        return nums[0] if len(nums) == 1 else f"{', '.join(nums[:-1])} and {nums[-1]}"


def _article(word: str) -> str:
    return "an" if compiled(r"[aeiou]", re.IGNORECASE).match(word) else "a"


def _series(names: list[str]) -> str:
    if len(names) < 3:
        return " and ".join(names)
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def reader_tests(advice: list[tuple[int, str]]) -> list[ReaderTests]:
    """The tests one reader gets at one time of care, each from its own advice (a
    recipient's hepatitis B, HIV and hepatitis C testing after the transplant), where there
    are two or more: a line for one of them alone lets the reader miss the others."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for number, text in advice:
        first = _split(text.split("\n")[0])
        m = _TEST_STEP.match(first[0]) if first else None
        if not m or not (m.group("lead") or m.group("when")):
            continue
        reader = (m.group("you") or m.group("they")[:-1]).lower()
        when = (m.group("when") or m.group("lead")).lower()
        found.setdefault((reader, when), []).append((number, m.group("test").strip()))
    return [ReaderTests(reader, when, tuple(t for _, t in sorted(got)),
                        tuple(n for n, _ in sorted(got)))
            for (reader, when), got in found.items() if len({t for _, t in got}) > 1]


def tests_line(found: ReaderTests, wholes: dict[int, str], limit: int) -> str:
    """A reader's tests as one line, with what their advice adds pointed to. Where each test
    depends on the same someone else ("This applies when the donor … meets any of these
    conditions"), the line says so, with the step that lets the reader know it: "Each applies
    only when the donor (living or deceased) meets any of the conditions in its advice. Ask
    your care team if this is the case. There are exceptions: see advice 13 to 15."."""
    line = found.line()
    kinds: set[str] = set()
    groups: tuple[str, ...] = ()
    theirs: set[str] = set()
    for n in found.numbers:
        whole = wholes.get(n, "")
        first = _split(whole.split("\n")[0])
        for unit in left_out(line, whole, first[0] if first else ""):
            m = _theirs(unit)
            if m:
                rest = compiled(r"\b(?:these|the following)( conditions?| cases?| criteria)\b").sub(
                              r"the\1 in its advice", m.group("rest"))
                theirs.add(f"only {m.group('when')} {m.group('who')} {rest}")
                continue
            kinds.add(unit.kind)
            groups += (unit.text,) if unit.kind == "group" else ()
    each = ""
    if len(theirs) == 1 and all(n in wholes for n in found.numbers) and \
            all(any(_theirs(u) for u in units(wholes[n])) for n in found.numbers):
        each = f"Each applies {next(iter(theirs))}. {_ASK}"
    elif theirs:
        kinds.add("condition")
    said = " ".join(x for x in (line, each, pointer(kinds, found.said_at(), False, groups)) if x)
    return said if len(words(said)) <= limit or not each else \
        f"{line} {pointer(kinds | {'condition'}, found.said_at(), False, groups)}"


def dates_line(found: ReaderTests, wholes: dict[int, str]) -> str:
    """When a reader's tests fall, where their advice names two or more times: "If you are a
    recipient and these tests apply to you, ask your care team for their dates: sometime
    between one and three months after the transplant (hepatitis B, HIV, and hepatitis C); at
    12 months after the transplant (hepatitis B). For what applies to you, see advice 13 to
    15."."""
    from domain.page_plan import times_of_care

    at: dict[str, list[str]] = {}
    for n, test in zip(found.numbers, found.tests, strict=True):
        for when in times_of_care(compiled(r"\([^()]*\)").sub("", wholes.get(n, ""))):
            at.setdefault(when, []).append(test)
    if len(at) < 2:
        return ""
    times = "; ".join(f"{when} ({_series(tests)})" for when, tests in at.items())
    return (f"If you are {_article(found.reader)} {found.reader} and these tests apply to you, "
            f"ask your care team for their dates: {times}. For what applies to you, see "
            f"advice {found.said_at()}.")


CHECK_WORDS = 60
"""How long a checklist line may grow to carry the groups and conditions of its advice whole;
what does not fit is pointed to."""
AVOID_STEPS = 2
"""At most this many steps from strong advice against, so that the list stays short."""


_GIVEN_YOU = re.compile(r"^Your (?:care team|doctor|clinician) should (?:strongly )?(?:encourage"
                       r"|urge|help) you to [^,.]+,? and your (?P<who>doctor|care team|clinician)"
                       r" should (?:give|provide|offer) you (?P<what>[^,.;]+)\.?$")


def _ask_for(sent: str) -> str:
    """What the care team urges said as the reader's step: "…, and your doctor should give
    you the right counseling" -> "Ask your doctor for the right counseling."; else the
    sentence as it is."""
    m = _GIVEN_YOU.match(sent)
    return f"Ask your {m.group('who')} for {m.group('what')}." if m else sent


def _stands_for(it: Item, body: str, source: str) -> str:
    """A checklist line for a piece of advice: its lead-in first when the body does not say
    it, then every group, condition and exception of the advice the body leaves out (said
    whole, or pointed to), and the advice's number."""
    body = body.strip().rstrip(".")
    if it.lead and _word_run(it.lead) not in _word_run(body):
        low = body[:1].lower() + body[1:] if compiled(r"[A-Z][a-z]").match(body) else body
        body = f"{it.lead}: {low}"
    said = carry(body, it.whole, it.number, CHECK_WORDS, source)
    if said == body:
        return f"{body} (see {it.number})."
    if f"see advice {it.number}" in said:
        return said
    return f"{said.rstrip('.')} (see {it.number})."


def _with_lead(it: Item) -> str:
    """The advice with the lead-in its block prints above it."""
    if not it.lead:
        return it.text
    low = it.text[:1].lower() + it.text[1:] if compiled(r"[A-Z][a-z]").match(it.text) else it.text
    return f"{it.lead}, {low}"


def checklist(items: list[Item], strongest: list[int], limit: int = 6) -> list[str]:
    """What the reader can do, in the advice's own words: first each sentence that tells
    "you" to act (urgent ones first), then the reader's own safety steps from strong advice
    against a medicine they could take (:func:`avoid_steps`), then "ask your care team about
    …" for the strongest advice for, with its condition ("If you are a woman aged 50 to 74
    years, ask …"). A line never shows part of its advice as the whole: each carries every
    group, condition and exception of it, or points to the advice (:func:`carry`)."""
    said: list[tuple[bool, int, str]] = []
    # A reader's tests at one time of care are one line, so that none of them is missed.
    sets = reader_tests([(it.number, _with_lead(it)) for it in items
                         if it.direction is Direction.FOR])
    in_sets = {n for found in sets for n in found.numbers}
    wholes = {it.number: it.whole for it in items}
    folded = 0
    for group in sets:
        line = tests_line(group, wholes, CHECK_WORDS)
        short = one_action(line, when=bool(dates_line(group, wholes)))
        # The dates are the care team's to say once it says which tests apply: "and when"
        # (the step keeps the place of the two it stands for, so no other step moves up).
        folded += bool(short and dates_line(group, wholes))
        said += [(True, group.numbers[0], short)] if short else [
            (True, group.numbers[0], line),
            *[(True, group.numbers[0], d) for d in [dates_line(group, wholes)] if d]]
    for it in items:
        if it.direction is Direction.INSUFFICIENT or it.number in in_sets:
            continue
        for sent in split_sentences(it.text.split("\n- ")[0]):
            if _YOU_DO.search(sent) and len(words(sent)) <= 40 and not sent.endswith(":"):
                said.append((not urgent(sent), it.number, _stands_for(it, sent, sent)))
                break
            urged = _URGED.match(sent)
            if urged and it.direction is Direction.FOR and len(words(sent)) <= 40:
                # "Your care team should strongly encourage you to stop smoking": the step is
                # the reader's ("Stop smoking."), said before the advice that urges it.
                act = urged.group("act")
                said.append((True, it.number, _stands_for(it, f"{act[:1].upper()}{act[1:]}. "
                                                              f"{_ask_for(sent)}", sent)))
                break
    said.sort(key=lambda x: (x[0], x[1]))
    first_urgent = [line for u, _, line in said if not u]
    avoid = avoid_steps(items)[:AVOID_STEPS]
    given = given_steps(items)[:GIVEN_STEPS]
    kept = check_up_steps(items)[:GIVEN_STEPS]
    duties = [step for steps in duty_steps(items)[:GIVEN_STEPS] for step in steps]
    # The reader's duties are a step beside the others, never instead of one.
    limit += len(duties) - folded
    out = [*first_urgent, *avoid, *given, *kept, *duties,
           *(line for u, _, line in said if u)][:limit]
    done = {n for _, n, _ in said} | in_sets
    by_number = {it.number: it for it in items}
    asked: set[str] = set()
    earlier = list(out)
    for n in strongest:
        found = by_number.get(n)
        if len(out) >= limit or found is None or n in done or not found.title:
            continue
        it, title = found, found.title
        if it.direction is not Direction.FOR or title.startswith("Not ") or _no_topic(title):
            continue
        topic = base_title(title)
        if topic in asked or any(f"about {topic} (see" in line or f"about {topic}." in line
                                 for line in earlier):
            continue  # one step a topic: "acupuncture" twice is one question
        asked.add(topic)
        first = split_sentences(it.text)[0]
        cond = leading_condition(first)
        # "If your child has X, ask … (if your child has X)": the condition once; the
        # same topic for another group ("(if you have diabetes)" and none) is another step.
        topic = _without_own_condition(topic, cond)
        ask = f"ask your care team about {topic}"
        # The advice's own condition leads ("When medicine treatments are used, ask …"):
        # without it, the step would be asked for by everyone.
        line = f"{cond}, {ask}" if cond else ask[:1].upper() + ask[1:]
        # A condition the line could not carry is no part of what it says: it is said whole
        # after it, or pointed to.
        out.append(_stands_for(it, line, "" if not cond and _LEADING.match(first) else first))
    return _with_exceptions_pointed(_one_list_each([_as_step(one_action(x) or x)
                                                    for x in out]), items)


_SHOULD_STEP = re.compile(r"^(?P<cond>(?:Even if|If) [^,:]{3,120}), you (?:should|must|need to) "
                          r"(?!be\b|also\b|have (?:had|been)\b)(?P<do>[a-z])")


def _as_step(step: str) -> str:
    """A step to tick says what to do: "If your anti-HBs remains less than 10 mIU/mL, you
    should get 2 extra vaccine doses" is "…: get 2 extra vaccine doses"."""
    return _SHOULD_STEP.sub(lambda m: f"{m.group('cond')}: {m.group('do')}", step, count=1)


# "If you are a transplant candidate, you should get tested … It applies only when the donor …
# Ask your care team if this is the case. There are exceptions: see advice 11.": a condition
# on someone else that only the care team can judge, so the step is to ask them.
_ASKED_STEP = re.compile(
    r"^(?P<cond>(?:If|When) you (?:are|have) [^,.]+), you should (?P<vp>[^.]+?)\. "
    r"(?:It|Each) applies only (?:when|if) (?:the|a|an|your) [^.]+?\. "
    + re.escape(_ASK[:-1])
    + r"(?:\. [^.]*?: see advice (?P<n>[^.]+)\.| \(see (?P<m>[^()]+)\)\.)$")


def one_action(step: str, when: bool = False) -> str:
    """A step bundling an action, a condition on someone else, the way to know it and a
    pointer, as one action: "If you are a transplant candidate, ask your care team if you
    should get tested … (see 11)." (``when``: "and when", where the advice names the dates).
    The conditions stay in the advice; "" when the step is no such bundle."""
    m = _ASKED_STEP.match(step)
    if not m:
        return ""
    later = ", and when" if when else ""
    return (f"{m.group('cond')}, ask your care team if you should {m.group('vp')}{later} "
            f"(see {m.group('n') or m.group('m')}).")


_SEE_END = re.compile(r" \(see (?P<n>[^()]+)\)\.$")
_NAME_SPLIT = re.compile(r",? (?:and|or) |, ")


def _one_list_each(steps: list[str]) -> list[str]:
    """Two steps that differ only in a closing list of names, one holding every name of the
    other ("… for HIV, hepatitis B, and hepatitis C (see 11)", "… for hepatitis B or
    hepatitis C (see 12)"), are one step pointing to both: two boxes read the same."""
    out = list(steps)
    for i, a in enumerate(steps):
        for j in range(i + 1, len(steps)):
            b = steps[j]
            ma, mb = _SEE_END.search(a), _SEE_END.search(b)
            if not ma or not mb or a not in out or b not in out:
                continue
            head_a, head_b = a[: ma.start()], b[: mb.start()]
            cut = head_a.rfind(" for ")
            if cut < 0 or not head_b.startswith(head_a[: cut + 5]) or len(
                    words(head_a[:cut])) < 8:
                continue
            names_a = set(_NAME_SPLIT.split(head_a[cut + 5:]))
            names_b = set(_NAME_SPLIT.split(head_b[cut + 5:]))
            if names_b <= names_a or names_a <= names_b:
                kept = a if names_b <= names_a else b
                both = f"{ma.group('n')} and {mb.group('n')}"
                out[out.index(kept)] = _SEE_END.sub(f" (see {both}).", kept)
                out.remove(b if kept == a else a)
    return out


_STEP_OF = re.compile(r"\(see (\d+)(?:;[^()]*)?\)\.$")


def _with_exceptions_pointed(steps: list[str], items: list[Item]) -> list[str]:
    """Each step for advice that runs until an age points to the advice that keeps it going
    past that age for some (:func:`domain.ends.point_to_exceptions`)."""
    page = {it.number: "\n".join([_with_lead(it), *it.more]) for it in items}
    out = []
    for step in steps:
        m = _STEP_OF.search(step)
        out.append(point_to_exceptions(step, int(m.group(1)), page) if m else step)
    return out


# "Giving naloxone rescue and accompanying teaching", an item of a strong advice's list: a
# medicine the reader is given, that the reader can ask for.
_GIVEN = re.compile(r"^(?:Giving|Providing|Offering|Prescribing|Dispensing) (?:of )?"
                    r"(?P<what>(?P<name>[A-Za-z][\w-]+)(?: [a-z-]+){0,4})\.?$")
GIVEN_STEPS = 1
"""At most this many medicines given to the reader, from the lists of strong advice."""


def given_steps(items: list[Item]) -> list[str]:
    """A medicine strong advice gives the reader, named in its own list ("Giving naloxone
    rescue and accompanying teaching"): "Ask your care team about naloxone rescue and
    teaching (see 11)." Inside a list of the care team's steps, a reader would not see it is
    theirs to ask for."""
    out: list[str] = []
    for it in items:
        if it.strength != "strong" or it.direction is not Direction.FOR:
            continue
        for entry in it.text.split("\n- ")[1:]:
            m = _GIVEN.match(entry.strip())
            if not m or not is_medicine(m.group("name")):
                continue
            what = compiled(r"\baccompanying ").sub("", m.group("what"))
            out.append(_stands_for(it, f"Ask your care team about {what}", entry))
    return out


# "Your care team should check … at least every three months": a check the reader goes to.
_CHECK_UP = re.compile(r"^Your care team should (?:check|see|review|test|measure)\b[^:;]*?\b"
                       r"(?:at least (?:once )?every|every) (?:\w+ )?(?:days?|weeks?|months?"
                       r"|years?)\b[^:;]*\.$")


def check_up_steps(items: list[Item]) -> list[str]:
    """A check strong advice for has the care team make at set times, as the reader's step
    of going to it, the fact in the advice's own words: "Go to every check-up: your care
    team should check … at least every three months (see 13)."."""
    out: list[str] = []
    for it in items:
        if it.strength != "strong" or it.direction is not Direction.FOR:
            continue
        first = split_sentences(it.text.split("\n- ")[0])
        if first and _CHECK_UP.match(first[0]) and len(words(first[0])) <= 30:
            said = "y" + first[0][1:]
            out.append(_stands_for(it, f"Go to every check-up: {said}", first[0]))
    return out


# "If you are on long-term opioids, you need to sign an opioid contract", "You must
# understand that …": what a list of care asks of the reader, as the reader's own step.
_DUTY = re.compile(r"^(?:(?P<cond>If you [^,]{3,80}), )?[Yy]ou (?:must|need to|should) "
                   r"(?!be\b|also\b)(?P<act>[a-z][^.]+)$")


def duty_steps(items: list[Item]) -> list[list[str]]:
    """The duties a list in advice for gives the reader, in the list's own words, one step a
    duty with the condition they share ("If you are on long-term opioids: sign … (see 10).",
    "If you are on long-term opioids: get them through one doctor (see 10)."), grouped by
    advice: three acts run into one line were not steps a reader could tick one by one.
    Only the words before a list were read for steps, so a duty inside one (a contract, one
    prescriber) was never a step."""
    out: list[list[str]] = []
    for it in items:
        if it.direction is not Direction.FOR or "\n- " not in it.text:
            continue
        conds: list[str] = []
        acts: list[str] = []
        for line in it.text.split("\n- ")[1:]:
            first, *rest = split_sentences(line.split("\n")[0]) or [""]
            m = _DUTY.match(first.strip().rstrip("."))
            if m and len(words(first)) <= 30:
                # What the line says next is part of the duty ("Use of non-prescribed drugs may
                # result in tapering …"), in brackets after it.
                more = "; ".join(r.strip().rstrip(".")[:1].lower() + r.strip().rstrip(".")[1:]
                                 for r in rest if r.strip())
                acts.append(f"{m.group('act')} ({more})" if more else m.group("act"))
                if m.group("cond") and m.group("cond") not in conds:
                    conds.append(m.group("cond"))
        if not acts or len(conds) > 1:
            continue
        out.append([(f"{conds[0]}: {act}" if conds else act[:1].upper() + act[1:])
                    + f" (see {it.number})." for act in acts])
    return out


# A medicine a reader could take, named in strong advice against it.
_MEDICINE = re.compile(
    r"\b(?P<name>[a-z]{3,}(?:tanyl|idine|orphine|codone|morphone|azepam|azolam|etamine|tonin"
    r"|apentin|abalin)|benzodiazepines?|opioids?|opiates?|NSAIDs?|muscle relaxants?"
    r"|sedatives?|sleeping pills?|antibiotics?|aspirin|hormone therapy|estrogen"
    r"|progestins?|tamoxifen|raloxifene)\b", re.IGNORECASE)
_AVOID_SAID = re.compile(r"\b(?:advise (?:against|not to)|should be avoided|should avoid"
                         r"|should not be (?:used|given|taken|prescribed)"
                         r"|(?:is|are) (?:usually |generally )?not (?:advised|recommended)"
                         r"|do not (?:use|take|stop|start))\b",
                         re.IGNORECASE)
_TAPER = re.compile(r"\btaper(?:ing)?\b", re.IGNORECASE)
_STOPPING = re.compile(r"\b(?:abrupt(?:ly)? (?:stop\w*|discontinu\w*)|stop\w* abruptly"
                       r"|sudden(?:ly)? stop\w*)\b", re.IGNORECASE)


def medicines(text: str) -> list[str]:
    """The medicines a sentence names, each once, as a reader says them ("opioids")."""
    found: list[str] = []
    for m in _MEDICINE.finditer(text):
        name = m.group("name")
        low = name.lower()
        if low in {"opioid", "opiate", "benzodiazepine", "nsaid", "sedative", "antibiotic",
                   "muscle relaxant", "sleeping pill"}:
            name += "s"
        if name.lower() not in {f.lower() for f in found}:
            found.append(name)
    return found


def avoid_steps(items: list[Item]) -> list[str]:
    """The reader's own safety steps from strong advice against a medicine they could take
    ("Tell your care team if you take benzodiazepines and opioids: experts advise against the
    combined use of benzodiazepines and opioids (see 8).") and from a note against stopping
    one abruptly, in the advice's own words: the step is only to tell the care team, the fact
    is the advice's sentence as printed. Mixes of medicines and stopping first."""
    found: list[tuple[int, int, str]] = []
    for it in items:
        if it.strength != "strong":
            continue
        if it.direction is Direction.AGAINST:
            first = split_sentences(it.text.split("\n- ")[0])
            sent = next((x for x in first if _AVOID_SAID.search(x)), "")
            against = _AVOID_SAID.search(sent)
            # The medicine is what the advice is against ("against the combined use of
            # benzodiazepines and opioids"), not one of a long list of treatments.
            meds = medicines(" ".join(sent[against.end():].split()[:5])) if against else []
            meds = medicines(sent) if meds else []
            if sent and meds and not sent.endswith(":") and len(words(sent)) <= 25 \
                    and sent.count(",") < 2:
                told = f"Tell your care team if you take {' and '.join(meds)}"
                said = sent[:1].lower() + sent[1:] if compiled(r"[A-Z][a-z]").match(sent) else sent
                # How the care team would lower the medicines, when the advice says so: the
                # reader is not left to stop one on their own.
                taper = next((n for n in it.notes if _TAPER.search(n)), "")
                said = f"{said.rstrip('.')}. {taper}" if taper else said
                line = _stands_for(it, f"{told}: {said}", sent)
                found.append((0 if len(meds) > 1 else 2, it.number, line))
        for note in it.notes:
            meds = medicines(it.text)
            if _STOPPING.search(note) and text_direction(note) is Direction.AGAINST and meds:
                said = note[:1].lower() + note[1:] if compiled(r"[A-Z][a-z]").match(note) else note
                found.append((1, it.number, f"Talk with your care team before you stop taking "
                              f"{' or '.join(meds)}: {said.rstrip('.')} (see {it.number})."))
    found.sort()
    return [line for *_, line in found]


def not_stopped_suddenly(items: list[Item]) -> tuple[list[str], int] | None:
    """The medicines strong advice has a note against stopping abruptly ("Abrupt
    discontinuation should be avoided unless required for immediate safety concerns"), with
    the number of that advice: a reader who already takes one must not take advice against
    it as a reason to stop it at once."""
    for it in items:
        if it.strength != "strong":
            continue
        meds = medicines(it.text)
        if meds and any(_STOPPING.search(n) and text_direction(n) is Direction.AGAINST
                        for n in it.notes):
            return meds, it.number
    return None


# A title whose action is done to another person or a whole group: no "right for me?".
_DONE_TO_OTHERS = re.compile(
    r"^[A-Za-z][a-z]+ing (?:the |all |a |an |these |those |other )(?:[\w-]+ ){0,2}?(?:person"
    r"|people|persons|patients|workers|donors?|recipients?|partners?|contacts?|staff"
    r"|personnel)\b")


def questions(items: list[Item], conditional: set[int], limit: int = 4,
              required: set[int] | None = None) -> list[str]:
    """Questions that fit this guideline: about the advice with the most at stake for the
    reader (choices that depend on their wishes first, then the rest), in its own words. A
    test the reader does not choose (``required``: strong advice for it) is asked about as
    whether and when it applies, not whether it is "right for me"."""
    out: list[str] = []
    ranked = ([it for it in items if it.number in conditional]
              + [it for it in items if it.number not in conditional])
    from domain.voice import condition

    for it in ranked:
        if not it.title or it.title.startswith(("Not sure yet", "Being ")):
            continue
        topic = base_title(it.title)
        if condition(topic) or len(topic.split()) < 2 or _no_topic(it.title):
            continue  # "The donor" names who, "these important issues" nothing
        if compiled(r"\b(?:with|to) you\b").search(compiled(r"\([^()]*\)").sub("", topic)):
            continue  # "talking with you about …" is no question the reader asks
        if _DONE_TO_OTHERS.match(topic):
            continue  # "Testing the source person", "Vaccinating all health workers"
        if it.direction is Direction.AGAINST:
            q = f"Experts advise against {topic} (advice {it.number}). Is it part of my care now?"
        elif _imperative(topic):
            # "Raise your activity as …" -> "Should I raise my activity as …?"
            mine = compiled(r"\byour\b").sub("my", topic[:1].lower() + topic[1:])
            q = f"Should I {mine} (advice {it.number})?"
        else:
            child = compiled(
                    r"\byour (?:child|baby)\b|\b(?:children|infants|babies|newborns)\b").search(
                              it.text) and not compiled(
                                      r"\byou\b(?! or your child)").search(it.text)
            whom = "my child" if compiled(
                    r"If your (?:child|baby)\b").match(it.text) or child else "me"
            q = (f"{'Are' if plural(topic) else 'Is'} {topic} right for {whom} "
                 f"(advice {it.number})?")
            if it.number in (required or set()) and compiled(r"\b(?:test(?:s|ed|ing)?"
                                                             r"|screening)\b").search(topic):
                q = (f"Does {topic[:1].lower() + topic[1:]} apply to {whom}, and when would it "
                     f"happen (advice {it.number})?")
        if q not in out:
            out.append(q)
        if len(out) >= limit:
            break
    return out


def _imperative(title: str) -> bool:
    """A title that tells the reader what to do ("Raise your activity …", "Get tested …"),
    not one that names it ("Acupuncture", "Screening")."""
    from domain.voice import _base_verb, _noun

    first, _, rest = title.partition(" ")
    low = first.lower()
    if low in {"further", "more", "other", "extra"}:
        return False  # "Further tests or treatment" names care, as "More tests" does
    return bool(rest) and _base_verb(low) and (
        not _noun(low) or rest.split()[0] in {"your", "up", "out", "back", "off"})


def _done_as_title(m: re.Match[str]) -> str:
    """What an advised clause has done, as a title's first word: "take" -> "Taking", "be
    offered" -> "Getting", "be screened" -> "Screening", "be told" -> "Being told"."""
    if m.group("act"):
        return _gerund(m.group("act")).capitalize()
    if compiled(r"(?:and [a-z]+ed )?by\b").match(m.group("rest")):
        # "that you be checked and counseled by a qualified health worker": done to the
        # reader by someone named ("Being checked and counseled by …", not "Checking and
        # counseled by …").
        return f"Being {m.group('verb')}"
    base = _lemma(m.group("verb"))
    if base in _DOING:
        return _gerund(base).capitalize()
    if base in ("offer", "give", "prescribe", "provide"):
        return "Getting"
    return f"Being {m.group('verb')}"

