"""Places resolve to the right country: the gazetteer (entities/gazetteer.py) on its own and through `analyze`.

Every sentence and person here is invented for these tests. TABLE holds place mentions across six continents:
names shared by places in several countries with and without qualifiers ("Paris, Texas"), diacritics and
alternate spellings ("Krakow", "Kiev"), first-level regions (US states, Canadian provinces, Indian states,
Australian states, German Länder, Brazilian states...), capitals acting as governments, and names that are not
places. A row gives the sentence, the mention, the country it must get (None: no country) and, for cities,
coordinates the gazetteer must give within 50 km.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from newsledger import analyze
from newsledger.entities.gazetteer import PlaceContext, lookup_place, place_context
from newsledger.nlp.pipeline import load_nlp
from newsledger.records import Analysis

TABLE: list[tuple[str, str, str | None, tuple[float, float] | None]] = [
    # --- North America: US states against same-named places abroad, qualifiers, abbreviations, residents
    ("Gov. Dana Whitfield of Georgia signed the budget in Atlanta on Tuesday.", "Georgia", "USA", None),
    ("Georgia Gov. Lydia Marsh said the state would appeal the ruling.", "Georgia", "USA", None),
    ("Lawmakers in Georgia and Alabama passed matching bills, Sen. Roy Tate said.", "Georgia", "USA", None),
    ("Russian tanks rolled toward Georgia, and officials in Tbilisi called for calm.", "Georgia", "GEO", None),
    ("Georgia and Armenia signed a transit deal in Yerevan on Friday.", "Georgia", "GEO", None),
    ("Florida will hold a special election in March, officials in Tallahassee said.", "Florida", "USA", None),
    ("Virginia lawmakers approved the budget after a long debate.", "Virginia", "USA", None),
    ("Arizona officials certified the election results on Monday.", "Arizona", "USA", None),
    ("Colorado voters rejected the property tax measure.", "Colorado", "USA", None),
    ("The plant in Paris, Texas, will close next year, the company said.", "Paris", "USA", (33.66, -95.56)),
    ("Thousands marched in Paris against the pension reform, French unions said.", "Paris", "FRA", (48.85, 2.35)),
    ("Raleigh, N.C., hosted the final debate on Wednesday.", "Raleigh", "USA", (35.77, -78.64)),
    ("Mayor Ana Ruiz toured Fresno, Calif., after the flood.", "Fresno", "USA", (36.75, -119.77)),
    ("Floridians lined up at polling stations before dawn.", "Floridians", "USA", None),
    ("Texans voted to approve the new water plan.", "Texans", "USA", None),
    ("Odessa, Texas, depends on oil jobs, said Mayor Jen Talley.", "Odessa", "USA", (31.85, -102.37)),
    ("Protesters filled the streets of Washington on Saturday.", "Washington", "USA", (38.90, -77.04)),
    ("The storm knocked out power across Birmingham, Alabama, on Sunday.", "Birmingham", "USA", (33.52, -86.80)),
    ("Officials in Portland, Maine, opened two new shelters.", "Portland", "USA", (43.66, -70.26)),
    # --- Canada
    ("Sydney, Nova Scotia, elected a new mayor, Colin Brandt.", "Sydney", "CAN", (46.14, -60.18)),
    ("Quebec will hold a referendum, Premier Louise Tremblay said.", "Quebec", "CAN", None),
    ("Wildfires forced evacuations across British Columbia on Friday.", "British Columbia", "CAN", None),
    ("Ontario's premier met mayors in Toronto to discuss housing.", "Toronto", "CAN", (43.70, -79.42)),
    ("London, Ontario, approved a new transit plan on Monday.", "London", "CAN", (42.98, -81.23)),
    # --- Latin America
    ("The bank moved its headquarters to Sao Paulo last year.", "Sao Paulo", "BRA", (-23.55, -46.64)),
    ("Floods hit Minas Gerais, Brazilian authorities said.", "Minas Gerais", "BRA", None),
    ("Police in Bogota arrested a suspect on Thursday.", "Bogota", "COL", (4.61, -74.08)),
    ("Troops were deployed to Michoacan, the Mexican government said.", "Michoacan", "MEX", None),
    ("Farmers in Cordoba blocked roads, Argentine officials said.", "Cordoba", "ARG", (-31.41, -64.18)),
    ("Mexico and Canada agreed on new steel quotas.", "Mexico", "MEX", None),
    ("Protests spread from Santiago to Valparaiso, Chilean police said.", "Valparaiso", "CHL", (-33.04, -71.63)),
    # --- Europe
    ("Protesters gathered in Krakow on Sunday.", "Krakow", "POL", (50.06, 19.94)),
    ("A warehouse near Rzeszow was damaged, Polish officials said.", "Rzeszow", "POL", (50.04, 22.00)),
    ("The company is based in Zurich, a spokesman said.", "Zurich", "CHE", (47.37, 8.55)),
    ("Bavaria's premier, Klaus Ebner, criticised the federal budget.", "Bavaria", "DEU", None),
    ("Voters in Saxony backed the opposition on Sunday.", "Saxony", "DEU", None),
    ("North Rhine-Westphalia will invest in rail, its transport minister said.", "North Rhine-Westphalia", "DEU",
     None),
    ("Catalonia's leaders met in Barcelona on Monday.", "Barcelona", "ESP", (41.39, 2.16)),
    ("Shelling near Kharkiv intensified, Ukrainian officials said.", "Kharkiv", "UKR", (49.98, 36.25)),
    ("A Russian drone attack on Odessa killed two people, Ukraine's air force said.", "Odessa", "UKR",
     (46.48, 30.74)),
    ("Officials in Kiev rejected the proposal.", "Kiev", "UKR", (50.45, 30.52)),
    ("Kyiv said it had shot down 20 drones overnight.", "Kyiv", "UKR", (50.45, 30.52)),
    ("Moscow warned the West against further escalation.", "Moscow", "RUS", (55.75, 37.62)),
    ("Chechnya's leader praised the decree, Russian media said.", "Chechnya", "RUS", None),
    ("Scotland will vote again, councillors in Glasgow said.", "Scotland", "GBR", None),
    ("Hundreds rallied in Lodz and Gdansk against the reform.", "Lodz", "POL", (51.77, 19.45)),
    ("The ferry from Malmo to Copenhagen was cancelled.", "Malmo", "SWE", (55.61, 13.00)),
    # --- Asia
    ("Heavy rain lashed Lahore and the rest of Punjab province on Monday.", "Punjab", "PAK", None),
    ("Farmers in Punjab state blocked highways near Amritsar, Indian police said.", "Punjab", "IND", None),
    ("The old mills of Bombay have become offices.", "Bombay", "IND", (19.07, 72.88)),
    ("Officials in Kerala ordered schools closed.", "Kerala", "IND", None),
    ("Floods hit Sichuan, Chinese state media said.", "Sichuan", "CHN", None),
    ("Okinawa's governor opposed the new base.", "Okinawa", "JPN", None),
    ("Jordan closed its border with Syria on Tuesday.", "Jordan", "JOR", None),
    ("Talks in Amman ended without agreement.", "Amman", "JOR", (31.95, 35.93)),
    ("Clashes erupted in the Lebanese city of Tripoli on Sunday.", "Tripoli", "LBN", (34.44, 35.85)),
    ("Airstrikes hit Idlib province, Syrian activists said.", "Idlib", "SYR", None),
    ("Shops in Srinagar shut as tension rose across Kashmir.", "Kashmir", "IND", None),
    ("Police in Hyderabad and across Telangana were on alert.", "Hyderabad", "IND", (17.38, 78.46)),
    # --- Africa
    ("Traders in Lagos protested fuel prices on Monday.", "Lagos", "NGA", (6.45, 3.39)),
    ("Gunmen attacked a village in Kano state, police said.", "Kano", "NGA", None),
    ("Aid convoys reached Tigray on Friday, Ethiopian officials said.", "Tigray", "ETH", None),
    ("Fighting spread across Darfur, Sudanese doctors said.", "Darfur", "SDN", None),
    ("Residents of Johannesburg faced new power cuts.", "Johannesburg", "ZAF", (-26.20, 28.04)),
    ("Nairobi rejected the allegations on Wednesday.", "Nairobi", "KEN", (-1.28, 36.82)),
    # --- Oceania
    ("Floods hit Victoria, and Melbourne braced for more rain, the state's premier said.", "Victoria", "AUS", None),
    ("Sydney hosted the summit on Thursday.", "Sydney", "AUS", (-33.87, 151.21)),
    ("Queensland and New South Wales declared emergencies.", "Queensland", "AUS", None),
    ("Perth, Western Australia, recorded its hottest day.", "Perth", "AUS", (-31.95, 115.86)),
    ("Wellington announced new border rules.", "Wellington", "NZL", (-41.29, 174.78)),
    # --- names that are not places
    ("Jordan Pike scored twice for the visitors.", "Jordan Pike", None, None),
    ("Georgia Mendez, a nurse, said the hospital was full.", "Georgia Mendez", None, None),
    ("Victoria Lang, a lawyer, filed the appeal.", "Victoria Lang", None, None),
    ("Chad Morrow, a farmer, said the rain came too late.", "Chad Morrow", None, None),
]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _in_article(text: str, mention: str) -> dict:
    """The gazetteer's answer for a mention with the context of its own sentence as the article."""
    return lookup_place(mention, place_context(load_nlp()(text)))


def _analysed_country(analysis: Analysis, mention: str) -> tuple[bool, str | None]:
    """(found, country) for a mention in an analysis: the entity of that name, else an event place."""
    for entity in analysis.entities:
        if entity.name == mention:
            return True, entity.country
    for event in analysis.events:
        if event.location and event.location["name"] == mention:
            return True, event.location["country"]
    return False, None


def _gazetteer_right(text: str, mention: str, country: str | None, coords: tuple[float, float] | None) -> bool:
    found = _in_article(text, mention)
    if found["country"] != country:
        return False
    if coords is not None:
        return found["lat"] is not None and _km(coords, (found["lat"], found["lon"])) <= 50
    return True


def test_the_table_has_sixty_mentions_on_six_continents() -> None:
    assert len(TABLE) >= 60
    countries = {row[2] for row in TABLE}
    for continent in ({"USA", "CAN", "MEX"}, {"BRA", "ARG", "COL", "CHL"}, {"POL", "DEU", "UKR", "GBR"},
                      {"IND", "PAK", "CHN", "JPN"}, {"NGA", "ETH", "ZAF", "KEN"}, {"AUS", "NZL"}):
        assert continent <= countries


@pytest.mark.parametrize(("text", "mention", "country", "coords"), TABLE,
                         ids=[f"{row[1]}-{i}" for i, row in enumerate(TABLE)])
def test_the_gazetteer_places_each_mention_with_its_article(text: str, mention: str, country: str | None,
                                                            coords: tuple[float, float] | None) -> None:
    found = _in_article(text, mention)
    if country is None:  # a person's name: the gazetteer may know its parts, never the whole
        assert found["country"] is None, found
        return
    assert found["country"] == country, found
    if coords is not None:
        assert found["lat"] is not None, found
        assert _km(coords, (found["lat"], found["lon"])) <= 50, found


def test_the_analysis_gets_the_table_right() -> None:
    """Through `analyze`: the entity (or event place) of each mention has the right country. The small spaCy
    model misses a few names altogether or types them as one span with their neighbour ("Santiago to
    Valparaiso" ORG, "Malmo to Copenhagen" a work of art, and "from" is no place preposition); those count as
    wrong here. Share at this commit: 72/74 (97.3%)."""
    right, wrong = 0, []
    for text, mention, country, coords in TABLE:
        found, got = _analysed_country(analyze(text), mention)
        if country is None:
            ok = got is None
        else:
            ok = found and got == country and _gazetteer_right(text, mention, country, coords)
        right += ok
        if not ok:
            wrong.append((mention, got))
    share = right / len(TABLE)
    print(f"places table through analyze: {right}/{len(TABLE)} = {share:.1%}; wrong: {wrong}")
    assert share >= 0.95, wrong


# ---- the gazetteer on its own ----------------------------------------------------------------------------
def test_lookup_keeps_its_shape_without_context() -> None:
    found = lookup_place("Istanbul")
    assert {"name", "country", "lat", "lon", "admin1", "kind", "why"} <= set(found)
    assert found["name"] == "Istanbul" and found["country"] == "TUR"
    assert _km((41.01, 28.95), (found["lat"], found["lon"])) < 30
    assert lookup_place("Quarterly Review") == {"name": "Quarterly Review", "country": None, "lat": None,
                                                "lon": None, "admin1": None, "kind": None,
                                                "why": "gazetteer:unknown"}


@pytest.mark.parametrize("name", ["Florida", "Virginia", "Arizona", "Colorado", "Texas", "California"])
def test_us_states_beat_same_named_towns_abroad(name: str) -> None:
    found = lookup_place(name)
    assert (found["country"], found["why"]) == ("USA", "gazetteer:us-state")
    assert found["admin1"].startswith("US-")


@pytest.mark.parametrize(("name", "admin1"), [
    ("Fla.", "US-FL"), ("N.C.", "US-NC"), ("Calif.", "US-CA"), ("W.Va.", "US-WV"), ("Floridians", "US-FL"),
    ("Texan", "US-TX"), ("Californian", "US-CA"), ("New Yorkers", "US-NY"), ("Hoosiers", "US-IN"),
])
def test_state_abbreviations_and_residents_are_their_state(name: str, admin1: str) -> None:
    found = lookup_place(name)
    assert (found["country"], found["admin1"]) == ("USA", admin1)


@pytest.mark.parametrize(("name", "country", "coords"), [
    ("Krakow", "POL", (50.06, 19.94)), ("Kraków", "POL", (50.06, 19.94)), ("Rzeszow", "POL", (50.04, 22.00)),
    ("Zurich", "CHE", (47.37, 8.55)), ("Sao Paulo", "BRA", (-23.55, -46.64)), ("Odessa", "UKR", (46.48, 30.74)),
    ("Odesa", "UKR", (46.48, 30.74)), ("Kiev", "UKR", (50.45, 30.52)), ("Kyiv", "UKR", (50.45, 30.52)),
    ("Kharkov", "UKR", (49.98, 36.25)), ("Bombay", "IND", (19.07, 72.88)), ("Peking", "CHN", (39.9, 116.4)),
    ("Dusseldorf", "DEU", (51.22, 6.78)), ("St. Petersburg", "RUS", (59.94, 30.31)),
    ("Saint Petersburg", "RUS", (59.94, 30.31)), ("Ivano Frankivsk", "UKR", (48.92, 24.71)),
])
def test_diacritics_and_other_spellings_are_found(name: str, country: str, coords: tuple[float, float]) -> None:
    found = lookup_place(name)
    assert found["country"] == country, found
    assert _km(coords, (found["lat"], found["lon"])) <= 50


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("Bavaria", "DEU", "DE-BY"), ("Bayern", "DEU", "DE-BY"), ("Lower Saxony", "DEU", "DE-NI"),
    ("Baden-Württemberg", "DEU", "DE-BW"), ("Baden-Wurttemberg", "DEU", "DE-BW"), ("Uttar Pradesh", "IND", "IN-UP"),
    ("Maharashtra", "IND", "IN-MH"), ("Tamil Nadu", "IND", "IN-TN"), ("Ontario", "CAN", "CA-ON"),
    ("Nova Scotia", "CAN", "CA-NS"), ("New South Wales", "AUS", "AU-NSW"), ("Queensland", "AUS", "AU-QLD"),
    ("Minas Gerais", "BRA", "BR-MG"), ("Rio Grande do Sul", "BRA", "BR-RS"), ("Sichuan", "CHN", "CN-SC"),
    ("Tibet", "CHN", "CN-XZ"), ("Crimea", "UKR", "UA-43"), ("Chechnya", "RUS", "RU-CE"), ("Jalisco", "MEX", "MX-JAL"),
    ("Kano", "NGA", None), ("Tigray", "ETH", "ET-TI"), ("Catalonia", "ESP", "ES-CT"), ("Scotland", "GBR", "GB-SCT"),
])
def test_first_level_regions_of_every_country_resolve_to_it(name: str, country: str, admin1: str | None) -> None:
    found = lookup_place(name)
    assert found["country"] == country, found
    if admin1:
        assert found["admin1"] == admin1, found


@pytest.mark.parametrize(("name", "country", "why"), [
    ("Paris, Texas", "USA", "gazetteer:qualifier:Texas"),
    ("Paris, TX", "USA", "gazetteer:qualifier:TX"),
    ("Sydney, Nova Scotia", "CAN", "gazetteer:qualifier:Nova Scotia"),
    ("London, Ontario", "CAN", "gazetteer:qualifier:Ontario"),
    ("Perth, Scotland", "GBR", "gazetteer:qualifier:Scotland"),
    ("Columbus, Ga.", "USA", "gazetteer:qualifier:Ga."),
    ("Punjab province", "PAK", "gazetteer:qualifier:province"),
    ("Punjab state", "IND", "gazetteer:qualifier:state"),
    ("the state of Georgia", "USA", "gazetteer:qualifier:state"),
    ("Smallville, Kansas", "USA", "gazetteer:qualifier:Kansas"),
])
def test_a_qualifier_decides(name: str, country: str, why: str) -> None:
    found = lookup_place(name)
    assert (found["country"], found["why"]) == (country, why)


def test_without_context_size_decides_and_a_near_tie_stays_empty() -> None:
    assert lookup_place("Paris")["country"] == "FRA"
    assert lookup_place("Sydney")["country"] == "AUS"
    assert (lookup_place("Odessa")["country"], lookup_place("Odessa")["why"]) == ("UKR", "gazetteer:population")
    assert lookup_place("Georgia")["country"] == "GEO"
    assert lookup_place("Jordan")["country"] == "JOR"
    assert lookup_place("Victoria")["country"] == "AUS"
    punjab = lookup_place("Punjab")
    assert punjab["country"] is None and punjab["why"].startswith("gazetteer:ambiguous:")


@pytest.mark.parametrize(("name", "context", "country"), [
    ("Georgia", ["Atlanta", "Savannah"], "USA"),
    ("Georgia", ["Texas"], "USA"),
    ("Georgia", ["Tbilisi"], "GEO"),
    ("Georgia", ["Russia", "U.S."], "GEO"),
    ("Georgia", ["Caucasus", "Armenia"], "GEO"),
    ("Odessa", ["Texas", "Midland"], "USA"),
    ("Odessa", ["Ukrainian", "Kyiv"], "UKR"),
    ("Punjab", ["Lahore"], "PAK"),
    ("Punjab", ["Pakistani"], "PAK"),
    ("Punjab", ["Amritsar", "India"], "IND"),
    ("Victoria", ["British Columbia", "Vancouver"], "CAN"),
    ("Sydney", ["Halifax", "Nova Scotia"], "CAN"),
    ("Kashmir", ["Srinagar"], "IND"),
    ("Paris", ["Ohio", "U.S."], "FRA"),
    ("Tripoli", ["Libya", "Benghazi"], "LBY"),
])
def test_the_article_decides_a_shared_name(name: str, context: list[str], country: str) -> None:
    found = lookup_place(name, PlaceContext.from_names(context))
    assert found["country"] == country, found


def test_the_why_names_the_deciding_rule() -> None:
    ctx = PlaceContext.from_names(["Atlanta"])
    assert lookup_place("Georgia", ctx)["why"] == "gazetteer:context:USA"
    assert lookup_place("Odessa", PlaceContext.from_names(["Kyiv"]))["why"] == "gazetteer:context:UKR"
    assert lookup_place("Florida")["why"] == "gazetteer:us-state"
    assert lookup_place("Kyiv")["why"] == "gazetteer:capital"
    assert PlaceContext.from_names(["Atlanta", "Ukraine"]).countries == {"USA", "UKR"}
    assert "US-GA" in PlaceContext.from_names(["Atlanta"]).regions


def test_a_name_is_no_context_for_itself() -> None:
    ctx = PlaceContext.from_names(["Georgia", "Georgia", "Tbilisi"])
    assert lookup_place("Georgia", ctx)["country"] == "GEO"
    assert lookup_place("Georgia", PlaceContext.from_names(["Georgia", "Georgia"]))["country"] == "GEO"


@pytest.mark.parametrize("name", ["Monday", "Apple", "Congress", "Biden", "the Bundestag", "Hamas", ""])
def test_names_that_are_not_places_get_no_country(name: str) -> None:
    assert lookup_place(name)["country"] is None


def test_the_context_is_built_once_per_parse() -> None:
    doc = load_nlp()("Gov. Dana Whitfield of Georgia met farmers in Savannah.")
    ctx = place_context(doc)
    assert place_context(doc) is ctx
    assert "~admin1" in ctx.qualifiers["georgia"]
    assert lookup_place("Georgia", ctx)["country"] == "USA"


def test_the_country_table_code_of_a_us_state_is_mapped_back() -> None:
    doc = load_nlp()("Gov. Dana Whitfield of Georgia met farmers in Savannah.")
    assert place_context(doc).country_of("GEO") == "USA"
    doc = load_nlp()("Georgia's prime minister met officials in Tbilisi.")
    assert place_context(doc).country_of("GEO") == "GEO"


def test_the_first_lookup_is_quick() -> None:
    """Loading the gazetteer (cities, subdivisions, lexicons) in a fresh process stays well under a second
    (about 0.4 s on a laptop; the bound leaves room for slow CI machines)."""
    code = ("import time; from newsledger import lexicon; lexicon.countries(); t = time.perf_counter(); "
            "from newsledger.entities.gazetteer import lookup_place; lookup_place('Odessa'); "
            "print(time.perf_counter() - t)")
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert seconds < 1.5


def test_the_lexicons_name_real_codes() -> None:
    import pycountry

    from newsledger import lexicon

    codes = {s.code for s in pycountry.subdivisions}
    for row in lexicon._rows("place_names.tsv"):
        for code in row["places"].split("|"):
            assert code in codes or pycountry.countries.get(alpha_3=code) is not None, row
    for row in lexicon._rows("geonames_admin1.tsv"):
        assert row["iso"] in codes, row
    states = lexicon._rows("us_states.tsv")
    assert len(states) == 51 and all(f"US-{row['code']}" in codes for row in states)


# ---- through the analysis --------------------------------------------------------------------------------
def _entity(analysis: Analysis, name: str):
    return next(e for e in analysis.entities if e.name == name)


def test_a_governor_of_georgia_is_american() -> None:
    a = analyze("Gov. Dana Whitfield of Georgia signed the budget in Atlanta on Tuesday.")
    assert _entity(a, "Georgia").country == "USA"
    assert _entity(a, "Dana Whitfield").actor == "USAGOV"


def test_georgia_beside_russia_stays_the_country() -> None:
    a = analyze("Russian tanks rolled toward Georgia, and officials in Tbilisi called for calm.")
    assert _entity(a, "Georgia").country == "GEO"


def test_paris_texas_is_not_france() -> None:
    a = analyze("The plant in Paris, Texas, will close next year, the company said.")
    assert _entity(a, "Paris").country == "USA"
    assert _entity(a, "Paris").actor == "USA"


def test_a_capital_acting_is_its_government() -> None:
    a = analyze("Moscow expelled two Polish diplomats on Tuesday.")
    assert _entity(a, "Moscow").country == "RUS"
    assert any(e.source.actor == "RUSGOV" for e in a.events if e.source), [e.source for e in a.events]


def test_an_event_place_is_decided_by_the_article() -> None:
    a = analyze("Russian forces shelled residential areas in Odessa overnight, Ukrainian officials said.")
    places = [e.location for e in a.events if e.location]
    assert places and places[0]["country"] == "UKR", places
    assert places[0]["why"] in {"gazetteer:context:UKR", "gazetteer:population"}
    assert _km((46.48, 30.74), (places[0]["lat"], places[0]["lon"])) < 50
