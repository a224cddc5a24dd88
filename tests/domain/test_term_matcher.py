"""The phrase matcher's contract, which its faster lookup must keep: whole words, longest
phrase first, no overlaps, words joined by exactly one space (or a slash where the phrase has
one), case-insensitive, positions in the original text."""

from domain.terms import TermMatcher

MATCHER = TermMatcher(["blood pressure", "high blood pressure", "anti-HIV 1/2", "HIV", "pressure"])


def test_longest_phrase_first_and_no_overlap() -> None:
    text = "Check High Blood Pressure and blood pressure."
    assert MATCHER.find(text) == [(6, 25, "high blood pressure"), (30, 44, "blood pressure")]


def test_words_must_follow_by_one_space_or_slash() -> None:
    # Two spaces or a line break end the phrase: only the last word is a term on its own.
    assert MATCHER.find("blood  pressure") == [(7, 15, "pressure")]
    assert MATCHER.find("blood\npressure") == [(6, 14, "pressure")]
    assert MATCHER.find("an anti-HIV 1/2 test") == [(3, 15, "anti-hiv 1/2")]


def test_whole_words_only_and_positions_past_other_letters() -> None:
    # "HIVs" is not "HIV"; the curly apostrophe and the accent before do not shift spans.
    text = "Café’s HIVs test, then HIV."
    assert MATCHER.find(text) == [(23, 26, "hiv")]
    marked = MATCHER.sub(text, lambda seen, term: seen.upper() + "!")
    assert marked == "Café’s HIVs test, then HIV!."


def test_nothing_to_find() -> None:
    assert MATCHER.find("") == []
    assert MATCHER.find("— …") == []
    assert MATCHER.find("walk every day") == []
