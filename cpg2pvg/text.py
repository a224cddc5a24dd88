"""Text PostgreSQL can store: no NUL (``text`` and ``jsonb`` refuse it) and no lone UTF-16
surrogates (JSON allows ``"\\ud800"``, UTF-8 cannot encode it).

Checked where text comes in (the API, the review Update's validator), so such text is
refused with a reason instead of failing a database write later.
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

UNSTORABLE_MESSAGE = "must not contain NUL characters or unpaired surrogates"


def storable(text: str) -> bool:
    return _UNSTORABLE.search(text) is None


def check_storable(text: str) -> str:
    """For pydantic ``AfterValidator``: the text itself, or ValueError."""
    if not storable(text):
        raise ValueError(UNSTORABLE_MESSAGE)
    return text
