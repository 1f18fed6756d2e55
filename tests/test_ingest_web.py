"""Web inputs: WARC archives, RSS/Atom feeds and http(s) URLs, on data built here (all offline: 127.0.0.1 only)."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import count_items, read_items

PARAGRAPHS = [
    "The foreign minister said on Thursday that the talks would resume next week, and he told reporters that "
    "both delegations had agreed to a monitoring mission along the river.",
    "“We are not there yet,” she said after the meeting. Analysts were sceptical that either side was ready to "
    "compromise after eight months of fighting, which has displaced more than 200,000 people from their homes.",
    "The envoy added that a prisoner exchange could come first, and that the next round would be held in the "
    "capital if both governments agreed to the terms that were set out by the mediators.",
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def html_page(title: str, body: list[str], date: str | None = None, site: str = "Example Wire") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{meta}"
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>© Example Wire</footer></body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, ctype: str, payload: bytes, date: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(payload)))], "HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(record)


def build_warc(path: Path, *, gzip: bool = True) -> bytes:
    """request, HTML page, PNG image, HTML page: the pages are records 2 and 4."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    request = StatusAndHeaders("GET /world/talks HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://news.example.org/world/talks", "request", http_headers=request)
    )
    _response(
        writer,
        "https://news.example.org/world/talks",
        "text/html; charset=utf-8",
        html_page("Talks to resume next week", PARAGRAPHS, "2025-03-01"),
        "2025-03-02T10:00:00Z",
    )
    _response(writer, "https://news.example.org/logo.png", "image/png", PNG, "2025-03-02T10:00:01Z")
    _response(
        writer,
        "https://news.example.org/world/prisoners",
        "text/html",
        html_page("Prisoner exchange could come first", PARAGRAPHS[::-1], "2025-03-04"),
        "2025-03-05T08:30:00Z",
    )
    data = buf.getvalue()
    path.write_bytes(data)
    return data


# --- WARC -------------------------------------------------------------------------------------------------------


def test_warc_gz_gives_the_html_responses(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    results = list(read_items(warc, source="Cmdline"))
    assert [name for name, _ in results] == [f"{warc}#2", f"{warc}#4"]  # the request and the PNG are skipped
    first, second = (r for _, r in results)
    assert isinstance(first, Article) and isinstance(second, Article), results
    assert first.title == "Talks to resume next week" and second.title == "Prisoner exchange could come first"
    assert (first.published, second.published) == ("2025-03-01", "2025-03-04")  # the page's own date
    assert first.url == "https://news.example.org/world/talks"  # the page names none: WARC-Target-URI
    assert second.url == "https://news.example.org/world/prisoners"
    assert first.source == "Example Wire"
    assert "monitoring mission" in first.text and "Home" not in first.text
    assert count_items(warc) == 2


def test_uncompressed_warc_and_the_warc_date_fallback(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    _response(
        writer,
        "https://news.example.org/world/x",
        "text/html",
        html_page("No date", PARAGRAPHS),
        "2024-12-31T23:59:59Z",
    )
    warc = tmp_path / "one.warc"
    warc.write_bytes(buf.getvalue())
    [(name, art)] = list(read_items(warc))
    assert name == f"{warc}#1"
    assert isinstance(art, Article) and art.published == "2024-12-31" and art.title == "No date"


def test_truncated_warc_gz_keeps_what_came_before(tmp_path: Path) -> None:
    data = build_warc(tmp_path / "whole.warc.gz")
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])  # inside the last record's gzip member
    results = list(read_items(cut))
    assert len(results) == 2, results
    (name1, first), (name2, err) = results
    assert name1 == f"{cut}#2" and isinstance(first, Article) and first.title == "Talks to resume next week"
    assert isinstance(err, InputError) and name2 == err.item == str(cut)
    assert err.reason.startswith("truncated or corrupt WARC at record 4"), err.reason
    assert "\n" not in err.reason


@pytest.mark.parametrize("keep", [40, 0.5, -9])
def test_warc_cut_anywhere_never_raises(tmp_path: Path, keep: float) -> None:
    data = build_warc(tmp_path / "whole.warc.gz")
    n = int(len(data) * keep) if isinstance(keep, float) else keep % len(data)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:n])
    results = list(read_items(cut))
    assert results and isinstance(results[-1][1], InputError), results
    assert all(isinstance(r, Article) for _, r in results[:-1])
    assert count_items(cut) >= 1


def test_not_a_warc_and_a_warc_without_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_text("this is not a web archive\n" * 5, encoding="utf-8")
    [(name, err)] = list(read_items(junk))
    assert isinstance(err, InputError) and name == str(junk) and "WARC" in err.reason
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    _response(writer, "https://news.example.org/logo.png", "image/png", PNG, "2025-03-02T10:00:01Z")
    images = tmp_path / "images.warc.gz"
    images.write_bytes(buf.getvalue())
    [(name, err)] = list(read_items(images))
    assert isinstance(err, InputError) and err.reason == "no HTML response records in the WARC (1 other record)"
    assert capsys.readouterr().err == ""  # warcio's own warnings stay off stderr


# --- feeds ------------------------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://news.example.org/</link>
  <description>World news</description>
  <item>
    <title>Talks to resume next week</title>
    <link>https://news.example.org/world/talks</link>
    <pubDate>Sat, 01 Mar 2025 09:15:00 GMT</pubDate>
    <description>Talks resume.</description>
    <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}<script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Prisoner exchange could come first</title>
    <link>https://news.example.org/world/prisoners</link>
    <pubDate>Tue, 04 Mar 2025 23:30:00 -0500</pubDate>
    <description>{PARAGRAPHS[2]}</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom Wire</title>
  <id>urn:example:wire</id>
  <updated>2025-03-05T00:00:00Z</updated>
  <entry>
    <title>Talks to resume next week</title>
    <id>urn:example:1</id>
    <link href="https://news.example.org/world/talks"/>
    <published>2025-03-01T09:15:00Z</published>
    <updated>2025-03-02T09:15:00Z</updated>
    <content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)}</content>
  </entry>
  <entry>
    <title>Prisoner exchange could come first</title>
    <id>urn:example:2</id>
    <link href="https://news.example.org/world/prisoners"/>
    <updated>2025-03-04T12:00:00Z</updated>
    <summary type="text">{PARAGRAPHS[2]}</summary>
  </entry>
</feed>
"""

BAD_ENTRIES_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Links Only</title>
  <item><title>Roundup</title><link>https://news.example.org/roundup</link>
    <description>&lt;a href="https://a.example/1"&gt;Talks stall&lt;/a&gt; &lt;a href="https://b.example/2"&gt;More&lt;/a&gt;</description>
  </item>
  <item><title>Nothing</title><link>https://news.example.org/nothing</link></item>
</channel></rss>
"""


def _check_two_entries(results: list, name: str, source: str) -> tuple[Article, Article]:
    assert [n for n, _ in results] == [f"{name}#1", f"{name}#2"]
    first, second = (r for _, r in results)
    assert isinstance(first, Article) and isinstance(second, Article), results
    assert first.title == "Talks to resume next week" and first.source == source
    assert first.url == "https://news.example.org/world/talks"
    assert second.url == "https://news.example.org/world/prisoners"
    assert "monitoring mission" in first.text and "“We are not there yet,” she said" in first.text
    assert "track()" not in first.text and "Talks resume." not in first.text  # the content, not the summary
    assert second.text == PARAGRAPHS[2]  # summary only: used as it is
    return first, second


def test_rss_file(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    first, second = _check_two_entries(list(read_items(feed, published="2000-01-01")), str(feed), "Example Wire")
    assert first.published == "2025-03-01"
    assert second.published == "2025-03-05"  # 23:30 at -05:00 is the 5th in UTC
    assert count_items(feed) == 2


def test_atom_file_and_feed_rooted_xml(tmp_path: Path) -> None:
    for name in ("wire.atom", "wire.xml"):
        feed = tmp_path / name
        feed.write_text(ATOM, encoding="utf-8")
        first, second = _check_two_entries(list(read_items(feed)), str(feed), "Example Atom Wire")
        assert (first.published, second.published) == ("2025-03-01", "2025-03-04")  # published, else updated
    other = tmp_path / "notes.xml"
    other.write_text("<?xml version='1.0'?><notes><note>hello</note></notes>", encoding="utf-8")
    [(name, _)] = list(read_items(other))  # not a feed: read as text, one item
    assert name == str(other)


def test_feed_entries_without_text(tmp_path: Path) -> None:
    feed = tmp_path / "links.rss"
    feed.write_text(BAD_ENTRIES_RSS, encoding="utf-8")
    results = list(read_items(feed))
    assert [r for _, r in results] == [
        InputError(f"{feed}#1", "feed entry has no text (summary only links)"),
        InputError(f"{feed}#2", "feed entry has no text (no content or summary)"),
    ]


def test_broken_and_empty_feeds(tmp_path: Path) -> None:
    junk = tmp_path / "junk.rss"
    junk.write_bytes(b"\x89PNG not a feed at all")
    [(name, err)] = list(read_items(junk))
    assert isinstance(err, InputError) and name == str(junk) and err.reason.startswith("not an RSS or Atom feed")
    empty = tmp_path / "empty.atom"
    empty.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', encoding="utf-8")
    [(_, err)] = list(read_items(empty))
    assert err == InputError(str(empty), "feed has no entries")


def test_directory_takes_the_new_kinds(tmp_path: Path) -> None:
    build_warc(tmp_path / "a.warc.gz")
    (tmp_path / "b.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "c.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "d.xml").write_text("<sitemap/>", encoding="utf-8")
    (tmp_path / "e.png").write_bytes(PNG)
    names = [name for name, _ in read_items(tmp_path)]
    assert [Path(n).name for n in names] == [
        "a.warc.gz#2", "a.warc.gz#4", "b.rss#1", "b.rss#2", "c.xml#1", "c.xml#2"
    ]  # fmt: skip
    assert count_items(tmp_path) == 6


# --- URLs -------------------------------------------------------------------------------------------------------

SITE = {
    "/world/talks": ("text/html; charset=utf-8", html_page("Talks to resume next week", PARAGRAPHS, "2025-03-01")),
    "/feed": ("application/rss+xml", RSS.encode()),
    "/feed.xml": ("text/xml", ATOM.encode()),
    "/logo.png": ("image/png", PNG),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path not in SITE:
            self.send_error(404, "Not Found")
            return
        ctype, body = SITE[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_html_page(site: str) -> None:
    url = f"{site}/world/talks"
    [(name, art)] = list(read_items(url))
    assert name == url
    assert isinstance(art, Article), art
    assert art.title == "Talks to resume next week" and art.published == "2025-03-01" and art.url == url
    assert "monitoring mission" in art.text
    assert count_items(url) == 1


def test_url_feeds(site: str) -> None:
    for path, source in (("/feed", "Example Wire"), ("/feed.xml", "Example Atom Wire")):
        url = site + path
        _check_two_entries(list(read_items(url)), url, source)


def test_url_failures(site: str) -> None:
    [(_, err)] = list(read_items(f"{site}/missing"))
    assert err == InputError(f"{site}/missing", "HTTP 404 Not Found")
    [(_, err)] = list(read_items(f"{site}/logo.png"))
    assert isinstance(err, InputError) and err.reason == "not an HTML page or a feed (Content-Type image/png)"
    with socket.socket() as sock:  # a port that was free a moment ago and has nothing listening now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    [(name, err)] = list(read_items(url))
    assert name == url and isinstance(err, InputError), err
    assert err.reason.startswith("cannot fetch ("), err.reason
