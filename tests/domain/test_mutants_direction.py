"""The direction of a statement of several sentences (domain/direction.py), pinned where
mutation testing (``make mutation``) found it unguarded: the first sentence that advises
decides, so a later qualification or exception does not flip the advice (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.direction import statement_direction
from domain.model import Direction

AGAINST, INSUFFICIENT = Direction.AGAINST, Direction.INSUFFICIENT


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        # the first advising sentence decides; a later "not" qualifies it
        ("Offer aspirin to adults. If bleeding occurs, aspirin may not be required.", None),
        ("Clinicians should offer aspirin. Do not offer it to children.", None),
        ("Screen adults. Avoid aspirin.", None),
        ("Give **aspirin**. It should not be stopped early.", None),
        ("Do not offer aspirin to adults. Offer it to children.", AGAINST),
        # sentences that do not advise are passed over
        ("Aspirin is widely used. Clinicians should not offer aspirin to adults.", AGAINST),
        ("Aspirin helps. Do not offer aspirin.", AGAINST),
        ("Aspirin is widely used. It is cheap.", None),
        ("Evidence is insufficient to assess aspirin. Clinicians should offer it.", INSUFFICIENT),
        # one sentence: its wording decides, bold or not
        ("Do **not** offer aspirin.", AGAINST),
        ("Do not offer aspirin.  ", AGAINST),
        # bold around a sentence does not hide where it ends
        ("**Offer aspirin to adults.** Do not give it to children.", None),
    ],
)
def test_the_first_advising_sentence_decides(statement: str,
                                             direction: Direction | None) -> None:
    assert statement_direction(statement) is direction
