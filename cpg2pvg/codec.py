"""AES-GCM payload codec: guideline content never reaches Temporal's history in the clear.

Every payload (inputs, results, summaries, failure details) is serialised, encrypted with
the first key of the key ring and stored as ``binary/encrypted`` with the key id in its
metadata. Decoding picks the key by that id, so old histories stay readable after a new key
is put first; payloads that were never encrypted pass through unchanged.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from google.protobuf.message import DecodeError
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from cpg2pvg.settings import Settings

ENCODING = b"binary/encrypted"
KEY_ID = "encryption-key-id"
_NONCE_BYTES = 12
_TAG_BYTES = 16
KEY_FILE = "codec-keys"


class CodecKeyError(ValueError):
    """The key ring is malformed, or a payload names a key we do not have."""


@dataclass(frozen=True)
class KeyRing:
    """Keys by id; ``current`` encrypts, every key decrypts."""

    current: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, text: str) -> KeyRing:
        """Parse ``kid1:base64key,kid0:base64key`` (AES-128/192/256 keys)."""
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for item in text.replace("\n", ",").split(","):
            item = item.strip()
            if not item:
                continue
            kid, sep, encoded = item.partition(":")
            kid = kid.strip()
            if not sep or not kid:
                raise CodecKeyError("each codec key must look like 'key-id:base64-key'")
            try:
                key = base64.b64decode(encoded.strip(), validate=True)
            except (binascii.Error, ValueError):
                raise CodecKeyError(f"codec key {kid!r} is not valid base64") from None
            if len(key) not in (16, 24, 32):
                raise CodecKeyError(f"codec key {kid!r} must be 16, 24 or 32 bytes")
            if kid in keys:
                raise CodecKeyError(f"codec key id {kid!r} appears twice")
            keys[kid] = key
            order.append(kid)
        if not order:
            raise CodecKeyError("no codec key given")
        return cls(current=order[0], keys=keys)


def new_key_entry(kid: str | None = None) -> str:
    """A fresh ``kid:base64key`` entry (AES-256), e.g. to put first when rotating."""
    kid = kid or f"k{secrets.token_hex(4)}"
    return f"{kid}:{base64.b64encode(os.urandom(32)).decode()}"


def key_ring(settings: Settings) -> KeyRing:
    """From ``CPG2PVG_CODEC_KEYS``; without it, a key made once and kept in the data dir.

    Every process sharing the data dir (stack, worker, API, CLI) then reads the same key.
    A production deployment sets the variable instead: containers do not share a data dir.
    A key made earlier in the data dir still decrypts once the variable is set (runs in
    flight were encrypted with it), but never encrypts again.
    """
    path: Path = settings.resolved_data_dir / KEY_FILE
    if settings.codec_keys is not None:
        given = KeyRing.parse(settings.codec_keys.get_secret_value())
        if not path.exists():
            return given
        made_here = KeyRing.parse(path.read_text())
        return KeyRing(current=given.current, keys={**made_here.keys, **given.keys})
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: processes starting together agree on one key.
        tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(new_key_entry("local1") + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return KeyRing.parse(path.read_text())


class EncryptionCodec(PayloadCodec):
    """Encrypts with the ring's current key; decrypts with whichever key a payload names."""

    def __init__(self, ring: KeyRing) -> None:
        self.ring = ring
        self._ciphers = {kid: AESGCM(key) for kid, key in ring.keys.items()}

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.encrypt(p) for p in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.decrypt(p) for p in payloads]

    def encrypt(self, payload: Payload) -> Payload:
        kid = self.ring.current
        nonce = os.urandom(_NONCE_BYTES)
        # The key id is authenticated too, so a payload cannot be relabelled to another key.
        sealed = self._ciphers[kid].encrypt(nonce, payload.SerializeToString(), kid.encode())
        return Payload(metadata={"encoding": ENCODING, KEY_ID: kid.encode()}, data=nonce + sealed)

    def decrypt(self, payload: Payload) -> Payload:
        if payload.metadata.get("encoding") != ENCODING:
            return payload  # written before the codec was turned on
        raw_kid = payload.metadata.get(KEY_ID, b"")
        kid = raw_kid.decode(errors="replace")
        cipher = self._ciphers.get(kid)
        if cipher is None or kid.encode() != raw_kid:
            raise CodecKeyError(f"payload encrypted with unknown key id {kid!r}")
        if len(payload.data) < _NONCE_BYTES + _TAG_BYTES:
            raise CodecKeyError("payload is too short to be an encrypted one")
        nonce, sealed = payload.data[:_NONCE_BYTES], payload.data[_NONCE_BYTES:]
        try:
            return Payload.FromString(cipher.decrypt(nonce, sealed, raw_kid))
        except (InvalidTag, DecodeError):
            raise CodecKeyError(f"payload does not decrypt with key {kid!r}") from None


def codec_for(settings: Settings) -> EncryptionCodec | None:
    """The codec the API, worker and CLI share; None when turned off."""
    if not settings.payload_codec:
        return None
    return EncryptionCodec(key_ring(settings))
