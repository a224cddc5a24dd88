"""The Web UI explains a guideline's workflow: found by GuidelineId, summary and stages shown.

Chromium plays an operator whose UI passes an access token to the codec endpoint (as the
Web UI does with "pass access token" behind a login): summaries, details and activity
summaries are encrypted in history, so the UI can only show them decoded by our API.
The screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.observability.cdp import Chromium
from tests.observability.conftest import ARTIFACTS, ObservedStack, Processed, chromium_path
from tests.support.corpus import SMALL_GUIDELINE


async def test_web_ui_finds_the_guideline_and_shows_its_summary_and_stages(
    observed: ObservedStack, processed: Processed
) -> None:
    executable = chromium_path()
    if executable is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    query = quote(f'GuidelineId="{processed.id}"')
    base = f"{observed.ui_url}/namespaces/default/workflows"
    async with Chromium(executable) as browser:
        await browser.call(
            "Network.setExtraHTTPHeaders",
            headers={"Authorization": f"Bearer {observed.admin_key}"},
        )
        await browser.goto(f"{base}?query={query}")
        await browser.wait_for_text(processed.workflow_id, "GuidelineWorkflow", "1–1")
        await browser.screenshot(ARTIFACTS / "web-ui-search.png")

        await browser.goto(f"{base}/{processed.workflow_id}/{processed.run_id}/history")
        page = await browser.wait_for_text(
            "Guideline: ",
            "Parse document",
            "Generate patient version",
            "Quality control",
            "Record completed",
        )
        assert _summary(page, processed), "the summary names the guideline"
        await browser.screenshot(ARTIFACTS / "web-ui-history.png")

        # Summary, static details and the current details (stage, progress, document).
        assert await browser.click_text("User Metadata")
        page = await browser.wait_for_text("Guideline: ", "Stage: done", "100 %", processed.title)
        assert _summary(page, processed)
        await browser.screenshot(ARTIFACTS / "web-ui-guideline.png")


def _summary(page: str, processed: Processed) -> str | None:
    """The summary line: 'Guideline: ' and the title (peeked at submission) or file name."""
    return next(
        (
            line
            for line in page.splitlines()
            if line.startswith("Guideline: ")
            and (processed.title[:40] in line or SMALL_GUIDELINE in line)
        ),
        None,
    )
