"""Plain-language rewriting of guideline sentences, shared by the offline generator.

Rules, in order: drop references and evidence codes; spell out acronyms only as the
document itself defines them; name the agent plainly ("Experts advise"); swap jargon for lay
words, whole phrases only, never inside a kept term or a name (:mod:`domain.lay_terms`,
:mod:`domain.lexicon`); speak to the reader, with the group a statement is for said as a
condition first ("If you have …", :mod:`domain.reader`, :mod:`domain.voice`); turn lists
into list lines (:mod:`domain.lists`); and split long sentences at clause boundaries where
each piece can stand as a sentence. Numbers are never touched: every rule works on words
and punctuation only (comparators are said in words afterwards, :mod:`domain.numwords`).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache
from typing import Literal, overload

from domain import lay_terms, lexicon
from domain.lists import MODAL, After, as_list, depth, is_clause, rejoin_short, split_parts
from domain.numbers import clinical_numbers, strip_references
from domain.patterns import compiled
from domain.readability import sentences, words
from domain.reader import address, is_imperative, patient_to_you
from domain.terms import TermMatcher
from domain.voice import active, condition, merge_condition, to_reader

__all__ = ["CONDITION_LAST", "Rewriter", "dedupe", "finish", "is_clause", "reader_lead",
           "replace_terms", "tidy"]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[TermMatcher, dict[str, str | None]]:
    """One table, longest phrase first: a kept term (value None) stays as written, so
    "acute chest syndrome" is never read as "acute" plus other words."""
    table: dict[str, str | None] = {**lexicon.PLAIN_WORDS, **lexicon.LAY_TERMS}
    table.update(dict.fromkeys(lay_terms.KEEP))
    return TermMatcher(table), table


_AGENT = re.compile(
    # "the summary of the 2017 guideline", "This Clinical Practice Guideline": no agent
    r"(?<!\bof )(?<!\bof the )(?<![0-9] )(?<!practice )(?<!(?-i:[A-Z][a-z]) )"
    r"(?<!(?-i:[A-Z][a-z]{2}) )(?<!(?-i:[A-Z][a-z]{3}) )(?<!(?-i:[A-Z][a-z]{4}) )"
    r"(?<!(?-i:[A-Z][a-z]{5}) )(?<!(?-i:[A-Z][a-z]{6}) )(?<!(?-i:[A-Z][a-z]{7}) )"
    r"\b(?:the |this )?(?:USPSTF|U\.S\. Preventive Services Task Force|Work Group|Working Group"
    r"|Community Preventive Services Task Force|Task Force|LMBP WG|WG|panel|Expert Panel"
    r"|committee|guideline(?: panel)?|VA/DoD|CDC|authors?|Division)"
    r"(?= (?:also |[a-z]+ly )?(?:recommends?|suggests?|advises?"
    # "The guideline does not apply to …" says whom it covers, not what experts advise.
    r"|concludes?|finds|found|determined|determines|strongly"
    r"|(?:does|did) not(?! (?:apply|cover|address|include|pertain)\b)|cannot"
    r"|is unable))",
    re.IGNORECASE,
)
_I_STATEMENT = re.compile(
    r"^(?:Experts concludes? that )?the (?:current )?evidence is insufficient to"
    r" (?:assess|determine)"
    r" (?:the )?(?:balance of )?(?:the )?benefits and harms (?:of|for) ([^.]+)\.?(.*)$",
    re.IGNORECASE,
)
_PANEL_UNABLE = re.compile(
    r"^(?:Based on (?:the )?(?:insufficient|limited|not enough) (?:evidence|proof),\s+)?(?:the )?"
    r"(?:expert )?(?:panel|experts?|work group|committee) (?:was|were|is|are) unable to make a "
    r"(?:recommendation|advice) (?:for or against|on) (?P<what>[^.]+)", re.IGNORECASE)
# Joints used only in a long sentence (over 20 words), and only where no condition or
# exception is in the sentence: each side keeps its own subject and verb.
_LONG_JOINTS: list[tuple[re.Pattern[str], str]] = [
    # "…, and treatment plans should always be based on …": a second clause with its own
    # subject and verb stands as a sentence of its own.
    (re.compile(r",\s+and\s+(?=(?:(?!(?:who|that|which|if|when|unless|only|not|to|also"
                r"|then|so|as)\b)[a-z][a-z-]*\s+){1,5}(?:should|must|may|might|can|will"
                r"|need to|needs to)\b)"), ""),
    # "…, as most people will do well with …": "as" giving a reason, with its own verb.
    (re.compile(r",\s+as\s+(?!(?:well|much|soon|long|far|part|an?|needed|needs|possible|if"
                r"|when|though|such|to|of|in|for|with|by|is|are|noted|described|shown|stated"
                r"|indicated|tolerated|appropriate|follows|early|often|the patient|you)\b)"
                r"(?=(?:[a-z][a-z-]*\s+){1,12}(?:will|is|are|has|have|can|may|cannot|do|does)\s)"),
     "This is because "),
    (re.compile(r",\s+leading to\s+"), "This leads to "),
]
_ADVISED = re.compile(r"\b(?:is|are) (?:[a-z]+ly )?(?:not )?(?:advised|recommended|needed)\b")
_LIMITS = re.compile(r"\b(?:if|when|whenever|unless|except|only|provided|once|until)\b",
                     re.IGNORECASE)
_SPLITTERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r";\s+(?:and\s+|or\s+)?"), ""),
    (re.compile(r",?\s+because\s+"), "This is because "),
    # "since" as "because" ("… since the evidence is limited"), not as time ("since then",
    # "since the 1990s", "since the start of treatment").
    (re.compile(r",?\s+since\s+(?=(?:the|there|it|they|this)\b)"
                r"(?!the\s+(?:\d|(?:year|start|beginning|age|time|last|first|onset)\b))"),
     "This is because "),
    (re.compile(r",\s+but\s+"), "But "),
    (re.compile(r",\s+whereas\s+"), "But "),
    (re.compile(r",\s+which\s+"), "This "),
    # "… an immunoassay that detects HIV-1 and HIV-2 antibodies …": what the test does, said
    # of it in a sentence of its own.
    (re.compile(r"\s+that\s+(?=(?:detects|differentiates|measures|finds|separates"
                r"|looks for|tests for)\b)"), "It "),
    (re.compile(r",\s+so that\s+|\s+so that\s+"), "This is so that "),
    (re.compile(r",\s+as well as\s+"), "Also "),
    (re.compile(r",\s+starting with\s+(?=(?:a|an|the)\b)"), "This starts with "),
    (re.compile(r",\s+followed by\s+"), "After that comes "),
    # "refer you for physical therapy early on, as part of a full care plan": what the
    # action belongs to, said after it when nothing follows.
    (re.compile(r",\s+as (?:a )?part of\s+(?=(?:a|an|the|your)\b[^,;]+$)"), "This is part of "),
    (re.compile(r",\s+(?:particularly|especially)\s+(?=(?:in|when|if|for|among)\b)"),
     "This applies especially "),
    (re.compile(r"\s+due to\s+(?=(?:(?:relatively|very|much) )?(?:low|lack|limited|insufficient"
                r"|the absence|the lack|the risk"
                r"|higher|high|their|its|possible|the cost|the results)\b)"), "This is due to "),
    (re.compile(r",\s+including\s+|\s+including\s+"), "This includes "),
    (re.compile(r",?\s+such as\s+(?=(?:[^,]{1,40},\s+)*(?:and |or )?[^,]{1,40}$)"),
     "Examples are "),
    (re.compile(r",?\s+(?:e\.g\.|for example),?\s+"), "For example, "),
    (re.compile(r"(?:,\s+|\s+in order\s+|\s+so as\s+|\s+)to (?=(?:reduce|lower|prevent|improve"
                r"|help|avoid|lessen|find|check|confirm|detect|protect|keep|make sure|lose"
                r"|relieve)\b)"),
     "The aim is to "),
    # "as other treatments if you cannot take …, as extra treatments if you …": the case
    # belongs to the treatment named before it, so no comma means no split.
    (re.compile(r"(?:,|(?<!treatment)(?<!treatments)(?<!therapy)(?<!therapies))\s+if\s+"
                r"(?=[a-z])"), "This applies if "),
    (re.compile(r",\s+and\s+(?=(?:the|it|they|this|these|you|your|people|experts|a|an)\b)"),
     "Also, "),
    (re.compile(r",\s+or\s+(?=(?:he|she|they|it|you|he/she)\b)"), "Or "),
    (re.compile(r",\s+unless\s+"), "The exception is if "),
    (re.compile(r",\s+and if not,\s+"), "If not, "),
    (re.compile(r",\s+(?:when|where)\s+"), "This is when "),
    (re.compile(r",\s+(?:then)\s+"), "Then "),
    (re.compile(r",?\s+(?:in|for|among|to)\s+(?=(?:all\s+)?"
                r"(?:(?!(?:in|for|of|to|with|and|or)\s)"
                r"[a-z-]+\s+){0,3}(?:adults|children|"
                r"women|men|people|persons|teens|babies|infants|pregnant|adolescents|veterans"
                r"|those|anyone)\b)"),
     "This is for "),
    (re.compile(r"\s+once\s+(?=(?:a|an|the|you|they|people)\b)"), "This applies once "),
    (re.compile(r"\s+(?:when|whenever)\s+(?=(?:a|an|the|you|they|people|there|it|this|[a-z]+"
                r" (?:is|are|has|have)|(?:risks?|harms?|benefits?) of)\b)"), "This applies when "),
    (re.compile(r"\s+unless\s+"), "The exception is if "),
    (re.compile(r"(?:,|\s+[-\u2013\u2014])?\s+based on\s+"), "This is based on "),
    (re.compile(r",\s+(?:due to|because of)\s+"), "This is due to "),
    (re.compile(r",?\s+and\s+(?=(?:should|must|may|can|will)\b)"), "It "),
    (re.compile(r",\s+while\s+(?=[a-z]+ing\b)"), "Do this while "),
    *_LONG_JOINTS,
]
# "early on", "later on": an adverb, not a preposition waiting for its object.
_DANGLING = re.compile(r"\b(?:and|or|nor|of|the|a|an|to|for|with|than|your|their|by|in"
                       r"|(?<!early )(?<!later )on|be|even"
                       r"|been|being|is|are|was|were)"
                      r"[\s,;:]*$", re.IGNORECASE)
_NO_SUBJECT = re.compile(r"(?:may|might|can|could|should|must|will|would|is|are|was|were|has"
                         r"|have|had|does|did)\b", re.IGNORECASE)
_ADVICE = re.compile(r"(?:(?i:experts) (?:also )?(?:advise|suggest|recommend|conclude)"
                     r"|Your care team"
                     r"|There is not enough|[A-Z][a-z]+ (?:is|are) (?:not )?advised)\b")
# "Chronic use of NSAIDs is usually not advised": a verdict on a thing, whatever its name.
_VERDICT = re.compile(r"\b(?:is|are)(?: [a-z]+ly| also)? not (?:advised|recommended)\b")
# "The aim is to prevent broken bones in women after menopause": the aim, then its group.
_AIM = re.compile(r"The aim is to [a-z]+ ")
_TAKES_TO = re.compile(r"\b(?:proof|evidence|data|enough|able|unable|unlikely|need|needs|want"
                       r"|wants|way"
                       r"|ways|time|choice|ability|chance|plan|effort|attempt|reason|used|designed"
                       r"|intended|meant|likely|how|what|whether|if|important|necessary|essential"
                       r"|helpful|useful|wise|best|good|advised|reasonable|safe|possible"
                       r"|try|tries|trying|tried"
                       # "telling you to lower …": what you are told to do, not an aim
                       r"|(?:tell|telling|told|advis\w*|ask\w*|encourag\w*|urg\w*) (?:you|people"
                       r"|them))\s*$",
                       re.IGNORECASE)
_BARE_LEADS = frozenset({"", "But ", "Also ", "Also, ", "Or ", "Then "})
_SUBORDINATE = re.compile(r"(?:unless|if|when|because|although|while|whereas|which|who|that"
                          r"|to|as|or|and|with|without|including)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:In|For|Among|Within)\s+(?P<who>[^,]{0,160}?(?:patients|people|adults|children|women|"
    r"men|persons|individuals|those|adolescents|teens|infants|babies|veterans|workers|donors|clients|"
    r"candidates|recipients|anyone|everyone|smokers|users|HCP|clinicians)[^,]{0,120}?),\s+"
    r"(?P<rest>.{15,})$"
)




_LEAD_NO_COMMA = re.compile(
    r"^(?:In|For)\s+(?P<who>(?:[\w-]+\s+){0,3}(?:children|adults|people|women|men|infants|babies"
    r"|patients|persons|individuals)\s+with\s+[^,]{3,80}?)\s+(?P<rest>(?P<verb>[a-z]+)\s.+)$")
_IMPERATIVE_VERBS = frozenset({"screen", "refer", "give", "offer", "test", "treat", "start",
                               "use", "administer", "perform", "evaluate", "assess", "monitor",
                               "check", "consider", "provide", "measure", "obtain"})
_IN_THE_ABSENCE = re.compile(r"^In the absence of (?P<x>[^,()]*(?:\([^()]*\))?[^,()]*),\s+"
                             r"(?P<rest>(?i:experts)\b.{10,}\.)$")
_LEAD_EXPERTS = re.compile(
    r"^(?:In|For|Among|Within)\s+(?!the (?:absence|presence|setting|context|case|event|course)"
    r" of\b)(?P<who>.{3,300}?),\s+(?P<rest>(?i:experts)\b.{10,})$")


_ANNOUNCED = re.compile(r"^(?P<first>[^.]*\b(?:of these|the following)(?: [a-z]+){0,2})\."
                       r"\s+(?P<rest>[^:]+):$")


def _choice(lead: re.Match[str]) -> str:
    """What a choice of one of the listed things rests on, said as that choice."""
    rest = lead.group("rest")
    if compiled(r"\bone of these\b").search(lead.group("first")):
        return compiled(r"^This is based on\b").sub("Which one is right for you depends on", rest)
    return rest


# "by methods employed in the Stroke Prevention Trial studies": how a study measured, which
# the care team follows and the reader does not act on.
_STUDY_METHOD = re.compile(r"\s+(?:by|using|with|according to) (?:the )?methods? (?:employed"
                           r"|used) in (?:the )?[A-Z][A-Za-z -]{2,60}?(?:\s*\([A-Z]{2,10}\))?\s*"
                           r"(?:studies|study|trials?)\b")


# "Operative treatment is indicated when …": the terms on which the care team may offer a
# treatment, not a need ("Surgery is needed when" said more than the source).
_INDICATED_WHEN = re.compile(r"^(?P<what>[A-Z][\w-]*(?: [\w-]+){0,4}) (?:is|are) indicated "
                             r"(?P<when>(?:only )?(?:when|if|in cases of)) ")


def _offered_when(m: re.Match[str]) -> str:
    what, when = m.group("what").lower(), m.group("when")
    if when in ("only when", "only if"):
        # Split at "when", "only" would be left behind as "may offer it only."
        return f"Your care team may offer {what}. This applies {when} "
    return f"Your care team may offer {what} {when} "


class Rewriter:
    """Plain-language rewriting with the acronyms a given guideline defines."""

    def __init__(self, acronyms: dict[str, str] | None = None) -> None:
        # A long form with a shorter lay name is spelt out as that name ("HBV" is said
        # "hepatitis B", as patients know it).
        self.acronyms = {k: _LAY_LONG.get(v.lower(), v) for k, v in (acronyms or {}).items()}
        self._lay_long = {v: _LAY_LONG[v.lower()] for v in (acronyms or {}).values()
                          if v.lower() in _LAY_LONG}
        # A spelt-out acronym is a name: swapped only as a whole phrase, never word by word.
        table = _lexicon()[1]
        self._names = TermMatcher(e for e in self.acronyms.values() if table.get(e.lower()) is None)

    @staticmethod
    def acronyms_from(text: str) -> dict[str, str]:
        """Acronyms the document spells out, in any of the forms guidelines use:
        "low-dose computed tomography (LDCT)", "transcranial Doppler [TCD]", an unclosed
        "Advisory Committee on Immunization Practices (ACIP; see …", "TCD (transcranial
        Doppler)" and "TCD, transcranial Doppler".

        The long form is found as Schwartz and Hearst (2003) do: each letter of the acronym,
        from the last, is matched in order in the words before the bracket, and the first
        letter must start a word. Nothing is guessed: an acronym the text does not define is
        left as it is.
        """
        found: dict[str, str] = {}
        # A short form may join its parts with "-" or "/": "(anti-HBc)", "[Ag/Ab]".
        for m in compiled(r"[(\[](?P<acr>[A-Za-z][A-Za-z0-9-]{0,9}(?:/[A-Za-z][A-Za-z0-9-]"
                             r"{0,9})?)(?:[)\]]|[;,]\s)").finditer(text):
            acr = m.group("acr")
            key = _acronym_key(acr)
            if key is None or key in found:
                continue
            before = compiled(r"[\n;:()\[\]]").split(text[max(0, m.start() - 160): m.start()])[-1]
            words_before = [w for w in before.split() if compiled(r"[A-Za-z0-9]").search(w)]
            words_before = words_before[-min(len(key) + 5, len(key) * 2):]
            long = _initials(key, words_before) or _long_form(
                key, " ".join(words_before).strip(" ,"))
            spelt = _spelt_out(long) if long else None
            if spelt:
                found[key] = spelt
        # The acronym first, its long form after: "TCD (transcranial Doppler)", "TCD, …".
        for m in compiled(r"(?<![\w-])(?P<acr>[A-Z][A-Za-z0-9-]{1,9})(?:\s\(|,\s)"
                             r"(?P<after>[A-Za-z][^()\n;:.]{3,120})").finditer(text):
            key = _acronym_key(m.group("acr"))
            if key is None or key in found:
                continue
            after = [w.strip(",") for w in m.group("after").split()[: len(key) + 3]]
            for k in range(1, len(after) + 1):  # the shortest words that spell it
                last = after[k - 1].lower()
                if key[-1].lower() not in last or not compiled(r"[A-Za-z0-9-]+").fullmatch(last):
                    if not compiled(r"[A-Za-z0-9-]+").fullmatch(last):
                        break  # the long form never runs past a stop
                    continue
                long = _initials(key, after[:k]) or _long_form(key, " ".join(after[:k]))
                spelt = _spelt_out(long) if long else None
                if spelt:
                    found[key] = spelt
                    break
        return found

    def simplify(self, text: str, level: int = 2) -> str:
        """Level 2: full rewrite; 1: words only (no splitting); 0: only markup removal."""
        # A verdict misspelt in the source ("are not recommende due to …") is still one.
        text = compiled(r"\b(not |be )recommende\b").sub(r"\1recommended", text)
        # "suggests offering women greater than 44 years of age planned delivery at 38 weeks
        # to reduce …": the thing offered, then for whom; with "offering" dropped as it is
        # elsewhere, the group would read as the verb's object ("suggest women … delivery").
        text = compiled(r"\b(?P<verb>(?:suggest|recommend|advise)s?) offering (?P<grp>(?:women|men"
                        r"|people|patients|adults) (?:(?:greater|older) than \d+ years(?: of age)?"
                        r"|aged \d+(?: years)? (?:or|and) older|\d+ years (?:of age )?(?:or|and) "
                        r"older)) (?P<thing>[a-z][^.;:]*?)(?= to (?:reduce|lower|prevent|decrease)"
                        r"\b|[.;:]|$)").sub(r"\g<verb> \g<thing> for \g<grp>", text)
        # So is "a higher risk for addition" one of addiction.
        text = compiled(r"\b(risk (?:for|of) )addition\b").sub(r"\1addiction", text)
        # "against X for patients with MDD outside of a research setting": where X may be used
        # is X's, not the group's; moved next to it, the group is said as "If you have MDD".
        text = compiled(r"\b(?P<grp>(?:for|in) (?:all )?(?:patients|people|adults|persons"
                        r"|individuals)\b[^.;:()]*?) (?P<out>outside (?:of )?(?:a|the) research "
                        r"(?:setting|context|study))\b").sub(r"\g<out> \g<grp>", text)
        if "\n- " in text and depth(text.split("\n- ")[0]) > 0:
            # A list inside brackets "(e.g.,\n- a\n- b)" reads as one bracket in prose.
            head, *items = text.split("\n- ")
            text = f"{head} {', '.join(i.strip().rstrip(',;') for i in items)}"
        if "\n  - " in text and "\n- " not in text:
            # A list item with items of its own: each is said plainly, and stays under it.
            head, *subs = text.split("\n  - ")
            under = [self.simplify(compiled(r"^[a-z]\.\s+").sub("", i), level).rstrip(".")
                     for i in subs]
            return self.simplify(head, level) + "".join(f"\n  - {i}" for i in under)
        if "\n- " in text:
            head, *items = text.split("\n- ")
            simple_items = [_nested(self.simplify(compiled(r"^[a-z]\.\s+").sub("", i), level)
                                    .rstrip(".")) for i in items]
            intro = self.simplify(head, level)
            if intro.endswith(" you:"):
                # "… indication that you:" then "Wishes to die": each item goes on from
                # "you", so its verb is said of "you" ("Wish to die").
                simple_items = [_said_of_you(i) for i in simple_items]
            lead = _ANNOUNCED.match(intro)
            if lead and "\n" not in intro:
                # "Experts advise one of these treatments. This is based on A, B and C:" ->
                # the list goes under the words that announce it; the basis comes after it.
                return (f"{lead.group('first')}:" + "".join(f"\n- {i}" for i in simple_items)
                        + f"\n{_choice(lead)}.")
            return intro + "".join(f"\n- {i}" for i in simple_items)
        text = _close_brackets(tidy(_STUDY_METHOD.sub("", strip_references(text))))
        if level == 0:
            return finish([patient_to_you(text)])
        text = _CARRIED_OVER.sub(_carried_over, text)
        text = _short_citations(_drop_brands(self._expand_acronyms(text)))
        text = lexicon.POSTPOSITIVE_BEFORE_ADJECTIVE.sub(r"\1 ", text)
        # "shared, informed decision making": the lexicon's phrases never run across a comma
        text = compiled(r"\bshared, informed decision(?:-| )making\b").sub(
            "shared decision making", text)
        text = _AGENT.sub("Experts", text)
        text = _KIND_OF_PREVENTION.sub(_prevention_said, text)
        # "recommends offering or referring adults who … to intensive counseling": what is
        # advised, for whom, and that the care team may give it or send the reader to it.
        text = _OFFER_OR_REFER.sub(
            lambda k: f"{k.group('verb')} {k.group('what')} for {k.group('who')} (your care "
                      "team can give it or refer you to it)"
                      + (f". The aim is to {k.group('aim')}" if k.group("aim") else ""), text)
        text = compiled(
                r"\bExperts ((?:\w+ly |also )?)recommends?\b").sub(r"Experts \1advise", text)
        text = compiled(r"\bExperts ((?:\w+ly |also )?)(suggest|conclude|advise|find)s\b").sub(
                      r"Experts \1\2", text)
        text = compiled(r"\bExperts (does|is|has|was)\b").sub(
                      lambda k: "Experts " + {"does": "do", "is": "are", "has": "have",
                                              "was": "were"}[k.group(1)], text)
        text = compiled(r"(?<=[a-z0-9,;] )Experts\b").sub("experts", text)
        text = _PANEL_UNABLE.sub(lambda k: "There is not enough evidence for experts to advise "
                                 f"for or against {k.group('what')}", text)
        m = _I_STATEMENT.match(text)
        if m:
            text = (f"There is not enough evidence about the good and harm of "
                    f"{m.group(1)}.{m.group(2)}")
        # "suggest offering gabapentin to patients with X": what is advised is for them.
        text = compiled(r"\b((?:advise|suggest|recommend)s?(?: against)?) (?:offering|providing) "
                      r"([^,;.()]{2,80}?) to (patients|people|individuals|persons|adults|women"
                      r"|men|children|veterans)\b").sub(r"\1 \2 for \3", text)
        text = compiled(
                r"\bprovider training/competence\b").sub("the skills of your care team", text)
        text = _INDICATED_WHEN.sub(_offered_when, text)
        text = replace_terms(text, self._names)
        text = _PAIN_PEOPLE.sub(lambda m: f"people with {m.group(1)}", text)
        # "The USPSTF previously found", said "Experts before found": "Earlier, experts found".
        text = compiled(r"\bExperts before (found|concluded|advised|determined)\b").sub(
                      r"Earlier, experts \1", text)
        # "should be considered susceptible", said "be thought about at risk": "considered"
        # before what someone is taken to be means "seen as", not "thought about".
        text = compiled(r"\b(be|is|are|was|were|been) thought about (?=(?:to be |as )?(?:at|high"
                      r"|low|a|an|safe|unsafe|eligible|positive|negative|infected|immune"
                      r"|susceptible|protected|(?:in)?completely|partially|fully"
                      r"|un(?!der\b|til\b|less\b)[a-z]+(?:ed|ble))\b)").sub(
                      r"\1 seen as ", text)
        text = compiled(r"\bseen as (?:to be|as) ").sub("seen as ", text)
        # "for evaluation of", "include assessment of", said "for check of": "check" is a
        # thing one has, so it takes "a" where the printed word took none.
        text = compiled(r"\b(for|include|includes|including|start|starting|as|with|after"
                        r"|before|without|require|requires|need|needs|warrant|warrants|and|or"
                        r"|by|undergo|undergoes|get|gets|have|has) (check|review) of\b").sub(
                            r"\1 a \2 of", text)
        # "avoid mirtazapine in patients for whom weight gain would be problematic": the
        # reader is the one it would be a problem for.
        text = compiled(r"\b(?:in|for) (?:people|patients|persons|individuals|those) for whom "
                        r"(?P<x>[^.;:]+?) would be problematic\b").sub(
                            r"if \g<x> would be a problem for you", text)
        text = compiled(r"\b(?:in|for) (?:people|patients|persons|individuals|those) for whom "
                        r"(?=[^.;:]+? (?:outweighs?|is|are|would be)\b)").sub("if, for you, ", text)
        # "perform serial assessment of iron overload": "repeated checks of iron overload".
        text = compiled(r"\bserial (?:check|assessment|evaluation)s? of\b").sub(
            "repeated checks of", text)
        # "Assessment should include …" said "Check should include": a thing, with its article.
        text = compiled(r"(?:^|(?<=[.:;] ))Check (?=(?:should|must|may|can|will|is|includes?)\b)"
                        ).sub("The check ", text)
        # "specialty SUD care" said "specialty drug or alcohol problems care": the care is
        # "for" the problems once they are said in words.
        text = compiled(r"\b(specialty |intensive |outpatient |residential )?drug or alcohol "
                        r"problems (specialty )?(care|treatment|programs?|services?)\b").sub(
            lambda k: f"{k.group(1) or k.group(2) or ''}{k.group(3)} for drug or alcohol problems",
            text)
        # "a substance use disorder" said "a drug or alcohol problems": the plural takes no "a"
        text = compiled(r"\b[Aa] (?=drug or alcohol problems\b)").sub("", text)
        # "only a small cardiovascular disease risk reduction" said "a small lowering the risk"
        text = compiled(r"\b([Aa]n?) ((?:very )?(?:small|modest|large|slight|greater|significant)"
                        r") lowering the (overall )?risk\b").sub(r"\1 \2 drop in the \3risk", text)
        # "No harm to patients were identified": one harm, one verb
        text = compiled(r"\b([Nn]o harm to [a-z]+) were\b").sub(r"\1 was", text)
        # "the following sequence of tests" said "these sequence of tests": one sequence
        text = compiled(r"\b([Tt])hese (sequence|series|set|combination|order|schedule) of\b"
                        ).sub(r"\1his \2 of", text)
        # "asymptomatic persons without a history of X": two "without"s in a row
        text = compiled(r"\bwithout symptoms without\b").sub("without symptoms and without",
                                                                  text)
        # "an adequate period of time" said word by word was "an enough period of time"
        text = compiled(r"\bfor an? (?:adequate|sufficient|enough) period of time\b").sub(
            "for long enough", text)
        # "at least two adequate medication trials": "two full medicine trials".
        text = compiled(r"\b(two|three|four|\d+) enough (?=(?:[a-z]+ )?(?:trials|courses"
                        r"|doses)\b)").sub(r"\1 full ", text)
        text = compiled(r"\b[Aa]n enough (?=trial|course|dose|amount)").sub(
            lambda k: "A long enough " if k.group(0)[0] == "A" else "a long enough ", text)
        # "recommend Extended-release injectable naltrexone": a capital left from a heading
        text = compiled(r"\b(advise|suggest|about|against) (Extended|Immediate|Sustained)-release\b"
                        ).sub(lambda k: f"{k.group(1)} {k.group(2).lower()}-release", text)
        # "Giving of naloxone" (from "provision of"): the "-ing" word takes its object.
        # "reassess pain and …" said "check again pain": the object comes before "again".
        text = compiled(r"\b(check|test|screen|measure) again (?!(?:after|before|in|at|every|for"
                      r"|when|if|later|soon|within|as|on|by|until|with|to|and|or|the|a|an)\b)"
                      r"([a-z]+)(?=[,.;]| and\b| or\b)").sub(r"\1 \2 again", text)
        # "at 1 to 2 year intervals": how often, in the words a reader uses.
        text = compiled(r"\bat (\d+(?: to |-)\d+|\d+)[ -](year|month|week)s? intervals\b").sub(
                      lambda k: f"every {k.group(1).replace('-', ' to ')} {k.group(2)}s", text)
        # "the majority of patients", said "most of people": "most" takes a bare plural.
        text = compiled(r"\b([Mm]ost) of (?=(?:(?!the |these |those |their |your |our )[a-z-]+ )?"
                      r"(?:people|patients|persons|adults|children|women|men|workers|veterans"
                      r"|cases|individuals)\b)").sub(r"\1 ", text)
        # "advise ongoing ways to lower risks, check for X, and …": one of the things advised,
        # a noun, never an order to the reader.
        text = compiled(
                r"(\badvise (?:[\w-]+ ){1,8}?[\w-]+, )check for\b").sub(r"\1checks for", text)
        text = _ADVISE_BE.sub(_advise_doing, text)
        # "the addition of X as an adjunct to Y" says "adding" twice: "adding X to Y".
        text = compiled(
                r"\b([Tt])he addition of ([^,.;()]{3,60}?) as an (?:adjunct|add-on) to\b").sub(
                      lambda k: f"{'A' if k.group(1) == 'T' else 'a'}dding {k.group(2)} to", text)
        for phrase, doing in _DOING:
            text = phrase.sub(doing, text)
        # "abrupt stopping of opioids" keeps its "of": there the "-ing" word is a noun.
        text = compiled(r"(?<![Aa]brupt )(?<![Ss]udden )(?<![Rr]apid )(?<![Tt]he )(?<![Aa] )"
                      r"\b([Gg]iving|[Ss]topping|[Ss]tarting) of (?=[a-z])").sub(r"\1 ", text)
        if level == 1:
            return finish([address(s) for s in _sentences(text) or [text]])
        out: list[str] = []
        for sent in _whole_sentences(text):
            sent = _testing_active(sent)
            moved, asides, anchors = _move_asides(sent, with_anchors=True)
            said = _plain_sentence(moved)
            if len(asides) > 1 and len(said) == 1 and all(
                    a.startswith("For example: ") for a in asides):
                # Two examples after one sentence ("For example: … For example: …") leave
                # the reader to guess which group each is of: they stay where they were.
                inline = _examples_in_place(sent)
                said = _series_list(inline) or _plain_sentence(inline)
                asides, anchors = [], []
            for aside, anchor in zip(asides, anchors, strict=True):
                # An example goes right after the words it gives examples of, not after the
                # sentences the rest was split into.
                at = next((k + 1 for k, p in enumerate(said) if anchor and anchor in p), len(said))
                example = _plain_sentence(aside)
                given = compiled(r"^For example: (?P<what>.+?)\.?$").match(" ".join(example))
                if given and given.group("what").lower() in " ".join([*out, *said]).lower():
                    continue  # an example the advice already names says nothing new
                if (0 < at < len(said) and said[at - 1].startswith("- ")
                        and said[at].startswith("- ") and len(example) == 1
                        and sum(anchor in p for p in said) == 1):
                    # An example of one item of a list stays on that item's line (when its
                    # words name one line only): after the list it reads as examples of the
                    # advice that follows.
                    said[at - 1] = f"{said[at - 1].rstrip('.')}. {example[0]}"
                    continue
                while at < len(said) and said[at].startswith("- "):
                    at += 1
                said[at:at] = example
            out.extend(said)
        return finish(rejoin_short([p for s in out for p in _shorter(s)]))

    def _infected_with(self, text: str) -> str:
        """"organs from HBV- or HCV-infected donors" -> "organs from donors infected with
        hepatitis B or hepatitis C": an acronym joined to "-infected" is spelt out like any
        other, where its lay name is words ("hepatitis B-infected" reads badly)."""
        lay = {k: v for k, v in self.acronyms.items() if " " in v}
        if not lay:
            return text
        acr = "|".join(re.escape(k) for k in sorted(lay, key=len, reverse=True))

        def said(m: re.Match[str]) -> str:
            names = [lay[a] for a in (m.group("a"), m.group("b")) if a]
            return f"{m.group('who')} infected with {' or '.join(names)}"

        # Only where the noun ends its phrase: "HBV-infected vessel conduits" stays whole.
        return compiled(rf"\b(?:(?P<a>{acr})- or )?(?P<b>{acr})-infected (?P<who>[a-z]+)"
                        r"(?=[.,;:)]| (?:will|is|are|was|were|should|may|can|must|who|that"
                        r"|from|in|for|to|and|or|with)\b)").sub(said, text)

    def _expand_acronyms(self, text: str) -> str:
        for long, lay in self._lay_long.items():
            text = compiled(rf"\b{re.escape(long)}\b", re.IGNORECASE).sub(lay, text)
        # An acronym patients know replaces its long form: "U.S. Food and Drug
        # Administration (FDA)-approved" -> "FDA-approved".
        text = _KNOWN_LONG.sub(lambda m: m.group("acr") if _initials(
            m.group("acr"), [w for w in m.group("long").split() if w != "U.S."])
            or _curated_long(m.group("acr"), m.group("long")) else m.group(0), text)
        text = _LOWER_LONG.sub(_known_short, text)
        # Drop "(ACR)" right after its spelt-out form, then spell out the bare acronyms the
        # document defines; any other acronym stays (and is explained in "Words to know").
        text = compiled(r"\s*[(\[](?=[A-Za-z0-9/-]*[A-Z][A-Za-z0-9/-]*[A-Z])[A-Za-z]"
                      r"[A-Za-z0-9/-]{1,9}s?[)\]]").sub("", text)

        text = self._infected_with(text)
        numbers = set(clinical_numbers(text))

        def repl(m: re.Match[str]) -> str:
            acr = m.group(0)
            if acr in lexicon.KEEP_ACRONYMS or sum(c.isupper() for c in acr) < 2:
                return acr
            base = acr[:-1] if acr.endswith("s") and acr[:-1] in self.acronyms else acr
            exp = self.acronyms.get(base)
            if not exp or any(n not in numbers for n in clinical_numbers(exp)):
                # "LABA" spelt out "long-acting beta 2-agonist" would print a "2" the statement
                # does not give: the acronym stays, and Words to know says what it is.
                return acr
            if compiled(r"\b(?:a|an|one|each)\s+$", re.IGNORECASE).search(
                    m.string[:m.start()]) and not compiled(r",?\s+(?:or|and)\s+[A-Z]{2}").match(
                    m.string[m.end():]):
                # "a SAMA" whose long form the document gives in the plural ("short-acting
                # antimuscarinic agents (SAMA)"): one of them
                exp = compiled(r"(agent|inhibitor|blocker|antagonist|agonist|corticosteroid|drug"
                               r"|medicine|medication)s$").sub(r"\1", exp)
            return exp + ("s" if base != acr and not exp.endswith("s") else "")

        text = compiled(r"(?<![\w-])[A-Z][A-Za-z0-9]{1,6}s?(?![\w-])").sub(repl, text)
        # A short form joined with "-" or "/" is a compact name: spelt out where its long form
        # is as compact ("Ag/Ab" -> "antigen/antibody"); a longer one ("anti-HBc", "VA/DoD")
        # stays, and Words to know gives the long form.
        joined = sorted((k for k in self.acronyms if compiled(
                r"[-/]").search(k)), key=len, reverse=True)
        for acr in joined:
            exp = self.acronyms[acr]
            if " " not in exp and all(n in numbers for n in clinical_numbers(exp)):
                text = compiled(rf"(?<![\w/-]){re.escape(acr)}(?![\w/-])").sub(exp, text)
        return text


# "Modified from the 2007 CPG without an updated systematic review of the evidence": how
# the guideline was made, not advice; said as a note so that no reader takes it as a step.
_CARRIED_OVER = re.compile(
    r"\b(?:Modified|Adapted) from (?:the )?(?P<year>\d{4}) (?:VA/DoD )?(?:[A-Za-z]+ )?"
    r"(?:\[[A-Z]+\] )?(?:Clinical Practice Guideline|CPG)(?: \[CPG\]| \(CPG\))?"
    r"(?P<new> without an updated systematic review of the evidence)?\.?")


def _nested(item: str) -> str:
    """A list item that became a lead and a list of its own keeps that list under it, and a
    sentence after that list is a point of the outer list: flat, the examples of one point
    ("drive safely", "pay bills") read as points, and the rule after them floated loose."""
    if "\n- " not in item:
        return item
    head, *rest = item.split("\n")
    return "\n".join([head, *(f"  {line}" if line.startswith("- ") else f"- {line}"
                               for line in rest if line.strip())])


def _carried_over(m: re.Match[str]) -> str:
    said = f"Note: this advice comes from the {m.group('year')} guideline"
    return said + (". The studies were not reviewed again." if m.group("new") else ".")


_BRAND = r"[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:-[A-Za-z]+)?|[A-Z]{1,3}-[A-Z][a-z]+"
_BRANDS = re.compile(rf"\s\((?:{_BRAND})(?:,\s*(?:{_BRAND}))+\)")
_ONE_BRAND = re.compile(rf"\b(?P<drug>[A-Za-z]+(?:ine|one|ide|ate|dol|nol|tyl|fen|pam|lam))"
                        rf" \((?:{_BRAND})\)")


_CITED = re.compile(r'\s*"(?P<title>[^"]{20,250})"\s*\((?P<short>[A-Z]{2,6} \d{1,2})\)')
_CITED_BY = re.compile(r"(?P<who>[A-Z][\w,' ]{3,80}?)'s\s+\"[^\"\d]{20,250}\"")


def _short_citations(text: str) -> str:
    """A report cited by its full title is cited by its short name: '"The Seventh Report of
    the Joint National Committee on …" (JNC 7)' -> "the JNC 7 report"; a title with no
    short name goes, its author stays ("the NHLBI's "Fourth Report on …"" -> "the NHLBI")."""
    text = _CITED.sub(lambda m: f" the {m.group('short')} report", text)
    return _CITED_BY.sub(lambda m: m.group("who"), text)


def _drop_brands(text: str) -> str:
    """"Fentanyl (Actiq, Duragesic, Fenora, Sublimaze)" -> "Fentanyl": brand-name lists
    add nothing a patient needs to read the advice (the generic name stays)."""
    def brands(m: re.Match[str]) -> str:
        names = compiled(r"[A-Za-z][A-Za-z-]*").findall(m.group(0))
        known = sum(1 for n in names if n.lower() in _cmu())
        return "" if known * 2 < len(names) else m.group(0)  # "(Asian, Hispanic)" stays

    text = _BRANDS.sub(brands, text)
    return _ONE_BRAND.sub(lambda m: m.group("drug") if brands(m) == "" else m.group(0), text)


def _cmu() -> dict[str, int]:
    """English words with a known pronunciation: a brand name is rarely one of them."""
    from domain.readability import _dictionary

    return _dictionary()


def _initials(short: str, words_before: list[str]) -> str | None:
    """The trailing words whose initials spell ``short`` ("morphine milligram equivalents"
    for MME), hyphenated parts counting as words and small words skipped."""
    letters = [c.lower() for c in short if c.isalpha()]
    for k in range(len(words_before), 0, -1):
        cand = words_before[-k:]
        parts = [p for w in cand for p in compiled(r"[-/]").split(w.strip(",")) if p]
        initials = [p[0].lower() for p in parts if p.lower() not in _SMALL]
        if initials == letters and parts[0].lower() not in _SMALL:
            return _lower_first(" ".join(cand).strip(" ,"))
    return None


_LOWER_LONG = re.compile(r"(?P<pre>(?:[a-z][\w-]* ){0,4}[a-z][\w-]*) \((?P<acr>[A-Z]{2,6}s?)\)")


def _known_short(m: re.Match[str]) -> str:
    """"posttraumatic stress disorder (PTSD)" -> "PTSD": a long form whose curated meaning is
    the one of a short form patients know, said by that short form."""
    acr = m.group("acr")
    short = lay_terms.KEEP.get(acr.lower())
    if acr not in lexicon.KEEP_ACRONYMS or short is None:
        return m.group(0)
    said = m.group("pre").split()
    for k in range(len(said), 0, -1):
        entry = _KEEP_BARE.get(" ".join(said[-k:]).lower().replace("-", ""))
        if entry is not None and entry.meaning == short.meaning:
            return " ".join([*said[:-k], acr])
    return m.group(0)


_KEEP_BARE = {term.replace("-", ""): entry for term, entry in lay_terms.KEEP.items()}


def _curated_long(short: str, long: str) -> bool:
    """Whether ``long`` is the name the curated meaning of ``short`` spells out: "Diagnostic
    and Statistical Manual of Mental Disorders (DSM)", whose initials are not "DSM"."""
    entry = lay_terms.ACRONYMS.get(short)
    return entry is not None and entry.meaning.lower().removeprefix("the ").startswith(
        long.lower())


_SMALL = frozenset({"of", "and", "the", "for", "to", "in", "on", "with", "a", "an", "or", "by"})
_KNOWN_LONG = re.compile(
    r"(?P<long>(?:U\.S\. )?(?:[A-Z][A-Za-z]+(?: (?:and|of|for|on|the|&))? ){1,6}[A-Z][A-Za-z]+)"
    r"\s*\((?P<acr>FDA|HIV|AIDS|CDC|NIH|WHO|COPD|PTSD|DSM)\)")
_LAY_LONG = {"hepatitis b virus": "hepatitis B", "hepatitis c virus": "hepatitis C"}


def _spelt_out(long: str) -> str | None:
    """The long form without markup ("\\*Grading …" -> "Grading …"), or None when it
    is no long form: "IA, IB, IC, ID, IIA" lists grades, it spells out none of them."""
    long = compiled(r"^[\W_]+").sub("", compiled(r"[*\\]").sub("", long))
    parts = long.split()
    if not parts or parts[-1] in _SMALL:
        return None
    return long if any(compiled(r"[a-z]").search(w) for w in parts if w.lower() not in _SMALL) \
        else None


def _acronym_key(acr: str) -> str | None:
    """The acronym a bracket holds ("LABAs" -> "LABA"), or None for what is not one."""
    key = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
    if sum(c.isupper() for c in key) < 2 or acr in lexicon.KEEP_ACRONYMS:
        return None
    if all(part in lexicon.KEEP_ACRONYMS for part in key.split("/")):
        return None  # "HIV/AIDS": each part is known as it is
    return key


def _lower_first(long: str) -> str:
    first = long.split()[0]
    if first[:1].isupper() and first[1:2].islower() and not compiled(r"[A-Z]").search(long[1:]):
        return long[:1].lower() + long[1:]  # capital only because it began a sentence
    return long


_LABELLED = re.compile(r"^(?P<x>[^()]{2,80}?)\s*\((?P<note>[^()]{4,})\)\.?$")
_ALSO = re.compile(r"^This is for (?P<group>(?:(?! who )[^,]){3,80}?) who "
                   r"(?P<verb>have|has|are|is|had|live"
                   r"|smoke|use|take|get)\b(?! not)(?P<rest>.{12,})$")
_ALSO_VERB = {"has": "have", "is": "be", "are": "be", "had": "have had"}


def _note_as_sentence(sentence: str) -> str:
    """"Tramadol (not advised for …)." -> "Tramadol is not advised for …."; a list entry
    with its verdict in brackets is a statement, not a fragment."""
    m = _LABELLED.match(sentence.strip())
    if not m or not (is_clause(m.group("note")) or compiled(r"(?:is |are )?not\b").match(
                                                          m.group("note").strip())):
        return sentence
    note = m.group("note").strip()
    if compiled(r"(?:is |are )?not\b").match(note):
        verb = "" if compiled(r"is |are ").match(note) else "is "
        return f"{m.group('x').strip()} {verb}{note}."
    return f"{m.group('x').strip()}: {note}."


def _also(sentence: str) -> list[str]:
    """"This is for adults aged 55 to 80 who have A and B." -> two sentences, the second
    "They must also have A and B." (both conditions still hold)."""
    m = _ALSO.match(sentence)
    if not m or len(words(sentence)) <= 16:
        return [sentence]
    verb = _ALSO_VERB.get(m.group("verb"), m.group("verb"))
    group = compiled(r",?\s+and$").sub("", m.group("group"))
    return [f"This is for {group}.",
            f"They must also {verb}{m.group('rest').rstrip('.')}."]


_GROUP_WHO = re.compile(
    r"^(?:In|For|Among)\s+(?P<group>(?:all\s+)?(?:[\w-]+\s+){0,3}?(?:adults|children|people"
    r"|persons|patients|individuals|women|men|veterans|teens|adolescents)(?:\s+(?:and|or)\s+"
    r"(?:adults|children|teens|adolescents))?\s+with\s+[^,()]{3,80}?)\s+(?:who|that)\s+"
    r"(?P<verb>present with|presents with|have|has|report|reports|experience|experiences"
    r"|show|shows|develop|develops)\s+(?P<tail>.+)$")
_MAIN_AFTER_LIST = re.compile(r"(?:your care team|experts|there (?:is|are)|you)\b", re.IGNORECASE)


def _group_list(sentence: str) -> list[str] | None:
    """"In people with sickle cell disease who present with severe headache, seizures, or
    paralysis, check for acute stroke …" -> "If you have sickle cell disease and any of
    these:", one line a sign, then the advice: the group is the reader, the signs a list."""
    m = _GROUP_WHO.match(sentence)
    if not m or depth(m.group("group")):
        return None
    tail = m.group("tail")
    for cut in compiled(r",\s+").finditer(tail):
        listed, rest = tail[: cut.start()], tail[cut.end():]
        if depth(listed) or not (is_imperative(rest) or _MAIN_AFTER_LIST.match(rest)):
            continue
        joiner = compiled(r",?\s+(or|and)\s+(?P<last>[^,]+)$").search(listed)
        items = [compiled(r"^(?:and|or)\s+").sub("", i).strip()
                 for i in split_parts(listed, r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?=[^,]+$)")]
        longest = max((len(words(i)) for i in items[:-1]), default=0)
        if (not joiner or len(items) < 3 or any(not words(i) or len(words(i)) > 8
                                                or is_clause(i) for i in items)
                or len(words(items[-1])) > longest + 3
                or compiled(r"\s(?:with|to|for|in|from|of|and|or)\s").search(items[-1])):
            return None  # a complement at the end may belong to every item: left whole
        found = condition(m.group("group"))
        if not found or found[1] != "you":
            return None
        said = address(rest[:1].upper() + rest[1:])
        which = "any" if joiner.group(1) == "or" else "all"
        return [f"If {found[0]} and {which} of these:", *(f"- {i}" for i in items),
                *_short(said)]
    return None


_GROUP_WHOS = re.compile(
    r"^(?:In|For)\s+(?P<group>(?:all\s+)?(?:[\w-]+\s+){0,3}?(?:adults|people|persons|patients"
    r"|individuals|women|men|veterans)\s+with\s+[^,()]{3,80}?),\s+who\s+(?P<whos>.+?),\s+"
    r"(?P<main>(?:clinicians|providers|your care team|experts|you)\b.+)$", re.IGNORECASE)
_YOURS = {"their": "your", "they": "you", "them": "you", "themselves": "yourself"}


_OFFER_OR_REFER = re.compile(
    r"\b(?P<verb>advise|suggest|recommend)s? (?:offering or referring|that clinicians offer or "
    r"refer) (?P<who>(?:adults|people|patients|persons|those|children|teens|adolescents|women|men)"
    r"\b(?:[^.;()]|\([^()]*\)){3,200}?) to (?P<what>(?:[^.;()]|\([^()]*\)){3,160}?)"
    r"(?: to (?P<aim>(?:promote|improve|prevent|reduce|lower|help|support)\b[^.;]*))?(?=\.|;|$)")


# The Institute of Medicine's kinds of prevention: "indicated" said word by word was "needed
# prevention", which says nothing of whom it is for.
_KIND_OF_PREVENTION = re.compile(
    r"\b(?P<the>[Tt]he )?(?P<kind>[Ss]elective|[Ii]ndicated) prevention of (?P<what>[A-Z]{2,6}"
    r"|[a-z][\w-]*(?: [a-z][\w-]*)?)\b(?P<in> in (?:people|patients|adults|persons|children"
    r"|those)\b)?")
_PREVENTION_FOR = {"selective": "people at higher risk",
                   "indicated": "people who already have early signs"}


def _prevention_said(m: re.Match[str]) -> str:
    kind = m.group("kind")
    said = f"preventing {m.group('what')}"
    said += m.group("in") or f" in {_PREVENTION_FOR[kind.lower()]}"
    return said[:1].upper() + said[1:] if kind[0].isupper() and not m.group("the") else said


def _said_of_you(item: str) -> str:
    """An item that goes on from a lead ending "you:", with its verbs said of "you"."""
    said = patient_to_you(f"you {item[:1].lower()}{item[1:]}")
    return said[4:5].upper() + said[5:] if said.startswith("you ") else item


def _group_whos(sentence: str) -> list[str] | None:
    """"For people with X, who A, and who B, clinicians may …" -> "If you have X and you:",
    one line a "who", then the advice: the group is the reader, and each condition that
    must also hold is read on its own line under the words that say both hold."""
    m = _GROUP_WHOS.match(sentence)
    if not m or depth(m.group("group")):
        return None
    whos = compiled(r",?\s+and\s+who\s+").split(m.group("whos"))
    if len(whos) < 2 or any(depth(w) or compiled(r"\bwho\b|,\s+(?:and|or)\s").search(w)
                            or len(words(w)) < 3 for w in whos):
        return None
    found = condition(m.group("group"))
    if not found or found[1] != "you":
        return None
    lines = []
    for w in whos:
        said = compiled(r"\b(?:their|they|them|themselves)\b").sub(
                      lambda k: _YOURS[k.group(0)], patient_to_you(w.strip()))
        first, _, rest = said.partition(" ")
        if first not in ("have", "are", "had", "were", "do", "did", "can", "cannot", "need",
                         "want", "take", "use", "live", "work", "experience", "report"):
            return None  # each line reads after "you": a verb said of "you"
        lines.append(f"- {'have' if first == 'experience' else first} {rest}".rstrip())
    main = address(m.group("main")[:1].upper() + m.group("main")[1:])
    if not compiled(r"Your care team|Experts|You\b").match(main):
        return None
    return [f"If {found[0]} and you:", *lines, *_short(main)]


_GROUP_FIRST = re.compile(
    r"^For (?P<group>(?:people|patients|adults|persons|individuals|veterans) with "
    r"(?:(?! who | whom | that )[^,()]){3,80}),\s+(?P<main>(?:the|your care team|experts|there"
    r"|adding) .{20,})$")


def _group_first(sentence: str) -> str:
    """"For people with osteoarthritis of the knee or hip, the prescription … should be
    carried out by …" -> "If you have osteoarthritis of the knee or hip, the prescription
    …": the group is the reader, said as the condition the advice is laid out under."""
    m = _GROUP_FIRST.match(sentence)
    found = condition(m.group("group")) if m else None
    if not m or not found or found[1] != "you" or depth(m.group("main")):
        return sentence
    return f"If {found[0]}, {m.group('main')}"


def _plain_sentence(sentence: str) -> list[str]:
    """One sentence as short sentences and list lines, said to the reader, with the group
    it is for as "you" and the condition first (:mod:`domain.voice`)."""
    grouped = _group_list(sentence) or _group_whos(sentence)
    if grouped:
        return grouped
    sentence = to_reader(address(_group_first(_note_as_sentence(sentence))))
    listed = as_list(sentence)
    if not listed:
        pieces = merge_condition([active(to_reader(address(p))) for p in _short(sentence)])
        return [q for p in pieces for q in _listed(_also(p))]
    lead, after = _reader_group(listed[0]), ""
    if CONDITION_LAST.get():
        # "When X, the center should tell:" + list -> the list first, then "This applies when X."
        moved = _condition_last(lead.rstrip(":") + ".")
        if moved != lead.rstrip(":") + ".":
            main, _, cond = moved.partition(". This applies ")
            lead, after = f"{main}:", f"This applies {cond}"
    said = merge_condition([active(to_reader(address(p))) for p in _short(lead)])
    if (len(said) > 1 and said[-1].endswith(":") and not said[0].startswith("- ")
            and compiled(r"\b(?:of these|the following)(?: [a-z]+){0,2}\.$").search(said[0])):
        # "Experts advise one of these treatments. This is based on A, B and C:" -> the list
        # goes under the words that announce it; what the choice is based on comes after.
        said[0] = said[0][:-1] + ":"
        after = " ".join([*said[1:-1], said[-1][:-1] + "."] + ([after] if after else []))
        said = said[:1]
    return [*said,
            *(patient_to_you(item) if isinstance(item, After) else f"- {patient_to_you(item)}"
              for item in listed[1:]), *([after] if after else [])]


def _reader_group(lead: str) -> str:
    """"For people now on X, experts advise:" -> "If you are now on X, experts advise:": a
    list's lead-in names its group as the reader, as a sentence would."""
    m = compiled(r"^((?:In|For|Among) [^,]{3,160}),\s+(experts .+:)$").match(lead)
    said = reader_lead(m.group(1)) if m else lead
    return f"{said}, {m.group(2)}" if m and said != m.group(1) else lead


def _listed(parts: list[str]) -> list[str]:
    """A piece that ends in a list once split off ("… using breast ultrasound, MRI scan,
    digital breast tomosynthesis, or other methods.") is a lead-in and one line an item."""
    out: list[str] = []
    for part in parts:
        listed = as_list(part) if not part.startswith(("- ", "If ", "When ")) else None
        if listed:
            out.append(listed[0])
            out.extend(patient_to_you(item) if isinstance(item, After)
                       else f"- {patient_to_you(item)}" for item in listed[1:])
        else:
            out.append(part)
    return out


def _short(sentence: str) -> list[str]:
    """Main message first, then each sentence split at clause boundaries. A sentence whose
    group or condition was moved into a sentence of its own is not cut where two clauses
    meet: the group would then limit only the first of them."""
    aside = _aside_clause(sentence)
    moved = _lead_last(aside)
    joints = moved == aside and not _LIMITS.search(sentence)
    return [p for part in _sentences(moved) or [sentence]
            for piece in _two_actions(part) for p in _split(piece, joints=joints)]


_WHICH = re.compile(r"^(?P<a>.{10,}?),\s+which\s+(?P<rel>(?P<verb>includes?|is|are|has|have|can"
                    r"|may)\b[^,()]{3,80}),\s+(?P<b>(?:is|are|was|were|should|may|can|must|will)"
                    r"\b.+)$")


def _aside_clause(sentence: str) -> str:
    """"Further evaluation, which includes pulmonary function tests, is advised to find the
    cause." -> "Further evaluation is advised to find the cause. It includes pulmonary
    function tests.": the main clause reads in one go, the aside after it."""
    m = _WHICH.match(sentence)
    if not m or depth(m.group("a")):
        return sentence
    they = "They" if m.group("verb") in ("include", "are", "have") else "It"
    return f"{m.group('a')} {m.group('b').rstrip('.')}. {they} {m.group('rel')}."


_SECOND_ACTION = re.compile(
    r"^(?P<lead>(?:If|When) [^,]{3,160}?,\s+)?(?P<subj>(?:Your care team|your care team|You"
    r"|Experts|[A-Z][a-z]+(?: [a-z]+){0,3}) (?:should|must|can|may)(?: not)?)"
    r" (?P<first>.{12,}?),\s+(?P<conj>and|or)\s+(?P<verb>refer|check|treat|give|offer|test|screen"
    r"|repeat|consult|ask|tell|discuss|talk|take|use|start|stop|follow|monitor|provide"
    r"|counsel|teach|keep|get|see|call|measure|review|watch)\b(?P<rest>.{12,})$")


def _two_actions(sentence: str) -> list[str]:
    """"Your care team should counsel the woman about the risks …, or refer them to a
    specialist …" -> two sentences, each with its subject: one action a sentence."""
    m = _SECOND_ACTION.match(sentence)
    if not m or depth(m.group("first")) or len(words(m.group("first"))) < 6:
        return [sentence]
    subj = m.group("subj")
    second = f"{subj[:1].upper()}{subj[1:]} {m.group('verb')}{m.group('rest')}"
    if m.group("conj") == "or":
        second = f"Or {second[:1].lower()}{second[1:]}" if second.startswith(
            ("Your", "Experts")) else f"Or {second}"
    return [f"{m.group('lead') or ''}{subj} {m.group('first')}.", second]


_NAMED_LETTER_END = re.compile(
    r"(\b(?:hepatitis|vitamin|type|stage|grade|phase|group|level|class|category|age) "
    r"[A-Z0-9])\.\s+(?=[A-Z][a-z])")


def _sentences(text: str) -> list[str]:
    """Sentences with the bracket or quotation mark that closes them: "(Mere passage of time
    is not enough.)" keeps its ")" (the readability split ends a sentence at its full stop)."""
    out: list[str] = []
    at = 0
    for sent in sentences(text):
        found = text.find(sent, at)
        if found < 0:
            out.append(sent)
            continue
        end = found + len(sent)
        closer = compiled(r"[)\]\"\u201d\u2019']+").match(text[end:])
        if closer and depth(sent) > 0:
            sent += closer.group(0)
            end += closer.end()
        out.append(sent)
        at = end
    return out


def _whole_sentences(text: str) -> list[str]:
    """Sentences, with a bracket that spans a sentence break kept in one piece. A sentence
    ending in a one-letter name ("… with hepatitis B. Recipient testing …") ends there."""
    out: list[str] = []
    for sent in _sentences(_NAMED_LETTER_END.sub(r"\1.\n", text)) or [text]:
        if out and depth(out[-1]) > 0:
            out[-1] += " " + sent
        else:
            out.append(sent)
    return out


def _long_form(short: str, candidate: str) -> str | None:
    """The words of ``candidate`` that spell ``short`` (Schwartz-Hearst), or None."""
    s, c = len(short) - 1, len(candidate) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while c >= 0 and (candidate[c].lower() != ch
                          or (s == 0 and c > 0 and candidate[c - 1].isalnum())):
            c -= 1
        if c < 0:
            return None
        c -= 1
        s -= 1
    start = candidate.rfind(" ", 0, c + 1) + 1
    long = candidate[start:].strip(" ,")
    if len(long) <= len(short) or short.lower() in long.lower().split():
        return None
    if len(long.split()) > len(short) + 3:
        return None
    return _lower_first(long)


_NAME = re.compile(
    r"(?:\bU\.S\. )?\b[A-Z][a-z\u2019']+(?:-[a-z]+)?(?:(?:,? (?:and|of|for|on|the|&|in|to) "
    r"(?:the )?|[ -])[A-Z][a-z\u2019']*(?:-[a-z]+)?)+"
)


def _protect(text: str, names: TermMatcher | None) -> tuple[str, list[str]]:
    """Hide names behind placeholders so that no word inside them is swapped: the
    document's spelt-out acronyms and capitalised names ("U.S. Food and Drug
    Administration", "Workers' Compensation Act")."""
    spans = [(a, b) for a, b, _ in names.find(text)] if names is not None else []
    for m in _NAME.finditer(text):
        if m.start() > 0 and not compiled(r"[.!?:]\s*$").search(text[: m.start()]):
            spans.append((m.start(), m.end()))
        elif (inner := _NAME.search(text, m.start() + len(m.group(0).split()[0]), m.end())):
            # "In the Department of Veterans Affairs Evidence-based Synthesis Program …": the
            # sentence's first word is not part of the name that follows it.
            spans.append((inner.start(), inner.end()))
    if spans:
        # A kept term that holds a name ("alpha-1 antitrypsin deficiency", spelt out from
        # "AAT deficiency") is held whole, so no word of it is swapped ("lack"); a whole
        # phrase that holds one ("systolic blood pressure and diastolic blood pressure", from
        # "SBP and DBP") is swapped whole, not word by word around the name.
        matcher, table = _lexicon()
        found = matcher.find(text)
        phrases = [(a, b) for a, b, t in found if table[t] is not None]
        spans = [(a, b) for a, b in spans
                 if not any(pa <= a and b <= pb and pb - pa > b - a for pa, pb in phrases)]
        spans += [(a, b) for a, b, t in found if table[t] is None]
    held: list[str] = []
    out, last = [], 0
    for a, b in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if a < last:
            continue
        out.append(text[last:a])
        out.append(chr(0xE000 + len(held)))
        held.append(text[a:b])
        last = b
    out.append(text[last:])
    return "".join(out), held


def _restore(text: str, held: list[str]) -> str:
    return compiled("[\ue000-\ue8ff]").sub(lambda m: held[ord(m.group(0)) - 0xE000], text)


# "who tolerate antihypertensive drugs": a drug is tolerated when it can be taken without bad
# side effects; "handle" said something else.
_TOLERATE = re.compile(
    r"\b(?P<neg>(?:cannot|can't|could not|do not|does not|did not) )?tolerat(?:e|es) "
    r"(?P<what>(?:(?:the|an?|their|these|this|your) )?(?:[\w-]+ ){0,3}?(?:drugs?|medicines?"
    r"|medications?|diuretics?|inhibitors|blockers|agents|therapy|therapies|treatment))\b"
    r"(?! or\b)")


def _tolerated(m: re.Match[str]) -> str:
    infinitive = m.string[: m.start()].endswith("to ")  # "Inability to tolerate …"
    neg = m.group("neg") or ("" if infinitive else "can ")
    neg = "cannot " if neg.startswith("can") and neg != "can " else neg
    return f"{neg}take {m.group('what')} without bad side effects"


# "increased K+" as a lab finding: a chemical symbol a reader cannot read, said in words.
_POTASSIUM = re.compile(r"\b(?:(?P<up>increased|elevated|raised|high)|decreased|reduced|low)"
                        r"\s+(?:serum\s+|blood\s+)?K\+(?!\w)(?!\s+(?:intake|supplement))",
                        re.IGNORECASE)


# "therapeutic procedure(s)": a bracketed plural the word matcher cannot see (its words hold
# no brackets), said as a reader says it.
_OPTIONAL_PLURAL = re.compile("|".join(rf"\b{re.escape(t)}" for t in lexicon.OPTIONAL_PLURALS),
                              re.IGNORECASE)


def _capital_as(found: str, new: str) -> str:
    return new[:1].upper() + new[1:] if found[:1].isupper() else new


@lru_cache(maxsize=8192)
def replace_terms(text: str, names: TermMatcher | None = None) -> str:
    """Swap jargon for lay words, whole phrases only, outside protected names."""
    matcher, table = _lexicon()
    text = _TOLERATE.sub(_tolerated, text)
    # "other VA/DoD guideline-recommended treatments": the guideline speaks of its own advice.
    text = compiled(r"\b(?:VA/DoD|Veterans Affairs/Department of Defense|CPG|[Gg]uideline)"
                  r"(?: guideline)?-recommended (treatments?|therap(?:y|ies)|care)\b").sub(
                  r"\1 in this guideline", text)
    text = compiled(r"\b(?:do|does|did) not tolerate or (?=(?:are|is|were|was) not\b)").sub(
                  "get bad side effects from or ", text)
    text = compiled(r"\b(controlled|stable|maintained) on and tolerating ([\w-]+)").sub(
                  r"\1 on \2 without bad side effects", text)
    text = _POTASSIUM.sub(lambda m: "high potassium" if m.group("up") else "low potassium", text)
    text = _OPTIONAL_PLURAL.sub(lambda m: _capital_as(m.group(0), lexicon.OPTIONAL_PLURALS[
        m.group(0).lower()]), text)
    masked, held = _protect(text, names)

    def repl(found: str, term: str) -> str:
        new = table[term]
        if new is None:
            return found
        if found[:1].isupper() and not new[:1].isupper():
            new = new[:1].upper() + new[1:]
        swapped.add(new.lower())
        return new

    swapped: set[str] = set()
    return _restore(_one_of_two(_said_once(_readable(matcher.sub(masked, repl)), swapped),
                                swapped), held)


# "Formulation of an efficient and effective assessment": the thing made is the point.
_MAKING_OF = re.compile(r"^(?:Formulation|Development|Provision|Establishment|Implementation)"
                        r" of (?P<art>an?|the) (?P<rest>\w)")


def _readable(text: str) -> str:
    """Mends what a word swap leaves unreadable: "in some clinical reasons" (from "clinical
    indications") is "for some medical reasons"; "Formulation of a check" is "A check"."""
    text = compiled(r"\bin (some|certain|selected|specific|other|many) (?:clinical |medical )?"
                  r"reasons\b").sub(r"for \1 medical reasons", text)
    text = compiled(r"\befficient and helpful\b").sub("quick and helpful", text)
    # "to make sure better outcomes" (from "ensure"): a thing made sure of
    text = compiled(r"\bmake sure (?=(?:better|good|safe|proper|adequate|high|timely|accurate|"
                  r"right|helpful|enough|continued|quick)\b)").sub("make sure of ", text)
    # "adherence interventions": treatments for sticking to the plan, not "plan treatments".
    text = compiled(r"\bsticking to the plan (treatments|steps|programs|tools)\b").sub(
                  r"\1 for sticking to the plan", text)
    # "exercise that gets your heart pumping of 30 minutes": the amount is the exercise's.
    text = compiled(r"\bexercise that gets your heart pumping(?= (?:of|for|at) )").sub(
                  "heart-pumping exercise", text)
    # "Medical reasons against ketamine: can cause a big rise in blood pressure" (from
    # "Contraindications for ketamine: can cause …") names a harm, not a reason: said as one.
    text = compiled(r"^Medical reasons against (?P<x>[^:.]{2,40}): (?=(?:can|may|might) )").sub(
                  lambda k: f"{k.group('x')[:1].upper()}{k.group('x')[1:]} ", text)
    m = _MAKING_OF.match(text)
    if m:
        art = m.group("art")
        art = ("An" if m.group("rest").lower() in "aeiou" else "A") if art != "the" else "The"
        text = f"{art} {m.group('rest')}{text[m.end():]}"
    return text


def _said_fewer_than_twice(phrase: str, text: str) -> bool:
    """Surely not said twice, so no pattern need be built to find it twice. Only for ASCII,
    where ignoring case is lowering (``re`` also matches "ſ" for "s", "K" for "k")."""
    return phrase.isascii() and text.isascii() and text.lower().count(phrase.lower()) < 2


def _one_of_two(text: str, swapped: set[str]) -> str:
    """Two words that meant different things to experts and the same to a reader are said
    once: "physical activity or exercise" swapped word by word reads "exercise or exercise"."""
    for phrase in swapped:
        if _said_fewer_than_twice(phrase, text):
            continue
        said = re.escape(phrase)
        text = compiled(rf"\b((?i:{said}))(?: or | and |/)(?i:{said})(?![\w-])").sub(r"\1", text)
    return text


_LINK = (r"(?:of|for|in|on|at|to|by|with|from|and|or|the|a|an|this|that|is|are|was|were|be"
         r"|people|who|which)")


def _said_once(text: str, swapped: set[str]) -> str:
    """A swapped phrase of several words said as a modifier and again in the same noun phrase
    ("heart and blood vessel risk factors for heart and blood vessel disease", from
    "cardiovascular risk factors for CVD") is said once, where it names the thing."""

    def once(m: re.Match[str]) -> str:
        before = compiled(r"(\w+)\W*$").search(m.string[: m.start()])
        if before and re.fullmatch(_LINK, before.group(1).lower()):
            # The thing itself ("prevention of hypertension in people with hypertension"),
            # no modifier: both stay.
            return m.group(0)
        rest = m.group("rest")
        return (rest[:1].upper() if m.group(0)[:1].isupper() else rest[:1]) + rest[1:]

    for phrase in sorted(swapped, key=len, reverse=True):
        if " " in phrase and not _said_fewer_than_twice(phrase, text):
            said = re.escape(phrase)
            text = compiled(rf"\b(?i:{said}) (?P<rest>(?:(?!{_LINK}\b)[a-z-]+ ){{1,3}}"
                            rf"(?:for|of|from|with) (?i:{said})\b)").sub(once, text)
    return text


# "chronic pain patients" said word by word is "long-term pain people": people with it.
_PAIN_PEOPLE = re.compile(
    r"\b((?:(?:muscle and bone|low back|non-malignant|subacute|long-term|short-term)"
    r"(?: or | and | |, ))*(?:subacute|long-term|short-term|non-malignant|low back) pain) "
    r"people\b")
_TESTING_OF = re.compile(
    r"^(?P<lead>(?:After|Before) the transplant,? )?(?P<kind>(?:[A-Z][\w/-]*|[a-z][\w/-]*)"
    r"(?: [A-Z]\w*)? )?[Tt]esting of (?P<who>(?:transplant )?(?:recipients|candidates|donors"
    r"|living donors))(?P<rest>(?: [^.;:]{0,120}?)?) should be (?:done|performed|conducted)"
    r"(?P<tail>(?= (?:when|if|unless|once)\b)[^\n]*|\.?)$")


def _testing_active(sentence: str) -> str:
    """"After the transplant hepatitis B testing of recipients should be done." ->
    "Recipients should get hepatitis B testing after the transplant.": who is tested is the
    subject, the sentence is active, and the time follows the test, so that the sentence can
    be said to that reader ("If you are a recipient, you should get …")."""
    m = _TESTING_OF.match(sentence)
    if not m:
        return sentence
    who = m.group("who")
    kind = m.group("kind") or ""
    if kind and kind[:1].isupper() and not m.group("lead") and not kind[1:2].isupper():
        kind = kind[:1].lower() + kind[1:]  # "Testing" began the sentence, a name did not
    lead = m.group("lead")
    tested = f"{kind}testing" if kind else "tested"
    when = f" {lead.strip(' ,').lower()}" if lead else ""
    said = f"{who} should get {tested}{when}{m.group('rest')}{m.group('tail') or '.'}"
    return said[:1].upper() + said[1:]


_OF_IN = re.compile(r"\bof in (?=(?:[a-z-]+ ){0,3}(?:people|patients|persons|adults|children"
                    r"|women|men|workers|those)\b)")


@lru_cache(maxsize=8192)
def tidy(text: str) -> str:
    text = compiled(r"\\([*_\[\]()#])").sub(r"\1", text)
    text = text.replace("**", "").replace("*", "")
    text = compiled(r"\s*\((?:i\.e\.,?|ie,)\s*").sub(" (that is, ", text)
    text = compiled(r"\(\s*\)").sub("", text)
    text = compiled(r"\betc\.?").sub("and so on", text)
    text = compiled(r"\bSt\. (?=[A-Z][a-z])").sub("St ", text)  # "St. John's wort" ends no sentence
    text = compiled(r"\band\s*/\s*or\b|\band or\b").sub("or", text)
    text = _OF_IN.sub("in ", text)  # "overdose of in people": a slip of the source
    text = compiled(r"\s+([,.;:!?])(?=\s|$)").sub(r"\1", text)
    return " ".join(text.split())


def _close_brackets(text: str) -> str:
    """A bracket the guideline never closed ("… throughout the process (For the treatment
    of chronic pain, … over opioids.") is closed where its sentence ends: otherwise every
    later sentence would read as inside it."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            opened.pop()
    for start in reversed(opened):
        end = re.compile(r"[.!?](?=\s+[A-Z(]|\s*$)").search(text, start)
        at = end.start() if end else len(text.rstrip())
        text = text[:at].rstrip(" ,;:") + ")" + text[at:]
    return text


_ASIDE = re.compile(r"\s*\((?P<body>[^()]{25,})\)|\s*\u2014(?P<dash>[^\u2014]{12,})\u2014")


_SETTING = re.compile(r"^(?P<examples>For example: (?!(?:in|at) )[^()]+?),\s+(?:and\s+)?"
                      r"(?P<where>(?:in|at) (?:[\w-]+ ){0,5}(?:settings?|clinics?|hospitals?"
                      r"|practices?|offices?|communities|homes?))$")


@overload
def _move_asides(sentence: str) -> tuple[str, list[str]]: ...


@overload
def _move_asides(sentence: str, with_anchors: Literal[True]) -> tuple[str, list[str], list[str]]:
    ...


def _move_asides(sentence: str, with_anchors: bool = False
                 ) -> tuple[str, list[str]] | tuple[str, list[str], list[str]]:
    """Long parentheses interrupt the sentence: say them after it, as sentences of their own.
    ("... donors (e.g., next of kin, friend) should be told" -> "... donors should be told.
    For example: next of kin, friend.")"""
    asides: list[str] = []
    anchors: list[str] = []

    def repl(m: re.Match[str]) -> str:
        body = (m.group("body") or m.group("dash")).strip()
        if len(words(body)) < 6:
            return m.group(0)
        body = compiled(r"^(?:e\.g\.|for example|such as),?\s*").sub("For example: ", body)
        body = compiled(r"^that is,\s*").sub("That is: ", body)
        if compiled(
                r"(?:this|these|it|they) (?:group |groups )?(?:includes?|are|is)\b").match(body):
            body = body[:1].upper() + body[1:]  # "(this group includes veterans …)"
        if not (body.startswith(("For example: ", "That is: "))
                or (is_clause(body) and body[:1].isupper())):
            return m.group(0)  # a phrase alone would be a fragment: it stays in place
        setting = _SETTING.match(body)
        if setting:
            # "(e.g., men >35 years, women >45 years, in ambulatory and inpatient settings)":
            # the last part says where the advice applies; it is no example of the group.
            body = setting.group("examples")
            asides.append(f"This applies {setting.group('where')}.")
            anchors.append("")
        asides.insert(len(asides) - (1 if setting else 0), body)
        before = compiled(r"[A-Za-z][\w'-]*").findall(m.string[: m.start()])[-2:]
        anchors.insert(len(anchors) - (1 if setting else 0),
                       " ".join(before) if len(before) == 2 else "")
        return ""

    moved = _ASIDE.sub(repl, sentence)
    return (moved, asides, anchors) if with_anchors else (moved, asides)


def _examples_in_place(sentence: str) -> str:
    """"(e.g., A, B)" said "(for example, A, B)" where it stands."""
    return compiled(r"\((?:e\.g\.|for example|such as),?\s*").sub("(for example, ", sentence)


def _series_list(sentence: str) -> list[str] | None:
    """"X is needed for all people born …; people with …; and people with …": a series of
    groups parted by semicolons, each after the first starting with the same word, said as a
    list under its lead ("X is needed for:"), so that no group is left as a fragment."""
    parts = split_parts(sentence.rstrip("."), r";\s+(?:and\s+|or\s+)?")
    if len(parts) < 3:
        return None
    heads = {p.split(" ", 1)[0].lower() for p in parts[1:]}
    if len(heads) != 1:
        return None
    head = heads.pop()
    first = compiled(rf"\b(?:all |any )?{re.escape(head)}\b", re.IGNORECASE).search(parts[0])
    if not first or first.start() == 0 or depth(parts[0][: first.start()]):
        return None
    lead = parts[0][: first.start()].rstrip(" ,:")
    if not MODAL.search(lead) and not compiled(r"\b(?:is|are)\b").search(lead):
        return None
    return [f"{lead}:", f"- {parts[0][first.start():]}", *(f"- {p}" for p in parts[1:])]


def _articles(text: str) -> str:
    """Fix "a"/"an" after words were replaced: "an higher risk" -> "a higher risk"."""
    text = compiled(r"\b([Aa])n (?=[b-df-hj-np-tv-z])").sub(r"\1 ", text)
    return compiled(r"\b([Aa]) (?=[aeio](?!ne\b))").sub(r"\1n ", text)


def _lead_last(sentence: str) -> str:
    """'In adults with X, do Y.' -> 'Do Y. This is for adults with X.': the group is then
    said as a condition, first (:func:`merge_condition`)."""
    absent = _IN_THE_ABSENCE.match(sentence)
    if absent:
        # "In the absence of other causes, experts suggest X in people with Y": a condition,
        # no group; it goes last, and the group leads as for any other advice.
        rest = _lead_last(absent.group("rest"))
        return f"{rest[:1].upper()}{rest[1:]} This applies in the absence of {absent.group('x')}."
    bare = _LEAD_NO_COMMA.match(sentence)
    if bare and "," not in sentence[: bare.end("who")]:
        # "In children with SCA screen annually …": the group ends at the first imperative;
        # "For patients with alcohol use disorder experts advise …": where the experts speak.
        tail = sentence[bare.start("who"):]
        agent = compiled(
                r"\s(?=experts (?:advise|suggest|recommend)\b)", re.IGNORECASE).search(tail)
        verb = agent or next((v for v in compiled(r"\s([a-z]+)\s").finditer(tail)
                              if v.group(1) in _IMPERATIVE_VERBS
                              and not compiled(r"\b(?:to|not|and|or)$").search(tail[: v.start()])
                              # "opioid use disorder", "use of": a noun, not an imperative
                              and not compiled(r"(?:disorders?|of)\b").match(tail[v.end():])), None)
        if verb and " with " in tail[: verb.start()] and "," not in tail[: verb.start()]:
            sentence = f"In {tail[: verb.start()]}, {tail[verb.start() + 1:]}"
    m = _LEAD.match(sentence)
    if m and _OTHER_MAIN.match(m.group("rest")) and depth(m.group("who")) == 0:
        # "In people with hip or knee osteoarthritis, there is not enough proof …" / "For
        # people with X, the addition of Y can improve …": the group is the reader, first.
        found = condition(m.group("who"))
        if found and found[1] == "you" and not m.group("rest").rstrip().endswith(":"):
            return f"If {found[0]}, {m.group('rest')}"
    if not m or not (compiled(r"[A-Z]|do not|don't|your|you\b").match(m.group("rest"))
                     or is_imperative(m.group("rest")) or _PASSIVE_ADVICE.match(m.group("rest"))):
        # The lead-in may hold a list; it then ends where "Experts ..." begins.
        m = _LEAD_EXPERTS.match(sentence)
        if not m:
            return _reason_last(sentence)
    rest = m.group("rest").rstrip(".")
    if rest.endswith(":"):
        # A lead-in keeps its list right after it: the group is said first, as a condition.
        found = condition(m.group("who"))
        if not found:
            return sentence
        rest = compiled(
                r"^(?:Experts|Your|There|The|A|An)\b").sub(lambda k: k.group(0).lower(), rest)
        return f"If {found[0]}, {rest}"
    return f"{rest[:1].upper()}{rest[1:]}. This is for {m.group('who')}."


_OTHER_MAIN = re.compile(r"(?:there (?:is|are) |the [a-z-]+ (?:of [^,]{3,120} )?(?:can|may|should"
                         r"|is|are)\b|[a-z-]+ (?:[a-z-]+ )?(?:can|may|should) (?:be|not|also)\b)")
# "In children with X, further evaluation is recommended to …": advice said of a thing.
_PASSIVE_ADVICE = re.compile(r"[a-z][\w -]{2,40}? (?:is|are) (?:advised|needed|recommended"
                             r"|suggested)\b")


CONDITION_LAST: ContextVar[bool] = ContextVar("CONDITION_LAST", default=False)
"""Pure process (agencies telling each other) puts its action first and the condition
after it: no reader has to decide whether it applies to them."""
_REASON = re.compile(
    r"^(?P<word>Although|Though|While|Because|Since|Given|Due to|Based on|In line with)\s+"
    r"(?P<why>.{3,300}?),"
    r"\s+(?P<rest>.{10,})$")
_REASON_LEAD = {"although": "This is even though", "though": "This is even though",
                "while": "This is even though", "because": "This is because",
                "since": "This is because", "given": "This is given",
                "due to": "This is due to", "based on": "This is based on",
                "in line with": "This is in line with"}


def _their_named(rest: str, why: str) -> str:
    """"While these treatments may …, the provider should be aware of their impact …": once
    the reason goes after, "their" would come before what it stands for, so it is named ("the
    impact of these treatments")."""
    these = compiled(r"these (?P<what>[a-z]+s)\b").match(why)
    if not these:
        return rest
    return compiled(r"\btheir (?P<noun>[a-z]+)\b(?! own\b)").sub(
                  lambda t: f"the {t.group('noun')} of these {these.group('what')}", rest, count=1)


# "According to the LMBP methods, based on the moderate evidence of effectiveness the ratio is
# recommended …": how the evidence was judged, fronted before the advice.
_METHOD_FRAME = re.compile(
    r"^(?P<how>(?:According to|By|Using|Following) (?:the )?[^,\n]{2,60}?\bmethods?),\s+"
    r"based on (?P<why>(?:the )?(?:[\w-]+ ){0,3}(?:evidence|proof|data|studies)"
    r"(?: of [\w-]+)?),?\s+(?P<rest>.{10,})$")


def _frame_last(sentence: str) -> str | None:
    """The advice first, then what it rests on and by which method: "The ratio is
    recommended …. This is based on the moderate evidence of effectiveness, judged by the LMBP
    methods." A reader meets what is advised before how it was judged."""
    m = _METHOD_FRAME.match(sentence)
    if not m or not is_clause(m.group("rest")):
        return None
    rest = m.group("rest").rstrip(".")
    how = compiled(r"^(?:According to|By|Using|Following)\s+").sub("", m.group("how"))
    return f"{rest[:1].upper()}{rest[1:]}. This is based on {m.group('why')}, judged by {how}."


def _reason_last(sentence: str) -> str:
    """'Although X, experts suggest Y.' -> 'Experts suggest Y. This is even though X.'; a
    condition ("If X, do Y.") stays first."""
    framed = _frame_last(sentence)
    if framed is not None:
        return framed
    m = _REASON.match(sentence)
    if m and is_clause(m.group("rest")) and not _SUBORDINATE.match(m.group("rest")):
        lead = _REASON_LEAD[m.group("word").lower()]
        rest = _their_named(m.group("rest"), m.group("why"))
        return f"{rest[:1].upper()}{rest[1:].rstrip('.')}. {lead} {m.group('why')}."
    # "If X, do Y." keeps its condition first: the reader learns at once whether it applies.
    if CONDITION_LAST.get() and not sentence.rstrip().endswith(":"):
        return _condition_last(sentence)
    if compiled(r"To [a-z]+ ").match(sentence) and not sentence.rstrip().endswith(":"):
        return _purpose_last(sentence)  # a lead-in keeps its list right after it
    return sentence


def _main_start(sentence: str) -> int | None:
    """Where the main clause starts after a leading clause: at the last comma before its
    verb that starts no list item ("if X is at risk for HIV, HBV, or HCV, the center …")."""
    verb = compiled(r"\b(?:should|must|may|can|will)\b").search(sentence)
    if not verb:
        return None
    cuts = [c for c in compiled(r",\s+").finditer(sentence[: verb.start()])
            if depth(sentence[: c.start()]) == 0
            and not compiled(r"(?:and|or|should|must|may|can|will)\b").match(sentence[c.end():])]
    return cuts[-1].end() if cuts else None


def _purpose_last(sentence: str) -> str:
    """"To find out if X, donors should be asked …" -> "Donors should be asked …. The aim is
    to find out if X.": the advice first, its purpose after."""
    start = _main_start(sentence)
    if start is None:
        return sentence
    why, rest = sentence[3: start].rstrip(", "), sentence[start:]
    if not is_clause(rest) or _SUBORDINATE.match(rest) or len(words(why)) < 3:
        return sentence
    return f"{rest[:1].upper()}{rest[1:].rstrip('.')}. The aim is to {why}."


def _condition_last(sentence: str) -> str:
    """"When X, the center should tell Y." -> "The center should tell Y. This applies when
    X." The main clause starts at the last comma before its verb that starts no list item,
    so "HIV, HBV, or HCV" inside the condition is never cut."""
    m = compiled(r"^(?P<word>When|If|Whenever|Once|Unless)\s").match(sentence)
    start = _main_start(sentence)
    if not m or start is None:
        return sentence
    why = sentence[m.end(): start].rstrip(", ")
    rest = sentence[start:]
    if not is_clause(rest) or _SUBORDINATE.match(rest) or len(words(why)) < 3:
        return sentence
    return (f"{rest[:1].upper()}{rest[1:].rstrip('.')}. "
            f"This applies {m.group('word').lower()} {why}.")


_SUBJECT_HEAD = re.compile(
    r"^(?:(?:All|Most|Some|The|These|Those) )?(?:[\w-]+ ){0,3}?(?P<head>people|persons|adults"
    r"|children|teens|women|men|workers|patients|veterans|personnel|recipients|donors"
    r"|candidates|members|staff|clinicians|doctors|nurses|trainees|students|parents"
    r"|caregivers|babies|infants)\b",
    re.IGNORECASE)


# "Direct renin inhibitors may carry …": a plural subject before its verb is "they" again.
_PLURAL_SUBJECT = re.compile(r"^(?:[\w-]+ ){0,3}?[\w-]+(?<![su]s)(?<!is)s (?:may|might|should|must"
                             r"|can|could|will|are|have|do)\b")


# "… for men or 0.5 oz of alcohol per day for women": the group closes one amount of a pair,
# and the other amount with its own group follows; split there, "This is for men or 0.5 oz …"
# is no sentence.
_PAIRED_AMOUNT = re.compile(r"^[^,;]{1,40}?\s+(?:or|and)\s+(?:about\s+|up to\s+|less than\s+"
                            r"|no more than\s+)?\d[^;]*?\s(?:for|in|among)\s+(?:all\s+)?"
                            r"(?:[a-z-]+\s+){0,3}(?:adults|children|women|men|people|persons"
                            r"|teens|babies|infants|adolescents)\b")


def _people_subject(sentence: str) -> bool:
    """The sentence's subject is a group of people ("Health workers lacking records …"):
    a second action cut from it is theirs, said "They", never "It"."""
    return bool(_SUBJECT_HEAD.match(sentence))


def _split(sentence: str, depth: int = 0, joints: bool = False) -> list[str]:
    """``joints``: the sentence carries no condition, exception or group said elsewhere, so
    a long one may also be cut where two clauses meet (:data:`_LONG_JOINTS`)."""
    n = len(words(sentence))
    if n <= 12 or depth > 6:
        return [sentence]
    for pattern, lead in _SPLITTERS:
        if (pattern, lead) in _LONG_JOINTS and (not joints or n <= 20
                                                or _LIMITS.search(sentence)):
            continue
        best = None
        for m in pattern.finditer(sentence):
            left, right = sentence[: m.start()], sentence[m.end():]
            if left.count("(") != left.count(")") or left.count("[") != left.count("]"):
                continue  # never split inside brackets
            if lead == "This includes " and len(words(right)) > 15:
                continue  # "X, including A, B and C, improve Y" leaves no sentence behind
            if not is_clause(left) or (lead in _BARE_LEADS and not is_clause(right)):
                continue  # each piece must stand as a sentence
            if lead in _BARE_LEADS and (_SUBORDINATE.match(right) or _NO_SUBJECT.match(right)):
                continue
            if compiled(
                    r"^[^,]{1,40},\s+(?:should|may|must|can|will|is|are|was|were)\b").match(right):
                continue  # "the birth mother, if available, should …": an aside, not a clause
            if lead.startswith("This applies") and _ASKS.search(left):
                continue  # "ask you if you have …": "if" means "whether" here
            if _DANGLING.search(left):
                continue  # "… an antidepressant and." is not a sentence
            if lead == "This is due to " and not (_ADVICE.match(left) or MODAL.search(left)
                                                  or _VERDICT.search(left)):
                continue  # "pain due to low back strain" names a cause, no reason for advice
            if lead == "This is for " and (MODAL.search(right) or ":" in right or not (
                    _ADVICE.match(left) or MODAL.search(left) or _AIM.match(left))):
                continue  # only advice ends with its group; elsewhere the verb may follow
            if lead == "This is for " and _PAIRED_AMOUNT.match(right):
                continue  # "1 oz per day for men or 0.5 oz … for women": each amount has its group
            if lead == "This is for " and m.group(0).strip(" ,") == "to" and (not compiled(
                    r"\b(?:giving|offering|prescribing|providing)\b").search(left) or compiled(
                    r"\b(?:for|as|when|if|to|before|after|during)\b").search(right)):
                # "to people" says whom only after giving something to them, and only when
                # nothing about the giving follows ("… to people with COPD for rescue").
                continue
            if lead == "The aim is to " and _TAKES_TO.search(left):
                continue  # "not enough proof to find out" is no purpose
            if lead == "The aim is to " and (compiled(
                    r"\b(?:do|does|is|are) not (?:need|needed|necessary)\b|^No\b"
                    r"|\bno (?!longer\b|later\b)|\bshown$").search(left) or (compiled(
                        r"(?:lose|relieve)\b").match(right) and compiled(
                        r"\b(?:not(?! enough)|never|avoid|against)\b").search(
                        left.replace("for or against", "")))):
                # "should not prescribe X to relieve pain", "do not need precautions to
                # prevent spread", "No changes are needed to prevent …": the aim limits the
                # "not"; split off, it reads as the aim of not doing it. "has been shown to
                # lower" says what was shown, no aim at all.
                continue
            if compiled(r"(?:If|When|Unless|Once)\b").match(left) and "," not in left:
                continue  # still inside the condition: its main clause comes later
            if compiled(r"(?:Even if|If|When)\b").match(left) and compiled(
                    r",\s+(?:you|your care team|your doctor|experts)\s+(?:should|must|may|can"
                    r"|will|need to)\b").search(right):
                continue  # "If you have A, or you are B, and you sustain C, you should …"
            if lead == "Then " and compiled(
                    r"(?:Note:\s*)?(?:If|When|Unless|Once|Before|After)\b").match(
                                            left):
                continue  # "If X, then Y": "then" starts the main clause, a split leaves "If X."
            if lead == "This " and compiled(r"^[^,]{0,80},\s+(?:is|are|was|were|has|have|should"
                                             r"|may|can|must|will)\b").search(right):
                continue  # "X, which may include Y, is advised": the verb comes after
            if _TRAILS_VERB.match(right):
                continue  # "… further check, which …": the main verb is still to come
            last = compiled(r",\s+").split(left)[-1]
            if (pattern, lead) in _LONG_JOINTS and (
                    not (is_clause(last) or compiled(r"(?:and|or) ").match(last))
                    or not (MODAL.search(left) or _ADVISED.search(left))
                    or (lead != "This leads to " and not is_clause(right))
                    or _NO_SUBJECT.match(right)):
                continue  # "A, B, and C should …" ends a list; only advice is cut
            # A group needs few words when it says what sets it apart ("adults without
            # symptoms"); "all asthma patients" said alone would be "an asthma person".
            group = lead == "This is for " and bool(compiled(
                r"\b(?:with|without|aged|age|older|younger|who)\b").search(right))
            if len(words(left)) >= (3 if group else 4) and len(words(right)) >= (2 if group
                                                                                  else 4):
                mid = abs(len(words(left)) - n / 2)
                if best is None or mid < best[0]:
                    best = (mid, m)
        if best is None:
            continue
        m = best[1]
        left = sentence[: m.start()].rstrip(" ,;:")
        right = sentence[m.end():].strip()
        stress = compiled(r",?\s+(?:particularly|especially|mainly)$").search(left)
        if stress and lead.startswith("This "):
            # "investigate X particularly in patients who …": the advice is for everyone,
            # most of all for them; "particularly." alone would end the sentence.
            left = left[: stress.start()]
            lead = compiled(r"^This (is|applies) ").sub(r"This \1 especially ", lead)
        if lead in ("This is for ", "This is especially for "):
            # "… in patients who experience X (…) using simple tests": how it is done belongs
            # to the advice, not to the group.
            how = next((u for u in _HOW.finditer(right) if _balanced(right[: u.start()])), None)
            if how:
                left = f"{left}, {how.group('how')} {right[how.end():].rstrip('.')}"
                right = right[: how.start()].rstrip(" ,")
            # "against X in people with COPD as a first-line single treatment": the role is
            # the thing's, not the group's.
            role = _AS_ROLE.search(right)
            if role and _balanced(right[: role.start()]):
                left = f"{left} {role.group('role')}"
                right = right[: role.start()].rstrip(" ,")
        left += "."
        if lead == "It " and (_people_subject(left) or (
                _PLURAL_SUBJECT.match(left) and compiled(r"\band\b").search(m.group(0)))):
            lead = "They "
        if lead == "Do this while " and compiled(r"^You (?:should|may|can|must)\b").match(left):
            # "You should continue exercising while having muscle treatments": the reader
            # does both; "Do this" alone is read as the care team's order.
            lead = "You should do this while "
        if lead == "The exception is if " and not is_clause(right) and len(words(right)) <= 6:
            # "unless multiple system organ failure": a short name, no clause, so no "if".
            lead = "The exception is "
        right = (lead + right) if lead else right[:1].upper() + right[1:]
        return _split(left, depth + 1, joints) + _split(right, depth + 1, joints)
    return [sentence]


_BOTH_HOLD = re.compile(
    r"^(?P<lead>This applies if you) (?P<v1>have|are|had|were|need|take|use) (?P<a>[^,;()]{10,}?)"
    r" and (?P<v2>have|are|had|were|need|take|use) (?P<b>[^;]{10,})\.$")
_BASE = {"are": "be", "were": "have been", "had": "have had"}
_WHO_GROUP = re.compile(
    r"^For (?P<group>(?:people|patients|adults|persons|individuals|veterans) with "
    r"[^,()]{3,80}?) who (?P<verb>have|are|had|were) (?P<who>[^;()]{10,}?),\s+"
    r"(?P<main>(?:your care team|experts|you) [^,;]{10,})\.$")


def _shorter(sentence: str) -> list[str]:
    """A long sentence that holds two conditions, or a group and a long "who" before the
    advice, said as two sentences, each condition still tied to the advice it limits.

    "This applies if you have A and have B" -> "… have A. You must also have B."; "For
    people with X who have A, B, or C, your care team may …" -> "If you have X, your care
    team may …. This applies if you have A, B, or C."
    """
    if len(words(sentence)) < 20:
        return [sentence]
    m = _BOTH_HOLD.match(sentence)
    if m and len(words(m.group("b"))) >= 4:
        v2 = _BASE.get(m.group("v2"), m.group("v2"))
        return [f"{m.group('lead')} {m.group('v1')} {m.group('a')}.",
                f"You must also {v2} {m.group('b')}."]
    g = _WHO_GROUP.match(sentence)
    found = condition(g.group("group")) if g and len(words(sentence)) >= 25 else None
    if g and found and found[1] == "you" and not compiled(r"\b(?:who|that|which)\b").search(
                                                          g.group("who")):
        return [f"If {found[0]}, {g.group('main')}.",
                f"This applies if you {g.group('verb')} {g.group('who')}."]
    return [sentence]


_AS_ROLE = re.compile(r"\s+(?P<role>as (?:a |an |the )?(?:first-line |second-line |initial "
                      r"|add-on |single |sole |only |main |first |preferred )+(?:[a-z-]+ )?"
                      r"(?:treatment|therapy|monotherapy|medicine|option|choice))\.?$")
_HOW = re.compile(r"(?:(?<=[)\]])|,)\s+(?P<how>using|by using)\s+")  # not "when using"


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


_ASKS = re.compile(r"\b(?:ask|asks|asking|check|checks|checking|assess|assessing|determine"
                   r"|determining|find out|finding out|inquire|know|see|decide|evaluate|tell|learn"
                   r"|discuss|talk about|think about|thinking about|consider|considering)"
                   r"(?:\s+(?:you|them|him|her|the \w+))?$", re.IGNORECASE)
_TRAILS_VERB = re.compile(r"^[^,.]{0,60},\s+(?:is|are)\s+(?:advised|recommended|needed"
                          r"|suggested)\b")
_REPEAT = re.compile(r"\b([A-Za-z]{3,}) \1\b")
_KEEP_REPEAT = frozenset({"that", "had"})


_REPEAT_PHRASE = re.compile(r"\b((?:[A-Za-z-]+ ){1,4}[A-Za-z-]+) \1\b", re.IGNORECASE)


# "Experts advise that blood pressure be measured with …" -> "Experts advise measuring blood
# pressure with …": active, what is done first. A group of people is left to the reader rules.
_ADVISE_BE = re.compile(
    r"\b(?P<verb>advise|suggest)(?P<neg> against)? that "
    r"(?P<np>(?!you\b|all\b|any\b)[a-z][a-z -]{2,60}?) be (?P<pp>[a-z]+ed)\b")
_DONE_AS = {"considered": "thinking about", "provided": "giving", "performed": "doing",
            "obtained": "getting", "offered": "offering", "prescribed": "giving"}


# A clinician's noun for an act said as the act, whole phrases only and only where the
# meaning is the same: "individualizing opioid tapering" is tapering fitted to the person.
_DOING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bindividualizing (?:the )?opioid tapering\b"),
     "tapering opioids in a way that fits you"),
    (re.compile(r"\badvise implementing (?=ways to\b)"), "advise putting in place "),
    (re.compile(r"\bengagement in (?=(?:[\w-]+ ){0,4}treatment\b)"), "taking part in "),
    # "engaging patients in shared decision making" said to the reader was "engaging you in
    # deciding together with your clinician": the reader is one of the two who decide.
    (re.compile(r"\badvise engaging (?:you|patients|people) in (?:shared decision[- ]making"
                r"|deciding together with your clinician)\b"),
     "advise that you and your clinician decide together"),
    (re.compile(r"\bengaging (?:you|patients|people) in (?:shared decision[- ]making"
                r"|deciding together with your clinician)\b"),
     "deciding together with your clinician"),
    # Acupuncture credentials written as dotted letters ("L.A.c. R.A.c, or Dipl. Ac."), whose
    # stops a reader (and the sentence splitter) takes for sentence ends: said in words.
    (re.compile(r"\bL\.A\.c\.,? R\.A\.c\.?,? or Dipl\. Ac\.(?= |$)"),
     "a license, registration or diploma in acupuncture."),
    # The USPSTF's "enough proof to bound the magnitude of harms of X as small to none": said
    # as what the harms of X are.
    (re.compile(r"\bto bound the magnitude of (?:the )?((?:overall )?harms of [^.;]{3,160}?) as "
                r"(small to none|at least moderate|moderate|small|large)\b"),
     r"that the \1 are \2"),
    # "withholding penicillin from children": said as what is not given, and to whom.
    (re.compile(r"\bwithholding ([^,.;()]{2,60}?) from\b"), r"not giving \1 to"),
]


def _advise_doing(m: re.Match[str]) -> str:
    np, pp = m.group("np"), m.group("pp")
    if m.string[m.end():].startswith(" by "):
        return m.group(0)  # "be provided by the rehab team": who does it stays said
    if compiled(r"\b(?:people|persons|patients|women|men|children|adults|teens|babies|you"
                 r"|donors|candidates|recipients|workers|veterans|those|anyone|should|must|may"
                 r"|can|will|not)\b").search(np):
        return m.group(0)
    doing = _DONE_AS.get(pp) or _ing(pp)
    if doing is None:
        return m.group(0)
    return f"{m.group('verb')}{m.group('neg') or ''} {doing} {np}"


@lru_cache(maxsize=512)
def _ing(participle: str) -> str | None:
    import lemminflect  # loaded only when first needed

    lemma = lemminflect.getLemma(participle, upos="VERB")
    forms = lemminflect.getInflection(lemma[0], "VBG") if lemma else ()
    return forms[0] if forms else None


def reader_lead(lead: str) -> str:
    """A lead-in naming a group ("In adults and children with sickle cell disease and a pain
    crisis") said as the reader's condition ("If you or your child has …"); unchanged when
    the words are not one group of people."""
    m = compiled(r"^(?:In|For|Among)\s+(?P<who>.+)$").match(lead)
    found = condition(m.group("who")) if m and depth(m.group("who")) == 0 else None
    return f"If {found[0]}" if found else lead


@lru_cache(maxsize=8192)
def dedupe(text: str) -> str:
    """"heart and blood vessel heart and blood vessel disease" (a spelt-out acronym next to
    its own long form) says the words once."""
    text = _REPEAT_PHRASE.sub(r"\1", text)
    # "management and care" both said "care"; "Treatment Interventions" both "treatment"
    text = compiled(r"\b(care|treatment|checking|testing) and \1\b").sub(r"\1", text)
    text = compiled(
            r"\b([A-Za-z]{4,}) (\1s)\b", re.IGNORECASE).sub(lambda m: f"{m.group(1)}s", text)
    return _REPEAT.sub(lambda m: m.group(0) if m.group(1).lower() in _KEEP_REPEAT
                       else m.group(1), text)


def _polish(text: str) -> str:
    """Small fixes after words were swapped: repeated words, "This are", sentence capitals."""
    text = dedupe(text)
    text = compiled(
            r'([.!?])(["\u201d])\.').sub(r"\1\2", text)  # 'Adolescents.".' -> 'Adolescents."'
    text = compiled(r"\bThis (are|were|have|include)\b").sub(r"These \1", text)
    # "HCP" is said "health workers"; one of them takes a verb for one: "If the health
    # worker has …", not "If the health workers has …".
    text = compiled(r"(?<!\band )\b((?:[Tt]he|[Aa]n?|[Ee]ach|[Ee]very)(?: [a-z-]+)?) health workers"
                  r"(?= (?:has|is|was|does)\b)").sub(r"\1 health worker", text)
    text = compiled(r"\b([Tt])hese care\b").sub(r"\1his care", text)  # "the following management"
    # "services for women include" said "care for women include": "care" is one thing.
    text = compiled(r"\b((?:[Hh]ealth )?care(?: (?:for|of) (?:[a-z]+ ){0,2}?[a-z]+)?) (include|are"
                  r"|have)\b(?! been)").sub(lambda m: f"{m.group(1)} "
                  + {"include": "includes", "are": "is", "have": "has"}[m.group(2)], text)
    text = compiled(r"(?<=[a-z0-9)][.!?] )([a-z])").sub(_capital, text)
    # "an ACEI" spelt out is "an angiotensin-converting enzyme inhibitors": no "a" for many.
    text = compiled(r"\b[Aa]n? (?=(?:[\w-]+ ){1,3}(?:inhibitors|blockers|antagonists|diuretics)"
                  r"\b(?! (?:trial|study|group)))").sub("", text)
    return _articles(text)


def _capital(m: re.Match[str]) -> str:
    """A sentence starts with a capital, but "vs. benefit" is still one sentence."""
    before = m.string[: m.start()].rstrip(" .!?").rsplit(None, 1)[-1:]
    if before and before[0].lower() in ("vs", "e.g", "i.e", "approx", "etc", "no", "fig"):
        return m.group(1)
    return m.group(1).upper()


def finish(parts: list[str]) -> str:
    """Join sentences; parts starting with "- " are list items and go on their own lines."""
    out: list[str] = []
    after_item = False
    for p in parts:
        item = p.startswith("- ")
        p, *subs = p.split("\n  - ")  # a heading's own items stay under it
        p = _polish(" ".join(p.removeprefix("- ").split()).strip(" ,;"))
        if not words(p):
            continue
        if item:
            out.append(f"\n- {p}" + "".join(f"\n  - {_polish(' '.join(q.split()))}"
                                             for q in subs if words(q)))
        else:
            p = p[:1].upper() + p[1:]
            if p.rstrip("\"\u201d")[-1:] not in (".", "!", "?", ":"):
                p += "."  # but '… listed as "maximum."' has its full stop already
            out.append(("\n" if after_item else " ") + p)
        after_item = item
    return "".join(out).strip()
