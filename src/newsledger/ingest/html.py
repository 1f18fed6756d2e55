"""HTML pages (an `.html`/`.htm` file, a WARC record, a fetched URL): the main text as trafilatura extracts it
(offsets are into that text), with title, date, site name and canonical URL from the page's metadata.

Three things are done around trafilatura, each with a rule that can be checked on the page:

* **Reader comments are cut out first** (`COMMENT_SECTIONS`: a div, section, aside, list or footer whose id or
  class names a comment section, `id="comments"`, `class="comment-list"`, Disqus's `disqus_thread`, or whose
  schema.org type is a Comment), so nothing of them, a `<time>` least of all, can become the article's text or
  date. An element holding the page's `<h1>` or `articleBody`, or more than half its text, is never cut.
* **The date is the article's own**: htmldate (through trafilatura) with ``original_date=True`` (publication,
  not last change) and ``extensive_search=False``: meta tags, JSON-LD, date/byline elements and `<time>`
  elements outside the comments are read, but no free-text scan of the whole page, which takes any date it
  meets (a comment's, a footer's "(c) 2025" as 2025-01-01). No date is better than a wrong one: the sidecar,
  the file name or `--published` can fill it.
* **A lead kept outside the article container is put back** (`page_lead`): the standfirst under the headline
  (`<header><h1>..</h1><p class="lead">..</p></header><article>..`) that trafilatura drops with the header
  becomes the text's first paragraph (after the headline, when the text starts with it), unless the text
  already holds it.

A page with no article in it, only menus, link lists, cookie notices and footers (a page cut off after its
navigation, a section front, a consent wall), is refused rather than analysed as an article of menu words:
see `boilerplate_reason` for the rule and its thresholds.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_HTML_BYTES, make_article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HTML_SUFFIXES = frozenset({".html", ".htm"})
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main)\b", re.I | re.S)
_BLOCK_TAGS = re.compile(r"</(?:p|div|h[1-6]|li|article|section)>", re.I)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_RE_NS = {"re": "http://exslt.org/regular-expressions"}
COMMENT_SECTIONS = (
    ".//*[self::div or self::section or self::aside or self::ol or self::ul or self::details or self::footer]["
    "re:test(@id, '^(?:comments?|comment-?list|comments?-(?:area|section|list|thread|wrapper|container)|respond"
    "|disqus_thread|dsq-comments|reader-comments|user-comments)$', 'i')"
    " or re:test(@class, '(?:^|\\s)(?:comments?|comment-?list|comments?-(?:area|section|list|thread|wrapper"
    "|container)|(?:article|post|reader|user)-comments|disqus)(?:\\s|$)', 'i')"
    " or re:test(@itemtype, 'schema\\.org/(?:User)?Comment$') or @itemprop='comment']"
)
"""XPath of the reader-comment sections cut out of a page before its text and date are read."""
_LEAD_CLASS = (
    "re:test(@class, '(?:^|[\\s_-])(?:lead|lede|standfirst|dek|deck|strap|strapline|intro|summary|subtitle"
    "|sub-?headline|sub-?head|excerpt)(?:[\\s_-]|$)', 'i') or @itemprop='description'"
)
LEAD_MIN_WORDS = 8
"""A lead is a sentence, not a label: at least this many words."""
LEAD_MAX_WORDS = 120
"""...and one paragraph, not a container of the whole story: at most this many words."""
_OUTSIDE_STORY = "ancestor-or-self::*[self::nav or self::footer or self::aside or self::form or self::menu]"
_BLOCKS_INSIDE = ".//*[self::p or self::div or self::ul or self::ol or self::li or self::table or self::section]"

PROSE_MIN_WORDS = 8
"""A line of the extracted text counts as prose when it has at least this many words, ends like a sentence
(. ! ? or an ellipsis, a closing quote or bracket allowed after), is not a link's text and is not boilerplate
(`_BOILERPLATE`: cookie notices, copyright lines, subscribe and sign-in prompts, terms and privacy links)."""
MIN_PROSE_WORDS = 30
"""A page whose text has fewer words in prose lines is refused: no news story is that short, but a footer's
"about us" sentence and a cookie notice are."""
MIN_PROSE_SHARE = 0.25
"""A page whose prose lines hold less than this share of the text's words is refused: menus and link lists
around a sentence or two. Real stories run at 0.8-1.0, and still over 0.4 with a table of results."""
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")
_BOILERPLATE = re.compile(
    r"\b(?:we|this (?:web)?site) uses? cookies\b|\bcookies? (?:policy|settings|preferences|consent)\b"
    r"|\baccept (?:all )?cookies\b|\ball rights reserved\b|\u00a9|\bcopyright\s+(?:\u00a9\s*)?\d{4}"
    r"|\bsubscribe (?:now|today|to our)\b|\bsign up for (?:our|the) newsletter\b|\bterms of (?:use|service)\b"
    r"|\bprivacy (?:policy|notice)\b|\benable javascript\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """Whether a pasted text is an HTML page's source rather than prose: it opens with a document tag (doctype,
    html, head, body, article, main), or opens with a tag and closes at least three block elements."""
    if _HTML_START.match(text):
        return True
    return text.lstrip().startswith("<") and len(_BLOCK_TAGS.findall(text[:200_000])) >= 3


def read_html_file(item: str, path: Path, defaults: dict[str, str | None]) -> Article | InputError:
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        return InputError(item, f"too large ({size:,} bytes; the limit for HTML is {MAX_HTML_BYTES:,})")
    return html_article(item, path.read_bytes(), defaults)


def html_article(
    item: str,
    data: bytes,
    defaults: dict[str, str | None],
    *,
    url: str | None = None,
    fallback: dict[str, str | None] | None = None,
) -> Article | InputError:
    """An HTML page's main text and metadata as an Article (an `.html` file, a WARC record, a fetched URL).

    `url` is where the page came from (trafilatura uses it when the page names no URL of its own, and for the
    site name); `fallback` fills metadata the page lacks (a WARC record's date), before the command line does.
    """
    if len(data) > MAX_HTML_BYTES:
        return InputError(item, f"too large ({len(data):,} bytes; the limit for HTML is {MAX_HTML_BYTES:,})")
    if b"\x00" in data:
        return InputError(item, "binary (contains NUL bytes)")
    if not data.strip():
        return InputError(item, "empty (no text)")
    import trafilatura  # here, not at the top: it costs a noticeable import for text-only runs

    try:
        tree = trafilatura.load_html(data)
        if tree is None:
            return InputError(item, "no article text found in the HTML")
        cut_comment_sections(tree)
        lead = page_lead(tree)
        headlines = {_norm(h.text_content()) for h in tree.iter("h1")}
        link_texts = {_norm(a.text_content()).rstrip(".!?\u2026 ") for a in tree.iter("a")}
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, url=url, include_comments=False,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": dt.date.today().isoformat()},
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on odd pages
        return InputError(item, f"HTML extraction failed ({type(exc).__name__}: {exc})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return InputError(item, "no article text found in the HTML")
    if lead:
        text = with_lead(text, lead, headlines)
    problem = boilerplate_reason(text, link_texts)
    if problem:
        return InputError(item, f"no article text found in the HTML, only {problem}")
    meta = {
        "title": getattr(doc, "title", None),
        "published": getattr(doc, "date", None),
        "source": getattr(doc, "sitename", None),
        "url": getattr(doc, "url", None),
    }
    for key, value in (fallback or {}).items():
        if meta.get(key) is None:
            meta[key] = value
    return make_article(item, text, meta, defaults)


def _norm(text: str) -> str:
    return " ".join(text.split())


def cut_comment_sections(tree: HtmlElement) -> int:
    """Remove the page's reader-comment sections (`COMMENT_SECTIONS`) in place; how many were cut. A section
    holding the page's `<h1>` or `articleBody`, or over half the page's text, is kept (a misnamed wrapper)."""
    body_chars = len(_norm(tree.text_content()))
    cut = 0
    for el in tree.xpath(COMMENT_SECTIONS, namespaces=_RE_NS):
        parent = el.getparent()
        if parent is None or el.xpath(".//h1|.//*[@itemprop='articleBody']"):
            continue
        if len(_norm(el.text_content())) * 2 > body_chars:
            continue
        el.drop_tree()  # the text after it (its tail) stays
        cut += 1
    return cut


def page_lead(tree: HtmlElement) -> str | None:
    """The standfirst under the page's headline, or None.

    The first `<h1>`'s block is its parent, or its grandparent when the parent holds nothing else (a title
    wrapper), never the page's `<body>`. The lead is the first element after the `<h1>` in that block whose
    class names a lead (lead, lede, standfirst, dek, deck, strap, intro, summary, subtitle, excerpt; or
    schema.org's description), else the `<p>` right after the `<h1>` in a `<header>` or `<hgroup>`. It must be
    one block (no paragraphs or lists inside), outside navigation, footers, asides and forms, of
    `LEAD_MIN_WORDS` to `LEAD_MAX_WORDS` words. Keeping to the headline's block keeps other stories' teasers
    further down the page out."""
    h1 = tree.find(".//h1")
    if h1 is None or (block := h1.getparent()) is None or block.tag in ("body", "html"):
        return None
    if len(block) == 1 and (outer := block.getparent()) is not None and outer.tag not in ("body", "html"):
        block = outer
    inside = set(block.iter())
    candidates = [el for el in h1.xpath(f"following::*[{_LEAD_CLASS}]", namespaces=_RE_NS) if el in inside][:5]
    candidates += h1.xpath("following-sibling::*[1][self::p][parent::header or parent::hgroup]")
    for el in candidates:
        if el.xpath(_OUTSIDE_STORY) or el.xpath(_BLOCKS_INSIDE):
            continue
        lead = _norm(el.text_content())
        if LEAD_MIN_WORDS <= len(_WORD.findall(lead)) <= LEAD_MAX_WORDS:
            return lead
    return None


def with_lead(text: str, lead: str, headlines: set[str] | frozenset[str] = frozenset()) -> str:
    """The text with the lead as its first paragraph (after the headline when the text opens with one of the
    page's `headlines`), or the text as it is when it already holds the lead (whitespace aside)."""
    if _norm(lead) in _norm(text):
        return text
    first, sep, rest = text.partition("\n")
    if sep and _norm(first) in headlines:
        return f"{first}\n{lead}\n{rest}"  # the headline stays first
    return f"{lead}\n{text}"


def boilerplate_reason(text: str, link_texts: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why an extracted text is no article but a page's furniture (menus, link lists, cookie notices, footers),
    or None for an article.

    The rule: split the text into its lines (trafilatura gives one per block); a line is prose when it has at
    least `PROSE_MIN_WORDS` words, ends like a sentence, is not the text of one of the page's links
    (`link_texts`, whitespace-normalised, end punctuation dropped) and is not boilerplate (`_BOILERPLATE`).
    The text is refused when its prose lines hold fewer than `MIN_PROSE_WORDS` words, or less than
    `MIN_PROSE_SHARE` of all its words.
    """
    total = prose = 0
    for line in text.splitlines():
        words = len(_WORD.findall(line))
        total += words
        if (words >= PROSE_MIN_WORDS and _SENTENCE_END.search(line) and not _BOILERPLATE.search(line)
                and _norm(line).rstrip(".!?\u2026 ") not in link_texts):
            prose += words
    if prose < MIN_PROSE_WORDS:
        return f"navigation or boilerplate ({prose} of {total} words in sentences; an article has {MIN_PROSE_WORDS}+)"
    if prose < MIN_PROSE_SHARE * total:
        return (f"navigation or boilerplate ({prose} of {total} words in sentences, "
                f"under {MIN_PROSE_SHARE:.0%})")
    return None
