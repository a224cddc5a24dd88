"""Render a patient version as Markdown or as safe, self-contained HTML.

The HTML escapes every piece of text (a guideline may contain markup or script) and
builds only a small, fixed set of tags. A Markdown table (a schedule by age) becomes a
plain HTML table whose cells are escaped like any other text. The parts after the disclaimer
(a long page's points in full, the care system's duties) are set apart by a rule, so a reader sees
where their page ends and nothing of the guideline is lost from the document.
"""

from __future__ import annotations

import html
import re

from domain.model import PatientVersion
from domain.page_plan import AFTER_DISCLAIMER, care_team_heading

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_ROW = re.compile(r"^\|(.*)\|$")
_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


DRAFT_NOTE = "Draft: waiting for review. Not yet approved for patients."


def to_markdown(pvg: PatientVersion, draft: bool = False) -> str:
    parts = ([f"> {DRAFT_NOTE}", ""] if draft else []) + [f"# {pvg.title}", ""]
    if pvg.summary:
        parts += [pvg.summary.strip(), ""]
    ruled = False
    for section in pvg.sections:
        if section.heading in AFTER_DISCLAIMER and not ruled:
            parts += ["---", ""]  # the parts after the disclaimer stand apart from the reader's
            ruled = True
        parts += [f"## {section.heading}", "", section.body.strip(), ""]
    return "\n".join(parts).rstrip() + "\n"


def _inline(text: str) -> str:
    """Escape text, then turn **bold** into <strong> (the only inline markup we emit)."""
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=True))


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _table(rows: list[str]) -> str:
    """A Markdown table as HTML: the first row is the header, the rule row is dropped."""
    body = [r for r in rows if not _RULE.match(r)]
    if not body:
        return ""
    head, *rest = body
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in _cells(head))
           + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in _cells(r)) + "</tr>" for r in rest]
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _body_html(body: str) -> str:
    out: list[str] = []
    in_list = nested = False
    rows: list[str] = []
    for raw in [*body.splitlines(), ""]:
        line = raw.strip()
        if _ROW.match(line):
            if nested:
                out.append("</ul></li>")
                nested = False
            if in_list:
                out.append("</ul>")
                in_list = False
            rows.append(line)
            continue
        if rows:
            out.append(_table(rows))
            rows = []
        bullet = _BULLET.match(line)
        sub = bool(bullet) and in_list and raw.startswith("  ")
        if nested and not sub:
            out.append("</ul></li>")
            nested = False
        if sub and bullet:
            # A list under a point ("Examples include …:" and its lines) stays inside it.
            if not nested:
                out[-1] = out[-1].removesuffix("</li>") + "<ul>"
                nested = True
            out.append(f"<li>{_inline(bullet.group(1))}</li>")
            continue
        if bullet:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(bullet.group(1))}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if not line:
            continue
        heading = re.match(r"^(#{3,6})\s+(.*)$", line)
        if heading:
            level = min(6, len(heading.group(1)))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        else:
            out.append(f"<p>{_inline(line)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def to_html(pvg: PatientVersion, draft: bool = False) -> str:
    title = html.escape(pvg.title)
    lang = html.escape(pvg.language)
    banner = f'<p role="note"><strong>{html.escape(DRAFT_NOTE)}</strong></p>\n' if draft else ""
    summary = f"{_body_html(pvg.summary)}\n" if pvg.summary else ""
    after = [s.heading in AFTER_DISCLAIMER for s in pvg.sections]
    sections = "\n".join(
        ("<hr>\n" if after[k] and not any(after[:k]) else "")
        + ("<section class=\"care-team\">" if care_team_heading(s.heading)
           else "<section>")
        + f"\n<h2>{html.escape(s.heading)}</h2>\n{_body_html(s.body)}\n</section>"
        for k, s in enumerate(pvg.sections)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{banner}<h1>{title}</h1>\n{summary}{sections}"
        "\n</body>\n</html>\n"
    )
