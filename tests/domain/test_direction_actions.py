"""Direction from the advised action in the forms of ungraded prose: a limit not to exceed,
"inappropriate", "questionable", contraindications, an "Avoiding …" list entry, advice
that holds after "rarely needed but", and a statement that the literature is too weak to
recommend."""

from __future__ import annotations

import pytest

from domain.direction import text_direction
from domain.model import Direction


@pytest.mark.parametrize(("sentence", "direction"), [
    ("The total daily dose of acetaminophen is recommended not to exceed three grams per "
     "24-hour period.", Direction.AGAINST),
    ("It is inappropriate to limit a job site evaluation to causation risk factors only.",
     Direction.AGAINST),
    ("NSAIDs may be associated with non-unions; thus, their use with fractures is questionable.",
     Direction.AGAINST),
    ("General contraindications include local or systemic infection and patient refusal.",
     Direction.AGAINST),
    ("Avoiding caffeinated beverages after lunchtime.", Direction.AGAINST),
    ("In the absence of definitive literature showing a beneficial effect, use of vitamin B6 "
     "cannot be recommended.", Direction.INSUFFICIENT),
    ("Inpatient pain rehabilitation programs are rarely needed but may be necessary for "
     "patients with any of the following conditions.", None),
])
def test_direction_follows_the_advised_action(sentence: str, direction: Direction | None) -> None:
    assert text_direction(sentence) is direction
