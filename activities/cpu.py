"""Entry points that run in the worker's process pool.

Top-level functions taking and returning domain models (they pickle as such); each wraps
one domain step.
"""

from __future__ import annotations

from domain.formats import Limits
from domain.generation import OfflineProvider
from domain.model import ParsedGuideline, PatientVersion, QualityReport
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.review import apply_corrections


def parse(
    content: bytes, filename: str | None, language: str, max_pages: int, max_expanded: int
) -> ParsedGuideline:
    limits = Limits(max_pages=max_pages, max_expanded_bytes=max_expanded)
    return parse_guideline(content, filename=filename, language=language, limits=limits)


def generate_offline(parsed: ParsedGuideline, corrections: dict[str, str]) -> PatientVersion:
    return apply_corrections(OfflineProvider().generate(parsed), corrections)


def quality(parsed: ParsedGuideline, pvg: PatientVersion) -> QualityReport:
    return check_quality(parsed, pvg)
