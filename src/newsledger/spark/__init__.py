"""newsledger on Apache Spark: the same analysis and corpus step, for inputs beyond one machine, writing a Parquet
ledger (`newsledger.store.parquet`) that every reading command and the web app open like a DuckDB file.

- `job`: the job. Inputs are listed, read and analysed on the executors with the code `newsledger analyze` and
  `newsledger ingest` run (`newsledger.ingest`, `newsledger.analyze.analyze_items`, `newsledger.store.rows`);
  each Python worker loads the spaCy model once; a bad item is a row of `errors`, never a failed task.
- `corpus`: the corpus tables, with the blocks of `newsledger.store.corpus` clustered on the executors
  (`groupBy("block").applyInPandas`) by the same pure block functions.

`newsledger spark INPUT... --out DIR` runs it in local mode (or on `--master URL`); `spark-submit` runs
`newsledger/spark/job.py` itself on a cluster (README, "Scaling out").
"""
