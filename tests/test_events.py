"""Events on real sentences: actor codes, types, participants, modality, dates, places and intensity.

Sentences are news-style text written for the tests (not the seed), each checking one behaviour the issue
names; the seed and the PLOVER data sets are scored in test_seed.py and test_event_floor.py.
"""

from __future__ import annotations

import pytest

from newsledger.analyze import analyze
from newsledger.records import Analysis, Event


def _events(text: str, published: str | None = "2025-03-14") -> list[Event]:
    return analyze(text, published=published).events


def _one(text: str, etype: str, published: str | None = "2025-03-14") -> Event:
    found = [e for e in _events(text, published) if e.type == etype]
    assert found, f"no {etype} event in: {text!r}; got {[e.type for e in _events(text, published)]}"
    return found[0]


def _actor(analysis: Analysis, name: str) -> str | None:
    """The actor of the entity named `name` (or whose name ends with its last word: the small model
    sometimes tags only "Umerov" of "Rustem Umerov")."""
    last = name.split()[-1]
    return next(e.actor for e in analysis.entities if e.name == name or e.name.endswith(last))


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Russian President Vladimir Putin spoke on Tuesday.", "Vladimir Putin", "RUSGOV"),
    ("Kremlin spokesperson Dmitry Peskov declined to comment.", "Dmitry Peskov", "RUSGOV"),
    ("Ukrainian Defence Minister Rustem Umerov visited the front.", "Rustem Umerov", "UKRGOV"),
    ("The EU said the package was ready.", "EU", "EUR"),
    ("NATO met in Brussels.", "NATO", "IGO"),
])
def test_entities_get_actor_codes_from_titles_names_and_tables(text: str, name: str, code: str) -> None:
    assert _actor(analyze(text), name) == code


def test_a_capital_the_small_model_calls_a_person_is_a_place() -> None:
    analysis = analyze("Kyiv rejected the proposal on Monday.")
    kyiv = next(e for e in analysis.entities if e.name == "Kyiv")
    assert kyiv.type == "GPE" and kyiv.country == "UKR"
    # acting, the capital stands for the government
    assert analysis.events[0].source.actor == "UKRGOV"


def test_sector_from_the_noun_and_country_from_the_demonym() -> None:
    ev = _one("Ukrainian troops shelled Russian positions near Kursk.", "ASSAULT")
    assert ev.source.actor == "UKRMIL"
    assert ev.target.actor.startswith("RUS")


def test_verb_event_with_source_target_and_cameo() -> None:
    ev = _one("Iran's foreign minister condemned the Israeli strikes on Damascus.", "ACCUSE")
    assert ev.source.actor == "IRNGOV"
    assert ev.score == -3 and ev.cameo and ev.goldstein is not None and ev.goldstein < 0


def test_light_verb_takes_the_type_of_its_event_noun() -> None:
    ev = _one("Russia launched a massive missile barrage on Ukrainian cities overnight.", "ASSAULT")
    assert ev.source.actor == "RUS"
    assert ev.target.actor == "UKRCVL"
    text = "Russia launched a massive missile barrage on Ukrainian cities overnight."
    assert text[ev.trigger[0]:ev.trigger[1]].startswith("launched")  # the light verb and its noun


def test_phone_call_noun_is_consult_with_its_mode_and_the_clause_subject_as_source() -> None:
    text = "Macron said a phone call with Chinese President Xi Jinping had been productive."
    ev = _one(text, "CONSULT")
    assert ev.mode == "phone"
    assert ev.source.name == "Macron" or ev.source.actor == "FRAGOV"
    assert ev.target.actor == "CHNGOV"


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("The minister had not endorsed the new sanctions against Iran.", "endorsed", "negated"),
    ("The minister had not endorsed the new sanctions against Iran.", "sanctions", "hypothetical"),
    ("The government offered no concessions to the strikers.", "offered no concessions", "negated"),
    ("Brussels will impose fresh sanctions on Minsk next month.", "impose fresh sanctions", "future"),
    ("Washington could walk away from the talks with Tehran.", "walk away", "hypothetical"),
    ("Washington could walk away from the talks with Tehran.", "talks", "hypothetical"),
    ("Egypt urged Israel to accept a ceasefire in Gaza.", "accept", "hypothetical"),
    ("Egypt urged Israel to accept a ceasefire in Gaza.", "urged", "asserted"),
    ("The envoys from Oslo and Lima ended their talks without agreeing on a truce.", "agreeing", "negated"),
    ("The envoys from Oslo and Lima ended their talks without agreeing on a truce.", "truce", "hypothetical"),
])
def test_events_that_did_not_happen_are_not_asserted(text: str, trigger: str, modality: str) -> None:
    events = {text[e.trigger[0]:e.trigger[1]]: e for e in _events(text)}
    assert trigger in events, f"{trigger!r} not an event trigger in {text!r}: {list(events)}"
    assert events[trigger].modality == modality


def test_background_event_is_historical_with_its_month() -> None:
    text = "Russia launched drone strikes on Odesa, the heaviest since the full-scale invasion began in February 2022."
    invasion = next(e for e in _events(text) if text[e.trigger[0]:e.trigger[1]].endswith("invasion"))
    assert invasion.modality == "historical"
    assert invasion.date == {"value": "2022-02", "granularity": "month", "text": "February 2022"}


def test_relative_dates_resolve_against_the_publication_date() -> None:
    ev = _one("Turkey detained 20 journalists last Tuesday.", "COERCE", published="2025-03-14")
    assert ev.date["value"] == "2025-03-11" and ev.date["granularity"] == "day"
    later = _events("Israel struck Beirut on Friday. Hours later, Hezbollah fired rockets at Haifa.",
                    published="2025-03-14")
    assert later[-1].date["value"] == later[0].date["value"] and later[-1].date["text"] == "Hours later"


def test_undated_event_takes_the_publication_date_marked_as_such() -> None:
    ev = _one("China sanctioned three American defence firms.", "SANCTION", published="2025-03-14")
    assert ev.date == {"value": "2025-03-14", "granularity": "publication", "text": None}


def test_place_is_resolved_with_country_and_coordinates() -> None:
    ev = _one("Russian and Ukrainian negotiators met in Istanbul on Friday.", "CONSULT")
    assert ev.location["name"] == "Istanbul" and ev.location["country"] == "TUR"
    assert 40 < ev.location["lat"] < 42 and 28 < ev.location["lon"] < 30


def test_event_inside_a_quote_records_the_quote() -> None:
    analysis = analyze('"We will never recognize the annexation," the Ukrainian foreign minister said.')
    quoted = [e for e in analysis.events if e.reported_by]
    assert quoted and quoted[0].reported_by == analysis.quotes[0].id


def test_definite_mention_of_an_earlier_event_is_not_a_new_event() -> None:
    text = "Trump held a phone call with Putin on Tuesday. Critics said the call achieved little."
    consults = [e for e in _events(text) if e.type == "CONSULT"]
    assert len(consults) == 1


def test_headings_are_not_events() -> None:
    text = "Proposal for Immediate Cease-Fire Rejected\nThe Kremlin rejected the plan on Monday.\n"
    events = _events(text)
    assert all(e.trigger[0] > text.index("\n") for e in events)
    assert any(e.type == "REJECT" and e.source.actor == "RUSGOV" for e in events)


def test_a_weekday_named_on_its_own_day_is_that_day() -> None:
    # published on a Tuesday: "on Tuesday" is the same day, "on Monday" the day before
    ev = _one("Russia launched 90 drones at Kyiv on Tuesday.", "ASSAULT", published="2025-03-11")
    assert ev.date["value"] == "2025-03-11"
    ev = _one("Russia launched 90 drones at Kyiv on Monday.", "ASSAULT", published="2025-03-11")
    assert ev.date["value"] == "2025-03-10"


@pytest.mark.parametrize("text", [
    "The union promised to wage a legal war against the new levy.",
    "The mayor is facing a tough reelection fight in the autumn.",
    "The senator attacked the plan on Tuesday.",
    "Opponents launched attacks on the bill before the vote.",
    "Conservative groups seized on cap-and-trade with attacks on House Democrats.",
])
def test_conflict_words_used_for_words_are_no_force(text: str) -> None:
    assert not [e for e in _events(text) if e.type in {"ASSAULT", "COERCE"}]


@pytest.mark.parametrize("text", [
    "Protesters stormed a court building in Pretoria and burnt a police car.",
    "Gunmen attacked Republicans at a baseball practice in Virginia.",
    "Police in Minsk detained political activists on Friday.",
])
def test_force_against_people_and_places_stays_force(text: str) -> None:
    assert [e for e in _events(text) if e.type in {"ASSAULT", "COERCE"}]


@pytest.mark.parametrize("text", [
    "Pyongyang fired three missiles into the sea on Monday.",
    "Tehran could threaten its neighbours with nuclear weapons.",
])
def test_weapons_and_instruments_are_never_targets(text: str) -> None:
    for event in _events(text):
        if event.target is not None and event.target.mention is not None:
            words = text[event.target.mention[0]:event.target.mention[1]].lower()
            assert "missile" not in words and "weapon" not in words


def test_event_audit_flags_dates_on_the_wrong_side_of_publication_and_weapon_targets() -> None:
    from newsledger.article import Article
    from newsledger.eval.audit import AuditContext
    from newsledger.eval.audit_events import (
        check_asserted_after_publication,
        check_future_before_publication,
        check_overlapping_triggers,
        check_weapon_target,
    )
    from newsledger.records import Who

    text = "Kestovia shelled the border town. The envoys will meet again. Rebels fired rockets."
    late = Event(id="ev1", type="ASSAULT", trigger=(9, 16), source=None, target=None,
                 date={"value": "2025-06-02", "granularity": "day"})
    early = Event(id="ev2", type="CONSULT", trigger=(50, 54), source=None, target=None, modality="future",
                  date={"value": "2025-05-01", "granularity": "day"})
    twice = Event(id="ev3", type="CONSULT", trigger=(45, 54), source=None, target=None, modality="future")
    weapon = Event(id="ev4", type="ASSAULT", trigger=(69, 74), source=None,
                   target=Who(entity=None, name=None, mention=(75, 82)))
    analysis = Analysis(article=Article(text=text, published="2025-05-20"), events=[late, early, twice, weapon])
    ctx = AuditContext(article="a")
    assert [f.record for f in check_asserted_after_publication(analysis, ctx)] == ["ev1"]
    assert [f.record for f in check_future_before_publication(analysis, ctx)] == ["ev2"]
    assert [f.record for f in check_overlapping_triggers(analysis, ctx)] == ["ev2"]
    assert [f.record for f in check_weapon_target(analysis, ctx)] == ["ev4"]


def test_a_weekday_in_a_clause_about_what_is_to_come_is_the_next_one() -> None:
    text = "The envoy said talks would resume on Monday. Rebels shelled the depot on Monday."
    events = analyze(text, published="2025-03-20").events  # a Thursday
    dates = {text[e.trigger[0]:e.trigger[1]]: (e.date or {}).get("value") for e in events}
    assert dates.get("talks") == "2025-03-24"
    assert dates.get("shelled") == "2025-03-17"
    talks = next(e for e in events if text[e.trigger[0]:e.trigger[1]] == "talks")
    assert talks.modality == "hypothetical"  # the noun takes its verb's 'would'


def test_asking_a_question_is_no_request() -> None:
    text = "Asked whether she was hopeful, the mediator from Oslo replied at length. Reporters asked what Lima wanted."
    assert not [e for e in analyze(text).events if e.type == "REQUEST"]
    assert [e for e in analyze("Kyiv asked Berlin to send more air defence systems.").events if e.type == "REQUEST"]


# ---- issue 12: targets, one record per event, possessors, pronouns, the type model's limits ----------------------


def test_the_recipient_of_a_deployment_is_the_target_not_the_troops_sent() -> None:
    ev = next(e for e in _events("Kenya announced the deployment of 300 police officers to Haiti.")
              if e.source and e.source.actor == "KEN")
    assert ev.target is not None and ev.target.actor == "HTI"


def test_a_return_of_property_is_aimed_at_its_receiver() -> None:
    ev = next(e for e in _events("Norwegian customs officers returned 40 looted manuscripts to the government of Mali.")
              if e.source and (e.source.actor or "").startswith("NOR"))
    assert ev.target is not None and (ev.target.actor or "").startswith("MLI")


def test_an_event_noun_repeating_its_verb_is_one_record() -> None:
    aid = [e for e in _events("The Danish government provided an extra $5 million in assistance to Malawi.")
           if e.type == "AID"]
    assert len(aid) == 1
    signed = _events("Ghana and Togo signed nine agreements and memorandums on border trade.")
    assert len([e for e in signed if e.type == "AGREE"]) == 1


def test_a_phrase_the_sense_does_not_name_does_not_choose_it() -> None:
    # "after a drone strike" is no object of "launched": the event is the cyber attack, one record
    events = _events("Estonia launched cyber attacks on the botnet after a drone incident.")
    assert [e.type for e in events if e.source and e.source.actor == "EST"] == ["COERCE"]


def test_the_possessor_of_an_arrest_is_the_one_arrested() -> None:
    ev = _one("Police in Lagos confirmed the opposition leader's arrest on Monday.", "COERCE")
    assert ev.target is not None and ev.target.name.endswith("leader")
    assert ev.source is None or "leader" not in ev.source.name


def test_a_pronoun_two_names_could_stand_for_is_left_empty() -> None:
    events = _events("Chile imposed tariffs on Bolivia in 2019 in response to its blockade of the port.")
    blockade = [e for e in events if "blockade" in e.why]
    assert all(e.source is None for e in blockade)


def test_the_type_model_never_makes_a_promise_an_agree_nor_overrides_a_sure_sense() -> None:
    from newsledger.events.typing import SURE, model_may_retype

    assert not model_may_retype("RETREAT", "AGREE", "future")
    assert not model_may_retype("RETREAT", "THREATEN", "hypothetical")
    assert model_may_retype("RETREAT", "AGREE", "asserted")
    assert not model_may_retype("SANCTION", "COERCE", "asserted", ["rule=SANCTION", SURE])
    assert not model_may_retype("SUPPORT", "ACCUSE", "negated")
    ev = _one("Hamas and Israel will sign a truce agreement next week, mediators said.", "AGREE")
    assert ev.cameo is not None


def test_what_someone_only_claims_happened_is_reported_not_asserted() -> None:
    ev = _one("The minister claimed, without evidence, that rebels shelled the depot.", "ASSAULT")
    assert ev.modality == "hypothetical" and ev.factuality == "reported"


def test_a_habit_told_of_many_occasions_is_generic() -> None:
    ev = _one("Critics recalled earlier meetings in which the senator praised the generals.", "SUPPORT")
    assert ev.factuality == "generic" and ev.modality != "asserted"


def test_an_event_noun_told_again_with_no_actors_is_not_a_new_event() -> None:
    events = _events("Macron held a phone call with Scholz on Monday. Analysts said the [phone call] changed nothing.")
    assert len([e for e in events if e.type == "CONSULT"]) == 1


def test_an_attack_in_words_is_accuse_and_a_contest_for_votes_is_no_event() -> None:
    ev = _one("The mayor attacked the council's budget plan on Tuesday.", "ACCUSE")
    assert ev.cameo == "111" and "not force" in ev.why
    assert not [e for e in _events("Beating the governor in the primary was the campaign's best chance.")
                if e.type == "ASSAULT"]


def test_senses_stop_where_the_lexicon_says() -> None:
    assert not [e for e in _events("The columnist calls the senator a chameleon.") if e.type == "CONSULT"]
    assert not [e for e in _events("The site would not host violent videos.") if e.type == "CONSULT"]
    assert not [e for e in _events("Police cleared the road before the Amit Shah rally.") if e.type == "PROTEST"]
    assert [e for e in _events("Thousands joined a rally against the new tax in Accra.") if e.type == "PROTEST"]


def test_a_place_is_the_target_only_when_no_actor_is_the_counterpart() -> None:
    ev = _one("Chile's foreign minister held talks in Lima with Peru's president on Friday.", "CONSULT")
    assert ev.target is not None and (ev.target.actor or "").startswith("PER")
    shelled = _one("Artillery units shelled villages near Kharkiv on Sunday.", "ASSAULT")
    assert shelled.target is None or "where it happened" in shelled.why or shelled.target.name != "Kharkiv"


def test_fellow_members_are_not_the_counterpart() -> None:
    ev = _one("Senator Ruiz and other members of the committee held talks with Kenya's president.", "CONSULT")
    assert ev.target is None or "member" not in ev.target.name


def test_a_dateline_is_never_a_participant() -> None:
    for ev in _events("NAIROBI, Kenya - Hundreds of nurses staged a strike on Monday demanding back pay."):
        for who in (ev.source, ev.target):
            assert who is None or who.actor != "KEN", ev


def test_a_temporal_clause_states_its_own_fact() -> None:
    visit = _one("The king refused to meet the envoy when she visited Amman in May 2019.", "CONSULT")
    refusals = [e for e in _events("The king refused to meet the envoy when she visited Amman in May 2019.")
                if "visit" in e.why]
    assert refusals and all(e.modality in {"asserted", "historical"} for e in refusals), visit


def test_a_conjunct_with_its_own_subject_keeps_its_own_modality() -> None:
    events = _events("Lopez may not have proposed the tax, but he fully supported it.")
    support = [e for e in events if e.type == "SUPPORT"]
    assert support and support[0].modality == "asserted"


def test_potential_plotted_and_pledged_acts_have_not_happened() -> None:
    assert _one("Troops massed for a potential assault on the port.", "ASSAULT").modality != "asserted"
    assert _one("The cell plotted to attack the governor, police said.", "ASSAULT").modality != "asserted"


def test_an_actorless_event_noun_of_a_type_already_recorded_in_its_sentence_is_the_same_event() -> None:
    events = _events("Gunmen stormed the hotel, and the assault lasted six hours.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_topics_and_venues_are_not_targets() -> None:
    ev = _one("Prosecutors opened an investigation into the minister's death.", "ACCUSE")
    assert ev.target is None or "death" not in ev.target.name
    deal = _one("The mayor agreed to a plea deal in Gloversville on Monday.", "AGREE")
    assert deal.target is None or deal.target.name != "Gloversville"


def test_a_question_asks_and_does_not_state() -> None:
    ev = _one("Does the senator oppose the new tariffs on steel?", "ACCUSE")
    assert ev.modality == "hypothetical" and "question" in ev.why


def test_a_request_left_unanswered_was_still_made() -> None:
    events = _events("The ministry did not respond to a request for comment from the union.")
    assert all(e.modality != "negated" for e in events if e.type == "REQUEST")


def test_a_place_in_a_locative_phrase_is_where_force_struck_not_its_target() -> None:
    ev = _one("Government artillery shelled villages near the capital Damascus on Sunday.", "ASSAULT")
    assert ev.target is None or "Damascus" not in ev.target.name


def test_a_demand_rejected_was_still_made() -> None:
    events = _events("The council rejected the union's demand for higher wages.")
    assert all(e.modality != "negated" for e in events if e.type == "REQUEST")


def test_no_one_acts_on_itself() -> None:
    ev = _one("Senator Ruiz issued a warning that Washington could walk away from the talks.", "THREATEN")
    assert ev.target is None or ev.target.actor != (ev.source.actor if ev.source else None)


def test_no_participant_and_no_event_comes_from_furniture() -> None:
    events = _events("New York (AFP) – Vice President Joe Biden on Monday hit the campaign trail with Clinton.")
    for ev in events:
        for who in (ev.source, ev.target):
            assert who is None or who.name != "New York", ev


def test_an_attack_and_the_deaths_it_caused_are_one_event() -> None:
    events = _events("Militants carried out a bomb attack that killed four soldiers near the border.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].target is not None and "soldiers" in assaults[0].target.name


def test_an_accompanying_participle_states_its_own_act() -> None:
    ev = _one("The union refused the offer, demanding a new contract.", "REQUEST")
    assert ev.modality == "asserted"


def test_the_one_who_asks_for_an_act_is_not_its_doer() -> None:
    ev = _one("The senator called for sanctions against the shipping company.", "SANCTION")
    assert ev.source is None


def test_a_participle_after_a_report_belongs_to_the_reported_clause() -> None:
    events = _events("Rebels stormed a police post near Gao, officials said on Monday, killing six officers.")
    kill = [e for e in events if "kill" in e.why]
    assert all(e.source is None or "officials" not in e.source.name for e in kill)


def test_idioms_are_no_events() -> None:
    assert not [e for e in _events("The senator struck a chord with voters in Ohio.") if e.type == "ASSAULT"]
    assert not [e for e in _events("The decision defies explanation, the mayor said.") if e.type == "REJECT"]


def test_a_broker_and_a_condition_give_no_target() -> None:
    for ev in _events("Envoys ended a round of United Nations-brokered talks on Friday."):
        assert ev.target is None or ev.target.actor != "UNO", ev
    pull = _one("Kestovia will not pull its artillery back until the detainees have crossed.", "RETREAT")
    assert pull.target is None or "detainees" not in pull.target.name


def test_coordinated_nationalities_keep_every_country() -> None:
    ev = _one("Chilean and Peruvian frigates began joint drills off Arica.", "COOPERATE")
    codes = {ev.source.actor[:3]} | {m.actor[:3] for m in ev.source_members if m.actor}
    assert codes == {"CHL", "PER"}


def test_people_after_a_dateline_still_act_though_their_phrase_reaches_into_it() -> None:
    events = _events("BELGRADE, Serbia - Dozens of Serbian students have staged a sit-down protest in the capital.")
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and protest[0].source is not None and protest[0].source.actor is None
