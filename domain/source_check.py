"""A second, independent look at the source: does the patient version cover it?

Quality control used to compare the patient version with our own parse, so a statement the
parser missed was missing from both and nobody noticed. This pass reads the guideline's
text again, without the parser: every sentence of the recommendation part that carries a
grade label, a recommendation verb or a modal verb, and every numbered or imperative item,
is a candidate. Each candidate must be covered by a recommendation of the patient version,
or be classed, with a reason, as not a recommendation (an evidence finding, a note, a grade
definition, a part that explains rather than recommends). What is left is a finding.

Nothing here is shared with :mod:`domain.parsing`: the two must be able to disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from domain.model import ParsedGuideline, PatientVersion

__all__ = ["Candidate", "Verdict", "check_source"]


@dataclass(frozen=True)
class Candidate:
    text: str
    section: str
    cue: str
    """What made it a candidate: label, recommendation verb, modal verb, imperative."""
    item: bool = False
    """A list item (numbered or bulleted) rather than running text."""


@dataclass(frozen=True)
class Verdict:
    candidate: Candidate
    covered_by: str | None
    """The id of the patient-version recommendation that holds it."""
    not_advice: str | None
    """Why it is not a recommendation, when nothing covers it."""


_REC_PART = re.compile(r"recommendation|推荐", re.IGNORECASE)
# Headings of the statements themselves: never a part that merely explains.
_STATEMENTS = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:summary of |the )?(?:major |key |main |clinical )?"
    r"recommendations?(?: \d+[a-z]?| statements?| and evidence| for .{1,60})?$|^推荐意见",
    re.IGNORECASE,
)
_EXPLAINS = re.compile(
    r"definition|rating scheme|grading|grades? of|levels? of (?:evidence|certainty)"
    r"|strength of (?:the )?(?:evidence|recommendation)|categor(?:y|ies) of|clinical consideration"
    r"|rationale|consideration|evidence|key question|background|discussion|resources"
    r"|implementation|research|population under|benefits|harms|methodology|scope"
    r"|grades? mean|suggestions for practice|recommendation categor"
    r"|证据|说明|背景",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"\(\s*\**\s*(?:[A-D] recommendation|I statement|(?:strong|weak|conditional|moderate)"
    r"\b[^()]{0,60}|category [^()]{1,20}|grade [^()]{1,20}|class [^()]{1,30}|consensus[^()]{0,40}"
    r"|expert opinion|eo|not applicable|n/a|neither for nor against|recommendation category"
    r"[^()]{0,40}|[ABC]I{1,3}|I{1,3}[ABC])\s*\**\s*\)"
    r"|\[\s*(?:[ABCDI]|EO|strong[^\]]{0,20}|weak[^\]]{0,20})\s*\]"
    r"|（[^（）]{0,20}(?:推荐|级|证据)[^（）]{0,20}）|[(（][12][ABCD][)）]",
    re.IGNORECASE,
)
_VERB = re.compile(r"\b(?:recommends?|recommended|suggests?|advises?|endorses?)\b|推荐|建议",
                   re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:should|must|shall|ought to|needs? to|is indicated|are indicated"
    r"|may be (?:considered|used|offered|tried|appropriate))\b|应当|应该",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(?:offer|consider|do not|don't|avoid|use|test|screen|give|refer|assess|evaluate|treat"
    r"|administer|monitor|provide|obtain|perform|discuss|counsel|educate|ensure|encourage"
    r"|continue|discontinue|stop|start|initiate|prescribe|measure|check|ask|advise|transfuse"
    r"|reassess|maintain|limit|gather|approach|secure|conduct|choose|establish|pay)\b"
    r"(?!-| of\b)",  # "Use of X" and "Follow-up" are nouns
    re.IGNORECASE,
)
_NOT_ADVICE = (
    ("evidence finding", re.compile(
        r"\(design:|\b(?:stud(?:y|ies)|trials?|meta-analys[ie]s|reviews?) (?:shows?|showed|found"
        r"|suggests?|demonstrates?|indicates?)|\b(?:FDA|Food and Drug Administration) (?:advises"
        r"|warns|cautions) that\b|\bthere is (?:some|good|strong|limited|moderate|consistent)"
        r" evidence\b|\bis associated with\b|\bwere associated with\b|\bevidence (?:shows|suggests"
        r"|indicates)\b|\bfound (?:that|no|insufficient)\b", re.IGNORECASE)),
    ("note or cross-reference", re.compile(
        r"\(\s*note\s*:|^\W*(?:note|see|refer|for more|for additional|for further|please"
        r"|the following"
        r"|these recommendations|this recommendation|the recommendations?)\b|original guideline"
        r"|available at|summary of the task force|\bngc\b|national guideline clearinghouse",
        re.IGNORECASE)),
    ("grade definition", re.compile(
        r"\bgrades? (?:its|their|the)? ?recommendations?\b|\bdefin(?:ed|itions?)\b"
        r"|\bcertainty\b.*\bnet benefit\b|\bthe (?:usp|task force|work group) (?:uses|assigns)"
        r"|\|.*\b(?:grade|suggestions for practice|certainty|level of evidence)\b"
        r"|^\W*(?:strong|weak|conditional) (?:for|against)\b\W*(?:\(|$)"
        r"|\bor [\"\u201c]the (?:guideline panel|work group)", re.IGNORECASE)),
    ("description", re.compile(
        r"\b(?:which|that) may be (?:used|considered)\b|\bthat may be considered include\b"
        r"|\bit is understood\b", re.IGNORECASE)),
    ("question", re.compile(r"\?\s*$")),
    # "Modified from the 2007 CPG without an updated systematic review" before a label
    ("provenance note", re.compile(
        r"^\W*(?:modified|adapted|carried (?:over|forward)|amended|updated) from\b",
        re.IGNORECASE)),
    ("scope", re.compile(r"\b(?:does not apply|do not apply|applies to|apply to)\b",
                         re.IGNORECASE)),
    ("paperwork", re.compile(
        r"prior authorization|\binsurer\b|\bcarrier\b|\breimburs|\bbilling\b|medical records?\b"
        r"|\bcopy of\b|\brecords?\b", re.IGNORECASE)),
    ("lead-in", re.compile(r"^[^.]{0,120}:\s*$")),
)


@dataclass
class _Part:
    heading: str
    text: str
    explains: bool


def _states(heading: str) -> bool:
    """Does a heading open statements (rather than definitions or explanations)?"""
    heading = heading.strip(" :.")
    return bool(_STATEMENTS.search(heading)) or not _EXPLAINS.search(heading)


def _parts(guideline: ParsedGuideline) -> list[_Part]:
    """The recommendation part of the document, section by section; the whole document
    when no heading names it."""
    sections = guideline.sections
    picked: list[_Part] = []
    inside_level: int | None = None
    explain_level: int | None = None
    for s in sections:
        if inside_level is not None and s.level <= inside_level and not _REC_PART.search(s.heading):
            inside_level = None
        if inside_level is None and _REC_PART.search(s.heading) and _states(s.heading):
            inside_level = s.level
            explain_level = None
        if inside_level is None:
            continue
        if explain_level is not None and s.level <= explain_level:
            explain_level = None
        if explain_level is None and s.level > inside_level and not _states(s.heading):
            explain_level = s.level
        picked.append(_Part(s.heading, s.text, explain_level is not None))
    if not picked:
        picked = [_Part(s.heading, s.text, bool(_EXPLAINS.search(s.heading)))
                  for s in sections]
    return picked


# Paragraphs that open with their role: "Rationale: …", "Quality of evidence: …".
_EXPLAINING_PARAGRAPH = re.compile(
    r"^\W*(?:rationale|quality of evidence|potential consequences|justification|comments?"
    r"|remarks?|discussion|evidence|benefits?|harms?|background)\s*:", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:[-*+\u2022]\s+(?:[a-z][.)]\s+)?|\(?\d+[a-z]?[.)]\s+|[a-z][.)]\s+)")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'\u201d)]*\s+(?=[^a-z\s(\[*])")


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs and list items of a section as (text, is numbered/bulleted item)."""
    chunks: list[tuple[str, bool]] = []
    current: list[str] = []
    item = False
    for line in text.split("\n"):
        if not line.strip():
            if current:
                chunks.append((" ".join(current), item))
            current, item = [], False
            continue
        if _ITEM.match(line):
            if current:
                chunks.append((" ".join(current), item))
            current, item = [_ITEM.sub("", line).strip()], True
        elif line.lstrip().startswith("#"):
            if current:
                chunks.append((" ".join(current), item))
            current, item = [], False
        else:
            current.append(line.strip())
    if current:
        chunks.append((" ".join(current), item))
    return chunks


_AFTER_LABEL = re.compile(r"(?<=[.!?])(\s\([^()]{1,80}\))\s+(?=[A-Z])")


def _sentences(chunk: str) -> list[str]:
    out: list[str] = []
    chunk = _AFTER_LABEL.sub(r"\1\n", chunk)
    for piece in re.split(r"\n|" + _SENTENCE_END.pattern, chunk):
        if out and re.search(r"\b(?:e\.g|i\.e|vs|etc|al|U\.S|Dr|No)\.$", out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return [s.strip() for s in out if s.strip()]


def candidates(guideline: ParsedGuideline) -> list[tuple[Candidate, bool]]:
    """(candidate, found in a part that explains rather than recommends)."""
    found: list[tuple[Candidate, bool]] = []
    for part in _parts(guideline):
        for chunk, is_item in _chunks(part.text):
            plain = chunk.replace("*", "").replace("\\", "")
            explains = part.explains or bool(_EXPLAINING_PARAGRAPH.match(plain))
            for sentence in _sentences(plain):
                cue = ("label" if _LABEL.search(sentence) else
                       "recommendation verb" if _VERB.search(sentence) else
                       "modal verb" if _MODAL.search(sentence) else
                       "imperative" if is_item and _IMPERATIVE.match(sentence) else None)
                if cue and len(_words(sentence)) >= 4:
                    found.append((Candidate(sentence, part.heading, cue, is_item), explains))
    return found


def _words(text: str) -> list[str]:
    text = text.lower()
    return re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text)


_LEAD_LABEL = re.compile(r"^\W*(?:recommendations?|statement)\s*\d*[a-z]?\s*[:.]\s*", re.I)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _share(needle: list[str], haystack: list[str]) -> float:
    """Share of ``needle``'s words found in ``haystack`` in the same order."""
    if not needle:
        return 0.0
    blocks = SequenceMatcher(None, needle, haystack, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(needle)


class _Statements:
    """The patient version's statements with what the coverage test reads of each (its
    numbers, its words) computed once, and an index from long words to statements, so a
    candidate is compared only with statements that hold all its long words."""

    def __init__(self, statements: list[tuple[str, list[str]]]) -> None:
        self.items = [(rid, words, Counter(w for w in words if w.isdigit()), set(words))
                      for rid, words in statements]
        self.holding: dict[str, set[int]] = {}
        for i, (_, _, _, vocabulary) in enumerate(self.items):
            for w in vocabulary:
                if len(w) >= 7:
                    self.holding.setdefault(w, set()).add(i)

    def candidates(self, names: set[str]) -> list[int]:
        """Statements, in order, that can hold every one of ``names``."""
        if not names:
            return list(range(len(self.items)))
        sets = sorted((self.holding.get(w, set()) for w in names), key=len)
        found = set(sets[0]).intersection(*sets[1:])
        return sorted(found)


def _covered(candidate: list[str], key: list[str], statements: _Statements) -> str | None:
    """The statement that holds the candidate sentence (or that the candidate, a lead-in
    with its list, holds). Its numbers and long words (``key``: outside brackets) must all
    be there: statements that differ in one age or one condition are different advice."""
    numbers = Counter(w for w in key if w.isdigit())
    names = {w for w in key if len(w) >= 7}
    for i in statements.candidates(names):
        rid, words, statement_numbers, _ = statements.items[i]
        if numbers - statement_numbers:
            continue  # another age group, dose or condition: a different statement
        if _share(candidate, words) >= 0.95 or (
                len(words) >= 0.5 * len(candidate) and _share(words, candidate) >= 0.95):
            return rid
    return None


def check_source(guideline: ParsedGuideline, pvg: PatientVersion) -> list[Verdict]:
    """Every candidate of the source with what covers it or why it is not advice."""
    statements = _Statements([(r.id, _words(r.source_text)) for r in pvg.recommendations])
    found = candidates(guideline)
    graded = sum(1 for c, _ in found if c.cue == "label") >= 3
    verdicts = []
    for cand, explains in found:
        text = _LEAD_LABEL.sub("", cand.text)
        rid = _covered(_words(text), _words(_BRACKETS.sub(" ", text)), statements)
        reason = None
        if rid is None:
            if explains:
                reason = "in a part that explains the recommendations"
            else:
                reason = next((name for name, pattern in _NOT_ADVICE
                               if pattern.search(cand.text)), None)
            if reason is None and graded and not cand.item and cand.cue in (
                    "modal verb", "imperative"):
                # Graded guidelines label every statement; running text between them
                # elaborates the statement above it.
                reason = "unlabelled elaboration in a graded guideline"
        verdicts.append(Verdict(cand, rid, reason))
    return verdicts
