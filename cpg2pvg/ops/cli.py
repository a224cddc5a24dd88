"""The ``cpg2pvg`` command: API keys, maintenance schedules, batch submission and replay
of workflow histories (same settings as the stack)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import httpx

from cpg2pvg.settings import get_settings
from db.keys import Role, create_key, revoke_key
from db.session import make_engine, make_sessionmaker


async def _keys_create(role: Role, owner: str) -> str:
    engine = make_engine(get_settings().sqlalchemy_url, pool_size=1)
    try:
        async with make_sessionmaker(engine).begin() as session:
            _, key = await create_key(session, role=role, owner=owner)
        return key
    finally:
        await engine.dispose()


async def _keys_revoke(key_or_prefix: str) -> int:
    engine = make_engine(get_settings().sqlalchemy_url, pool_size=1)
    try:
        async with make_sessionmaker(engine).begin() as session:
            if len(key_or_prefix) > 16:
                return await revoke_key(session, key=key_or_prefix)
            return await revoke_key(session, prefix=key_or_prefix)
    finally:
        await engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cpg2pvg", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    keys = commands.add_parser("keys", help="create or revoke API keys")
    key_commands = keys.add_subparsers(dest="action", required=True)
    create = key_commands.add_parser("create", help="make a key and print it once")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--owner", required=True, help="whose guidelines the key sees")
    revoke = key_commands.add_parser("revoke", help="revoke a key (the key or its 12-char prefix)")
    revoke.add_argument("key")
    add_schedule_commands(commands)
    add_submit_command(commands)
    add_replay_command(commands)
    return parser


def add_schedule_commands(commands: Any) -> None:
    group = commands.add_parser("schedules", help="sync, list, pause, unpause or run schedules")
    actions = group.add_subparsers(dest="action", required=True)
    actions.add_parser("sync", help="create or update the five maintenance schedules")
    actions.add_parser("list", help="show each schedule's interval, state and last run")
    for name, text in (
        ("pause", "stop a schedule from starting runs"),
        ("unpause", "let a paused schedule start runs again"),
        ("trigger", "start a run now"),
    ):
        actions.add_parser(name, help=text).add_argument("schedule_id")


async def _schedules(action: str, schedule_id: str | None) -> int:
    from cpg2pvg.ops import schedules
    from cpg2pvg.temporal import connect

    settings = get_settings()
    client = await connect(settings)
    if action == "sync":
        outcome = await schedules.sync(client, settings)
        for name, result in outcome.items():
            print(f"{name}: {result}")
        return 1 if schedules.failures(outcome) else 0
    try:
        if action == "list":
            views = await schedules.list_views(client, settings)
        elif action == "pause":
            views = [await schedules.pause(client, settings, str(schedule_id), "paused by CLI")]
        elif action == "unpause":
            note = "unpaused by CLI"
            views = [await schedules.unpause(client, settings, str(schedule_id), note)]
        else:
            views = [await schedules.trigger(client, settings, str(schedule_id))]
    except schedules.UnknownSchedule:
        print(f"no schedule '{schedule_id}' (run `cpg2pvg schedules sync`)", file=sys.stderr)
        return 1
    for v in views:
        state = "paused" if v.paused else "active"
        print(
            f"{v.id:28} every {v.interval_seconds:>6}s  {state:7} "
            f"next {v.next_run.isoformat() if v.next_run else '-':32} "
            f"last {v.last_run.isoformat() if v.last_run else '-'} {v.last_status or ''}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "keys" and args.action == "create":
        key = asyncio.run(_keys_create(Role(args.role), args.owner))
        print(key)
        print(
            f"Key for owner '{args.owner}' with role '{args.role}'. It is shown only now: "
            "keep it safe.",
            file=sys.stderr,
        )
        return 0
    if args.command == "schedules":
        code = asyncio.run(_schedules(args.action, getattr(args, "schedule_id", None)))
        # The Temporal client's native threads can abort interpreter teardown
        # (temporalio/sdk-python#300): all work is done, so leave without it.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    if args.command == "keys" and args.action == "revoke":
        count = asyncio.run(_keys_revoke(args.key))
        if count == 0:
            print("no active key matches", file=sys.stderr)
            return 1
        print(f"revoked {count} key(s)", file=sys.stderr)
        return 0
    if args.command == "submit":
        return _submit(args)
    if args.command == "replay":
        code = asyncio.run(_replay(args))
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # as for schedules: the client's native threads
    return 2


def add_replay_command(commands: Any) -> None:
    replay = commands.add_parser(
        "replay",
        help="replay workflow histories against this build; exit 1 if any does not replay",
        description="Check a build before deploying it: replay histories exported with "
        "`temporal workflow show --output json`, or fetched from the cluster, against this "
        "build's workflow code. Exit 0: all replay; 1: one does not (nondeterminism: the "
        "change needs workflow.patched) or could not be read; 2: nothing to replay.",
    )
    replay.add_argument("files", nargs="*", type=Path, help="exported history JSON files")
    replay.add_argument(
        "--workflow-id",
        action="append",
        default=[],
        help="fetch this workflow's latest run from the cluster (repeatable)",
    )
    replay.add_argument(
        "--query",
        help="fetch every run this visibility query matches, e.g. \"ExecutionStatus='Running'\"",
    )
    replay.add_argument(
        "--limit", type=int, default=1000, help="at most this many runs of --query (1000)"
    )


async def _replay(args: argparse.Namespace) -> int:
    from cpg2pvg.ops import replay
    from cpg2pvg.temporal import connect, data_converter

    settings = get_settings()
    if not args.files and not args.workflow_id and args.query is None:
        print("nothing to replay: give files, --workflow-id or --query", file=sys.stderr)
        return 2
    outcomes: list[replay.Outcome] = []
    histories = []
    for path in args.files:
        try:
            histories.append(replay.read_file(path))
        except replay.UnreadableHistory as error:
            outcomes.append(replay.Outcome(str(path), "", str(error)))
    converter = data_converter(settings)
    outcomes += await replay.replay(replay.each(histories), converter)
    if args.workflow_id or args.query is not None:
        client = await connect(settings)
        fetched = replay.from_cluster(client, args.workflow_id, args.query, args.limit)
        outcomes += await replay.replay(fetched, client.data_converter)
    failed = [o for o in outcomes if o.error]
    for o in outcomes:
        print(f"{'FAILED' if o.error else 'ok':6} {o.source} {o.run_id}".rstrip())
        if o.error:
            print(f"       {o.error}")
    print(f"{len(outcomes)} histories replayed, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 0


def add_submit_command(commands: Any) -> None:
    settings = get_settings()
    submit = commands.add_parser("submit", help="submit files or folders as one batch")
    submit.add_argument("paths", nargs="+", help="documents, or folders of documents")
    submit.add_argument("--priority", default="normal", choices=["low", "normal", "high", "urgent"])
    submit.add_argument(
        "--api-url",
        default=os.environ.get("CPG2PVG_API_URL", f"http://127.0.0.1:{settings.api_port}"),
    )
    submit.add_argument(
        "--api-key",
        default=os.environ.get("CPG2PVG_API_KEY")
        or (settings.bootstrap_api_key.get_secret_value() if settings.bootstrap_api_key else None),
        help="a submitter key (default: CPG2PVG_API_KEY, else the bootstrap key)",
    )


def _submit(args: argparse.Namespace) -> int:
    from cpg2pvg.ops.submit import collect, submit_batch, summary_table

    if not args.api_key:
        print("give an API key with --api-key or CPG2PVG_API_KEY", file=sys.stderr)
        return 2
    try:
        files = collect(args.paths)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    if not files:
        print("no documents found in the given paths", file=sys.stderr)
        return 2
    headers = {"Authorization": f"Bearer {args.api_key}"}
    with httpx.Client(base_url=args.api_url, headers=headers, timeout=300) as client:
        try:
            summary = submit_batch(client, files, priority=args.priority)
        except (RuntimeError, httpx.HTTPError) as error:
            print(f"submission failed: {error}", file=sys.stderr)
            return 1
    print(summary_table(summary, args.api_url))
    return 0 if summary.batch["failed"] == 0 and summary.batch["cancelled"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
