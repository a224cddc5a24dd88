"""What a page of ``GET /v1/guidelines`` for an admin (every owner's guidelines, newest
first) costs PostgreSQL as the table grows, with and without ``ix_guidelines_created``.

A private embedded PostgreSQL, migrated; guidelines are added a step at a time and at each
size the page's statement (the API's own, db/guidelines.py) runs ``--queries`` times on one
asyncpg connection with the index dropped and again with it built, alternated in the same
run; the server's CPU per page is read from its processes.

    .venv/bin/python -m bench.api_list_index [--sizes 1000 5000 20000] [--queries 500]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import psutil

from bench.common import load_line, machine, save, table
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.postgres import LocalPostgres
from db import guidelines as store
from db.migrate import upgrade

_ADD = """
INSERT INTO documents (sha256, content, size, media_type)
VALUES ('bench-list-index', '\\x00', 1, 'text/markdown') ON CONFLICT DO NOTHING;
INSERT INTO guidelines (id, owner, title, filename, document_sha256, media_type, language,
    priority, review_required, workflow_id, status, stage, progress, qc, created_at, updated_at)
SELECT gen_random_uuid(), 'owner-' || (n % 50), 'Guideline ' || n, 'g.md', 'bench-list-index',
    'text/markdown', 'auto', 'normal', false, 'guideline-' || gen_random_uuid(), 'completed',
    'done', 100, '{"outcome": "pass", "findings": 3}'::jsonb,
    now() - make_interval(secs => n), now()
FROM generate_series(1, $1) AS n
"""


def _server_cpu(data_dir: Path) -> float:
    for proc in psutil.process_iter(["cmdline"]):
        if str(data_dir) in (proc.info["cmdline"] or []):
            return sum(
                p.cpu_times().user + p.cpu_times().system
                for p in [proc, *proc.children(recursive=True)]
            )
    return 0.0


async def measure(server: LocalPostgres, sizes: list[int], queries: int) -> list[dict[str, Any]]:
    page = store._DriverStatement.of(store._view_listing(False, False, False, False))
    connection = await asyncpg.connect(server.url.replace("postgresql+asyncpg", "postgresql"))
    rows: list[dict[str, Any]] = []
    try:
        present = 0
        for size in sizes:
            await connection.execute(_ADD.replace("$1", str(size - present)))
            present = size
            await connection.execute("ANALYZE guidelines")
            for indexed in (False, True, False, True):
                await connection.execute("DROP INDEX IF EXISTS ix_guidelines_created")
                if indexed:
                    await connection.execute(
                        "CREATE INDEX ix_guidelines_created ON guidelines (created_at, id)"
                    )
                statement = await connection.prepare(page.sql)
                await statement.fetch(21)  # warm
                cpu, started = _server_cpu(server.data_dir), time.perf_counter()
                for _ in range(queries):
                    await statement.fetch(21)
                wall = time.perf_counter() - started
                cpu = _server_cpu(server.data_dir) - cpu
                rows.append({
                    "guidelines": size, "index": indexed,
                    "pg_cpu_ms_per_page": round(1000 * cpu / queries, 3),
                    "wall_ms_per_page": round(1000 * wall / queries, 3),
                })  # fmt: skip
    finally:
        await connection.close()
    return rows


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalPostgres(Path(tmp) / "data", free_port())
        server.start()
        try:
            server.ensure_database()
            upgrade(server.url)
            result["runs"] = asyncio.run(measure(server, sorted(args.sizes), args.queries))
        finally:
            server.stop()
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    save("api_list_index", result)
    print(table("An admin's page of 20, newest first: PostgreSQL per page", result["runs"]))
    print(load_line(result['machine']))
    return result


if __name__ == "__main__":
    main()
