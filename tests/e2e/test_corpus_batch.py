"""The whole shared corpus as one batch, through the ``cpg2pvg submit`` command."""

from __future__ import annotations

import asyncio
import contextlib
import io
from pathlib import Path

from cpg2pvg.ops.cli import main
from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.corpus import CORPUS


async def test_whole_corpus_batch_completes_and_a_corrupt_file_fails_alone(
    stack: Stack, tmp_path: Path
) -> None:
    corpus = sorted(CORPUS.glob("*.md"))
    assert corpus, f"the shared corpus is missing at {CORPUS}"
    folder = tmp_path / "submission"
    folder.mkdir()
    for path in corpus:
        (folder / path.name).symlink_to(path)
    (folder / "scanned-and-broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\ntruncated")
    key = await stack.key(Role.SUBMITTER, "corpus-team")
    reviewer = await stack.key(Role.REVIEWER, "corpus-team")

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        submit = asyncio.create_task(asyncio.to_thread(
            main, ["submit", str(folder), "--api-url", stack.base_url, "--api-key", key]
        ))
        reviewed = await _approve_until_done(stack, reviewer, submit)
        code = await submit

    table = printed.getvalue()
    assert code == 1, "one item failed, so the command says so"
    assert f"{len(corpus)} completed, 1 failed, 0 cancelled of {len(corpus) + 1}" in table
    async with stack.http(key) as http:
        batch_id = table.rsplit("batch ", 1)[1].split(":", 1)[0]
        batch = (await http.get(f"/v1/batches/{batch_id}")).json()
        broken = [i for i in batch["items"] if i["status"] == "failed"]
        assert len(broken) == 1
        detail = (await http.get(f"/v1/guidelines/{broken[0]['guideline_id']}")).json()
    assert batch["status"] == "completed"
    assert (batch["completed"], batch["failed"], batch["total"]) == (
        len(corpus),
        1,
        len(corpus) + 1,
    )
    assert detail["error"]["code"] == "corrupt_document"
    # Quality control sent some to a person (each with the findings that say why), and a
    # reviewer's approval completed them; most need nobody. The long ones whose whole page,
    # its "More advice" part included, reads above the hard limits are among them (16 of 93).
    assert len(reviewed) <= len(corpus) // 5, reviewed


async def _approve_until_done(stack: Stack, reviewer: str,
                              submit: asyncio.Task[int]) -> dict[str, list[str]]:
    """Play the reviewer: approve each guideline that waits for review, after checking that
    its QC report says why it waits."""
    reviewed: dict[str, list[str]] = {}
    async with stack.http(reviewer) as http:
        while not submit.done():
            waiting = (await http.get("/v1/guidelines", params={"status": "needs_review"})).json()
            for item in waiting["items"]:
                gid = item["id"]
                if gid in reviewed:
                    continue
                findings = item["qc"]["findings"] if item.get("qc") else []
                assert findings, f"{gid} waits for review with no finding to say why"
                reviewed[gid] = [f["message"] for f in findings]
                answer = await http.post(f"/v1/guidelines/{gid}/review",
                                         json={"decision": "approve", "comment": "checked"})
                assert answer.status_code == 200, answer.text
            await asyncio.sleep(0.5)
    return reviewed
