"""The web app: an HTTP API over `analyze` and the ledger, and pages that show annotated articles.

`create_app(db_path, token)` in `app.py` builds it; `newsledger serve` runs it with uvicorn (`serve.py`).
"""
