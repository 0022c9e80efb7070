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


def test_headline_in_title_case_reads_its_counts():
    text = "2 Dead, 5 Hurt After Shooting At Neighborhood Cookout"
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 5


def test_headline_subject_without_article_is_a_victim():
    assert counts("Teen shot on Elm Street dies, three others wounded", "killed")[0] == 1
    assert counts("Teen shot on Elm Street dies, three others wounded", "injured")[0] == 3
    assert counts("Boy, 6, Dies After Being Shot In Parking Lot", "killed")[0] == 1


def test_singular_victim_with_perfect_tense_or_possessive():
    assert counts("Deputies say a 9-year-old boy has died after he was shot at home.", "killed")[0] == 1
    assert counts("A man was charged on Monday in the shooting death of his nephew.", "killed")[0] == 1


def test_another_alone_is_one_more_victim():
    text = "Two men opened fire on the porch, wounding three men and killing another."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 3


def test_named_victim_dying_adds_a_death_to_those_shot():
    text = "Nine people were shot at the party, with Maria Lopez dying from her wounds."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 9  # people shot; the dead are taken out at the event level


def test_an_active_shooter_is_not_counted_as_shot():
    assert counts("A gunman shot three people outside the store.", "injured")[0] == 3
    assert counts("A gunman killed three people outside the store.", "killed")[0] == 3


def test_one_of_those_shot_has_died():
    text = "Police say one of six people shot outside the club early Sunday has died."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 6  # people shot; the event takes the dead out


def test_figures_with_their_own_verbs_are_not_one_list():
    text = "3 shot on Pine Street, 2 die"
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 3


def test_one_fatally_leaves_the_rest_wounded_not_shot():
    figures = find_figures(
        "Four men were shot, one fatally.", 0, 32, find_numbers("Four men were shot, one fatally.")
    )
    assert [(f.category, f.best) for f in figures] == [("injured", 3), ("killed", 1)]


def test_the_shooter_who_kills_himself_is_among_the_dead():
    assert counts("He killed his wife and two sons and then himself.", "killed")[0] == 4
    assert counts("The man fatally shot his neighbour before fatally shooting himself.", "killed")[0] == 2
    assert counts("He killed two people and then turned himself in.", "killed")[0] == 2


def test_the_shooter_of_shot_and_killed_is_no_victim():
    assert counts("A man shot and killed his 4-year-old son on Sunday.", "killed")[0] == 1
    assert counts("Teenager shot and killed in a parking lot", "killed")[0] == 1


def test_ordinal_victim_who_dies_gives_the_toll():
    assert counts("Third person dies after shooting at house party", "killed")[0] == 3
    assert counts("A second man died at the hospital.", "killed")[0] == 1


def test_of_whom_splits_the_dead_from_those_shot():
    text = "Seven people were shot, three of whom have died."
    assert counts(text, "killed")[0] == 3
    assert counts(text, "injured")[0] == 7  # people shot; the event takes the dead out
    assert counts("Police: 5 People Shot On East Side; 2 Fatalities", "killed")[0] == 2


_ATTACK = {
    "event_type": "Violence against civilians",
    "sub_event_type": "Attack",
    "disorder_type": "Political violence",
}


def _story(text):
    from frontlines.model import Document

    sentences, start = [], 0
    for part in text.split(". "):
        sentences.append((start, start + len(part)))
        start += len(part) + 2
    return Document(id="t", text=text, sentences=sentences, numbers=find_numbers(text))


def test_lead_number_gives_the_wounded_total_over_a_later_victim():
    from frontlines.extract.events import _lead_toll
    from frontlines.model import Count, EventMention

    text = "Four people were wounded in a shooting on Main Street. A 20-year-old man was shot in the leg"
    document = _story(text)
    later = text.index("A 20-year-old man")
    mention = EventMention(
        **_ATTACK, injured=Count(start=later, end=later + 17, text=text[later : later + 17], best=1)
    )
    _lead_toll(document, mention)
    assert mention.injured.best == 4
    assert text[mention.injured.start : mention.injured.end] == mention.injured.text == "Four"


def test_a_death_toll_given_as_a_number_is_not_replaced_by_an_earlier_one():
    from frontlines.extract.events import _lead_toll
    from frontlines.model import Count, EventMention

    text = "Two people were killed in a shooting on Main Street. The toll rose to three on Monday"
    document = _story(text)
    later = text.index("three")
    mention = EventMention(**_ATTACK, fatalities=Count(start=later, end=later + 5, text="three", best=3))
    _lead_toll(document, mention)
    assert mention.fatalities.best == 3


def test_a_pronoun_that_dies_is_one_more_dead_unless_it_is_the_victim_named_before():
    text = "The gunman opened fire, killing two guards and wounding three people before he was fatally shot by police."
    assert counts(text, "killed")[0] == 3
    assert counts(text, "injured")[0] == 3
    assert counts("He died Thursday night at the hospital.", "killed")[0] == 1
    assert counts("The 17-year-old was taken to a hospital, where he died of his wounds.", "killed")[0] == 1


def test_victims_joined_by_and_each_count():
    assert counts("A man and his son were shot outside the store.", "injured")[0] == 2
    assert counts("A woman and two other men were also shot on the porch.", "injured")[0] == 3


def test_hit_by_a_bullet_or_taken_to_hospital_is_a_casualty_word():
    assert counts("A 3-year-old was also hit with a stray bullet.", "injured")[0] == 1
    assert counts("Two men were transported to a local hospital for treatment.", "injured")[0] == 2


def test_a_figure_with_its_own_verb_ends_a_breakdown_list():
    text = "In total, two people were killed, including the suspect, and six others were injured."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 6


def test_lead_toll_stops_at_the_first_number_even_when_it_agrees():
    from frontlines.extract.events import _lead_toll
    from frontlines.model import Count, EventMention

    text = "Six people were wounded in the shooting. One was hit in the leg. In all, six people were hurt"
    document = _story(text)
    later = text.rindex("six")
    mention = EventMention(**_ATTACK, injured=Count(start=later, end=later + 3, text="six", best=6))
    _lead_toll(document, mention)
    assert mention.injured.best == 6


def test_a_headline_repeated_in_the_lead_is_counted_once():
    text = (
        "5 adults injured in shooting on Elm Street News Five people were injured in a shooting early Sunday."
    )
    assert counts(text, "injured")[0] == 5


def test_an_age_alone_heads_a_headline_list():
    assert counts("4-year-old and three adults shot in Riverside", "injured")[0] == 4


def _mention(document, sentence_index, confidence, **fields):
    from frontlines.model import EventMention

    kind = fields.pop("kind", _ATTACK)
    start, end = document.sentences[sentence_index]
    mention = EventMention(**kind, confidence=confidence, **fields)
    mention.evidence = [document.span(start, end)]
    return mention


def test_story_toll_is_read_from_another_violent_mention_of_the_same_place():
    from frontlines.extract.events import _casualties, _complete_from_story

    text = "Police found a man dead from a gunshot wound. A woman and two other men were also shot"
    document = _story(text)
    injured = _casualties(document, document.sentences[1])[0]["injured"]
    main = _mention(document, 1, 0.6, injured=injured)
    clash = _mention(
        document,
        0,
        0.4,
        kind={
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "disorder_type": "Political violence",
        },
    )
    _complete_from_story(document, [clash, main])
    assert main.fatalities.best == 1
    assert text[main.fatalities.start : main.fatalities.end] == main.fatalities.text


def test_violence_with_victims_outranks_the_arrest_a_follow_up_leads_with():
    from frontlines.extract.events import _casualties, _complete_from_story

    text = "A man was arrested on Monday. Two people were shot outside the bar"
    document = _story(text)
    injured = _casualties(document, document.sentences[1])[0]["injured"]
    arrest = _mention(
        document,
        0,
        0.7,
        kind={
            "event_type": "Strategic developments",
            "sub_event_type": "Arrests",
            "disorder_type": "Strategic developments",
        },
    )
    main = _mention(document, 1, 0.5, injured=injured)
    _complete_from_story(document, [arrest, main])
    assert main.confidence > arrest.confidence


def test_part_of_a_group_that_died_is_the_dead():
    text = "Police said that two of the four shooting victims had died."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 4  # people shot; the event takes the dead out
    assert counts("Kwame Ali, 42, was one of five people shot in the park.", "injured")[0] == 5


def test_another_four_hitting_and_appositive_shot_are_counted():
    assert counts("The gunfire injured another four teenagers.", "injured")[0] == 4
    assert counts("He fired at the crowd, hitting 14 other people.", "injured")[0] == 14
    assert counts("Artillery fire hit the depot, striking three targets.", "injured") is None
    assert counts("A fourth person, shot in the arm, was able to flee.", "injured")[0] == 1


def test_double_murder_restates_the_victims_named():
    assert counts("Two young girls shot, killed by father in double murder", "killed")[0] == 2
    assert counts("Police investigate a double homicide on Elm Street", "killed")[0] == 2


def test_a_headline_repeated_without_nouns_is_counted_once():
    text = (
        "One killed, four injured in shooting Arizona News One killed, four injured in shooting Police said"
    )
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 4


def test_a_suicide_after_the_killing_is_one_more_dead_but_not_a_threat_of_one():
    assert counts("Two boys killed, father commits suicide after standoff", "killed")[0] == 3
    assert counts("He had threatened to commit suicide.", "killed") is None


def test_a_vague_toll_gives_way_to_the_first_number_even_a_later_one():
    from frontlines.extract.events import _casualties, _lead_toll

    text = "The man shot several people at a wedding. Five people were shot in the hall"
    document = _story(text)
    mention = _mention_with(document, "injured", 0)
    _lead_toll(document, mention)
    assert mention.injured.best == 5
    assert _casualties(document, document.sentences[0])[0]["injured"].text == "several"


def _mention_with(document, field_name, sentence_index):
    from frontlines.extract.events import _casualties
    from frontlines.model import EventMention

    category = "killed" if field_name == "fatalities" else "injured"
    count = _casualties(document, document.sentences[sentence_index])[0][category]
    return EventMention(**_ATTACK, **{field_name: count})


def test_an_age_written_with_spaces_names_a_victim_in_a_list():
    assert counts("A ten year old boy and two adults wounded after a shooting", "injured")[0] == 3


def test_the_victim_of_a_shooting_death_or_killing_is_counted():
    assert counts("A man was charged in the shooting death of 16-year-old Jon Reed.", "killed")[0] == 1
    assert counts("He was charged in the fatal shooting of his 3-year-old stepson.", "killed")[0] == 1
    assert counts("Police investigate the killing of 9-year-old Ty Lee.", "killed")[0] == 1
    assert counts("He was arrested in the shooting of a 20-year-old man.", "injured")[0] == 1


def test_claimed_the_life_of_one_victim():
    assert (
        counts("A drive-by shooting that claimed the life of a baby girl is under investigation.", "killed")[
            0
        ]
        == 1
    )


def test_a_bare_noun_after_death_of_is_a_victim():
    assert counts("Police Investigate Shooting Death Of Teen", "killed")[0] == 1
    assert counts("Man charged in death of boy, 3", "killed")[0] == 1


def test_a_victim_who_passed_away_or_whom_a_pronoun_says_died_is_dead_not_wounded():
    text = "The boy was rushed to a hospital where he passed away on Sunday."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured") is None
    text = "A 2-year-old girl was taken to a hospital, but the coroner says she died from her wounds."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured") is None
    assert counts("A woman was shot in the leg but she is expected to survive.", "injured")[0] == 1


def test_an_abbreviation_does_not_end_the_words_that_govern_a_victim():
    text = "The baby shot in Glen Park on Dec. 25 has died at the hospital."
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured") is None


def test_a_roundup_of_several_shootings_is_no_single_event_toll():
    from frontlines.extract.events import _lead_toll
    from frontlines.model import Count, EventMention

    text = (
        "Six people were wounded in two separate shootings on Friday. In the first, three men were shot on Elm "
        "Street. A woman was hit in the arm"
    )
    document = _story(text)
    later = text.index("A woman")
    mention = EventMention(**_ATTACK, injured=Count(start=later, end=later + 7, text="A woman", best=1))
    _lead_toll(document, mention)
    assert mention.injured.best == 3
    assert text[mention.injured.start : mention.injured.end] == "three"


def test_a_bare_singular_heading_a_list_is_one_more_victim():
    assert counts("Shooting Left Father, 2 Children Dead In Rural Home", "killed")[0] == 3
    assert counts("Police say he and his 2 kids were found dead in a car.", "killed")[0] == 3
    assert counts("Baby, 4 people injured in drive-by shooting on east side", "injured")[0] == 5
    # the pronoun is the victim named before it, not one more
    text = "A 12-year-old was in critical condition after he and three others were shot."
    assert counts(text, "injured")[0] == 4
    assert counts("A man and two women were shot.", "injured")[0] == 3


def test_victims_in_the_hospital_and_a_list_with_a_bare_age():
    assert counts("A 5-month-old baby and three other people are in the hospital.", "injured")[0] == 4
    assert (
        counts("A 3-year-old girl and 23-year-old woman wounded by gunfire were released.", "injured")[0] == 2
    )


def test_victims_named_between_commas_are_the_number_not_more():
    text = "Three victims, a 25-year-old man, a 30-year-old man, and a 41-year-old man, were all taken to a hospital."
    assert counts(text, "injured")[0] == 3
    assert counts("Two people, a man and a woman, were shot dead on Sunday.", "killed")[0] == 2


def test_a_new_subject_keeps_its_own_casualty_word():
    text = "Nine Injured In Strip Mall Shooting, Suspect Dead"
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 9
    assert counts("Three people were shot and killed.", "killed")[0] == 3


def test_a_city_toll_over_a_violent_night_is_no_single_event_toll():
    from frontlines.extract.events import _several_incidents

    for text in (
        "Shooting sets off violent night in the city, leaving two dead and six wounded",
        "Four people were killed in shootings across the city on Tuesday",
        "18 people shot in 48-hour span",
    ):
        assert _several_incidents(_story(text), (0, len(text)))
    text = "Two people were killed in a shooting at a bar on Tuesday"
    assert not _several_incidents(_story(text), (0, len(text)))


def test_gunning_down_governs_the_figure_after_it():
    assert counts("Men arrested for gunning down 3 teens at a party", "killed")[0] == 3


def test_a_death_in_a_breakdown_or_an_either_toll_does_not_make_the_figure_dead():
    text = "Three people were injured, including a 17-year-old who succumbed to her injuries."
    assert counts(text, "killed") is None
    assert counts(text, "injured")[0] == 3
    assert counts("Eight have been hurt or killed by gunfire this year.", "killed") is None
    assert counts("Two were killed or injured in the blast.", "killed") is None


def test_deaths_in_shootings_without_an_article_are_a_roundup():
    from frontlines.extract.events import _several_incidents

    text = "Three children have been killed in shootings this summer"
    assert _several_incidents(_story(text), (0, len(text)))


def test_an_age_after_say_is_a_victim_and_grazed_is_a_wound():
    assert counts("Parents say 3-year-old grazed by stray bullet on Elm Street", "injured")[0] == 1
    assert counts("Police said 4-year-old shot in the leg is recovering", "injured")[0] == 1


def test_an_adverb_between_a_number_and_its_casualty_word():
    assert counts("3 now dead in Elm Street shooting, including gunman", "killed")[0] == 3
    assert counts("Police say 2 all died at the scene", "killed")[0] == 2


def test_a_relative_clause_verb_counts_the_figure_after_it_not_the_crowd_before():
    text = "A wedding party of 300 guests ended in gunfire that killed two and wounded five."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 5
    # Its own figure before it still counts when the clause has no object: "the 12 that were killed".
    assert counts("Relatives buried the 12 people who were killed on Friday.", "killed")[0] == 12


def test_fighting_for_life_is_a_wound():
    text = "Two men are dead and another is fighting for his life after a shooting at a party."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 1
    assert counts("A woman was fighting for her life on Sunday night.", "injured")[0] == 1


def test_an_infant_age_in_months_and_an_agent_are_singular_victims():
    assert counts("A 13-month old girl injured in shooting at a party", "injured")[0] == 1
    assert counts("He is charged in a shooting that injured a federal agent on Monday.", "injured")[0] == 1


def test_serious_but_stable_is_a_wound_not_a_clause_break():
    assert counts("A police officer is in serious but stable condition after a shooting.", "injured")[0] == 1


def test_a_victim_after_if_or_whether_is_not_counted():
    text = "He was unresponsive, and police could not say if the man had died."
    assert counts(text, "killed") is None
    assert counts("It was unclear whether two people were wounded.", "injured") is None


def test_others_shot_after_the_dead_are_all_wounded():
    text = "One killed, six others shot at a birthday party"
    figures = find_figures(text, 0, len(text), find_numbers(text))
    injured = tally(figures, "injured")
    assert injured.best == 6
    assert not injured.shot_only  # none of the six died: nothing is taken out for the dead


def test_a_double_shooting_still_counts_everyone_shot():
    text = "Three dead in a quadruple shooting on Elm Street"
    injured = tally(find_figures(text, 0, len(text), find_numbers(text)), "injured")
    assert injured.best == 4
    assert injured.shot_only  # the dead are among the four


def test_a_victim_told_apart_from_the_one_who_died_is_wounded():
    text = "Ann Doe, who died Friday after she and her mother were shot, was seven."
    assert counts(text, "killed")[0] == 1
    injured = tally(find_figures(text, 0, len(text), find_numbers(text)), "injured")
    assert injured.best == 1
    assert not injured.shot_only


def test_treated_at_a_hospital_is_wounded():
    assert counts("Three other people were treated at a hospital and released.", "injured")[0] == 3


def test_a_victim_who_suffered_or_remains_in_condition_is_wounded():
    assert counts("An officer suffered a gunshot wound to the arm.", "injured")[0] == 1
    assert counts("The deputy — whose name was not released — sustained minor injuries.", "injured")[0] == 1
    assert counts("Another man remained in critical condition.", "injured")[0] == 1
    assert counts("The man suffered fatal injuries.", "injured") is None


def test_one_victim_of_a_quadruple_shooting_does_not_replace_the_four():
    assert counts("A girl, 3, was hurt in the quadruple shooting.", "injured")[0] == 4
    assert counts("Two young girls shot, killed by their father in a double murder", "killed")[0] == 2


def test_named_victims_with_ages_add_up():
    text = "Police said Jon K. Doe, 19, Al Roe, 21, and Cy Poe, 17, were also wounded."
    assert counts(text, "injured")[0] == 3


def test_the_shooting_as_a_noun_does_not_make_a_victim():
    assert counts("After the shooting the suspect fled south.", "injured") is None


def test_the_words_after_an_including_aside_govern_the_whole():
    text = "Police say three people, including a child, were shot in Elmwood on Tuesday."
    assert counts(text, "injured")[0] == 3
    assert counts("Five others, including a 4-year-old, injured in shooting at cookout", "injured")[0] == 5
    # The aside ends in another incident's toll: its words are not the first figure's.
    text = (
        "a shooting that sent five people, including two teens to the hospital, and one that left a man dead"
    )
    assert counts(text, "killed")[0] == 1


def test_one_of_the_victims_killed_was_among_the_wounded():
    text = "One of the victims was killed."
    figures = find_figures(text, 0, len(text), find_numbers(text))
    assert tally(figures, "killed").among_wounded
    text = "A man injured in a shooting on Elm Street last week has died."
    assert tally(find_figures(text, 0, len(text), find_numbers(text)), "killed").among_wounded
    text = "A man was killed in a shooting on Elm Street."
    assert not tally(find_figures(text, 0, len(text), find_numbers(text)), "killed").among_wounded
    text = "Four others were wounded."
    assert tally(find_figures(text, 0, len(text), find_numbers(text)), "injured").others


def test_a_fourth_victim_alone_tells_the_number_of_victims():
    text = "A fourth victim was grazed by a bullet."
    injured = tally(find_figures(text, 0, len(text), find_numbers(text)), "injured")
    assert injured.best == 4
    assert injured.shot_only  # any dead are among the four
    assert counts("Three men were shot, and a fourth victim was grazed by a bullet.", "injured")[0] == 4


def test_an_age_after_a_conjunction_names_a_victim():
    assert counts("New charges filed after 16-year-old dies from shooting injuries", "killed")[0] == 1


def test_an_unborn_child_is_not_counted():
    assert counts("Five other adults and an unborn baby were killed.", "killed")[0] == 5


def test_no_one_and_each_one_are_no_counts():
    assert counts("Shots were exchanged, but no one was struck or injured.", "injured") is None
    assert counts("Each one of the victims appeared to be shot in the head.", "injured") is None


def test_a_place_after_in_and_an_adjective_is_no_victim():
    text = "A man and his two children found dead in a truck in rural West Texas were all shot."
    assert counts(text, "injured") is None


def test_going_to_the_hospital_is_wounded():
    assert counts("Five people on the bus went to the hospital.", "injured")[0] == 5
    assert counts("Two men drove themselves to a local hospital.", "injured")[0] == 2


def test_a_male_and_a_male_also_hit_are_more_wounded():
    text = "A 15-year-old male and a 69-year-old male in the car were also hit by gunfire."
    injured = tally(find_figures(text, 0, len(text), find_numbers(text)), "injured")
    assert injured.best == 2
    assert not injured.shot_only  # told apart from the dead: none of them died


def test_some_of_the_victims_are_a_part():
    text = "Two of the victims remain in critical condition."
    assert tally(find_figures(text, 0, len(text), find_numbers(text)), "injured").partial
    text = "Two people remain in critical condition."
    assert not tally(find_figures(text, 0, len(text), find_numbers(text)), "injured").partial


def test_a_number_told_again_in_figures_is_one_count():
    text = "About twenty officers responded and located five (5) gunshot victims."
    assert counts(text, "injured")[0] == 5


def test_the_subject_of_an_active_verb_did_the_shooting():
    assert counts("Three men fatally shot two people at a barbershop.", "killed")[0] == 2
    assert counts("Two gunmen shot a clerk during the robbery.", "injured")[0] == 1
    assert counts("Three people shot the same night were treated at a hospital.", "injured")[0] == 3


def test_a_verb_before_the_number_governs_it_through_the():
    text = "The gunman killed the three officers and injured three more."
    assert counts(text, "killed")[0] == 3
    assert counts(text, "injured")[0] == 3


def test_an_ordinal_alone_is_one_more_victim():
    assert counts("Three people are dead and a fourth is wounded.", "injured")[0] == 1
    assert counts("He shot three people to death and seriously injured a fourth.", "injured")[0] == 1
    assert counts("The fourth shooting this year was reported on Elm Street.", "injured") is None


def test_shot_to_death_is_killed():
    assert counts("He shot three people to death and seriously injured a fourth.", "killed")[0] == 3
    assert counts("A man shot his 7-year-old daughter to death and then killed himself.", "killed")[0] == 2


def test_a_female_victim_is_one_victim():
    text = "Two died at the scene, and the other female victim was taken to a local hospital."
    assert counts(text, "injured")[0] == 1


def test_a_victim_shot_then_killed_by_the_same_shots_is_dead():
    text = "He shot his daughter three times with a pistol, killing her, and then shot himself."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured") is None


def test_one_shot_that_hit_is_no_person():
    text = "Police said Jane Doe was shot, but at least one shot hit her in the stomach."
    assert counts(text, "injured")[0] == 1


def test_the_same_victim_told_again_in_a_sentence_is_counted_once():
    text = (
        "A 17-year-old boy also walked into a hospital with a gunshot wound to his hip, and police later said the boy "
        "was shot in another county."
    )
    assert counts(text, "injured")[0] == 1


def test_one_of_the_people_hospitalized_who_died_was_among_the_wounded():
    text = "One of the five people hospitalized after the shooting has died, police said."
    assert tally(find_figures(text, 0, len(text), find_numbers(text)), "killed").among_wounded


def test_a_number_word_is_no_name():
    text = "Four people injured in east side shooting Photos Four people were shot Thursday, police said."
    assert counts(text, "injured")[0] == 4


def test_a_day_before_the_count_is_no_victim():
    # "On Thursday, two men": the day is not a named victim added to the two.
    assert counts("On Thursday, two men were killed outside a store.", "killed")[0] == 2
    assert counts("In March, three people were shot dead at a party.", "killed")[0] == 3


def test_a_shooting_as_a_noun_governs_no_figure():
    text = "Two people were killed and five wounded in a shooting between two rival gangs in the city."
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 5


def test_how_those_shot_fared_is_no_more_victims():
    assert counts("Four shot, two critically injured in shooting at a hall", "injured")[0] == 4
    assert counts("In all, four people were shot, and three were taken to the hospital.", "injured")[0] == 4
    assert counts("2 critically wounded in shooting of five in Dayton", "injured")[0] == 5
    # Others are more victims.
    assert counts("Two men were shot and two others were wounded.", "injured")[0] == 4
    assert counts("Two men were shot and a woman was injured by glass.", "injured")[0] == 3


def test_a_round_up_of_a_stretch_of_time_is_several_incidents():
    from frontlines.extract.casualties import SEVERAL_INCIDENTS

    assert SEVERAL_INCIDENTS.search("3 Dead, 22 Wounded In Weekend Shootings")
    assert SEVERAL_INCIDENTS.search("Three people were killed in South Side shootings on Wednesday.")
    assert not SEVERAL_INCIDENTS.search(
        "Three people were killed in a shooting on the South Side on Wednesday."
    )


def test_names_after_a_figure_are_those_it_counts():
    assert counts("One of the victims, Jo Doe, later died of his injuries.", "killed")[0] == 1
    assert counts("One victim, Jo Doe, 25, died at the scene.", "killed")[0] == 1
    assert counts("A 20-year-old man, identified as Jo Doe, was shot and killed.", "killed")[0] == 1
    assert counts("Two men, Jo Doe and Al Roe, were shot.", "injured")[0] == 2
    # A list of names alone counts each of them.
    assert counts("Jo Doe, 19, Al Roe, 21, and Cy Poe, 17, were wounded.", "injured")[0] == 3


def test_a_victim_denied_hurt_is_no_count():
    assert counts("The officer was not hurt.", "injured") is None
    assert counts("The officer was hurt.", "injured")[0] == 1


def test_the_wounding_of_men_counts_them():
    text = (
        "Police are investigating the fatal shooting of a woman and the wounding of three men on Elm Street."
    )
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 3


def test_males_and_citizens_are_people():
    assert counts("Three males were wounded and taken to area hospitals.", "injured")[0] == 3
    assert counts("Nine citizens were shot, none fatally.", "injured")[0] == 9


def test_those_sent_to_the_hospital_are_wounded():
    text = "A shooting early Sunday at a diner on Elm Road sent four people to the hospital, police said."
    assert counts(text, "injured")[0] == 4
    assert counts("The home invasion put three women into the hospital.", "injured")[0] == 3
    assert counts("The company sent four people to the conference.", "injured") is None


def test_another_told_wounded_without_a_verb_is_one_more():
    text = "One teen killed, another wounded in shooting on Elm Street"
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 1


def test_the_people_a_bullet_hits_are_shot():
    assert counts("Stray bullet hits 11-year-old girl in West Palm Beach", "injured")[0] == 1
    assert counts("The bullet struck the girl in the leg.", "injured")[0] == 1
    assert counts("Gunfire struck three people outside the bar.", "injured")[0] == 3
    assert counts("At least one shot hit the house.", "injured") is None


def test_a_fourth_told_wounded_is_one_more():
    assert counts("Three men shot, a fourth wounded by shrapnel in Fresno", "injured")[0] == 4


def test_a_number_with_a_fraction_counts_no_one():
    assert counts("Officers found 7.62 casings where two people were shot.", "injured")[0] == 2


def test_the_second_object_of_a_casualty_verb_is_a_victim():
    assert (
        counts("Police say a woman shot her estranged husband and their son on Saturday.", "injured")[0] == 2
    )
    assert counts("Those bullets hit his wife and his 10-year-old son.", "injured")[0] == 2
    text = (
        "He shot the child and a 45-year-old woman as they ran out the back door, then fatally shot himself."
    )
    assert counts(text, "killed")[0] == 1
    assert counts(text, "injured")[0] == 2
    assert counts("He shot his wife and the police arrived.", "injured")[0] == 1


def test_no_more_shot_than_dead_told_after_them_are_others():
    text = "2 killed, 2 shot in Back of the Yards over parking spot"
    assert counts(text, "killed")[0] == 2
    assert counts(text, "injured")[0] == 2
    # Those shot hold the dead when they outnumber them.
    assert counts("One dead, six people shot in Central City", "injured")[0] == 6


def test_bare_nouns_after_a_lone_victim_are_more_victims():
    assert counts("A man, woman and boy were wounded late Tuesday in a shooting.", "injured")[0] == 3
    assert counts("Police said a woman and child were wounded.", "injured")[0] == 2
    assert counts("A man was shot and his wife called police.", "injured")[0] == 1


def test_shot_to_death_without_a_verb_is_killed():
    assert counts("Teen shot to death in Roswell apartment complex", "killed")[0] == 1
    assert counts("Teen shot to death in Roswell apartment complex", "injured") is None


def test_a_list_that_suffered_injuries_is_wounded():
    assert counts("A man and his son suffered minor injuries.", "injured")[0] == 2


def test_a_shot_fired_and_a_k9_count_no_one():
    assert counts("The K-9 officer was not hurt, police said.", "injured") is None
    assert counts("A man got out of the car and fired one shot, the report said.", "injured") is None
    assert counts("Police heard two shots and found two men wounded.", "injured")[0] == 2


def test_a_victim_named_in_parentheses_is_one_victim():
    text = "The victim (Jo Doe Jr.) died from his injuries at the hospital."
    assert counts(text, "killed")[0] == 1
    assert counts("A man (age 25) was shot in the leg.", "injured")[0] == 1


def test_a_headline_told_again_with_male_victims_is_one_toll():
    text = (
        "Seven people injured in Oakland shooting News Seven people injured in Oakland shooting Oakland police are "
        "investigating a shooting that injured seven male victims."
    )
    assert counts(text, "injured")[0] == 7


def test_an_age_limit_is_no_count():
    assert counts("A child under the age of 10 was killed in a drive-by shooting.", "killed")[0] == 1
    assert counts("Two boys aged 12 were wounded.", "injured")[0] == 2


def test_shot_one_time_counts_the_victim_once():
    assert counts("Jo Doe-Roe, of Raleigh, was shot one time.", "injured")[0] == 1


def test_surnames_with_an_inner_capital_are_names():
    text = "Al Green, Cy Stone and Marquise McPherson were also struck by bullets."
    assert counts(text, "injured")[0] == 3
    assert counts("Jo LaRue was shot in the arm.", "injured")[0] == 1


def test_a_possessive_name_is_no_victim():
    assert counts("Several bullets struck Al Jenkins' home during a shootout.", "injured") is None


def test_the_last_noun_of_a_victim_phrase_is_its_head():
    assert counts("An adult man was also shot and is expected to recover.", "injured")[0] == 1


def test_hit_in_the_body_is_shot():
    assert counts("An 18-year-old was hit in his side.", "injured")[0] == 1
    assert counts("The car was hit by a truck, she said.", "injured") is None


def test_unnamed_others_are_counted():
    assert counts("Four unnamed others were struck by gunfire and treated.", "injured")[0] == 4


def test_a_list_between_dashes_breaks_down_its_number():
    text = "Six people — five men and one woman between the ages of 18 and 22 — were taken to hospitals."
    assert counts(text, "injured")[0] == 6


def test_hit_by_shots_is_shot():
    assert counts("A man was hit by shots from a passing car.", "injured")[0] == 1


def test_named_victims_taken_to_the_hospital_are_wounded():
    text = "Her parents, Jo Stanford and Al Bice, were taken to the hospital with gunshot wounds."
    assert counts(text, "injured")[0] == 2


def test_him_heading_a_list_is_one_more_dead():
    text = "A shooting on Wednesday left him and his two daughters dead."
    assert counts(text, "killed")[0] == 3


def test_this_one_is_no_count():
    assert counts("'This one hurt, a lot,' he said.", "injured") is None
    assert counts("Police said that two of the four shooting victims had died.", "killed")[0] == 2


def test_an_updated_label_is_no_toll_update():
    text = "UPDATED: 6 Shot, One Critically Hurt in South St. Louis Bar Shootout"
    assert counts(text, "injured")[0] == 6
    assert counts("The death toll rose to nine, up from five.", "killed")[0] == 9


def test_a_sentence_full_of_names_is_no_title_case_headline():
    text = "Terrell Lamar Skinner, 26, was pronounced dead at the scene by the Stark County Coroner's Office."
    assert counts(text, "killed")[0] == 1
    assert counts("Boy, 4, Dies After Getting Shot In Crossfire", "killed")[0] == 1


def test_an_age_after_a_name_is_no_count():
    text = "Officials said that Jo Reeves, 66 and Ann Reeves, 64 were found dead inside a home."
    assert counts(text, "killed")[0] <= 2  # never 64: the ages are no toll
    assert counts("In North Aleppo, 64 were killed.", "killed")[0] >= 64
    assert counts("Shooting At House Party Leaves 1 Man Dead, 8 People Wounded", "injured")[0] == 8
    assert counts("4 shot on Columbus Street, 2 die", "killed")[0] == 2


def test_a_list_that_all_suffered_injuries_counts_its_last_name():
    text = "Al Robinson, Jo Thomas, Cy Doe, and Bo Turner all suffered injuries from being shot."
    assert counts(text, "injured")[0] == 4


def test_an_ordinal_alone_is_one_more_told_apart_from_the_dead():
    text = (
        "A man shot three people to death and seriously injured a fourth before barricading himself inside."
    )
    assert counts(text, "killed")[0] == 3
    assert counts(text, "injured")[0] == 1


def test_a_name_s_possessive_heads_a_victim_phrase():
    text = "Doe's stepfather, Al Roe, was also shot and is on life support."
    assert counts(text, "injured")[0] == 1
    # Only a capitalized name: "the girls' father" is no possessive name (a lower-case word is no name).
    assert counts("Jenkins' home was shot up overnight.", "injured") is None
    assert counts("The girls' father was taken to a hospital.", "injured") is None


def test_leaving_a_victim_in_critical_condition_wounds_them():
    text = "The gunman fired at the brothers, killing the younger one and leaving the teen in critical condition."
    assert counts(text, "injured")[0] == 1
    assert counts("The fire left a man dead, leaving the scene in chaos.", "killed")[0] == 1


def test_the_object_of_a_gerund_is_not_the_subject_of_the_verb_after_it():
    text = "A dog that was shot after attacking a county officer is dead."
    assert counts(text, "killed") is None
    assert counts("A county officer is dead after a crash.", "killed")[0] == 1


def test_motorists_are_people():
    text = "Three motorists reported injuries after a man opened fire at vehicles on the freeway."
    assert counts(text, "injured")[0] == 3


def test_a_toll_over_hours_or_a_month_is_several_incidents():
    from frontlines.extract.casualties import SEVERAL_INCIDENTS, YEAR_TOLL

    assert SEVERAL_INCIDENTS.search("It came amid a violent two-hour span in which 10 people were shot.")
    assert not SEVERAL_INCIDENTS.search("Two people were shot in a two-hour standoff.")
    assert YEAR_TOLL.search("It was the second homicide after 45 people were killed in July.")
    assert not YEAR_TOLL.search("Two people were killed July 4 in a shooting.")


def test_a_pronoun_heading_a_lone_relative_is_one_more_victim():
    text = "She and her son were both taken to the hospital in stable condition."
    assert counts(text, "injured")[0] == 2
    assert counts("He and his wife were shot outside their home.", "injured")[0] == 2
    assert counts("Her son was taken to the hospital.", "injured")[0] == 1


def test_the_children_of_a_parent_are_no_victims():
    text = "Jo Skeen, a mother of three children, was struck by gunfire while putting away dishes."
    assert counts(text, "injured")[0] == 1
    text = "Jo Skeen, a mother of three children, was putting away dishes when she was struck by gunfire."
    assert counts(text, "injured") is None
    assert counts("A father of 3 was fatally shot outside a store.", "injured") is None
    assert counts("A father of 3 was fatally shot outside a store.", "killed")[0] == 1
    assert counts("Three children were struck by gunfire.", "injured")[0] == 3


def test_a_blotter_label_names_the_victim_told_after_it():
    assert counts("Teen Shot: A 17-year-old boy was shot in the leg early Monday.", "injured")[0] == 1
    assert counts("Police: 2 dead, 3 hurt in shooting", "injured")[0] == 3


def test_the_end_of_a_longer_name_is_no_victim():
    text = "No arrests were made, but the Mercer County Shooting Response Team was continuing its search."
    assert counts(text, "injured") is None
    assert counts("Seven-year-old Emma Watson Nowling died Friday.", "killed")[0] == 1


def test_the_bare_verbs_injure_and_wound_govern_the_figure_after_them():
    text = "He went on to kill two drivers and injure at least three others before shooting himself."
    assert counts(text, "injured")[:2] == (3, 3)
    assert counts(text, "killed")[0] == 3
    assert counts("He had a gunshot wound 2 inches deep.", "injured") is None


def test_a_headline_run_into_the_story_ends_its_clause():
    text = "Spree: 3 victims identified as Jo Aoki, Al Edwards, Cy Lewis The gunman shot Edwards 3 times."
    assert counts(text, "injured") is None


def test_suffering_from_a_wound_and_a_named_victim_with_an_age_and_a_title_are_victims():
    text = "The 7-year-old brother suffering from a gunshot wound to the leg has been released."
    assert counts(text, "injured")[0] == 1
    text = "Another resident, Eli Roberts, 18, a student at Central Academy, was also shot on Friday."
    assert counts(text, "injured")[0] == 1


def test_nearly_killed_is_no_death():
    assert counts("Police bullets nearly killed his father-in-law.", "killed") is None
    assert counts("The blast nearly killed two soldiers.", "killed") is None
    assert counts("Two people almost died.", "killed") is None
    assert counts("Police bullets killed his father-in-law.", "killed")[0] == 1


def test_male_and_female_count_people():
    text = "Three female victims were found with gunshot wounds, including one child."
    assert counts(text, "injured")[0] == 3
    text = "Officers found one male, who was shot in the legs, and two female victims, who were also shot."
    assert counts(text, "injured")[0] == 3


def test_shot_and_wounded_is_wounded_not_only_shot():
    text = "The deputy shot and injured in Randolph County was released from the hospital."
    figures = find_figures(text, 0, len(text), find_numbers(text))
    assert [f.category for f in figures] == ["injured"]
    text = "A man was shot and wounded, then killed, police said."
    assert counts(text, "killed")[0] == 1


def test_a_person_s_relative_clause_verb_governs_the_figure_after_it():
    text = "Pictured: The two male victims of a student, 20, who gunned down a woman in his family home"
    assert counts(text, "killed") is None  # the two were not gunned down by themselves
    assert counts("Five victims mum on who shot them", "injured")[0] == 5  # a question's "who"
    assert counts("The girl who died of gunshot wounds Monday was identified.", "killed")[0] == 1
