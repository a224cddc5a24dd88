"""Hostile input is refused with a clear 4xx, or fails cleanly with a named code and no retry.

Afterwards the service is still ready, nothing was written outside the data directory, and
the patient version of a scripted HTML guideline is escaped.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from cpg2pvg import failures
from db.keys import Role
from tests.conftest import REPO
from tests.e2e.conftest import Stack
from tests.security import hostile
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import local_activity_attempts
from tests.workflows.test_guideline_workflow import _activity_attempts

DOCUMENT_ACTIVITIES = ("parse_document", "generate_pvg", "quality_control")
TRAVERSAL_NAMES = [
    "../../../../../../tmp/cpg2pvg-evil-1.md",
    "..\\..\\..\\cpg2pvg-evil-2.md",
    "/etc/cpg2pvg-evil-3.md",
    "....//....//cpg2pvg-evil-4.md",
]


async def _submit(
    http: httpx.AsyncClient, content: bytes, name: str, content_type: str | None = None
) -> httpx.Response:
    file = (name, content, content_type) if content_type else (name, content)
    return await http.post("/v1/guidelines", files={"file": file})


async def _final(stack: Stack, http: httpx.AsyncClient, guideline_id: str) -> dict:
    """The state a run rests in: final, or waiting for a person (a garbled document's draft
    is held for review, with the finding that says why)."""
    async def done() -> dict | None:
        body = (await http.get(f"/v1/guidelines/{guideline_id}")).json()
        resting = ("completed", "failed", "cancelled", "needs_review")
        return body if body["status"] in resting else None

    found: dict = await wait_until(done, timeout=120)  # type: ignore[arg-type]
    return found


async def _attempts(stack: Stack, workflow_id: str) -> dict[str, list[int]]:
    """Attempts of each step, through a queue or on the workflow's worker (a small
    document's parse, quality control)."""
    history = await stack.client.get_workflow_handle(workflow_id).fetch_history()
    return {
        name: _activity_attempts(history, name) + local_activity_attempts(history, name)
        for name in DOCUMENT_ACTIVITIES
    }


def _assert_error_body(response: httpx.Response) -> None:
    body = response.json()
    assert set(body) >= {"error"}, body
    assert body["error"]["code"] and body["error"]["message"], body


REFUSED_AT_UPLOAD = [
    ("zero-bytes.txt", b"", 422, "empty_document"),
    ("random.bin", os.urandom(64 * 1024), 415, "unsupported_format"),
    ("not-a-zip.docx", hostile.not_a_zip_docx(), 415, "corrupt_document"),
    # RTF is not read: named .docx, its control words would reach the patient version.
    ("rtf-named.docx", hostile.rtf_guideline(), 415, "unsupported_format"),
    ("rtf.rtf", hostile.rtf_guideline(), 415, "unsupported_format"),
]


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    REFUSED_AT_UPLOAD,
    ids=[case[0] for case in REFUSED_AT_UPLOAD],
)
async def test_refused_at_upload(
    stack: Stack, name: str, content: bytes, status: int, code: str
) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-upload")
    async with stack.http(key) as http:
        response = await _submit(http, content, name)
    assert response.status_code == status, response.text
    _assert_error_body(response)
    assert response.json()["error"]["code"] == code


FAILING_CLEANLY = {
    "truncated.pdf": (hostile.truncated_pdf, "corrupt_document"),
    "encrypted.pdf": (hostile.encrypted_pdf, "encrypted_document"),
    "scanned.pdf": (hostile.image_only_pdf, "no_text_layer"),
    "bomb.docx": (lambda: hostile.zip_bomb_docx(100 * 1024 * 1024), "document_too_large"),
}


@pytest.mark.parametrize("name", list(FAILING_CLEANLY))
async def test_accepted_then_failed_cleanly_without_retries(stack: Stack, name: str) -> None:
    make, code = FAILING_CLEANLY[name]
    key = await stack.key(Role.SUBMITTER, "hostile-fail")
    async with stack.http(key) as http:
        accepted = await _submit(http, make(), name)
        assert accepted.status_code == 202, accepted.text
        final = await _final(stack, http, accepted.json()["id"])
    assert final["status"] == "failed", final
    assert final["error"]["code"] == code and code in failures.DOCUMENT
    assert final["error"]["message"]
    attempts = await _attempts(stack, final["workflow_id"])
    assert attempts == {"parse_document": [1], "generate_pvg": [], "quality_control": []}


async def test_invalid_utf8_is_read_not_crashed_on(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-utf8")
    async with stack.http(key) as http:
        accepted = await _submit(http, hostile.invalid_utf8_text(), "broken-utf8.md")
        assert accepted.status_code == 202, accepted.text
        final = await _final(stack, http, accepted.json()["id"])
    assert final["status"] in ("completed", "failed", "needs_review"), final
    if final["status"] == "failed":
        assert final["error"]["code"] in failures.DOCUMENT
    if final["status"] == "needs_review":
        assert final["qc"]["findings"], "held for review without a finding to say why"
    attempts = await _attempts(stack, final["workflow_id"])
    assert all(a in ([], [1]) for a in attempts.values()), attempts


async def test_scripted_html_gives_an_escaped_patient_version(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-html")
    async with stack.http(key) as http:
        accepted = await _submit(http, hostile.SCRIPTED_HTML, "walking.html")
        assert accepted.status_code == 202, accepted.text
        gid = accepted.json()["id"]
        final = await _final(stack, http, gid)
        assert final["status"] == "completed", final
        page = await http.get(f"/v1/guidelines/{gid}/pvg", params={"format": "html"})
        markdown = await http.get(f"/v1/guidelines/{gid}/pvg", params={"format": "markdown"})
        as_json = await http.get(f"/v1/guidelines/{gid}/pvg")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    lowered = page.text.lower()
    for unsafe in ("<script", "<iframe", "<img", "onerror=", "onload=", "href=", "javascript:"):
        assert unsafe not in lowered, unsafe
    assert "evil.example" not in lowered + markdown.text.lower() + as_json.text.lower()
    assert "javascript:" not in markdown.text.lower()


async def test_upload_larger_than_the_limit_is_413(stack: Stack) -> None:
    """30 MB of text against the stack's 3 MB limit (the default is 25 MB)."""
    key = await stack.key(Role.SUBMITTER, "hostile-size")
    big = b"Adults should walk every day.\n" * (30 * 1024 * 1024 // 30)
    async with stack.http(key) as http:
        response = await _submit(http, big, "big.txt")
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "file_too_large"


async def test_path_traversal_names_are_only_names(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-names")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with stack.http(key) as http:
        ids = []
        for n, name in enumerate(TRAVERSAL_NAMES):
            response = await _submit(http, content + b"\n" * (n + 1), name)
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])
        for gid in ids:
            assert (await _final(stack, http, gid))["status"] == "completed"
    from sqlalchemy import select

    from db.models import Guideline

    async with stack.sessions() as session:
        stored = (
            await session.execute(select(Guideline.filename).where(Guideline.id.in_(ids)))
        ).scalars()
        names = sorted(str(s) for s in stored)
    assert names == [f"cpg2pvg-evil-{n}.md" for n in range(1, 5)]
    assert not _written_outside(stack.settings.resolved_data_dir)


def _written_outside(data_dir: Path) -> list[Path]:
    """Files named like our hostile uploads anywhere a traversal could have put them."""
    found = []
    for root in {Path("/tmp"), Path("/etc"), REPO, REPO.parent, data_dir.parent}:
        found += [p for p in root.glob("cpg2pvg-evil-*")]
        found += [p for p in root.glob("*/cpg2pvg-evil-*")]
    return found


async def test_wrong_content_types_are_decided_by_content(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-types")
    markdown = corpus_file(SMALL_GUIDELINE).read_bytes() + b"\n<!-- typed as pdf -->\n"
    pdf = hostile.text_pdf(hostile.GUIDELINE_LINES)
    async with stack.http(key) as http:
        as_pdf = await _submit(http, markdown, "guideline.pdf", "application/pdf")
        as_text = await _submit(http, pdf, "notes.txt", "text/plain")
        assert as_pdf.status_code == as_text.status_code == 202
        for accepted in (as_pdf, as_text):
            final = await _final(stack, http, accepted.json()["id"])
            assert final["status"] in ("completed", "needs_review"), final
        json_body = await http.post("/v1/guidelines", json={"file": "aGVsbG8="})
        xml_body = await http.post(
            "/v1/guidelines", content=b"<file/>", headers={"Content-Type": "application/xml"}
        )
    for response in (json_body, xml_body):
        assert response.status_code == 422, response.text
        _assert_error_body(response)


async def test_oversized_multipart_and_malformed_requests_are_4xx(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-forms")
    reviewer = await stack.key(Role.REVIEWER, "hostile-forms")
    content = b"# T\n\n## Recommendations\n\nAdults should rest (Grade B).\n"
    async with stack.http(key) as http:
        responses = [
            # thousands of fields
            await http.post(
                "/v1/guidelines",
                files={"file": ("t.md", content)},
                data={f"field{n}": "x" for n in range(3000)},
            ),
            # one form field of 2 MB
            await http.post(
                "/v1/guidelines", files={"file": ("t.md", content)}, data={"title": "x" * 2**21}
            ),
            # a batch with one file over the upload limit
            await http.post(
                "/v1/batches",
                files=[("files", ("ok.md", content)), ("files", ("big.txt", b"a" * 2**22))],
            ),
            # a multipart body that ends in the middle
            await http.post(
                "/v1/guidelines",
                content=b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"',
                headers={"Content-Type": "multipart/form-data; boundary=xyz"},
            ),
            await http.get("/v1/guidelines/..%2F..%2Fetc%2Fpasswd"),
            await http.get("/v1/guidelines/' OR '1'='1"),
            await http.get("/v1/batches/00000000-0000-0000-0000-00000000000g"),
            await http.get("/v1/guidelines", params={"status": "<script>"}),
            await http.get("/v1/guidelines", params={"limit": "-1"}),
            await http.get("/v1/guidelines", params={"cursor": "%%%"}),
        ]
    async with stack.http(reviewer) as http:
        gid = "00000000-0000-0000-0000-000000000000"
        responses += [
            await http.post(
                f"/v1/guidelines/{gid}/review",
                content=b'{"decision": "approve",',
                headers={"Content-Type": "application/json"},
            ),
            await http.post(f"/v1/guidelines/{gid}/review", json=["approve"]),
            await http.post(f"/v1/guidelines/{gid}/review", json={"decision": "maybe"}),
        ]
    for response in responses:
        assert 400 <= response.status_code < 500, (response.request.url, response.text[:300])
        _assert_error_body(response)


async def test_a_nul_in_any_submitted_text_is_422(stack: Stack) -> None:
    """PostgreSQL cannot store NUL in text: refused up front, never a 500."""
    key = await stack.key(Role.SUBMITTER, "hostile-text")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with stack.http(key) as http:
        responses = {
            "title": await http.post(
                "/v1/guidelines", files={"file": ("g.md", content)}, data={"title": "T\x00"}
            ),
            "webhook_url": await http.post(
                "/v1/guidelines",
                files={"file": ("g.md", content)},
                data={"webhook_url": "http://127.0.0.1:9/hook\x00"},
            ),
            "filename": await http.post(
                "/v1/guidelines",
                content=_multipart(b"g\x00.md", content, "file"),
                headers={"Content-Type": "multipart/form-data; boundary=b0undary"},
            ),
            "batch filename": await http.post(
                "/v1/batches",
                content=_multipart(b"g\x00.md", content, "files"),
                headers={"Content-Type": "multipart/form-data; boundary=b0undary"},
            ),
            "batch webhook_url": await http.post(
                "/v1/batches",
                files=[("files", ("g.md", content))],
                data={"webhook_url": "http://127.0.0.1:9/hook\x00"},
            ),
        }
    for field, response in responses.items():
        assert response.status_code == 422, (field, response.text)
        _assert_error_body(response)


async def test_nul_review_is_4xx_at_once_and_a_clean_review_completes(stack: Stack) -> None:
    """A comment PostgreSQL cannot store must not wedge the guideline in review."""
    submitter = await stack.key(Role.SUBMITTER, "hostile-review")
    reviewer = await stack.key(Role.REVIEWER, "hostile-review")
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + b"\n\n\n"
    async with stack.http(submitter) as sub:
        accepted = await sub.post(
            "/v1/guidelines", files={"file": ("r.md", content)}, data={"review": "required"}
        )
        assert accepted.status_code == 202, accepted.text
        gid = accepted.json()["id"]

        async def status(wanted: str) -> dict | None:
            body = (await sub.get(f"/v1/guidelines/{gid}")).json()
            return body if body["status"] == wanted else None

        await wait_until(lambda: status("needs_review"), timeout=90)
        url = f"/v1/guidelines/{gid}/review"
        headers = {"Authorization": f"Bearer {reviewer}", "Content-Type": "application/json"}
        # Raw JSON: a NUL, and lone surrogates, which JSON allows and UTF-8 cannot encode.
        bodies = [
            b'{"decision": "approve", "comment": "fine\\u0000"}',
            b'{"decision": "approve", "comment": "fine \\ud800"}',
            b'{"decision": "reject", "corrections": {"r1": "walk\\u0000"}}',
            b'{"decision": "reject", "corrections": {"r1\\u0000": "walk"}}',
        ]
        async with httpx.AsyncClient(base_url=stack.base_url, timeout=5) as http:
            for body in bodies:
                refused = await http.post(url, content=body, headers=headers)
                assert 400 <= refused.status_code < 500, (body, refused.text)
                _assert_error_body(refused)
            approved = await http.post(
                url, json={"decision": "approve", "comment": "clear"}, headers=headers
            )
        assert approved.status_code == 200, approved.text
        final = await wait_until(lambda: status("completed"), timeout=60)
    assert final["stage"] == "done"


def _multipart(filename: bytes, content: bytes, field: str) -> bytes:
    """A one-file form whose file name is raw bytes (clients would escape them)."""
    return (
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="' + field.encode() + b'"; '
        b'filename="' + filename + b'"\r\n'
        b"Content-Type: text/markdown\r\n\r\n" + content + b"\r\n--b0undary--\r\n"
    )


async def test_items_after_past_the_int32_range_is_422(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "hostile-paging")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with stack.http(key) as http:
        batch = await http.post("/v1/batches", files=[("files", ("p.md", content + b"\n\n"))])
        assert batch.status_code == 202, batch.text
        url = f"/v1/batches/{batch.json()['id']}"
        for after in (2**31, 2**63, -(2**31) - 1):
            response = await http.get(url, params={"items_after": after})
            assert response.status_code == 422, (after, response.text)
            _assert_error_body(response)
        last = await http.get(url, params={"items_after": 2**31 - 1})
    assert last.status_code == 200, last.text
    assert last.json()["items"] == []


async def test_service_is_still_ready_afterwards(stack: Stack) -> None:
    """Runs last in this module: the hostile cases above left the service healthy."""
    async with stack.http() as http:
        assert (await http.get("/healthz")).status_code == 200
        ready = await http.get("/readyz")
    assert ready.status_code == 200, ready.text
