"""How a refused request says when to come back.

The limit itself is counted in PostgreSQL (db/rate_limits.py), shared by every API replica:
a limit kept in each process would let a key make N times as many requests through N
replicas.
"""

from __future__ import annotations

import math


def retry_after_header(wait_seconds: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(wait_seconds)))}
