"""Guideline content stays out of Temporal history; the codec endpoint gives it back."""

from __future__ import annotations

import base64

import httpx
import pytest
from google.protobuf import json_format
from pydantic import SecretStr
from temporalio.api.common.v1 import Payload
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from cpg2pvg.codec import ENCODING, KEY_ID, CodecKeyError, EncryptionCodec, KeyRing
from tests.observability.conftest import NEW_KEY, OLD_KEY, ObservedStack, Processed
from tests.support.serving import serve_api


async def test_codec_round_trip_rotation_and_plain_payloads() -> None:
    old = EncryptionCodec(KeyRing.parse(f"old:{OLD_KEY}"))
    rotated = EncryptionCodec(KeyRing.parse(f"new:{NEW_KEY}, old:{OLD_KEY}"))
    plain = Payload(metadata={"encoding": b"json/plain"}, data=b'"Screen men who ever smoked"')

    [sealed] = await old.encode([plain])
    assert sealed.metadata["encoding"] == ENCODING and sealed.metadata[KEY_ID] == b"old"
    assert b"smoked" not in sealed.data
    # After rotation the new key encrypts and the old one still decrypts.
    assert (await rotated.decode([sealed])) == [plain]
    [resealed] = await rotated.encode([plain])
    assert resealed.metadata[KEY_ID] == b"new"
    # Payloads written before encryption was turned on pass through.
    assert (await rotated.decode([plain])) == [plain]
    with pytest.raises(CodecKeyError):
        await old.decode([resealed])
    flipped = bytes([resealed.data[-1] ^ 1])  # always a change (a fixed byte may match)
    tampered = Payload(metadata=dict(resealed.metadata), data=resealed.data[:-1] + flipped)
    with pytest.raises(CodecKeyError):
        await rotated.decode([tampered])
    for bad in ("", "nokey", "k:not-base64!", f"k:{base64.b64encode(b'short').decode()}"):
        with pytest.raises(CodecKeyError):
            KeyRing.parse(bad)


async def test_raw_history_has_no_document_text_but_the_codec_endpoint_decodes_it(
    observed: ObservedStack, processed: Processed
) -> None:
    plain_client = await Client.connect(observed.settings.temporal_target)  # no codec
    history = await plain_client.get_workflow_handle(processed.workflow_id).fetch_history()
    raw = history.to_json()
    assert processed.title not in raw
    assert processed.sentence not in raw
    assert "uspstf" not in raw.lower(), "the file name (in the summary) is encrypted too"

    # Results of activities and of local activities (a small document is parsed as one:
    # its result is in a marker); all of them encrypted.
    results: list[Payload] = []
    for e in history.events:
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            results += e.activity_task_completed_event_attributes.result.payloads
        elif (e.event_type == EventType.EVENT_TYPE_MARKER_RECORDED
              and "local_activity" in e.marker_recorded_event_attributes.marker_name):
            details = e.marker_recorded_event_attributes.details
            if "result" in details:  # "data" is the SDK's own bookkeeping (attempt, ids)
                results += details["result"].payloads
    results = [r for r in results if r.metadata.get("encoding") != b"binary/null"]
    assert results and all(r.metadata["encoding"] == ENCODING for r in results)
    body = {"payloads": [json_format.MessageToDict(r) for r in results]}

    async with observed.http() as anonymous:
        assert (await anonymous.post("/codec/decode", json=body)).status_code == 401
    async with observed.http(observed.submitter_key) as submitter:
        assert (await submitter.post("/codec/decode", json=body)).status_code == 403
    async with observed.http(observed.admin_key) as admin:
        answer = await admin.post("/codec/decode", json=body)
        assert answer.status_code == 200, answer.text
        decoded = [json_format.ParseDict(d, Payload()) for d in answer.json()["payloads"]]
        assert all(d.metadata["encoding"] == b"json/plain" for d in decoded)
        assert any(processed.title in d.data.decode() for d in decoded)

        encoded = await admin.post(
            "/codec/encode", json={"payloads": [answer.json()["payloads"][0]]}
        )
        assert encoded.status_code == 200
        again = json_format.ParseDict(encoded.json()["payloads"][0], Payload())
        assert again.metadata[KEY_ID] == b"new"


async def test_codec_endpoint_allows_the_web_ui_origin_only(observed: ObservedStack) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,x-namespace",
    }
    async with observed.http() as http:
        ui = await http.options("/codec/decode", headers={**preflight, "Origin": observed.ui_url})
        assert ui.status_code == 200
        assert ui.headers["access-control-allow-origin"] == observed.ui_url
        other = await http.options(
            "/codec/decode", headers={**preflight, "Origin": "https://elsewhere.example"}
        )
        assert "access-control-allow-origin" not in other.headers
        # The rest of the API sends no CORS headers at all.
        api = await http.get("/healthz", headers={"Origin": observed.ui_url})
        assert "access-control-allow-origin" not in api.headers


async def test_malformed_encrypted_payloads_answer_400(observed: ObservedStack) -> None:
    """Short data and key ids that are not UTF-8 are refused as undecodable, not a 500."""

    def sealed(key_id: bytes, data: bytes) -> dict:
        payload = Payload(metadata={"encoding": ENCODING, KEY_ID: key_id}, data=data)
        return json_format.MessageToDict(payload)

    cases = {
        "empty data": sealed(b"new", b""),
        "shorter than a nonce": sealed(b"new", b"abc"),
        "nonce but no tag": sealed(b"new", b"n" * 12),
        "key id not UTF-8": sealed(b"\xff\xfe", b"n" * 40),
    }
    async with observed.http(observed.admin_key) as admin:
        for name, payload in cases.items():
            answer = await admin.post("/codec/decode", json={"payloads": [payload]})
            assert answer.status_code == 400, (name, answer.text)
            assert answer.json()["error"]["code"] == "undecodable_payload", name


async def test_codec_always_needs_credentials_and_the_local_ui_gets_a_per_run_token(
    observed: ObservedStack,
) -> None:
    """Encoding makes payloads the workers accept and decoding shows guideline text: no
    setting opens the endpoint. The local stack's Web UI, which cannot send a header,
    gets a codec URL with a token made for this run."""
    body = {"payloads": [json_format.MessageToDict(Payload(data=b'"x"'))]}
    # The switch the local stack used to turn authentication off is gone.
    told_open = observed.settings.model_copy(update={"codec_endpoint_auth": False})
    async with serve_api(told_open) as base, httpx.AsyncClient(base_url=base) as http:
        for path in ("/codec/encode", "/codec/decode"):
            assert (await http.post(path, json=body)).status_code == 401, path

    from cpg2pvg.ops.stack import local_codec

    codec, next_run = local_codec(observed.settings), local_codec(observed.settings)
    token = codec.api_env["CPG2PVG_CODEC_ACCESS_TOKEN"]
    assert token != next_run.api_env["CPG2PVG_CODEC_ACCESS_TOKEN"], "one token per run"
    port = observed.settings.api_port
    assert codec.ui_args == ["--ui-codec-endpoint", f"http://127.0.0.1:{port}/codec/{token}"]
    local = observed.settings.model_copy(update={"codec_access_token": SecretStr(token)})
    async with serve_api(local) as base, httpx.AsyncClient(base_url=base) as http:
        assert (await http.post("/codec/encode", json=body)).status_code == 401
        assert (await http.post(f"/codec/{token}/encode", json=body)).status_code == 200
        assert (await http.post(f"/codec/{token}/decode", json=body)).status_code == 200
        assert (await http.post(f"/codec/{token[:-1]}x/decode", json=body)).status_code == 401
        bearer = {"Authorization": f"Bearer {token}"}
        assert (await http.post("/codec/decode", json=body, headers=bearer)).status_code == 200
    async with serve_api(observed.settings) as base, httpx.AsyncClient(base_url=base) as http:
        # Without a configured token, no path opens the codec.
        assert (await http.post(f"/codec/{token}/decode", json=body)).status_code == 401
