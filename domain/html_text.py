"""Structure of a web page: the guideline in it, without the site around it.

Agency pages wrap a guideline in a site: header, menus, breadcrumbs, a sidebar of related
links, a footer, a cookie banner, scripts. Only the main content is read (``<main>``, or
the one ``<article>`` that holds most of it), and within it anything that is navigation,
a form or hidden. Structure comes from the markup: ``h1``–``h6``; the minor headings that
content management systems write as ``<div class="section-title">`` or as a paragraph that
is nothing but bold text; nested ``ul``/``ol`` with their numbers (``start`` and ``value``
respected); ``strong``/``b`` as bold; tables as one line per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from domain.markdownish import Block, bold_markup

__all__ = ["html_blocks"]

_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object",
         "embed", "form", "button", "input", "select", "textarea", "nav", "aside", "dialog",
         "canvas", "audio", "video", "map")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "complementary",
                 "alertdialog", "menu", "menubar", "toolbar"}
_CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:cookie|consent|gdpr|breadcrumbs?|share|sharing|social|skip|print|"
    r"toolbar|page-tools|tools|sidebar|newsletter|related|advert|ads|promo|banner|menu|"
    r"nav|navbar|site-header|site-footer|footer|masthead|back-to-top)(?:$|[-_\s])",
    re.IGNORECASE,
)
_HEADING_NAMES = re.compile(r"(?:^|[-_\s])(?:section-title|heading|subheading|subhead|title)"
                            r"(?:$|[-_\s])", re.IGNORECASE)
_BLOCK = {"p", "div", "section", "article", "main", "header", "blockquote", "pre", "dd", "dt",
          "dl", "figure", "figcaption", "details", "summary", "address", "center", "hr",
          "body", "html", "fieldset", "caption", "hgroup"}
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def html_blocks(html: str) -> list[Block]:
    """Blocks of the page's main content."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_DROP):
        tag.decompose()
    root = _main_content(soup)
    _drop_chrome(root)
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.blocks


def _main_content(soup: BeautifulSoup) -> Tag:
    """``<main>`` (or role=main), narrowed to its one ``<article>`` when that holds most of
    the text; else the page body without its header and footer."""
    main = soup.find("main") or soup.find(role="main")
    scope = main if isinstance(main, Tag) else soup
    articles = [a for a in scope.find_all("article") if isinstance(a, Tag)]
    if len(articles) == 1:
        article = articles[0]
        if len(article.get_text()) >= 0.5 * len(scope.get_text()):
            return article
    if isinstance(main, Tag):
        return main
    body = soup.find("body")
    root = body if isinstance(body, Tag) else soup
    for tag in root.find_all(["header", "footer"]):
        if isinstance(tag, Tag) and not tag.find(["h1", "h2"]):
            tag.decompose()
    return root


def _drop_chrome(root: Tag) -> None:
    """Remove navigation, banners, share bars and hidden elements inside the content."""
    doomed = []
    for tag in root.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None:
            continue
        role = str(tag.get("role") or "").lower()
        names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
        style = str(tag.get("style") or "").replace(" ", "").lower()
        if (role in _CHROME_ROLES or tag.has_attr("hidden")
                or str(tag.get("aria-hidden") or "").lower() == "true"
                or "display:none" in style or "visibility:hidden" in style
                or (names and _CHROME_NAMES.search(names) and not tag.find(
                    ["h1", "h2", "h3", "ol", "table"]))):
            doomed.append(tag)
    for tag in doomed:
        tag.decompose()


@dataclass
class _Item:
    depth: int
    marker: str
    open: bool = True  # its first paragraph is still to come


class _Walker:
    """Walks the tree once, gathering inline text into runs until a block ends."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.runs: list[tuple[str, bool]] = []
        self.items: list[_Item] = []
        self.bold = 0
        self.heading_level = 1  # of the last real heading, for the pseudo-headings under it

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIPPED_STRINGS):
                    self.runs.append((str(child), self.bold > 0))
                continue
            if not isinstance(child, Tag):
                continue
            self.element(child)

    def element(self, tag: Tag) -> None:
        name = tag.name
        if re.fullmatch(r"h[1-6]", name):
            self.heading(tag, int(name[1]))
        elif name in ("ul", "ol", "menu"):
            self.flush()
            self.list(tag)
        elif name == "li":  # an item outside a list
            self.flush()
            self.item(tag, "-")
        elif name == "table":
            self.flush()
            self.table(tag)
        elif name == "br":
            self.runs.append((" ", False))
        elif name in ("strong", "b"):
            self.bold += 1
            self.walk(tag)
            self.bold -= 1
        elif name in _BLOCK:
            self.flush()
            level = self.pseudo_heading(tag)
            if level:
                self.heading(tag, level)
                return
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)

    def pseudo_heading(self, tag: Tag) -> int:
        """The level of a block that is a heading in all but name, or 0."""
        if tag.name not in ("p", "div", "span", "dt"):
            return 0
        if str(tag.get("role") or "") == "heading":
            level = str(tag.get("aria-level") or "")
            return int(level) if level.isdigit() and 1 <= int(level) <= 6 else self.minor()
        if tag.find(["p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"]):
            return 0
        text = " ".join(tag.get_text(" ").split())
        if not text or len(text.split()) > 20:
            return 0
        names = " ".join(tag.get("class") or [])
        if names and _HEADING_NAMES.search(names):
            return self.minor()
        bold = [c for c in tag.find_all(["strong", "b"], recursive=False)]
        outside = "".join(str(c) for c in tag.children if isinstance(c, NavigableString))
        if len(bold) == 1 and not outside.strip() and len(list(tag.children)) <= 3 and (
                not re.search(r"[.:;,]$", text)):
            return self.minor()
        return 0

    def minor(self) -> int:
        return min(self.heading_level + 1, 6)

    def heading(self, tag: Tag, level: int) -> None:
        self.flush()
        text = " ".join(tag.get_text(" ").split())
        if text:
            self.blocks.append(Block("heading", text, level=level))
            if tag.name and tag.name[0] == "h" and tag.name[1:].isdigit():
                self.heading_level = level

    def list(self, tag: Tag) -> None:
        ordered = tag.name == "ol"
        kind = str(tag.get("type") or "1")
        start = str(tag.get("start") or "1").strip()
        number = int(start) if start.lstrip("-").isdigit() else 1
        for li in tag.find_all("li", recursive=False):
            value = str(li.get("value") or "").strip()
            if value.isdigit():
                number = int(value)
            self.item(li, _ordered_marker(number, kind) if ordered else "-")
            number += 1
        # Stray content directly in the list (text or tags between items) is kept too.
        for child in tag.children:
            if isinstance(child, Tag) and child.name != "li":
                self.element(child)

    def item(self, li: Tag, marker: str) -> None:
        self.items.append(_Item(len(self.items) + 1, marker))
        self.walk(li)
        self.flush()
        self.items.pop()

    def table(self, table: Tag) -> None:
        rows = [r for r in table.find_all("tr") if isinstance(r, Tag)
                and r.find_parent("table") is table]
        header: list[str] = []
        for row in rows:
            cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])]
            if not any(cells):
                continue
            if not header and row.find("th") and not row.find("td"):
                header = cells
                continue
            parts = [f"{header[i]}: {cell}" if i < len(header) and header[i] else cell
                     for i, cell in enumerate(cells) if cell]
            self.blocks.append(Block("row", " | ".join(parts)))

    def flush(self) -> None:
        if not self.runs:
            return
        text = bold_markup(self.runs)
        self.runs = []
        if not text.strip():
            return
        item = self.items[-1] if self.items else None
        if item is not None and item.open:
            self.blocks.append(Block("item", text, depth=item.depth, marker=item.marker))
            item.open = False
        else:
            self.blocks.append(Block("paragraph", text, depth=item.depth if item else 0))


def _ordered_marker(number: int, kind: str) -> str:
    if kind in ("a", "A"):
        letter = chr(ord(kind) + (number - 1) % 26)
        return f"- {letter}."
    if kind in ("i", "I") and 1 <= number <= len(_ROMAN):
        roman = _ROMAN[number - 1]
        return f"- {roman.upper() if kind == 'I' else roman}."
    return f"{number}."
