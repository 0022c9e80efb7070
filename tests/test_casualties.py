from frontlines.annotate.numbers import find_numbers
from frontlines.extract.casualties import find_figures, tally


def counts(text, category):
    result = tally(find_figures(text, 0, len(text), find_numbers(text)), category)
    return (
        None if result is None else (result.best, result.low, result.high, result.civilians, result.by_actor)
    )


def test_killed_and_wounded_kept_apart():
    text = "A bomber struck a mosque, killing 27 worshippers and wounding at least 40 others."
    assert counts(text, "killed")[:3] == (27, 27, 27)
    assert counts(text, "injured")[:3] == (40, 40, None)


def test_breakdown_after_including_is_not_added():
    text = "In all, 120 people have been killed since the 3rd, including 70 fighters, 30 soldiers and 20 civilians."
    best, _, _, civilians, by_actor = counts(text, "killed")
    assert best == 120
    assert civilians == 20
    assert by_actor == {"fighters": 70, "soldiers": 30}


def test_list_before_the_casualty_word_adds_up():
    text = "The clashes left four police officers, six attackers and one civilian dead."
    best, _, _, civilians, _ = counts(text, "killed")
    assert best == 11
    assert civilians == 1


def test_singular_victim_counts_one():
    assert counts("A man was shot dead outside a bar on Friday.", "killed")[0] == 1
    assert counts("A 19-year-old woman was shot in the arm.", "injured")[0] == 1
    assert counts("A 19-year-old woman was shot in the arm.", "killed") is None


def test_one_fatally_splits_killed_and_wounded():
    text = "Three men were shot, one fatally, on Sunday."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 2


def test_dozens_is_twelve():
    assert counts("Dozens of people were killed when the bomb went off.", "killed")[:2] == (12, 12)


def test_abductions_are_not_deaths():
    text = "Gunmen abducted more than 80 passengers from a bus."
    assert counts(text, "abducted")[:3] == (80, 80, None)
    assert counts(text, "killed") is None


def test_no_number_no_count():
    assert counts("Fighting continued in the hills overnight.", "killed") is None
