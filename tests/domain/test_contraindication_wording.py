"""A contraindication is said as "a medical reason against" what follows it, which reads
right before a medicine and before an act ("against breastfeeding"); "a medical reason not
to use breastfeeding" did not. QC reads a contraindication as a "not in this case", so the
plain wording raises no "negation the source does not have" warning."""

from __future__ import annotations

from domain.fidelity import advises_not
from domain.generation import OfflineProvider
from domain.model import Severity
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from tests.domain.conftest import corpus_file

HIP_KNEE = "va-dod_hip-knee-osteoarthritis_2014.md"


def test_a_contraindication_to_an_act_reads_as_a_reason_against_it() -> None:
    rw = Rewriter()
    said = rw.simplify("Current maternal use of hydroxyurea is a contraindication to "
                       "breastfeeding.")
    assert "medical reason against breastfeeding" in said, said
    assert "not to use breastfeeding" not in said, said
    crime = rw.simplify("Drug diversion constitutes an absolute contraindication to further "
                        "prescribing.")
    assert "medical reason against" in crime and "not to use" not in crime, crime


def test_qc_reads_a_contraindication_in_the_source_as_a_not() -> None:
    assert advises_not("Use NSAIDs in the absence of contraindications.")
    assert not advises_not("Use NSAIDs for pain.")


def test_advice_for_with_a_contraindication_passes_qc_without_a_negation_warning() -> None:
    """VA/DoD hip and knee: "in the absence of contraindications" became "If you have no
    medical reasons against medicine", which must not read as a negation QC flags."""
    guideline = parse_guideline(corpus_file(HIP_KNEE), HIP_KNEE)
    report = check_quality(guideline, OfflineProvider().generate(guideline))
    negation = [f for f in report.findings if "negation the source" in f.message]
    assert not negation, negation
    assert all(f.severity is not Severity.ERROR for f in report.findings)
