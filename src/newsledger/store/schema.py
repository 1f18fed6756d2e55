"""The ledger's tables, as data: the DDL, the typed bulk inserts and the exports all come from here.

Columns mirror the contract (`analysis.schema.json`) with spans as start/end pairs; list-valued fields
(mentions, contexts, follow-ups) are JSON text so the file needs no DuckDB extension. Corpus tables
(actors, clusters, follow-ups) are derived from the article tables (`newsledger.store.corpus`).

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


V, INT, D, TS, B, DATE = "VARCHAR", "INTEGER", "DOUBLE", "TIMESTAMP", "BOOLEAN", "DATE"

ADDED_COLUMNS: dict[int, dict[str, tuple[tuple[str, str], ...]]] = {
    3: {  # what kind of attribution a quote is (records.Quote), and a person's gender (records.Entity)
        "quotes": (("act", V), ("form", V), ("nested_in", V), ("modality", V), ("statement", B)),
        "entities": (("gender", V),),
    },
    4: {  # why an entity has its actor code (records.Entity.actor_why), and why it is linked to its corpus actor
        "entities": (("actor_why", V),),
        "entity_actors": (("why", V),),
    },
    5: {  # where each publication date came from; the block each cluster was decided in (incremental corpus)
        "articles": (("published_from", V),),
        "sightings": (("published_from", V),),
        "event_clusters": (("block", V),),
        "quote_clusters": (("block", V),),
    },
    7: {  # the categories of a claim's evidence words (lexicon.evidence_flags), comma-separated
        "claims": (("evidence_flags", V),),
    },
}
"""Columns added after version 1, by the version that added them."""

_TEXT_DATE = ("VARCHAR", "try_cast(substr(trim(published), 1, 10) AS DATE)")
RETYPED_COLUMNS: dict[int, dict[str, dict[str, tuple[str, str]]]] = {
    # publication dates were text as the item gave it ("2025-13-45" and "not a date" included); now a DATE, the
    # unreadable ones NULL. (old type, conversion of the old value)
    5: {"articles": {"published": _TEXT_DATE}, "sightings": {"published": _TEXT_DATE}},
}
"""Columns whose type a later version changed: the version, and each column's type before it with the SQL that
converts an old value."""


def _added(table: str) -> tuple[tuple[str, str], ...]:
    return tuple(col for added in ADDED_COLUMNS.values() for col in added.get(table, ()))

ARTICLES = Table("articles", (
    ("id", V), ("title", V), ("published", DATE), ("source", V), ("url", V), ("text", V), ("n_chars", INT),
    ("item", V), ("run_id", INT), ("added_at", TS), *_added("articles"),
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
    ("evidence", V), ("quote", V), ("follow_up", V), ("why", V), *_added("claims"),
), ("article_id", "id"), (("claimant_name",), ("kind",)))

RUNS = Table("ingest_runs", (
    ("id", INT), ("started_at", TS), ("finished_at", TS), ("sources", V), ("added", INT), ("present", INT),
    ("failed", INT), ("seconds", D),
), ("id",))

ERRORS = Table("errors", (
    ("run_id", INT), ("item", V), ("reason", V), ("at", TS),
), ("run_id", "item"))

SIGHTINGS = Table("sightings", (
    ("article_id", V), ("item", V), ("url", V), ("title", V), ("published", DATE), ("source", V), ("run_id", INT),
    *_added("sightings"),
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
    ("cluster_id", V), ("article_id", V), ("event_id", V), *_added("event_clusters"),
), ("article_id", "event_id"), (("cluster_id",), ("block",)))
QUOTE_CLUSTERS = Table("quote_clusters", (
    ("cluster_id", V), ("article_id", V), ("quote_id", V), *_added("quote_clusters"),
), ("article_id", "quote_id"), (("cluster_id",), ("block",)))
FOLLOW_UPS = Table("follow_ups", (
    ("claim_article", V), ("claim_id", V), ("article_id", V), ("event_id", V), ("relation", V), ("start", INT),
    ("end", INT), ("days", INT), ("why", V),
), ("claim_article", "claim_id", "article_id", "event_id"), (("article_id",),))
"""A prediction, promise, threat or boast (claim_article/claim_id) and an event of a later article that bears on it
(article_id/event_id; start/end its trigger's characters): `newsledger.corpus.follow_ups`. `days` from the claim's
publication to the later article's."""

ARTICLE_TABLES = (ARTICLES, ENTITIES, QUOTES, EVENTS, CLAIMS)
CORPUS_TABLES = (ACTORS, ENTITY_ACTORS, EVENT_CLUSTERS, QUOTE_CLUSTERS, FOLLOW_UPS)
ALL_TABLES = (*ARTICLE_TABLES, SIGHTINGS, RUNS, ERRORS, *CORPUS_TABLES)



def as_created(table: Table, version: int = 1) -> Table:
    """The table as migration `version` creates it: without the columns later migrations add, with the types
    its columns had then, and without indexes on columns it does not have yet."""
    later = {col for v, added in ADDED_COLUMNS.items() if v > version for col in added.get(table.name, ())}
    retyped = {name: old for v, tables in RETYPED_COLUMNS.items() if v > version
               for name, (old, _) in tables.get(table.name, {}).items()}
    columns = tuple((name, retyped.get(name, typ)) for name, typ in table.columns if (name, typ) not in later)
    names = {name for name, _ in columns}
    indexes = tuple(ix for ix in table.indexes if set(ix) <= names)
    return replace(table, columns=columns, indexes=indexes)


def _retype(version: int) -> list[str]:
    """Change column types. DuckDB cannot alter a column of a table with indexes, so the table is copied into a
    new one of the version's shape (values converted), the old one dropped, the new one renamed and indexed."""
    out = []
    for name, columns in RETYPED_COLUMNS[version].items():
        table = as_created(next(t for t in ALL_TABLES if t.name == name), version)
        temp = replace(table, name=f"{name}_v{version}", indexes=())
        values = ", ".join(f"{columns[c][1]}" if c in columns else f'"{c}"' for c in table.column_names)
        out += temp.ddl()
        out.append(f"INSERT INTO {temp.name} SELECT {values} FROM {name}")
        out += [f"DROP INDEX IF EXISTS idx_{name}_{'_'.join(ix)}" for ix in table.indexes]
        out += [f"DROP TABLE {name}", f"ALTER TABLE {temp.name} RENAME TO {name}"]
        out += table.ddl()[1:]
    return out


def _add_columns(version: int) -> list[str]:
    return [f'ALTER TABLE {table} ADD COLUMN "{name}" {typ}'
            for table, cols in ADDED_COLUMNS[version].items() for name, typ in cols]


def _evidence_flags_sql() -> str:
    """Fill `claims.evidence_flags` of claims stored before version 7 from their evidence words, as
    `lexicon.evidence_flags` does for new ones (each "; "-part looked up, categories in EVIDENCE_FLAGS order)."""
    from newsledger import lexicon

    order = {f: k for k, f in enumerate(lexicon.EVIDENCE_FLAGS)}
    values = ", ".join(f"('{phrase.replace(chr(39), chr(39) * 2)}', '{flag}', {order[flag]})"
                       for phrase, flag in lexicon.evidence_markers())
    return ("UPDATE claims SET evidence_flags = (SELECT string_agg(f.flag, ',' ORDER BY f.pos) FROM "
            "(SELECT DISTINCT m.flag, m.pos FROM unnest(string_split(lower(claims.evidence), ';')) AS t(part) "
            f"JOIN (VALUES {values}) AS m(phrase, flag, pos) ON m.phrase = trim(t.part)) AS f) "
            "WHERE evidence IS NOT NULL")


SCHEMA_VERSION = 7
MIGRATIONS: dict[int, list[str]] = {
    1: [stmt for table in (*ARTICLE_TABLES, RUNS, ERRORS, ACTORS, ENTITY_ACTORS, EVENT_CLUSTERS, QUOTE_CLUSTERS)
        for stmt in as_created(table).ddl()],
    2: as_created(SIGHTINGS, 2).ddl(),  # items that carried an article already stored
    # quote attributions and entity gender; quotes stored before were all shown as quotes: they stay statements,
    # with act, form and modality unknown (NULL) until the article is analysed again
    3: [*_add_columns(3), "UPDATE quotes SET statement = TRUE WHERE statement IS NULL"],
    # the reasons behind actor codes and corpus links; NULL for articles stored before, until analysed again
    # (the corpus links get theirs at the next corpus rebuild)
    4: _add_columns(4),
    # dates as DATE (unreadable ones NULL) with their source (NULL: not known, stored before); cluster blocks
    # (NULL until the next corpus update rebuilds the corpus once: the migration cannot, it needs the lexicons)
    5: [*_add_columns(5), *_retype(5), *(stmt for t in (EVENT_CLUSTERS, QUOTE_CLUSTERS) for stmt in t.ddl()[1:])],
    # claims followed across articles; derived, so the stored blocks are marked unknown and the next corpus update
    # rebuilds the corpus once, follow-ups included (`newsledger.store.corpus.needs_rebuild`)
    6: [*FOLLOW_UPS.ddl(), "UPDATE event_clusters SET block = NULL"],
    # evidence categories for the claims filter (`claims --flag without-evidence`), from the stored words
    7: [*_add_columns(7), _evidence_flags_sql()],
}
