"""Where advice that runs until an age has exceptions elsewhere on the page.

"Give penicillin … until age 5" said alone in the summary or checklist reads as "stop at 5"
for every child, though another piece of advice for the same reader keeps it going for some
("stop at age 5. The exception is if …"): a line taken from the first points to the second."""

from __future__ import annotations

import re

_UNTIL = re.compile(r"\buntil (?P<end>age \d+)\b")
_LEAD = re.compile(r"^(?P<lead>If [^:\n]+?)(?::\n|, )")
_EXCEPTION = re.compile(r"\bThe exception is\b|\bunless\b")
_SEE = re.compile(r" \(see (?P<n>\d+)\)\.$")


def exceptions_at_end(advice: str, number: int, page: dict[int, str]) -> list[int]:
    """The numbers of other advice for the same reader (same lead-in) that stops at the end
    ``advice`` runs until ("at age 5") with an exception."""
    until = _UNTIL.search(advice)
    lead = _LEAD.match(advice)
    if not until or not lead:
        return []
    at = re.compile(rf"\bat {re.escape(until.group('end'))}\b")
    return [n for n, text in sorted(page.items())
            if n != number and (m := _LEAD.match(text)) and m.group("lead") == lead.group("lead")
            and at.search(text) and _EXCEPTION.search(text)]


def point_to_exceptions(line: str, number: int | None, page: dict[int, str] | None) -> str:
    """The line with a pointer to the advice that says when to keep going past its end:
    "… until age 5 (see 1; see 3 for when to keep going)."."""
    if number is None or not page or number not in page:
        return line
    found = [n for n in exceptions_at_end(page[number], number, page)
             if f"see {n}" not in line and f"advice {n}" not in line]
    if not found or not _UNTIL.search(line):
        return line
    where = " and ".join(map(str, found))
    own = _SEE.search(line)
    if own:
        return f"{line[:own.start()]} (see {own.group('n')}; see {where} for when to keep going)."
    return f"{line.rstrip().rstrip('.')} (see {where} for when to keep going)."
