"""Lists inside sentences, and whether some words can stand as a sentence.

A guideline packs lists into one long sentence ("based on pain, symptoms, past doses, and
side effects"; "(1) …, (2) …"; a list whose line breaks were lost). Said as a lead-in and one
line an item, each is read at a glance. The clause test keeps every split honest: a piece
becomes a sentence only when it carries a verb of its own, so no fragment is left behind.
"""

from __future__ import annotations

import re
from itertools import pairwise

from domain.patterns import compiled
from domain.readability import words
from domain.reader import is_imperative

__all__ = ["MODAL", "After", "as_list", "bullet", "chunked", "depth", "inline", "is_clause", "item",
           "rejoin_short", "split_parts", "split_sentences"]


class After(str):
    """A sentence that follows a list: said after its items, never as one of them."""
    __slots__ = ()

_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|should|must|may|might|can|cannot"
    r"|could|will|would|shall|needs?|advises?|suggests?|recommends?|helps?|includes?|gets?"
    r"|takes?|makes?|shows?|found|gives?|depends?|occurs?|seems?|appears?|conclude[sd]?"
    r"|want)\b",
    re.IGNORECASE)


MODAL = re.compile(r"\b(?:should|must|may|might|can|cannot|could|will|would|shall)\b",
                    re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|whose)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)


def is_clause(text: str) -> bool:
    """True when the words can stand as a sentence: a modal, an imperative, or a verb that
    is not inside a relative clause ("Women who have not been pregnant" has none)."""
    if MODAL.search(text) or is_imperative(text.strip()):
        return True
    return any(not _RELATIVE.search(text[: m.start()]) for m in _VERB.finditer(text))
_ENUM = re.compile(r"(?:(?<=\s)|^)(?:\(?(\d{1,2}|[a-l])\)|([a-l])\.)\s+")
_ORDER = "abcdefghijkl"
_LIST_INTRO = re.compile(
    r"(?::\s+|\b(?:include|includes|including|such as)\s+(?=[^,]{2,60},[^,]{2,60},))"
)


# A part that goes on with the sentence's verb or a linking word: the sentence carries on
# after its examples, so the part is no item.
_GOES_ON = re.compile(r"(?:are|is|was|were|has|have|had|does|do|can|could|will|would|should"
                      r"|may|might|must|so|but|then|thus|therefore)\b")


def as_list(sentence: str) -> list[str] | None:
    """A sentence that lists things becomes a lead-in plus items, one per line.

    Numbered lists ("1) ..., 2) ..." or "(1) ..., (2) ...") keep their numbers, lettered
    ones ("(a) ..., (b) ...") lose their letters; a list of
    four or more short comma-separated items after a colon or "such as" is split too, and a
    shorter sentence that "includes" three or more things.
    """
    marks = [m for m in _ENUM.finditer(sentence) if (m.group(1) or m.group(2) in _ORDER)
             and depth(sentence[:m.start()]) <= 0]
    if any(m.group(2) for m in marks):
        marks = [m for m in marks if m.group(2)]  # "a. … b. …": bare letters only
    numbered = [m for i, m in enumerate(marks)
                if (m.group(1) or m.group(2)) in (str(i + 1), _ORDER[i:i + 1])]
    if len(numbered) >= 2 and len(numbered) == len(marks):
        lead = sentence[: numbered[0].start()].rstrip(" ,;:-–") + ":"
        items = []
        for i, m in enumerate(numbered):
            end = numbered[i + 1].start() if i + 1 < len(numbered) else len(sentence)
            # a letter says nothing a bullet does not ("(a) bleeding disorders"); a number
            # may be referred to ("see step 2"), so it stays
            item = sentence[m.end() if (m.group(2) or m.group(1).isalpha()) else m.start():end]
            item = item.strip()
            item = compiled(r"[,;]?\s*(?:and|or)?\s*$").sub("", item).strip(" ,;")
            conj = compiled(r"[,;]?\s*\b(and|or)\s*$").search(sentence[m.start():end])
            if conj and i + 1 < len(numbered):
                item += f", {conj.group(1)}"
            items.append(item.rstrip("."))
        return [lead, *items] if len(words(lead)) >= 2 else None
    run_on = (_run_on(sentence) or _who_list(sentence) or _verb_list(sentence)
              or _parallel(sentence) or _groups(sentence) or _tail_list(sentence)
              or _reasons_list(sentence) or _advised_list(sentence))
    if run_on:
        return run_on
    intro = _LIST_INTRO.search(sentence)
    colon = intro and not intro.group(0).startswith(":") and re.compile(r":\s+").search(
        sentence, intro.end(), sentence.find(",", intro.end()))
    if colon:
        # "Examples include the abilities to perform: work tasks, drive safely, …": the
        # lead runs to the colon; "the abilities to perform" is no item.
        intro = colon
    if not intro or (len(words(sentence)) < 22 and not _short_include(sentence, intro)):
        return None
    tail = sentence[intro.end():].rstrip(". ")
    if depth(sentence[:intro.end()]) or depth(tail):
        return None
    if ";" in tail and intro.group(0).startswith(":"):
        parts = split_parts(tail, r";\s+(?:and\s+|or\s+)?")  # long items, kept whole
        if len(parts) >= 2 and all(0 < len(words(p)) <= 25 for p in parts):
            return [sentence[: intro.end()].rstrip(" :") + ":", *parts]
    parts = split_parts(tail)
    if any(_GOES_ON.match(p) for p in parts[1:-1]) or compiled(
            rf",\s+{_GOES_ON.pattern}[^,]*$").search(tail):
        # "hazards, such as the risk of X, are amplified in SCD, so …", "shots of other
        # substances such as bone marrow, stem cells, are not advised": the sentence goes
        # on after the examples; its verb is no item ("…, and are used to …" still ends one).
        return None
    if len(parts) < 3 or any(len(words(p)) > 15 or not words(p) for p in parts) or \
            _names_sharing_noun(parts):
        return None
    if _TRAILING_PHRASE.match(parts[-1]) and not any(_TRAILING_PHRASE.match(p)
                                                    for p in parts[:-1]):
        # "such as the PTSD Checklist for DSM, fifth edition, in the initial treatment
        # planning": the last part says when the thing is used; it is no item of the list.
        return None
    lead = sentence[: intro.end()].rstrip(" :") + ":"
    return [lead, *parts]


def _short_include(sentence: str, intro: re.Match[str]) -> bool:
    """A shorter sentence is a list too when a clause says it "include(s)" three or more
    things and nothing follows them ("Reasons include joint pain, joint stiffness, …, and
    scar tissue pain."): the lead keeps its verb, each line is a thing."""
    lead, tail = sentence[: intro.start()], sentence[intro.end():].rstrip(". ")
    if not compiled(r"\s*includes?\s+").fullmatch(intro.group(0)) or not is_clause(
            f"{lead} include"):
        return False
    parts = split_parts(tail)
    return (len(parts) >= 3 and bool(compiled(r",\s+and\s+[^,]*$").search(tail))
            and not any(is_clause(p) or MODAL.search(p) for p in parts))


_TRAILING_PHRASE = re.compile(r"(?:in|at|during|when|while|to|by|before|after|until)\s",
                              re.IGNORECASE)
_ITEM_START = re.compile(r"(?<=[a-z0-9)])\s+(?=[A-Z][a-z])")


_WHO_VERBS = r"(?:have|has|are|is|were|was|had|do|does|did|can|live|use|smoke|take|get|need)"


def _verb_list(sentence: str) -> list[str] | None:
    """"Your care team should ask A, advise B, and offer C." -> a lead and one line an action."""
    m = compiled(r"\b(?:should|must|can|may|will)\s+(?:also\s+)?(?=[a-z])").search(sentence)
    if not m or depth(sentence):
        return None
    tail = sentence[m.end():].rstrip(". ")
    parts = split_parts(tail, r",\s+(?:and\s+|or\s+)?")
    if len(parts) < 3 or not all(is_imperative(p) for p in parts) or not compiled(
            r",\s+(?:and|or)\s+[^,]*$").search(tail):
        return None
    return [sentence[:m.end()].rstrip() + ":", *parts]


_ADVISED = re.compile(r"^(?P<lead>(?:(?:If|When|For|In) [^,]{3,160},\s+)?(?:experts|Experts)"
                      r" (?:also )?(?:advise|suggest|recommend))\s+"
                      r"(?P<tail>(?!against\b|that\b).+?)\.?$")
_NO_ITEM = re.compile(r"(?:including|such as|especially|for example|which|who|that|if|when)\b")


def _advised_list(sentence: str) -> list[str] | None:
    """"Experts advise A, B, and C." (18 words or more) -> "Experts advise:" and one line a
    thing advised: three things in one run are read one at a time."""
    m = _ADVISED.match(sentence)
    if not m or len(words(sentence)) < 18 or depth(sentence):
        return None
    tail = m.group("tail")
    parts = split_parts(tail, r",\s+(?:and\s+)?")
    if (len(parts) < 3 or not compiled(r",\s+and\s+[^,]*$").search(tail)
            or any(not 2 <= len(words(p)) <= 12 or is_clause(p) or _NO_ITEM.match(p)
                   for p in parts)
            or compiled(r"\b(?:of|about|following|after|before|with|between|on|like)\b").search(
                         parts[0])):
        return None  # "X following a talk of A, B, and C": the list belongs to the talk
    return [f"{m.group('lead')}:", *parts]


def _who_list(sentence: str) -> list[str] | None:
    """"… adults who have A, are B, and have C." becomes "… adults who:" and one line each."""
    m = compiled(rf"\bwho\s+(?={_WHO_VERBS}\b)").search(sentence)
    if not m or depth(sentence[:m.start()]):
        return None
    tail = sentence[m.end():].rstrip(". ")
    parts = compiled(r",\s+(?:and\s+|or\s+)?").split(tail)
    if len(parts) < 3 or not all(compiled(rf"(?:not\s+)?{_WHO_VERBS}\b").match(p) for p in parts):
        return None
    if any(depth(p) for p in parts) or compiled(r"\s(?:are|is|was|were|should|may|can)\s").search(
                                                   parts[-1][4:]):
        return None  # "who are A, have B and are C are more likely …": the list is a subject
    joiner = "or" if compiled(r",\s+or\s+\S+[^,]*$").search(tail) else "and"
    items = [*parts[:-1], f"{parts[-1]}"]
    lead = sentence[:m.end()].rstrip() + (":" if joiner == "and" else " (any of these):")
    return [lead, *items]


_ITEM_LEAD = re.compile(
    r".*\b(?:on|of|for|with|about|include|includes|including|like|as|from|using|such as"
    r"|are|is|be|by|via|than)\s+", re.IGNORECASE | re.DOTALL)


_PARALLEL = re.compile(r",\s+(?P<joiner>or|and)\s+(?P<noun>[a-z]{4,})\s+(?=\w)")


def _only_noun(word: str) -> bool:
    import lemminflect  # imported here: the lexicon is loaded only when first needed

    readings = lemminflect.getAllLemmas(word)
    return "NOUN" in readings and "VERB" not in readings and "ADJ" not in readings


def _parallel(sentence: str) -> list[str] | None:
    """Two groups named with the same noun, each with its own list: "organs from donors
    known to be infected with HBV or HCV, or donors at increased risk for HBV, HCV, or HIV"
    becomes "organs from any of these:" and one line for each group of donors, so that the
    inner lists never mix."""
    if len(words(sentence)) < 18 or depth(sentence):
        return None
    body = sentence.rstrip(". ")
    for m in _PARALLEL.finditer(body):
        noun = m.group("noun")
        first = compiled(rf"\b(?:from|with|to|for|of|by|in|on|among)\s+(?P<np>{noun})\b"
                         ).search(body[: m.start()])
        if not first or depth(body[: m.start()]) or "," not in body[m.end():] + body[
                first.end(): m.start()]:
            continue
        lead = body[: first.start("np")].rstrip()
        items = [body[first.start("np"): m.start()].strip(), body[m.start("noun"):].strip()]
        if (len(words(lead)) < 4 or not is_clause(lead) or any(len(words(i)) < 3 for i in items)
                or not _only_noun(noun) or not compiled(r",|\s(?:or|and)\s").search(items[0])
                or "," not in items[1]):
            continue  # only a list inside each group makes the flat commas ambiguous
        return [f"{lead} {'any of these' if m.group('joiner') == 'or' else 'both of these'}:",
                *items]
    return None


_GROUP_NOUN = re.compile(r"\b(?:adults|teens|children|parents|women|men|people|adolescents"
                         r"|infants|babies|caregivers|families|partners|veterans|girls|boys)\b")
_CARE_VERB = re.compile(r"^(?P<lead>.*\b(?:counsel|counseling|teach|teaching|educate|educating"
                        r"|remind|reminding))\s+(?P<first>[^,]+)$")


def _groups(sentence: str) -> list[str] | None:
    """"Experts advise counseling young adults, teens, children, and parents of young
    children about minimizing exposure to UV radiation." -> "Experts advise counseling about
    minimizing exposure to UV radiation for these people:" and one line a group."""
    body = sentence.rstrip(". ")
    if depth(body) or len(words(body)) < 14:
        return None
    first = body.find(", ")
    prep = compiled(r"\s+(?P<prep>about|on)\s+(?P<rest>[^,]{3,})$").search(body)
    if first < 0 or not prep or prep.start() < first:
        return None
    lead = _CARE_VERB.match(body[:first])
    if not lead:
        return None
    listed = body[lead.start("first"): prep.start()]
    joiner = compiled(r",\s+(and|or)\s+[^,]+$").search(listed)
    parts = split_parts(listed, r",\s+(?:and\s+|or\s+)?")
    if (not joiner or len(parts) < 3
            or any(len(words(p)) > 6 or not _GROUP_NOUN.search(p) for p in parts)):
        return None
    who = "these people" if joiner.group(1) == "and" else "any of these people"
    rest, aim = prep.group("rest"), None
    purpose = compiled(
            r"\s+to (?=(?:lower|reduce|prevent|improve|help|avoid|protect)\b)").search(rest)
    if purpose:
        # "… to lower their risk of skin cancer": the aim follows the list, not leads it.
        rest, aim = rest[: purpose.start()], After(f"The aim is to {rest[purpose.end():]}.")
    said = lead.group("lead")
    group = compiled(r"\s+for\s+(?P<who>(?:people|persons|individuals|adults|women|men"
                      r"|children)\b.+)$").search(rest)
    if group:
        # "… for persons aged 6 months to 24 years": whom the advice is for leads it, so
        # that it is said as the reader's condition.
        rest = rest[: group.start()]
        said = f"For {group.group('who')}, {said[:1].lower()}{said[1:]}"
    return [f"{said} {prep.group('prep')} {rest} for {who}:", *parts, *([aim] if aim else [])]


def _names_sharing_noun(parts: list[str]) -> bool:
    """"HIV, hepatitis B, or hepatitis C infection", "C, E, and K antigens": named things
    that share the last one's noun. One a line, the noun is left on the last line only, as
    if it were of that one alone; said in the sentence, the series reads whole."""
    *names, last = parts
    named = compiled(r"(?:^|\s)[A-Z0-9][\w'-]*$")
    return (len(names) >= 2 and all(named.search(p) for p in names)
            and all(len(words(p)) <= 2 for p in names[1:])
            and bool(compiled(r"^(?:[a-z'-]+ )?[A-Z0-9][\w'-]* [a-z]+$").match(last)))


def _tail_list(sentence: str) -> list[str] | None:
    """A sentence that ends in a list of three or more short items becomes a lead-in and one
    line an item: "… based on pain, symptoms, past doses, and side effects." """
    # Five or more things read as a list however short the sentence ("… against treating
    # PTSD with divalproex, tiagabine, guanfacine, risperidone, …, or D-cycloserine alone").
    if (len(words(sentence)) < 18 and sentence.count(", ") < 4) or depth(sentence):
        return None
    body = sentence.rstrip(". ")
    first = body.find(", ")
    if first < 0:
        return None
    lead_m = _ITEM_LEAD.match(body[:first])
    if not lead_m:
        return None
    start = lead_m.end()
    aim = compiled(r"[^,]+?\s+to\s+(?:reduce|lower|decrease|prevent|minimi[sz]e)\s+").match(
                   body[start:first])
    if aim:
        # "… in patients with acute exacerbations to reduce intubation, mortality, and
        # length of stay": the list is what the care reduces, not whom it is for.
        start += aim.end()
    parts = split_parts(body[start:], r",\s+(?:and\s+|or\s+)?")
    joiner = compiled(r",\s+(and|or)\s+[^,]*$").search(body)
    if (len(parts) < 3 or not joiner or any(not words(p) or len(words(p)) > 8 or MODAL.search(p)
                                            or depth(p) for p in parts)):
        return None
    if any(is_imperative(p) for p in parts[1:]):
        return None  # "improve X, raise Y, and lower Z" lists actions, not things
    if _names_sharing_noun(parts):
        return None
    if (compiled(r"\b(?!(?:sure|aware|consists?|consisting|made|composed|because|instead) of"
                 r"\b)[a-z-]+ of\s+$").search(body[:start])
            and not compiled(r"(?:the|a|an|your|their)\s").match(parts[0])
            and any(compiled(r"the\s").match(p) for p in parts[1:])):
        # "the data supporting the level of risk, the level of care, and treatment plans":
        # a later item with its article says the first began before the noun the last "of"
        # hangs on; cut there, the list would read "level of: risk, the level of care, …".
        return None
    if any(_GOES_ON.match(p) for p in parts[1:]):
        return None  # "… about a plan, has the ability to …, and is likely to …": predicates
    if any(compiled(r"(?:such as|including|like|for example)\b").match(p) for p in parts[1:]):
        return None  # "a high rate of harms, such as A, B, and C": the examples of one item
    if (any(compiled(r"\s(?:or|and)\s").search(p) for p in parts[:-1])
            or any(compiled(r"\s(?:for|with|at|from|against)\s").search(p) for p in parts[1:-1])):
        # "infected with HBV or HCV, or donors at increased risk for HBV, HCV, or HIV": the
        # commas belong to lists inside lists; split flat, "at risk for HIV" would read as
        # "infected with HIV".
        return None
    lead = body[:start].rstrip()
    if len(words(lead)) < 4 or not is_clause(lead):
        return None
    # "… or D-cycloserine alone": "alone" is said of each thing, so it goes with the lead.
    alone = compiled(r"\s+(alone|by itself|by themselves)$").search(parts[-1])
    if alone:
        parts[-1] = parts[-1][:alone.start()]
    lead += " any of these" if joiner.group(1) == "or" else ""
    lead += f" {alone.group(1)}:" if alone else ":"
    return [lead, *parts]


_NOT_ADVISED_DUE = re.compile(
    r"^(?P<lead>[^,]*?\b(?:(?:is|are)(?: [a-z]+ly| also)? not (?:advised|recommended)"
    r"|[Nn]one (?:is|are) (?:advised|recommended))\b[^,]{0,80}?) (?:due to|because of)"
    r"\s+(?P<tail>.+)$")


def _reasons_list(sentence: str) -> list[str] | None:
    """"X is not advised due to A, B, and C." -> "X is not advised. The reasons are:" and one
    line a reason: the verdict is read first and whole, each reason on its own line, and no
    reason reads as part of the last words of the verdict ("pain due to: …")."""
    body = sentence.rstrip(". ")
    m = _NOT_ADVISED_DUE.match(body)
    if not m or depth(m.group("tail")):
        return None
    tail = m.group("tail")
    parts = split_parts(tail, r",\s+(?:and\s+|or\s+)?")
    if (len(parts) < 3 or not compiled(r",\s+and\s+[^,]*$").search(tail)
            or any(not words(p) or len(words(p)) > 14 or MODAL.search(p) or is_clause(p)
                   for p in parts)):
        return None
    return [f"{m.group('lead')}. The reasons are:", *parts]


def split_parts(text: str, pattern: str = r",\s+(?:and\s+|or\s+)?|;\s+") -> list[str]:
    """Split at commas (or semicolons) outside brackets only."""
    out, last = [], 0
    for m in re.finditer(pattern, text):
        if depth(text[:m.start()]) == 0:
            out.append(text[last:m.start()])
            last = m.end()
    out.append(text[last:])
    return out


def depth(text: str) -> int:
    """How many brackets (or an open quotation) are open at the end of ``text``: no list or
    sentence is ever split inside one."""
    quoted = text.count('"') % 2 + max(0, text.count("\u201c") - text.count("\u201d"))
    return text.count("(") - text.count(")") + text.count("[") - text.count("]") + quoted


def _run_on(sentence: str) -> list[str] | None:
    """A list whose line breaks were lost: "… include: Acupuncture Physical therapy Massage".

    After a colon, a capital word right after a lower-case word starts a new item; two or
    more such starts make a list. A long last piece with a verb is a sentence of its own.
    """
    colon = sentence.find(": ")
    if colon < 0:
        return None
    tail = sentence[colon + 2:].rstrip(".")
    if compiled(r",\s").search(tail) and depth(tail) == 0 and not compiled(
            r",\s+(?!and\b|or\b)[a-z]").search(tail):
        # "Stress Inoculation Training, Present-Centered Therapy, and …": its commas already
        # part the items; capitals inside a name start no new one.
        return None
    if compiled(r"(?:For example|That is|Examples are)$").match(sentence[:colon].strip()) and \
            compiled(r",\s+(?:and|or)\s+[^,]+$").search(tail):
        # "For example: much of Eastern Europe, Asia, the Middle East, and the Pacific
        # Islands": examples written as a series ending ", and …" are parted by their commas;
        # a capital inside a name ("the Middle East") starts no item.
        return None
    named = _title_case_runs(tail)
    cuts = [m.start() for m in _ITEM_START.finditer(tail)
            if not _NAME_GLUE.search(tail[max(0, m.start() - 12):m.start()])
            and depth(tail[:m.start()]) == 0 and m.end() not in named]
    first = compiled(r"[A-Z][a-z]+ ").match(tail)
    same = len(cuts) == 1 and first is not None and tail[cuts[0]:].lstrip().startswith(
        first.group(0))
    if len(cuts) < 2 and not same:
        return None  # "People who … People without …": two items that start alike
    bounds = [0, *cuts, len(tail)]
    items = [tail[a:b].strip(" ,;") for a, b in pairwise(bounds)]
    items = [i for i in items if words(i)]
    lead = sentence[:colon].strip() + ":"
    after: list[str] = []
    if len(items) > 2 and len(words(items[-1])) >= 8 and is_clause(items[-1]):
        after = [After(items.pop())]
    return [lead, *_nested(items), *after] if len(words(lead)) >= 2 else None


_SUBHEAD = re.compile(r"^(?P<head>[^:()]{2,60}):\s+(?P<first>[A-Z].*)$")


def _nested(items: list[str]) -> list[str]:
    """"Proven talk therapy: A", "B", "Proven medicine: C", "D": a list of lists whose
    line breaks were lost. Each heading keeps its own items under it ("head:\n  - A\n  - B"),
    so that no reader takes a medicine for a kind of talk therapy."""
    if not items or not _SUBHEAD.match(items[0]):
        return items
    out: list[str] = []
    for item in items:
        m = _SUBHEAD.match(item)
        if m:
            out.append(f"{m.group('head')}:\n  - {m.group('first')}")
        else:
            out[-1] += f"\n  - {item}"
    return out


def _title_case_runs(text: str) -> set[int]:
    """Where each capitalised word inside a run of three or more stands: such a run is one
    name in title case ("Post-Deployment Health Assessment", "Acceptance Based Emotion
    Regulation"), not items whose line breaks were lost ("Acupuncture Physical therapy")."""
    tokens = list(compiled(r"\S+").finditer(text))
    inside: set[int] = set()
    run: list[int] = []
    for tok in [*tokens, None]:
        if tok is not None and tok.group(0)[:1].isupper():
            run.append(tok.start())
            continue
        if len(run) >= 3:
            inside.update(run[1:])
        run = []
    return inside


_NAME_GLUE = re.compile(r"\b(?:and|of|for|the|on|to|in)$|U\.S\.$")


def rejoin_short(lines: list[str]) -> list[str]:
    """A short "… include:" list with a sentence after it is said in one line again
    ("X includes A, B, and C."): a sentence right after list lines reads as one more item."""
    out = list(lines)
    i = 0
    while i < len(out):
        if not compiled(r"\bincludes?:$").search(out[i]):
            i += 1
            continue
        j = i + 1
        while j < len(out) and out[j].startswith("- "):
            j += 1
        said = inline(out[i], [line[2:] for line in out[i + 1:j]])
        if said and j < len(out):
            out[i:j] = [said]
        i += 1
    return out


def inline(lead: str, items: list[str]) -> str | None:
    """A short "… include:" list said in one sentence again, as the guideline put it, or
    None when it is no such list: where its items cannot stand on lines of their own (a
    bullet of one line), commas read better than semicolons."""
    if not compiled(r"\bincludes?:$").search(lead) or len(items) < 3:
        return None
    said = (f"{lead[:-1]} {', '.join(i.rstrip('.') for i in items[:-1])}, "
            f"and {items[-1].rstrip('.')}.")
    return said if len(words(said)) < 22 else None


def item(text: str) -> str:
    """A bullet is one line: list items of a rewrite join it as a short list in words."""
    head, *items = text.split("\n- ")
    if not items:
        return head
    short = inline(head, items)
    if short:
        return short
    return f"{head.rstrip(':.')}: {'; '.join(i.rstrip('.') for i in items)}."


LONG_LINE = 30
"""Words a list joined into one line may run to: past it the items stay on lines of their own."""


def bullet(text: str) -> str:
    """A bullet; a long list keeps its items as a list under it, and so does a short one
    whose items joined to their lead would read as one long sentence."""
    head, *items = text.split("\n- ")
    if len(items) < 4:
        line = item(text)
        if len(items) < 2 or len(words(line)) <= LONG_LINE:
            return f"- {line}"
    lines = [f"- {head}"]
    under = False  # inside the list of an item that ends "such as:" / "include:"
    for i in items:
        said = i.rstrip(".;")
        # "use cautiously in people taking … such as:" then "monoamine oxidase inhibitors":
        # the names belong to that item, not beside the cautions (two round-13 raters read
        # each drug group as a reason against tramadol)
        under = under and said[:1].islower()
        lines.append(f"    - {said}" if under else f"  - {said}")
        if said.endswith(":"):
            under = True
    return "\n".join(lines)


def split_sentences(text: str) -> list[str]:
    """Sentences of one line of text, at a stop before a capital (blanks made single): the
    plain split that titles, steps and long list items share."""
    return [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LONG_ITEM = 4
"""Sentences a list item may hold before it is split into items of its own."""
# A sentence that leans on the one before ("This is based on …", "But, your care team …")
# stays with it.
_LEANS_BACK = re.compile(r"(?:This|These|That|Those|It|Its|They|Their|But|Also|However|Then"
                         r"|Such|So|Or|And|Otherwise)\b")
_ITEM_LINE = re.compile(r"^(?P<indent>\s*- )(?P<text>.+)$")


def chunked(text: str) -> str:
    """Each list item of more than :data:`LONG_ITEM` sentences split into items, one for
    each sentence that starts a point of its own, the sentences that lean on it kept with
    it: a bullet of seven sentences (PEMAT round 14) is a paragraph, not a chunk."""
    out = []
    for line in text.split("\n"):
        m = _ITEM_LINE.match(line)
        sentences = split_sentences(m.group("text")) if m else []
        if len(sentences) <= LONG_ITEM:
            out.append(line)
            continue
        groups: list[list[str]] = []
        for sentence in sentences:
            if groups and _LEANS_BACK.match(sentence):
                groups[-1].append(sentence)
            else:
                groups.append([sentence])
        out += [f"{m.group('indent')}{' '.join(g)}" for g in groups] if m else [line]
    return "\n".join(out)
