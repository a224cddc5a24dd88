"""Long ways of saying short things, said with everyday words as whole phrases; a phrase that
names what is advised at the start of a sentence keeps its place (its heading comes from it)."""

from __future__ import annotations

import pytest

from domain.plain import Rewriter
from domain.wording_check import defects


def said(text: str) -> str:
    return Rewriter().simplify(text)


@pytest.mark.parametrize(("source", "plain", "gone"), [
    ("Consider the addition of a proton-pump inhibitor or misoprostol.",
     "about adding a proton-pump inhibitor", "the addition of"),
    ("Offer duloxetine or tramadol as an alternative or adjunct to oral NSAIDs.",
     "add-on to oral NSAIDs", "adjunct"),
    ("They should be used adjunctively with active treatments.",
     "used along with active treatments", "adjunctively"),
    ("Do not use MRI as an evaluative tool to diagnose osteoarthritis.",
     "use MRI to diagnose", "evaluative"),
    ("Refer anyone exhibiting loss of vision to an eye specialist capable of performing a "
     "dilated eye exam.", "an eye specialist who can do a dilated eye exam", "capable"),
    ("The program should be comprised of these parts.", "should consist of these parts",
     "comprised"),
    ("Check people whose symptoms do not correlate with objective signs.",
     "do not match objective signs", "correlate"),
    ("All shots must be accompanied by active treatment.", "must come with active treatment",
     "accompanied"),
    ("This does not apply to people who experience hoarseness.", "who have hoarseness",
     "experience"),
    ("Goals are set at the beginning of treatment.", "at the start of treatment", "beginning"),
    ("It is for women who are planning or capable of pregnancy.", "able to get pregnant",
     "capable"),
    ("Take steps when screening results indicate the presence of a health condition.",
     "results show a health condition", "presence"),
])
def test_long_phrase_is_said_in_everyday_words(source: str, plain: str, gone: str) -> None:
    out = said(source)
    assert plain in out and gone not in out


def test_the_addition_that_names_the_advice_stays_its_subject() -> None:
    # "The addition of X as an adjunct to Y" says "adding" twice; "Adding X to Y" keeps what
    # is advised as the subject, never an order ("Add X").
    out = said("The addition of manual physical therapy as an adjunct to traditional physical "
               "therapy can improve pain.")
    assert out.startswith("Adding manual physical therapy to traditional physical therapy can")


@pytest.mark.parametrize(("source", "plain", "gone"), [
    # A clinician's task is said as what the reader can expect (domain/voice.py).
    ("Experts advise evaluating benefits of opioid therapy every three months.",
     "Your care team should check", "evaluating"),
    ("Experts advise assessing suicide risk.", "Your care team should check suicide risk",
     "assessing"),
    ("Refrain from performing screening pelvic exams.", "doing screening pelvic exams",
     "performing"),
    ("Teaching is a means of facilitating self-management of symptoms.",
     "helping self-management", "facilitating"),
    ("Specific goals are articulated at the start of treatment.", "goals are stated",
     "articulated"),
    ("Give careful attention to dose adjustments in older people.", "dose changes",
     "adjustments"),
    ("Tapentadol is not recommended due to the cost and lack of superiority over other "
     "analgesics.", "not being better than", "superiority"),
    ("Bed rest is not recommended since immobility will negatively affect rehabilitation.",
     "not moving will harm", "negatively"),
])
def test_long_verb_is_said_with_its_short_verb(source: str, plain: str, gone: str) -> None:
    out = said(source)
    assert plain in out and gone not in out


def test_dotted_credentials_are_said_in_words_and_leave_no_fragment() -> None:
    out = said("Those performing acupuncture must have the appropriate credentials, such as "
               "L.A.c. R.A.c, or Dipl. Ac.")
    assert "a license, registration or diploma in acupuncture" in out
    assert "Dipl" not in out
    assert not defects(out)


@pytest.mark.parametrize(("source", "plain", "gone"), [
    ("Pharmacotherapy interventions substantially improve achievement of tobacco cessation in "
     "nonpregnant adults who smoke.", "raise quit rates in nonpregnant adults", "achievement"),
    ("The evidence on ENDS is insufficient to determine the effect on achievement of tobacco "
     "smoking cessation.", "on quit rates", "achievement"),
    ("You should adhere to the written return to work restrictions.",
     "keep to the written return to work restrictions", "adhere"),
    ("Hot flashes may affect willingness to use or adhere to these medications.",
     "use or keep taking these medicines", "adhere"),
    ("Side effects typically resolve after treatment is stopped.", "usually resolve",
     "typically"),
])
def test_quitting_and_keeping_to_are_said_plainly(source: str, plain: str, gone: str) -> None:
    out = said(source)
    assert plain in out and gone not in out


@pytest.mark.parametrize(("source", "plain", "gone"), [
    ("The USPSTF determined that there is adequate evidence to bound the magnitude of harms of "
     "behavioral interventions for tobacco cessation in pregnant women who smoke as small to "
     "none.", "that the harms of programs to change habits", "magnitude"),
    ("The USPSTF found adequate evidence to bound the magnitude of the overall harms of "
     "screening and treatment as at least moderate.",
     "the overall harms of screening and treatment are at least moderate", "bound"),
    ("Clinicians should tell patients that drug diversion is a crime and constitutes a reason "
     "to stop prescribing.", "is a crime and is a reason", "constitutes"),
    ("Any decision for pregnant women should be made with due caution and cognizance of "
     "applicable labeling.", "with care, keeping in mind the labeling", "cognizance"),
])
def test_formal_findings_are_said_as_what_they_find(source: str, plain: str, gone: str) -> None:
    out = Rewriter({"USPSTF": "U.S. Preventive Services Task Force"}).simplify(source)
    assert plain in out and gone not in out


def test_convincing_evidence_is_clear_proof_and_keeps_what_it_shows() -> None:
    out = Rewriter({"USPSTF": "U.S. Preventive Services Task Force"}).simplify(
        "The USPSTF found convincing evidence that behavioral interventions substantially "
        "improve achievement of tobacco abstinence in pregnant women.")
    assert out.startswith("Experts found clear proof that")
    assert "convincing" not in out and "pregnant women" in out
