from frontlines.annotate.numbers import NumberStage, find_numbers, word_value
from frontlines.model import Document


def values(text):
    return [(n.text, n.value, n.low, n.high, n.kind) for n in find_numbers(text)]


def test_numbers_qualifiers_set_the_range():
    assert values("at least 16 were killed") == [("at least 16", 16, 16, None, "count")]
    assert values("up to 30 were hurt") == [("up to 30", 30, None, 30, "count")]
    assert values("between 10 and 15 people") == [("between 10 and 15", 10, 10, 15, "count")]
    assert values("nearly 200 fled")[0][1:4] == (200, None, None)


def test_numbers_vague_quantities_follow_acled():
    assert values("Dozens of people")[0][1:3] == (12, 12)
    assert values("tens of soldiers")[0][1] == 10
    assert values("hundreds of protesters")[0][1] == 100
    assert values("a dozen homes")[0][1:4] == (12, 12, 12)


def test_numbers_words_and_digits():
    assert word_value("two hundred and five") == 205
    assert word_value("twenty-three") == 23
    assert values("1,200 displaced")[0][1] == 1200


def test_numbers_years_ages_times_ordinals_are_not_counts():
    kinds = {
        n.text: n.kind
        for n in find_numbers("In 2016, a 22-year-old was hurt at 3 p.m. on the 27th; the second city")
    }
    assert kinds["2016"] == "year"
    assert kinds["22-year-old"] == "age"
    assert kinds["3"] == "time"
    assert kinds["27th"] == "ordinal"
    assert kinds["second"] == "ordinal"


def test_numbers_phone_numbers_are_codes_not_counts():
    assert all(n.kind != "count" for n in find_numbers("[Phone] 02-398-8585"))


def test_number_stage_spans_match_text():
    document = Document(id="n", text="Five soldiers and eight militants died.")
    document.sentences = [(0, len(document.text))]
    NumberStage()(document)
    assert [n.text for n in document.numbers] == ["Five", "eight"]
    assert all(document.text[n.start : n.end] == n.text for n in document.numbers)


def test_number_between_commas_after_a_person_is_an_age():
    assert values("Girl, 7, dies after being shot")[0][4] == "age"
    assert values("Maria Lopez, 31, was shot in the arm.")[0][4] == "age"
    assert values("In Dayton, 5 people were shot.")[0][4] == "count"
    assert values("Police said on Monday, 12, were hurt.")[0][4] == "count"


def test_numbers_after_ages_are_ages():
    assert values("Four men, ages 31 and 34, were taken to hospitals")[1][4] == "age"


def test_gallery_numbers_are_not_counts():
    assert [v[4] for v in values("Image 10 of 10 Girl, 4, died")] == ["code", "code", "age"]
    assert values("One of 5 shot in bar dies")[1][4] == "count"


def test_an_age_in_months_or_weeks_written_with_a_space_is_an_age():
    kinds = {n.text: n.kind for n in find_numbers("A 13-month old boy and a 6-week old baby were hurt.")}
    assert kinds["13"] == "age"
    assert kinds["6"] == "age"
    kinds = {n.text: n.kind for n in find_numbers("He spent 13 months in jail; 2 weeks later he was shot.")}
    assert kinds["13"] == "duration" and kinds["2"] == "duration"


def test_a_number_after_a_full_stop_with_no_space_is_found():
    # Scraped pages drop the space after a full stop; decimals keep theirs.
    assert [(n.text, n.value) for n in find_numbers("It was found in Menifee.Five people were shot.")] == [
        ("Five", 5)
    ]
    assert [n.value for n in find_numbers("He had 3.5 grams and a .5 caliber round.")] == [3.5]
