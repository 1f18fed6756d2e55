"""The ledger's tables as Spark sees them: schemas from `newsledger.store.schema`, rows as tuples in column order,
and the Parquet layout of `newsledger.store.parquet` (monthly partitions for the article tables)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from newsledger.store import parquet, schema
from newsledger.store.schema import Table

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

_SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "DOUBLE": "double", "TIMESTAMP": "timestamp",
                "BOOLEAN": "boolean", "DATE": "date"}
TABLES = {t.name: t for t in schema.ALL_TABLES}


def spark_schema(table: Table) -> StructType:
    """The table's Spark schema (its `newsledger.store.schema` columns, plus `month` for the monthly tables)."""
    from pyspark.sql.types import StructType, _parse_datatype_string

    fields = [(name, _SPARK_TYPES[typ]) for name, typ in table.columns]
    if table.name in parquet.MONTHLY:
        fields.append((parquet.PARTITION, "string"))
    struct = StructType()
    for name, typ in fields:
        struct.add(name, _parse_datatype_string(typ), nullable=True)
    return struct


def row_tuple(table: Table, row: dict[str, Any], month: str | None = None) -> tuple:
    """A row dict as a tuple in the table's column order (and its month, for a monthly table)."""
    values = tuple(row.get(c) for c in table.column_names)
    return (*values, month) if table.name in parquet.MONTHLY else values


def table_dir(out: str, table: Table) -> str:
    return f"{out.rstrip('/')}/{table.name}"


def write_table(df: DataFrame, out: str, table: Table, mode: str = "append") -> None:
    """Write `df` as the table's Parquet files under `out` (by month for the monthly tables)."""
    writer = df.write.mode(mode)
    if table.name in parquet.MONTHLY:
        writer = writer.partitionBy(parquet.PARTITION)
    writer.parquet(table_dir(out, table))


def _in_slot(row: tuple[str, tuple], slot: dict[str, int]) -> tuple:
    """(table name, row) as a row of the all-tables frame: the name, then the row in its table's column."""
    name, values = row
    cells: list = [None] * len(slot)
    cells[slot[name]] = values
    return (name, *cells)


def tables_frame(spark: SparkSession, rows: RDD, tables: tuple[Table, ...]) -> DataFrame:
    """One cached DataFrame holding the (table name, row tuple) pairs of `rows` for several tables: a `table`
    column and one struct column per table, filled for that table's rows. The rows cross from Python to the JVM
    once; each table is then a filter of the cached frame (`table_rows`), not another pass in Python."""
    from pyspark import StorageLevel
    from pyspark.sql.types import StringType, StructField, StructType

    slot = {t.name: k for k, t in enumerate(tables)}
    union = StructType([StructField("table", StringType())] + [StructField(t.name, spark_schema(t)) for t in tables])
    return spark.createDataFrame(rows.map(functools.partial(_in_slot, slot=slot)), union) \
        .persist(StorageLevel.MEMORY_AND_DISK)


def table_rows(frame: DataFrame, table: Table) -> DataFrame:
    """One table's rows of a `tables_frame`."""
    return frame.where(frame["table"] == table.name).select(f"{table.name}.*")


def write_driver_table(out: str, table: Table, rows: list[dict[str, Any]]) -> None:
    """Replace a (not monthly) table's files with `rows` made on the driver: one Parquet file written by DuckDB
    (`insert_rows`, as the ledger inserts), where a Spark job would only ship them to an executor and back."""
    import shutil
    from pathlib import Path

    import duckdb

    from newsledger.store.ledger import insert_rows

    folder = Path(table_dir(out, table))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    conn = duckdb.connect(":memory:")
    try:
        conn.execute(table.ddl()[0])
        insert_rows(conn, table, rows)
        target = str(folder / "part-00000-driver.parquet").replace("'", "''")
        conn.execute(f"COPY {table.name} TO '{target}' (FORMAT PARQUET)")
    finally:
        conn.close()
