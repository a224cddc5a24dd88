"""Turn a guideline document into a :class:`ParsedGuideline`: title, sections, language and
every recommendation statement with its grade, strength and direction.

Two ways of finding statements, because guidelines come in two kinds:

* graded guidelines mark each statement with a label (``(**B recommendation**)``,
  ``(**Strong for**)``, ``**[EO]**``, ``(**Category IB**)``): the statement is the text of
  its paragraph or list item up to the label;
* ungraded ones (Colorado DOWC, some CDC summaries) carry the advice in sentences with
  "should", "recommend", "is (not) indicated" or NICE-style imperatives ("Offer", "Consider").

Statements are searched in the "Major Recommendations" part when there is one, and the grade
definitions that summaries append there are cut off first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from domain.errors import NoRecommendations
from domain.formats import Limits, decode_text, detect_format, extract
from domain.model import (
    Direction,
    DocumentFormat,
    ParsedGuideline,
    Recommendation,
    Section,
    Strength,
)
from domain.numbers import strip_references
from domain.readability import is_chinese

__all__ = ["classify_label", "parse_guideline", "parse_text", "text_direction"]


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


# --- labels ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    grade: str
    scheme: str
    strength: Strength
    direction: Direction | None
    """None when the label does not say (CDC categories, consensus): the text decides."""


_USPSTF_STRENGTH = {
    "A": Strength.STRONG,
    "B": Strength.MODERATE,
    "C": Strength.CONDITIONAL,
    "D": Strength.STRONG,
}


def classify_label(raw: str) -> Label | None:
    """Map a grade label as written in the source onto the common scale; None if the text in
    parentheses is not a grade (a note, a reference, a list of grade names)."""
    label = " ".join(raw.replace("*", "").split()).strip(" .;:")
    low = re.sub(r"[\u2013\u2014\u2012-]+", "-", label.lower())
    main = low.split(";")[0].strip()
    m = re.fullmatch(r"(?:grade )?([a-d])(?: recommendation| grade)?", main)
    if m and (len(main) > 1 or raw.strip("*[] ").upper() == main.upper()):
        letter = m.group(1).upper()
        scheme = "USPSTF" if "recommendation" in main or "grade" in main else "letter"
        direction = Direction.AGAINST if letter == "D" else Direction.FOR
        return Label(label, scheme, _USPSTF_STRENGTH[letter], direction)
    if main in ("i statement", "i", "grade i", "i recommendation"):
        return Label(label, "USPSTF", Strength.INSUFFICIENT, Direction.INSUFFICIENT)
    if main in ("eo", "expert opinion"):
        return Label(label, "expert opinion", Strength.UNGRADED, None)
    m = re.fullmatch(r"(strong|weak|conditional) (for|against)", main)
    if m:
        strength = Strength.STRONG if m.group(1) == "strong" else Strength.CONDITIONAL
        direction = Direction.FOR if m.group(2) == "for" else Direction.AGAINST
        return Label(label, "GRADE", strength, direction)
    m = re.fullmatch(r"(strong|moderate|weak) (?:recommendation|strength)(?:, .*)?", main)
    if m:
        strength = {
            "strong": Strength.STRONG,
            "moderate": Strength.MODERATE,
            "weak": Strength.CONDITIONAL,
        }[m.group(1)]
        return Label(label, "GRADE", strength, None)
    if main.startswith("consensus"):
        return Label(label, "consensus", Strength.UNGRADED, None)
    m = re.fullmatch(r"category (i[a-d]?|ii[ab]?|[ab]\d?|unresolved issue)", main)
    if m:
        cat = m.group(1)
        if cat.startswith("unresolved"):
            return Label(label, "CDC", Strength.INSUFFICIENT, Direction.INSUFFICIENT)
        if cat.startswith("ii") or cat.startswith("b"):
            return Label(label, "CDC", Strength.CONDITIONAL, None)
        return Label(label, "CDC", Strength.STRONG, None)
    zh = re.search(r"([12])[abcd]|强烈推荐|强推荐|弱推荐|条件推荐|共识|[ⅰⅱⅲ]+级", main)
    if zh and re.search(r"[\u4e00-\u9fff]|^[12][abcd]", main):
        weak = zh.group(1) == "2" or any(w in main for w in ("弱", "条件", "ⅱ", "ⅲ"))
        if "共识" in main:
            return Label(label, "consensus", Strength.UNGRADED, None)
        return Label(label, "GRADE", Strength.CONDITIONAL if weak else Strength.STRONG, None)
    if main in ("n/a", "not applicable"):
        return Label(label, "GRADE", Strength.UNGRADED, None)
    if main in ("not recommended", "not generally recommended", "recommended against"):
        return Label(label, "recommended/not recommended", Strength.UNGRADED, Direction.AGAINST)
    if main == "recommended":
        return Label(label, "recommended/not recommended", Strength.UNGRADED, Direction.FOR)
    if main in ("insufficient evidence", "no recommendation"):
        return Label(label, "recommended/not recommended", Strength.INSUFFICIENT,
                     Direction.INSUFFICIENT)
    return None


_LABEL = re.compile(
    r"\(\s*\*\*(?P<a>[^*()\n]{1,90}?)\*\*\s*\)"  # (**B recommendation**)
    r"|\*\*\[(?P<b>[^\]\n]{1,40})\]\*\*"  # **[EO]**
    r"|\[(?P<c>(?:Strong|Weak|Conditional) (?:for|against)|[ABCDI]|EO)\]"  # [Strong for], [B]
    r"|\((?P<d>(?:Grade|Category) [A-D]I{0,2}[A-D]?|[A-D] recommendation|I statement"
    r"|(?:Strong|Weak|Conditional) (?:for|against)(?:;[^()\n]{0,40})?"
    r"|(?:Strong|Moderate|Weak) Recommendation,[^()\n]{0,40}|Consensus\W{1,3}[A-Za-z ]{3,25}"
    r"|Category I{1,2}[A-D]?)\)"
    r"|[（(]\s*(?P<z>(?:推荐(?:强度|等级|级别)?[:：]?\s*)?(?:[12][ABCD]|[ⅠⅡⅢIV]+级推荐|强推荐|弱推荐"
    r"|强烈推荐|条件推荐|有条件推荐|共识推荐|专家共识)[^）()]{0,20})[）)]",
    re.IGNORECASE,
)

# --- direction cues -------------------------------------------------------------------------

_INSUFFICIENT = re.compile(
    r"insufficient (?:evidence|data|proof|to (?:assess|recommend|determine|make))"
    r"|(?:evidence|data|proof) (?:is|was|remains|are|were) (?:insufficient|lacking|inconclusive"
    r"|inadequate|not enough)"
    r"|not enough (?:evidence|data|proof)"
    r"|no (?:recommendations?|advice) (?:could|can|is|was|were|will) (?:be )?made"
    r"|no recommendation for or against|neither for nor against"
    r"|(?:cannot|can't|unable to) (?:be )?recommend(?:ed)? (?:for or against|either)"
    r"|recommend(?:s|ed)? neither",
    re.IGNORECASE,
)
_AGAINST = re.compile(
    r"\b(?:recommends?|recommended|suggests?|advises?|advised|counsels?) against\b"
    r"|\b(?:recommends?|suggests?|advises?) not\b"
    r"|\b(?:should|must|shall|would|may) not\b|\bshould never\b|\bshouldn't\b|\bmustn't\b"
    r"|\bnot (?:be )?(?:routinely |generally |usually |currently |mostly |now |as a routine )?"
    r"(?:recommended|indicated|advised|suggested|appropriate|warranted|used|offered|given|"
    r"performed|prescribed|needed)\b"
    r"|\bnot (?:routinely |generally |mostly )?(?:recommend|suggest|advise|offer|use|prescribe"
    r"|order)\b"
    r"|(?:^|[,:;]\s*|\bthen )(?:do|does) not\b|(?:^|[,:;]\s*)don't\b|\bnever\b"
    r"|(?:^|[,:;]\s*|\b(?:should|must|shall|please) )avoid\b|\b(?:be|is|are) avoided\b"
    r"|\bdiscourage[sd]?\b"
    r"|\bagainst (?:the )?(?:routine )?use\b|\bno (?:role|indication|need) for\b"
    r"|\bcannot be (?:recommended|advised)\b|\bnone (?:is|are) (?:recommended|advised)\b",
    re.IGNORECASE | re.MULTILINE,
)
_ZH_AGAINST = re.compile(r"不推荐|不建议|不应|不宜|避免|禁止|反对")
_ZH_INSUFFICIENT = re.compile(r"证据不足|不作推荐|无法推荐")


@lru_cache(maxsize=8192)
def text_direction(text: str) -> Direction | None:
    """What the wording alone says: against, insufficient, or None when it does not negate.

    Negations inside a relative clause ("women who do not have ...") do not count; negations
    of the advice itself ("should not", "recommends against", "do not offer") do.
    """
    clean = text.replace("*", "")
    if _INSUFFICIENT.search(clean) or _ZH_INSUFFICIENT.search(clean):
        return Direction.INSUFFICIENT
    if _AGAINST.search(clean) or _ZH_AGAINST.search(clean):
        return Direction.AGAINST
    return None


# --- ungraded cues --------------------------------------------------------------------------

_CUE = re.compile(
    r"\b(?:recommends?|recommended|suggests?|should|is indicated|are indicated|not indicated"
    r"|advises?|is advised|are advised|encouraged|is preferred|are preferred"
    r"|(?<!which )(?<!that )(?<!who )may be (?:considered|used|appropriate|indicated|tried"
    r"|reasonable)|is reasonable)\b"
    r"|^(?:Offer|Consider|Do not|Don't|Avoid)\b"
    r"|no recommendations? (?:could|can|was|were) (?:be )?made"
    r"|推荐|建议|应当|应该",
)
_NOT_ADVICE = re.compile(
    r"^(?:refer to|see |please refer|for more|for additional|for further|note\b|"
    r"this recommendation|these recommendations|the recommendations?\b|the following)"
    r"|original guideline document|summary of the task force|\?$"
    r"|is available at|are available at|^definitions?\b|(?:provided|presented|defined|found) "
    r"at the end",
    re.IGNORECASE,
)
_NICE_STRONG = re.compile(r"^(?:Offer|Do not offer)\b")
_NICE_WEAK = re.compile(r"^(?:Consider)\b")
_SUGGEST = re.compile(
    r"\bsuggests?\b|\bconsider\b|\bmay be (?:considered|used|appropriate|indicated|tried"
    r"|reasonable)\b|\bis reasonable\b", re.IGNORECASE)

_REC_HEADING = re.compile(
    r"major recommendations|^recommendations?$|key recommendations|summary of recommendations"
    r"|recommendation statements?|^推荐意见|^推荐",
    re.IGNORECASE,
)
_STOP_HEADING = re.compile(
    r"^(?:definitions?|categorization scheme|recommendation categories|grading of recommendations"
    r".*|.*grades mean.*|.*levels of certainty.*|overall strength of evidence.*"
    r"|rating schemes?.*|strength of recommendations?.*|categories of task force.*)$",
    re.IGNORECASE,
)
_STOP_LINE = re.compile(r"^\s*\*\*Definitions?\*\*\s*:?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(
    r"^(?P<indent>\s*)(?:[-*+\u2022]\s+(?:[a-z]\.\s+)?|\d+[a-z]?[.)]\s+|[a-z][.)]\s+)"
)


@dataclass
class _Block:
    start: int  # offset of the content (after any list marker)
    text: str
    indent: int
    is_item: bool
    section: str | None


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
    blocks = _blocks(text, start, end, headings)
    recs = _graded(blocks, text)
    graded_count = sum(1 for r in recs if r.scheme not in ("recommended/not recommended",))
    if graded_count == 0:
        recs = _merge(recs, _ungraded(blocks, lang))
    if not recs and (start, end) != (0, len(text)):
        blocks = _blocks(text, 0, len(text), headings)
        recs = _graded(blocks, text) or _ungraded(blocks, lang)
    if not recs:
        raise NoRecommendations("no recommendation statements were found in the document")
    recs.sort(key=lambda r: r.location)
    for i, rec in enumerate(recs, 1):
        rec.id = f"R{i}"
    return ParsedGuideline(
        title=title,
        language=lang,
        format=fmt,
        pages=pages,
        sections=sections,
        recommendations=recs,
    )


def _mark_plain_headings(text: str) -> str:
    """Plain text has no heading marks: a short line without final punctuation that stands
    alone between blank lines (or is in capitals) is taken as a heading."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        s = line.strip()
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
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


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """(start offset, end offset, level, heading text) of each Markdown heading."""
    found = []
    for m in re.finditer(r"^#{1,6}[ \t]+.*$", text, re.MULTILINE):
        hm = _HEADING.match(m.group(0))
        if hm:
            found.append((m.start(), m.end(), len(hm.group(1)), _plain(hm.group(2))))
    return found


def _plain(s: str) -> str:
    s = re.sub(r"\\([*_\[\]()#])", r"\1", s)
    return " ".join(s.replace("**", "").replace("*", "").replace("__", "").split())


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
    title = _title(decoded, _headings(decoded))
    return None if title == "Untitled guideline" else title


def _title(text: str, headings: list[tuple[int, int, int, str]]) -> str:
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


def _sections(text: str, headings: list[tuple[int, int, int, str]]) -> list[Section]:
    out = []
    for i, (_, end, level, head) in enumerate(headings):
        nxt = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        out.append(Section(heading=head, level=level, text=text[end:nxt].strip()))
    return out


def _rec_region(text: str, headings: list[tuple[int, int, int, str]]) -> tuple[int, int]:
    for i, (_start, end, level, head) in enumerate(headings):
        if _REC_HEADING.search(head):
            stop = len(text)
            for s2, _, l2, _h in headings[i + 1 :]:
                if l2 <= level:
                    stop = s2
                    break
            return end, _cut_definitions(text, end, stop, headings)
    return 0, _cut_definitions(text, 0, len(text), headings)


def _cut_definitions(
    text: str, start: int, stop: int, headings: list[tuple[int, int, int, str]]
) -> int:
    """The grade definitions appended to the section repeat "recommends" sentences that are
    not advice; stop before them."""
    for s, _, _, head in headings:
        if start < s < stop and _STOP_HEADING.match(head):
            stop = s
            break
    m = _STOP_LINE.search(text[start:stop]) if start < stop else None
    if m is None:
        for lm in re.finditer(r"^.*$", text[start:stop], re.MULTILINE):
            if _STOP_LINE.match(lm.group(0)):
                return start + lm.start()
        return stop
    return start + m.start()


def _blocks(
    text: str, start: int, end: int, headings: list[tuple[int, int, int, str]]
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
        if not line.strip():
            current = None
            continue
        hm = _HEADING.match(line)
        if hm:
            section = _plain(hm.group(2))
            current = None
            continue
        lm = _LIST.match(line)
        if lm:
            current = _Block(line_start + lm.end(), line[lm.end():], len(lm.group("indent")),
                             True, section)
            blocks.append(current)
        elif current is not None and (not current.is_item or line[:1] in (" ", "\t")):
            # A wrapped line continues the paragraph or item; keep the raw text so that
            # offsets into the document stay exact.
            current.text = text[current.start : line_start + len(line)]
        else:
            stripped = len(line) - len(line.lstrip())
            current = _Block(line_start + stripped, line.strip(), stripped, False, section)
            blocks.append(current)
    return blocks


def _stem_for(blocks: list[_Block], idx: int) -> str | None:
    """The lead-in of a nested list item ("In adults with SCD and a VOC" above its bullets)."""
    blk = blocks[idx]
    if not blk.is_item or blk.indent == 0:
        return None
    for j in range(idx - 1, -1, -1):
        prev = blocks[j]
        if prev.is_item and prev.indent < blk.indent:
            stem = _clean(prev.text)
            if _LABEL.search(prev.text) or stem.endswith("."):
                return None
            return stem.rstrip(":")
        if not prev.is_item:
            return None
    return None


def _long_enough(body: str) -> bool:
    """At least three words, or four Chinese characters (Chinese has no spaces)."""
    return len(body.split()) >= 3 or len(re.findall(r"[\u4e00-\u9fff]", body)) >= 4


def _labelled_list(blocks: list[_Block], idx: int) -> tuple[str, int] | None:
    """(text, offset) of the list just above a lone label: lead-in plus "\n- " items."""
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
    if j < 0 or not items or _LABEL.search(blocks[j].text):
        return None
    if top_level and (blocks[j].is_item or not blocks[j].text.rstrip().endswith(":")):
        return None
    stem = blocks[j]
    parts = [_clean(stem.text)] + [_clean(b.text) for b in reversed(items)]
    return "\n- ".join(p for p in parts if p), stem.start


_GRADE_NOTE = re.compile(
    r"defined at the end|definitions? (?:of|for) the|grades its recommendations"
    r"|are provided at the end|is provided at the end|presented at the end",
    re.IGNORECASE,
)


# Where a new paragraph begins inside hard-wrapped text (PDF pages come without blank
# lines): after a line that ends a sentence, or after a short unpunctuated heading line,
# when the next line starts with a capital letter.
_PARAGRAPH_BREAK = re.compile(
    r"(?:[.!?:;][\"'\u201d)\]]*|^[^\n.!?:;]{1,50})\n(?=[\"'\u201c]?[A-Z])", re.MULTILINE
)


def _paragraph_start(segment: str) -> int:
    """Offset of the last paragraph of ``segment``: the statement a grade label closes."""
    last = 0
    for m in _PARAGRAPH_BREAK.finditer(segment.rstrip()):
        last = m.end()
    return last


def _graded(blocks: list[_Block], text: str) -> list[Recommendation]:
    recs: list[Recommendation] = []
    for idx, blk in enumerate(blocks):
        # A note on how grades are defined labels nothing. Extracted PDF text often has no
        # blank lines, so the note may share its block with real statements: only the
        # paragraph (up to the next line break) that holds it is skipped.
        note = _GRADE_NOTE.search(blk.text)
        if note and "\n" not in blk.text.strip():
            continue
        skip_until = blk.text.find("\n", note.end()) if note else -1
        prev_end = 0
        for m in _LABEL.finditer(blk.text):
            if note and (skip_until < 0 or m.start() < skip_until):
                continue
            raw = next(g for g in m.groups() if g is not None)
            label = classify_label(raw)
            if label is None:
                continue
            seg_start = prev_end
            prev_end = m.end()
            seg_start += _paragraph_start(blk.text[seg_start : m.start()])
            segment = blk.text[seg_start : m.start()]
            # Skip a previous trailing note like "(*Modified from ...*)" handled by _clean.
            lead = len(segment) - len(segment.lstrip(" .;"))
            body = _clean(segment)
            location = blk.start + seg_start + lead
            source = blk.text[seg_start + lead : m.end()]
            if label.scheme == "recommended/not recommended" and body:
                # "Iontophoresis (**not recommended**)": the label is the advice itself.
                if "recommend" not in body.lower():
                    body = f"{body} ({label.grade})"
            elif not _long_enough(body):
                # A label alone under a list labels the lead-in item and its sub-items.
                listed = _labelled_list(blocks, idx) if seg_start == 0 else None
                if listed is None:
                    continue
                body, location = listed
                source = text[location : blk.start + m.end()]
            cleaned_direction = text_direction(body)
            direction = label.direction or cleaned_direction or Direction.FOR
            strength = label.strength
            if direction is Direction.INSUFFICIENT and label.direction is None:
                strength = Strength.INSUFFICIENT
            recs.append(
                Recommendation(
                    id="",
                    text=body,
                    source_text=source,
                    grade=label.grade,
                    scheme=label.scheme,
                    strength=strength,
                    direction=direction,
                    section=blk.section,
                    location=location,
                    context=_stem_for(blocks, idx) if location >= blk.start else None,
                )
            )
    return recs


_SENT_SPLIT = re.compile(
    r"(?<=[.!?。；！？])[\"'\u201d)\]]*\s+(?=[\"'\u201c(\[]?[A-Z0-9])|(?<=[。！？；])"
)
_ABBREV_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|vs|etc|al|approx|Dr|No|Fig|U\.S|ca|cf|St)\.|\b[A-Z]\.)$"
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        piece = text[start : m.start()]
        if _ABBREV_END.search(piece.rstrip()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _ungraded(blocks: list[_Block], lang: str) -> list[Recommendation]:
    labelled = [b for b in blocks if re.match(r"\*\*Recommendations?\*\*\s*:", b.text)]
    recs: list[Recommendation] = []
    if labelled:
        for blk in labelled:
            m = re.match(r"\*\*Recommendations?\*\*\s*:\s*", blk.text)
            assert m is not None
            source = blk.text[m.end():].rstrip()
            recs.append(_ungraded_rec(source, blk, blk.start + m.end()))
        return recs
    for idx, blk in enumerate(blocks):
        if blk.text.lstrip("*_ ").lower().startswith(("note", "refer ")):
            continue
        for s, e in _sentence_spans(blk.text):
            sent = blk.text[s:e].rstrip()
            body = _clean(sent)
            if len(body.split()) < 4 and lang != "zh" and "recommended" not in body:
                continue
            if not _CUE.search(body) or _NOT_ADVICE.search(strip_references(body)):
                continue
            lead = len(sent) - len(sent.lstrip())
            rec = _ungraded_rec(sent[lead:], blk, blk.start + s + lead)
            rec.context = _stem_for(blocks, idx)
            recs.append(rec)
    return recs


def _ungraded_rec(source: str, blk: _Block, location: int) -> Recommendation:
    body = _clean(source)
    direction = text_direction(body) or Direction.FOR
    strength = Strength.UNGRADED
    scheme = "ungraded"
    if _NICE_STRONG.match(body):
        strength, scheme = Strength.STRONG, "NICE"
    elif _NICE_WEAK.match(body):
        strength, scheme = Strength.CONDITIONAL, "NICE"
    elif _SUGGEST.search(body):
        strength = Strength.CONDITIONAL
    if direction is Direction.INSUFFICIENT:
        strength = Strength.INSUFFICIENT
    return Recommendation(
        id="",
        text=body,
        source_text=source,
        grade=None,
        scheme=scheme,
        strength=strength,
        direction=direction,
        section=blk.section,
        location=location,
    )


def _merge(first: list[Recommendation], second: list[Recommendation]) -> list[Recommendation]:
    """Union of two extractions without statements found twice (same place in the text)."""
    out = list(first)
    for rec in second:
        end = rec.location + len(rec.source_text)
        if any(o.location < end and rec.location < o.location + len(o.source_text) for o in out):
            continue
        out.append(rec)
    return out


_CLEAN = [
    (re.compile(r"\(\s*\*+[^*()]*(?:modified|adapted|carryover|carried over|from the 20\d\d|"
                r"new|amended|reviewed)[^*()]*\*+\s*\)\.?", re.IGNORECASE), ""),
    (re.compile(r"\*\(\s*[^()]*(?:modified|adapted|carryover)[^()]*\)\*", re.IGNORECASE), ""),
    (_LABEL, ""),
    (re.compile(r"\\\*"), "\x00"),
    (re.compile(r"\\([_\[\]()#])"), r"\1"),
    (re.compile(r"\*+|(?<!\w)__|__(?!\w)"), ""),
    (re.compile("\x00"), "*"),
    (re.compile(r"^\s*(?:[-*+\u2022]\s+|\d+[a-z]?[.)]\s+|[a-z][.)]\s+)"), ""),
    (re.compile(r"\s*\((?:modified|adapted|carryover|carried over|new|amended)\b[^()]*\)\.?",
                re.IGNORECASE), ""),
    (re.compile(r"\s+"), " "),
]


def _clean(s: str) -> str:
    """Statement text without Markdown, list numbers, grade labels and provenance notes."""
    for pattern, repl in _CLEAN:
        s = pattern.sub(repl, s)
    return s.strip().strip(" ;")
