"""What a list item says before its own statement belongs to that statement: Colorado CRPS
printed calcitonin's side effects ("Some patients have GI side effects …") as cautions of
the ketamine advice in the item before it."""

from __future__ import annotations

from domain.formats import DocumentFormat
from domain.generation import OfflineProvider
from domain.parsing import parse_text
from domain.render import to_markdown

DOC = """# Test guideline

## Recommendations

### Medications

- Ketamine hydrochloride: Due to the potential harm and limited short-term benefit, ketamine \
is ***not recommended*** since less harmful therapies are available.
- Calcitonin is not approved by the U.S. Food and Drug Administration (FDA) for use with \
CRPS. Some patients have GI side effects and hyperglycemia has been reported. Rare cases of \
neurological side effects have been reported. It is ***not recommended***.
"""


def test_side_effects_in_a_list_item_go_with_its_own_advice() -> None:
    page = to_markdown(OfflineProvider().generate(parse_text(DOC, DocumentFormat.MARKDOWN)))
    ketamine = page[page.index("Not advised: ketamine"):page.index("Not advised: calcitonin")]
    calcitonin = page[page.index("Not advised: calcitonin"):page.index("## Things to consider")]
    assert "side effects" not in ketamine, ketamine
    assert "**Take care:** Some people have" in calcitonin, calcitonin
    assert "Rare cases of nerve side effects" in calcitonin, calcitonin
