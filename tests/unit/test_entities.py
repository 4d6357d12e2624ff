"""People, places and organisations of a body text (``tasks.metadata.entities``), on sentences
written for these tests: what the extractor must keep and what it must reject."""

from __future__ import annotations

from unittest import mock

import pytest

from benchmarks.entities import load_labels, match, normalise
from tasks.metadata import entities
from tasks.metadata.entities import extract_entities
from tasks.metadata.gazetteers import surnames


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Updated 10:30 AM Kate Winslet arrived in Venice on Monday for the premiere.", "Kate Winslet"),
        ("Prime Minister Yasuo Fukuda said the law would pass.", "Yasuo Fukuda"),
        ("Sub-Assistant Agriculture Officer Atanu Sarker said the plots use less water.", "Atanu Sarker"),
        ("Wu Fan said the city would close the market.", "Wu Fan"),
        ("The mayor, Xu Wei, 64, agreed with the plan.", "Xu Wei"),
        ("The award went to Ursula von der Leyen last year.", "Ursula von der Leyen"),
        ("Researchers led by Charlie Hills studied the data.", "Charlie Hills"),
    ],
)
def test_people_are_kept_without_their_titles_and_times(text: str, person: str) -> None:
    """A full name is found with the title, time or role word in front of it dropped."""
    assert set(extract_entities(text).people) == {person}


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("people", "Is Surface coming to the shops soon? Nobody would say."),  # sentence openers
        ("people", "Two Halloween parties were cancelled this year."),
        ("people", "Regulatory Compliance\nData Privacy\nEvery firm needs a plan for both."),  # headings
        ("people", "Learn Forms\nLearn Testing\nEach course takes a week."),
        ("people", "Buy a TurboTax Expert plan before the deadline."),  # a brand's shape
        ("people", "Round Round and Spicy Spicy are two of the wine groups."),  # repeated words
        ("people", "Less Nutritious options are cheaper; frozen food is less nutritious, they say."),
        ("places", "Most analysts agreed, and Deal value rose in the quarter."),  # towns that are also words
        ("places", "The Israeli government met."),  # a demonym
        ("places", "It moved in Production planning, then in Phase 3 of the plan."),  # "in X" not ending the phrase
        ("places", "The Houston Astros signed him."),  # a team named after its town
        ("places", "The service was written in Rust, then ported."),  # "in X" with no country beside it
        ("places", "We met at Murray's Pizza on Friday."),  # a town's name that owns something
        ("people", "The code was written with Claude Code in a day."),  # a last word that is a word, no surname
        ("people", "Members of Kaiser Permanente pay less for care."),  # a rare first name, an unknown surname
        ("people", "Sales at the Tommy Hilfiger store rose."),  # "the" before the name
        ("people", "The camera is light. Photo by: 'Neil Thomas'."),  # a photo credit
        ("people", "Officers of the Russian General Staff met on Monday."),  # a titled word, no surname
    ],
)
def test_capitalised_words_that_name_nothing_of_a_kind_are_not_counted(kind: str, text: str) -> None:
    """Sentence openers, headings, products, common words, demonyms and teams are no people or places."""
    assert not getattr(extract_entities(text), kind)


@pytest.mark.parametrize(
    "text",
    [
        "Sabrina Carpenter, whose father was a carpenter, sang.",  # a word that is also a surname
        "Rand Fishkin wrote the post. Later, Fishkin added a chart.",  # the surname alone vouches
        "Results of the Rafael Palmeiro case came out. Later, Palmeiro said nothing.",
    ],
)
def test_names_that_look_like_firms_count_with_more_evidence(text: str) -> None:
    """A surname that is also a word, or a name after "the", counts when names or the text vouch for it."""
    assert len(extract_entities(text).people) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The institute teaches Spanish in Saint Vincent and the Grenadines.",  # "Saint" as "St."
        "Bake it with a strong flour (King Arthur Flour) for the best crumb.",  # a royal title's brand
        "Owners of a King Charles Spaniel met on Sunday.",
    ],
)
def test_saints_and_royal_titled_brands_are_no_people(text: str) -> None:
    """"Saint" opens places and saints; "King", "Lady" ... before a name with no surname, brands."""
    assert not extract_entities(text).people


def test_a_royal_title_before_a_listed_surname_still_names_a_person() -> None:
    """"Princess Diana Spencer" keeps her name: "Spencer" is a surname; "General" opens people."""
    found = extract_entities("Princess Diana Spencer and Attorney-General George Brandis met.")
    assert set(found.people) == {"Diana Spencer", "George Brandis"}


def test_st_opens_a_name_and_ends_no_sentence() -> None:
    """"St." keeps its name whole: no "Louis Blues" person, and a person after "St. Petersburg"."""
    assert not extract_entities("Fans of the St. Louis Blues cheered all night.").people
    found = extract_entities("Before the vote, St. Petersburg City Editor Heather Urquides met reporters.")
    assert set(found.people) == {"Heather Urquides"}


def test_role_words_before_a_first_name_and_shorter_forms() -> None:
    """"Managing Editor" is dropped before "Mike"; "Maria Duron" counts for "Maria Elena Duron"."""
    assert set(extract_entities("Managing Editor Mike Wilson approved the story.").people) == {"Mike Wilson"}
    found = extract_entities("Maria Elena Duron spoke first. Maria Duron said more.")
    assert found.people == {"Maria Elena Duron": 2}


def test_a_surname_or_titled_surname_counts_for_the_full_name() -> None:
    """Later mentions by surname ("Keltin", "Mr. Keltin") add to the one full name."""
    text = "The report was written by Ann Keltin. What happens next is unclear, said Keltin. Mr. Keltin left."
    assert extract_entities(text).people == {"Ann Keltin": 3}


def test_a_heading_names_no_new_person_but_counts_a_known_one() -> None:
    """A title-case line adds a person only when the prose names them too."""
    assert not extract_entities("Grace Hopper Story\nThe story of a ship.").people
    found = extract_entities("Grace Hopper\nGrace Hopper wrote the first compiler.")
    assert found.people == {"Grace Hopper": 2}


def test_country_abbreviations_count_under_the_country() -> None:
    """"U.S." and "United States" are one place."""
    text = "Troops from the U.S. landed on Monday. The United States said more would follow."
    assert extract_entities(text).places == {"United States": 2}


def test_a_country_abbreviation_in_a_price_or_an_agency_name_is_no_place() -> None:
    """"US$20" is a currency; "the U.S. Department of Energy" is an organisation, not a place."""
    found = extract_entities("The lamp costs US$20 today. Figures came from the U.S. Department of Energy on Monday.")
    assert not found.places
    assert dict(found.organizations) == {"Department of Energy": 1}
    assert extract_entities("She moved to the U.S. He stayed.").places == {"United States": 1}


def test_a_compass_word_keeps_the_part_of_the_place_it_names() -> None:
    """"West Africa" and "Southern California" are the places, not "Africa" and "California"."""
    text = "Yields fell in West Africa, Central Asia and Southern California, near the North China Plains."
    found = extract_entities(text)
    assert set(found.places) == {"West Africa", "Central Asia", "Southern California", "North China Plains"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Protests flared up in Dagestan, a poor region of Russia.", "Dagestan"),
        ("Ferries left Bergen and Stavanger late.", "Stavanger"),
        ("She grew up in the island town of Florø.", "Florø"),
        ("Boats reached the Indian Ocean by noon.", "Indian Ocean"),
        ("Flights to New Zealand resumed.", "New Zealand"),
        ("Ministers in Britain agreed on Monday.", "Britain"),
        ("Asia remains the biggest market.", "Asia"),  # a continent, though a town of Peru shares its name
        ("Farms across Bogra's northern plains dried up.", "Bogra"),  # a town's possessive after "across"
    ],
)
def test_places_come_from_the_gazetteer_or_their_context(text: str, place: str) -> None:
    """Gazetteer names, geographic names and words a place phrase introduces are places."""
    assert place in extract_entities(text).places


def test_an_acronym_spelled_out_counts_for_its_organisation() -> None:
    """"(FMB)" after the name makes every later "FMB" a mention of the federation."""
    text = "The Federation of Master Builders (FMB) said prices rose. The FMB expects more."
    assert extract_entities(text).organizations == {"Federation of Master Builders": 2}


def test_unexplained_acronyms_and_teams() -> None:
    """An acronym never spelled out is no organisation; a team named after its town is one."""
    found = extract_entities("The AI tool costs 5 USD. The Houston Astros signed him.")
    assert dict(found.organizations) == {"Houston Astros": 1}


# ---------------------------------------------------------------- the labels and their matching


def test_labels_split_by_site() -> None:
    """No site has pages on both halves, and both halves are about half of the pages."""
    pages = load_labels()
    halves = {page.split for page in pages}
    assert halves == {"tune", "heldout"}
    sites: dict[str, set[str]] = {}
    for page in pages:
        sites.setdefault(page.site, set()).add(page.split)
    assert all(len(split) == 1 for split in sites.values())
    assert 0.4 <= sum(page.split == "heldout" for page in pages) / len(pages) <= 0.6


def test_names_match_labels_by_any_spelling_initials_or_a_unique_surname() -> None:
    """The benchmark's matching: spellings, dropped initials, a surname only when unambiguous."""
    people = [frozenset({normalise(name)}) for name in ("Brian Chen", "Joe Biden", "Jill Biden")]
    assert match("Brian X. Chen", people, "people") == 0
    assert match("Chen", people, "people") == 0
    assert match("Biden", people, "people") is None
    places = [frozenset({normalise("United States"), normalise("U.S.")})]
    assert match("the U.S.", places, "places") == 0


def test_a_one_word_organisation_is_named_twice_and_is_no_word_or_name() -> None:
    """"Uber" named twice mid-sentence is an organisation; a common word or first name is not."""
    text = "Drivers for Uber met. The drivers said Uber cut pay. Emma joined Uber later, said Emma."
    found = extract_entities(text)
    assert found.organizations == {"Uber": 3}
    assert "Emma" not in found.organizations


def test_captions_add_places_but_name_nobody_new() -> None:
    """A caption's place counts; its people only when the prose names them."""
    caption = "Alan Smith and Grace Hopper in the town of Tara."
    found = extract_entities("Grace Hopper spoke to students on Monday.", asides=caption)
    assert found.people == {"Grace Hopper": 2}
    assert "Tara" in found.places


def test_a_long_line_is_judged_a_heading_once_not_once_per_name() -> None:
    """A hostile line of thousands of names was split again for every name (two minutes on 2 MB)."""
    line = " and ".join(f"Anna Weber{i % 7} met Paul Schmidt" for i in range(300)) + "."
    with mock.patch.object(entities, "_heading", wraps=entities._heading) as heading:
        entities.extract_entities(line)
    assert heading.call_count == 1


def test_surnames_come_from_every_faker_locale() -> None:
    """Surnames that are also words are listed ("Carpenter"); words that name no one are not."""
    assert {"Carpenter", "Baker", "Smith"} <= surnames()
    assert not {"Code", "Outfitters"} & surnames()


def test_in_x_needs_a_country_near_the_name_not_anywhere_in_a_long_quote() -> None:
    """"in Dagestan," beside a country is a place; "in Photoshop," is not, however far away a
    region is named in the same quoted passage."""
    quote = (
        '"I grew these plants in the Midwest over many years and many seasons of careful work. '
        'Then I export the pictures for final processing in Photoshop, and print them," she said.'
    )
    assert "Photoshop" not in extract_entities(quote).places
    assert "Dagestan" in extract_entities("The fighting went on in Dagestan, one of Russia's regions.").places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("She grew up in England before the war.", "England"),
        ("Coffee is sold across America every day.", "America"),
        ("England beat Scotland in the final.", None),
        ("The loan came from Bank of America last year.", None),
    ],
)
def test_countries_that_also_name_teams_need_a_place_phrase(text: str, place: str | None) -> None:
    """England, Scotland, Wales and America are places where a place phrase introduces them."""
    assert set(extract_entities(text).places) == ({place} if place else set())


def test_a_country_that_is_also_a_surname_ends_a_name() -> None:
    """Wales is a country only in context, so "Jimmy Wales" stays a person."""
    assert set(extract_entities("The encyclopedia was started by Jimmy Wales in 2001.").people) == {"Jimmy Wales"}


@pytest.mark.parametrize(
    "text",
    [
        "According to Energy Sage, the panels pay for themselves.",
        "Native Americans who serve in the army pay less.",
        "In 1984 they sold the division to General Electric for cash.",
        "Our Director SEO wrote the guide.",
        "Her favourite role is Lady Macbeth, which she played twice.",
    ],
)
def test_firms_peoples_and_titled_things_are_nobody(text: str) -> None:
    """"according to" cites firms as often as people; a people's plural name, a titled acronym or
    a titled word the text never writes alone ("General Electric", "Lady Macbeth") is nobody."""
    assert not extract_entities(text).people


def test_a_titled_surname_alone_still_counts() -> None:
    """"President Trump" with no full name is a person; so is "Lady Smith" (a listed surname)."""
    assert set(extract_entities("President Trump said the talks would resume.").people) == {"Trump"}
    assert set(extract_entities("The house was left to Lady Smith in the will.").people) == {"Smith"}


def test_headings_add_only_organisations_the_prose_names() -> None:
    """A title-case heading's organisation counts only when the prose names it too."""
    text = (
        "Best Identity Theft Protection Services\nThe report came from the Urban Institute on Monday.\n"
        "About the Urban Institute"
    )
    found = extract_entities(text)
    assert not any("Identity" in org for org in found.organizations)
    assert found.organizations["Urban Institute"] == 2


def test_long_runs_are_no_organisation_and_a_role_before_of_is_dropped() -> None:
    """A table row run together is no name; "Chairman of the ..." names the committee."""
    row = "We compared Product Specs Dark Web Monitoring Yes Credit Reporting Yes Insurance Coverage Up to now."
    assert not extract_entities(row).organizations
    text = "He is now Chairman of the Senate Foreign Relations Committee, they said."
    assert set(extract_entities(text).organizations) == {"Senate Foreign Relations Committee"}


def test_and_lists_two_organisations_unless_the_name_runs_on() -> None:
    """"and" before the organisation word, or inside an "of" phrase, is one name; after the
    organisation word it lists two ("Prompt Security and Observo")."""
    text = (
        "The Food and Drug Administration and the Department of Health and Mental Hygiene agreed. "
        "Then Penguin Group and HarperCollins signed."
    )
    found = set(extract_entities(text).organizations)
    assert {"Food and Drug Administration", "Department of Health and Mental Hygiene", "Penguin Group"} <= found
    assert not any(" and HarperCollins" in org for org in found)


def test_a_verb_form_opening_sentences_is_no_organisation() -> None:
    """"Choosing" opens two sentences mid-text; unlike "Uber" it names nothing."""
    text = "We agreed. Choosing a plan is hard, she said. Tips for Choosing well. After Choosing one, call us."
    assert "Choosing" not in extract_entities(text).organizations


@pytest.mark.parametrize(
    "text",
    [
        "Secure Your Systems Group today.",
        "We went to Italy This Company said no.",
        "Ask What Does Travel Insurance Cover.",
    ],
)
def test_a_sentence_word_inside_a_run_makes_no_organisation(text: str) -> None:
    """A capitalised pronoun, article or question word inside a run is a heading or two
    sentences run together; "IT" inside a name ("Kansas City IT Symposium") is an acronym."""
    assert not extract_entities(text).organizations
    assert set(extract_entities("We met at the Kansas City IT Symposium in May.").organizations) == {
        "Kansas City IT Symposium"
    }


def test_an_adjective_before_a_place_noun_is_no_place() -> None:
    """"the Islamic republic", "a French town" name no place; "the Omsk region" does."""
    assert not extract_entities("He was born in a small French town of weavers.").places
    assert not extract_entities("Critics of the Islamic republic met.").places
    assert "Omsk" in extract_entities("Floods hit the Omsk region.").places


def test_a_contraction_ends_no_name() -> None:
    """Two sentences run together ("... Rose Bowl. I’m") hold a contraction, never a person."""
    assert not extract_entities("“Next stop Rose Bowl. I’m proud,” he said.").people


def test_a_one_word_name_twice_needs_a_firms_context_or_more_mentions() -> None:
    """"Android" named twice as a product is no organisation; "Lyft" named twice, once as a firm
    is named ("at Lyft"), is one."""
    text = "The app runs on Android phones. Many apps run on Android too. She worked at Lyft and drove for Lyft."
    found = extract_entities(text).organizations
    assert "Android" not in found
    assert found["Lyft"] == 2


def test_an_organisation_word_and_of_open_no_gazetteer_place() -> None:
    """"University of Texas" is a populated place of the gazetteer too; in copy it is a university."""
    found = extract_entities("She teaches at the University of Texas in Austin.")
    assert "University of Texas" in found.organizations
    assert "University of Texas" not in found.places
    assert "Austin" in found.places


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Students at Georgia Tech built the rover over a summer.", "organizations", None),  # no person
        ("The cake came from the Maple Street Baking Co. downtown.", "organizations", "Maple Street Baking Co"),
    ],
)
def test_tech_and_co_end_no_persons_name(text: str, kind: str, name: str | None) -> None:
    """"Tech" ends institutes ("Georgia Tech"), "Co" firms ("Baking Co."): neither ends a person's name."""
    found = extract_entities(text)
    assert not found.people
    if name:
        assert name in getattr(found, kind)


def test_a_name_ending_in_park_needs_the_sentence_to_vouch_for_it() -> None:
    """"Madison Park" after a given name is a ground as often as a person: only a speech verb, a
    title or the surname written alone makes it a person's name."""
    assert not extract_entities("We had lunch near Madison Park before the show.").people
    assert set(extract_entities("Grace Park said the show would go on.").people) == {"Grace Park"}
    assert set(extract_entities("Dr. Grace Park led the trial.").people) == {"Grace Park"}


@pytest.mark.parametrize(
    "text",
    [
        "Mexican cuisine is loved in Mexico, and so are Mexican sweets.",  # a place's vowel turned "-an"
        "The Greek and Roman myths are told in Greece; Venus in Roman myth.",  # also a town of Romania
        "The show is based in the Southwestern, old metropolis of Czechia.",  # a compass adjective
        "She was featured in The New Yorker, in Germany, last year.",  # a place's name plus "-er"
        "Drives across the South Coast take hours in Iceland.",  # a geographic word left alone
    ],
)
def test_adjectives_and_peoples_names_are_no_places(text: str) -> None:
    """Only the countries of these sentences are places: no adjective, people's name or bare
    geographic word that a place phrase or a town's name would otherwise let in."""
    found = set(extract_entities(text).places)
    assert found
    assert found <= {"Mexico", "Greece", "Czechia", "Germany", "Iceland"}


@pytest.mark.parametrize(
    "text",
    [
        "Apps must follow the GDPR (General Data Protection Regulation) in every market.",
        "Gen Zers are the keenest savers of any generation.",
        "Tools like MS Teams also work in a browser.",
    ],
)
def test_titles_that_open_things_and_titles_in_capitals_vouch_for_nobody(text: str) -> None:
    """"General" or "Gen" before words that open with no first name, and an honorific written in
    capitals (an acronym: "MS"), make no person."""
    assert not extract_entities(text).people


def test_a_title_that_opens_things_still_vouches_for_a_first_name() -> None:
    """"General John Smith" is a person; so is "Ms. Jane Roe"."""
    assert set(extract_entities("General John Smith said the war was over.").people) == {"John Smith"}
    assert set(extract_entities("Ms. Jane Roe led the trial.").people) == {"Jane Roe"}


def test_sentences_read_each_paragraph_on_its_own() -> None:
    """A text's sentences are its paragraphs' in order, glued words split, blank lines dropped; the
    same paragraph read twice (for entities, then quotes) gives the same sentences."""
    text = 'The spokespersonDmitry Peskov spoke. "We agree. Fully," he said.\n\nMr. Tusk left. Then rain.'
    expected = ["The spokesperson Dmitry Peskov spoke.", '"We agree. Fully," he said.', "Mr. Tusk left.", "Then rain."]
    assert entities.sentences(text) == expected
    assert entities.sentences(text) == expected
    assert entities.sentences("Mr. Tusk left. Then rain.") == expected[2:]


@pytest.mark.parametrize(
    ("text", "club"),
    [
        ("Burnley County manager Ann Ortiz wants a new striker before the window shuts.", "Burnley County"),
        ("The Preston boss was furious after the draw.", "Preston"),
        ("Goals from two substitutes lifted Oldham United off the bottom of the table.", "Oldham United"),
    ],
)
def test_a_town_before_a_clubs_staff_or_club_word_names_the_club(text: str, club: str) -> None:
    """"<Town> County manager", "the <Town> boss", "<Town> United": an organisation, no place."""
    found = extract_entities(text)
    assert club in found.organizations
    assert not found.places


def test_a_lone_town_names_the_club_the_text_names_after_it() -> None:
    """Where the text names a club after a town, "to <Town>" and "the manager at <Town>" are the
    club's; "in <Town>" is still the town."""
    text = (
        "Burnley County manager Ann Ortiz spoke on Friday. She would like to bring a winger to Burnley. "
        "Ortiz was the manager at Rochdale for two seasons. Her family still lives in Burnley."
    )
    assert dict(extract_entities(text).places) == {"Burnley": 1}


def test_a_town_without_a_club_beside_it_is_still_a_place() -> None:
    """No staff word and no club word: "to <Town>" names the town as before."""
    text = "Ann Ortiz moved to Burnley in 2001 and later to Rochdale, where she opened a bakery."
    assert set(extract_entities(text).places) == {"Burnley", "Rochdale"}
