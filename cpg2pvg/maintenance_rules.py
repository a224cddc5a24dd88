"""Pure decisions of the maintenance jobs: thresholds, alert transitions, quotas.

No I/O here, so the rules are easy to test and the activities stay thin adapters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.contracts import Alert, Condition

FAILING = "alert.failing"
RECOVERED = "alert.recovered"

# Artifacts a finished guideline keeps until its own retention ends: the API serves them.
KEPT_ARTIFACT_KINDS = (ArtifactKind.PVG, ArtifactKind.QC, ArtifactKind.REVIEW)


@dataclass(frozen=True)
class Known:
    """A condition's stored state: ok or not, since when."""

    ok: bool
    since: datetime


@dataclass(frozen=True)
class Threshold:
    name: str
    limit: float
    unit: str


def threshold_conditions(
    sample: Mapping[str, float | None], thresholds: Sequence[Threshold]
) -> list[Condition]:
    """One condition per threshold: failing while the metric is above its limit.

    A metric that could not be measured (None) counts as ok: a missing reading is not an
    incident of that metric (the health check covers unreachable dependencies).
    """
    conditions = []
    for threshold in thresholds:
        value = sample.get(threshold.name)
        if value is None:
            conditions.append(Condition(f"threshold:{threshold.name}", True, "not measured"))
            continue
        ok = value <= threshold.limit
        relation = "within" if ok else "above"
        detail = (
            f"{threshold.name} = {value:g}{threshold.unit}, {relation} the limit of "
            f"{threshold.limit:g}{threshold.unit}"
        )
        conditions.append(Condition(f"threshold:{threshold.name}", ok, detail))
    return conditions


def changes(
    previous: Mapping[str, Known], current: Sequence[Condition], now: datetime
) -> tuple[dict[str, Known], list[Alert]]:
    """New states and the alerts they call for.

    One incident is one ``alert.failing`` (when a condition first fails) and one
    ``alert.recovered`` (when it is ok again); both carry the incident's start, which with
    the condition's name makes the delivery's idempotency key. A condition seen for the
    first time alerts only if it is failing.
    """
    states: dict[str, Known] = {}
    alerts: list[Alert] = []
    for condition in current:
        before = previous.get(condition.name)
        if before is not None and before.ok == condition.ok:
            states[condition.name] = before
            continue
        states[condition.name] = Known(condition.ok, now)
        if not condition.ok:
            alerts.append(Alert(condition.name, FAILING, now.isoformat(), condition.detail))
        elif before is not None:
            alerts.append(
                Alert(condition.name, RECOVERED, before.since.isoformat(), condition.detail)
            )
    return states, alerts


def alert_key(alert: Alert) -> str:
    return f"alert:{alert.name}:{alert.incident_started_at}:{alert.event}"


def utc_day_start(now: datetime) -> datetime:
    return datetime(now.year, now.month, now.day, tzinfo=UTC)


def month_start(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class QuotaUse:
    guidelines_today: int
    cost_this_month: float


@dataclass(frozen=True)
class QuotaBreach:
    message: str
    retry_after_seconds: int


def quota_breach(
    use: QuotaUse,
    adding: int,
    *,
    per_day: int | None,
    cost_per_month: float | None,
    now: datetime,
) -> QuotaBreach | None:
    """Why ``adding`` more guidelines would break a quota, or None if they fit."""
    if per_day is not None and use.guidelines_today + adding > per_day:
        tomorrow = utc_day_start(now) + timedelta(days=1)
        left = max(per_day - use.guidelines_today, 0)
        return QuotaBreach(
            f"daily quota reached: {use.guidelines_today} of {per_day} guidelines submitted "
            f"today (UTC); {left} more allowed, {adding} requested. "
            "The quota resets at 00:00 UTC.",
            max(int((tomorrow - now).total_seconds()), 1),
        )
    if cost_per_month is not None and use.cost_this_month >= cost_per_month:
        start = month_start(now.date())
        next_month = (start + timedelta(days=32)).replace(day=1)
        reset = datetime(next_month.year, next_month.month, 1, tzinfo=UTC)
        return QuotaBreach(
            f"monthly cost quota reached: {use.cost_this_month:.2f} of {cost_per_month:.2f} "
            "used this month (UTC). The quota resets on the first day of next month.",
            max(int((reset - now).total_seconds()), 1),
        )
    return None


def catchup_window(interval: timedelta) -> timedelta:
    """Make up a run missed during an outage until the next one is due (1 min to 1 day)."""
    return min(max(interval, timedelta(minutes=1)), timedelta(days=1))
