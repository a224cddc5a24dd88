"""The ``cpg2pvg`` command: manage API keys (run with the same settings as the stack)."""

from __future__ import annotations

import argparse
import asyncio
import sys

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
    return parser


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
    if args.command == "keys" and args.action == "revoke":
        count = asyncio.run(_keys_revoke(args.key))
        if count == 0:
            print("no active key matches", file=sys.stderr)
            return 1
        print(f"revoked {count} key(s)", file=sys.stderr)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
