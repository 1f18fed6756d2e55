"""HTML pages that are not simply an <article>: furniture-only pages refused, dates never from reader comments,
the standfirst kept when it sits in a header block outside the article container (newsledger.ingest.html)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import read_items
from newsledger.ingest.html import boilerplate_reason, html_article, with_lead

NAV = """<header class="masthead"><a href="/">The Valley Courier</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li><li><a href="/money">Money</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/arts">Arts</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/puzzles">Puzzles</a></li></ul></nav></header>"""
FOOTER = """<footer><ul><li><a href="/about">About us</a></li><li><a href="/jobs">Jobs</a></li>
<li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
<p>© 2025 Valley Courier Media. All rights reserved.</p></footer>"""
STORY = [
    "The regional assembly approved the new transport budget on Wednesday by 41 votes to 37 after a long debate.",
    "“Every village will have a bus at least once an hour,” the transport minister told the chamber before the vote.",
    "Opposition members said the plan relied on fare rises and promised to reverse it if they won the next election.",
]


def page(body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Valley Courier</title>{head}"
            f"</head><body>{body}</body></html>").encode()


def story(paragraphs: list[str] = STORY, before: str = "") -> str:
    return f"<article><h1>Assembly passes bus budget</h1>{before}{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"


def read(data: bytes, **defaults: str | None) -> Article | InputError:
    return html_article("page.html", data, {"published": None, "title": None, "source": None, **defaults})


def article(data: bytes, **defaults: str | None) -> Article:
    art = read(data, **defaults)
    assert isinstance(art, Article), art
    return art


# ---- pages with no article in them ---------------------------------------------------------------------------
CUT_AFTER_NAV = page(NAV + """<div class="section-menu"><ul><li><a href="/politics/assembly">Assembly</a></li>
<li><a href="/politics/councils">Councils</a></li><li><a href="/politics/courts">Courts</a></li></ul></div>
<div class="most-read"><h3>Most read</h3><ol><li><a href="/1">Bridge closure will last until the summer</a></li>
<li><a href="/2">Hospital waiting lists fall for third month in a row</a></li>
<li><a href="/3">Farmers protest against new water charges in the capital</a></li></ol></div>""" + FOOTER)

COOKIE_WALL = page("""<div id="consent"><h2>Your privacy</h2>
<p>We use cookies and similar technologies to personalise content and ads and to analyse our traffic.</p>
<p>You can change your choices at any time by visiting the cookie settings page linked at the foot of every page.</p>
<button>Accept all cookies</button> <button>Reject</button></div>""" + NAV + """
<div class="about"><p>The Valley Courier has reported on the valley and its people since 1887.</p></div>""" + FOOTER)

TEASERS = page(NAV + "<div class='latest'>" + "".join(
    f"<div class='teaser'><a href='/s{i}'>{t}</a></div>" for i, t in enumerate([
        "Assembly passes the bus budget after a long night of debate in the chamber.",
        "Mayor says the new bridge will open in the spring of next year, not this autumn.",
        "Teachers vote to strike over pay for the second time this year, union leaders say.",
        "Police name the man found dead at the harbour on Sunday morning after a search.",
    ])) + "</div>" + FOOTER)


@pytest.mark.parametrize("data", [CUT_AFTER_NAV, COOKIE_WALL, TEASERS], ids=["cut-after-nav", "cookie-wall", "teasers"])
def test_pages_of_furniture_only_are_refused(data: bytes) -> None:
    err = read(data)
    assert isinstance(err, InputError), err
    assert err.item == "page.html"
    assert err.reason.startswith("no article text found in the HTML, only navigation or boilerplate"), err.reason


def test_articles_with_furniture_around_them_are_kept() -> None:
    full = article(page(NAV + story() + FOOTER))
    assert "41 votes to 37" in full.text and "Puzzles" not in full.text
    brief = article(page(NAV + story(STORY[:2]) + FOOTER))  # two paragraphs: a short story is still a story
    assert "once an hour" in brief.text
    listy = STORY + [f"{name}: {n} votes" for name, n in [("Ana Costa", "12,301"), ("Ben Okafor", "9,874"),
                                                           ("Carla Diaz", "4,020"), ("Dev Patel", "1,117")]]
    assert "Dev Patel" in article(page(NAV + story(listy) + FOOTER)).text  # a story with a list of results


def test_boilerplate_rule_on_lines() -> None:
    prose = "The minister resigned on Friday after a week of pressure from her own party."  # 14 words
    assert boilerplate_reason("\n".join([prose] * 3)) is None
    assert boilerplate_reason(prose) is not None  # one sentence: under MIN_PROSE_WORDS
    assert boilerplate_reason("\n".join([prose] * 3 + ["Home", "World", "Sport"] * 60)) is not None  # share
    cookie = "We use cookies to make this site work and to understand how you use it, please accept them."
    assert boilerplate_reason("\n".join([cookie] * 4)) is not None
    assert boilerplate_reason("\n".join([prose] * 3), {prose.rstrip(".")}) is not None  # each line a link's text


def test_a_refused_page_is_one_failed_item_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_menu.html").write_bytes(CUT_AFTER_NAV)
    (folder / "b_story.html").write_bytes(page(NAV + story() + FOOTER))
    results = dict(read_items(folder))
    assert isinstance(results[str(folder / "a_menu.html")], InputError)
    assert isinstance(results[str(folder / "b_story.html")], Article)
    done = subprocess.run([sys.executable, "-m", "newsledger.cli", "ingest", str(folder), "--db",
                           str(tmp_path / "l.duckdb"), "--no-progress"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr  # one item failed: the exit code says so
    assert "a_menu.html: no article text found in the HTML, only navigation or boilerplate" in done.stderr
    assert "Traceback" not in done.stderr and "added 1" in done.stderr


# ---- the publication date ------------------------------------------------------------------------------------
COMMENTS = """<section id="comments"><h2>Comments (2)</h2>
<div class="comment"><b>riverfan</b> <time datetime="2024-02-11T10:00:00">11 February 2024</time>
<p>About time somebody fixed the buses.</p></div>
<div class="comment"><b>k_m</b> <time datetime="2024-02-12T08:30:00">12 February 2024</time><p>Agreed.</p></div>
</section>"""


def test_date_not_from_comments_placed_before_the_article() -> None:
    # a "latest comments" box above the story, its dates older than the story's byline date
    box = """<aside class="comments-list"><h3>Latest comments</h3>
    <div class="comment"><span class="date">3 January 2024</span> On the ferry timetable: at last.</div>
    <div class="comment"><time datetime="2024-01-04">4 January 2024</time> On the library: shameful.</div></aside>"""
    byline = '<p class="byline">By Mara Quinn, <time datetime="2024-01-30T07:00:00">30 January 2024</time></p>'
    art = article(page(NAV + box + story(before=byline) + FOOTER))
    assert art.published == "2024-01-30"
    assert "ferry timetable" not in art.text


def test_date_from_meta_tags_and_json_ld_not_comments() -> None:
    json_ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
               '"headline": "Assembly passes bus budget", "datePublished": "2024-01-30T08:00:00Z"}</script>')
    assert article(page(NAV + story() + COMMENTS + FOOTER, head=json_ld)).published == "2024-01-30"
    meta = '<meta property="article:published_time" content="2024-01-29T18:00:00+00:00">'
    assert article(page(NAV + story() + COMMENTS + FOOTER, head=meta)).published == "2024-01-29"


def test_a_page_dated_only_by_its_comments_has_no_date() -> None:
    art = article(page(NAV + story() + COMMENTS + FOOTER))
    assert art.published is None  # not 2024-02-11, nor 2025-01-01 from the footer's "© 2025"
    assert "riverfan" not in art.text and "About time somebody" not in art.text
    filled = article(page(NAV + story() + COMMENTS + FOOTER), published="2024-01-30")
    assert (filled.published, filled.published_from) == ("2024-01-30", "command-line")


def test_date_from_the_byline() -> None:
    byline = '<div class="byline">By Mara Quinn | Published 30 January 2024</div>'
    assert article(page(NAV + story(before=byline) + COMMENTS + FOOTER)).published == "2024-01-30"


# ---- the lead ------------------------------------------------------------------------------------------------
LEAD = "Buses will run every hour to every village under a budget the assembly passed late on Wednesday night."


def test_lead_in_a_header_block_outside_the_article_is_kept() -> None:
    body = (f"<header class='story-head'><h1>Assembly passes bus budget</h1><p class='lead'>{LEAD}</p></header>"
            f"<article>{''.join(f'<p>{p}</p>' for p in STORY)}</article>")
    art = article(page(NAV + body + FOOTER))
    assert art.text.startswith(LEAD + "\n" + STORY[0]), art.text[:300]
    assert art.text.count(LEAD) == 1


def test_standfirst_in_a_title_wrapper_is_kept() -> None:
    body = (f"<div class='article-top'><div class='title'><h1>Assembly passes bus budget</h1></div>"
            f"<div class='standfirst'>{LEAD}</div></div>"
            f"<div class='article-body'>{''.join(f'<p>{p}</p>' for p in STORY)}</div>")
    art = article(page(NAV + body + FOOTER))
    assert art.text.startswith(LEAD), art.text[:300]
    assert art.text.count(LEAD) == 1


def test_lead_inside_the_article_is_not_doubled() -> None:
    art = article(page(NAV + story(before=f"<p class='lead'>{LEAD}</p>") + FOOTER))
    assert art.text.count(LEAD) == 1
    assert art.text.index(LEAD) < art.text.index(STORY[0])


def test_other_stories_summaries_are_no_lead() -> None:
    related = ("<div class='related'><h3>Related</h3><p class='summary'>The ferry operator has cut its winter "
               "timetable to two crossings a day, blaming the cost of fuel and crew.</p></div>")
    art = article(page(NAV + story() + related + FOOTER))
    assert "ferry operator" not in art.text


def test_lead_goes_after_a_headline_line() -> None:
    text = "Assembly passes bus budget\n" + "\n".join(STORY)
    assert with_lead(text, LEAD, {"Assembly passes bus budget"}).splitlines()[:3] == [
        "Assembly passes bus budget", LEAD, STORY[0]]
    assert with_lead(text, LEAD).startswith(LEAD + "\nAssembly passes bus budget")
    assert with_lead(text + "\n" + LEAD.replace(" ", "\n", 3), LEAD) == text + "\n" + LEAD.replace(" ", "\n", 3)


# ---- the web app reads pages through the same function -------------------------------------------------------
def test_web_paste_and_upload_use_the_same_reading() -> None:
    from newsledger.web.analysis_api import AnalyzeRequest, article_from_json, article_from_upload
    from newsledger.web.errors import ApiError

    body = (f"<header><h1>Assembly passes bus budget</h1><p class='lead'>{LEAD}</p></header>"
            f"<article>{''.join(f'<p>{p}</p>' for p in STORY)}</article>")
    pasted = article_from_json(AnalyzeRequest(text=page(NAV + body + COMMENTS + FOOTER).decode()))
    assert pasted.text.startswith(LEAD) and pasted.published is None
    uploaded = article_from_upload("story.html", page(NAV + body + COMMENTS + FOOTER), None, None)
    assert uploaded.text == pasted.text
    for call in (lambda: article_from_json(AnalyzeRequest(text=CUT_AFTER_NAV.decode())),
                 lambda: article_from_upload("menu.html", CUT_AFTER_NAV, None, None)):
        with pytest.raises(ApiError) as caught:
            call()
        assert caught.value.status == 400 and "navigation or boilerplate" in caught.value.message
