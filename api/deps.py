"""Request dependencies: a DB session, the Temporal client, and the caller's identity."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from temporalio.client import Client
from temporalio.service import RPCError

from api.errors import ApiError, TemporalUnavailable
from api.ratelimit import retry_after_header
from api.state import AppState
from db.keys import Role, find_active_key
from db.rate_limits import take_tokens


def _state(request: Request) -> AppState:
    state: AppState = request.app.state.cpg2pvg
    return state


# Dependencies take the request itself, and are coroutines: FastAPI resolves each nested
# dependency per request and runs a plain function in a worker thread.
async def app_state(request: Request) -> AppState:
    return _state(request)


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with _state(request).sessions() as session:
        yield session


@asynccontextmanager
async def read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    """A pooled connection for a read of one statement, which db/guidelines.py runs on the
    driver's connection itself: no BEGIN, no ROLLBACK, no ORM objects."""
    async with _state(request).engine.connect() as connection:
        yield connection


async def temporal_client(request: Request) -> Client:
    try:
        return await _state(request).temporal.get()
    except (RuntimeError, OSError, RPCError) as error:  # the SDK's "failed client connect"
        raise TemporalUnavailable() from error


@dataclass(frozen=True)
class Caller:
    owner: str
    role: Role
    key_id: str
    """The API key's id: what per-key limits count by."""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def owner_scope(self) -> str | None:
        """The owner whose rows this caller may see; None means all (admins)."""
        return None if self.is_admin else self.owner


_CALLER = "cpg2pvg.caller"
_UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}


async def authenticate(request: Request) -> Caller:
    """The caller of this request, from its bearer key: once per request, and in a session
    of its own that is closed before the route runs (a stream must not hold one)."""
    cached: Caller | None = request.scope.get(_CALLER)
    if cached is not None:
        return cached
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'", _UNAUTHORIZED
        )
    state = _state(request)
    per_minute = state.settings.rate_limit_per_minute
    # A key found active lately is trusted for api_key_cache_seconds (api/keycache.py).
    caller: Caller | None = state.keys.get(token)
    if caller is None:
        async with state.sessions() as session:
            key = await find_active_key(session, token)
        if key is None:
            raise ApiError(401, "unauthorized", "this API key is unknown or revoked", _UNAUTHORIZED)
        caller = Caller(owner=key.owner, role=Role(key.role), key_id=str(key.id))
        state.keys.put(token, caller)
    wait = None
    if per_minute:
        # Counted in the database, a block at a time: the limit holds across API replicas
        # (db/rate_limits.py, api/ratelimit.py).
        wait = await state.rate_shares.take(
            caller.key_id, per_minute, _token_taker(state, uuid.UUID(caller.key_id), per_minute)
        )
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            "too many requests with this API key; slow down and retry later",
            retry_after_header(wait),
        )
    request.scope[_CALLER] = caller
    return caller


class ApiKeyAuth(HTTPBearer):
    """The caller, from its bearer key; with ``roles`` given, one of them (or admin). One
    dependency without sub-dependencies, that also declares the scheme in the OpenAPI
    document."""

    def __init__(self, roles: tuple[Role, ...] | None = None) -> None:
        super().__init__(
            auto_error=False,
            scheme_name="HTTPBearer",
            description="An API key made with `cpg2pvg keys create`",
        )
        self.allowed = None if roles is None else {Role.ADMIN, *roles}

    async def __call__(self, request: Request) -> Caller:  # type: ignore[override]
        caller = await authenticate(request)
        if self.allowed is not None and caller.role not in self.allowed:
            names = ", ".join(sorted(r.value for r in self.allowed))
            raise ApiError(403, "forbidden", f"this action needs one of the roles: {names}")
        return caller


current_caller = ApiKeyAuth()


def _token_taker(
    state: AppState, key_id: uuid.UUID, per_minute: int
) -> Callable[[int], Coroutine[Any, Any, tuple[int, float | None]]]:
    async def take(wanted: int) -> tuple[int, float | None]:
        async with state.sessions() as session:
            taken = await take_tokens(session, key_id, per_minute, wanted)
            await session.commit()
        return taken.tokens, taken.wait

    return take


class AuthenticatedRoute(APIRoute):
    """A route that checks the caller's key before FastAPI reads the request body, so an
    upload from no one is refused before it is received."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def authenticated(request: Request) -> Response:
            await authenticate(request)
            return await handle(request)

        return authenticated


def require_role(*roles: Role) -> ApiKeyAuth:
    """Admins and ``roles``; ``require_role()``: admins only."""
    return ApiKeyAuth(roles)


Session = Annotated[AsyncSession, Depends(db_session)]
Temporal = Annotated[Client, Depends(temporal_client)]
AnyCaller = Annotated[Caller, Depends(current_caller)]
Submitter = Annotated[Caller, Depends(require_role(Role.SUBMITTER))]
