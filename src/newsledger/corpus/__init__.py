"""Cross-article logic over plain records: who is the same actor, which events and quotes are the same.

The analysis of one article (`newsledger.analyze`) cannot know that "Putin" in one outlet is "Vladimir Putin"
in another, or that three reports of a drone attack are one attack. These modules decide that over many
analyses. They are pure functions of their inputs (no database, no spaCy, stdlib only) so the ledger in
`newsledger.store` can call them on rows it has loaded, and so their answers do not depend on input order.

- `actors`: entities -> corpus actors (`link_actors`).
- `events`: event rows -> clusters of reports of one real event (`cluster_events`).
- `quotes`: quote rows -> one quote with many sources (`cluster_quotes`).
"""

from newsledger.corpus.actors import Actor, ActorLinks, actor_key_of, link_actors, normalize_name
from newsledger.corpus.events import EventCluster, EventRow, EventWindows, cluster_events, event_rows, same_event
from newsledger.corpus.quotes import QuoteCluster, QuoteRow, cluster_quotes, near_identical, normalize_quote, quote_rows

__all__ = [
    "Actor", "ActorLinks", "actor_key_of", "link_actors", "normalize_name",
    "EventCluster", "EventRow", "EventWindows", "cluster_events", "event_rows", "same_event",
    "QuoteCluster", "QuoteRow", "cluster_quotes", "near_identical", "normalize_quote", "quote_rows",
]
