"""Mechanical wording defects in an English patient version.

Word-by-word rewriting and statement splitting leave marks a reader trips over: doubled words
("the the"), "X of X" ("the dose of dose"), a space before a full stop, sentences with no
verb ("Men who have sex with men."), unbalanced brackets, leftover markup, "e.g." cut in two,
"the patient" in advice addressed to "you". Each is found here by rule, never by the
functions the generator used, and becomes a finding that sends the guideline to review.

The rules are written to stay quiet on good English: a finding must name a real defect. What
counts as a verb comes from LemmInflect's offline lexicon of English word forms, read
generously (any word that can be a finite verb where it stands counts as one), so a sentence
is called a fragment only when nothing in it can carry it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from domain.glossary import without_definitions
from domain.model import Finding, PatientVersion, Severity
from domain.readability import sentences, strip_markdown

__all__ = ["RULES", "Defect", "check_wording", "defects", "has_finite_verb"]

RULES = (
    "doubled word", "X of X", "space before punctuation", "fragment", "unbalanced",
    "leftover markup", "cut abbreviation", "the patient", "the person", "doubled preposition",
)


@dataclass(frozen=True)
class Defect:
    rule: str
    """One of RULES."""
    message: str
    """What is wrong, quoting a few words around it."""


def check_wording(pvg: PatientVersion, glossary_heading: str = "Words to know") -> list[Finding]:
    """One WARNING finding per defect, on the recommendation or section it is in. A defect
    repeated elsewhere (the key-recommendations section restates each recommendation) is
    reported once, where it is first met."""
    blocks: list[tuple[str, str, bool]] = [(r.id, r.text, False) for r in pvg.recommendations]
    blocks.append(("Summary", pvg.summary, False))
    # "Words used here" lines are the glossary's meanings, checked below as such.
    blocks += [(s.heading, without_definitions(s.body), True) for s in pvg.sections]
    findings: list[Finding] = []
    seen: set[str] = set()
    for target, text, markdown in blocks:
        for d in defects(text, markdown=markdown):
            _report(findings, seen, target, d)
    for entry in pvg.glossary:
        for d in defects(entry.term, heading=True) + defects(entry.meaning, definition=True):
            _report(findings, seen, glossary_heading, d)
    return findings


def _report(findings: list[Finding], seen: set[str], target: str, d: Defect) -> None:
    if d.message not in seen:
        seen.add(d.message)
        findings.append(Finding(check="wording", target=target, message=d.message,
                                severity=Severity.WARNING))


def defects(
    text: str, *, markdown: bool = False, definition: bool = False, heading: bool = False
) -> list[Defect]:
    """Defects of one block of text.

    ``markdown``: a section body, where headings, bold labels and tables are structure,
    not leftovers. ``definition``: a glossary meaning, whose first sentence may be a noun
    phrase. ``heading``: a title or term, which need not be a sentence. Bullets are
    structure everywhere: recommendation texts list items too.
    """
    return list(_defects(text, markdown, definition, heading))


@lru_cache(maxsize=4096)
def _defects(text: str, markdown: bool, definition: bool, heading: bool) -> tuple[Defect, ...]:
    """Cached: the same texts are checked on the page and again in its parts."""
    found: list[Defect] = []
    for line in _lines(text, markdown):
        found += _markup(line.text, prose=not markdown)
        found += _doubled(line.text) + _x_of_x(line.text) + _space_before(line.text)
        found += _doubled_preposition(line.text)
        found += _unbalanced(line.text) + _cut_abbreviation(line.text)
        if not (heading or line.heading):
            found += _fragments(line, exempt_first=definition or line.exempt_first,
                                whole=not markdown and not line.lead_in,
                                capital=not (markdown or definition) and line.first)
    flat = " ".join((strip_markdown(text) if markdown else text).split())
    return (*found, *_patient_and_you(flat), *_person_and_you(text))


# --- lines -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    text: str
    first: bool
    """The block's first line, which starts its first sentence."""
    heading: bool = False
    exempt_first: bool = False
    """The first sentence is a list item or a label's value, which may be a noun phrase."""
    lead_in: bool = False
    """The line introduces a list ("... include:"), so it may end without a full stop."""


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^\s*(?:(?:[-*+\u2022]|\d{1,2}[.)]|[a-z][.)]|[ivx]{2,4}[.)])\s+)+")
_LABEL = re.compile(r"^\*\*([^*\n]{1,60}?:)\*\*\s*|^\*\*([^*\n]{1,60}?)\*\*:\s*")
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*|__(?=\S)([^_\n]+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def _lines(text: str, markdown: bool) -> Iterator[_Line]:
    """The block as lines to check, without their bullets; a line that merely continues
    the one before it (a soft line break) is joined to it, as Markdown renders it. In
    Markdown, structure (heading marks, bold and italic pairs, table rows) is removed or
    skipped too, so that only leftovers remain to be found; in prose any such mark is a
    leftover."""
    first = True
    for raw in _paragraphs(text, markdown):
        heading = markdown and bool(_HEADING.match(raw))
        line = _HEADING.sub("", raw) if markdown else raw
        bullet = bool(_BULLET.match(line))
        line = _BULLET.sub("", line)
        label = markdown and bool(_LABEL.match(line))
        if markdown:
            line = _LABEL.sub(lambda m: (m.group(1) or m.group(2) + ":") + " ", line)
            line = _ITALIC.sub(r"\1", _BOLD.sub(lambda m: m.group(1) or m.group(2), line))
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            yield _Line(line, first=first and not bullet, heading=heading,
                        exempt_first=bullet or label, lead_in=line.endswith(":"))
            first = False


def _paragraphs(text: str, markdown: bool) -> Iterator[str]:
    """Lines, with soft-wrapped continuations joined; blank lines and tables dropped. A line
    continues the one before unless it opens something (heading, bullet, bold label) or the
    one before was a heading or a lead-in ending in ":"."""
    current = ""
    for raw in text.split("\n"):
        if markdown and (_TABLE_ROW.match(raw) or re.fullmatch(r"\s*[-|: ]+\s*", raw)):
            raw = ""
        opens = bool(_HEADING.match(raw) or _BULLET.match(raw) or _LABEL.match(raw.strip()))
        closed = not current or _HEADING.match(current) or current.rstrip().endswith(":")
        if raw.strip() and not opens and not closed:
            current += " " + raw.strip()
            continue
        if current:
            yield current
        current = raw if raw.strip() else ""
    if current:
        yield current


# --- simple rules --------------------------------------------------------------------------

def _quote(text: str, start: int, end: int, around: int = 3) -> str:
    """The match with a few words either side, for the reader of the finding."""
    left = text[:start].split()[-around:] if start else []
    right = text[end:].split()[:around]
    return " ".join([*left, text[start:end].strip(), *right]).strip()


# A word or a phrase of up to six words said twice in a row: "the the", "heart and blood
# vessel heart and blood vessel".
_DOUBLED = re.compile(r"\b((?:[A-Za-z]+[ \t]+){0,5}[A-Za-z]+)[ \t]+\1\b", re.IGNORECASE)
_DOUBLED_OK = frozenset({"that", "had"})  # "He said that that helps", "had had"


def _doubled(text: str) -> list[Defect]:
    return [Defect("doubled word", f"doubled words '{m.group(0)}': "
                   f"\"{_quote(text, m.start(), m.end())}\"")
            for m in _DOUBLED.finditer(text) if m.group(1).lower() not in _DOUBLED_OK]


_X_OF_X = re.compile(r"\b([A-Za-z]+(?:[ -][A-Za-z]+)?)\s+of\s+(?:(?:the|a|an)\s+)?\1\b",
                     re.IGNORECASE)
_X_OF_X_OK = frozenset({  # "the best of the best", "three of three studies"
    "best", "worst", "all", "kind", "king", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten",
})


def _x_of_x(text: str) -> list[Defect]:
    if text.isascii() and "of" not in text.lower():
        return []  # the pattern needs "of", and lower() folds ASCII case as it does
    return [Defect("X of X", f"'{m.group(1)} of {m.group(1)}': "
                   f"\"{_quote(text, m.start(), m.end())}\"")
            for m in _X_OF_X.finditer(text)
            if m.group(1).split()[-1].lower() not in _X_OF_X_OK]


# "the risk of overdose of in people with pain": "of" then "in" and whom it is about is a
# slip ("of in vitro", "of in-person" are good English and are not matched).
DOUBLED_PREPOSITION = re.compile(r"\bof in (?=(?:[a-z-]+ ){0,3}(?:people|patients|persons|"
                                 r"adults|children|women|men|workers|those)\b)")


def _doubled_preposition(text: str) -> list[Defect]:
    return [Defect("doubled preposition", f"doubled preposition '{m.group(0).strip()}': "
                   f"\"{_quote(text, m.start(), m.end())}\"")
            for m in DOUBLED_PREPOSITION.finditer(text)]


_SPACE_BEFORE = re.compile(r"[A-Za-z0-9%)\]][ \t]+([.,;:!?])(?=\s|$|[\"')\]])")


def _space_before(text: str) -> list[Defect]:
    out = []
    for m in _SPACE_BEFORE.finditer(text):
        if m.group(1) == ":" and re.match(r"\s*\d", text[m.end():]) and text[m.start()].isdigit():
            continue  # a ratio, "1 : 2"
        # The quote starts after the character before the space, which belongs to a word.
        out.append(Defect("space before punctuation", f"space before '{m.group(1)}': "
                          f"\"{_quote(text, m.start() + 1, m.end())}\""))
    return out


_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("\u201c", "\u201d"))
_ENUMERATOR = re.compile(r"(?:^|[\s,;:])(?:[a-z]|\d{1,2}|[ivx]{1,4})$")


def _unbalanced(text: str) -> list[Defect]:
    """Brackets and double quotes that do not pair up. A closing bracket with no opening
    one after "a", "2" or "iv" is an enumerator ("choose: a) diet, b) exercise")."""
    out = []
    for left, right in _PAIRS:
        at = _unpaired(text, left, right)
        if at >= 0:
            out.append(Defect("unbalanced", f"unbalanced '{left}{right}': "
                              f"\"{_quote(text, at, at + 1, around=4)}\""))
    if text.count('"') % 2:
        at = text.find('"')
        out.append(Defect("unbalanced", f"unbalanced '\"': \"{_quote(text, at, at + 1, 4)}\""))
    return out


def _unpaired(text: str, left: str, right: str) -> int:
    """Where the first stray closing or unclosed opening bracket is, or -1."""
    if right not in text:  # nothing closes: the first opening bracket, if any, stays open
        return text.find(left)
    depth, first_open = 0, -1
    for i, ch in enumerate(text):
        if ch == left:
            depth += 1
            first_open = i if depth == 1 else first_open
        elif ch == right and depth:
            depth -= 1
        elif ch == right and not (left == "(" and _ENUMERATOR.search(text[:i])):
            return i
    return first_open if depth else -1


_MARKUP = (
    (re.compile(r"\*\*|__"), "'**'"),
    (re.compile(r"\\[*_#\[\]()`|]"), "escaped markup"),
    (re.compile(r"(?:^|\s)#{1,6}(?=\s)|#{2,}"), "'#'"),
    (re.compile(r"!?\[[^\]\n]+\]\([^)\n]*\)"), "link markup"),
    (re.compile(r"</?(?:a|b|i|u|p|br|hr|em|strong|span|div|sup|sub|li|ul|ol|table|tr|td|th|"
                r"h[1-6]|img|font|small|center|blockquote|code|pre)\b[^<>]*/?>", re.IGNORECASE),
     "HTML tag"),
    (re.compile(r"&(?:[a-z]{2,8}|#\d{2,5});"), "HTML entity"),
    (re.compile(r"\|"), "table bar '|'"),
    (re.compile(r"`"), "'`'"),
)
_STAR = re.compile(r"(?<!\\)\*")


def _markup(text: str, prose: bool) -> list[Defect]:
    """Markup a reader would see as symbols. In prose (recommendation texts, summary,
    glossary) no Markdown is expected at all, so a lone '*' counts too."""
    out = [Defect("leftover markup", f"leftover markup ({name}): "
                  f"\"{_quote(text, m.start(), m.end())}\"")
           for pattern, name in _MARKUP for m in [pattern.search(text)] if m]
    if prose and not out and (m := _STAR.search(text)):
        out.append(Defect("leftover markup", f"leftover markup ('*'): "
                          f"\"{_quote(text, m.start(), m.end())}\""))
    return out


# "(e." not followed by "g.", or a lone "e." ending the line; "e. Take ..." mid-line is an
# enumerator.
_CUT_EG = re.compile(r"\(([ei])\.(?! ?[ge]\.)|(?<!\S)([ei])\.$")
_EG_AT_END = re.compile(r"\b(?:e\.g|i\.e)\.?\s*(?:\)|$)")


def _cut_abbreviation(text: str) -> list[Defect]:
    """"e.g." / "i.e." cut short: the line stops at "(e." (the rest, "g. ...", went to
    another line or nowhere), or nothing follows the abbreviation."""
    out = []
    for m in _CUT_EG.finditer(text):
        out.append(Defect("cut abbreviation", f"abbreviation cut at '{m.group(1) or m.group(2)}.': "
                          f"\"{_quote(text, m.start(), m.end())}\""))
    for m in _EG_AT_END.finditer(text):
        out.append(Defect("cut abbreviation", f"nothing follows '{m.group(0).strip(' )')}': "
                          f"\"{_quote(text, m.start(), m.end())}\""))
    return out


_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_PATIENT = re.compile(r"\b(?:[Tt]he|[Aa]|[Ee]ach|[Ee]very|[Tt]his|[Tt]hat|[Aa]ny|[Aa]ll|"
                      r"[Oo]ne)\s+patient(?:'s|s'?|\u2019s)?\b|\b[Pp]atients\b")


def _patient_and_you(text: str) -> list[Defect]:
    """Text that speaks to the reader as "you" must not also call them "the patient"."""
    m = _PATIENT.search(text)
    if m and _YOU.search(text):
        return [Defect("the patient", f"'{m.group(0)}' in text addressed to 'you': "
                       f"\"{_quote(text, m.start(), m.end())}\"")]
    return []


# "the person", or "Person" with no article ("Person reports …", "If person contact …"):
# the reader spoken of in the third person. "A person" and "each person" are anyone.
_PERSON = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+person(?:'s|\u2019s)?\b"
                     r"|(?:^|(?<=[.;:!?] )|(?<=\b[Ii]f )|(?<=\b[Ww]hen )|(?<=\b[Ff]or ))"
                     r"[Pp]erson\b(?![ -][A-Z]| ?-)"
                     r"|(?<=, )person(?= (?:and|is|was|has|should|must|reports)\b)")


def _units(text: str) -> Iterator[str]:
    """A block cut where what it says to the reader can change: a lead-in with the list it
    opens ("If you have these conditions …:" and its items), or one list item with its
    sub-items, or one paragraph."""
    unit: list[str] = []
    lead = False
    for raw in text.split("\n"):
        bullet = bool(_BULLET.match(raw))
        if raw.strip() and (raw[:1].isspace() or (bullet and lead)):
            unit.append(raw)
            continue
        if unit:
            yield "\n".join(unit)
        unit = [raw] if raw.strip() else []
        lead = bool(raw.strip()) and not bullet and raw.rstrip().endswith(":")
    if unit:
        yield "\n".join(unit)


def _person_and_you(text: str) -> list[Defect]:
    """Advice said to "you" must not speak of the reader as "the person" or "Person …"."""
    for unit in _units(text):
        lines = [_BULLET.sub("", _LABEL.sub("", raw.strip())) for raw in unit.split("\n")]
        lines = [_BOLD.sub(lambda m: m.group(1) or m.group(2), line) for line in lines]
        hit = next((m for line in lines if (m := _PERSON.search(line))), None)
        if hit and _YOU.search(" ".join(lines)):
            said = hit.string
            return [Defect("the person", f"'{hit.group(0)}' in text addressed to 'you': "
                           f"\"{_quote(said, hit.start(), hit.end())}\"")]
    return []


# --- fragments -----------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "no", "fig", "al", "approx", "st",
    "u.s", "inc", "jr", "sr", "ca", "cf", "min", "max", "hr", "hrs", "wk", "wks", "yr", "yrs",
    "mo", "mos", "lb", "lbs", "oz", "ft", "dept", "incl", "esp", "resp", "vol", "pp", "p",
})
_LOWER_AFTER_STOP = re.compile(r"(\S+)\.[ \t]+([a-z][\w'-]*)")


def _fragments(line: _Line, exempt_first: bool, whole: bool, capital: bool) -> list[Defect]:
    """Sentences a reader cannot finish: no finite verb, a lower-case start after a full
    stop, or an ending on "the", "and", "of"...

    Questions, bracketed asides, quotations, short replies and sentences that open "For
    example" are left alone; so is the first sentence of a list item, label or definition, which is
    often rightly a noun phrase. A section line without a closing full stop is a heading or
    label; a recommendation or summary (``whole``) is prose to its last word, and starts
    with a capital (``capital``; a glossary meaning need not).
    """
    out = []
    for m in _LOWER_AFTER_STOP.finditer(line.text):
        token = m.group(1).lower().lstrip("([{\"'")
        if token in _ABBREVIATIONS or "." in token or len(token) == 1 or m.group(1)[-1] == ".":
            continue
        if re.search("[A-Z]", m.group(2)):
            continue  # "eGFR", "mRNA"
        out.append(Defect("fragment", "sentence starts lower-case after a full stop: "
                          f"\"{_quote(line.text, m.start(), m.end())}\""))
    if capital and re.match(r"[a-z]+\b", line.text) and not re.match(r"\S*[A-Z]", line.text):
        out.append(Defect("fragment", f"text starts lower-case: \"{_quote(line.text, 0, 0, 6)}\""))
    quotes = 0  # quotation marks before this sentence: odd when it goes on a quotation
    for i, sentence in enumerate(sentences(_SYMBOLS.sub(" ", line.text))):
        quoted = quotes % 2 == 1
        quotes += sentence.count("\"") + sentence.count("\u201c") + sentence.count("\u201d")
        closed = sentence.rstrip("\"')]\u201d\u2019")[-1:] in (".", "!")  # "(… the.)" too
        if not closed and not whole:
            continue
        last = re.findall(r"[\w'-]+", sentence)[-1:]
        if closed and last and last[0] in _NO_END:
            out.append(Defect("fragment", f"sentence ends on '{last[0]}': "
                              f"\"{_tail(sentence)}\""))
            continue
        if (i == 0 and exempt_first) or not _needs_verb(sentence):
            continue
        if quoted:
            continue  # a note quoted as written ('"Patient admitted. Plan at discharge."')
        if not has_finite_verb(sentence):
            out.append(Defect("fragment", f"sentence without a verb: \"{_head(sentence)}\""))
    return out


# The strength symbols of a patient version ("? Not enough evidence."): not punctuation.
_SYMBOLS = re.compile(r"(?<!\S)[\u2714\u2716?]+(?!\S)")
_NO_END = frozenset({"the", "a", "an", "and", "or", "nor", "of", "than", "your", "their"})


def _needs_verb(sentence: str) -> bool:
    s = sentence.strip()
    if s.endswith("?") or s.startswith(("(", "[", "\"", "\u201c")):
        return False
    if re.match(r"(?:for example|for instance|e\.g\.|such as|note)\b", s, re.IGNORECASE):
        return False
    return len(re.findall(r"[A-Za-z]+", s)) > 2


def _head(sentence: str, n: int = 12) -> str:
    tokens = sentence.split()
    return " ".join(tokens[:n]) + (" ..." if len(tokens) > n else "")


def _tail(sentence: str, n: int = 8) -> str:
    tokens = sentence.split()
    return ("... " if len(tokens) > n else "") + " ".join(tokens[-n:])


# What can carry a sentence: auxiliaries and modals always; a lexical verb when the word can
# be a present or past form and the words before it let it be one.
_AUX = frozenset({
    "is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "cannot", "can't",
    "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "hasn't",
    "haven't", "shouldn't", "wouldn't", "couldn't", "mustn't", "needn't", "ought",
})
_CONTRACTED = re.compile(r"^(?:it|that|there|here|what|who|he|she|this)'s$|'(?:re|ll|ve|d|m)$")
_RELATIVE = frozenset({
    "who", "whom", "whose", "which", "if", "when", "unless", "because", "although", "though",
    "while", "whether", "where", "until", "whenever",
})
_CONJUNCTIONS = frozenset({"and", "or", "but", "then", "so", "yet", "nor"})
_ADVERBS = frozenset({
    "not", "also", "never", "always", "often", "still", "already", "now", "just", "only",
    "usually", "sometimes", "really", "first",
})
_DETERMINERS = frozenset({
    "a", "an", "the", "my", "your", "our", "their", "its", "his", "every", "no", "enough",
    "more", "less", "most", "least", "some", "any", "such", "many", "few", "several",
})
_PREPOSITIONS = frozenset({
    "of", "with", "without", "for", "in", "on", "at", "by", "from", "about", "into", "than",
    "to", "during", "per", "via", "among", "between", "through", "under", "against", "like",
    "within", "across", "toward", "towards", "despite", "except",
})
_SUBJECTS = frozenset({
    "i", "you", "we", "they", "he", "she", "it", "this", "that", "these", "those", "one",
    "who", "which", "everyone", "someone", "anyone", "everybody", "somebody", "nobody",
    "none", "both", "all", "each", "there",
    "old", "older", "younger", "alone",  # "adults 65 and older need ..."
})
_COLLECTIVE = frozenset({
    "division", "team", "group", "panel", "committee", "staff", "force", "government",
    "board", "council", "department", "agency", "society", "family", "public", "couple",
})
_QUANTITIES = frozenset({"some", "many", "most", "few", "several", "both", "all"})
_NOT_FINITE = frozenset({"aged", "including", "according", "people"})
_VERB_SUFFIX = re.compile(r"(?:ate|ize|ise|ify)[sd]?$|(?:ifies|ified)$")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d+(?:[.,]\d+)*|[,;:\u2013\u2014]")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@dataclass
class _Reading:
    """Where the reader of a sentence is, word by word."""

    prev: str = ""
    before_prev: str = ""
    role: str = "start"
    """start | conj | clause (after "who") | aux | predicate (after an auxiliary) | verb | word"""
    head: str = ""
    """What a dependent clause is about: "people" in "people who smoke ..."."""
    in_phrase: bool = False
    """Inside a noun phrase opened by an article, possessive or preposition."""
    subjects: list[str] = field(default_factory=list)
    """Nouns before the first preposition (bar "of") and any clause: the subject's head."""
    collecting: bool = True


def has_finite_verb(sentence: str) -> bool:
    """Whether a verb outside dependent clauses can carry the sentence.

    A clause opened by "who", "which", "if", "when"... takes the first verb after it, so a
    noun phrase with only such a clause ("Men who have sex with men.") has no verb of its
    own. Whether a word that can be a verb is one depends on what comes before it: never
    after an article, possessive, preposition or adjective ("the screening", "with drugs",
    "recent attempt"), nor right after an auxiliary, whose verb group it completes ("who
    have sex"); inside a noun phrase a word that can be a noun must agree with the noun
    before it ("test results help", not "a suicide attempt"); elsewhere a verb may agree with
    the subject ("forms of vitamin D include"); at the start or after a comma it may be an
    imperative. Bracketed asides are skipped.
    """
    r = _Reading()
    pending = opened = 0  # clauses waiting for their verb; openers just read ("whether and when")
    for tok in _TOKEN.findall(_ASIDE.sub(" ", sentence).replace("\u2019", "'")):
        low = tok.lower()
        if low in ("to", "of") and opened:
            pending -= opened  # "at which to start", "because of": no verb to wait for
        opened = opened + 1 if low in _RELATIVE else opened if low in _CONJUNCTIONS else 0
        if not low[0].isalnum() or low in _CONJUNCTIONS or low in _RELATIVE:
            clause = low in _RELATIVE
            if not low[0].isalnum():
                pending = 0  # "If you smoke, stop."
            elif low == "and" and r.collecting and r.subjects:
                r.subjects.append("they")  # "X and Y predict": a plural subject
            r.head = r.prev if clause else r.head
            r.collecting = r.collecting and not clause
            pending += clause
            r.role = "clause" if clause else "conj" if low[0].isalpha() else "start"
            r.prev, r.before_prev, r.in_phrase = low, r.prev, False
            continue
        aux = low in _AUX or bool(_CONTRACTED.search(low))
        verb = r.prev != "to" if aux else _lexical_verb(low, r)
        if verb and not pending:
            return True
        pending -= verb
        if not verb and not aux and r.role in ("verb", "predicate") and _adverb(low):
            r.prev, r.before_prev = low, r.prev
            continue  # "those who exercise often find ...": the adverb changes nothing
        if low in _PREPOSITIONS and low != "of" and r.subjects:
            r.collecting = False
        if r.collecting and (_number(low) or low in _SUBJECTS) \
                and r.prev not in _PREPOSITIONS - {"of"}:
            r.subjects.append(low)
        r.in_phrase = low in _DETERMINERS or low in _PREPOSITIONS or (
            r.in_phrase and not verb and not aux and bool(_number(low) or _adjective(low)))
        if aux or (r.role == "aux" and low in _ADVERBS):
            r.role = "aux"
        else:
            r.role = "verb" if verb else "predicate" if r.role == "aux" else "word"
        r.prev, r.before_prev = low, r.prev
    return False


def _lexical_verb(word: str, r: _Reading) -> bool:
    tags = _finite_tags(word.split("-")[-1])
    if not tags or word in _NOT_FINITE or r.role == "aux":
        return False
    if r.role == "clause" or r.prev in _SUBJECTS:
        return True  # "who uses", "you need"
    if r.prev in _QUANTITIES and not r.before_prev:
        return bool(tags - {"VBZ"})  # "Most reported ...", "Some feel dizzy."
    if r.role in ("verb", "predicate"):
        # After a clause the main verb agrees with what the clause was about: "people who
        # smoke need help", "those who exercise live longer"; not "people who inject drugs".
        return not r.head or r.head in _SUBJECTS or _agrees(r.head, tags)
    if r.role in ("start", "conj"):
        return bool(tags - {"VBZ"})  # "Ask ...", "eat well and exercise"; not "and risks"
    prev = r.prev
    if prev in _DETERMINERS or prev in _PREPOSITIONS or prev.endswith("'s"):
        return False
    agrees_with_subject = any(n in _SUBJECTS or _agrees(n, tags) for n in r.subjects)
    if prev[0].isdigit():  # "adults aged 50 to 75 need", "a range of 0.2 to 0.25 appears"
        return bool(tags & {"VBP", "VBD"}) or agrees_with_subject  # not "take 2 doses"
    if _adjective(prev) or (_can_be_adjective(prev) and r.before_prev in _PREPOSITIONS):
        return False  # "recent attempt", "with high blood"
    if "VBD" in tags:
        return True  # "experts found", "the USPSTF also found"
    if _adverb(prev):
        return agrees_with_subject or not r.subjects  # "results usually come back"
    if _agrees(prev, tags):
        return True  # "care team checks", "experts advise"
    if r.in_phrase and _number(word):
        return False  # "a recent suicide attempt", "with high blood pressure"
    return agrees_with_subject  # "forms of vitamin D include"


def _agrees(noun: str, tags: frozenset[str]) -> bool:
    """A present form agrees with a noun: "team checks", "experts advise"."""
    number = _number(noun)
    return bool(("VBP" in tags and "plural" in number) or ("VBZ" in tags and "singular"
                                                            in number))


@lru_cache(maxsize=16384)
def _number(word: str) -> frozenset[str]:
    """"singular", "plural", both ("means", "data") or neither (not a noun). A word the
    lexicon does not know is taken for a noun, plural when it ends in a plural "s"."""
    import lemminflect

    word = word.split("-")[-1]
    if word in ("people", "they"):  # "people" is its own lemma in the lexicon
        return frozenset({"plural"})
    if word in _COLLECTIVE:  # "the panel recommends" and, in British use, "recommend"
        return frozenset({"singular", "plural"})
    readings = lemminflect.getAllLemmas(word)
    if not readings:
        plural = re.search(r"[^su]s$", word) and not word.endswith(("sis", "itis"))
        return frozenset({"plural" if plural else "singular"})
    nouns = readings.get("NOUN", ())
    found = {"plural" for lemma in nouns if lemma != word}
    found |= {"singular" for lemma in nouns if lemma == word}
    if not nouns and word.endswith("s"):  # the lexicon knows "harm" as a noun, not "harms"
        bases = readings.get("VERB", ())
        found |= {"plural" for base in bases if "NOUN" in lemminflect.getAllLemmas(base)}
    return frozenset(found)


def _adjective(word: str) -> bool:
    """Only ever an adjective ("recent"); a word that may also be a noun is not."""
    return bool(_readings(word)) and _readings(word) <= {"ADJ"}


def _can_be_adjective(word: str) -> bool:
    return "ADJ" in _readings(word)


def _adverb(word: str) -> bool:
    """An adverb that is not also a noun: "usually", "often", "early"."""
    readings = _readings(word)
    return "ADV" in readings and "NOUN" not in readings


@lru_cache(maxsize=16384)
def _readings(word: str) -> frozenset[str]:
    """The parts of speech the lexicon gives the word (its last part, when hyphenated)."""
    import lemminflect

    return frozenset(lemminflect.getAllLemmas(word.split("-")[-1]))


@lru_cache(maxsize=16384)
def _finite_tags(word: str) -> frozenset[str]:
    """The finite forms ``word`` can be (VB, VBP, VBZ, VBD): from the lexicon, or from a
    verb suffix ("titrates") for words it does not know."""
    import lemminflect  # imported here: the lexicon is loaded only when first needed

    lemmas = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    if not lemmas:
        if len(word) <= 5 or not _VERB_SUFFIX.search(word):
            return frozenset()
        return frozenset({"VBZ"} if word.endswith("s") else {"VBD"} if word.endswith("d")
                         else {"VB", "VBP"})
    tags = set()
    for lemma in lemmas:
        forms = lemminflect.getAllInflections(lemma, upos="VERB")
        tags |= {tag for tag in ("VB", "VBP", "VBZ", "VBD") if word in forms.get(tag, ())}
    return frozenset(tags)
