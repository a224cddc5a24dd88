"""A caution list the guideline gives for a medicine stays with it: the tramadol cautions
(seizures, antidepressants, alcohol, prior opioid addiction, deaths with alcohol or other
opioids) were lost whole because their first sentence was long and the others did not name
the medicine again."""
from domain.generation import OfflineProvider
from domain.parsing import parse_guideline

SOURCE = b"""# Pain medicines guideline

## Recommendations

- Meperidine is ***not recommended*** for chronic pain.
- Physical therapy is ***recommended*** for most patients with chronic pain.

## Contraindications

- Contraindications for tramadol: use cautiously in patients who have a history of \
seizures, who are taking medication that may lower the seizure threshold, or taking \
medications that impact serotonin reuptake and could increase the risk for serotonin \
syndrome, such as monoamine oxidase inhibitors, selective serotonin reuptake inhibitors, \
tricyclic antidepressants, and alcohol. Not recommended in those with prior opioid \
addiction. Has been associated with deaths in those with an emotional disturbance or \
concurrent use of alcohol or other opioids.
"""


def test_a_medicines_caution_list_is_printed_whole() -> None:
    pvg = OfflineProvider().generate(parse_guideline(SOURCE, "pain.md"))
    from domain.render import to_markdown

    page = to_markdown(pvg)
    assert "tramadol" in page
    assert "seizures" in page
    assert "You have had opioid addiction (then tramadol is not advised)" in page
    assert "deaths" in page and "alcohol or other opioids" in page
