"""Reading inputs: every bad item becomes one named InputError, good items become Articles, nothing raises."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import MAX_CHARS, check_text, count_items, read_articles, read_items

ENGLISH = (
    "The foreign minister said on Thursday that the talks would resume next week, and he told reporters "
    "that both delegations had agreed to a monitoring mission. “We are not there yet,” she said. "
    "Analysts were sceptical that either side was ready to compromise after eight months of fighting "
    "along the river, which has displaced more than 200,000 people from their homes.\n"
)
GERMAN = (
    "Die Verhandlungen in Genf sind am Donnerstag ohne Einigung zu Ende gegangen. Beide Seiten warfen "
    "einander vor, Dörfer entlang des umstrittenen Flusses beschossen zu haben. Der Außenminister sagte, "
    "jede Waffenruhe müsse mit der Freilassung von rund 1200 Gefangenen beginnen. Die Gespräche sollen "
    "am Montag fortgesetzt werden, teilte die Sondergesandte der Vereinten Nationen mit. Beobachter "
    "bezweifeln, dass eine der beiden Armeen bereit ist, Zugeständnisse zu machen.\n"
)


def one(path: Path | str, **kw: str) -> Article | InputError:
    results = list(read_articles(path, **kw))
    assert len(results) == 1, results
    return results[0]


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    raw = "Title line\r\n\r\n" + ENGLISH.replace("\n", "\r\n")
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))  # BOM + CRLF
    art = one(f, published="2025-11-13", title="T", source="S")
    assert isinstance(art, Article)
    assert art.text == raw  # BOM dropped, nothing else changed (CRLF kept: offsets point into the file)
    assert (art.published, art.title, art.source) == ("2025-11-13", "T", "S")
    assert art.id and len(art.id) == 16


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\u00a0\u2003\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    err = one(f)
    assert isinstance(err, InputError)
    assert err.item == str(f)
    assert err.reason.startswith("empty")


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    err = one(f)
    assert isinstance(err, InputError)
    assert err.reason.startswith("binary"), err.reason
    assert str(err) == f"{f}: {err.reason}"


def test_control_characters_without_nul_are_binary() -> None:
    text = ENGLISH + "".join(chr(c) for c in range(1, 9)) * 30
    err = check_text("x", text)
    assert err is not None and err.reason.startswith("binary")


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    good = ENGLISH.encode("utf-8")
    f.write_bytes(good + "Café Zürich".encode("latin-1"))
    err = one(f)
    assert isinstance(err, InputError)
    assert err.item == str(f)
    offset = len(good) + 3  # 'C', 'a', 'f', then the lone latin-1 byte of 'é'
    assert err.reason.startswith(f"invalid UTF-8 at byte {offset:,}"), err.reason


def test_20_mb_text_is_refused_quickly(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    block = ENGLISH.encode("utf-8")
    with f.open("wb") as fh:
        for _ in range(20_000_000 // len(block) + 1):
            fh.write(block)
    assert f.stat().st_size > 20_000_000
    t0 = time.perf_counter()
    err = one(f)
    elapsed = time.perf_counter() - t0
    assert isinstance(err, InputError)
    assert err.reason.startswith("too large"), err.reason
    assert elapsed < 2.0, f"took {elapsed:.2f}s: the size check must come before reading and parsing"


def test_20_mb_on_stdin_is_refused() -> None:
    data = io.BytesIO(ENGLISH.encode("utf-8") * (20_000_000 // len(ENGLISH) + 1))
    err = one("-", stdin=data)
    assert isinstance(err, InputError)
    assert err.item == "-"
    assert err.reason.startswith("too large")


def test_text_over_the_character_limit_but_under_the_byte_cutoff(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text(ENGLISH * (MAX_CHARS // len(ENGLISH) + 2), encoding="utf-8")
    assert MAX_CHARS < f.stat().st_size < 4 * MAX_CHARS
    err = one(f)
    assert isinstance(err, InputError) and err.reason.startswith("too large"), err


def test_stdin_is_checked_like_a_text_file() -> None:
    art = one("-", stdin=io.BytesIO(ENGLISH.encode()), published="2025-01-02")
    assert isinstance(art, Article) and art.text == ENGLISH and art.published == "2025-01-02"
    err = one("-", stdin=io.BytesIO(b"\xff\xfeB\x00a\x00d\x00"))
    assert isinstance(err, InputError) and err.item == "-" and err.reason.startswith("binary")


def test_non_english_text_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "de.txt"
    f.write_text(GERMAN * 2, encoding="utf-8")
    err = one(f)
    assert isinstance(err, InputError)
    assert err.reason.startswith("not English"), err.reason
    ru = "Переговоры в Женеве завершились в четверг без соглашения о прекращении огня. " * 8
    err = check_text("ru", ru)
    assert err is not None and err.reason.startswith("not English")


def test_short_or_english_texts_pass_the_language_check(examples_dir: Path) -> None:
    assert check_text("short", "Guten Tag, meine Damen und Herren.") is None
    assert check_text("en", ENGLISH * 3) is None
    for f in examples_dir.glob("*.txt"):
        assert check_text(f.name, f.read_text(encoding="utf-8")) is None, f
    # An English report quoting a foreign phrase is still English.
    assert check_text("mixed", ENGLISH + "“Wir schaffen das”, sagte sie. " + ENGLISH) is None


def test_missing_file_and_directory_listing(tmp_path: Path) -> None:
    err = one(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in err.reason
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    results = list(read_items(tmp_path))
    assert [Path(name).name for name, _ in results] == ["a.txt", "b.txt"]
    assert isinstance(results[0][1], InputError) and isinstance(results[1][1], Article)
    assert count_items(tmp_path) == 2


def test_jsonl_one_broken_line_the_others_go_on(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "first", "text": ENGLISH, "title": "One", "published": "2025-03-01"}),
        '{"id": "broken", "text": "no closing brace"',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "notext", "title": "nothing"}),
        json.dumps({"id": 7, "text": ENGLISH + " Second.", "source": "Wire", "url": "https://example.org/7"}),
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"text": ENGLISH + " Third.", "title": 5}),
        json.dumps({"text": ENGLISH + " Fourth."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_items(f, published="2025-11-13", source="Cmdline"))
    names = [name for name, _ in results]
    assert names == [f"{f}:{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9)]  # the blank line 3 is skipped
    by_line = {name.rsplit(":", 1)[1]: res for name, res in results}
    first, seventh, ninth = by_line["1"], by_line["6"], by_line["9"]
    assert isinstance(first, Article) and first.id == "first" and first.title == "One"
    assert first.published == "2025-03-01"  # the item's own date wins over --published
    assert first.source == "Cmdline"  # ... and the command line fills what it lacks
    assert isinstance(seventh, Article) and seventh.id == "7" and seventh.source == "Wire"
    assert seventh.url == "https://example.org/7" and seventh.published == "2025-11-13"
    assert isinstance(ninth, Article) and len(ninth.id) == 16  # no id: the hash of the text
    for line, reason in (("2", "invalid JSON"), ("4", "not a JSON object"), ("5", 'no "text"'), ("7", "empty")):
        err = by_line[line]
        assert isinstance(err, InputError), (line, err)
        assert err.item == f"{f}:{line}"
        assert err.reason.startswith(reason), (line, err.reason)
    assert isinstance(by_line["8"], InputError) and '"title"' in by_line["8"].reason
    assert count_items(f) == 8


def test_jsonl_broken_line_through_analysis(tmp_path: Path) -> None:
    """Acceptance 4: a JSONL with a broken line gets one error naming file:line, the other lines are analysed."""
    from newsledger.analyze import analyze_items
    from newsledger.records import Analysis

    f = tmp_path / "three.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": ENGLISH})
        + "\n{oops\n"
        + json.dumps({"id": "c", "text": GERMAN * 2})
        + "\n"
        + json.dumps({"id": "d", "text": "“Enough,” he said. " + ENGLISH})
        + "\n",
        encoding="utf-8",
    )
    out = list(analyze_items(read_items(f)))
    assert [name for name, _ in out] == [f"{f}:{n}" for n in (1, 2, 3, 4)]
    kinds = [type(res).__name__ for _, res in out]
    assert kinds == ["Analysis", "InputError", "InputError", "Analysis"], out
    assert out[1][1].reason.startswith("invalid JSON")
    assert out[2][1].reason.startswith("not English")
    good = [res for _, res in out if isinstance(res, Analysis)]
    assert [a.article.id for a in good] == ["a", "d"]


def test_one_stray_quote_mark_gives_a_clean_analysis() -> None:
    from newsledger import analyze

    text = (
        "The minister said the talks would resume on Monday. “We are ready to sign, he told reporters.\n\n"
        "Opposition leaders said the plan was premature and warned that it could collapse within days.\n"
    )
    analysis = analyze(text, published="2025-11-13")
    assert analysis.text == text
    data = json.loads(analysis.to_json())
    for quote in data["quotes"]:
        for start, end in quote["content"]:
            assert 0 <= start < end <= len(text)


HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks stall in Geneva | The Daily Ledger</title>
<meta property="og:title" content="Talks stall in Geneva">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2025-11-13T09:30:00Z">
<link rel="canonical" href="https://example.org/world/geneva-talks"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>Talks stall in Geneva</h1>
<p>Negotiators from both sides ended a third day of talks on Thursday without agreeing on a ceasefire,
as each accused the other of shelling villages &amp; farms along the river.</p>
<h2>Prisoners first</h2>
<p>“Our families have waited eight months,” the foreign minister said. “They will not wait for another
round of speeches.”</p>
<p>The envoy told reporters that the two sides had agreed in principle on a monitoring mission but
remained far apart on the order of a prisoner exchange.</p>
</article><footer>Copyright 2025 The Daily Ledger. All rights reserved. Subscribe now.</footer></body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    art = one(f, source="Cmdline source", published="2000-01-01")
    assert isinstance(art, Article), art
    assert "Our families have waited eight months" in art.text
    assert "villages & farms" in art.text  # entities decoded: offsets are into the extracted text
    assert "<p>" not in art.text and "Sign in" not in art.text and "All rights reserved" not in art.text
    assert art.title == "Talks stall in Geneva"
    assert art.published == "2025-11-13"
    assert art.source == "The Daily Ledger"  # the page's own metadata wins over --source
    assert art.url == "https://example.org/world/geneva-talks"


def test_html_without_article_text(tmp_path: Path) -> None:
    f = tmp_path / "empty.htm"
    f.write_text("<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    err = one(f)
    assert isinstance(err, InputError) and err.item == str(f)
    assert "no article text" in err.reason or err.reason.startswith("empty"), err.reason


def test_input_error_is_one_line() -> None:
    err = InputError("f.txt", "first line\nsecond line\twith tab")
    assert err.reason == "first line second line with tab"
    assert str(err) == "f.txt: first line second line with tab"
