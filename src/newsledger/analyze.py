"""`analyze(article) -> Analysis`: the whole flow of DESIGN.md for one article, a pure function of its input.

Stages run in order on one shared parse; each adds its own records and never patches another's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsledger.article import Article
from newsledger.errors import InputError, internal_error
from newsledger.events.arguments import Chooser
from newsledger.events.typing import Retyper
from newsledger.nlp.pipeline import load_nlp
from newsledger.records import Analysis


def as_article(
    item: str | Article,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,  # noqa: A002 - the contract's name
) -> Article:
    """A str becomes an Article; keyword values fill what an Article lacks."""
    if isinstance(item, Article):
        art = item
        return Article(
            text=art.text,
            id=id or art.id,
            title=art.title if art.title is not None else title,
            published=art.published if art.published is not None else published,
            source=art.source if art.source is not None else source,
            url=art.url if art.url is not None else url,
        )
    if not isinstance(item, str):
        raise TypeError(f"analyze() takes a str or an Article, not {type(item).__name__}")
    return Article(text=item, id=id or "", title=title, published=published, source=source, url=url)


def analyze(
    item: str | Article,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,  # noqa: A002
) -> Analysis:
    """Analyse one article: its entities, quotes (and, as they land, events and claims)."""
    article = as_article(item, published=published, title=title, source=source, url=url, id=id)
    doc = load_nlp()(article.text)
    return analyze_parsed(article, doc)


def analyze_many(articles: Iterable[Article], batch_size: int = 16,
                 event_typer: Retyper | None = None, target_ranker: Chooser | None = None) -> Iterator[Analysis]:
    """Analyse many articles with spaCy's batched parsing; results come in input order. `event_typer` and
    `target_ranker` replace the shipped event-type model and target ranker (for training and evaluation)."""
    nlp = load_nlp()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyze_parsed(article, doc, event_typer, target_ranker)


def analyze_parsed(article: Article, doc: Doc, event_typer: Retyper | None = None,
                   target_ranker: Chooser | None = None) -> Analysis:
    """Every stage after the parse. Kept separate so batch parsing and single calls share it."""
    from newsledger.claims.extract import find_claims
    from newsledger.entities.resolve import find_entities
    from newsledger.events.extract import find_events
    from newsledger.nlp.layout import find_layout, first_line_title
    from newsledger.nlp.quotemarks import find_quotations
    from newsledger.nlp.sentences import seed_text, sentences
    from newsledger.quotes.extract import find_quotes

    seed_text(doc, article.text)  # the parse keeps every character: the input is the doc's text, unjoined
    layout = find_layout(article.text)
    if not article.title:  # the headline on the first line is the title, in every format alike
        article.title = first_line_title(article.text, layout)
    quotations = find_quotations(article.text, layout)
    entities = find_entities(doc, layout, article.published)
    quotes = find_quotes(doc, layout, quotations, entities)
    events = find_events(doc, layout, entities, quotes, article.published, event_typer, target_ranker)
    entity_records = entities.records()
    claims = find_claims(doc, layout, quotes, events, entities=entity_records)
    return Analysis(
        article=article,
        entities=entity_records,
        quotes=quotes,
        events=events,
        claims=claims,
        paragraphs=[p.span for p in layout.paragraphs],
        headings=[p.span for p in layout.paragraphs if p.heading],
        furniture=list(layout.furniture),
        sentences=[(sent.start_char, sent.end_char) for sent in sentences(doc)],
    )


def analyze_items(
    items: Iterable[tuple[str, Article | InputError]], batch_size: int = 16
) -> Iterator[tuple[str, Analysis | InputError]]:
    """Analyse a stream of read items in input order; an item that fails becomes an InputError, the rest go on.

    Chunks go through `analyze_many` (spaCy's batched parse). If a chunk fails, its remaining articles are
    analysed one by one so that only the article that failed is reported, never its neighbours.
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, batch_size)):
        arts = [(name, res) for name, res in chunk if isinstance(res, Article)]
        done: list[Analysis] = []
        try:
            for analysis in analyze_many([a for _, a in arts], batch_size=batch_size):
                done.append(analysis)
        except Exception:  # noqa: BLE001 - isolated below, article by article
            pass
        results: dict[int, Analysis | InputError] = {}
        for k, (name, art) in enumerate(arts):
            if k < len(done):
                results[id(art)] = done[k]
                continue
            try:
                results[id(art)] = analyze(art)
            except Exception as exc:  # noqa: BLE001 - one bad article must not end the batch
                results[id(art)] = internal_error(name, exc)
        for name, res in chunk:
            yield name, (res if isinstance(res, InputError) else results[id(res)])
