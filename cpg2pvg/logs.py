"""Log lines an operator can follow: JSON in production, readable text in development.

Every line written while a workflow or activity runs carries its guideline id, workflow
id and run id, whether it came from ``workflow.logger``/``activity.logger`` (the SDK puts
its info in ``extra``) or from a plain module logger. Messages are ours, never document
text: the pipeline logs ids and counts only.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

from temporalio import activity, workflow

from cpg2pvg.settings import Settings
from cpg2pvg.telemetry import current_guideline

_CONTEXT_FIELDS = ("guideline_id", "workflow_id", "run_id", "workflow_type", "activity_type")
_HANDLER_NAME = "cpg2pvg"


def _guideline_from_workflow_id(workflow_id: str | None) -> str | None:
    if workflow_id and workflow_id.startswith("guideline-"):
        return workflow_id.removeprefix("guideline-")
    return None


class TemporalContext(logging.Filter):
    """Puts guideline id, workflow id and run id on the record, from wherever they are known."""

    def filter(self, record: logging.LogRecord) -> bool:
        context: dict[str, Any] = {}
        wf = getattr(record, "temporal_workflow", None)
        act = getattr(record, "temporal_activity", None)
        if isinstance(wf, dict):
            context.update(
                workflow_id=wf.get("workflow_id"),
                run_id=wf.get("run_id"),
                workflow_type=wf.get("workflow_type"),
            )
        elif isinstance(act, dict):
            context.update(
                workflow_id=act.get("workflow_id"),
                run_id=act.get("workflow_run_id"),
                workflow_type=act.get("workflow_type"),
                activity_type=act.get("activity_type"),
            )
        elif activity.in_activity():
            info = activity.info()
            context.update(
                workflow_id=info.workflow_id,
                run_id=info.workflow_run_id,
                workflow_type=info.workflow_type,
                activity_type=info.activity_type,
            )
        elif workflow.in_workflow():
            winfo = workflow.info()
            context.update(
                workflow_id=winfo.workflow_id,
                run_id=winfo.run_id,
                workflow_type=winfo.workflow_type,
            )
        if context.get("workflow_id") or activity.in_activity():
            context["guideline_id"] = current_guideline.get() or _guideline_from_workflow_id(
                context.get("workflow_id")
            )
        for name in _CONTEXT_FIELDS:
            if not hasattr(record, name):
                setattr(record, name, context.get(name))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the Temporal context fields when there are any."""

    def __init__(self, component: str) -> None:
        super().__init__()
        self.component = component

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "component": self.component,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in _CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextFormatter(logging.Formatter):
    """``time component level logger: message [guideline=… workflow=… run=…]``."""

    def __init__(self, component: str) -> None:
        super().__init__("%(asctime)s " + component + " %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        parts = [
            f"{label}={value}"
            for label, name in (
                ("guideline", "guideline_id"),
                ("workflow", "workflow_id"),
                ("run", "run_id"),
                ("activity", "activity_type"),
            )
            if (value := getattr(record, name, None))
        ]
        return f"{text} [{' '.join(parts)}]" if parts else text


_CODEC_TOKEN = re.compile(r"^/codec/[^/]+/(encode|decode)$")


class RedactedAccessPath(logging.Filter):
    """Drops the query string from uvicorn's access lines (a key or a search can be in it)
    and the token from codec URLs (``/codec/<token>/decode``).

    uvicorn logs ``(client, method, path?query, http version, status)`` as the arguments.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            path = _CODEC_TOKEN.sub(r"/codec/<token>/\1", args[2].split("?", 1)[0])
            record.args = (args[0], args[1], path, *args[3:])
        return True


def configure_logging(settings: Settings, component: str) -> None:
    """Send every log line to stderr in the configured format; safe to call again."""
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(TemporalContext())
    handler.setFormatter(
        JsonFormatter(component) if settings.log_format == "json" else TextFormatter(component)
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    # Our formatter shows the Temporal context; the SDK's own suffix would repeat it.
    workflow.logger.workflow_info_on_message = False
    activity.logger.activity_info_on_message = False
    # uvicorn's loggers keep their levels but write through our handler.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # httpx logs every request's full URL at INFO: webhook URLs may carry tokens.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, root.level))
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactedAccessPath) for f in access.filters):
        access.addFilter(RedactedAccessPath())
