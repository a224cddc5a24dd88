"""``cpg2pvg submit PATH...``: post files (or whole folders) as one batch, show progress.

A plain HTTP client of the API: it needs the API's address and a submitter key
(``CPG2PVG_API_URL``, ``CPG2PVG_API_KEY``), nothing else of the stack.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"}
FINAL = {"completed", "cancelled"}
BAR_WIDTH = 30


@dataclass
class BatchSummary:
    batch: dict[str, Any]
    seconds: float


def collect(paths: Iterable[str]) -> list[Path]:
    """Files as given, plus the documents inside given folders (sorted, recursively)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {raw}")
    return found


def _bar(done: int, total: int) -> str:
    filled = BAR_WIDTH * done // max(total, 1)
    return "[" + "#" * filled + "." * (BAR_WIDTH - filled) + f"] {done}/{total}"


def _progress_line(batch: dict[str, Any]) -> str:
    done = batch["completed"] + batch["failed"] + batch["cancelled"]
    return (
        f"{_bar(done, batch['total'])}  completed {batch['completed']}  failed {batch['failed']}"
        f"  running {batch['processing']}  queued {batch['queued']}"
        f"  review {batch['needs_review']}"
    )


def submit_batch(
    client: httpx.Client,
    files: Sequence[Path],
    *,
    priority: str = "normal",
    poll_seconds: float = 1.0,
    out: IO[str] = sys.stderr,
) -> BatchSummary:
    """Post the files as one batch and follow it until every item reached a final state."""
    started = time.monotonic()
    handles = [path.open("rb") for path in files]
    try:
        response = client.post(
            "/v1/batches",
            files=[
                ("files", (path.name, handle)) for path, handle in zip(files, handles, strict=True)
            ],
            data={"priority": priority},
        )
    finally:
        for handle in handles:
            handle.close()
    if response.status_code != 202:
        raise RuntimeError(_error_text(response))
    batch_id = response.json()["id"]
    interactive = out.isatty()
    while True:
        # Counts only while it runs; the items once, at the end.
        batch = client.get(f"/v1/batches/{batch_id}", params={"items_limit": 0})
        batch = batch.raise_for_status().json()
        line = _progress_line(batch)
        out.write(("\r" + line) if interactive else line + "\n")
        out.flush()
        if batch["status"] in FINAL:
            if interactive:
                out.write("\n")
            return BatchSummary(batch_with_all_items(client, batch_id), time.monotonic() - started)
        time.sleep(poll_seconds)


def batch_with_all_items(
    client: httpx.Client, batch_id: str, page_size: int = 1000
) -> dict[str, Any]:
    """The batch with every item, following ``next_items`` page after page."""
    first = client.get(f"/v1/batches/{batch_id}", params={"items_limit": page_size})
    batch: dict[str, Any] = first.raise_for_status().json()
    page = batch
    while page.get("next_items"):
        page = client.get(page["next_items"]).raise_for_status().json()
        batch["items"].extend(page["items"])
    return batch


def _error_text(response: httpx.Response) -> str:
    try:
        error = response.json()["error"]
        return f"HTTP {response.status_code} {error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}"


def summary_table(summary: BatchSummary, base_url: str) -> str:
    batch = summary.batch
    rows = [("status", "title", "patient version")]
    for item in batch["items"]:
        link = (
            f"{base_url}/v1/guidelines/{item['guideline_id']}/pvg"
            if item["status"] == "completed"
            else f"{base_url}/v1/guidelines/{item['guideline_id']}"
        )
        rows.append((item["status"], (item["title"] or "-")[:60], link))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.append(
        f"batch {batch['id']}: {batch['completed']} completed, {batch['failed']} failed, "
        f"{batch['cancelled']} cancelled of {batch['total']} in {summary.seconds:.1f} s"
    )
    return "\n".join(lines)
