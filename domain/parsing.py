"""Turn a guideline document into a :class:`ParsedGuideline`: title, sections, language and
every recommendation statement with its grade, strength and direction.

Extraction (:mod:`domain.formats`) gives every format one shape: Markdown-ish text with
``#`` headings, ``-`` / ``1.`` list items and blank lines between paragraphs. On that text:

* the recommendation section is found by its heading ("Major Recommendations",
  "Recommendations", "推荐意见"), and within it the parts that explain rather than
  recommend ("Clinical Considerations", "Rationale", "Evidence Statements …") and the grade
  definitions that close it are left out;
* graded guidelines mark each statement with a label (:mod:`domain.grades`): the statement is
  everything the label closes, from the start of its paragraph or list item (or the previous
  label) — several sentences are one statement, and a label after a list closes the lead-in
  and its items together. Unlabelled numbered items that give advice count as well;
* ungraded guidelines carry advice in sentences ("should", "is recommended", "must",
  imperatives): one statement per advice sentence, a lead-in ending in ":" with its list.

Direction comes from the label when it says, otherwise from the action
(:mod:`domain.direction`). A bracketed note that looks like a label but is not understood
keeps the statement, flagged, so that quality control sends it to a person.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from domain.direction import statement_direction, text_direction
from domain.errors import NoRecommendations
from domain.formats import Limits, decode_text, detect_format, extract
from domain.grades import (
    LABEL,
    Label,
    classify_label,
    classify_strength_cell,
    label_text,
    looks_like_label,
)
from domain.model import (
    Direction,
    DocumentFormat,
    GradeGroup,
    ParsedGuideline,
    Recommendation,
    Section,
    Strength,
)
from domain.numbers import strip_references
from domain.readability import is_chinese

__all__ = ["classify_label", "parse_guideline", "parse_text", "peek_title", "text_direction"]


def parse_guideline(
    data: bytes,
    filename: str | None = None,
    language: str = "auto",
    limits: Limits | None = None,
) -> ParsedGuideline:
    """Detect the format, extract the text and parse it (raises DocumentError subclasses)."""
    fmt = detect_format(data, filename)
    extracted = extract(data, fmt, limits or Limits())
    return parse_text(extracted.text, fmt, pages=extracted.pages, language=language)


# --- headings and regions -------------------------------------------------------------------

_REC_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:major |key |main |clinical |the |summary of (?:the )?)?"
    r"recommendations?(?: statements?| and evidence| summary| for (?!the use of).{1,60})?$"
    r"|^推荐意见|^推荐$|^主要推荐",
    re.IGNORECASE,
)
# Sub-sections of the recommendation section that explain, not recommend.
_SKIP_HEADING = re.compile(
    r"^(?:clinical considerations|rationale|other considerations|considerations for practice"
    r"|suggestions for practice|discussion|useful resources|additional resources"
    r"|research needs.*|key questions?(?: \d+)?|evidence summary"
    r"|summary of (?:the )?evidence|background|implementation(?: considerations)?"
    r"|patient population under consideration|qualifying statements?|potential benefits"
    r"|potential harms|quality of evidence|recommendation grading|推荐说明|证据概述|背景)$",
    re.IGNORECASE,
)
# The grade definitions that summaries append to the recommendation section.
_STOP_HEADING = re.compile(
    r"^(?:definitions?|categorization scheme|recommendation categories|grading of recommendations"
    r".*|.*grades mean.*|.*levels of certainty.*|overall strength of evidence.*"
    r"|rating schemes?.*|strength of recommendations?.*|categories of task force.*"
    r"|.*grade definitions.*|levels? of evidence.*|证据分级.*|推荐强度.*)$",
    re.IGNORECASE,
)
# "Summary of Evidence Regarding Acupuncture": a sub-heading over one paragraph that sums up
# the evidence statements above it (printed as a heading or as a plain line).
_EVIDENCE_SUMMARY = re.compile(
    r"^(?:summary of (?:the )?evidence|evidence summary) (?:regarding|for|on|about) .{1,80}$",
    re.IGNORECASE)
_STOP_LINE = re.compile(r"^\s*\**Definitions?\**\s*:?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(
    r"^(?P<indent>\s*)(?:[-*+\u2022\u25e6\u25aa\u2013o]\s+(?:[a-z]\.\s+)?|\(?\d+[a-z]?[.)]\s+"
    r"|\(?[a-zA-Z][.)]\s+|[ivx]{1,4}[.)]\s+)"
)

_NUMBERED = re.compile(r"\(?\d|\(?[a-zA-Z][.)]|[-*+]\s+[a-z]\.")

Heading = tuple[int, int, int, str]  # start offset, end offset, level, text


def _plain(s: str) -> str:
    s = re.sub(r"\\([*_\[\]()#])", r"\1", s)
    return " ".join(s.replace("**", "").replace("*", "").replace("__", "").split())


def _headings(text: str) -> list[Heading]:
    return list(_each_heading(text))


def _each_heading(text: str) -> Iterator[Heading]:
    """The headings one at a time: a look for the title stops at the first one."""
    for m in re.finditer(r"^#{1,6}[ \t]+.*$", text, re.MULTILINE):
        hm = _HEADING.match(m.group(0))
        if hm:
            yield (m.start(), m.end(), len(hm.group(1)), _plain(hm.group(2)))


def _rec_region(text: str, headings: list[Heading]) -> tuple[int, int]:
    for i, (_start, end, level, head) in enumerate(headings):
        if _REC_HEADING.search(head.strip(" :.")):
            stop = len(text)
            for s2, _, l2, _h in headings[i + 1:]:
                if l2 <= level:
                    stop = s2
                    break
            return end, _cut_definitions(text, end, stop, headings)
    return 0, _cut_definitions(text, 0, len(text), headings)


def _cut_definitions(text: str, start: int, stop: int, headings: list[Heading]) -> int:
    """Stop before the grade definitions: they repeat "recommends" sentences that are not
    advice."""
    for s, _, _, head in headings:
        if start < s < stop and _STOP_HEADING.match(head.strip(" :.")):
            stop = s
            break
    offset = start
    for line in text[start:stop].split("\n"):
        if _STOP_LINE.match(line):
            return offset
        offset += len(line) + 1
    return stop


def _skipped_spans(headings: list[Heading], start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the sub-sections that explain rather than recommend."""
    spans = []
    for i, (s, _e, level, head) in enumerate(headings):
        if not start <= s < end or not _SKIP_HEADING.match(head.strip(" :.")):
            continue
        stop = end
        for s2, _, l2, h2 in headings[i + 1:]:
            # A heading that names the recommendations ends the part that explains, whatever
            # level a plain-text or PDF copy gave it ("Key Question 24" then "Recommendations").
            if l2 <= level or _REC_HEADING.search(h2.strip(" :.")):
                stop = min(s2, end)
                break
        spans.append((s, stop))
    return spans


# --- blocks ---------------------------------------------------------------------------------


@dataclass
class _Block:
    start: int  # offset of the content (after any list marker)
    text: str
    indent: int
    is_item: bool
    section: str | None
    numbered: bool = False


def _blocks(
    text: str, start: int, end: int, headings: list[Heading],
    skipped: Sequence[tuple[int, int]] = (),
) -> list[_Block]:
    """Paragraphs and list items of text[start:end], each with its offset and section."""
    blocks: list[_Block] = []
    current: _Block | None = None
    section: str | None = None
    for h in headings:
        if h[0] < start:
            section = h[3]
    pos = start
    for line in text[start:end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        if any(a <= line_start < b for a, b in skipped):
            current = None
            continue
        if not line.strip():
            current = None
            continue
        hm = _HEADING.match(line.lstrip(" \t"))
        if hm:
            # A heading may stand indented inside a list item ("    ##### M8. …").
            section = _plain(hm.group(2))
            current = None
            if _EVIDENCE_SUMMARY.match(section):
                # left out with its paragraph, as the same words on a plain line are
                blocks.append(_Block(line_start, section, 0, False, section))
            continue
        lm = _LIST.match(line)
        if lm:
            marker = line[len(lm.group("indent")):lm.end()]
            current = _Block(line_start + lm.end(), line[lm.end():], len(lm.group("indent")),
                             True, section, numbered=bool(_NUMBERED.match(marker)))
            blocks.append(current)
        elif current is not None and (not current.is_item or line[:1] in (" ", "\t")):
            # A wrapped line continues the paragraph or item; keep the raw text so that
            # offsets into the document stay exact.
            current.text = text[current.start: line_start + len(line)]
        else:
            stripped = len(line) - len(line.lstrip())
            current = _Block(line_start + stripped, line.strip(), stripped, False, section)
            blocks.append(current)
    return _without_run_in_parts(blocks)


def _without_run_in_parts(blocks: list[_Block]) -> list[_Block]:
    """A sub-heading printed as a plain line ("Summary of Evidence Regarding Acupuncture")
    opens a part that explains, as the same words do as a heading: that line and the
    paragraph under it are left out."""
    out: list[_Block] = []
    skip_next = False
    for blk in blocks:
        line = blk.text.strip()
        if (not blk.is_item and "\n" not in line and len(line.split()) <= 12
                and not re.search(r"[.:;!?]$", line)
                and (_SKIP_HEADING.match(_plain(line)) or _EVIDENCE_SUMMARY.match(_plain(line)))):
            skip_next = True
            continue
        if skip_next and not blk.is_item:
            skip_next = False
            continue
        skip_next = False
        out.append(blk)
    return out


def _stem_for(blocks: list[_Block], idx: int) -> str | None:
    """The lead-in of a nested list item ("In adults with SCD and a VOC" above its bullets)."""
    blk = blocks[idx]
    if not blk.is_item or blk.indent == 0:
        return None
    for j in range(idx - 1, -1, -1):
        prev = blocks[j]
        if prev.is_item and prev.indent < blk.indent:
            stem = _clean(prev.text)
            if _closing_label(prev.text) or stem.endswith("."):
                return None
            return stem.rstrip(":")
        if not prev.is_item:
            return None
    return None


def _long_enough(body: str) -> bool:
    """At least three words, or four Chinese characters (Chinese has no spaces)."""
    return len(body.split()) >= 3 or len(re.findall(r"[\u4e00-\u9fff]", body)) >= 4


# --- labels in a block ----------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    raw: str
    label: Label | None
    """None: printed like a label but not understood."""


def _labels_in(text: str) -> list[_Found]:
    """Labels that close a statement: understood ones anywhere, unknown label-like notes
    only where a statement ends (end of the block or of a sentence)."""
    out = []
    for m in LABEL.finditer(text):
        raw = label_text(m)
        label = classify_label(raw)
        if label is not None:
            out.append(_Found(m.start(), m.end(), raw, label))
            continue
        tail = text[m.end():].lstrip(" *")
        at_end = not tail or tail[:1] in ".;\n" or bool(re.match(r"[.;]?\s*$", tail))
        before = text[:m.start()].rstrip(" *")
        if at_end and looks_like_label(raw) and before[-1:] in ".。;；)" and _long_enough(before):
            out.append(_Found(m.start(), m.end(), raw, None))
    return out


def _closing_label(text: str) -> bool:
    return any(f.label is not None for f in _labels_in(text))


def _labelled_list(blocks: list[_Block], idx: int) -> tuple[str, int] | None:
    """(text, offset) of the list just above a lone label: lead-in plus its items."""
    items: list[_Block] = []
    j = idx - 1
    while j >= 0 and not blocks[j].is_item and re.match(r"\W*note", blocks[j].text, re.I):
        j -= 1  # a note between the list and its label
    top_level = j >= 0 and blocks[j].is_item and blocks[j].indent == 0
    while j >= 0 and blocks[j].is_item and (blocks[j].indent > 0 or top_level):
        if top_level and blocks[j].indent > 0:
            break
        items.append(blocks[j])
        j -= 1
    if j < 0 or not items or _closing_label(blocks[j].text):
        return None
    if top_level and (blocks[j].is_item or not blocks[j].text.rstrip().endswith(":")):
        return None
    stem = blocks[j]
    parts = [_clean(stem.text)] + [_clean(b.text) for b in reversed(items)]
    return " ".join(p for p in parts if p), stem.start


_GRADE_NOTE = re.compile(
    r"defined at the end|definitions? (?:of|for) the|grades its recommendations"
    r"|are provided at the end|is provided at the end|presented at the end",
    re.IGNORECASE,
)
# A new paragraph inside hard-wrapped text: a short line that ends a sentence, then a
# capital. (A sentence that happens to end at the right margin does not end a paragraph.)
_SENTENCE_END = re.compile(r"[.!?:;。！？；][\"'\u201d)\]*]*$")


def _paragraph_start(segment: str) -> int:
    """Offset of the last paragraph of ``segment``: the statement a label closes."""
    lines = segment.rstrip().split("\n")
    if len(lines) < 3:
        return 0
    width = max(len(line.rstrip()) for line in lines)
    last, offset = 0, 0
    for i, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        nxt = lines[i + 1].lstrip()
        short = len(line.rstrip()) < 0.7 * width
        heading = len(line.rstrip()) < 0.5 * width and not re.search(r"[.,;:]$", line.rstrip())
        if (short and (_SENTENCE_END.search(line.rstrip()) or heading)
                and re.match(r"[\"'\u201c]?[A-Z]", nxt)):
            last = offset
    return last


_GROUP_LEAD = re.compile(r"^\s*(?:[;,]\s*)?(?:(?:and|or|but)\b|(?:in|for|among)\b)", re.IGNORECASE)


def _graded(blocks: list[_Block], text: str) -> list[Recommendation]:
    recs: list[Recommendation] = []
    for idx, blk in enumerate(blocks):
        # A note on how grades are defined labels nothing. It may share a block with real
        # statements in extracted text: only its paragraph is skipped.
        note = _GRADE_NOTE.search(blk.text)
        if note and "\n" not in blk.text.strip():
            continue
        skip_until = blk.text.find("\n", note.end()) if note else -1
        prev_end = 0
        block_recs: list[Recommendation] = []
        for found in _labels_in(blk.text):
            if note and (skip_until < 0 or found.start < skip_until):
                continue
            seg_start = prev_end
            prev_end = found.end
            seg_start += _paragraph_start(blk.text[seg_start: found.start])
            segment = blk.text[seg_start: found.start]
            body = _clean(segment)
            if (block_recs and found.label is not None and len(body.split()) <= 8
                    and _GROUP_LEAD.match(body)):
                # "… in children (label); in adults (label)": one statement, graded per group.
                _add_group(block_recs[-1], body, found, blk.text, blk.start)
                continue
            # The stop or line break after the previous label is not part of this statement.
            lead = len(segment) - len(segment.lstrip(" .;,\n\t"))
            body = _clean(segment[lead:])
            location = blk.start + seg_start + lead
            source = blk.text[seg_start + lead: found.end]
            note = _PROVENANCE_BEFORE_LABEL.search(blk.text[seg_start + lead: found.start])
            if note is not None and note.start() > 0:
                # "… vaccination. *Modified from the 2007 CPG …*. (Strong For)": the note
                # belongs to the label; the statement is what comes before it.
                source = blk.text[seg_start + lead: seg_start + lead + note.start()].rstrip()
                body = _clean(source)
            label = found.label
            if label is not None and label.scheme == "recommended/not recommended" and body:
                # "Iontophoresis (**not recommended**)": the label is the advice itself.
                if "recommend" not in body.lower():
                    body = f"{body} ({label.grade})"
            elif not _long_enough(body):
                # A label alone under a list labels the lead-in item and its sub-items.
                listed = _labelled_list(blocks, idx) if seg_start == 0 else None
                if listed is None:
                    continue
                body, location = listed
                source = text[location: blk.start + found.end]
            elif label is not None and _opens_list(blk.text, segment, found) \
                    and _list_follows(blocks, idx):
                # "… about the following: (label)" or "… such as (label):" over a list: the
                # label closes the lead-in, and the lead-in goes on into its items.
                last = _list_last(blocks, idx)
                colon = ":" if not body.endswith(":") else ""
                items = [_clean(b.text) for b in blocks[idx + 1: last + 1]]
                body = " ".join([body + colon, *items])
                source = text[location: _list_end(blocks, idx, following=True)]
            rec = _make_graded(body, source, found, blk, location)
            rec.context = _stem_for(blocks, idx) if location >= blk.start else None
            stem = _unfinished_stem(blocks, idx, body) if location >= blk.start else None
            if stem is not None:
                # "… the Work Group recommends offering" over one labelled bullet
                # "Extended-release injectable naltrexone (label)": one sentence, one statement.
                rec.text = f"{_clean(stem.text)} {body}"
                rec.source_text = text[stem.start: blk.start + found.end]
                rec.location, rec.context = stem.start, None
            block_recs.append(rec)
        recs.extend(block_recs)
    return recs


def _unfinished_stem(blocks: list[_Block], idx: int, body: str) -> _Block | None:
    """The item above a lone nested bullet when the bullet ends its sentence: the item
    advises but stops mid-sentence, and the bullet names the thing without a verb."""
    blk = blocks[idx]
    if not blk.is_item or blk.indent == 0 or _CUE.search(body):
        return None
    j = idx - 1
    while j >= 0 and blocks[j].is_item and blocks[j].indent >= blk.indent:
        j -= 1
    if j < 0 or not blocks[j].is_item or j != idx - 1:
        return None  # not the only bullet, or no item above it
    stem = blocks[j]
    words = _clean(stem.text)
    if (re.search(r"[.:;?!)]$", words) or _labels_in(stem.text) or not _CUE.search(words)
            or (idx + 1 < len(blocks) and blocks[idx + 1].is_item
                and blocks[idx + 1].indent > stem.indent)):
        return None
    return stem


def _opens_list(block: str, segment: str, found: _Found) -> bool:
    """Is this label the last thing of a lead-in that ends in ":" (before or after it)?"""
    tail = block[found.end:].strip(" *\t\n")
    return tail in ("", ":") and (tail == ":" or segment.rstrip(" *").endswith(":"))


# An italic provenance note printed between a statement and its label.
_PROVENANCE_BEFORE_LABEL = re.compile(
    r"(?<=[.!?])\s*\*?(?:Modified|Adapted|Carried (?:over|forward)|Amended|Updated) from\b"
    r"[^*]{0,240}?\*?\.?[\s*]*$")


def _make_graded(body: str, source: str, found: _Found, blk: _Block,
                 location: int) -> Recommendation:
    label = found.label
    said = statement_direction(body)
    if label is None:
        direction = said or Direction.FOR
        strength = Strength.INSUFFICIENT if said is Direction.INSUFFICIENT else Strength.UNGRADED
        return Recommendation(
            id="", text=body, source_text=source, grade=" ".join(found.raw.split()).strip("* "),
            scheme="unknown", strength=strength, direction=direction, section=blk.section,
            location=location, label_understood=False,
        )
    direction = label.direction or said or Direction.FOR
    strength = label.strength
    if direction is Direction.INSUFFICIENT and label.direction is None:
        strength = Strength.INSUFFICIENT
    return Recommendation(
        id="", text=body, source_text=source, grade=label.grade, scheme=label.scheme,
        strength=strength, direction=direction, section=blk.section, location=location,
    )


def _add_group(rec: Recommendation, body: str, found: _Found, block: str, base: int) -> None:
    assert found.label is not None
    if not rec.groups:
        rec.groups.append(GradeGroup(population=_population(rec.text), grade=rec.grade or "",
                                     strength=rec.strength))
    rec.groups.append(GradeGroup(population=_population(body), grade=found.label.grade,
                                 strength=found.label.strength))
    rec.text = f"{rec.text} {body}".strip()
    rec.source_text = block[rec.location - base: found.end]


def _population(text: str) -> str:
    m = re.search(r"\b(?:in|for|among)\s+([^,;()]{2,60})", text, re.IGNORECASE)
    return m.group(1).strip() if m else text[:60]


# --- unlabelled statements ------------------------------------------------------------------

# Verbs whose imperative opens an advice sentence ("Offer …", "Closely monitor …").
_IMPERATIVES = (
    "offer|consider|do not|don't|avoid|use|test|screen|give|refer|assess|evaluate|treat"
    "|administer|monitor|provide|obtain|perform|discuss|counsel|educate|ensure|encourage"
    "|document|repeat|continue|discontinue|stop|start|initiate|prescribe|measure|check|ask"
    "|advise|instruct|teach|reassess|determine|base|maintain|follow|involve|limit|identify"
    "|select|recommend|approach|gather|secure|conduct|choose|recognize|establish|pay|inquire"
    "|inform|explain|review|arrange|schedule|confirm|consult|notify|record|report|restrict"
    "|remove|reduce|increase|decrease|titrate|taper|withhold|implement|develop|apply"
    "|incorporate|engage|vaccinate|immunize|transfuse|calculate|reassure|re-evaluate"
    "|re-assess|attempt|make"
)
_CAPITALISED = "|".join(v[:1].upper() + v[1:] for v in _IMPERATIVES.split("|"))
_CUE = re.compile(
    # "the recommended algorithm" names a thing; "X is recommended" advises
    r"\b(?:recommend(?:s|e)?|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthis )(?<!\bthese )recommended"
    r"|recommendation is|suggests?|should|must|shall"
    r"|is indicated|are indicated|not indicated|advises?|is advised|are advised|encouraged"
    r"|(?:is|are) (?:an? |the )?preferred|(?:is|are) (?:not )?(?:considered |particularly "
    r"|especially |most |more )?(?:appropriate|suitable)|(?<!\bwho may )(?<!\bwho )need(?:s)? to"
    r"|needed|(?:is|are) suggested|is the recommendation|(?:[Pp]hysician|[Pp]rovider"
    r"|[Cc]linician|[Pp]ractitioner|[Pp]rofessional|[Pp]sychiatrist|[Tt]herapist)s? may"
    r"|is necessary|are necessary|not necessary|is required|are required|(?:is|are) unnecessary"
    r"|need not|(?<!who )(?<!that )(?:do|does) not need|(?:is|are) not needed"
    r"|(?:is|are|be) (?:more |most )?(?:practical|preferable)"
    r"|not (?:generally |routinely |usually )?indicated|can be (?:administered|used|given|offered"
    r"|considered|performed|repeated|decreased|abbreviated|shortened|discontinued|stopped"
    r"|provided|delivered|utili[sz]ed|employed|prescribed|ordered|tried|initiated|continued)"
    # "Patients with renal disease may need longer intervals": what a patient may need
    r"|\b(?:[Pp]atients?|[Ww]orkers?|[Ii]ndividuals?|[Pp]eople|[Tt]hose)\b[^.;]{0,100}?"
    r"(?<!\bwho )(?<!\bwhich )(?<!\bthat )\bmay "
    r"(?:also |occasionally |sometimes |only )?(?:need|require|receive|try|choose|undergo|alter"
    r"|use|utili[sz]e"
    r"|adjust|modify)\b"
    # "Postoperative therapy will frequently require a repeat …": what the care will need
    r"|\bwill (?:\w+ )?(?:require|need)\b"
    # "may extend longer", "may warrant durations beyond …": what the care may go to
    r"|\bmay (?:also )?(?:extend (?:longer|durations?)|warrant)\b"
    r"|\bmay be the only \w+ (?:required|needed)\b"
    r"|\b(?:is|are) (?:medically |clinically )?justified\b|\b(?:is|are) accepted (?:in|for)\b"
    # "X, Y and Z are all relative contraindications": when not to give it
    r"|\b(?:is|are) (?:all |also )?(?:an? )?(?:relative |absolute )?contraindications?\b"
    r"|(?<!which )(?<!that )(?<!who )may (?:also |occasionally |sometimes |then |still |only )?"
    r"(?:not )?be (?:an? (?:\w+ )?alternative\b|(?:occasionally |more |most )?(?:considered"
    r"|used|appropriate|ordered|trialed|trialled"
    r"|indicated|tried|reasonable|useful|helpful|beneficial|necessary|employed|utili[sz]ed|required"
    r"|attempted|incorporated|made"
    r"|performed|given|offered|prescribed|added|repeated|continued|initiated|done|obtained"
    r"|followed|monitored|re-?assessed|re-?evaluated|discharged|referred|provided|delivered"
    r"|administered|applied|supplied|instituted|implemented))"
    # "Treatment may utilize manual therapy": the active voice of "may be utilized"
    r"|(?<!which )(?<!that )(?<!who )\bmay (?:also )?(?:utili[sz]e|employ)\b"
    # "X is the procedure of choice for …", "is considered first-line treatment"
    r"|\b(?:is|are|remains?) (?:considered |generally |usually )?(?:to be )?(?:the |an? )?"
    r"(?:[\w-]+ ){0,3}of choice\b(?! (?:of|among|by)\b)"
    r"|\b(?:is|are|remains?) (?:considered |generally |usually )?(?:the |an? )?first[- ]line\b"
    # "injections that may be used for specific nerve injury": the case it is used in
    r"|\b(?:that|which) may (?:also )?be used (?:for|in)\b"
    r"|is reasonable|(?:is|are) not contraindicated|(?:may|might) undergo|mandates? that"
    r"|\bno longer (?:be )?(?:\w+ )?(?:indicated|advised|appropriate|warranted|necessary|needed)\b"
    # "is rarely indicated", "is generally not required": a verdict with its adverb
    r"|\b(?:is|are) (?:\w+ )?(?:rarely|seldom) (?:necessary|needed|indicated|required|appropriate"
    r"|warranted)\b"
    r"|\bnot (?:usually |generally |routinely |always |typically )(?:necessary|needed|required)\b"
    r"|\b(?:is|are) (?:not advisable|inadvisable)\b"
    # "Celecoxib is contraindicated in …": when not to give it (not "rarely contraindicated",
    # not a condition: "for whom X is contraindicated")
    r"|^(?:(?!\b(?:whom?|if|when|unless|which|that|where|because|since|while)\b)[^,;:.]){0,100}?"
    r"\b(?:is|are) (?:generally |relatively |absolutely |also |usually )?contraindicated\b"
    r"|\b(?:is|are) (?:generally |usually |routinely |typically |often )?not (?:required"
    r"|needed)\b(?! to (?:pay|cover|reimburse))"
    r"|\b(?:is|are) (?:generally |also |usually )?(?:an? )?acceptable (?:for|as|alternative"
    r"|option|treatment|approach|choice)\b|\b(?:is|are) not (?:\w+ )?acceptable\b"
    # "Surgery is an option for patients who …"
    r"|\b(?:is|are) (?:also )?(?:an? |one )?(?:reasonable |acceptable |additional )?options?"
    r" (?:for|in|when)\b"
    # "No treatment plan is complete without …": a required part of care
    r"|(?:is|are) (?:not |never )?complete without"
    # "Not all peripheral nerve blocks require fluoroscopy": when it is not needed
    r"|^Not all\b[^.;]{1,80}\b(?:require|need)\b"
    r"|(?:is|are) (?:strongly )?discouraged|(?:is|are) (?:not )?(?:routinely |generally )?warranted"
    # "Factors to consider are …", "Issues that should be considered include …"
    r"|(?:to (?:be )?(?:consider|address|assess|evaluat)(?:ed|e)?|that (?:should|must) be "
    r"considered) (?:are|include)"
    r"|(?:require|requires) (?:an? )?(?:immediate |urgent |prompt |further |adequate |careful "
    r"|close |[a-z]+ )?(?:re-?assessment|re-?evaluation|evaluation|hospitali[sz]ation|referral"
    r"|admission|monitoring|supervision)"
    r"|(?:is|are) best (?:used|treated|given|managed|reserved|avoided|performed|done)"
    r"|(?:is|are) to be (?:used|given|performed|avoided|considered|offered|done|reserved)"
    r"|[Tt]here is no indication for|(?:is|are) (?:essential|inappropriate|questionable)"
    r"|(?:that may be|to be) considered include"
    r"|warrants? (?:an? )?(?:increase|closer|close|further|additional|careful|prompt|immediate)"
    r"|(?:treatment|therapeutic) goal (?:is|should be) to"
    r"|[Aa]n? essential (?:element|part|component|step)"
    r"|(?<!contra)indications? (?:to|for) (?:use|using|the use of))\b"
    # "Indications – …" in prose; a table row of indications is not a sentence
    r"|^(?:[A-Z][a-z-]+ )?(?:Contra)?[Ii]ndications?(?:/[A-Za-z]+)?(?: (?:for|to) [^.;:|]{1,60})?"
    r"\s*[\u2013\u2014:-]\s(?![^|]*\|)"
    r"|\b[Ii]t is (?:important|essential|imperative|necessary|advisable|prudent|reasonable"
    r"|inappropriate|not appropriate|appropriate) to\b"
    # "Indications include …", "General contraindications include …": when to use it or not
    r"|^(?:[A-Z][a-z]+: )?(?:[A-Z][a-z-]+ )?(?:[Cc]ontra)?[Ii]ndications?"
    r"(?: (?:for|to) [^.;:]{1,60})? include\b|^Other applications include\b"
    # "X is a treatment option", "is initially accomplished with X": what care to give
    r"|\b(?:is|are) (?:listed (?:[^.;]{0,30} )?as |an? )(?:\w+ )?(?:treatment|therapeutic) option\b"
    r"|\b(?:is|are) (?:initially|first) (?:accomplished|achieved|managed) with\b"
    r"|\b[Ii]t is the (?:responsibility|duty|role) of\b[^.;]{1,80}?\bto\b"
    r"|^(?:(?:Closely|Carefully|Routinely|Regularly|Always|Rapidly|Immediately|Promptly"
    r"|Gradually|Periodically|Strongly|Also|Then|And|Frequently|Initially|First),? "
    rf"(?:{_IMPERATIVES}|{_CAPITALISED})|(?:{_CAPITALISED}))\b(?!-| of\b)"
    # "Use of X instead of Y: perform …", "…: if negative, perform …"
    rf"|:\s+(?:(?:[Ii]f|[Ww]hen|[Ff]or)\b[^,;:.]{{3,120}}, )?(?:{_IMPERATIVES})\b(?!-| of\b)"
    # "In most cases, test …"; not "In 1950, a test was developed": a noun with its article
    r"|^(?:When|If|In|For|During|After|Before|At|To)\b[^.;:]{3,120}?, "
    r"(?:(?!(?:a|an|the|this|that|these|those|its|their|each|every|any|some|no)\b)[a-z]+ )?(?:offer"
    r"|consider|do not|avoid|use|test|screen|give|refer|assess|evaluate|treat|administer"
    r"|monitor|provide|obtain|perform|discuss|counsel|educate|ensure|encourage|document|repeat"
    r"|continue|discontinue|stop|start|initiate|prescribe|measure|check|ask|advise|pay|limit"
    r"|maintain|reassess|transfuse|calculate|base|select|choose|establish|follow|re-evaluate"
    r"|re-assess)\b"
    r"|no recommendations? (?:could|can|was|were) (?:be )?made"
    r"|推荐|建议|应当|应该|宜|需",
)
_NOT_ADVICE = re.compile(
    r"^(?:(?:also |please )?refer to|(?:also )?see |for more|for additional|for further|note\b|"
    r"this recommendation|these recommendations|the recommendations?\b"
    r"|the following\b(?![^.:]*\b(?:(?:is|are) (?:\w+ ){0,2}(?:suggested|recommended)|should"
    r"|must)\b))"
    r"|original guideline document|summary of the task force|\?$"
    r"|\brecommendations?\b[^.;]{0,80}\b(?:supersedes?|replaces?)\b"
    # a research need, a pointer elsewhere, or a sentence that only announces what follows
    r"|\b(?:studies|research|trials) (?:would be|is|are|will be) needed\b"
    r"|\b(?:to|should) reference\b|\bconsider (?:these|the following) (?:\w+ ){0,3}(?:issues|points"
    r"|principles)\b[^.:]{0,60}\.$"
    r"|\bread the (?:full|original|complete|entire) (?:guideline|document|text|report)\b"
    r"|is available at|are available at|^definitions?\b|(?:provided|presented|defined|found) "
    r"at the end|\(design:",
    re.IGNORECASE,
)
# Evidence findings are not advice unless the same sentence also says what to do ("… and
# therefore is not recommended"); paperwork (records, payers) is not advice unless it also
# recommends the care ("… is not recommended and requires prior authorization").
_FINDING = re.compile(
    r"\bthere is (?:some|good|strong|limited|moderate) evidence"
    r"|\b(?:stud(?:y|ies)|trials?|meta-analys[ie]s) (?:shows?|showed|found|suggests?"
    r"|demonstrates?)|\b(?:available |current )?evidence (?:suggests|shows|indicates)\b"
    r"|\b(?:is|are|was|were) associated with\b|\bincreases? the risks? of\b",
    re.IGNORECASE,
)
_PAPERWORK = re.compile(
    r"\b(?:maintain|keep)\b[^.]{0,40}\brecords?\b"
    r"|\b(?:in|into|within|as part of) the (?:patient's )?medical record\b"
    r"|\binto an? (?:IIS|registry|database)\b"
    r"|\bcopy of\b[^.;]{0,60}\b(?:results|records?|reports?|documentation)\b"
    r"|\bprior authorization\b|\b(?:covered|paid) by the (?:insurer|carrier|payer)\b"
    r"|^(?:the )?(?:carriers?|insurers?|payers?|(?:claims? )?adjusters?)"
    r"(?:,? (?:and|or) (?:the )?(?:carriers?|insurers?|payers?|(?:claims? )?adjusters?))?"
    r" (?:has|have|must|should|shall|are|is)\b"
    r"|\bfinal determination\b"
    # billing, coding, accreditation and reports sent to payers
    r"|\b(?:billed|billing|billable|for coding purposes|reimburs\w+|compensable)\b"
    r"|\b(?:must|should|shall) be (?:Level \w+ )?accredited\b"
    r"|\b(?:submit|sen[dt]|forward|report)\w*\b[^.;]{0,40}\bto the (?:insurer|carrier|payer"
    r"|adjuster|Division)\b"
    r"|\b(?:disclos|releas)\w* of (?:the )?(?:protected health information|PHI)\b"
    r"|\bsign\w*\b[^.;]{0,30}\b(?:declination|waiver)\b"
    r"|\bdocument(?:ation|ed)? (?:of|that) (?:understanding|the client)\b",
    re.IGNORECASE,
)
_RECOMMENDED = re.compile(r"\brecommended\b", re.IGNORECASE)
_EVIDENCE = re.compile(r"\(\s*\**\s*design\s*:", re.IGNORECASE)
_NICE_STRONG = re.compile(r"^(?:Offer|Do not offer)\b")
_NICE_WEAK = re.compile(r"^Consider\b")
_WORDED_STRENGTH = (
    # CPSTF: "recommends … on the basis of strong / sufficient evidence"
    (re.compile(r"recommend\w*\b.{0,200}\b(?:on the basis of|based on) strong evidence"
                r"|based on strong evidence\b.{0,200}\brecommend", re.I | re.S), Strength.STRONG),
    (re.compile(r"recommend\w*\b.{0,200}\b(?:on the basis of|based on) sufficient evidence"
                r"|based on sufficient evidence\b.{0,200}\brecommend", re.I | re.S),
     Strength.MODERATE),
    # LMBP: "Based on the moderate evidence of effectiveness, … is recommended"
    (re.compile(r"based on (?:the )?high(?:-quality)? evidence\b.{0,200}\brecommend", re.I | re.S),
     Strength.STRONG),
    (re.compile(r"based on (?:the )?moderate evidence\b.{0,200}\brecommend", re.I | re.S),
     Strength.MODERATE),
)
_SENT_SPLIT = re.compile(
    r"(?<=[.!?。；！？])[\"'\u201d)\]*]*\s+(?=(?:\*{1,3}|[\"'\u201c(\[])?[A-Z0-9])|(?<=[。！？；])"
)
_ABBREV_END = re.compile(
    # a dotted initialism ("L.A.c.", "Ph.D.") rarely ends a sentence
    r"(?:\b(?:e\.g|i\.e|vs|etc|al|approx|Dr|No|Fig|U\.S|ca|cf|St|Jr|Sr|Inc|Dipl|Mr|Mrs|Ms|Prof|incl|esp|Vol|pp|Sec|Ch|Ref|Corp|Ltd|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\."
    r"|\b[A-Z]\."
    r"|\b[A-Z][a-z]?\.(?:[A-Za-z]\.)+)$"
)


# Sentences that belong to the one before them: a reference in parentheses printed as a
# sentence of its own ("(See Annotation C.)"), and an example of what was just advised.
_ATTACHED = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*(?:\)\.?)?$|(?:For example|For instance"
                       r"|E\.g\.),", re.IGNORECASE)


def _closing_quotes(piece: str, gap: str) -> int:
    """How many of the quotation marks after a sentence's full stop close a quotation the
    sentence opened ('… listed as "maximum." Next'): they belong to it, or the reader
    gets an unbalanced quotation mark."""
    marks = len(gap) - len(gap.lstrip("\"\u201d"))
    if not marks:
        return 0
    open_quote = piece.count('"') % 2 == 1 or piece.count("\u201c") > piece.count("\u201d")
    return marks if open_quote else 0


# How far ahead a bracket opened inside a sentence may close and still hold the sentence open.
_BRACKET = 200


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        piece = text[start: m.start()]
        if _ABBREV_END.search(piece.rstrip()) and not m.group().startswith(")"):
            continue  # "e.g. X", "Dr. X"; but "(See Annotation C.) X" ends a sentence
        upto = piece + m.group()
        if upto.count("(") > upto.count(")") and ")" in text[m.end(): m.end() + _BRACKET]:
            continue  # '(i.e., "Patient admitted. Inpatient …")': the bracket closes later
        spans.append((start, m.start() + _closing_quotes(piece, m.group())))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not text[s:e].strip():
            continue
        if out and _ATTACHED.match(text[s:e].strip()):
            if text[e:e + 1] == ")":
                e += 1  # the bracket that closes it stood between the sentences
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_TOO_WEAK = re.compile(
    r"^There (?:is|are) (?:currently )?(?:no|insufficient|inadequate|inconsistent|conflicting"
    r"|not enough)"
    r" (?:empirical |clear |good |consistent )?(?:evidence|data)\b")


def _gerund(verb: str) -> str:
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        return verb[:-1] + "ing"
    return verb + "ing"


# A list of actions in the -ing form ("Avoiding daytime napping.", "Keeping a regular
# schedule.") under a lead-in that only introduces it: each entry advises.
_GERUND_ADVICE = re.compile(
    r"^(?:" + "|".join(sorted({_gerund(v).capitalize() for v in (
        _IMPERATIVES + "|keep|get|take|leave|stay|wear|eat|drink|exercise|walk|sleep|quit"
        "|eliminate|minimize|minimise").split("|") if " " not in v and "'" not in v})) + r")\b"
)
_DIRECTS = re.compile(r"\b(?:should|must|needs? to|recommend\w*|advise\w*|indicated|appropriate)\b",
                      re.IGNORECASE)


@lru_cache(maxsize=8192)
def _is_advice(body: str, lang: str, lead_in: bool = False) -> bool:
    """``lead_in``: the sentence leads a list, whose items say the rest."""
    if len(body.split()) < 4 and lang != "zh" and "recommended" not in body and not lead_in \
            and not _RUN_IN_CASE.match(body):
        return False
    plain = strip_references(body)
    if _not_care(plain):
        return False
    cue = _CUE.search(body)
    if cue is not None and cue.start() == 0 and _NOUN_SUBJECT.match(body):
        cue = _CUE.search(body, 1)  # "Repeat surgery rates range …": no imperative there
    return cue is not None and not _NOT_ADVICE.search(plain)


# "Contraindications: Active infection.": a case named after its run-in label says enough.
_RUN_IN_CASE = re.compile(
    r"^(?:[A-Z][a-z-]+ )?(?:Contra)?[Ii]ndications?\s*[:\u2013\u2014-]\s*\w+ \w+")


# A verb's word opening a noun phrase that the sentence then says something about ("Report
# writing is …", "Increase in pain is common"): an imperative would not be followed by the
# sentence's own verb after a few words, unless a clause ("if", "that", "who") comes between.
_NOUN_SUBJECT = re.compile(
    r"^(?:Report|Repeat|Secure|Increase|Decrease|Limit|Base|Review|Test|Screen|Check|Record"
    r"|Start|Stop|Use|Monitor|Schedule|Measure|Follow|Approach|Pay|Reduce|Select|Taper|Document"
    r"|Treat|Remove|Identify|Maintain|Control|Support|Return)\b(?:-\w+)?"
    r"(?: (?!(?:if|when|whenever|unless|until|that|who|whom|whose|which|because|as|so|while"
    r"|where|before|after|once|to|and|or)\b)[\w'-]+){0,4} (?:is|are|was|were|has|have|had"
    r"|ranges?|includes?|consists?|involves?|var(?:y|ies)|remains?|seems?|appears?|takes?"
    r"|occurs?)\b")


# A regulator's warning reported as a fact ("The FDA advises that many NSAIDs may cause …").
_REPORTED = re.compile(
    r"\b(?:FDA|Food and Drug Administration)\b[^.;]{0,20}\b(?:advises|warns|cautions) that\b")


# What a treatment is, not what to do with it: "X are generally accepted, well-established
# procedures that can be performed …", "the type of program needed will depend on …".
_DESCRIBES = re.compile(
    r"\b(?:generally accepted|well-established|well-accepted|widely accepted)\b"
    r"|\bneeded (?:will )?(?:depends?|vary|varies)\b"
    # "X can be used to reduce pain, reduce inflammation, …": what it does, not when to use it
    r"|^[^,;]{0,80}\bcan be used to \w+[^.;]*,[^.;]*,"
    # how well it works is evidence, not advice: "may be occasionally effective",
    # "may be useful for treatment of mild and chronic pain"
    r"|\bmay (?:\w+ )?be (?:occasionally |very |most |more )?effective\b"
    r"|\b(?:is|are|may be) (?:\w+ )?useful for (?:the )?(?:treatment|treating|management|relief)\b"
    # "a provider may help stabilize the patient": what happens, not what to do
    r"|\b(?:provider|physician|clinician|therapist|practitioner)s? may (?:help|assist|aid|feel"
    r"|believe|think)\b"
    # "This procedure involves …", "The technique consists of …": what it is
    r"|^(?:this|the|these|each|such)(?: [\w-]+){0,3}? (?:procedures?|techniques?|treatments?"
    r"|therap(?:y|ies)|tests?|injections?|interventions?|surger(?:y|ies)|operations?|methods?"
    r"|devices?|modalit(?:y|ies)|programs?|blocks?|approach(?:es)?) (?:involves?|consists? of"
    r"|entails?|comprises?|works by|is (?:done|performed|carried out) by)\b"
    # the history of a technique: "was first described in 1950", "Historically, …"
    r"|\b(?:was|were) (?:first |originally |initially )?(?:developed|described|introduced"
    r"|invented|pioneered|popularized)\b[^.;]{0,40}?\b(?:in (?:the )?(?:1[89]|20)\d\d|by [A-Z])"
    r"|^(?:historically|traditionally|originally),? ",
    re.IGNORECASE)
# What the guideline's authors did or know ("The Division recognizes that …", "These
# guidelines were developed by …"): about the guideline, not about care.
_ABOUT_THE_GUIDELINE = re.compile(
    r"^(?:the|this) (?:division|work group|task force|committee|panel|guideline development "
    r"group)\b[^.;]{0,40}?\b(?:recogni[sz]es|acknowledges|provides|(?:has|have) (?:adopted"
    r"|developed|published|established|created|issued)|adopted|developed|publishes|published"
    r"|intends|plans|is (?:aware|responsible)|will (?:update|revise|review))\b"
    r"|^(?:these|this|the) guidelines? (?:was|were|is|are|has been|have been) (?:\w+ )?"
    r"(?:developed|written|revised|updated|adopted|published)\b",
    re.IGNORECASE)


@lru_cache(maxsize=8192)
def _not_care(plain: str) -> bool:
    """An evidence finding, a reported warning, a description or a paperwork rule rather
    than advice about care."""
    return bool(((_FINDING.search(plain) or _DESCRIBES.search(plain))
                 and not _DIRECTS.search(plain)) or _REPORTED.search(plain)
                or _ABOUT_THE_GUIDELINE.search(plain)
                or (_PAPERWORK.search(plain) and not _RECOMMENDED.search(plain)
                    and not _CARE_USE.search(plain) and not _DOCUMENTS_CARE.search(plain)))


# "The findings should be documented in the medical record": recording the care given is
# part of the care; keeping records or registries is not ("maintain records", "entered into").
_DOCUMENTS_CARE = re.compile(
    r"\b(?:should|must|shall|needs? to)(?: (?:also|always|clearly|carefully|then))? (?:be )?"
    r"(?:\w+ly )?(?:document(?:ed)?|record(?:ed)?)\b", re.IGNORECASE)


# "BMP should only be used for … and requires prior authorization": the care said first.
_CARE_USE = re.compile(r"\b(?:should|must) (?:only |not |never )?be (?:used|given|performed"
                       r"|prescribed|administered|offered)\b", re.IGNORECASE)


def _ungraded(blocks: list[_Block], lang: str, text: str, nice: bool = True
              ) -> list[Recommendation]:
    labelled = [b for b in blocks if re.match(r"\**Recommendations?\**\s*:", b.text)]
    recs: list[Recommendation] = []
    if labelled:
        for blk in labelled:
            m = re.match(r"\**Recommendations?\**\s*:\s*", blk.text)
            assert m is not None
            for s, e in _sentence_spans(blk.text[m.end():]):
                # Every sentence of a "Recommendation:" paragraph is part of the advice.
                sent = blk.text[m.end() + s: m.end() + e].rstrip()
                if _says_something(sent):
                    recs.append(_ungraded_rec(sent, blk, blk.start + m.end() + s, nice))
        return recs
    consumed = -1  # list items up to this block belong to a lead-in already taken
    for idx, blk in enumerate(blocks):
        if idx <= consumed or blk.text.lstrip("*_ ").lower().startswith("note"):
            continue  # a pointer ("Refer to …") is left out sentence by sentence
        if _EXPLAINS_RUN_IN.match(blk.text):
            continue  # "**Rationale**: …" explains the statement above it
        under = _INDICATIONS_LINE.match(f"{blk.section or ''}:")
        if under and blk.is_item and (idx == 0 or blocks[idx - 1].section != blk.section):
            # a list right under an "Indications" heading: as under an "Indications:" line
            last_item = idx
            while (last_item + 1 < len(blocks) and blocks[last_item + 1].is_item
                   and blocks[last_item + 1].section == blk.section):
                last_item += 1
            recs += _indication_items(blocks[idx: last_item + 1], text,
                                      bool(under.group("contra")), nice)
            consumed = last_item
            continue
        if under and not blk.is_item and _FRAGMENT.match(_clean(blk.text)):
            # "Failure of conservative care for 6 weeks." alone under the heading: a case
            rec = _ungraded_rec(blk.text.rstrip(), blk, blk.start, nice)
            if under.group("contra"):
                rec.direction = Direction.AGAINST
            recs.append(rec)
            continue
        spans = _sentence_spans(blk.text)
        for k, (s, e) in enumerate(spans):
            sent = blk.text[s:e].rstrip()
            lead = len(sent) - len(sent.lstrip())
            last = e >= len(blk.text.rstrip())
            # "Indications:", or a line, bullet or last sentence that only names them
            # ("**Indications**"; "… Indications for surgery", a heading run into the
            # paragraph above it: mutation run of round 28)
            heading = _INDICATIONS_LINE.match(_clean(sent)) or _INDICATIONS_LINE.match(
                _clean(sent) + ":")
            if last and (heading or _leads(sent)) and _list_follows(blocks, idx):
                end = _list_end(blocks, idx, following=True)
                listed = text[blk.start + s + lead: end]
                if _statements_listed(blocks, idx, lang):
                    continue  # each entry is advice of its own; the lead-in only frames them
                if heading:
                    # "Indications:" over fragments: each case is a statement of when to use
                    # it (or, under "Contraindications:", when not to).
                    last_item = _list_last(blocks, idx)
                    recs += _indication_items(blocks[idx + 1: last_item + 1], text,
                                              bool(heading.group("contra")), nice)
                    consumed = max(consumed, last_item)
                    continue
                if _is_advice(_clean(sent), lang, lead_in=True):
                    # A lead-in that advises, ending in ":", and its list are one statement;
                    # a lead-in that only introduces ("are listed below:") leaves each item
                    # that advises to stand alone.
                    at = blk.start + s + lead
                    if k and _GOES_ON.match(sent[lead:]):
                        at, listed = _with_sentence_before(blk, spans[k - 1], recs, text, end)
                    recs.append(_ungraded_rec(listed, blk, at, nice))
                    consumed = max(consumed, _list_last(blocks, idx))
                continue
            listed_action = blk.is_item and s == 0 and (
                bool(_GERUND_ADVICE.match(_clean(sent))) or _in_gerund_list(blocks, idx))
            # A numbered item of the list of recommendations that opens by saying the
            # evidence is too weak makes a statement: that no recommendation can be given;
            # so does such a sentence standing alone where nothing else is said of the care.
            too_weak = bool(_TOO_WEAK.match(_clean(sent))) and (
                (blk.numbered and s == 0) or _stands_alone(blocks, idx, spans, lang))
            if not (listed_action or too_weak or _is_advice(_clean(sent), lang)) \
                    or _EVIDENCE.search(sent) or (blk.is_item and _EVIDENCE.search(blk.text)):
                continue
            rec = _ungraded_rec(sent[lead:], blk, blk.start + s + lead, nice)
            rec.context = _stem_for(blocks, idx)
            if too_weak:
                rec.direction, rec.strength = Direction.INSUFFICIENT, Strength.INSUFFICIENT
            recs.append(rec)
    return _drop_nested(recs)


# A sentence that goes on from the one before it ("… managed effectively. And make the
# appropriate steps to:"): alone, it has lost its first half.
_GOES_ON = re.compile(r"(?:And|Or|But|Then)\s+[a-z]")


def _with_sentence_before(blk: _Block, before: tuple[int, int], recs: list[Recommendation],
                          text: str, end: int) -> tuple[int, str]:
    """Where a lead-in that goes on from the sentence before it starts, with that sentence,
    and its words up to the end of its list; the sentence is no statement of its own."""
    s, e = before
    sent = blk.text[s:e]
    at = blk.start + s + len(sent) - len(sent.lstrip())
    if recs and recs[-1].location == at:
        recs.pop()
    return at, text[at:end]


# A paragraph or item that opens with its role, as a run-in heading: the same parts that
# _SKIP_HEADING leaves out when they are headings.
_EXPLAINS_RUN_IN = re.compile(
    r"^[*_\s]*(?:rationale|limitations?|discussion|comments?|remarks?|justification"
    r"|quality of evidence|evidence(?: summary)?|benefits?|harms?|background)[*_\s]*:",
    re.IGNORECASE)


def _leads(sentence: str) -> bool:
    """Does the sentence lead the list after it ("…:", "The following … ." )?"""
    return sentence.endswith(":") or bool(_THE_FOLLOWING.search(sentence))


_THE_FOLLOWING = re.compile(r"\bthe following\b[^:]*\.$", re.IGNORECASE)


def _list_follows(blocks: list[_Block], idx: int) -> bool:
    nxt = blocks[idx + 1] if idx + 1 < len(blocks) else None
    return nxt is not None and nxt.is_item and (
        not blocks[idx].is_item or nxt.indent > blocks[idx].indent)


def _list_last(blocks: list[_Block], idx: int) -> int:
    """Index of the last list item that follows (or is nested under) block ``idx``."""
    base, last = blocks[idx], idx
    for j in range(idx + 1, len(blocks)):
        nxt = blocks[j]
        if not nxt.is_item or (base.is_item and nxt.indent <= base.indent):
            break
        last = j
    return last


# A line that only names the cases a list gives: "Indications:", "Relative contraindications:",
# "Surgical Indications/Considerations:", printed plain, bold or as a heading.
_INDICATIONS_LINE = re.compile(
    r"^(?:[A-Za-z-]+ )?(?P<contra>contra)?indications?(?:/[A-Za-z ]{1,30})?"
    # "Indications for surgery include:" has its verb: a lead-in that advises, one statement
    r"(?: (?:for|to) (?![^:]*\b(?:include|includes|are|is):$)[^:]{1,60})?:$",
    re.IGNORECASE)


# A case named without a verb of its own: a short noun phrase, one sentence at most.
_FRAGMENT = re.compile(
    r"^(?!.*\b(?:is|are|was|were|be|been|has|have|had|should|must|may|might|can|could|will"
    r"|would|shall|do|does|did|include|includes)\b)[A-Z][^.;:!?]{3,200}\.?$")


def _indication_items(entries: list[_Block], text: str, against: bool, nice: bool
                      ) -> list[Recommendation]:
    """Each top-level case of an indications list is a statement of when to use the care (of
    a contraindications list, when not to); a bare reference or a single word is not."""
    out: list[Recommendation] = []
    if not entries:
        return out
    top = entries[0].indent
    for j, entry in enumerate(entries):
        body = _clean(entry.text)
        if entry.indent != top or not _says_row(body) or len(body.split()) < 2:
            continue
        source = entry.text.rstrip()
        if source.endswith(":"):
            # "All of the following:" over cases of its own: one case with them
            nested = list(itertools.takewhile(lambda b: b.indent > top, entries[j + 1:]))
            if nested:
                source = text[entry.start: nested[-1].start + len(nested[-1].text)]
        rec = _ungraded_rec(source, entry, entry.start, nice)
        if against and not _is_advice(body, "en"):
            rec.direction = Direction.AGAINST  # an advice sentence in the list keeps its own
        out.append(rec)
    return out


def _in_gerund_list(blocks: list[_Block], idx: int) -> bool:
    """An entry opening with an -ing verb ("Associating the bed with sleep …") in a list
    whose other entries are actions in the -ing form: it is one more action."""
    if not re.match(r"[A-Z][a-z]+ing\b", _clean(blocks[idx].text)):
        return False
    others = [b for b in _list_around(blocks, idx) if b is not blocks[idx]]
    actions = sum(1 for b in others if _GERUND_ADVICE.match(_clean(b.text)))
    return len(others) >= 2 and 2 * actions > len(others)


def _stands_alone(blocks: list[_Block], idx: int, spans: list[tuple[int, int]],
                  lang: str) -> bool:
    """A one-sentence paragraph, and no other paragraph under its heading advises: what it
    says of the evidence is all the guideline says of that care."""
    blk = blocks[idx]
    if blk.is_item or len(spans) != 1:
        return False
    for other in blocks:
        if other is blk or other.section != blk.section:
            continue
        if any(_is_advice(_clean(other.text[a:b]), lang) for a, b in _sentence_spans(other.text)):
            return False
    return True


def _statements_listed(blocks: list[_Block], idx: int, lang: str) -> bool:
    """Is the list after block ``idx`` a list of statements rather than the end of one? Its
    entries are whole advice sentences, and one of them leads a list of its own ("Continued
    treatment should be monitored using objective measures such as:"): merged into the
    lead-in, that statement could not stand as one."""
    last = _list_last(blocks, idx)
    entries = blocks[idx + 1: last + 1]
    if not entries:
        return False
    top = min(b.indent for b in entries)
    heads = [b for b in entries if b.indent == top]
    nested_lead = any(
        b.indent == top and j + 1 < len(entries) and entries[j + 1].indent > top
        and b.text.rstrip().endswith(":") for j, b in enumerate(entries))
    whole = all(_is_advice(_clean(_sentence_of(b.text)), lang)
                and re.search(r"[.:]\s*$", _sentence_of(b.text)) for b in heads)
    return len(heads) >= 2 and nested_lead and whole


def _sentence_of(text: str) -> str:
    """The first sentence of a paragraph or item."""
    spans = _sentence_spans(text)
    return text[spans[0][0]: spans[0][1]] if spans else text


def _says_something(sentence: str) -> bool:
    body = _clean(sentence)
    plain = strip_references(body)
    if _not_care(plain):
        return False
    return len(body.split()) >= 4 and not _NOT_ADVICE.search(plain) \
        and not _EVIDENCE.search(sentence)


def _drop_nested(recs: list[Recommendation]) -> list[Recommendation]:
    """A list item already taken into its lead-in's statement is not a statement again."""
    out: list[Recommendation] = []
    for rec in recs:
        if out:
            prev = out[-1]
            if rec.source_text in prev.source_text and rec.location > prev.location:
                continue
        out.append(rec)
    return out


def _ungraded_rec(source: str, blk: _Block, location: int, nice: bool = True
                  ) -> Recommendation:
    """An unlabelled statement. ``nice``: the guideline has no labels at all, so NICE-style
    verbs ("Offer", "Consider") say how strong the advice is."""
    body = _clean(source)
    direction = statement_direction(body) or Direction.FOR
    strength, scheme = Strength.UNGRADED, "ungraded"
    if nice and _NICE_STRONG.match(body):
        strength, scheme = Strength.STRONG, "NICE"
    elif nice and _NICE_WEAK.match(body):
        strength, scheme = Strength.CONDITIONAL, "NICE"
    for pattern, worded in _WORDED_STRENGTH:
        if pattern.search(body):
            strength, scheme = worded, "worded"
            break
    if direction is Direction.INSUFFICIENT:
        strength = Strength.INSUFFICIENT
    return Recommendation(
        id="", text=body, source_text=source, grade=None, scheme=scheme, strength=strength,
        direction=direction, section=blk.section, location=location,
    )


def _list_end(blocks: list[_Block], idx: int, following: bool = False) -> int:
    """End offset of block ``idx`` with the list items nested under it (``following``: or
    the list right after a paragraph)."""
    base, end = blocks[idx], blocks[idx].start + len(blocks[idx].text)
    for nxt in blocks[idx + 1:]:
        nested = nxt.is_item and nxt.indent > base.indent
        if not (nested or (following and nxt.is_item and not base.is_item)):
            break
        end = nxt.start + len(nxt.text)
    return end


def _unlabelled_items(blocks: list[_Block], graded: list[Recommendation], lang: str,
                      text: str) -> list[Recommendation]:
    """Numbered items that advise without a label of their own, in a graded guideline."""
    out = []
    for idx, blk in enumerate(blocks):
        if not blk.is_item or _labels_in(blk.text):
            continue
        if not blk.numbered and not _is_advice(_clean(blk.text), lang):
            continue
        end = blk.start + len(blk.text)
        if any(r.location < end and blk.start < r.location + len(r.source_text) for r in graded):
            continue
        if any(r.location <= blk.start < r.location + len(r.source_text) for r in graded):
            continue
        _clean(blk.text)
        # A numbered item in the recommendation list is advice unless it only points
        # elsewhere or is too short to say anything.
        if not _says_something(blk.text):
            continue
        source = blk.text.rstrip()
        nested = [b for b in blocks[idx + 1: idx + 2] if b.is_item and b.indent > blk.indent]
        if nested and _closing_label(nested[0].text):
            continue  # a lead-in of labelled items: their context, not a statement
        if source.endswith(":"):
            source = text[blk.start: _list_end(blocks, idx)]
        rec = _ungraded_rec(source, blk, blk.start, nice=False)
        rec.context = _stem_for(blocks, idx)
        out.append(rec)
    return out


def _unlabelled_siblings(blocks: list[_Block]) -> list[Recommendation]:
    """An item without a label in a list whose other items carry labels: it stands in the
    list of recommendations as a statement of its own."""
    out = []
    for idx, blk in enumerate(blocks):
        if (not blk.is_item or _labels_in(blk.text) or not _says_something(blk.text)
                or blk.text.rstrip().endswith(":") or _list_follows(blocks, idx)):
            continue  # a lead-in is the context of the items under it
        siblings = [b for b in _list_around(blocks, idx) if b is not blk]
        labelled = sum(1 for b in siblings if _closing_label(b.text))
        if labelled < 2 or 2 * labelled < len(siblings):
            continue
        rec = _ungraded_rec(blk.text.rstrip(), blk, blk.start, nice=False)
        rec.context = _stem_for(blocks, idx)
        out.append(rec)
    return out


def _list_around(blocks: list[_Block], idx: int) -> list[_Block]:
    """The items of the list that holds item ``idx`` (same depth; deeper items between them
    belong to them)."""
    blk = blocks[idx]

    def inside(b: _Block) -> bool:
        return b.is_item and b.indent >= blk.indent and b.section == blk.section

    first = idx
    while first > 0 and inside(blocks[first - 1]):
        first -= 1
    last = idx
    while last + 1 < len(blocks) and inside(blocks[last + 1]):
        last += 1
    return [b for b in blocks[first: last + 1] if b.indent == blk.indent]


# --- recommendation tables -------------------------------------------------------------------

# A table row as extraction gives it: cells joined by " | " ("Indication: Stroke | How to
# Transfuse: Simple transfusion | Quality of Evidence: Low | Strength of Recommendation: Strong").
_CELLS = re.compile(r"\s+\|\s+")
_STRENGTH_COLUMN = re.compile(
    r"^(?:strength of (?:the )?recommendations?|recommendation strength|strength"
    r"|grade(?: of recommendations?)?)$", re.IGNORECASE)
_EVIDENCE_COLUMN = re.compile(
    r"^(?:(?:quality|level|strength|certainty|grade) of (?:the )?evidence|evidence(?: level)?)$",
    re.IGNORECASE)
# A table titled as recommendations ("Consensus Recommendations When Transfusion Is Not
# Indicated"): its rows are statements even without a label of their own.
_TABLE_OF_RECS = re.compile(r"\brecommendations?\b", re.IGNORECASE)
_CONSENSUS_TITLE = re.compile(r"\bconsensus\b", re.IGNORECASE)
_AGAINST_TITLE = re.compile(
    r"\bnot (?:indicated|recommended|advised)\b|\brecommendations? against\b", re.IGNORECASE)


def _cell_parts(cell: str) -> tuple[str, str]:
    """("Strength of Recommendation", "Strong") of a "name: value" cell; ("", cell) else."""
    m = re.match(r"([A-Za-z][A-Za-z ]{2,40}?)\s*:\s+(.+)$", cell)
    return (m.group(1).strip(), m.group(2).strip()) if m else ("", cell)


def _table_rows(blocks: list[_Block]) -> list[Recommendation]:
    """Rows of recommendation tables: a row with a strength cell ("Strength of
    Recommendation: Weak"), or any row of a table whose title says its rows are
    recommendations. Evidence and strength cells are the label, not the statement; a title
    that says "not indicated" makes its rows advice against."""
    out: list[Recommendation] = []
    columns: dict[str | None, list[str]] = {}  # header row of the table under each heading
    for idx, blk in enumerate(blocks):
        if not blk.is_item or _labels_in(blk.text) or blk.text.rstrip().endswith(":"):
            continue
        raw_cells = _CELLS.split(blk.text.strip())
        cells = [_plain(c) for c in raw_cells]
        if len(cells) > 1 and any(_STRENGTH_COLUMN.match(c) for c in cells):
            columns[blk.section] = cells  # a header row names the columns
            continue
        header = columns.get(blk.section, [])
        names = header if len(header) == len(cells) else [""] * len(cells)
        kept, source, grade = [], [], None
        for name, cell, raw in zip(names, cells, raw_cells, strict=True):
            own, value = _cell_parts(cell)
            column = own or name
            if _STRENGTH_COLUMN.match(column):
                grade = value
            elif not _EVIDENCE_COLUMN.match(column):
                kept.append(cell)
                source.append(raw)
        title = blk.section or ""
        label = classify_strength_cell(grade) if grade else None
        if label is None and not (_TABLE_OF_RECS.search(title) and _bare_list(blocks, idx)
                                  and (blk.indent == 0 or len(cells) > 1)):
            continue  # a nested detail under a statement is not a row of its own
        body = _row_sentence(kept, title)
        if not body or (label is None and not _says_row(body)):
            continue
        said = statement_direction(body)
        direction = (Direction.AGAINST if _AGAINST_TITLE.search(title)
                     else said or Direction.FOR)
        if label is not None:
            strength, scheme, printed = label.strength, label.scheme, label.grade
        elif _CONSENSUS_TITLE.search(title):
            strength, scheme, printed = Strength.CONSENSUS, "consensus", None
        else:
            strength, scheme, printed = Strength.UNGRADED, "ungraded", None
        out.append(Recommendation(
            id="", text=body, source_text=" | ".join(source), grade=printed, scheme=scheme,
            strength=strength, direction=direction, section=blk.section, location=blk.start,
        ))
    return out


_HOW_TO = re.compile(r"^(?:how|when) to ([a-z][a-z -]{2,30})$", re.IGNORECASE)


_NOT_WHEN = re.compile(r"\bwhen (\w+(?: \w+)?) (?:is|are) (not (?:indicated|recommended))\b",
                       re.IGNORECASE)


def _row_sentence(cells: list[str], title: str) -> str:
    """A row read as the advice it gives: a "How to <act>" column names the action for the
    case in the first column ("Indication: Stroke | How to Transfuse: Simple transfusion" →
    "Transfuse for stroke: simple transfusion."), and a title "… When Transfusion Is Not
    Indicated" says what its one-column rows are ("Transfusion is not indicated for
    priapism."); other rows keep their cells."""
    parts = [_cell_parts(c) for c in cells]
    act = next((i for i, (name, _v) in enumerate(parts) if _HOW_TO.match(name)), None)
    if len(parts) == 1:
        case = parts[0][1]  # "Indication: Recurrent splenic sequestration": the case
        said = _NOT_WHEN.search(title)
        if said is None:
            return case
        return (f"{said.group(1).capitalize()} is {said.group(2).lower()} for "
                f"{case[:1].lower() + case[1:]}.")
    if act is None or act == 0 or len(parts) != 2:
        return " | ".join(cells)
    verb = _HOW_TO.match(parts[act][0])
    assert verb is not None
    case, how = parts[0][1], parts[act][1]
    return (f"{verb.group(1).capitalize()} for {case[:1].lower() + case[1:]}: "
            f"{how[:1].lower() + how[1:]}.")


def _bare_list(blocks: list[_Block], idx: int) -> bool:
    """Is item ``idx`` in a list of its own under its heading (no lead-in paragraph that
    would make it part of a statement, no labelled sibling)?"""
    blk = blocks[idx]
    j = idx - 1
    while j >= 0 and blocks[j].is_item and blocks[j].section == blk.section:
        j -= 1
    if j >= 0 and blocks[j].section == blk.section:
        return False  # a paragraph leads the list in: its items belong to that paragraph
    return not any(_closing_label(b.text) for b in _list_around(blocks, idx))


def _says_row(body: str) -> bool:
    """A table row names a case, not a sentence: anything but a bare reference."""
    return bool(re.search(r"[A-Za-z]{3}", body)) and not _NOT_ADVICE.search(body)


# --- the parse ------------------------------------------------------------------------------


def parse_text(
    text: str,
    fmt: DocumentFormat = DocumentFormat.MARKDOWN,
    pages: int | None = None,
    language: str = "auto",
) -> ParsedGuideline:
    """Parse extracted Markdown-ish text (see :func:`domain.formats.extract`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not re.search(r"^#{1,6} ", text, re.MULTILINE):
        text = _mark_plain_headings(text)
    lang = language if language not in ("", "auto", None) else (
        "zh" if is_chinese(text) else "en"
    )
    headings = _headings(text)
    title = _title(text, headings)
    sections = _sections(text, headings)
    start, end = _rec_region(text, headings)
    skipped = _skipped_spans(headings, start, end)
    blocks = _blocks(text, start, end, headings, skipped)
    recs = _graded(blocks, text)
    graded = [r for r in recs if r.label_understood and r.scheme != "recommended/not recommended"]
    if graded:
        # A graded guideline: its unlabelled list items that advise count too. A guideline
        # with a few labels among mostly unlabelled advice is read sentence by sentence.
        found = {id(r) for r in recs}
        prose = [r for r in _merge(recs, _ungraded(blocks, lang, text, nice=False))
                 if id(r) not in found]
        if len(prose) > 3 * len(graded):
            recs = _merge(recs, prose)
        else:
            recs = _merge(recs, _unlabelled_items(blocks, recs, lang, text))
        recs = _merge(recs, _unlabelled_siblings(blocks))
        recs = _merge(recs, _table_rows(blocks))
    else:
        recs = _merge(recs, _ungraded(blocks, lang, text))
    if not recs and (start, end) != (0, len(text)):
        blocks = _blocks(text, 0, len(text), headings, _skipped_spans(headings, 0, len(text)))
        recs = _graded(blocks, text) or _ungraded(blocks, lang, text)
    if not recs:
        raise NoRecommendations("no recommendation statements were found in the document")
    recs.sort(key=lambda r: r.location)
    for i, rec in enumerate(recs, 1):
        rec.id = f"R{i}"
    return ParsedGuideline(
        title=title, language=lang, format=fmt, pages=pages, sections=sections,
        recommendations=recs,
    )


def _mark_plain_headings(text: str) -> str:
    """Plain text has no heading marks: a line underlined with = or -, a line in capitals,
    or a short line without final punctuation alone between blank lines is a heading."""
    lines = text.split("\n")
    out: list[str] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        s = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if s and re.fullmatch(r"(=|-)\1{2,}", nxt) and len(s) <= 120:
            out.append(("# " if nxt[0] == "=" else "## ") + s)
            skip = True
            continue
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = not nxt
        looks = (
            0 < len(s) <= 90
            and not s.endswith((".", ",", ";", ":", ")"))
            and not _LIST.match(line)
            and re.match(r"[A-Z0-9\u4e00-\u9fff]", s) is not None
            and len(s.split()) <= 12
        )
        if looks and (s.isupper() or (prev_blank and next_blank)):
            level = 1 if not out or all(not o.strip() for o in out) else 2
            out.append("#" * level + " " + s)
        else:
            out.append(line)
    return "\n".join(out)


PEEK_BYTES = 16 * 1024


def peek_title(data: bytes, fmt: DocumentFormat) -> str | None:
    """A cheap look at a text document's title (its first KB only), for labels.

    Binary formats and documents without a clear title give None: the full parse finds it.
    """
    head = data[:PEEK_BYTES]
    if fmt is DocumentFormat.HTML:
        text = head.decode("utf-8", errors="replace")
        m = re.search(r"<(title|h1)[^>]*>(.*?)</\1>", text, re.IGNORECASE | re.DOTALL)
        title = _plain(html.unescape(re.sub(r"<[^>]+>", " ", m.group(2)))) if m else ""
        return title[:300] or None
    if fmt not in (DocumentFormat.MARKDOWN, DocumentFormat.TEXT):
        return None
    decoded = decode_text(head)
    if not decoded:
        return None
    title = _title(decoded, _each_heading(decoded))
    return None if title == "Untitled guideline" else title


def _title(text: str, headings: Iterable[Heading]) -> str:
    for _, _, level, head in headings:
        if level == 1 and head:
            return head
    m = re.search(r"^\s*title\s*:\s*(.+)$", text, re.IGNORECASE | re.MULTILINE)
    if m:
        return _plain(m.group(1))
    for line in text.split("\n"):
        if line.strip():
            return _plain(line.strip().lstrip("#").strip())[:300]
    return "Untitled guideline"


def _sections(text: str, headings: list[Heading]) -> list[Section]:
    out = []
    if headings and text[: headings[0][0]].strip():
        out.append(Section(heading="", level=1, text=text[: headings[0][0]].strip()))
    for i, (_, end, level, head) in enumerate(headings):
        nxt = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        out.append(Section(heading=head, level=level, text=text[end:nxt].strip()))
    return out


def _merge(first: list[Recommendation], second: list[Recommendation]) -> list[Recommendation]:
    """Union of two extractions without statements found twice (same place in the text).

    The places taken are kept sorted, so a long document's thousands of statements are
    checked against their neighbours only, not against every statement found so far."""
    out = list(first)
    spans = sorted((o.location, o.location + len(o.source_text)) for o in out)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    for rec in second:
        start, end = rec.location, rec.location + len(rec.source_text)
        if _overlaps(spans, starts, start, end, longest):
            continue
        out.append(rec)
        at = bisect.bisect_left(starts, start)
        starts.insert(at, start)
        spans.insert(at, (start, end))
        longest = max(longest, end - start)
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int,
              longest: int) -> bool:
    """Whether [start, end) meets a taken span; a span that does begins before ``end`` and
    no further back than the longest span taken."""
    i = bisect.bisect_left(starts, end) - 1
    while i >= 0 and spans[i][0] >= start - longest:
        if spans[i][1] > start:
            return True
        i -= 1
    return False


_CLEAN: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\(\s*\*+[^*()]*(?:modified|adapted|carryover|carried over|from the 20\d\d|"
                r"new|amended|reviewed)[^*()]*\*+\s*\)\.?", re.IGNORECASE), ""),
    (re.compile(r"\*\(\s*[^()]*(?:modified|adapted|carryover)[^()]*\)\*", re.IGNORECASE), ""),
    (LABEL, lambda m: "" if classify_label(label_text(m)) else m.group(0)),
    (re.compile(r"\\\*"), "\x00"),
    (re.compile(r"\\([_\[\]()#])"), r"\1"),
    (re.compile(r"\*+|(?<!\w)__|__(?!\w)"), ""),
    (re.compile("\x00"), "*"),
    (re.compile(r"^\s*(?:[-*+\u2022]\s+|\d+[a-z]?[.)]\s+|[a-z][.)]\s+)"), ""),
    # "推荐意见3：", "Recommendation 4:": the statement's own number, not advice
    (re.compile(r"^\s*(?:推荐意见|推荐|Recommendation)\s*\d+[a-z]?\s*[:：.]\s*",
                re.IGNORECASE), ""),
    (re.compile(r"\n\s*(?:[-*+\u2022\u25e6]\s+(?:(?:[ivx]{2,4}|[a-z])[.)]\s+)?"
                r"|\d+[a-z]?[.)]\s+|(?:[ivx]{2,4}|[a-z])[.)]\s+)"), " "),
    (re.compile(r"\s*\((?:modified|adapted|carryover|carried over|new|amended)\b[^()]*\)\.?",
                re.IGNORECASE), ""),
    (re.compile(r"\s+"), " "),
]


@lru_cache(maxsize=8192)
def _clean(s: str) -> str:
    """Statement text without Markdown, list numbers, grade labels and provenance notes.
    Cached: a statement is cleaned again at each step that reads it."""
    for pattern, repl in _CLEAN:
        s = pattern.sub(repl, s)
    return s.strip().strip(" ;")
