"""Entry points that run in the worker's process pool.

Top-level functions taking and returning plain JSON-ready data, so that they pickle
cheaply; each wraps one domain step.
"""

from __future__ import annotations

from typing import Any

from domain.formats import Limits
from domain.generation import OfflineProvider
from domain.model import ParsedGuideline, PatientVersion
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.review import apply_corrections


def parse(
    content: bytes, filename: str | None, language: str, max_pages: int, max_expanded: int
) -> dict[str, Any]:
    limits = Limits(max_pages=max_pages, max_expanded_bytes=max_expanded)
    parsed = parse_guideline(content, filename=filename, language=language, limits=limits)
    return parsed.model_dump(mode="json")


def generate_offline(parsed: dict[str, Any], corrections: dict[str, str]) -> dict[str, Any]:
    guideline = ParsedGuideline.model_validate(parsed)
    pvg = OfflineProvider().generate(guideline)
    return apply_corrections(pvg, corrections).model_dump(mode="json")


def quality(parsed: dict[str, Any], pvg: dict[str, Any]) -> dict[str, Any]:
    report = check_quality(
        ParsedGuideline.model_validate(parsed), PatientVersion.model_validate(pvg)
    )
    return report.model_dump(mode="json")
