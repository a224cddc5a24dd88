"""Temporal's remote codec protocol, so the Web UI and ``temporal`` CLI can show payloads.

``POST /codec/decode`` and ``/codec/encode`` take and return ``{"payloads": [...]}`` (the
protobuf JSON form: metadata values and data in base64). Decoding reveals guideline
content and encoding makes payloads the workers accept, so both always need credentials:
``Authorization: Bearer`` with an admin API key or the configured ``codec_access_token``,
or that token as the first path segment (``/codec/<token>/decode``) for a Web UI that
sends no header, such as the local dev server's.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from google.protobuf import json_format
from temporalio.api.common.v1 import Payloads

from api.deps import app_state
from api.errors import ApiError
from api.schemas import ErrorBody
from api.state import AppState
from cpg2pvg.codec import CodecKeyError, EncryptionCodec, codec_for
from cpg2pvg.settings import Settings
from db.keys import Role, find_active_key

router = APIRouter(prefix="/codec", tags=["codec"])

_UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}


def _is_access_token(settings: Settings, token: str) -> bool:
    fixed = settings.codec_access_token
    return fixed is not None and hmac.compare_digest(
        token.encode(), fixed.get_secret_value().encode()
    )


async def _authorised(request: Request, state: Annotated[AppState, Depends(app_state)]) -> None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>'", _UNAUTHORIZED)
    if _is_access_token(state.settings, token):
        return
    async with state.sessions() as session:
        key = await find_active_key(session, token)
    if key is None:
        raise ApiError(401, "unauthorized", "this token is unknown or revoked", _UNAUTHORIZED)
    if key.role != Role.ADMIN.value:
        raise ApiError(403, "forbidden", "decoding payloads needs an admin key")


async def _token_in_path(access_token: str, state: Annotated[AppState, Depends(app_state)]) -> None:
    if not _is_access_token(state.settings, access_token):
        raise ApiError(401, "unauthorized", "this codec URL is not valid (any more)")


def _codec(request: Request, state: AppState) -> EncryptionCodec:
    """Made once per app: reading the key ring may touch the data dir."""
    codec: EncryptionCodec | None = getattr(request.app.state, "codec", None)
    if codec is None:
        codec = codec_for(state.settings)
        if codec is None:
            raise ApiError(404, "codec_off", "payload encryption is turned off")
        request.app.state.codec = codec
    return codec


async def _payloads(request: Request) -> Payloads:
    try:
        return json_format.Parse(await request.body(), Payloads(), ignore_unknown_fields=True)
    except (json_format.ParseError, UnicodeDecodeError):
        raise ApiError(
            400, "invalid_payloads", 'the body must be {"payloads": [...]} as protobuf JSON'
        ) from None


def _answer(payloads: Payloads) -> Response:
    return Response(json_format.MessageToJson(payloads), media_type="application/json")


_ERRORS: dict[int | str, dict] = {code: {"model": ErrorBody} for code in (400, 401, 403, 404)}


async def _encode(request: Request, state: AppState) -> Response:
    payloads = await _payloads(request)
    encoded = await _codec(request, state).encode(payloads.payloads)
    return _answer(Payloads(payloads=encoded))


async def _decode(request: Request, state: AppState) -> Response:
    payloads = await _payloads(request)
    try:
        decoded = await _codec(request, state).decode(payloads.payloads)
    except CodecKeyError as error:
        raise ApiError(400, "undecodable_payload", str(error)) from None
    return _answer(Payloads(payloads=decoded))


@router.post("/encode", dependencies=[Depends(_authorised)], responses=_ERRORS)
async def encode(request: Request, state: Annotated[AppState, Depends(app_state)]) -> Response:
    return await _encode(request, state)


@router.post("/decode", dependencies=[Depends(_authorised)], responses=_ERRORS)
async def decode(request: Request, state: Annotated[AppState, Depends(app_state)]) -> Response:
    return await _decode(request, state)


@router.post(
    "/{access_token}/encode",
    dependencies=[Depends(_token_in_path)],
    responses=_ERRORS,
    include_in_schema=False,
)
async def encode_with_token(
    request: Request, state: Annotated[AppState, Depends(app_state)]
) -> Response:
    return await _encode(request, state)


@router.post(
    "/{access_token}/decode",
    dependencies=[Depends(_token_in_path)],
    responses=_ERRORS,
    include_in_schema=False,
)
async def decode_with_token(
    request: Request, state: Annotated[AppState, Depends(app_state)]
) -> Response:
    return await _decode(request, state)
