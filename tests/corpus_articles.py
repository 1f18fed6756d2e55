"""A small corpus for the cross-article tests: nine short reports, written for this project in the voices of
different outlets, of the same few events in different words.

Real events (what a reader would call one happening); 20 and 27 May 2025 were Tuesdays:

- BARRAGE: Russia's drone attack on Kyiv overnight into Tuesday 20 May 2025 (articles a1, a2, a3).
- SANCTIONS: the European Union's new sanctions on Russia, adopted on Tuesday 20 May 2025 (a3, a4, a9).
- ANKARA: Vladimir Putin's talks with Recep Tayyip Erdogan in Ankara on Wednesday 21 May 2025 (a5, a6).
- BARRAGE2: a second Russian drone attack on Kyiv a week later, Tuesday 27 May 2025 (a7, a8): same actors
  and type as BARRAGE, a different event.
- PRESSURE: Zelenskyy's words that "only real pressure" will stop Russia (a1, a2, a3): pressure he speaks of, not an
  act of his, so no event record (the reporter is never the agent of the event in his words).

The same Zelenskyy quote is in a1, a2 and a3 with different quotation marks, dashes and spacing.
"Putin" alone (a5) and "Vladimir Putin" (a6) are one man; Boris Johnson (a6) and Mike Johnson (a7) are two.
a1, a2 and a9 say "on Tuesday" on a Tuesday, which the extractor dates a week early (see test_corpus.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusArticle:
    id: str
    source: str
    published: str
    text: str
    events: tuple[str, ...]  # the real events (above) the article reports
    # hand annotation of the extractor's events: trigger text -> the real event it reports. Events not listed are
    # other happenings (air defence shooting drones down, a ministers' meeting) and must not join these clusters.
    gold: tuple[tuple[str, str], ...] = ()


ARTICLES: tuple[CorpusArticle, ...] = (
    CorpusArticle(
        id="a1",
        source="Kyiv Morning Post",
        published="2025-05-20",
        events=("BARRAGE",),
        gold=(("launched", "BARRAGE"), ("pressure", "PRESSURE")),
        text=(
            "Russia launched 90 drones at Kyiv overnight on Tuesday, Ukrainian officials said. "
            "Air defence units shot down most of them, but debris damaged apartment blocks in two districts. "
            "\u201cRussia must be forced to stop this war, and only real pressure will do that,\u201d "
            "President Volodymyr Zelenskyy said. "
            "The city's mayor said at least four people were injured."
        ),
    ),
    CorpusArticle(
        id="a2",
        source="Continental Wire",
        published="2025-05-20",
        events=("BARRAGE",),
        gold=(("drone barrage", "BARRAGE"), ("attacked", "BARRAGE"), ("pressure", "PRESSURE")),
        text=(
            "A Russian drone barrage hit the Ukrainian capital early on Tuesday. "
            "Russian forces attacked Kyiv with dozens of drones, the Ukrainian air force said. "
            "\"Russia must be forced to stop this war - and only real pressure will do that,\" "
            "Ukrainian President Volodymyr Zelenskyy said in a statement. "
            "Residents spent the night in metro stations."
        ),
    ),
    CorpusArticle(
        id="a3",
        source="Euro Daily",
        published="2025-05-21",
        events=("BARRAGE", "SANCTIONS"),
        gold=(("struck", "BARRAGE"), ("imposed new sanctions", "SANCTIONS"), ("pressure", "PRESSURE")),
        text=(
            "Russia struck Kyiv with a swarm of drones on Tuesday, hours before European ministers met in Brussels. "
            "\u201cRussia  must be forced to stop this war \u2014 and only real pressure will do that,\u201d "
            "Volodymyr Zelenskyy said. "
            "The European Union imposed new sanctions on Russia on Tuesday, targeting nearly 200 tankers. "
            "Diplomats said further measures were being prepared."
        ),
    ),
    CorpusArticle(
        id="a4",
        source="Brussels Bulletin",
        published="2025-05-21",
        events=("SANCTIONS",),
        gold=(("imposed a seventeenth package of sanctions", "SANCTIONS"),),
        text=(
            "EU foreign ministers imposed a seventeenth package of sanctions on Russia on Tuesday. "
            "The measures target tankers of the so-called shadow fleet that carry Russian oil. "
            "Hungary had earlier asked for exemptions for its energy companies. "
            "Officials said the package was agreed after weeks of talks."
        ),
    ),
    CorpusArticle(
        id="a5",
        source="Anatolian Review",
        published="2025-05-22",
        events=("ANKARA",),
        gold=(("met", "ANKARA"), ("discussed", "ANKARA")),
        text=(
            "Putin met Turkish President Recep Tayyip Erdogan in Ankara on Wednesday. "
            "The two leaders discussed trade and the war in Ukraine, Turkish officials said. "
            "Erdogan offered to host new peace talks in Istanbul. "
            "Putin said he was open to further meetings."
        ),
    ),
    CorpusArticle(
        id="a6",
        source="London Ledger",
        published="2025-05-22",
        events=("ANKARA",),
        gold=(("held talks", "ANKARA"),),
        text=(
            "Russian President Vladimir Putin held talks with Recep Tayyip Erdogan in Ankara on Wednesday. "
            "Former British prime minister Boris Johnson criticised the visit. "
            "\u201cTurkey should not be giving a platform to the man who started this war,\u201d Johnson said. "
            "Officials in Ankara said the talks lasted three hours."
        ),
    ),
    CorpusArticle(
        id="a7",
        source="Kyiv Morning Post",
        published="2025-05-27",
        events=("BARRAGE2",),
        gold=(("attacked", "BARRAGE2"), ("killed", "BARRAGE2")),
        text=(
            "Russia attacked Kyiv with another wave of drones overnight, officials said. "
            "Two people were killed in the Solomianskyi district, the city administration said. "
            "In Washington, House Speaker Mike Johnson said Congress would debate new aid for Ukraine. "
            "\u201cWe will look at every option,\u201d Johnson told reporters."
        ),
    ),
    CorpusArticle(
        id="a8",
        source="Continental Wire",
        published="2025-05-28",
        events=("BARRAGE2",),
        gold=(("drones attacked", "BARRAGE2"), ("attacked", "BARRAGE2")),
        text=(
            "Russian drones attacked Kyiv on Tuesday for the second week running. "
            "Ukraine's air force said it intercepted 60 of the 72 drones launched overnight. "
            "Rescuers worked through the night to clear the rubble of a burning office building."
        ),
    ),
    CorpusArticle(
        id="a9",
        source="Baltic Times Online",
        published="2025-05-20",
        events=("SANCTIONS",),
        gold=(("sanctioned", "SANCTIONS"),),
        text=(
            "The EU sanctioned Russia again on Tuesday, adding nearly 200 tankers to its blacklist. "
            "Kaja Kallas, the bloc's foreign policy chief, said more measures were being prepared. "
            "Moscow called the sanctions illegal."
        ),
    ),
)
