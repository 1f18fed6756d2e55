"""The ledger: analyses stored in DuckDB, queried and exported; corpus tables derived from them."""
