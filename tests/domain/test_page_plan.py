"""The page plan of a long guideline on its own: who each piece of advice is for, what goes
first, under which heading, and the "When / What happens" table."""

from __future__ import annotations

from domain.model import Audience, Direction, Strength
from domain.page_plan import (
    AGAINST,
    LONG,
    MAIN_LIMIT,
    SELF_CARE,
    Advice,
    care_team_only,
    plan,
    relevance,
    situation,
    timeline,
)

FOR, NOT = Direction.FOR, Direction.AGAINST
STRONG, UNGRADED = Strength.STRONG, Strength.UNGRADED
FILLER = " It is part of the care plan that the guideline describes at length." * 4


def advice(i: int, text: str, direction: Direction = FOR, strength: Strength = UNGRADED,
           process: bool = False, topic: str | None = None) -> Advice:
    return Advice(i, text, direction, strength, process, topic)


def long_guideline(extra: list[Advice]) -> list[Advice]:
    """Enough advice a reader acts on to make the guideline long, then ``extra``."""
    base = [advice(200 + i, f"You may ask your care team about check {i}.{FILLER}",
                   topic=f"Check {i}") for i in range(30)]
    return base + [Advice(a.index + 100, a.text, a.direction, a.strength, a.process, a.topic)
                   for a in extra]


def test_a_short_guideline_shows_all_its_advice_alike() -> None:
    few = [advice(i, "You should walk every day.") for i in range(40)]
    assert sum(len(a.text.split()) for a in few) <= LONG
    assert plan(few) is None


def test_care_system_work_is_for_the_care_team_and_care_you_meet_is_not() -> None:
    assert care_team_only("The organ procurement organization should tell the transplant "
                          "centers receiving organ offers.")
    assert care_team_only("The organ procurement organization should think about archiving "
                          "blood samples from deceased donors for at least 10 years.")
    assert care_team_only("A return-to-work format should be part of a company's health plan.")
    # When in doubt the advice stays with the reader: which health workers or case managers
    # give care is something a reader meets and can ask about.
    assert not care_team_only("Credentialed health workers should be used when available.")
    assert not care_team_only("In complex cases, experienced nurse case managers may be needed.")
    # the reader meets these: tests, a thing to avoid, lab checks of their own medicine
    assert not care_team_only("If you are a living would-be donor:\n- You should get tested "
                              "for HIV within the 28-day time period before surgery.")
    assert not care_team_only("Sympathectomy is usually not advised and needs prior "
                              "authorization.")
    assert not care_team_only("Primary lab checking is advised for acetaminophen combinations.")
    assert not care_team_only("Lab or other testing may be right to monitor medicine effects.")


def test_blood_taken_from_a_living_reader_stays_with_them() -> None:
    """CDC-PHS: two PEMAT raters found, in the care team's part, what a living donor,
    candidate or recipient goes through: the two blood samples taken from them."""
    assert not care_team_only("For living donors, transplant candidates, and recipients, two "
                              "blood samples should be collected when testing is planned.")


def test_an_employers_part_in_the_readers_return_to_work_stays_with_the_reader() -> None:
    """Colorado guidelines: an employer's part in the injured worker's own return to work,
    work restrictions, modified work or treatment plan is something the reader goes through
    and can ask for; only the company's health plan itself is the payer's business."""
    assert not care_team_only("Employers should be involved in return to work and work "
                              "restrictions.")
    assert not care_team_only("Employers should be involved in return to work and work "
                              "restrictions. Also, the family or social support system should "
                              "be included in the treatment plan.")
    assert not care_team_only("Employers are encouraged by the Division. The aim is to find "
                              "modified work within the company that may be available to "
                              "injured workers with long-term pain who are returning to work "
                              "with temporary or permanent restrictions.")
    # an organisation's duty that names none of the reader's care is still the care team's
    assert care_team_only("A return-to-work format should be part of a company's health plan.")
    assert care_team_only("The transplant center should also tell public health offices where "
                          "the transplant took place of the recipient's infection.")


def test_blood_taken_from_the_reader_is_no_lab_duty() -> None:
    """A lab's handling of samples is the care team's; blood taken from the reader, when it
    speaks to them or times a test by their dose or treatment, is a test done on them, as the
    wording of another provider may put the same recommendation."""
    assert not care_team_only("If you are a living donor, two blood samples should be "
                              "collected when HIV, hepatitis B, or hepatitis C testing is "
                              "planned.")
    assert not care_team_only("Blood samples should be drawn for anti-HBs testing 1 to 2 months "
                              "after the last dose of vaccine.")
    # the lab's part, from a deceased donor or for every test alike, stays the care team's
    assert care_team_only("The organ procurement organization should think about archiving "
                          "blood samples from deceased donors for at least 10 years.")
    # (blood taken from living donors, candidates and recipients is theirs: see below)


def test_what_the_reader_does_ranks_above_what_others_do() -> None:
    mine = advice(1, "You should be strongly encouraged to stop smoking.")
    theirs = advice(2, "The birth mother, if available, should be asked about behaviors.",
                    strength=STRONG)
    office = advice(3, "Before starting any treatment, the authorized treating doctor, "
                       "employer and insurer must think about these important issues.")
    vague = advice(4, "Types of treatment may be used sequentially or concomitantly.")
    assert relevance(mine) > relevance(theirs)
    assert relevance(mine) > relevance(office)
    assert relevance(vague) < 1
    urgent = advice(5, "Your care team should remind you to seek quick medical attention "
                       "whenever fever occurs.")
    assert relevance(urgent) > relevance(mine)


def test_headings_come_from_the_readers_situation() -> None:
    assert situation(advice(1, "If you are a living would-be donor with behaviors linked to a "
                               "higher risk:\n- You should get counseling."))[0] == \
        "If you are a living would-be donor"
    assert situation(advice(2, "When you have reached maximum medical improvement:\n- A doctor "
                               "must describe the ongoing treatment."))[0] == \
        "When you have reached maximum medical improvement"
    assert situation(advice(3, "After the transplant hepatitis B testing of recipients should "
                               "be done."))[0] == "After your transplant"
    assert situation(advice(4, "Testing of transplant candidates before the transplant for HIV "
                               "should be done."))[0] == "Before your transplant"
    assert situation(advice(5, "An informed consent talk should start before you are placed on "
                               "the transplant wait list."))[0] == "Before your transplant"
    assert situation(advice(6, "Continuing normal daily activities is the advice for most "
                               "people."))[0] == SELF_CARE
    assert situation(advice(7, "Calcitonin is not advised.", NOT))[0] == AGAINST
    assert situation(advice(8, "Acupuncture is advised for long-term pain.",
                            topic="Acupuncture"))[0] == "Acupuncture"


def test_every_piece_of_advice_is_placed_once_and_process_never_first() -> None:
    extra = [advice(1, "The organ procurement organization should think about archiving blood "
                       "samples for at least 10 years.", process=True, topic="Storage"),
             advice(2, "Calcitonin is not advised.", NOT, topic="Medicines")]
    items = long_guideline(extra)
    found = plan(items)
    assert found is not None
    main, rest, care = found.main(), found.rest, found.care_team
    assert sorted(main + rest + care) == sorted(a.index for a in items)
    assert len(main) <= MAIN_LIMIT
    assert 101 in care and found.audience[101] is Audience.CARE_TEAM and 101 not in rest
    assert 102 in main  # one thing to avoid is on the main page
    assert found.ranked and set(found.ranked) == set(main)


def test_a_permission_never_goes_first_without_the_advice_against_it() -> None:
    """Colorado CRPS: "Sympathectomy may be an option … if you have limited length of time of
    relief from blocks" printed first, away from "should not be done if the proximal limb is
    involved", reads as the opposite of the source."""
    topic = "Sympathectomy"
    extra = [advice(1, "Sympathectomy is usually not advised and needs prior authorization.",
                    NOT, topic=topic),
             advice(2, "Sympathectomy may be an option. This applies if you are unable to "
                       "return to normal daily tasks.", topic=topic),
             advice(3, "Sympathectomy should not be done if the proximal limb is involved.",
                    NOT, topic=topic),
             advice(4, "Sympathectomy may be an option. This applies if you have limited "
                       "length of time of relief from blocks.", topic=topic)]
    found = plan(long_guideline(extra))
    assert found is not None
    assert 102 in found.rest and 104 in found.rest


def test_things_to_avoid_do_not_crowd_out_what_to_do() -> None:
    extra = [advice(i, f"Drug {i} is not advised.", NOT, topic="Medicines") for i in range(12)]
    found = plan(long_guideline(extra))
    assert found is not None
    against = [i for i in found.main() if 100 <= i < 200]
    assert 0 < len(against) <= MAIN_LIMIT // 3


def test_advice_said_again_for_another_topic_is_shown_first_once() -> None:
    same = "You must commit to continuing right exercise within 7 days."
    extra = [advice(i, same, topic=f"Injection {i}") for i in range(3)]
    found = plan(extra + long_guideline([]))
    assert found is not None
    assert sum(1 for i in found.main() if i < 3) == 1


def test_a_guideline_for_the_care_team_keeps_its_page() -> None:
    """A lab protocol has no advice a reader acts on: nothing would be left to show first."""
    lab = [advice(i, f"The laboratory should run assay {i} on every specimen.{FILLER}",
                  process=True) for i in range(40)]
    assert plan(lab) is None


def test_the_timeline_follows_the_order_of_care_and_says_when_a_row_holds_only_sometimes() \
        -> None:
    rows = [(3, "Recipient testing should be done sometime between one and three months after "
                "the transplant. This applies when the donor was at higher risk.",
             "Testing after the transplant"),
            (1, "An informed consent talk should start before you are placed on the transplant "
                "wait list.", "Talking about risks"),
            (2, "If you are a living donor, you should get tested at least within the 28-day "
                "time period before surgery.", "Your tests as a donor"),
            (4, "Also test at 12 months after the transplant.", "Testing at 12 months")]
    table = timeline(rows).split("\n")
    assert table[0] == "| When | What happens | Read advice |"
    assert [r.rsplit("|", 2)[1].strip() for r in table[2:]] == ["1", "2", "3", "4"]
    # "If you are a living donor" is whom the advice is for, not a case it holds in.
    # what happens is said in the advice's own words; a title only when no clause says it
    assert "| Within the 28-day time period before surgery | Get tested | 2 |" in table
    assert "| Sometime between one and three months after the transplant | Testing after the " \
           "transplant (only in some cases) | 3 |" in table
    assert "(only in some cases)" not in table[2]


def test_a_timeline_needs_three_times() -> None:
    assert timeline([(1, "Get tested before surgery.", "Tests"),
                     (2, "Nothing about time here.", "Other")]) == ""


def test_a_summary_takes_the_first_of_each_situation_and_short_lines_first() -> None:
    """A summary of three lines speaks to the donor, the candidate and the recipient, not to
    the donor three times."""
    from domain.page_plan import Plan, summary_order

    found = Plan(groups=[("If you are a living donor", [1, 2]), ("Before your transplant", [3]),
                         ("After your transplant", [4, 5])],
                 rest=[], ranked=[1, 2, 5, 3, 4])
    short = {i: "Get tested." for i in range(1, 6)}
    assert summary_order(found, short) == [1, 3, 5, 2, 4]
    long_first = {**short, 1: "word " * 40}
    assert summary_order(found, long_first) == [3, 5, 2, 4, 1]


def test_the_timeline_shows_every_step_of_an_advice_and_no_time_in_brackets() -> None:
    """CDC-PHS: recipient hepatitis B testing happens at one to three months and again at 12
    months; "(unless infection was recorded before the transplant)" is no step before it."""
    hep_b = ("After the transplant hepatitis B testing of recipients should be done. Recipient "
             "testing should be done sometime between one and three months after the "
             "transplant. Also, at 12 months after the transplant (unless infection was "
             "recorded before the transplant).")
    donor = ("If you are a living donor, you should get tested as close as possible to the "
             "date of the organ recovery operation, but at least within the 28-day time period "
             "before surgery.")
    table = timeline([(1, donor, "Your tests"), (2, hep_b, "Hepatitis B tests")])
    rows = [r.split("|")[1:3] for r in table.split("\n")[2:]]
    assert [(w.strip(), n.strip()) for w, n in rows] == [
        ("Within the 28-day time period before surgery", "Get tested"),
        ("Sometime between one and three months after the transplant",
         "Hepatitis B tests (only in some cases)"),
        ("At 12 months after the transplant", "Hepatitis B tests (only in some cases)")]


def test_a_timeline_row_names_all_its_advice_lists_and_no_condition_the_advice_lacks() -> None:
    """CDC-PHS: every living donor is tested for HIV, hepatitis B and hepatitis C. "If you
    are a living donor" says whom the advice is for, not a case it holds in; a row that said
    "Getting tested for HIV (only in some cases)" told a donor less than the advice."""
    donor = ("If you are a living would-be donor:\n- You should get tested for HIV, hepatitis "
             "B, and hepatitis C as close as possible to the date of the organ recovery "
             "operation, but at least within the 28-day time period before surgery.")
    risky = ("If you are a living would-be donor with behaviors linked to a higher risk of HIV:"
             "\n- You should get personal counseling during the time period before surgery.")
    candidate = ("If you are a transplant candidate:\n- You should get tested before the "
                 "transplant for HIV, hepatitis B, and hepatitis C.\nThis applies when the donor "
                 "meets any of these conditions:\n- (1) found to be at higher risk\n- (2) the "
                 "history is unavailable\nTesting should occur during hospital admission for "
                 "the organ transplant but before the transplant surgery.")
    table = timeline([(2, donor, "Getting tested for HIV"), (1, risky, "Getting counseling"),
                      (4, candidate, "Getting tested before the transplant for HIV")])
    rows = {r.rsplit("|", 2)[1].strip(): r.split("|")[2].strip()
            for r in table.split("\n")[2:]}
    assert rows["2"] == "Get tested for HIV, hepatitis B, and hepatitis C"
    assert rows["1"] == "Get personal counseling (only in some cases)"
    assert rows["4"] == "Get tested for HIV, hepatitis B, and hepatitis C (only in some cases)"


def test_a_summary_line_never_stops_inside_the_condition_or_list_its_advice_goes_on_with() \
        -> None:
    """CDC-PHS: "This applies when the donor meets any of these conditions, (1) found to be
    at higher risk for HIV infection" named one of three conditions. A line carries its
    condition whole, points to the advice for it, or is left out of the summary."""
    from domain.summary import summary

    cut = ("If you are a recipient, you should get HIV testing after the transplant. This "
           "applies when the donor (living or deceased) meets any of these conditions, (1) found "
           "to be at higher risk for HIV infection\n- (2) screening samples are watered down, or"
           "\n- (3) the medical/behavioral history is unavailable\nRecipient testing should be "
           "done between one and three months after the transplant.")
    listed = ("You should get these tests, (1) a blood count\n- (2) a liver test\n- (3) a "
              "kidney test")
    whole = "You should get a flu shot every year. This applies when you are 65 or older."
    text = summary(["Adults."], "testing", [cut, listed, whole], [6, 7, 8])
    lines = [line[2:] for line in text.split("\n") if line.startswith("- ")]
    # Issue 13: the condition on the donor comes with the step that lets the reader know it.
    assert lines == ["If you are a recipient, you should get HIV testing after the transplant. "
                     "It applies only when the donor (living or deceased) meets any of the "
                     "conditions in advice 6. Ask your care team if this is the case.", whole]


def test_a_timeline_for_several_readers_says_whose_row_and_what_happens_in_the_advices_words() \
        -> None:
    """CDC-PHS round 4: rows were heading fragments ("Getting counseled to think", "Advice 8")
    with no column for whom a row is for. Rows now say what the advice does, and a "Who"
    column names the reader; rows come in the page's order, by reader and then by time."""
    donor = ("If you are a living would-be donor:\n- You should get tested for HIV, hepatitis "
             "B, and hepatitis C as close as possible to the date of the organ recovery "
             "operation, but at least within the 28-day time period before surgery.")
    blood_vessels = ("If before transplant or repair of a transplanted organ it is known or "
                     "expected that stored donated blood vessels may be used, and the donor is "
                     "found to be at higher risk for HIV, hepatitis B, or hepatitis C infection, "
                     "then the transplant center team should include these facts about the "
                     "risk in the informed consent talk.")
    hep_b = ("After the transplant, recipients should get hepatitis B testing. This applies when "
             "the donor meets any of these conditions:\n- (1) found to be at higher risk\n- (2) "
             "the donor is infected with hepatitis B\nRecipient testing should be done sometime "
             "between one and three months after the transplant to include hepatitis B nucleic "
             "acid test. Also, at 12 months after the transplant to include antibody to "
             "hepatitis B surface antigen.")
    table = timeline([(8, blood_vessels, "Advice 8"), (1, donor, "Getting tested for HIV"),
                      (13, hep_b, "Getting hepatitis B testing")],
                     {1: "Living would-be donor", 8: "Transplant candidate", 13: "Recipient"})
    lines = table.split("\n")
    assert lines[0] == "| When | Who | What happens | Read advice |"
    assert lines[2:] == [
        "| Within the 28-day time period before surgery | Living would-be donor | Get tested "
        "for HIV, hepatitis B, and hepatitis C | 1 |",
        "| Before transplant | Transplant candidate | Your care team should include these facts "
        "about the risk in the informed consent talk (only in some cases) | 8 |",
        "| Sometime between one and three months after the transplant | Recipient | Get "
        "hepatitis B testing (only in some cases) | 13 |",
        "| At 12 months after the transplant | Recipient | Get hepatitis B testing (only in "
        "some cases) | 13 |"]
    # without readers named, the table keeps its three columns
    assert timeline([(8, blood_vessels, "x"), (1, donor, "y"), (13, hep_b, "z")]).startswith(
        "| When | What happens | Read advice |")


def test_advice_about_a_named_reader_goes_under_their_heading_in_the_order_of_their_care() \
        -> None:
    """A candidate's advice was in three places (reader, time and topic headings): with two
    or more readers named, each piece goes under its reader, then by time."""
    from domain.page_plan import reader_of

    items = long_guideline([
        advice(1, "If you are a living would-be donor:\n- You should get tested for HIV within "
                  "the 28-day time period before surgery.", strength=STRONG, topic="Testing"),
        advice(2, "If you are a transplant candidate:\n- You should get tested before the "
                  "transplant for HIV.", strength=STRONG, topic="Testing"),
        advice(3, "If you are a recipient, you should get HIV testing sometime between one and "
                  "three months after the transplant.", strength=STRONG, topic="Testing"),
        advice(4, "An informed consent talk should start before you are placed on the transplant "
                  "wait list.", strength=STRONG, topic="Informed consent talk with transplant "
                  "candidates"),
        advice(5, "After the transplant, recipients should get hepatitis B testing.",
               strength=STRONG, topic="Testing of recipients"),
        advice(6, "All would-be organ donors should be tested for antibodies to HIV before "
                  "transplant.", strength=STRONG, topic="Testing of donors"),
    ])
    readers = {"donor": "If you are a living would-be donor",
               "candidate": "If you are a transplant candidate",
               "recipient": "If you are a recipient"}
    assert reader_of(items[-3], readers) == "candidate"  # from its topic
    assert reader_of(items[-2], readers) == "recipient"
    found = plan(items)
    assert found is not None
    groups = dict(found.groups)
    assert list(groups)[:3] == list(readers.values())
    assert groups["If you are a transplant candidate"] == [104, 102]  # wait list, then surgery
    assert set(groups["If you are a recipient"]) == {103, 105}
    assert reader_of(items[-1], readers) == "donor"  # the topic names donors
    assert found.who[104] == "Transplant candidate" and found.who[101] == "Living would-be donor"


def test_duties_that_ask_nothing_of_the_reader_get_no_paragraph_on_the_reader_page() -> None:
    """PEMAT round 14 (Colorado, three of four raters): "The guideline also gives 5 duties
    for clinicians … You do not need to do anything about them" was counted as distracting.
    Duties that neither ask nor tell the reader anything are only in the care-team part;
    when one reports the reader's own infection, the page still counts them and says so."""
    from domain.page_plan import CARE_TEAM_PART, duties_note

    others = [
        "The transplant center should tell the Organ Procurement and Transplantation Network.",
        "The organ procurement organization should think about archiving blood samples from "
        "deceased donors for at least 10 years."]
    assert duties_note(others) == ""
    assert duties_note(["A return-to-work format should be part of a company's health "
                        "plan."]) == ""
    assert duties_note([]) == ""
    note = duties_note([
        "The organ procurement organization should also tell public health offices where the "
        "organ recovery took place of the donor's infection. This is in line with state rules "
        "for reporting must-report infections.", *others])
    assert note.startswith("The guideline also gives 3 duties for clinics, hospitals, labs and "
                           "health agencies.")
    assert "You do not need to do anything about the others." in note
    assert f'"{CARE_TEAM_PART}" after the disclaimer' in note and len(note.split()) < 90
    from tests.support.corpus import page_markdown

    page = page_markdown("colorado-dowc_complex-regional-pain-syndrome_2017.md")
    reader = page.split("## Disclaimer", 1)[0]
    assert "duties for clinicians" not in reader and f"## {CARE_TEAM_PART}" in page


def test_medicines_to_avoid_come_first_among_the_things_to_avoid() -> None:
    """Colorado CRPS round 4: the front page warned of epidural infusions and IV blocks, and
    left "Fentanyl is not advised …" and "Chronic use of NSAIDs is usually not advised …"
    behind the disclaimer. A medicine the reader might take is the warning to print first."""
    from domain.page_plan import medicine_to_avoid

    fentanyl = advice(1, "Fentanyl is not advised for use with people with muscle and bone "
                         "long-term pain.", NOT, topic="Medicines")
    nsaids = advice(2, "Chronic use of NSAIDs is usually not advised due to higher risk of "
                       "heart and blood vessel events and stomach and gut bleeding.", NOT,
                    topic="Medicines")
    calcitonin = advice(3, "Calcitonin is not advised.", NOT, topic="Medicines")
    epidural = advice(4, "Epidural infusions are not advised.", NOT, topic="Infusions")
    blocks = advice(5, "IV regional blocks are not advised.", NOT, topic="Blocks")
    surgery = advice(6, "Sympathectomy is usually not advised and needs prior authorization.",
                     NOT, topic="Sympathectomy")
    assert all(medicine_to_avoid(a) for a in (fentanyl, nsaids, calcitonin))
    assert not any(medicine_to_avoid(a) for a in (epidural, blocks, surgery))
    found = plan(long_guideline([surgery, epidural, blocks, fentanyl, nsaids, calcitonin]))
    assert found is not None
    against = [i for i in found.main() if 100 <= i < 200]
    assert {101, 102, 103} <= set(against) and len(against) <= MAIN_LIMIT // 3


def test_a_page_about_the_readers_own_part_leads_with_what_the_reader_does() -> None:
    """Colorado CRPS round 4: the summary opened with goals before surgery (most readers have
    no surgery) and the employer's and insurer's duties were on the front page. Work at the
    first visit counts, a payer's duty does not, and the summary says staying active, work
    and therapy first."""
    from domain.page_plan import summary_order

    work = advice(1, "Return-to-work is a subject that should be addressed by each workers' "
                     "compensation health worker at the first meeting with the injured employee.")
    office = advice(2, "Before starting any treatment, the authorized treating doctor, employer "
                       "and insurer must think about these important issues:\n- If you are "
                       "undergoing treatment, you should be returned to modified duty.")
    strength = advice(3, "Activity should be raised based on the gain of core strengthening.")
    assert relevance(work) > relevance(strength) > relevance(office)
    items = long_guideline([
        advice(1, "Before surgery, you and your treating doctor should find goals, including "
                  "home exercise.", topic="Surgery"),
        advice(2, "Continuing normal daily activities is the advice for most people since "
                  "immobility will negatively affect rehab.", topic="Activities"),
        advice(3, "Also, complete work stopping should be avoided, if possible.", NOT,
               topic="Activities"),
        advice(4, "Mental and social treatment is advised. It should be put in place as soon "
                  "as the problem is found.", topic="Mental health"),
        advice(5, "You should be strongly encouraged to stop smoking.", topic="Surgery")])
    found = plan(items)
    assert found is not None
    assert found.groups[0][0] == SELF_CARE  # the reader's own part comes first
    lines = {i: next(a.text for a in items if a.index == i).split("\n")[0]
             for i in found.ranked}
    first = summary_order(found, lines)[:3]
    assert first == [102, 103, 104]  # staying active, work, therapy; not the surgery goals


def test_the_timeline_shows_the_steps_on_the_way_through_care_from_the_readers_other_advice() \
        -> None:
    """Colorado CRPS round 4, item 15: the table had three rows and not the care pathway
    (other treatment first; nerve stimulation only after 6 months of it; at maximum medical
    improvement a plan for ongoing care). The reader's other advice adds a row only at such a
    step, never for any other time it names."""
    main = [(1, "Mental and social treatment is advised. It should be put in place as soon as "
                "the problem is found.", "Mental and social treatment"),
            (2, "Before surgery, you and your treating doctor should find goals.", "Goals"),
            (3, "Your care team should order random drug testing at least every year.", "Tests")]
    later = [(20, "This type of treatment should only be employed with a clear nerve injury. "
                  "This applies if you have completed 6 months of other right treatment.",
              "Peripheral nerve stimulation"),
             (21, "A screening trial should take place over 3 to 7 days.", "Screening trial"),
             (22, "When you have reached maximum medical improvement:\n- A doctor must describe "
                  "in detail the ongoing treatment.", "Ongoing care")]
    # Round 7 (safety): whom a treatment is kept for ("should only be employed with a clear
    # nerve injury") is no step every reader six months into treatment takes.
    rows = [r.split("|")[1:4] for r in timeline(main, None, later).split("\n")[2:]]
    assert [(w.strip(), n.strip()) for w, _, n in rows] == [
        ("As soon as the problem is found", "1"), ("Before surgery", "2"),
        ("At least every year", "3"), ("When you have reached maximum medical improvement", "22")]
    assert rows[3][1].strip() == "A doctor must describe in detail the ongoing treatment"


def test_only_roles_name_groups_of_readers_not_states() -> None:
    """"If you are at high acute risk" and "If you are at acute risk for suicide" are states
    of one reader, not two readers: they keep their own headings, and "risk" named in other
    advice never pulls it under one of them."""
    items = long_guideline([
        advice(1, "If you are at HIGH ACUTE RISK:\n- You should be followed closely.",
               strength=STRONG),
        advice(2, "If you are at acute risk for suicide:\n- You should get checked in an "
                  "urgent care setting.", strength=STRONG),
        advice(3, "Available data on the risk should be shared with you.", strength=STRONG)])
    found = plan(items)
    assert found is not None and not found.who
    assert "If you are at HIGH ACUTE RISK" in dict(found.groups)


def test_the_care_team_doing_something_to_you_ranks_as_your_own_advice() -> None:
    """"Your care team should teach you about X" is the reader's advice said actively: it
    ranks with "You should be taught about X", above vague statements."""
    passive = advice(1, "You should be educated to the detrimental effects of immobility.")
    turned = advice(2, "Your care team should teach you about the detrimental effects of "
                       "immobility.")
    smoke = advice(3, "You should be strongly encouraged to stop smoking.")
    smoke_turned = advice(4, "Your care team should strongly encourage you to stop smoking.")
    duty = advice(5, "You should be released or returned to modified or restricted duty.")
    duty_turned = advice(6, "Your care team should release or return you to modified or "
                            "restricted duty.")
    vague = advice(7, "No treatment plan is complete without addressing the issue of "
                      "return to work.")
    for before, after in ((passive, turned), (smoke, smoke_turned), (duty, duty_turned)):
        assert relevance(after) >= relevance(before)
        assert relevance(after) > relevance(vague)


def test_do_not_use_a_medicine_ranks_as_a_medicine_to_avoid() -> None:
    """"Do not use calcitonin." is the same verdict as "Calcitonin is not advised.": it stays
    among the medicines the reader is warned of first."""
    from domain.page_plan import medicine_to_avoid

    before = advice(1, "Calcitonin is not advised.", NOT, topic="Medicines")
    after = advice(2, "Do not use calcitonin.", NOT, topic="Medicines")
    led = advice(3, "Ketamine: Due to the possible harm, do not use ketamine since less "
                    "harmful treatments are available.", NOT, topic="Medicines")
    assert medicine_to_avoid(after) and medicine_to_avoid(led)
    assert relevance(after) == relevance(before)
    assert situation(after)[0] == AGAINST


def test_the_transplant_team_testing_donors_ranks_as_advice_about_a_donor() -> None:
    """CDC-PHS: said with its doer, a donor's test must not climb over the recipient's own
    tests (it did, and the "At 12 months" row left the front page)."""
    passive = advice(1, "All would-be organ donors (living or deceased) should be tested for "
                        "both anti-HCV and for hepatitis C RNA by nucleic acid test.",
                     strength=STRONG)
    turned = advice(2, "The transplant team should test all would-be organ donors (living or "
                       "deceased) for both anti-HCV and for hepatitis C RNA by nucleic acid "
                       "test.", strength=STRONG)
    assert relevance(turned) <= relevance(passive)


def test_how_clinicians_plan_record_and_judge_care_is_no_advice_to_the_reader() -> None:
    """Colorado CRPS: the basis of a treatment plan, the findings that make surgery fit and
    the drugs a block was tried with are for clinicians; a record of the reader's own choice,
    anything said to "you" and care the reader may get are not."""
    from domain.page_plan import clinician_process

    assert clinician_process("No treatment plan is complete without addressing teaching.")
    assert clinician_process("Your care team should record permanent images to check placement.")
    assert not clinician_process("Your care team should record informed choice making for all "
                                 "invasive procedures.")
    assert not clinician_process("Your care team should provide and document teaching to you.")
    assert not clinician_process("Repeat shot for treatment should be based on changes in daily "
                                 "tasks.")
    assert not clinician_process("Epidural infusions are not advised.")
    # which imaging guides the needle is the clinician's technique (a ✖ beside it read as
    # advice against the block)
    assert clinician_process("Not all peripheral nerve blocks need fluoroscopy.")
    assert not clinician_process("Not all people need surgery.")
    found = plan(long_guideline([advice(1, "No treatment plan is complete without "
                                           "addressing teaching.")]))
    assert found is not None and found.care_team == [101]


def test_advice_on_care_the_reader_could_receive_stays_on_their_page() -> None:
    """Colorado CRPS: advice against IV blocks with named drugs and the conditions for surgery
    (a confirmed diagnosis, findings that match, risk weighed against benefit) were moved under
    a heading saying none of its items is care the reader goes through."""
    from domain.page_plan import clinician_process

    assert not clinician_process("IV blocks with guanethidine, ketanserin, phentolamine, "
                                 "reserpine, droperidol and atropine are also not advised due to "
                                 "lack of effect.")
    assert not clinician_process("All operative treatment should be based on a positive "
                                 "correlation with:\n- clinical findings\n- tests")
    assert not clinician_process("Surgery is needed when the natural history of surgically "
                                 "treated sores is better than the natural history for others.")
    assert not clinician_process("When thinking about operative treatment:\n- Your care team "
                                 "must carefully think about the inherent risk and benefit of "
                                 "the procedure.")
    assert not clinician_process("A full check of these factors should have led to a specific "
                                 "diagnosis of confirmed complex regional pain syndrome with "
                                 "positive identification of the pathologic condition.")
    # pure process still moves: what a plan is based on, how a needle is guided
    assert clinician_process("No treatment plan is complete without addressing teaching.")
    assert clinician_process("Not all peripheral nerve blocks need fluoroscopy.")
    found = plan(long_guideline([advice(1, "IV blocks with guanethidine, ketanserin, "
                                           "phentolamine, reserpine, droperidol and atropine "
                                           "are also not advised.", NOT)]))
    assert found is not None and 101 not in found.care_team


def test_what_the_reader_avoids_doing_ranks_with_what_they_do() -> None:
    """Colorado low back and lower extremity: once the worker's own actions were said to
    "you", "You should avoid complete work stopping" fell off the front page behind them;
    avoiding is the reader's own step as much as doing."""
    from domain.page_plan import relevance

    avoid = advice(1, "You should avoid complete work stopping, if possible.", NOT)
    told = advice(2, "Complete work stopping should be avoided, if possible.", NOT)
    assert relevance(avoid) > relevance(told)
    assert relevance(avoid) >= relevance(advice(3, "You should raise your activity as your core "
                                                   "strength improves."))


def test_a_timeline_says_one_time_one_way_and_the_hospital_stay_after_it() -> None:
    """CDC-PHS round 10: "Before surgery", "Before the transplant" and "Before transplant"
    in one table could not be told apart, and "During hospital admission for the organ
    transplant but before the transplant surgery" filled the cell. One time of care is
    labelled one way (as most of its rows say it), the hospital stay shortly, after it."""
    counsel = ("If you are a living would-be donor with risky behaviors:\n- You should get "
               "personal counseling before surgery.")
    antibodies = ("If you are a living would-be donor:\n- You should get tested for antibodies "
                  "to HIV before the transplant.")
    told = ("If you are a transplant candidate:\n- Your care team should tell you before "
            "transplant that the donor is at higher risk.")
    consent = ("If you are a transplant candidate:\n- Your care team should have a talk with "
               "you before transplant about the risks.")
    tested = ("If you are a transplant candidate:\n- You should get tested for hepatitis C "
              "during hospital admission for the organ transplant but before the transplant "
              "surgery.")
    who = {1: "Living would-be donor", 2: "Living would-be donor", 3: "Transplant candidate",
           4: "Transplant candidate", 5: "Transplant candidate"}
    table = timeline([(3, tested, "Tests"), (1, counsel, "Counseling"), (2, antibodies, "Tests"),
                      (4, told, "Being told"), (5, consent, "Consent")], who)
    whens = [(r.split("|")[1].strip(), r.rsplit("|", 2)[1].strip())
             for r in table.split("\n")[2:]]
    assert whens == [("Before the transplant", "1"), ("Before the transplant", "2"),
                     ("Before the transplant", "4"), ("Before the transplant", "5"),
                     ("In the hospital before the transplant", "3")]


def test_a_timeline_cell_says_the_action_not_who_else_may_hear_it_or_the_chance_to() -> None:
    """CDC-PHS round 10: "Have opportunities to discuss with clinicians issues related to
    the risk of …" and "… with you (or your medical choice maker)" made long cells. A cell
    says the action; the advice it points to keeps the rest."""
    talk = ("If you are a transplant candidate:\n- You should have opportunities to discuss "
            "with clinicians issues related to the risk of HIV spread with organ acceptance "
            "while you are on the transplant wait list.")
    consent = ("If you are a transplant candidate:\n- Before you are placed on the transplant "
               "wait list, your care team should start an informed consent talk with you (or "
               "your medical choice maker).")
    tested = ("If you are a transplant candidate:\n- You should get tested for hepatitis C "
              "at the time of the organ offer.")
    table = timeline([(1, consent, "Consent"), (2, talk, "Talking"), (3, tested, "Tests")])
    cells = [r.split("|")[2].strip() for r in table.split("\n")[2:]]
    assert cells[:2] == ["Your care team should start an informed consent talk with you",
                         "Talk with clinicians about the risk of HIV spread with organ "
                         "acceptance"]
