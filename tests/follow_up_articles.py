"""Thirteen short dated reports, written for the follow-up tests, about invented ministers of real countries.

Claims and what became of them (relation expected across articles):

- MEET (f01, 5 Jan 2026): Arakelyan will meet Guliyev in Geneva next month. Kept: they met in Geneva (f02,
  12 Feb) -> supports. f12 (20 Jan) tells of their 2024 meeting in Prague: history, never an outcome.
- NO-ATTACK (f03, 2 Mar): Todorovic promised that Serbia would not attack Kosovo. Broken: Serbia attacked
  Kosovo police posts (f04, 20 Mar) -> contradicts.
- TRADE (f05, 1 Apr): Beridze said Georgia will sign a trade agreement with Turkey. Left open: nothing follows.
- STRIKE (f06, 4 May): Guliyev warned that Azerbaijan would strike Armenia if the talks failed. Kept: Azerbaijan
  shelled Armenian positions (f07, 20 May) -> supports. Armenia's later attack on Azerbaijan (f14, 15 Jul) is the
  other side's act: no link.
- TALKS (f08, 1 Jun): Serikbayev promised to meet Osmonov next week. Broken: Osmonov refused to meet him
  (f09, 5 Jun) -> contradicts. Their meeting of 26 May (f10, published 28 May) came before the promise, and their
  meeting in Bishkek in September (f11) long after its horizon: no links.

Within one article, f01's last sentence (the 2024 meeting) is history and must not follow the MEET claim.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatedArticle:
    id: str
    published: str
    text: str


ARTICLES = (
    DatedArticle("f01", "2026-01-05", (
        "YEREVAN — Armenian Prime Minister Davit Arakelyan said on Monday that he will meet Azerbaijani "
        "President Rauf Guliyev in Geneva next month.\n\n"
        "Arakelyan spoke to reporters in Yerevan after a cabinet meeting. Arakelyan met Guliyev in Prague in "
        "2024.\n")),
    DatedArticle("f02", "2026-02-12", (
        "GENEVA — Armenian Prime Minister Davit Arakelyan met Azerbaijani President Rauf Guliyev in Geneva "
        "on Wednesday.\n\n"
        "The talks lasted four hours, officials said.\n")),
    DatedArticle("f03", "2026-03-02", (
        "BELGRADE — Serbian Defence Minister Milan Todorovic promised on Monday that Serbia would not attack "
        "Kosovo.\n\n"
        "Todorovic spoke at a news conference in Belgrade.\n")),
    DatedArticle("f04", "2026-03-20", (
        "PRISTINA — Serbia attacked Kosovo police posts near the border on Thursday, Kosovo officials said.\n\n"
        "Two officers were wounded.\n")),
    DatedArticle("f05", "2026-04-01", (
        "TBILISI — Georgian President Nino Beridze said on Tuesday that Georgia will sign a trade agreement "
        "with Turkey.\n\n"
        "Beridze spoke at a business forum in Tbilisi.\n")),
    DatedArticle("f06", "2026-05-04", (
        "BAKU — Azerbaijani President Rauf Guliyev warned on Monday that Azerbaijan would strike Armenia if "
        "the talks failed.\n\n"
        "Guliyev spoke in Baku.\n")),
    DatedArticle("f07", "2026-05-20", (
        "YEREVAN — Azerbaijan shelled Armenian positions near the border on Tuesday, the Armenian defence "
        "ministry said.\n\n"
        "No casualties were reported.\n")),
    DatedArticle("f08", "2026-06-01", (
        "ASTANA — Kazakh Foreign Minister Aidos Serikbayev promised on Monday that he will meet Kyrgyz Foreign "
        "Minister Bakyt Osmonov in Bishkek next week.\n\n"
        "Serikbayev spoke to reporters in Astana.\n")),
    DatedArticle("f09", "2026-06-05", (
        "BISHKEK — Kyrgyz Foreign Minister Bakyt Osmonov refused on Thursday to meet Kazakh Foreign Minister "
        "Aidos Serikbayev.\n\n"
        "Osmonov gave no reason.\n")),
    DatedArticle("f10", "2026-05-28", (
        "ASTANA — Kazakh Foreign Minister Aidos Serikbayev met Kyrgyz Foreign Minister Bakyt Osmonov in Astana "
        "on Tuesday.\n\n"
        "The ministers discussed water sharing.\n")),
    DatedArticle("f11", "2026-09-15", (
        "BISHKEK — Kazakh Foreign Minister Aidos Serikbayev met Kyrgyz Foreign Minister Bakyt Osmonov in "
        "Bishkek on Monday.\n\n"
        "The ministers discussed border crossings.\n")),
    DatedArticle("f12", "2026-01-20", (
        "BAKU — Azerbaijani President Rauf Guliyev met Armenian Prime Minister Davit Arakelyan in Prague in "
        "2024, his office recalled on Tuesday.\n\n"
        "The office published photographs of that meeting.\n")),
    DatedArticle("f14", "2026-07-15", (
        "BAKU — Armenia attacked Azerbaijani positions near the border on Monday, the Azerbaijani defence "
        "ministry said.\n\n"
        "Azerbaijan said it would respond.\n")),
)

EXPECTED = {
    ("f01", "f02", "supports"),
    ("f03", "f04", "contradicts"),
    ("f06", "f07", "supports"),
    ("f08", "f09", "contradicts"),
}
"""(claim article, later article, relation) of every follow-up across articles, and no other."""
