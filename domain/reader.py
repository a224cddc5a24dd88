"""Speak to the reader: advice to clinicians becomes what the patient can expect or ask.

Guidelines are written to clinicians ("Clinicians should …", "Initiate …", "the patient");
a patient version talks to the patient. These rules work on one plain sentence at a time,
after jargon was swapped: the care team becomes the subject ("Your care team should start
…"), "the patient" becomes "you", and "patients" become "people". Statements about how the
care team organises itself (protocols, records, staff training, prescribing logistics) are
recognised so that the page can put them in one short section of their own.
"""

from __future__ import annotations

import re

from domain.numbers import strip_references

__all__ = ["address", "is_imperative", "is_process", "patient_to_you"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CARERS = (
    r"(?i:(?:primary care |regular health care |health care |health-care )?(?:clinicians?"
    r"|physicians?|doctors?"
    r"|providers?|health workers?|practitioners?|nurses?|prescribers?|your doctor or nurse"
    r"|the treating (?:doctor|physician|clinician)|the care team))"
)
_MODAL = r"(?:should|must|may|can|could|need to|will)"

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
""")
_ADVERB = (r"(?:(?:rapidly|quickly|promptly|routinely|always|also|then|first|carefully"
           r"|slowly|regularly|closely|right away),?\s+)?")
_IMPERATIVE = re.compile(rf"^(?P<adv>{_ADVERB})(?P<verb>[A-Za-z][a-z-]+)\b(?P<rest>.*)$",
                         re.DOTALL | re.IGNORECASE)
_DO_NOT = re.compile(rf"^(?:Do not|Don't|Never)\s+(?P<adv>{_ADVERB})(?P<rest>.+)$",
                     re.DOTALL | re.IGNORECASE)

_YOU_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do"}
_S_VERBS = _words("""
    report need want take use get continue develop experience require receive meet show
    decline refuse prefer agree respond tolerate understand live choose remain return present
    become feel start stop smoke drink plan seek ask wish expect undergo qualify
""")


def _you_agreement(text: str) -> str:
    def verb(m: re.Match[str]) -> str:
        word = m.group(2)
        low = word.lower()
        if low in _YOU_VERBS:
            return f"{m.group(1)}{_YOU_VERBS[low]}"
        for stem in (low[:-1], low[:-2]):
            if low.endswith("s") and stem in _S_VERBS:
                return f"{m.group(1)}{stem}"
        return m.group(0)

    return re.sub(r"\b((?:[Yy]ou|you (?:also|still|already|now|only)) )([a-z]+)\b", verb, text)


def patient_to_you(text: str) -> str:
    """"The patient" becomes "you", "patients" become "people", with verbs to match."""
    text = re.sub(r"\b[Tt]he (?:patient|person|individual)(?:'s|s')\b",
                  lambda m: "Your" if m.group(0)[0] == "T" else "your", text)
    text = re.sub(r"\b[Hh]is or her\b|\b[Hh]is/her\b|\b[Tt]heir own\b(?= (?:pain|care|risk))",
                  lambda m: "Your" if m.group(0)[0].isupper() else "your", text)
    text = re.sub(r"\b(?:he or she|he/she|s/he)\b", "you", text)
    text = re.sub(r"\bthat person's\b", "your", text)
    text = re.sub(r"\b(?:him or her|him/her)\b", "you", text)
    text = re.sub(r"\b[Tt]he (?:patient|person|individual)\b",
                  lambda m: "You" if m.group(0)[0] == "T" else "you", text)
    text = re.sub(r"\b[Pp]atients'", lambda m: "People's" if m.group(0)[0] == "P" else
                  "people's", text)
    text = re.sub(r"\b[Pp]atients\b", lambda m: "People" if m.group(0)[0] == "P" else "people",
                  text)
    text = re.sub(r"\b[Aa] patient\b", lambda m: m.group(0)[0] + " person", text)
    text = re.sub(r"\b[Pp]atient's\b", lambda m: "Their" if m.group(0)[0] == "P" else "their",
                  text)
    text = re.sub(r"\b[Pp]atient(?=[- ])", lambda m: "Person" if m.group(0)[0] == "P" else
                  "person", text)
    return _you_agreement(text)


def address(sentence: str) -> str:
    """One sentence said to the reader: the care team as subject, "you" for the patient."""
    s = patient_to_you(sentence)
    s = re.sub(rf"^Experts (?:advise|suggest|recommend)s? that {_CARERS} (?:should )?"
               rf"(?P<rest>[a-z].+)$", lambda m: f"Your care team should {m.group('rest')}", s)
    s = re.sub(rf"\b(?:[Tt]he |[Aa]ll )?{_CARERS} (?P<modal>{_MODAL})\b",
               lambda m: ("Your" if m.start() == 0 else "your")
               + f" care team {m.group('modal')}", s)
    m = _DO_NOT.match(s)
    if m:
        return f"Your care team should not {m.group('adv').lower()}{m.group('rest')}"
    m = _IMPERATIVE.match(s)
    if m and is_imperative(s):
        verb = m.group("verb").lower()
        adv = m.group("adv").lower()
        return f"Your care team should {adv}{verb}{m.group('rest')}"
    return s


def is_imperative(sentence: str) -> bool:
    """True when the sentence tells a clinician what to do ("Rapidly start …")."""
    m = _IMPERATIVE.match(sentence)
    if not m or m.group("verb").lower() not in _ACTIONS:
        return False
    rest = m.group("rest")
    if re.match(r"\s+(?:of|is|are|was|were|has|have|may|can|should|must)\b", rest):
        return False  # "Use of opioids is …": the first word is a noun
    # "Repeat injection for treatment should be …": a verb follows, so the first word is not one
    return not re.match(r"(?:\s+\S+){1,6}\s+(?:should|must|is|are)\b", rest)


_PROCESS = re.compile(
    r"\bprotocols?\b|\bdocument(?:ed|ation|ing)?\b(?! (?:of )?(?:vaccination|immunity|infection"
    r"|history))|\bmedical records?\b|\b(?:staff|personnel|employees?|team members?)\b[^.]{0,60}"
    r"\b(?:train|educat)|\b(?:train|educat)\w*\b[^.]{0,40}\b(?:staff|personnel|providers|clinicians"
    r"|employees)\b|\bquality improvement\b|\belectronic (?:health|medical) record"
    r"|\bhealth (?:care )?(?:systems?|organizations?|facilities)\b[^.]{0,40}\b(?:should|must)\b"
    r"|\border sets?\b|\bpolic(?:y|ies)\b|\bprescription drug monitoring program|\binsurers?\b"
    r"|\bemployers?\b|\bauthorized treating\b|\bcredential|\bbilling\b|\breimburse"
    r"|\bpublic health (?:authorities|departments?)\b|\b(?:report|notify)\w*\b[^.]{0,40}\b"
    r"(?:health department|public health|authorities|registry)\b|\bprocurement organi[sz]ation"
    r"|\bOPOs?\b|\btransplant (?:centers?|programs?)\b[^.]{0,40}\b(?:should|must)\b"
    r"|\blaborator(?:y|ies)\b[^.]{0,40}\b(?:should|must)\b|\bstor(?:e|ed|age)\b[^.]{0,30}"
    r"\bspecimens?\b|\bspecimens?\b[^.]{0,30}\bstor",
    re.IGNORECASE,
)


def is_process(source: str) -> bool:
    """True for advice about how the care team organises itself, not about your care."""
    return bool(_PROCESS.search(strip_references(source)))
