"""A title of advice against keeps the group the advice is limited to: "Not advised:
buprenorphine" alone reads as "stop it" to someone who takes it for another reason."""
from domain.layout import against_group_title


def test_not_advised_title_keeps_the_group_it_is_for() -> None:
    text = ("Buprenorphine (various formulations) is not advised for most people with "
            "long-term pain. The reasons are:\n- methods of giving")
    assert against_group_title("Not advised: buprenorphine", text) == (
        "Not advised: buprenorphine for most people with long-term pain")


def test_not_advised_title_keeps_the_condition_it_is_for() -> None:
    assert against_group_title(
        "Not advised: fentanyl",
        "Fentanyl is not advised for use with people with muscle and bone long-term pain.") == (
        "Not advised: fentanyl for people with muscle and bone long-term pain")
    assert against_group_title("Not advised: meperidine",
                               "Experts advise against meperidine for long-term pain.") == (
        "Not advised: meperidine for long-term pain")
    assert against_group_title(
        "Not advised: steroid shots",
        "So, steroid shots are not advised for any disease of the Achilles tendon.") == (
        "Not advised: steroid shots for any disease of the Achilles tendon")


def test_not_advised_title_without_a_group_or_already_told_apart_is_unchanged() -> None:
    assert against_group_title("Not advised: calcitonin", "Experts advise against calcitonin."
                               ) == "Not advised: calcitonin"
    told = "Not advised: long-term opioid therapy (if you are less than 30 years of age)"
    assert against_group_title(told, "Experts advise against long-term opioid therapy for "
                                     "pain.") == told
