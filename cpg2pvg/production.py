"""Production mode (``CPG2PVG_ENV=production``): secrets and the database are given, or
the process does not start.

Locally a codec key, the webhook and the review secret are made once in the data dir and an
embedded PostgreSQL stands in. Across hosts that goes wrong in silence: each host makes keys
of its own, so one cannot decrypt or verify what another wrote, and the data stays on one
disk. In production the API, every worker and the CLI stop at start instead, naming each
setting that is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr

from cpg2pvg.settings import Settings


def _blank(secret: SecretStr | None) -> bool:
    return secret is None or not secret.get_secret_value().strip()


@dataclass(frozen=True)
class Requirement:
    setting: str
    what: str
    missing: Callable[[Settings], bool]


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "CPG2PVG_CODEC_KEYS",
        "payload encryption keys shared by the API, every worker and the CLI ('kid:base64key,...')",
        lambda s: _blank(s.codec_keys),
    ),
    Requirement(
        "CPG2PVG_PAYLOAD_CODEC",
        "must stay on: without it guideline content reaches Temporal's history in clear",
        lambda s: not s.payload_codec,
    ),
    Requirement(
        "CPG2PVG_WEBHOOK_SECRET",
        "the key that signs webhooks, the same on every worker",
        lambda s: _blank(s.webhook_secret),
    ),
    Requirement(
        "CPG2PVG_REVIEW_SECRET",
        "the key the API signs review decisions with and workers check them with",
        lambda s: _blank(s.review_secret),
    ),
    Requirement(
        "CPG2PVG_DATABASE_URL",
        "the PostgreSQL every API and worker shares ('postgresql+asyncpg://...')",
        lambda s: not (s.database_url or "").strip(),
    ),
)


class IncompleteProductionSettings(SystemExit):
    """Stops the process with a message that names every missing setting (no traceback)."""

    def __init__(self, missing: list[Requirement]) -> None:
        self.missing = missing
        lines = "\n".join(f"  {r.setting}: {r.what}" for r in missing)
        super().__init__(
            "cpg2pvg: not starting: CPG2PVG_ENV=production needs these settings, "
            f"which are missing:\n{lines}\n(README, section Production)"
        )


def missing_settings(settings: Settings) -> list[Requirement]:
    """What production mode still needs; empty in local mode."""
    if settings.env != "production":
        return []
    return [r for r in REQUIREMENTS if r.missing(settings)]


def require_complete(settings: Settings) -> None:
    missing = missing_settings(settings)
    if missing:
        raise IncompleteProductionSettings(missing)


__all__ = ["REQUIREMENTS", "IncompleteProductionSettings", "missing_settings", "require_complete"]
