"""Cross-article logic (`newsledger.corpus`) on real analyses of a small corpus, plus the rules on hand-made rows.

The corpus (tests/corpus_articles.py) reports a few events in different words from different outlets; each
article goes through `analyze`, so these tests also show what the extractor gets wrong across outlets. Known
extractor errors the corpus tolerates (each leaves a report as a cluster of its own, never a wrong merge):

- "on Tuesday" in an article published on a Tuesday is dated a week early (dateparser prefers the past), so
  a1's and a2's first reports of the barrage and a9's sanctions land on 13 May.
- "Russia launched 90 drones at Kyiv": the drones become the target (a1).
- "sanctioned" is SANCTION, "imposed sanctions" COERCE (the type model follows PLV), so a9 cannot join a3/a4.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from corpus_articles import ARTICLES
from newsledger.analyze import analyze
from newsledger.corpus import (
    EventRow,
    QuoteRow,
    cluster_events,
    cluster_quotes,
    event_rows,
    link_actors,
    near_identical,
    normalize_name,
    normalize_quote,
    quote_rows,
    same_event,
)
from newsledger.records import Analysis, Entity

REAL_EVENTS = ("BARRAGE", "SANCTIONS", "ANKARA", "BARRAGE2")


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [analyze(a.text, published=a.published, id=a.id, source=a.source) for a in ARTICLES]


@pytest.fixture(scope="module")
def links(analyses):
    return link_actors((an.article.id, e) for an in analyses for e in an.entities)


@pytest.fixture(scope="module")
def labelled_rows(analyses, links) -> list[tuple[EventRow, str]]:
    """Every event row with its gold label: a real event's name, or a label of its own for other happenings."""
    gold = {a.id: dict(a.gold) for a in ARTICLES}
    out = []
    for an in analyses:
        triggers = {ev.id: an.text[ev.trigger[0]:ev.trigger[1]] for ev in an.events}
        for row in event_rows(an, links.links):
            trigger = triggers[row.event_id]
            out.append((row, gold[row.article_id].get(trigger, f"{row.article_id}:{trigger}")))
    return out


def _describe(cluster, label_of) -> str:
    return "; ".join(f"{m.article_id}/{m.event_id} {m.type} {m.source_actor}->{m.target_actor} {m.date} "
                     f"[{label_of[(m.article_id, m.event_id)]}]" for m in cluster.members)


# -- actors ----------------------------------------------------------------------------------------------------

def _key(analyses, links, article_id: str, name: str) -> str:
    an = next(a for a in analyses if a.article.id == article_id)
    ent = next(e for e in an.entities if e.name == name)
    return links.key(article_id, ent.id)


def test_putin_and_vladimir_putin_in_different_articles_are_one_actor(analyses, links) -> None:
    assert _key(analyses, links, "a5", "Putin") == _key(analyses, links, "a6", "Vladimir Putin")
    putin = links.actors["person:vladimir putin"]
    assert putin.name == "Vladimir Putin" and putin.articles == 2 and putin.actor == "RUSGOV"
    assert putin.country == "RUS" and putin.role == "President"


def test_two_johnsons_stay_apart(analyses, links) -> None:
    boris = _key(analyses, links, "a6", "Boris Johnson")
    mike = _key(analyses, links, "a7", "Mike Johnson")
    assert boris != mike
    assert links.actors[boris].country == "GBR" and links.actors[mike].country == "USA"


def test_a_person_the_small_model_typed_org_joins_the_person(analyses, links) -> None:
    an = next(a for a in analyses if a.article.id == "a3")
    zel = next(e for e in an.entities if e.name == "Volodymyr Zelenskyy")
    keys = {links.key(a.article.id, e.id) for a in analyses for e in a.entities if e.name == "Volodymyr Zelenskyy"}
    assert keys == {"person:volodymyr zelenskyy"}, (zel.type, keys)
    assert links.actors["person:volodymyr zelenskyy"].articles == 3


def test_places_link_by_country_and_show_the_country_name(links) -> None:
    ukraine = links.actors["gpe:UKR"]
    assert ukraine.name == "Ukraine" and {"Kyiv", "Ukraine"} <= set(ukraine.aliases)
    assert links.actors["gpe:TUR"].name == "Turkey"


def test_acronym_joins_the_one_organisation_with_those_initials(analyses, links) -> None:
    assert _key(analyses, links, "a9", "EU") == _key(analyses, links, "a3", "European Union") == "org:european union"


def _ent(eid: str, name: str, type_: str = "PERSON", **kw) -> Entity:
    return Entity(id=eid, name=name, type=type_, **kw)


def test_bare_surname_joins_only_a_unique_full_name() -> None:
    one = link_actors([("x", _ent("e1", "Boris Johnson")), ("y", _ent("e1", "Johnson"))])
    assert one.key("y", "e1") == "person:boris johnson"
    two = link_actors([("x", _ent("e1", "Boris Johnson")), ("z", _ent("e1", "Mike Johnson")),
                       ("y", _ent("e1", "Mr. Johnson"))])
    assert two.key("y", "e1") == "person:johnson@y"  # some Johnson of that article, no ledger row
    assert len({two.key(a, "e1") for a in "xyz"}) == 3


def test_person_names_fold_accents_honorifics_and_case() -> None:
    assert normalize_name("Mr. Recep Tayyip ERDOĞAN", "PERSON") == "recep tayyip erdogan"
    assert normalize_name("Dr Martin Luther King Jr.", "PERSON") == "martin luther king"
    assert normalize_name("The European Union") == "european union"
    linked = link_actors([("x", _ent("e1", "Macron\u2019s")), ("y", _ent("e1", "Emmanuel Macron"))])
    assert linked.key("x", "e1") == "person:emmanuel macron"


def test_descriptions_without_a_code_stay_in_their_article() -> None:
    linked = link_actors([("x", _ent("e1", "officials", "GROUP")), ("y", _ent("e2", "Officials", "GROUP")),
                          ("x", _ent("e3", "Ukrainian officials", "GROUP", actor="UKRGOV")),
                          ("y", _ent("e4", "Ukrainian officials", "GROUP", actor="UKRGOV"))])
    assert linked.key("x", "e1") != linked.key("y", "e2")
    assert linked.key("x", "e3") == linked.key("y", "e4")


def _us(eid: str = "us") -> Entity:
    """A US place in an article: the country context parties and institutions are decided by."""
    return _ent(eid, "Washington", "GPE", country="USA", mentions=[(0, 10)])


def test_surname_title_and_honorific_forms_join_the_full_name_when_the_articles_agree() -> None:
    barack = _ent("e1", "Barack Obama", role="President", country="USA", gender="male")
    michelle = _ent("e1", "Michelle Obama", role="First Lady", gender="female")
    linked = link_actors([("a", barack), ("b", michelle),
                          ("c", _ent("e1", "Obama", role="President")),  # role: only Barack is a president
                          ("d", _ent("e1", "President Obama")),  # the title is dropped, then the same
                          ("e", _ent("e1", "Mr. Obama", gender="male")),  # gender: only Barack is a man
                          ("f", _ent("e1", "Obama"))])  # nothing says which: stays apart
    assert linked.key("c", "e1") == linked.key("e", "e1") == "person:barack obama"
    assert linked.reason("c", "e1") == "surname:role" and linked.reason("e", "e1") == "surname:gender"
    assert linked.key("f", "e1") == "person:obama@f" and linked.reason("f", "e1") == "surname:ambiguous(2)"
    assert linked.actors["person:barack obama"].name == "Barack Obama"


def test_a_bare_surname_goes_to_the_one_well_known_figure_the_ledger_names_far_more_often() -> None:
    items = [(f"t{i}", _ent("e1", "Donald Trump", gender="male")) for i in range(4)]
    items += [("m", _ent("e1", "Melania Trump", gender="female")), ("x", _ent("e1", "Trump"))]
    linked = link_actors(items)
    assert linked.key("x", "e1") == "person:donald trump" and linked.reason("x", "e1") == "surname:known-figure"
    # two well-known Johnsons: no figure to prefer
    two = link_actors([*((f"b{i}", _ent("e1", "Boris Johnson")) for i in range(4)),
                       *((f"m{i}", _ent("e1", "Mike Johnson")) for i in range(4)), ("x", _ent("e1", "Johnson"))])
    assert two.key("x", "e1") == "person:johnson@x"


def test_middle_initials_join_unless_two_sets_exist_and_suffixes_stay_apart() -> None:
    linked = link_actors([("a", _ent("e1", "Kevin D. Williamson")), ("b", _ent("e1", "Kevin Williamson")),
                          ("c", _ent("e1", "George W. Bush")), ("d", _ent("e1", "George H.W. Bush")),
                          ("e", _ent("e1", "George Bush")), ("f", _ent("e1", "Donald J. Trump")),
                          ("g", _ent("e1", "Donald Trump Jr.")), ("h", _ent("e1", "Donald Trump"))])
    assert linked.key("a", "e1") == linked.key("b", "e1") == "person:kevin williamson"
    assert linked.reason("a", "e1") == "middle-initial"
    assert len({linked.key(a, "e1") for a in "cde"}) == 3
    assert linked.key("f", "e1") == linked.key("h", "e1") == "person:donald trump"
    assert linked.key("g", "e1") == "person:donald trump jr"


def test_clinton_is_decided_per_article() -> None:
    hillary, bill = _ent("e1", "Hillary Clinton", gender="female"), _ent("e1", "Bill Clinton", gender="male")
    linked = link_actors([("h", hillary), ("b", bill),
                          ("x", _ent("e2", "Hillary Clinton", gender="female")), ("x", _ent("e3", "Clinton")),
                          ("y", _ent("e1", "Clinton")),
                          ("z", _ent("e2", "Hillary Clinton")), ("z", _ent("e3", "Bill Clinton")),
                          ("z", _ent("e4", "Clinton"))])
    assert linked.key("x", "e3") == "person:hillary clinton"
    assert linked.reason("x", "e3") == "surname:named-in-article"
    assert (linked.key("y", "e1"), linked.key("z", "e4")) == ("person:clinton@y", "person:clinton@z")  # each unknown
    assert linked.key("h", "e1") != linked.key("b", "e1")


def test_a_first_name_alone_links_only_to_the_one_person_of_that_first_name_in_its_article() -> None:
    linked = link_actors([("a", _ent("e1", "Donald Trump")), ("a", _ent("e2", "Donald")),
                          ("b", _ent("e1", "Donald Trump")), ("b", _ent("e2", "Donald Tusk")),
                          ("b", _ent("e3", "Donald")), ("c", _ent("e1", "Donald"))])
    assert linked.key("a", "e2") == "person:donald trump" and linked.reason("a", "e2") == "first-name:named-in-article"
    assert (linked.key("b", "e3"), linked.key("c", "e1")) == ("person:donald@b", "person:donald@c")


def test_a_one_word_org_that_is_a_persons_surname_is_that_person() -> None:
    linked = link_actors([("a", _ent("e1", "Donald Trump")), ("a", _ent("e2", "Trump", "ORG")),
                          ("b", _ent("e1", "Bernie Sanders")), ("c", _ent("e1", "Sanders")),
                          ("d", _ent("e1", "Sanders", "ORG")),
                          ("e", _ent("e1", "Battleground Senate")), ("f", _ent("e1", "Senate", "ORG"))])
    assert linked.key("a", "e2") == "person:donald trump"
    assert linked.reason("a", "e2") == "surname:named-in-article/typed-org"
    assert linked.key("d", "e1") == linked.key("c", "e1") == "person:bernie sanders"
    assert linked.key("f", "e1") == "org:senate@f"  # "Battleground Senate" is no name; "Senate" uncoded: some senate


def test_a_bare_surname_candidates_are_the_people_named_near_the_articles_date() -> None:
    items = [("b", _ent("e1", "Boris Johnson")), ("m", _ent("e1", "Mike Johnson")), ("x", _ent("e1", "Johnson"))]
    dated = link_actors(items, published={"b": "2019-07-24", "m": "2023-10-25", "x": "2019-09-03"})
    assert dated.key("x", "e1") == "person:boris johnson" and dated.reason("x", "e1") == "surname:one-candidate"
    assert link_actors(items).key("x", "e1") == "person:johnson@x"  # undated: every Johnson of the corpus


def test_a_party_its_members_and_its_adjective_are_one_actor_with_a_party_code() -> None:
    rows = [("a", _us()), ("a", _ent("e1", "Republican", "NORP")), ("a", _ent("e2", "Democrats", "NORP")),
            ("b", _us()), ("b", _ent("e1", "Republicans", "NORP")), ("b", _ent("e2", "Democratic Party", "ORG")),
            ("c", _ent("e1", "GOP", "ORG", country="USA", actor="USAPTY")), ("x", _ent("e2", "Democrat", "NORP")),
            ("d", _us()), ("d", _ent("e1", "democratic", "NORP")), ("d", _ent("e2", "Republican Party", "ORG")),
            ("g", _ent("g", "London", "GPE", country="GBR")), ("g", _ent("e1", "Labour", "ORG")),
            ("n", _ent("g", "Wellington", "GPE", country="NZL")), ("n", _ent("e1", "Labour", "ORG"))]
    linked = link_actors(rows)
    gop = {linked.key(a, e) for a, e in [("a", "e1"), ("b", "e1"), ("c", "e1"), ("d", "e2")]}
    assert gop == {"party:USA:republican party"}
    dem = {linked.key(a, e) for a, e in [("a", "e2"), ("b", "e2")]}
    assert dem == {"party:USA:democratic party"}
    party = linked.actors["party:USA:republican party"]
    assert (party.name, party.type, party.actor, party.country) == ("Republican Party", "ORG", "USAPTY", "USA")
    assert linked.key("x", "e2") == "norp:democrat"  # an article naming no country: not known whose party
    assert linked.key("d", "e1") == "norp:democratic"  # the adjective "democratic" is no party
    assert linked.key("g", "e1") != linked.key("n", "e1")
    assert linked.actors[linked.key("n", "e1")].actor == "NZLPTY"
    assert linked.reason("a", "e1") == "party-alias:article-country"


def test_acronyms_institutions_and_nationalities() -> None:
    linked = link_actors([
        ("a", _ent("e1", "Institute for Science and International Security", "ORG")),
        ("b", _ent("e1", "ISIS", "ORG", actor="IMG")),
        ("c", _ent("e1", "Democratic National Committee", "ORG", actor="USAPTY")),
        ("c", _ent("e2", "Democratic National Convention", "ORG")), ("d", _ent("e1", "DNC", "ORG", actor="USAPTY")),
        ("e", _ent("e1", "Senate", "ORG")), ("e", _ent("e2", "U.S. Senate", "ORG")),
        ("f", _ent("e1", "United States Senate", "ORG")), ("f", _ent("e2", "U.S. Senate", "ORG")),
        ("y", _us()), ("y", _ent("e1", "Senate", "ORG")),
        ("g", _ent("e1", "Muslims", "NORP")), ("h", _ent("e1", "Muslim", "NORP")),
        ("i", _ent("e1", "White House", "ORG")), ("k", _ent("e1", "White House", "ORG")),
        ("j", _ent("e1", "White House", "OTHER", actor="USAGOV"))])
    assert linked.key("b", "e1") == "org:islamic state"  # the group (alias table), never the institute
    assert linked.key("d", "e1") == "org:democratic national committee"
    assert linked.key("e", "e1") == linked.key("f", "e1") == "org:us senate"
    assert linked.key("y", "e1") == "org:senate@y"  # uncoded, a US story's "Senate" may be a state's
    assert linked.key("g", "e1") == linked.key("h", "e1") == "norp:muslims"
    assert linked.key("i", "e1") == linked.key("j", "e1") == "org:white house"


def test_surname_and_party_decisions_do_not_depend_on_input_order() -> None:
    rows = [("a", _us()), ("a", _ent("e1", "Donald Trump", gender="male")), ("a", _ent("e2", "Trump", "ORG")),
            ("a", _ent("e3", "Republicans", "NORP")), ("b", _ent("e1", "Melania Trump", gender="female")),
            ("c", _ent("e1", "Trump")), ("c", _ent("e2", "Donald")), ("d", _ent("e1", "Donald J. Trump")),
            ("e", _ent("e1", "Obama", role="President")), ("f", _ent("e1", "Barack Obama", role="President")),
            ("g", _ent("e1", "Michelle Obama", role="First Lady")), ("h", _us()), ("h", _ent("e1", "GOP", "ORG"))]
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    a, b = link_actors(rows), link_actors(shuffled)
    assert dict(a.links) == dict(b.links) and dict(a.actors) == dict(b.actors) and dict(a.why) == dict(b.why)


def test_every_link_keeps_its_reason(links) -> None:
    assert set(links.why) == set(links.links)
    assert all(links.why.values())
    key = links.key("a6", next(iter(k for a, k in links.links if a == "a6")))
    assert sum(links.reasons(key).values()) >= 1


def test_linking_does_not_depend_on_input_order(analyses) -> None:
    items = [(an.article.id, e) for an in analyses for e in an.entities]
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    a, b = link_actors(items), link_actors(shuffled)
    assert dict(a.links) == dict(b.links) and dict(a.actors) == dict(b.actors)


# -- events on the corpus ----------------------------------------------------------------------------------------

def test_no_cluster_merges_distinct_events(labelled_rows) -> None:
    label_of = {(r.article_id, r.event_id): label for r, label in labelled_rows}
    for cluster in cluster_events(r for r, _ in labelled_rows):
        labels = {label_of[(m.article_id, m.event_id)] for m in cluster.members}
        assert len(labels) == 1, _describe(cluster, label_of)


@pytest.mark.parametrize("event", REAL_EVENTS)
def test_one_cluster_per_real_event(labelled_rows, event: str) -> None:
    """Reports the extractor codes differently may stay alone, but the rest form one multi-article cluster."""
    label_of = {(r.article_id, r.event_id): label for r, label in labelled_rows}
    clusters = [c for c in cluster_events(r for r, _ in labelled_rows)
                if any(label_of[(m.article_id, m.event_id)] == event for m in c.members)]
    multi = [c for c in clusters if len(c.articles) > 1]
    assert len(multi) == 1, "\n".join(_describe(c, label_of) for c in clusters)


def test_expected_reports_join_their_event(labelled_rows) -> None:
    label_of = {(r.article_id, r.event_id): label for r, label in labelled_rows}
    articles = defaultdict(set)
    for cluster in cluster_events(r for r, _ in labelled_rows):
        if len(cluster.articles) > 1:
            articles[label_of[(cluster.members[0].article_id, cluster.members[0].event_id)]] = set(cluster.articles)
    assert articles["BARRAGE"] >= {"a2", "a3"}
    assert articles["SANCTIONS"] >= {"a3", "a4"}
    assert articles["ANKARA"] == {"a5", "a6"}
    assert articles["BARRAGE2"] == {"a7", "a8"}
    assert "PRESSURE" not in articles  # "only real pressure will do that," Zelenskyy said: no act of his


def test_the_attack_a_week_later_stays_apart(labelled_rows) -> None:
    label_of = {(r.article_id, r.event_id): label for r, label in labelled_rows}
    for cluster in cluster_events(r for r, _ in labelled_rows):
        labels = {label_of[(m.article_id, m.event_id)] for m in cluster.members}
        assert not {"BARRAGE", "BARRAGE2"} <= labels
    barrage = next(r for r, label in labelled_rows if label == "BARRAGE" and r.article_id == "a3")
    later = next(r for r, label in labelled_rows if label == "BARRAGE2" and r.article_id == "a8")
    assert barrage.type == later.type and barrage.source_key == later.source_key == "gpe:RUS"
    assert not same_event(barrage, later)


def test_event_clusters_do_not_depend_on_input_order(labelled_rows) -> None:
    rows = [r for r, _ in labelled_rows]
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    assert cluster_events(rows) == cluster_events(shuffled)


# -- quotes on the corpus ----------------------------------------------------------------------------------------

def test_the_same_zelenskyy_quote_in_three_outlets_is_one_quote_with_three_sources(analyses, links) -> None:
    rows = [r for an in analyses for r in quote_rows(an, links.links)]
    clusters = cluster_quotes(rows)
    zel = [c for c in clusters if c.speaker_key == "person:volodymyr zelenskyy"]
    assert len(zel) == 1
    assert zel[0].sources == ("a1", "a2", "a3")
    assert normalize_quote(zel[0].text) == ("russia must be forced to stop this war and only real pressure "
                                            "will do that")
    # nobody else's words were folded in
    assert all(len(c.sources) == 1 for c in clusters if c is not zel[0])


# -- event rules on hand-made rows -------------------------------------------------------------------------------

def _row(eid: str, date: str | None = "2025-05-20", gran: str | None = "day", *, article: str | None = None,
         type_: str = "ASSAULT", src: str | None = "RUS", tgt: str | None = "UKR", modality: str = "asserted",
         src_key: str | None = None, tgt_key: str | None = None, country: str | None = None,
         published: str | None = None) -> EventRow:
    return EventRow(article_id=article or eid, event_id="ev1", type=type_, source_actor=src, target_actor=tgt,
                    source_key=src_key, target_key=tgt_key, date=date, granularity=gran, country=country,
                    modality=modality, published=published or date)


def _groups(rows: list[EventRow]) -> list[set[str]]:
    return sorted(({m.article_id for m in c.members} for c in cluster_events(rows)), key=sorted)


def test_day_window_and_sector_codes_at_country_level() -> None:
    rows = [_row("a", "2025-05-20"), _row("b", "2025-05-22", src="RUSMIL", tgt="UKRGOV"), _row("c", "2025-05-27")]
    assert _groups(rows) == [{"a", "b"}, {"c"}]


def test_publication_dates_look_back_a_few_days() -> None:
    rows = [_row("a", "2025-05-20"), _row("b", "2025-05-22", "publication"), _row("c", "2025-05-17", "publication")]
    # b (published 22nd, undated) may be about the 20th; c was published before the 20th and cannot be, and
    # five days from b is too far for two undated reports
    assert _groups(rows) == [{"a", "b"}, {"c"}]


def test_a_chain_of_close_dates_does_not_stretch_one_cluster_over_a_week() -> None:
    rows = [_row(x, f"2025-05-{d}") for x, d in zip("abcde", (20, 22, 24, 26, 28), strict=True)]
    for cluster in cluster_events(rows):
        days = [int(m.date[-2:]) for m in cluster.members]
        assert max(days) - min(days) <= 4


def test_month_dates_join_only_the_one_cluster_inside_the_month() -> None:
    alone = [_row("a", "2025-05-20"), _row("m", "2025-05", "month"), _row("x", "2025-06-02")]
    assert _groups(alone) == [{"a", "m"}, {"x"}]
    ambiguous = [_row("a", "2025-05-06"), _row("b", "2025-05-20"), _row("m", "2025-05", "month")]
    assert _groups(ambiguous) == [{"a"}, {"b"}, {"m"}]
    background = [_row("m1", "2022-02", "month", modality="historical"), _row("m2", "2022-02", "month"),
                  _row("y", "2022", "year")]
    assert _groups(background) == [{"m1", "m2", "y"}]


def test_week_dates_are_their_monday_to_sunday_week() -> None:
    # dateparser's "a week" on Tuesday 27 May is 20 May: that week is 19-25 May
    rows = [_row("w", "2025-05-20", "week"), _row("a", "2025-05-25"), _row("b", "2025-05-29")]
    assert _groups(rows) == [{"a", "w"}, {"b"}]


def test_only_asserted_or_historical_events_cluster() -> None:
    rows = [_row("a"), _row("b", modality="negated"), _row("c", modality="future"), _row("d", modality="historical")]
    assert _groups(rows) == [{"a", "d"}, {"b"}, {"c"}]


def test_missing_target_needs_a_strong_match() -> None:
    strong = [_row("a", src="RUSGOV"), _row("b", "2025-05-21", src="RUSGOV", tgt=None)]
    assert _groups(strong) == [{"a", "b"}]
    weak_source = [_row("a", src="RUSGOV"), _row("b", "2025-05-21", src="RUSMIL", tgt=None)]
    assert _groups(weak_source) == [{"a"}, {"b"}]
    undated = [_row("a", src="RUSGOV"), _row("b", "2025-05-21", "publication", src="RUSGOV", tgt=None)]
    assert _groups(undated) == [{"a"}, {"b"}]


def test_a_target_less_report_does_not_bridge_two_targets() -> None:
    rows = [_row("a", tgt="UKR"), _row("b", tgt=None), _row("c", tgt="POL")]
    groups = _groups(rows)
    assert not any({"a", "c"} <= g for g in groups)


def test_places_and_keys() -> None:
    assert not same_event(_row("a", country="UKR"), _row("b", country="POL"))
    assert same_event(_row("a", country="UKR"), _row("b"))
    putin = dict(src=None, src_key="person:vladimir putin", tgt="TURGOV")
    assert same_event(_row("a", type_="CONSULT", **putin), _row("b", type_="CONSULT", src="RUSGOV",
                                                                 src_key="person:vladimir putin", tgt="TUR"))
    assert not same_event(_row("a", src="IGO", src_key="org:nato"), _row("b", src="IGO", src_key="org:osce"))
    assert not same_event(_row("a", src=None), _row("b", src=None))  # no source: too little to go on
    assert not same_event(_row("a"), _row("b", type_="COERCE"))


# -- quote rules on hand-made rows -------------------------------------------------------------------------------

def test_quote_text_normalisation_and_near_identity() -> None:
    assert normalize_quote("\u201cWe  will \u2014 NOT back down,\u201d") == "we will not back down"
    long = "We will not accept any deal that rewards aggression and leaves our people under occupation"
    assert near_identical(long, "We will not accept any deal that rewards aggression")  # 9 tokens contained
    assert not near_identical(long, "We will not accept any deal")  # too short to be sure
    assert not near_identical("We will win.", "We will lose.")


def test_quotes_cluster_by_speaker() -> None:
    text = "\u201cThe sanctions will stay until the last soldier has left,\u201d"
    rows = [QuoteRow("a", "q1", text, speaker_key="person:kaja kallas"),
            QuoteRow("b", "q1", text.replace("\u201c", '"').replace("\u201d", '"'), speaker_key="person:kaja kallas"),
            QuoteRow("c", "q1", text, speaker_key="person:ursula von der leyen"),
            QuoteRow("d", "q1", text, speaker_name="an EU official"),
            QuoteRow("e", "q1", text, speaker_name="An EU Official"),
            QuoteRow("f", "q1", text)]
    groups = sorted((set(c.sources) for c in cluster_quotes(rows)), key=sorted)
    assert groups == [{"a", "b"}, {"c"}, {"d", "e"}, {"f"}]


def test_an_organisations_aliases_are_one_actor() -> None:
    from newsledger.corpus.actors import link_actors
    from newsledger.records import Entity

    rows = [("a1", Entity("e1", "ISIS", "ORG", [(0, 4)], actor="IMG")),
            ("a2", Entity("e1", "Islamic State", "ORG", [(0, 13)], actor="IMG")),
            ("a3", Entity("e1", "ISIL", "ORG", [(0, 4)], actor="IMG")),
            ("a4", Entity("e1", "NATO", "ORG", [(0, 4)], actor="IGO")),
            ("a5", Entity("e1", "North Atlantic Treaty Organization", "ORG", [(0, 34)], actor="IGO"))]
    links = link_actors(rows)
    assert len({links.key(a, "e1") for a in ("a1", "a2", "a3")}) == 1
    assert links.key("a4", "e1") == links.key("a5", "e1")
    assert links.reason("a1", "e1") == "org:alias-table"


def test_a_faith_or_people_and_its_adjective_are_one_group_and_a_regions_adjective_is_the_region() -> None:
    linked = link_actors([("a", _ent("e1", "Muslims", "NORP")), ("b", _ent("e1", "Islamic", "NORP")),
                          ("c", _ent("e1", "Islam", "ORG")), ("d", _ent("e1", "Jewish", "NORP")),
                          ("e", _ent("e1", "Jews", "NORP")), ("f", _ent("e1", "European", "NORP", actor="EUR")),
                          ("g", _ent("e1", "Europe", "GPE")), ("h", _ent("e1", "Islamist", "NORP"))])
    assert len({linked.key(a, "e1") for a in "abc"}) == 1
    assert linked.key("d", "e1") == linked.key("e", "e1")
    assert linked.key("f", "e1") == linked.key("g", "e1") == "gpe:europe"
    assert linked.key("h", "e1") not in {linked.key("a", "e1")}  # a political current, not the faith's people
    latinos = link_actors([("a", _ent("e1", "Latinos", "NORP")), ("b", _ent("e1", "Hispanic", "NORP")),
                           ("c", _ent("e1", "Latinos")), ("d", _ent("e1", "Christian Ortiz"))])
    assert latinos.key("a", "e1") == latinos.key("b", "e1") == latinos.key("c", "e1")  # a plural typed PERSON too
    assert latinos.key("d", "e1") == "person:christian ortiz"


def test_a_metonym_is_the_institution_it_stands_for() -> None:
    linked = link_actors([("a", _ent("e1", "Capitol Hill", "ORG", actor="USALEG")),
                          ("b", _ent("e1", "Congress", "ORG", actor="USALEG")),
                          ("c", _ent("e1", "Oval Office", "ORG", actor="USAGOV")),
                          ("d", _ent("e1", "White House", "ORG", actor="USAGOV"))])
    assert linked.key("a", "e1") == linked.key("b", "e1")
    assert linked.key("c", "e1") == linked.key("d", "e1") == "org:white house"


def test_a_short_name_is_the_one_longer_name_of_its_article_or_stays_there() -> None:
    linked = link_actors([("a", _ent("e1", "The Washington Post", "ORG")), ("a", _ent("e2", "Post", "ORG")),
                          ("b", _ent("e1", "Post", "ORG")), ("c", _ent("e1", "Post", "ORG")),
                          ("d", _ent("e1", "PAC", "ORG")), ("e", _ent("e1", "PAC", "ORG"))])
    assert linked.key("a", "e2") == linked.key("a", "e1") and linked.reason("a", "e2") == "org:short-form-in-article"
    assert linked.key("b", "e1") != linked.key("c", "e1")  # some Post: New York, Washington, Jerusalem...
    assert linked.key("d", "e1") != linked.key("e", "e1")  # "super PAC" names a kind of committee


def test_a_shared_institution_coded_to_a_country_joins_that_countrys_institution() -> None:
    linked = link_actors([("a", _ent("e1", "U.S. Senate", "ORG")), ("b", _ent("e1", "Senate", "ORG", actor="USALEG")),
                          ("c", _ent("e1", "Senate", "ORG", actor="PHLLEG")), ("d", _ent("e1", "Senate", "ORG"))])
    assert linked.key("b", "e1") == linked.key("a", "e1") == "org:us senate"
    assert linked.key("c", "e1") == "org:senate/PHLLEG"
    assert linked.key("d", "e1") == "org:senate@d"


def test_a_place_typed_as_an_organisation_now_and_then_is_the_place() -> None:
    rows = [(a, _ent("e1", "Benghazi", "GPE", country="LBY")) for a in "abc"] + [("d", _ent("e1", "Benghazi", "ORG"))]
    rows.append(("e", _ent("e1", "Reuters", "ORG")))
    linked = link_actors(rows)
    assert linked.key("d", "e1") == "gpe:LBY" and linked.reason("d", "e1") == "type:place-elsewhere"


def test_an_outlets_short_name_shortens_only_an_outlets_name() -> None:
    linked = link_actors([("a", _ent("e1", "The New York Times", "ORG")), ("a", _ent("e2", "The Times", "ORG")),
                          ("b", _ent("e1", "Capitol Hill", "ORG", actor="USALEG")),
                          ("b", _ent("e2", "The Hill", "ORG"))])
    assert linked.key("a", "e2") == linked.key("a", "e1")
    assert linked.key("b", "e2") != linked.key("b", "e1")  # the newspaper, not Congress
