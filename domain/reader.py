"""Speak to the reader: advice to clinicians becomes what the patient can expect or ask.

Guidelines are written to clinicians ("Clinicians should …", "Initiate …", "the patient");
a patient version talks to the patient. These rules work on one plain sentence at a time,
after jargon was swapped: the care team becomes the subject ("Your care team should start
…"), "the patient" becomes "you", and "patients" become "people". Statements of pure
process (records, staff training, sample storage, agencies telling each other) are
recognised so that the page can put them, in full, in one short section of their own;
anything a patient meets stays with the advice.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from domain.numbers import strip_references
from domain.patterns import compiled

__all__ = ["AUDIENCE", "address", "audience", "is_imperative", "is_process", "meets_care",
           "patient_to_you"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CARERS = (
    r"(?i:(?:primary care |regular health care |health care |health-care )?(?:clinicians?"
    r"|physicians?|doctors?"
    r"|providers?|health workers?|practitioners?|nurses?|prescribers?|your doctor or nurse"
    r"|the treating (?:doctor|physician|clinician)|the care team))"
)
_MODAL = r"(?:should|must|may|can|could|need to|will)"

AUDIENCE: ContextVar[frozenset[str]] = ContextVar("AUDIENCE", default=frozenset())
"""Who every reader of this guideline is ("woman", "adult", "health worker"): said once in
"Who it is for", so a statement need not say it again, and never turned into "your care
team" when the readers are the health workers themselves."""

# Verbs a clinician-directed imperative starts with (after lay words were swapped in).
_ACTIONS = _words("""
    assess evaluate initiate start administer give use obtain consider offer provide prescribe
    treat monitor reassess re-assess re-administer calculate perform screen test refer maintain
    continue discontinue stop avoid base select educate counsel encourage ask inform measure
    check order titrate taper transfuse manage follow establish determine identify ensure
    discuss involve weigh repeat implement apply keep think find get do make look add limit
    seek tell teach talk review record watch explain help let inquire confirm arrange plan
    schedule recommend advise include evaluate incorporate replace switch increase decrease
    lower raise reduce adjust change hold withhold delay delete restrict examine investigate
    rule screen vaccinate immunize retest re-test document notify report assist support allow
    assure remind urge instruct re-screen rescreen re-evaluate reevaluate re-check
    approach choose observe elicit conduct recognize engage collaborate direct gather consult
    believe inspect optimize palpate convey emphasize reinforce complete
""")
_ADVERB = (r"(?:(?:rapidly|quickly|promptly|routinely|always|also|then|first|carefully"
           r"|slowly|regularly|closely|right away),?\s+)?")
_IMPERATIVE = re.compile(rf"^(?P<adv>{_ADVERB})(?P<verb>[A-Za-z][a-z-]+)\b(?P<rest>.*)$",
                         re.DOTALL | re.IGNORECASE)
_DO_NOT = re.compile(rf"^(?:Do not|Don't|Never)\s+(?P<adv>{_ADVERB})(?P<rest>.+)$",
                     re.DOTALL | re.IGNORECASE)

_LEADING_CONDITION = re.compile(
    r"^(?P<cond>(?:If|When|Whenever|Once|Unless|After|Before|As soon as|During|As (?:a )?part of"
    r"|At the time of|At each|At every)\b(?:[^,()]|\([^()]*\)){3,200}?,\s+)"
    r"(?P<rest>[A-Za-z].+)$", re.DOTALL)
_YOU_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "means": "mean"}
_S_VERBS = _words("""
    report need want take use get continue develop experience require receive meet show
    decline refuse prefer agree respond tolerate understand live choose remain return present
    become feel start stop smoke drink plan seek ask wish expect undergo qualify
""")


def _you_agreement(text: str) -> str:
    def verb(m: re.Match[str]) -> str:
        word = m.group(2)
        low = word.lower()
        if compiled(r"\b(?:to|for|of|with|by|from|about|on|at|than|like|in)\s+$").search(
                     m.string[: m.start()]):
            return m.group(0)  # "the benefit to you depends on …": "you" is no subject

        if low in _YOU_VERBS:
            return f"{m.group(1)}{_YOU_VERBS[low]}"
        for stem in (low[:-1], low[:-2]):
            if low.endswith("s") and stem in _S_VERBS:
                return f"{m.group(1)}{stem}"
        base = _base_of(low, after_if=bool(compiled(
            r"\b(?:if|when|unless|once|until|whenever)\s+$").search(m.string[: m.start()])))
        return f"{m.group(1)}{base}" if base else m.group(0)

    text = compiled(
            r"\b((?:[Yy]ou|you (?:also|still|already|now|only)) )([a-z]+)\b").sub(verb, text)
    # "you wish to die, means to kill him/herself, and understands …": the verbs joined to
    # the first are said of "you" too, and so is the "-self" that follows them.
    for _ in range(3):  # each verb joined on is found from the one before it
        text, n = _JOINED_VERB.subn(_joined_said_of_you, text)
        if not n:
            break
    return compiled(r"(\byou (?:[a-z-]+,? ){1,7}?)(?:themselves|him/herself|himself or herself"
                    r"|herself or himself)\b").sub(r"\1yourself", text)


_JOINED_VERB = re.compile(r"(\byou [a-z]+ [^.;:()]{0,90}?, (?:and |or )?)(means|understands"
                          r"|wishes|intends|plans|knows|is|has)\b(?= [a-z])")


def _joined_said_of_you(m: re.Match[str]) -> str:
    word = m.group(2)
    base = _YOU_VERBS.get(word) or word.removesuffix("es" if word == "wishes" else "s")
    return m.group(1) + base


def _base_of(word: str, after_if: bool = False) -> str | None:
    """"achieves" -> "achieve": a verb said of one person, said of "you"; None when the
    word is not such a verb form (or can be a noun: "you reports" is left alone, but "if you
    consents" can only be the verb)."""
    if not word.endswith("s") or len(word) < 4:
        return None
    import lemminflect

    readings = lemminflect.getAllLemmas(word)
    verbs = readings.get("VERB", ())
    if not verbs or ("NOUN" in readings and not after_if) or verbs[0] == word:
        return None
    forms = lemminflect.getAllInflections(verbs[0], upos="VERB")
    return verbs[0] if word in forms.get("VBZ", ()) else None


_CARE_OF_PATIENTS = re.compile(
    r"\b((?:monitor|check|assess|reassess|evaluat|follow|see|treat|screen|test|examin|watch"
    r"|engag|educat)"
    r"(?:e|es|s|ing)?) (?:patients|people)\b"
    r"(?! (?:with|who|aged|of|from|for|and|or|at (?:\w+ )?risk)\b)(?!')")


_MODALS = frozenset({"should", "must", "may", "can", "will", "could", "would", "might"})


def _said_of_you(verb: str) -> str | None:
    """"reports" -> "report", "is" -> "are", "should" -> "should": the verb after a bare
    "Patient" said of "you"; None when the word is no verb."""
    if verb in _YOU_VERBS:
        return _YOU_VERBS[verb]
    if verb in _MODALS:
        return verb
    if not verb.endswith("s") or verb.endswith("ss") or len(verb) < 4:
        return None
    import lemminflect

    lemmas = lemminflect.getAllLemmas(verb).get("VERB", ())
    return lemmas[0] if lemmas and lemmas[0] != verb else None


def _bare_patient(text: str) -> str:
    """The patient or person without an article ("Person reports suicidal thoughts …", "If patient
    contact cannot be established", "For patient at low risk") is the reader: said to
    "you", never "Person reports …" beside "you" in the same block."""
    # "the patient" is "you" by now: "You and family education should be done …".
    text = compiled(
            r"\b(?P<first>[Pp]atient|[Yy]ou) and (?:the )?family (?:education|teaching)\b").sub(
                  lambda m: ("T" if m.group("first")[0] in "PY" else "t") + "eaching for you "
                  "and your family", text)
    text = compiled(r"(?<![Tt]he )\b([Pp])atient and (?:the )?family\b(?= (?:or [\w ]{3,30}? )?"
                  r"(?:should|must|may|can|will|are|need|learn|receive)\b)").sub(
                  lambda m: ("Y" if m.group(1) == "P" else "y") + "ou and your family", text)
    text = compiled(r"(?<![Tt]he )\b([Pp])atient contact\b").sub(
                  lambda m: ("C" if m.group(1) == "P" else "c") + "ontact with you", text)
    text = compiled(r"(?<![Tt]he )\b([Pp])atient (?=(?:care|privacy|safety)\b)").sub(
                  lambda m: "Your " if m.group(1) == "P" else "your ", text)
    text = compiled(r"\b[Pp]atient and (?:the )?family member questions\b").sub(
                  "questions from you and your family", text)
    text = compiled(r"\b((?i:when|if|while|until|once|after|before)) (?:patient|person) "
                  r"(?=(?:is|has|was)\b)").sub(r"\1 you ", text)
    # "hospitals where patient reported receiving transfusions": the reader did.
    text = compiled(r"\b(where|whom|that) (?:patient|person) (?=(?:reported|received|was|had|has"
                    r"|is|said|stated)\b)").sub(r"\1 you ", text)
    # "patient completed functional evaluation": filled in by the reader themselves.
    text = compiled(r"(?<![Tt]he )\b[Pp]atient[- ](?=completed\b)").sub("self-", text)
    # "Patient for whom the risk remains UNDETERMINED (…) should be evaluated by …"
    text = compiled(r"^(?:Patient|Person) for whom the (?P<noun>[a-z]+) (?P<cond>[^,;]{3,200}?) "
                  r"(?P<modal>should|must) ").sub(
                      r"If your \g<noun> \g<cond>, you \g<modal> ", text)
    text = compiled(r"\b([Ff])or patient at\b").sub(
                  lambda m: ("I" if m.group(1) == "F" else "i") + "f you are at", text)

    def subject(m: re.Match[str]) -> str:
        verb = _said_of_you(m.group("verb"))
        return f"{m.group('lead')}You {verb}" if verb else m.group(0)

    text = compiled(
            r"(?m)(?P<lead>(?:^|(?<=[.;!?] ))\s*(?:[-*+]\s+|\d+[.)]\s+)?)(?:Patient|Person) "
                  r"(?P<verb>[a-z]+)\b(?!-)").sub(subject, text)
    # "You score very high … and is found …": the second verb is said of "you" too.
    text = compiled(r"(?m)(?P<head>(?:^|(?<=[.;!?] ))\s*(?:[-*+]\s+)?You [a-z]+\b[^.;\n]*? and )"
                  r"(?P<verb>is|has)\b").sub(
                      lambda m: m.group("head") + _YOU_VERBS[m.group("verb")],
                  text)
    text = _case_of_you(text)
    # A list item that names the reader: "Patient with history of suicide attempt".
    item = r"(?m)^(?P<lead>\s*(?:[-*+]\s+)?)(?:Patient|Person) "
    text = re.sub(item + r"with (?:a )?(?=history\b)", r"\g<lead>You have a ", text)
    text = re.sub(item + r"with\b", r"\g<lead>You have", text)
    return re.sub(item + r"for whom (?P<rest>(?:(?!\b(?:should|must)\b)[^.\n])+)$",
                  r"\g<lead>You are someone for whom \g<rest>", text)


_CASE_ITEM = re.compile(
    r"(?m)^(?P<lead>\s*(?:[-*+]\s+)?)(?P<role>Woman|Man|Mother|Father|Parent|Veteran|Soldier"
    r"|Service member|Caregiver) (?P<verb>[a-z]+)\b(?P<next> [a-z]+)?")


def _case_of_you(text: str) -> str:
    """A case in a list of the reader's cases, named by a role without an article ("Woman
    reports suicidal thoughts …", "Service member referred to …"), is said of the reader:
    "You are a woman who reports …", "You are a Service member referred to …"."""
    import lemminflect

    def said(m: re.Match[str]) -> str:
        verb, role = m.group("verb"), m.group("role")
        after = (m.group("next") or "").strip()
        if after and lemminflect.getAllLemmas(after).get("VERB", ("",))[0] == after:
            return m.group(0)  # "Veteran services offer …": the first word names a thing
        noun = role if role[1:].islower() and " " in role else role.lower()
        article = "an" if noun[:1].lower() in "aeiou" else "a"
        rest = verb + (m.group("next") or "")
        if _said_of_you(verb) and verb.endswith("s"):
            return f"{m.group('lead')}You are {article} {noun} who {rest}"
        if verb.endswith("ed") and "VERB" in lemminflect.getAllLemmas(verb) and after in (
                "to", "by", "with", "for", "from", "after", "in", "at", "on"):
            return f"{m.group('lead')}You are {article} {noun} {rest}"
        return m.group(0)

    return _CASE_ITEM.sub(said, text)


# "advising overweight or obese hypertensive patients to reduce their body mass index": the
# reader is told, when the description fits.
_ADVISING_SOME = re.compile(
    r"\b(?P<verb>advising|telling|counseling|counselling|encouraging|urging) (?P<who>(?:(?!"
    r"(?:all|the|these|those|some|many|most)\b)[a-z-]+ ){1,4}?)(?:patients|people)"
    r"(?: with (?P<with>[a-z -]{3,40}?))? to (?P<act>[a-z]+) their (?P<what>[^,.;:]{3,80})")


def _advising_you(m: re.Match[str]) -> str:
    who = compiled(r"^(\w+ or \w+) (\w+(?:ive|ic|al))$").sub(r"\1 and \2", m.group("who").strip())
    if m.group("with"):
        who += f" and have {m.group('with')}"
    return f"{m.group('verb')} you to {m.group('act')} your {m.group('what')} if you are {who}"


@lru_cache(maxsize=8192)
def patient_to_you(text: str) -> str:
    """"The patient" becomes "you", "patients" become "people", with verbs to match.
    Cached: a sentence is addressed again each time the page is planned and checked."""
    if _TWO_PEOPLE.search(text):
        # "both the person being bitten and the person who bit": two people, neither the
        # reader; each stays "the person".
        held = _TWO_PEOPLE.sub(lambda m: compiled(r"\bthe (?:patient|person|individual)\b").sub(
                                                "\uf8f0", m.group(0)), text)
        return _patient_to_you(held).replace("\uf8f0", "the person")
    return _patient_to_you(text)


_TWO_PEOPLE = re.compile(r"\bboth the (?:patient|person|individual) [^.;]{3,80}? and "
                         r"the (?:patient|person|individual)\b")


# "as alternative therapies for patients who cannot tolerate …": the reader is one of them.
_AS_TREATMENT_FOR = re.compile(r"\b(as (?:[a-z-]+ )?(?:therapy|therapies|treatments?|options?)) "
                               r"for (?:patients|people) who\b")


def _treatments_for_you(text: str) -> str:
    """"as alternative therapies for patients who cannot …, as supplementary therapies for
    patients who do not reach their goals, or for those starting on …": each case said to the
    reader ("if you cannot …"), as the page's other advice is."""
    text, n = _AS_TREATMENT_FOR.subn(r"\1 if you", text)
    if not n:
        return text
    text = compiled(r"\b(if you (?:[a-z-]+ ){1,6}?)their\b").sub(r"\1your", text)
    return compiled(r"\b(,? or) for those (?=[a-z]+ing\b)").sub(r"\1 if you are ", text)


# Anyone else a "their" could stand for, between the patient and it.
_OTHER_PEOPLE = re.compile(
    r"\b(?:people|patients|persons|individuals|famil(?:y|ies)|members|providers|clinicians"
    r"|staff|workers|they|them|children|parents|caregivers|carers|veterans|others|partners"
    r"|women|men|donors|recipients|teams?|physicians|doctors|nurses|friends|peers)\b",
    re.IGNORECASE)
_THE_PATIENT = re.compile(r"\b[Tt]he (?:patient|person|individual)\b(?![-'])")


def _their_is_the_patients(text: str) -> str:
    """"educated about conditions associated with their suicidal crisis", "from the person and
    their home": with the patient the only one the sentence names, "their" is the patient's,
    and becomes "your" with the patient ("you and your home", never "you and their home")."""
    out, start = [], 0
    for sentence in re.finditer(r"[^.;]+[.;]?", text):
        part = sentence.group(0)
        first = _THE_PATIENT.search(part)
        if first is None or "their" not in part[first.end():]:
            continue
        pieces, mark = [], first.end()
        for their in re.finditer(r"\btheir\b", part[first.end():]):
            at = first.end() + their.start()
            last = max((m.end() for m in _THE_PATIENT.finditer(part, 0, at)), default=first.end())
            if _OTHER_PEOPLE.search(part, last, at):
                continue
            pieces.append(part[mark:at] + "your")
            mark = at + len("their")
        if pieces:
            out.append(text[start:sentence.start()] + part[:first.end()] + "".join(pieces)
                       + part[mark:])
            start = sentence.end()
    return "".join(out) + text[start:]


# "The Medical Director … Alternatively, he/she should be board certified …": a staff
# member's qualifications; "he or she" there is that member, never the reader.
_STAFF_QUALIFIED = re.compile(
    r"\b(?:he or she|he/she|s/he) (?:should|must) (?:also )?(?:ideally )?(?:be (?:board[- ]"
    r"certified|trained|credentialed|licensed|certified)|have (?:at least )?(?:\w+ )?years? of "
    r"experience|have completed)\b", re.IGNORECASE)


def _communication_with_you(m: re.Match[str]) -> str:
    said = "better communication" if m.group("better") else "communication"
    first = (m.group("better") or m.group("p"))[0]
    return f"{said[:1].upper() if first.isupper() else said[0]}{said[1:]} with your clinician"


def _patient_to_you(text: str) -> str:
    if _STAFF_QUALIFIED.search(text):
        text = compiled(r"\b(?:he or she|he/she|s/he)\b").sub("this person", text)
        text = compiled(r"\b(?:his or her|his/her)\b").sub("their", text)
    text = _treatments_for_you(text)
    text = _their_is_the_patients(text)
    # "The patient must understand that … is contingent on their cooperation": the patient's
    # own, said "your", never a "their" with no one to stand for.
    text = compiled(r"\b((?:The|A) patient (?:must|should|needs to) (?:understand|know|agree"
                  r"|accept) that [^.]*?)\btheir\b").sub(r"\1your", text)
    third = bool(compiled(
            r"(?:The|A|An|Each|Any|All) (?!patient|person|individual)[a-z]").match(text)
                 and not compiled(r"\byou(?:r)?\b", re.IGNORECASE).search(text)
                 and compiled(r"\bthe (?:patient|person|individual)\b").search(text)
                 and compiled(r"(?:The|A|An|Each|Any|All) (?:[\w'-]+ ){0,3}(?:candidate|donor"
                              r"|recipient|worker|woman|man|member|veteran|mother|partner"
                              r"|parent|caregiver|child)s?\b[\w,' -]{0,60}? (?:should|must|may"
                              r"|will|can|is|are|has|have)\b").match(text)
                 # "The health worker should make sure the patient understands": a carer is
                 # no third person the sentence speaks of; the patient is the reader.
                 and not compiled(r"(?:The|A|An|Each|Any|All) (?:[\w'-]+ ){0,2}(?:health|"
                                  r"healthcare|care|social) workers?\b").match(text))
    if not compiled(
            r"\b(?:you|your|the (?:patient|person|individual))\b", re.IGNORECASE).search(text):
        # "A living donor … should be told of his or her status": no reader is addressed, so
        # the person stays third person ("their"), never "your".
        text = compiled(r"\b([Hh])is or her\b|\b([Hh])is/her\b").sub(
                      lambda m: "Their" if (m.group(1) or m.group(2)).isupper() else "their", text)
    if compiled(r"\b[Tt]he patient\b(?!-)").search(text) or compiled(
            r"\byou(?:r)?\b").search(compiled(r"\b[Yy]our care team\b").sub("", text)):
        # "monitoring patients monthly until the patient achieves remission", "engaging
        # patients in deciding with your clinician": one person is meant throughout, so both
        # are "you" ("checking you … until you achieve …").
        text = _CARE_OF_PATIENTS.sub(lambda m: f"{m.group(1)} you", text)
    # "the reintegration of the patient to the unit" -> "your reintegration to the unit";
    # never across "and"/"or" ("the safety of the patient and the staff" stays as it is).
    text = compiled(r"\b([Tt])he ((?:[a-z-]+ )?[a-z-]+) of the (?:patient|person|individual)\b"
                  r"(?!'| and\b| or\b|-)").sub(lambda m: ("Your " if m.group(1) == "T" else "your ")
                  + m.group(2), text)
    text = compiled(r"\b[Tt]he (?:patient|person|individual)(?:'s|s')\b").sub(
                  lambda m: "Your" if m.group(0)[0] == "T" else "your", text)
    text = compiled(
            r"\b[Hh]is or her\b|\b[Hh]is/her\b|\b[Tt]heir own\b(?= (?:pain|care|risk))").sub(
                  lambda m: "Your" if m.group(0)[0].isupper() else "your", text)
    text = compiled(r"\b(?:he or she|he/she|s/he)\b").sub("you", text)
    text = compiled(r"\bthat person's\b").sub("your", text)
    text = compiled(r"\b(?:him or her|him/her|her or him|her/him)\b").sub("you", text)
    # "via the patient-controlled analgesia": a name, never "you-controlled" (and no "the
    # patient" left for a reader addressed as "you").
    text = compiled(r"\b[Tt]he (?=patient-controlled\b)").sub("", text)
    text = compiled(r"\b([Tt])he (?:patient|person|individual|client) and (?:the )?(?=(?:treating |"
                  r"primary |attending )?(?:physician|doctor|provider|clinician|surgeon)\b)").sub(
                  lambda m: ("You" if m.group(1) == "T" else "you") + " and your ", text)
    text = _ADVISING_SOME.sub(_advising_you, text)
    # "three drug classes together in the same patient": one person is the reader; together
    # already says it, and without it "at the same time" does.
    text = compiled(
            r"\btogether (?:in|for) the same (?:patient|person|individual)\b").sub("together",
                  text)
    text = compiled(
            r"\b(?:in|for) the same (?:patient|person|individual)\b").sub("at the same time",
                  text)
    # "progress toward the individual functional goals": the reader's own goals.
    text = compiled(r"\b([Tt])he individual (?=(?:[a-z]+ )?goals\b)").sub(
        lambda m: "Your " if m.group(1) == "T" else "your ", text)
    # "the individual needs", "the individual level": "individual" there is no person.
    text = compiled(r"\b[Tt]he (?:patient|person|client|individual(?! (?:[a-z]+al|goals?|needs"
                    r"|patients?|treatment|plans?|care|basis|level)\b))\b(?!-)").sub(
                  lambda m: "You" if m.group(0)[0] == "T" else "you", text)
    text = compiled(r"\b[Pp]atients'").sub(lambda m: "People's" if m.group(0)[0] == "P" else
                  "people's", text)
    text = compiled(
            r"\b[Pp]atients\b").sub(lambda m: "People" if m.group(0)[0] == "P" else "people",
                  text)
    # A family-planning service's "clients" are its patients: "people", "teens".
    text = compiled(r"\bteen clients\b").sub("teens", text)
    text = compiled(r"\b([Aa]) client\b").sub(r"\1 person", text)
    text = compiled(r"\b[Cc]lients\b").sub(lambda m: "People" if m.group(0)[0] == "C" else
                                             "people", text)
    text = compiled(r"\b[Aa] patient\b").sub(lambda m: m.group(0)[0] + " person", text)
    # "the source patient's status": a named person's, never "the source their status".
    text = compiled(r"\b((?:[Tt]he|[Aa]n?) (?!care\b)[a-z-]+ )patient's\b").sub(r"\1person's", text)
    text = compiled(r"\b[Pp]atient's\b").sub(lambda m: "Their" if m.group(0)[0] == "P" else "their",
                  text)
    # "discussion with patient of risks": the patient, without an article, is the reader.
    text = compiled(r"\bwith patient of\b").sub("with you about", text)
    text = compiled(r"\b(with|to|for) patient\b(?! [a-z]+ing\b)").sub(r"\1 you", text)
    text = _bare_patient(text)
    # "improved patient-clinician communication": yours with your clinician.
    text = compiled(r"\b(?P<better>[Ii]mproved )?(?P<p>[Pp])atient-(?:clinician|provider|physician"
                    r"|doctor) communication\b").sub(_communication_with_you, text)
    # "raised patient satisfaction", "patient knowledge of doses": the patient's own, so the
    # reader's ("your greater satisfaction", "your knowledge"), never "person satisfaction".
    text = compiled(r"\b(?:(?P<more>raised|increased|improved|higher|greater|better) )?"
                    r"(?P<p>[Pp])atient (?=(?:satisfaction|motivation|knowledge|preferences?"
                    r"|values|wishes|comfort|understanding|anxiety"
                    r"|(?:[a-z]+ )?history)\b)"
                    ).sub(
                        lambda m: ("your greater " if m.group("more") else
                                   "Your " if m.group("p") == "P" else "your "), text)
    # "Patient Health Questionnaire" is a name: only a lower-case word after it is a noun.
    # "patient-care responsibilities" are a health worker's care of patients: no "person-care".
    text = compiled(
            r"\b[Pp]atient(?=[- ])(?!-controlled)(?!-care\b)(?! [A-Z])").sub(lambda m: "Person"
                  if m.group(0)[0] == "P" else "person", text)
    # "that the patient being initiated on chronic transfusions has SCD": "that you have
    # SCD and are being started on …", never "you being started … has".
    text = compiled(r"\byou being (?P<x>[a-z][^.,;]{3,60}?) (?P<v>has|is) (?P<y>[^.;]+)").sub(
        lambda k: f"you {'have' if k.group('v') == 'has' else 'are'} {k.group('y')} and are "
                  f"being {k.group('x')}", text)
    text = _you_agreement(text)
    if third and "you" in text:
        # "The transplant candidate … should have opportunities … while the patient is on
        # the wait list": the sentence speaks of someone, so "the patient" is "they".
        text = compiled(r"\byou are\b").sub("they are", text)
        text = compiled(r"\byou were\b").sub("they were", text)
        text = compiled(r"\byour\b").sub("their", text)
        text = compiled(r"\byou\b").sub("they", text)
    return text


def address(sentence: str) -> str:
    """One sentence said to the reader: the care team as subject, "you" for the patient."""
    return _address(sentence, AUDIENCE.get())


def _care_team_should(m: re.Match[str]) -> str:
    """"that clinicians prescribing chronic transfusion therapy follow a protocol": the
    clinicians' "-ing" phrase says when, so it leads ("When giving regular blood
    transfusions, your care team should follow …"), never "should giving … follow"."""
    rest = m.group("rest")
    if compiled(r"[a-z]+ing\b").match(rest):
        for verb in compiled(r" ([a-z]+)\b").finditer(rest, 0, 90):
            if compiled(r"[,.;:]").search(rest, 0, verb.start()):
                break
            if verb.group(1) in _ACTIONS and len(rest[: verb.start()].split()) >= 2:
                return (f"When {rest[: verb.start()]}, your care team should "
                        f"{rest[verb.start() + 1:]}")
    return f"Your care team should {rest}"


@lru_cache(maxsize=8192)
def _address(sentence: str, readers: frozenset[str]) -> str:
    """Cached by sentence and audience: the page plan and the checks address a sentence
    again and again."""
    s = patient_to_you(sentence)
    s = compiled(rf"^Experts (?:advise|suggest|recommend)s? that {_CARERS} (?:should )?"
               rf"(?P<rest>[a-z].+)$").sub(_care_team_should, s)
    if "woman" in readers:
        # A page for women only: "making women aware of the risks" makes the reader aware.
        s = compiled(r"\b(mak(?:e|es|ing)) women aware\b").sub(r"\1 you aware", s)
    # Only a whole noun phrase becomes "your care team": never "A your care team" or
    # "Credentialed your care team".
    if "health worker" not in readers:
        s = compiled(rf"(?:^|(?<=[,;:] )|(?<=\bthat ))(?:(?:[Tt]he|[Aa]ll|[Yy]our) )?{_CARERS}"
                   rf" (?P<modal>{_MODAL})\b").sub(
                   lambda m: ("Your" if m.start() == 0 else "your")
                   + f" care team {m.group('modal')}", s)
    lead = _LEADING_CONDITION.match(s)
    if lead and not compiled(r"\byou(?:r)?\b", re.IGNORECASE).search(lead.group("cond")):
        rest = address(lead.group("rest"))
        if rest.startswith("Your care team"):
            rest = "y" + rest[1:]
        return f"{lead.group('cond')}{rest}"
    m = _DO_NOT.match(s)
    if m:
        adv = m.group("adv").lower().replace(",", "")
        return f"Your care team should not {adv}{m.group('rest')}"
    m = _IMPERATIVE.match(s)
    if m and is_imperative(s):
        verb = m.group("verb").lower()
        adv = m.group("adv").lower().replace(",", "")
        return f"Your care team should {adv}{verb}{m.group('rest')}"
    return s


def audience(target: str) -> frozenset[str]:
    """Who every reader is, from the guideline's target population: "woman" when it is for
    women only, "adult" when for adults only, "health worker" when for health workers."""
    low = target.lower()
    found = set()
    if compiled(r"\bwomen\b|\bwoman\b").search(low) and not compiled(
            r"\bmen\b|\bmales?\b|\bchildren"
                                                                r"|\bpeople\b|\bpersons\b").search(low):
        found.add("woman")
    if compiled(r"\badults?\b").search(low) and not compiled(r"\bchild|\bteen|\badolescen|\binfant"
                                                        r"|\bbab(?:y|ies)\b|\byouth").search(low):
        found.add("adult")
    if compiled(r"health[- ]care personnel|\bhcp\b|health[- ]care workers|\b(?:working|employed)"
                 r"\b[^.]{0,40}\bin health[- ]care settings").search(low):
        found.add("health worker")
    return frozenset(found)


_ADJECTIVE_FIRST = re.compile(r"^(?:direct|indirect|complete|moderate|separate|close|present"
                              r"|clear|open)\s+(?:evidence|proof|data|comparisons?|links?|costs?"
                              r"|contact|effects?)\b"
                              # "Direct acting vasodilators": a compound adjective, unhyphenated
                              r"|^\w+[ -](?:acting|lasting|releasing)\s+\w", re.IGNORECASE)


def is_imperative(sentence: str) -> bool:
    """True when the sentence tells a clinician what to do ("Rapidly start …")."""
    if _ADJECTIVE_FIRST.match(sentence):
        return False  # "Direct evidence from a large trial provides …": an adjective
    m = _IMPERATIVE.match(sentence)
    if not m or m.group("verb").lower() not in _ACTIONS or sentence.rstrip().endswith("?"):
        return False  # "Do you have an allergy to metal?" asks the reader; it tells no one
    rest = m.group("rest")
    if m.group("verb").lower() == "complete" and not compiled(
            r"\s+(?:the|a|an|your|this|these|all|any|each|their|it)\b").match(rest):
        return False  # "Complete blood count …": an adjective; "complete the series": an order
    if compiled(r"\s+(?:of|is|are|was|were|has|have|may|can|should|must)\b").match(rest):
        return False  # "Use of opioids is …": the first word is a noun
    if compiled(r",\s+[a-z]+(?:ment|tion|sion|ance|ence)\b").match(rest):
        return False  # "Support, reinforcement, and update of …": nouns in a row
    # "Repeat injection for treatment should be …": a verb follows, so the first word is not one;
    # but in "refer couples who are at risk" the verb belongs to a relative clause.
    # A modal does the same ("Direct renin inhibitors may carry a similar risk").
    follows = compiled(r"((?:\s+\S+){1,6})\s+(?:should|must|is|are|may|might|can|could)\b").match(
                       rest)
    return not follows or bool(compiled(r"\b(?:who|which|that|if|when|unless|because|as)\b").search(
                                         follows.group(1)))


# Pure process: how records are kept, staff trained, samples stored and agencies told. Only
# a statement whose main action is one of these goes to the care-system section.
_PROCESS = re.compile(
    r"\b(?:should|must|will)\s+(?:also\s+)?(?:be\s+)?document(?:ed)?\b|^Document\b"
    r"|\bkeep (?:accurate |complete )?records\b|\bin the (?:medical |health )?record\b"
    r"|\belectronic (?:health|medical) record"
    r"|\b(?:staff|personnel|employees?|team members?)\b[^.]{0,60}\b(?:train|educat)"
    r"|\b(?:train|educat)(?:e|es|ing)\b[^.]{0,40}\b(?:staff|personnel|providers|clinicians"
    r"|employees)\b|\btraining\b[^.]{0,20}\bto\b[^.]{0,20}\b(?:staff|personnel)\b"
    r"|\bquality improvement\b|\border sets?\b|\bbilling\b|\breimburse"
    r"|\b(?:should|must)\s+(?:also\s+)?(?:notify|report)\b[^.]{0,120}\b(?:OPTN|authorities"
    r"|health departments?|registry|network|centers?|OPOs?|institutions|organizations?)\b"
    r"|\b(?:notify|report to)\b[^.]{0,40}\b(?:public health|health department|authorities)\b"
    r"|\barchiv\w+|\bquarantin\w+|\bdispos(?:e|ed|al) of\b|\bsystem in place\b"
    r"|\b(?:collect\w*|stor\w+)\b[^.]{0,60}\b(?:specimens?|samples?)\b[^.]{0,80}\b(?:deceased"
    r"|donors?\b[^.]{0,20}(?:archiv|stor))"
    r"|\b(?:OPOs?|(?:organ )?procurement organi[sz]ations?)\s+should\b",
    re.IGNORECASE,
)
# Care a patient meets: any of these keeps a statement with the advice, whatever else it says.
# An informed decision is the reader's as consent is, even where what is asked is to write it
# down; an exposure (to blood, to an infection) happens to a person, and what follows it is
# their care, even where the guideline asks staff to be trained to report it.
_PATIENT_CARE = re.compile(
    r"informed consent|\bconsent\b|\binformed (?:decision|choice)|\bshared decision"
    r"|\bexposures?\b|\bcounsel|\btesting of (?:recipients|candidates)\b"
    r"|\brecipient testing\b|\bcandidate testing\b|\bnaloxone\b|\burine\b|\bprescrib"
    r"|\bvaccinat|\bdose\b|\bdoses\b|\btreat(?:ment|ed|ing)?\b"
    r"|\breturn(?:ed|ing)?[ -]to[ -](?:work|duty)|\bwork restrictions?\b|\bmodified (?:work|duty)\b"
    r"|\b(?:told|tell|inform(?:ed)?)\b[^.]{0,30}\b(?:patients?|candidates?|recipients?|donors?"
    r"|you|mother|partner|family)\b|\bof (?:the )?(?:donor's|recipient's|patient's) (?:infectious"
    r"|infection) status|\bsymptoms?\b|\bpain\b|\bnarcotic|\bopioid|\bmedic(?:ine|ation)"
    r"|\b(?<!Food and )drugs?\b(?! Administration)|\bjustif|\bmaximum\b|\bscreen\w*"
    r"|\binsufficient evidence\b"
    # blood taken from a living person the page speaks to
    r"|\b(?:for|from) (?:the )?(?:living (?:would-be )?donors?|(?:transplant )?candidates?"
    r"|recipients?|patients?)\b[^.]{0,80}\b(?:samples?|specimens?)\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def meets_care(text: str) -> bool:
    """True when a statement names care a patient meets (a test on them, a treatment, consent,
    being told, their own return to work): such a statement is never only the care system's."""
    return bool(_PATIENT_CARE.search(text))


@lru_cache(maxsize=8192)
def is_process(source: str) -> bool:
    """True only for pure process: documentation, staff training, sample storage, agencies
    telling each other. Anything a patient meets (tests, consent, medicines, being told)
    stays with the advice, so no care is hidden in a section the reader may skip. Words in
    brackets ("unless infection was documented pre-transplant") do not decide."""
    text = _PARENS.sub(" ", strip_references(source))
    return bool(_PROCESS.search(text)) and not meets_care(text)
