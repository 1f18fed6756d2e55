"""The corpus tables of a Parquet ledger, with the blocks clustered on Spark executors.

`newsledger.store.corpus.corpus_plan` reads the ledger (DuckDB over the Parquet files just written) and makes the
decisions that need the whole of it: the actor links (a name's facts across the ledger), each event and quote
row's block, and the follow-ups. The clustering of each block, the step whose cost grows with the reports of one
story, runs on the executors: the rows go out as a DataFrame, `groupBy("block").applyInPandas` hands each block
to `event_cluster_rows` / `quote_cluster_rows`, the same functions `newsledger ingest` runs, so the tables equal
those of a DuckDB ledger of the same articles.

Weak, and known: the plan is made on the driver, so its memory grows with the ledger (about 30 entities and 10
events per article); a ledger of tens of millions of articles needs the links themselves decided per name block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from newsledger.spark.tables import TABLES, row_tuple, table_rows, tables_frame, write_driver_table, write_table
from newsledger.store import schema
from newsledger.store.corpus import CorpusPlan, corpus_plan, event_cluster_rows, quote_cluster_rows
from newsledger.store.ledger import Ledger

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

_DECIDE: dict[str, Callable[[str, list], list[dict]]] = {"event_clusters": event_cluster_rows,
                                                       "quote_clusters": quote_cluster_rows}
_CLUSTERS = (schema.EVENT_CLUSTERS, schema.QUOTE_CLUSTERS)


def _decide(group: tuple[tuple[str, str], Iterable]) -> Iterator[tuple[str, tuple]]:
    """Run on an executor: one block (table, block key) and its rows, decided by the table's block function."""
    (name, block), members = group
    table = TABLES[name]
    for row in _DECIDE[name](block, list(members)):
        yield name, row_tuple(table, row)


def write_corpus(spark: SparkSession, out: str) -> None:
    """Derive and (over)write the corpus tables of the Parquet ledger `out`."""
    with Ledger(out, read_only=True) as ledger:
        plan: CorpusPlan = corpus_plan(ledger)
    # decided on the driver: written from there (DuckDB), as Spark would only carry them back and forth
    for table, rows in ((schema.ACTORS, plan.actor_rows()), (schema.ENTITY_ACTORS, plan.link_rows()),
                        (schema.FOLLOW_UPS, plan.follow_ups)):
        write_driver_table(out, table, rows)
    sc = spark.sparkContext
    parts = max(1, 2 * sc.defaultParallelism)
    blocks = [((name, block), member) for name, found in (("event_clusters", plan.event_blocks),
                                                          ("quote_clusters", plan.quote_blocks))
              for block, members in found.items() for member in members]
    every = tables_frame(spark, sc.parallelize(blocks, parts).groupByKey(parts).flatMap(_decide), _CLUSTERS)
    for table in _CLUSTERS:
        write_table(table_rows(every, table), out, table, mode="overwrite")
    every.unpersist()
