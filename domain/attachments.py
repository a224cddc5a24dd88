"""What goes with a statement on the page: its notes, its cautions, and the statements
shown inside its block.

A guideline says some of what a reader must know about a piece of advice outside the
statement itself: a "Note:" after it, a harm or a limit in the sentences around it, a
contraindication in a section of its own, an exception allowed right after a rule against
something, a lead-in's list printed as statements of their own. Each is found here and tied
to the one statement it belongs to, so that it is printed with that advice and never lost.
"""

from __future__ import annotations

import itertools
import re

from domain import layout, summary
from domain.considerations import listed_sentence as _listed_sentence
from domain.lists import item as _item
from domain.model import (
    Direction,
    ParsedGuideline,
    PvgRecommendation,
    Recommendation,
    Strength,
)
from domain.numwords import say_comparators
from domain.patterns import compiled
from domain.plain import Rewriter
from domain.readability import sentences, words

__all__ = ["UNPLACED", "attached", "cautions", "exceptions", "notes", "said_after",
           "strict_terms"]


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
    said = compiled(r"[a-z][a-z-]+").findall(text.lower())
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
    m = compiled(rf"\b{re.escape(pair[0])}\s+{re.escape(pair[1])}", re.IGNORECASE).search(text)
    if m is None:
        return False
    return bool(compiled(r"\b(?:undergone|underwent|had|history of|after|following|previous"
                          r"|prior)\s+(?:\w+\s+){0,2}$", re.IGNORECASE).search(text[: m.start()]))


def _cautioned(sentence: str) -> str:
    """What a caution is about: "a contraindication to combined hormonal contraception" is
    about that contraception, "Obstetric contraindications to aerobic exercise include:
    preterm labor; …" about exercise, not labor."""
    m = (compiled(r"contraindications? (?:to|for) (?P<x>[^,;:.]+)").search(sentence)
         or compiled(r"^(?P<x>[^,;:]+?) (?:is|are) (?:\w+ )?contraindicated").search(sentence)
         or compiled(r"^(?P<x>[^,;:]+?) (?:should|must) not be used").search(sentence))
    return m.group("x") if m else sentence


def cautions(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
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
            if not _CAUTION.search(sent) or compiled(r"(?:Refer|See)\b").match(sent):
                continue
            shared = _pairs(_cautioned(sent.split("\n")[0]))
            for i, pairs in enumerate(recs):
                src = guideline.recommendations[i].source_text
                if any(seen[p] <= 2 and not _in_the_past(src, p) for p in shared & pairs):
                    sent = compiled(r"^For example,\s*").sub("", sent)
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
                if sent.rstrip().endswith(":") or compiled(
                        r"^(?:It|They|This|These|Those|Such)\b|\b(?:these|those|such|it)\b"
                        r"(?! (?:is|are) (?:because|due))").search(
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
    if not m or "\n" in line.strip() or compiled(r"\b(?:include|includes|may|are|is)\b").search(
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
        lead = compiled(r"[.:]?([\"”]?)\s*$").sub(r"\1:", lead)
    said = say_comparators(rw.simplify(_listed_sentence(lead) or lead))
    if listed:
        said = compiled(r":*([\"”]?):+$").sub(r"\1:", said)  # one colon before the list
    return said + "".join(f"\n- {say_comparators(rw.simplify(x))}" for x in listed)


def _with_sub_items(text: str) -> list[tuple[str, list[str]]]:
    """The items of a list, each with the items indented under it: a caution that refers
    to a list ("one or more relative contraindications") is read with that list."""
    out: list[tuple[str, list[str]]] = []
    for raw in text.split("\n"):
        sub = compiled(r"^\s{2,}(?:[-*+]|\d+[.)])\s+(?P<x>.+)$").match(raw)
        if sub and out:
            out[-1][1].append(sub.group("x").strip())
            continue
        out.append((compiled(r"^\s*(?:[-*+]|\d+[.)])\s+").sub("", raw).strip(), []))
    return out


UNPLACED = -1
"""The key of the cautions that belong to no one piece of advice."""


_NOTE = re.compile(r"^\s*(?:\*\*|__)?Note(?:\*\*|__)?\s*:(?:\*\*)?\s*(?P<note>.+)$",
                   re.DOTALL | re.IGNORECASE)


_INLINE_NOTE = re.compile(r"[ \t]*\((?:\*\*|__)?Note(?:\*\*|__)?\s*:(?:\*\*)?\s*"
                          r"(?P<note>[^()\n]+)\)")


def notes(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
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
            inline = _INLINE_NOTE.match(after)
            if inline:
                # "(**Category IB**) (**Note**: Optimally, all NAT results … should be
                # available before the transplant; however, …)": a note in brackets on the
                # statement's own line is as much its note as one in a paragraph of its own.
                after = f"\n\nNote: {inline.group('note')}\n\n{after[inline.end():]}"
            # "**Note**:" alone on its line, its list in the paragraph after it: the list
            # is the note ("- Risks for overdose and death significantly increase at …").
            after = compiled(r"^(\s*(?:\*\*|__)?Note(?:\*\*|__)?\s*:(?:\*\*)?)\s*\n\s*\n"
                           r"(?=\s*[-*+]\s)", re.IGNORECASE).sub(r"\1\n", after.lstrip("\n"))
            for para in compiled(r"\n\s*\n").split(after):
                m = _NOTE.match(para)
                if not m:
                    break
                items = compiled(r"^\s*[-*+]\s+(.+)$", re.MULTILINE).findall(m.group("note"))
                if items and not compiled(
                        r"^\s*[-*+]\s+.+$", re.MULTILINE).sub("", m.group("note")).strip():
                    for item in items:  # one note a list item, each said whole
                        said = rw.simplify(" ".join(item.split()))
                        if said:
                            out.setdefault(i, []).append(_item(say_comparators(said)))
                    continue
                if compiled(r"(?:See|Refer)\b").match(m.group("note")):
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


def said_after(guideline: ParsedGuideline, rw: Rewriter,
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
        for para in compiled(r"\n\s*\n").split(sec.text):
            spans = sorted((at, at + len(r.source_text), i) for i, r in enumerate(recs)
                           if i not in placed and r.source_text
                           and (at := para.find(r.source_text)) >= 0)
            if not spans:
                if last is not None:
                    _benefit_more(para, last, rw, notes)
                    _harms_larger(para, recs[last].source_text, last, rw, notes)
                # A risk said in a paragraph of its own right after the advice ("For women
                # who require chronic opioid therapy during pregnancy, there is an increased
                # risk of neonatal withdrawal …") goes with the advice before it.
                bare = " ".join(para.replace("*", "").split())
                if (last is not None and _RISK_SAID.search(bare) and not _HARM_SPARED.search(bare)
                        and not bare.startswith(("#", "-", "|")) and len(sentences(bare)) == 1
                        and bare not in held and not compiled(r"(?:Note|See|Refer)\b").match(bare)):
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


# Who gains more from the advice ("Women with a parent, sibling, or child with breast cancer
# are at higher risk … and thus may benefit more … from beginning screening in their 40s").
_GAINS_MORE = re.compile(r"\b(?:may|might|could|would|will) (?:also )?benefit more\b",
                         re.IGNORECASE)


def _benefit_more(para: str, last: int, rw: Rewriter, notes: dict[int, list[str]]) -> None:
    """A list item right after an advice that says who may benefit more from it is a note of
    that advice: a reader in that group learns the choice leans more in favour for them."""
    for item in compiled(r"^\s*[-*+]\s+(.+)$", re.MULTILINE).findall(para):
        sent = " ".join(item.replace("*", "").split())
        if _GAINS_MORE.search(sent) and len(sentences(sent)) == 1:
            said = _item(say_comparators(rw.simplify(sent)))
            if said and said not in notes.setdefault(last, []):
                notes[last].append(said)


# That the harms are larger for an age group ("… in women aged 40 to 49 years …, the number
# of false-positive results and unnecessary biopsies is larger").
_HARMS_LARGER = re.compile(r"\b(?:false-positive|harms?|biops(?:y|ies)|overdiagnosis)\b[^.]{0,60}"
                           r"\b(?:is|are) (?:larger|greater|higher)\b", re.IGNORECASE)
_AGED = re.compile(r"\baged (\d+) (?:to|through|and) (\d+)\b")


def _harms_larger(para: str, advice: str, last: int, rw: Rewriter,
                  notes: dict[int, list[str]]) -> None:
    """A list item right after an advice that says its harms are larger for the ages the
    advice is for is a note of that advice: a reader who weighs the choice must read it next
    to the choice, not only among the harms of screening at any age."""
    for item in compiled(r"^\s*[-*+]\s+(.+)$", re.MULTILINE).findall(para):
        for sent in sentences(" ".join(item.replace("*", "").split())):
            aged = _AGED.search(sent)
            if not (aged and _HARMS_LARGER.search(sent)):
                continue
            if not all(compiled(rf"\b{n}\b").search(advice) for n in aged.groups()):
                continue
            said = _item(say_comparators(rw.simplify(sent)))
            if said and said not in notes.setdefault(last, []):
                notes[last].append(said)


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
        if (len(words(sent)) < 3 or compiled(r"(?:Note|See|Refer)\b").match(sent)
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


def exceptions(src: list[Recommendation], recs: list[PvgRecommendation],
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


def strict_terms(src: list[Recommendation], heads: list[str | None], process: list[int],
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


def attached(src: list[Recommendation], recs: list[PvgRecommendation], heads: list[str | None],
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


_AGES = re.compile(r"\b(?:aged?|ages of) (\d+) (?:to|through|and) (\d+)\b")
_UNLIKELY = re.compile(r"(?:^|(?<=\. )|(?<=that ))(?P<who>[A-Z]?[a-z]+ aged? \d+ (?:to|through) "
                       r"\d+ years? [^.]{0,200}?\bare unlikely to benefit from [^.]{3,80}\.)")


# "screening 10,000 women aged 40 to 49 years will result in 3 (CI) fewer breast cancer
# deaths": how much good the advice does for an age group.
_COUNTED = re.compile(r"\b[Ss]creening (?P<n>\d[\d,]*) (?P<who>[a-z]+) (?P<ages>aged \d+ to \d+ "
                      r"years) will result in (?P<k>\d+)(?: \([^()]*\))? (?P<what>fewer "
                      r"[a-z ]{3,40}? deaths)\b")
_PERIOD = re.compile(r"\bOver an? (\d+)-year period\b")


def benefit_sizes(guideline: ParsedGuideline) -> dict[int, list[str]]:
    """The good the guideline counts for an age group ("screening 10,000 women aged 40 to
    49 years will result in 3 … fewer breast cancer deaths" over 10 years), for the advice
    whose ages hold theirs: without it, a reader asked to weigh the good against the harm
    has no size of the good. Said in the source's words and numbers."""
    out: dict[int, list[str]] = {}
    for sec in guideline.sections:
        for para in compiled(r"\n\s*\n").split(sec.text):
            para = " ".join(para.split())
            period = _PERIOD.search(para)
            for m in _COUNTED.finditer(para):
                said = (f"{f'Over a {period.group(1)}-year period, ' if period else ''}"
                        f"screening {m.group('n')} {m.group('who')} {m.group('ages')} will "
                        f"result in {m.group('k')} {m.group('what')}.")
                said = said[:1].upper() + said[1:]
                _for_ages(guideline, m.group("ages"), said, out)
    return out


def _for_ages(guideline: ParsedGuideline, ages: str, said: str,
              out: dict[int, list[str]]) -> None:
    """``said`` as a note of each piece of advice for the ages that hold ``ages``."""
    own = _AGES.search(ages)
    if own is None:
        return
    lo, hi = int(own.group(1)), int(own.group(2))
    for i, rec in enumerate(guideline.recommendations):
        theirs = _AGES.search(rec.source_text)
        if (rec.direction is Direction.FOR and theirs and int(theirs.group(1)) <= lo
                and hi <= int(theirs.group(2)) and said not in out.setdefault(i, [])):
            out[i].append(said)


# "the median estimate is that 1 in 8 women diagnosed with breast cancer with biennial screening
# from ages 50 to 75 years will be overdiagnosed": how much harm screening does an age group.
_HARM_COUNTED = re.compile(r"\b(?P<said>(?P<k>\d+ in \d+) [a-z]+ [^.]{0,120}?\bfrom ages "
                           r"(?P<lo>\d+) to (?P<hi>\d+) years will be (?:overdiagnosed|"
                           r"overtreated|treated unnecessarily|[^.]{0,40}?\bfalse[- ]positive)"
                           r"[^.]{0,60}\.)")
# "… of 1 in 8 … cases being overdiagnosed, for every woman who avoids a death …, 2 to 3
# women will be treated unnecessarily": the same figure said as harm for each one helped.
_FOR_EVERY = re.compile(r"\b[Ff]or every (?P<said>[a-z]+ who [^,.]{3,120}, \d+(?: to \d+)? "
                        r"[a-z]+ will be [^.]{3,60}\.)")


def harm_sizes(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
    """The harm the guideline counts for an age group, for the advice whose ages are (nearly
    all) theirs, beside its good (:func:`benefit_sizes`): a good with a number and harms only
    in words tip the weighing. Numbers as printed, with whose estimate it is."""
    out: dict[int, list[str]] = {}
    for sec in guideline.sections:
        for para in compiled(r"\n\s*\n").split(sec.text):
            para = " ".join(para.split())
            for m in _HARM_COUNTED.finditer(para):
                start = para.rfind(". ", 0, m.start()) + 1
                lead = para[start:m.start()]
                by = ("Computer models estimate that " if compiled(r"\bmodel", re.I).search(lead)
                      else "It is estimated that " if "estimate" in lead else "")
                said = [f"{by}{m.group('said')}" if by else m.group("said")]
                again = _FOR_EVERY.search(para, m.end())
                if again and m.group("k") in para[m.end():again.start()]:
                    said.append(f"For every {again.group('said')}")
                lo, hi = int(m.group("lo")), int(m.group("hi"))
                for i, rec in enumerate(guideline.recommendations):
                    theirs = _AGES.search(rec.source_text)
                    if rec.direction is not Direction.FOR or not theirs:
                        continue
                    shared = min(hi, int(theirs.group(2))) - max(lo, int(theirs.group(1)))
                    if shared >= 0.9 * (hi - lo):
                        out.setdefault(i, []).extend(
                            x for x in (rw.simplify(s) for s in said) if x not in out[i])
    return out


def unlikely_to_benefit(guideline: ParsedGuideline, rw: Rewriter) -> dict[int, list[str]]:
    """A group the guideline says is unlikely to benefit ("women aged 70 to 74 years with …
    comorbid conditions are unlikely to benefit from mammography"), for the advice whose
    ages hold theirs: said apart from it, the advice reads as meant for all of those ages."""
    out: dict[int, list[str]] = {}
    for sec in guideline.sections:
        text = " ".join(sec.text.split())
        for m in _UNLIKELY.finditer(text):
            said = m.group("who")
            shown = said[:1].upper() + said[1:]
            hedge = _HEDGE.search(text, 0, m.start())
            if hedge:
                # "Current CISNET models suggest that …": what a model finds is not said as fact.
                by = _HEDGED_BY.get(hedge.group("by"), hedge.group("by").capitalize())
                shown = f"{by} {hedge.group('verb')} that {said}"
            _for_ages(guideline, said, _item(rw.simplify(shown)), out)
    return out


# Whose finding a statement is, right before it: "Current CISNET models suggest that …".
_HEDGE = re.compile(r"\b(?P<by>models|studies|trials|data|analyses) (?P<verb>suggest|predict|"
                    r"estimate|indicate)s? that $")
_HEDGED_BY = {"models": "Computer models"}
"""A model named by its acronym ("CISNET models") is, to a reader, a computer model."""
