"""Which way a statement advises, read from the recommended action.

"Against" is advice not to do something ("recommends against", "should not", "do not
offer", "avoid", "not recommended", "is not necessary"). Three things look like it and are
not: a negation inside a condition ("women who do not have symptoms", "unless …"), a negated
delay or stop ("initiation should not be delayed", "do not withhold", "without delay": the
action is still advised), and stopping as the advice itself ("discontinue X" is advice *to
stop*, which is for). "Insufficient" wins over everything: a statement that says the
evidence is insufficient or inconclusive makes no recommendation, whatever verbs follow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain.model import Direction

__all__ = ["statement_direction", "text_direction"]

# "insufficient evidence to recommend one tool over another": a choice between options is
# open, the action itself is still advised.
_OPEN_CHOICE = re.compile(
    r"\b(?:insufficient|not enough|no) evidence to (?:recommend|support|favou?r|prefer|choose"
    r"|select) (?:one|any|a specific|a particular|specific|particular)\b[^.;]*?"
    r"(?:\bover\b|\bversus\b|\bvs\.?|\brather than\b|\bbetween\b|\bamong\b)",
    re.IGNORECASE,
)
# "Despite insufficient evidence …, X is indicated", "X is recommended, although Y is not":
# a concession qualifies the advice and does not decide its direction.
# "X is rarely needed but may be necessary for …": the clause after "but" is the advice.
_BUT_ADVISES = re.compile(
    r"^[^.;]*?\bbut (?=(?:may|might|can|should|is|are) (?:also )?(?:be )?(?:necessary|needed"
    r"|indicated|considered|used|appropriate|required|helpful|useful)\b)",
    re.IGNORECASE,
)
_CONCESSION = re.compile(
    r"(?:^|(?<=[,;])\s*)(?:despite|although|though|even though|whereas|notwithstanding)\b"
    r"[^.;,]*(?:,|(?=[.;]|$))",
    re.IGNORECASE,
)
_INSUFFICIENT = re.compile(
    r"\binsufficient (?:evidence|data|proof|information|to (?:assess|recommend|determine|make"
    r"|support))"
    r"|\b(?:evidence|data|proof|information|literature) (?:is|was|remains|are|were) (?:currently )?"
    r"(?:insufficient|lacking|inconclusive|inadequate|not enough|conflicting|too limited)"
    r"|\binconclusive evidence\b|\bevidence (?:is )?inconclusive\b"
    r"|\binadequate (?:evidence|data) to (?:support|recommend|determine|make)\b"
    # "The evidence in support of prolotherapy is insufficient and therefore …"
    r"|\bevidence (?:in support of|supporting|for|on|regarding) [^.;,]{1,60}? (?:is|are|was"
    r"|were|remains) (?:currently )?(?:insufficient|inadequate|inconclusive|lacking)\b"
    r"|\bnot enough (?:evidence|data|proof)\b|\black of (?:sufficient )?evidence to recommend"
    r"|\bno (?:recommendations?|advice) (?:could|can|is|was|were|will) (?:be )?made"
    r"|\bno recommendation (?:for or against|is made|can be made)"
    r"|\bneither for nor against\b|\bneither recommends? for nor against\b"
    # "does not recommend for or against": declines to advise either way
    r"|\b(?:do|does|did) not (?:recommend|suggest|advise) (?:either )?for or against\b"
    r"|\b(?:cannot|can't|could not|unable to) (?:be )?recommend(?:ed)? (?:for or against|either)"
    r"|\bunable to make a recommendation\b"
    r"|\brecommend(?:s|ed)? neither\b"
    # "In the absence of definitive literature …, X cannot be recommended"
    r"|\bin the absence of (?:definitive|sufficient|conclusive|adequate|good|clear|strong"
    r"|high-quality) (?:evidence|literature|data|studies)\b",
    re.IGNORECASE,
)

# "should not be delayed", "do not withhold", "without delay": the action is still wanted.
_NEGATED_DELAY = re.compile(
    r"\b(?:should|must|shall|do|does|need|to) not (?:be )?"
    r"(?:delay|postpone|defer|withh[oe]ld|interrupt|miss|omit|skip|wait|hesitate|forget|deny"
    r"|denied|held|discourage)\w*"
    r"|\bnot (?:be )?(?:delayed|postponed|deferred|withheld|interrupted|denied|missed|omitted"
    r"|held)\b"
    r"|\bwithout (?:undue )?delay\b|\b(?:don't|never) (?:delay|wait|skip|miss|withhold)\w*"
    r"|\bshould not be a barrier\b|\bnot (?:be )?(?:a )?(?:barrier|reason) (?:to|for)\b",
    re.IGNORECASE,
)
# Negations that belong to a condition, not to the advice: "women who do not have",
# "if X is not available, …", "whether or not".
_CONDITION = re.compile(
    r"\b(?:who|whom|that|which)\s+(?:(?:do|does|did|are|is|were|was|have|has|had|can|could"
    r"|will|would|may|might)\s+)?(?:not|never|no longer)\b"
    r"|\b(?:who|that|which)\s+(?:don't|doesn't|didn't|aren't|isn't|haven't|hasn't|cannot"
    r"|can't)\b"
    r"|\b(?:if|unless|when|whenever|whether|where|because|since|although|though|until)\b"
    r"[^,;:.]*?\b(?:not|never|no longer|cannot|can't|don't|doesn't|isn't|aren't)\b[^,;:.]*,"
    r"|\b(?:or|and) not\b|\bnot (?:only|all|yet|previously|already|currently|otherwise)\b"
    # "is not currently recommended" is the advice itself, not a state of the patient
    r"(?! (?:be )?(?:recommended|indicated|advised|suggested|appropriate|warranted|needed"
    r"|necessary|required|supported)\b)"
    r"|\bnot (?:been|had|have|received|being)\b",
    re.IGNORECASE,
)
_AGAINST = re.compile(
    r"\b(?:recommends?|recommended|recommending|suggests?|advises?|advised|counsels?"
    r"|argues?) against\b"
    r"|\b(?:recommends?|suggests?|advises?) (?:that \w+ )?not\b"
    r"|\b(?:recommended|suggested|advised) not to\b"
    r"|\b(?:recommends?|recommending|suggests?|suggesting|advises?|advising) (?:\w+ )?"
    r"(?:avoiding|avoidance of|to avoid)\b"
    r"|\b(?:recommends?|suggests?|advises?) that (?:\w+ ){1,3}(?:should )?avoid\b"
    r"|^(?:\w+: )?(?:[a-z-]+ )?contraindications? (?:include|are)\b"
    r"|^(?:[a-z-]+ )?contraindications?(?: (?:for|to) [^.;:]{1,60})?\s*[\u2013\u2014:-]\s"
    r"|^avoiding\b|\b(?:is|are) (?:all |also )?(?:an? )?(?:relative |absolute )?"
    r"contraindications?\b"
    r"|\b(?:is|are) (?:inappropriate|questionable)\b|\bit is not appropriate to\b"
    r"|\b(?:should|must|shall|would|may|can|need) not\b|\bshould never\b|\bshouldn't\b"
    r"|\bmustn't\b|\bneed not\b|\bdoes not need\b|\bdo not need\b|\bare not needed\b"
    r"|\bnot (?:be )?(?:routinely |generally |usually |currently |mostly |now |as a routine "
    r"|always |typically )?(?:recommended|indicated|advised|suggested|appropriate|warranted"
    r"|used|offered|given|performed|prescribed|needed|necessary|required|beneficial"
    r"|supported|endorsed)\b"
    # "not recommende": a clipped ending keeps its meaning
    r"|\bnot (?:routinely |generally |mostly )?(?:recommende?|suggest|advise|offer|use"
    r"|prescribe|order|perform|screen|test|give|start|initiate|treat)\b"
    r"|(?:^|[.!?]\s+|[,:;]\s*|\bthen )(?:do|does) not\b|(?:^|[.!?]\s+|[:;]\s*)don't\b"
    r"|\bnever\b"
    r"|(?:^|[.!?]\s+|[,:;]\s*|\b(?:should|must|shall|please) )avoid\b|\b(?:be|is|are) avoided\b"
    r"|\bdiscourage[sd]?\b|\bno (?:role|indication|need) for\b"
    r"|\b(?:no(?! (?:later|sooner|earlier) than\b)|neither)\b[^.;:]{0,80}\b(?:is|are) "
    r"(?:routinely |generally )?(?:necessary"
    r"|needed|required|recommended|indicated|warranted)\b"
    r"|\bcannot be (?:recommended|advised)\b|\bnone (?:is|are) (?:recommended|advised)\b"
    # "is no longer generally recommended": the advice withdrawn is advice against
    r"|\bno longer (?:be )?(?:generally |routinely |usually |currently |always )?(?:considered )?"
    r"(?:recommended|indicated|advised|suggested|appropriate|warranted|necessary|needed"
    r"|required)\b"
    r"|\b(?:is|are) unnecessary\b"
    r"|\b(?:is|are) (?:rarely|seldom) (?:necessary|needed|indicated|required|appropriate"
    r"|warranted)\b|\b(?:is|are) (?:not advisable|inadvisable)\b"
    # "X is not acceptable", but not a condition ("when the pain is unacceptable")
    r"|^(?:(?!\b(?:whom?|if|when|unless|which|that|where|because|since|while|until)\b)"
    r"[^;:.]){0,160}?\b(?:(?:is|are) (?:not|never) (?:\w+ )?acceptable|(?:is|are) unacceptable)\b"
    r"|\bnot (?:the|an?) (?:[\w-]+ ){0,2}of choice\b"
    # "X is contraindicated in …", but not "for whom X is contraindicated"
    r"|^(?:(?!\b(?:whom?|if|when|unless|which|that|where|because|since|while)\b)[^,;:.]){0,100}?"
    r"\b(?:is|are) (?:generally |relatively |absolutely |also |usually )?contraindicated\b",
    re.IGNORECASE | re.MULTILINE,
)
# 避免 ("avoid") advises against only as the statement's own verb, not as a second action
# ("戒烟，并避免接触二手烟" advises stopping smoking).
_ZH_AGAINST = re.compile(r"不推荐|不建议|不应|不宜|禁止|反对|不需要|无需|(?:^|[。；！])\s*避免")
_ZH_INSUFFICIENT = re.compile(r"证据不足|不作推荐|无法推荐|尚无充分证据|证据不充分")


@lru_cache(maxsize=8192)
def text_direction(text: str) -> Direction | None:
    """What the wording says: against, insufficient, or None when it does not advise against.

    None means "for" to a caller that has nothing better (a label's own direction wins).
    """
    clean = _CONCESSION.sub(" ", _OPEN_CHOICE.sub(" ", text.replace("*", "")))
    clean = _BUT_ADVISES.sub(" ", clean)
    # In ASCII text, lower() folds case as the patterns do: a word a pattern needs and the
    # text lacks means it cannot match, and the pattern is not run.
    ascii_low = clean.lower() if clean.isascii() else None
    if (_INSUFFICIENT.search(clean) or (ascii_low is None and _ZH_INSUFFICIENT.search(clean))
            or _for_want_of_evidence(clean)):
        return Direction.INSUFFICIENT
    if ascii_low is None or _has_any(ascii_low, ("not", "without", "never", "don't")):
        clean = _NEGATED_DELAY.sub(" ", clean)
    if _NOT_ALL_NEED.search(clean):
        return Direction.AGAINST
    if ascii_low is None or _has_any(ascii_low, ("not", "never", "no longer", "n't")):
        clean = _CONDITION.sub(" ", clean)
    if (_AGAINST.search(clean) or (ascii_low is None and _ZH_AGAINST.search(clean))
            or _less_of_care(clean)):
        return Direction.AGAINST
    return None


def _has_any(low: str, words: tuple[str, ...]) -> bool:
    return any(w in low for w in words)


# "Cooled radiofrequency is not recommended due to current lack of evidence": a verdict whose
# only reason is missing evidence makes no recommendation either way. A reason that also names
# harm, cost or effect ("lack of evidence and safety concerns") keeps it a verdict against.
_WANT_OF_EVIDENCE = re.compile(
    r"\bnot (?:\w+ )?recommended\b[^.;]*?\b(?:due to|because(?: of)?|as|given|owing to)\s+"
    r"(?P<reason>(?:the )?(?:current |a )?(?:lack|absence|paucity|insufficiency) of [^.;]*"
    r"|there (?:is|are) (?:currently )?(?:no|insufficient|inadequate|limited) (?:\w+ )?"
    r"(?:evidence|data|studies|literature)\b[^.;]*)", re.IGNORECASE)
_EVIDENCE_WORD = re.compile(r"\b(?:evidence|data|studies|literature|research|proof|trials)\b",
                            re.IGNORECASE)
_OTHER_REASON = re.compile(
    r"\b(?:safety|harms?|complications?|side effects?|adverse|risks?|costs?|invasive|abuse"
    r"|addiction|death|toxicity|effect size|efficacy|effect)\b|\band\b(?! the lack)",
    re.IGNORECASE)


def _for_want_of_evidence(clean: str) -> bool:
    m = _WANT_OF_EVIDENCE.search(clean)
    if m is None:
        return False
    reason = m.group("reason")
    return bool(_EVIDENCE_WORD.search(reason)) and not _OTHER_REASON.search(
        _EVIDENCE_WORD.sub(" ", reason, count=1).split(" demonstrating ")[0])


# "Not all nerve blocks require fluoroscopy": it is not needed (before "not all" is read as a
# condition's negation).
_NOT_ALL_NEED = re.compile(r"^\W*not all\b[^.;]{1,80}\b(?:require|need)\b", re.IGNORECASE)

# "Injections should be minimized for patients under 30": less of the care is the advice.
# Minimising a risk, an exposure or a delay is still advice for the action that does it.
_MINIMISED = re.compile(
    r"^(?P<subject>[^.;:]{0,120}?)\b(?:should|must|shall|needs? to|is to|are to) be (?:kept to a "
    r"minimum|minimi[sz]ed|kept minimal|limited)\b(?! to (?:patients|those|people|cases|adults"
    r"|children|women|men|persons|individuals)\b)", re.IGNORECASE)
_NOT_CARE_SUBJECT = re.compile(
    r"\b(?:risks?|harms?|exposures?|side[- ]effects?|adverse|complications?|delays?|interruptions?"
    r"|time|waiting|pain|stress|anxiety|disruption|errors?|contamination|blood loss)\b",
    re.IGNORECASE)


def _less_of_care(clean: str) -> bool:
    m = _MINIMISED.search(clean.strip())
    return m is not None and not _NOT_CARE_SUBJECT.search(m.group("subject"))


_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+(?=[\"'\u201c(]?[A-Z\u4e00-\u9fff])")
_ADVISES = re.compile(
    r"\b(?:recommends?|recommended|recommending|suggests?|should|must|is indicated"
    r"|are indicated|is preferred|are preferred)\b|^(?:[A-Z][^,.]{0,100}, )?(?:give|use|offer"
    r"|consider|test|screen|treat|start|initiate|administer|provide|refer|perform|prescribe)\b",
    re.IGNORECASE,
)


def statement_direction(text: str) -> Direction | None:
    """The direction of a statement of several sentences: the first sentence that advises
    decides, so a later qualification ("If X, Y may not be required") does not flip it."""
    sentences = [s for s in _SENTENCE.split(text.replace("*", "")) if s.strip()]
    if len(sentences) <= 1:
        return text_direction(text)
    for sentence in sentences:
        said = text_direction(sentence)
        if said is not None:
            return said
        if _ADVISES.search(sentence):
            return None
    return None
