"""The ledger's tables, as data: the DDL, the typed bulk inserts and the exports all come from here.

Columns mirror the contract (`analysis.schema.json`) with spans as start/end pairs; list-valued fields
(mentions, contexts, follow-ups) are JSON text so the file needs no DuckDB extension. Corpus tables
(actors, clusters) are derived from the article tables and rebuilt by `Ledger.rebuild_corpus()`.

Migrations: `SCHEMA_VERSION` counts them; each entry of `MIGRATIONS` takes the file from version N-1 to N.
A column added by a later migration is declared in `ADDED_COLUMNS` under that version: the tables below list every
column (what inserts and exports use), and migration 1 creates each table without the later ones, so a new file
and a migrated one end with the same columns in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type)
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def ddl(self) -> list[str]:
        cols = ", ".join(f'"{c}" {t}' for c, t in self.columns)
        key = f", PRIMARY KEY ({', '.join(self.key)})" if self.key else ""
        out = [f"CREATE TABLE IF NOT EXISTS {self.name} ({cols}{key})"]
        for cols_ in self.indexes:
            out.append(f"CREATE INDEX IF NOT EXISTS idx_{self.name}_{'_'.join(cols_)} ON {self.name} "
                       f"({', '.join(cols_)})")
        return out


V, INT, D, TS, B = "VARCHAR", "INTEGER", "DOUBLE", "TIMESTAMP", "BOOLEAN"

ADDED_COLUMNS: dict[int, dict[str, tuple[tuple[str, str], ...]]] = {
    3: {  # what kind of attribution a quote is (records.Quote), and a person's gender (records.Entity)
        "quotes": (("act", V), ("form", V), ("nested_in", V), ("modality", V), ("statement", B)),
        "entities": (("gender", V),),
    },
    4: {  # why an entity has its actor code (records.Entity.actor_why), and why it is linked to its corpus actor
        "entities": (("actor_why", V),),
        "entity_actors": (("why", V),),
    },
}
"""Columns added after version 1, by the version that added them."""


def _added(table: str) -> tuple[tuple[str, str], ...]:
    return tuple(col for added in ADDED_COLUMNS.values() for col in added.get(table, ()))

ARTICLES = Table("articles", (
    ("id", V), ("title", V), ("published", V), ("source", V), ("url", V), ("text", V), ("n_chars", INT),
    ("item", V), ("run_id", INT), ("added_at", TS),
), ("id",), (("published",), ("source",)))

ENTITIES = Table("entities", (
    ("article_id", V), ("id", V), ("name", V), ("type", V), ("role", V), ("organization", V), ("country", V),
    ("actor", V), ("mentions", V), *_added("entities"),
), ("article_id", "id"), (("name",), ("actor",)))

QUOTES = Table("quotes", (
    ("article_id", V), ("id", V), ("kind", V), ("start", INT), ("end", INT), ("text", V), ("content", V),
    ("cue_start", INT), ("cue_end", INT), ("cue", V), ("speaker_entity", V), ("speaker_name", V),
    ("speaker_start", INT), ("speaker_end", INT), ("speaker_actor", V), ("addressee", V), ("medium", V),
    ("continuation_of", V), ("confidence", D), ("why", V), *_added("quotes"),
), ("article_id", "id"), (("speaker_name",), ("speaker_actor",)))

EVENTS = Table("events", (
    ("article_id", V), ("id", V), ("type", V), ("quad", INT), ("mode", V), ("context", V), ("modality", V),
    ("trigger_start", INT), ("trigger_end", INT), ("trigger", V), ("sentence", V),
    ("source_entity", V), ("source_name", V), ("source_actor", V), ("source_country", V),
    ("target_entity", V), ("target_name", V), ("target_actor", V), ("target_country", V),
    ("reported_by", V), ("date", V), ("date_granularity", V), ("date_text", V),
    ("location", V), ("location_country", V), ("lat", D), ("lon", D), ("score", D), ("cameo", V),
    ("goldstein", D), ("why", V),
), ("article_id", "id"), (("type",), ("source_country",), ("target_country",), ("date",)))

CLAIMS = Table("claims", (
    ("article_id", V), ("id", V), ("start", INT), ("end", INT), ("text", V), ("kind", V),
    ("claimant_entity", V), ("claimant_name", V), ("claimant_actor", V), ("checkworthiness", D),
    ("evidence", V), ("quote", V), ("follow_up", V), ("why", V),
), ("article_id", "id"), (("claimant_name",), ("kind",)))

RUNS = Table("ingest_runs", (
    ("id", INT), ("started_at", TS), ("finished_at", TS), ("sources", V), ("added", INT), ("present", INT),
    ("failed", INT), ("seconds", D),
), ("id",))

ERRORS = Table("errors", (
    ("run_id", INT), ("item", V), ("reason", V), ("at", TS),
), ("run_id", "item"))

SIGHTINGS = Table("sightings", (
    ("article_id", V), ("item", V), ("url", V), ("title", V), ("published", V), ("source", V), ("run_id", INT),
), ("article_id", "item"), (("item",),))
"""Every input item that carried an article: the same text from two files or outlets is one article, seen twice."""

# derived, rebuilt from the tables above
ACTORS = Table("actors", (
    ("key", V), ("name", V), ("type", V), ("role", V), ("country", V), ("actor", V), ("articles", INT),
), ("key",))
ENTITY_ACTORS = Table("entity_actors", (
    ("article_id", V), ("entity_id", V), ("actor_key", V), *_added("entity_actors"),
), ("article_id", "entity_id"), (("actor_key",),))
EVENT_CLUSTERS = Table("event_clusters", (
    ("cluster_id", V), ("article_id", V), ("event_id", V),
), ("article_id", "event_id"), (("cluster_id",),))
QUOTE_CLUSTERS = Table("quote_clusters", (
    ("cluster_id", V), ("article_id", V), ("quote_id", V),
), ("article_id", "quote_id"), (("cluster_id",),))

ARTICLE_TABLES = (ARTICLES, ENTITIES, QUOTES, EVENTS, CLAIMS)
CORPUS_TABLES = (ACTORS, ENTITY_ACTORS, EVENT_CLUSTERS, QUOTE_CLUSTERS)
ALL_TABLES = (*ARTICLE_TABLES, SIGHTINGS, RUNS, ERRORS, *CORPUS_TABLES)



def as_created(table: Table) -> Table:
    """The table as migration 1 creates it: without the columns later migrations add."""
    later = set(_added(table.name))
    return replace(table, columns=tuple(c for c in table.columns if c not in later))


def _add_columns(version: int) -> list[str]:
    return [f'ALTER TABLE {table} ADD COLUMN "{name}" {typ}'
            for table, cols in ADDED_COLUMNS[version].items() for name, typ in cols]


SCHEMA_VERSION = 4
MIGRATIONS: dict[int, list[str]] = {
    1: [stmt for table in (*ARTICLE_TABLES, RUNS, ERRORS, *CORPUS_TABLES) for stmt in as_created(table).ddl()],
    2: SIGHTINGS.ddl(),  # items that carried an article already stored
    # quote attributions and entity gender; quotes stored before were all shown as quotes: they stay statements,
    # with act, form and modality unknown (NULL) until the article is analysed again
    3: [*_add_columns(3), "UPDATE quotes SET statement = TRUE WHERE statement IS NULL"],
    # the reasons behind actor codes and corpus links; NULL for articles stored before, until analysed again
    # (the corpus links get theirs at the next corpus rebuild)
    4: _add_columns(4),
}
