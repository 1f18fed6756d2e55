"""Reading articles from files, JSONL, stdin, HTML, WARC archives, feeds and URLs: the one way in for the CLI,
the web app and the Spark job. Every bad item comes out as a named `InputError`, never an exception.

A batch must survive its worst item, so nothing here raises for bad input: each item comes out as an
`Article` or an `InputError` naming it (`file`, `file:line`, `file#n`, a URL, or `-`) with a one-line reason.

One module per kind of input, and the checks they share:
  `files`     `.txt` (and any other name), `-` (stdin) and `.jsonl` (one article per line);
  `html`      `.html`, `.htm` (and the HTML of WARC records and fetched pages), through trafilatura;
  `warc`      `.warc`, `.warc.gz`: one article per HTML response record (`file#<record number>`);
  `feeds`     `.rss`, `.atom` and feed-rooted `.xml`: one article per entry (`file#<entry number>`);
  `urls`      `http://`, `https://`: fetched once; a feed gives one article per entry, a page one article;
  `items`     the dispatcher: a name (file, directory, `-`, URL) to the module that reads it
              (`read_items`, `read_articles`, `count_items`); a directory is every readable file below it;
  `checks`    size limits, the text checks (empty, binary, too large, not English), `make_article`;
  `metadata`  where a date comes from when the item has none: a sidecar table, the file name (`fill`).

Limits: a text longer than `MAX_CHARS` characters is refused before parsing (spaCy would need gigabytes for it,
and no news article is that long); an HTML file larger than `MAX_HTML_BYTES` too.
"""

from newsledger.ingest.checks import MAX_CHARS, MAX_HTML_BYTES, check_text
from newsledger.ingest.files import JSONL_SUFFIXES
from newsledger.ingest.html import HTML_SUFFIXES, html_article
from newsledger.ingest.items import STDIN, count_items, read_articles, read_items

__all__ = [
    "HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_CHARS", "MAX_HTML_BYTES", "STDIN",
    "check_text", "count_items", "html_article", "read_articles", "read_items",
]
