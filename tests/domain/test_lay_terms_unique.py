"""A term is either kept and explained or swapped as a whole phrase, never both: with both,
the keep silently wins and the plain phrase never reaches the reader."""

from domain import lay_terms


def test_no_term_is_both_kept_and_swapped() -> None:
    both = sorted(set(lay_terms.KEEP) & set(lay_terms.PHRASES))
    assert both == []


def test_an_illness_is_not_explained_as_the_germ_that_causes_it() -> None:
    """"Tuberculosis is a germ …" under a page on screening for it: the illness is an
    infection, the germ its cause."""
    meaning = lay_terms.KEEP["tuberculosis"].meaning
    assert meaning.startswith("an infection")


def test_sickle_cell_anemia_is_told_apart_from_its_one_genotype() -> None:
    """Explained as "the most common type", like hemoglobin SS, a parent of a child with
    another type could not tell whether advice "for sickle cell anemia" (the yearly stroke
    scan) is for their child: the meaning says who can tell them."""
    anemia = lay_terms.KEEP["sickle cell anemia"].meaning
    assert anemia != lay_terms.KEEP["hemoglobin ss"].meaning
    assert "your care team can tell you" in anemia.lower()
