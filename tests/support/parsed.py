"""Small guideline texts for the parser's tests, and what it finds in them."""

from __future__ import annotations

from domain.model import Recommendation
from domain.parsing import parse_text

TITLE = "# Guideline\n\n"
GRADED = ("# Guideline\n\n## Recommendations\n\n"
          "Exercise is recommended for adults (Strong recommendation).\n\n")
"""A guideline with one graded statement: what follows is read as in a graded guideline."""


def recs(text: str) -> list[Recommendation]:
    return parse_text(text).recommendations


def texts(text: str) -> list[str]:
    return [r.text for r in recs(text)]
