"""Regular expressions built at run time from a document's own words.

``re`` keeps only 512 compiled patterns; the patterns made from each guideline's phrases
outnumber that, so ``re`` compiled the same ones again and again. Kept here, each is
compiled once per process (``re`` still records it, and so still drops older entries).
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
