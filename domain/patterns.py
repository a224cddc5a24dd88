"""Regular expressions built at run time from a document's own words.

``re`` keeps only 512 compiled patterns; the patterns made from each guideline's phrases
outnumber that, push the modules' fixed patterns out and make ``re`` compile them again
and again. These are compiled and kept here instead.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
