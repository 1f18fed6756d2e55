"""The ledger's HTTP API: searches, the dyad, the network, who gets quoted, stored articles, actors, and storing a
new analysis.

Reading endpoints open the ledger read-only for the one request and close it (DuckDB allows one writing
process, so `newsledger ingest` can run between requests); a lock keeps this process's opens one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from newsledger.store import queries as store_queries
from newsledger.store import sources as store_sources
from newsledger.store.corpus import update_corpus
from newsledger.store.ledger import Ledger, LedgerError, ReadOnlyLedgerError
from newsledger.store.queries import parse_acts
from newsledger.web import ledger_data, queries
from newsledger.web.analysis_api import AnalyzeRequest, article_from_json, check_date, run_analysis
from newsledger.web.auth import require_writer
from newsledger.web.errors import ApiError, error_responses

router = APIRouter(prefix="/api", tags=["ledger"], responses=error_responses(400, 404, 422, 503))
Limit = Annotated[int, Query(ge=1, le=1000, description="most rows returned")]
Text = Annotated[str | None, Query(max_length=200)]
Acts = Annotated[list[str] | None, Query(description="only these acts (repeat or comma-separate): "
                                         "speech, writing, thought, intention, stance, source")]
AllAttributions = Annotated[bool, Query(description="every attribution, not only statements")]
ClaimOrder = Annotated[str, Query(pattern="^(recent|worth)$", description="recent (newest articles first) or worth "
                                  "(most worth checking first)")]
Worth = Annotated[bool, Query(description="only claims worth checking: check-worthiness at or above the claim "
                                          "ranker's bar")]


@contextmanager
def open_ledger(request: Request, write: bool = False) -> Iterator[Ledger]:
    path = request.app.state.db_path
    if path is None:
        raise ApiError(503, "no ledger configured (start the server with --db FILE)")
    if not write and not path.exists():
        raise ApiError(404, f"no ledger at {path.name} yet: ingest articles or POST /api/ledger/analyze")
    with request.app.state.ledger_lock:
        try:
            ledger = Ledger(path, read_only=not write)
        except ReadOnlyLedgerError as exc:
            raise ApiError(409, str(exc)) from None
        except LedgerError:
            raise ApiError(503, "the ledger cannot be opened now (another process may be writing it)") from None
        try:
            yield ledger
        finally:
            ledger.close()


def _date(value: str | None) -> str | None:
    return check_date(value)


def _flag(value: str | None) -> str | None:
    try:
        return store_queries.parse_flag(value)
    except ValueError as exc:
        raise ApiError(400, f"flag: {exc}") from None


def _acts(values: list[str] | None) -> list[str]:
    try:
        return parse_acts(values)
    except ValueError as exc:
        raise ApiError(400, f"act: {exc}") from None


def _result(found: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(found), "rows": found}


@router.get("/quotes", summary="Distinct quotes (statements unless all=1 or act=…), newest first, each with a link "
            "to its span")
def get_quotes(request: Request, speaker: Text = None, since: Text = None, contains: Text = None,
               act: Acts = None, all: AllAttributions = False,  # noqa: A002
               limit: Limit = 50) -> dict[str, Any]:
    q = queries.quotes(speaker, _date(since), contains, limit=limit, acts=_acts(act), all_attributions=all)
    with open_ledger(request) as ledger:
        found = _result(ledger_data.rows(ledger, q))
        if since:
            found["undated"] = ledger.query(*store_queries.undated_quotes(speaker, contains, _acts(act), all))[1][0][0]
        return found


@router.get("/events", summary="Events (asserted and historical unless all=1), or clusters=1 for real events")
def get_events(request: Request, actor: Text = None, target: Text = None, type: Text = None,  # noqa: A002
               since: Text = None, clusters: bool = False, all: bool = False,  # noqa: A002
               limit: Limit = 50) -> dict[str, Any]:
    q = queries.events(actor, target, type, _date(since), clusters=clusters, all_modalities=all, limit=limit)
    with open_ledger(request) as ledger:
        found = _result(ledger_data.rows(ledger, q))
        if since:
            found["undated"] = ledger.query(*store_queries.undated_events(actor, target, type, all))[1][0][0]
        return found


@router.get("/actors", summary="Actors linked across articles, by the number of articles naming them")
def get_actors(request: Request, name: Text = None, limit: Limit = 50) -> dict[str, Any]:
    with open_ledger(request) as ledger:
        return _result(ledger_data.rows(ledger, queries.actors(name, limit)))


@router.get("/actors/{key:path}", summary="One actor: role, quotes over time (statements unless all=1), events as "
            "source and target, claims")
def get_actor(request: Request, key: str, all: AllAttributions = False) -> dict[str, Any]:  # noqa: A002
    with open_ledger(request) as ledger:
        profile = ledger_data.actor_profile(ledger, key, all_attributions=all)
    if profile is None:
        raise ApiError(404, "no such actor")
    return profile


@router.get("/claims", summary="Claims with their kind, check-worthiness and evidence flags")
def get_claims(request: Request, claimant: Text = None, flag: Text = None, kind: Text = None,
               contains: Text = None, worth: Worth = False, order: ClaimOrder = "recent",
               limit: Limit = 50) -> dict[str, Any]:
    with open_ledger(request) as ledger:
        return _result(ledger_data.rows(ledger, queries.claims(claimant, _flag(flag), kind, contains, limit=limit,
                                                               worth=worth, order=order)))


@router.get("/dyad", summary="Events between a and b (either direction): intensity and counts per period by quad")
def get_dyad(request: Request, a: Annotated[str, Query(min_length=2, max_length=20)],
             b: Annotated[str, Query(min_length=2, max_length=20)], by: str = "week") -> dict[str, Any]:
    if by not in queries.PERIODS:
        raise ApiError(400, "by must be day, week, month or year")
    with open_ledger(request) as ledger:
        return ledger_data.dyad(ledger, a, b, by)


@router.get("/sources", summary="Who gets quoted: shares of statements by the speaker's gender, sector or party, "
            "overall and per outlet or ISO week, with the people behind each bar and links to their statements")
def get_sources(request: Request,
                by: Annotated[Literal["gender", "sector", "party"], Query(description="what splits a bar")] = "gender",
                per: Annotated[Literal["outlet", "week", "none"], Query(description="what a bar is")] = "outlet",
                outlet: Text = None, since: Text = None, until: Text = None,
                people: Annotated[int, Query(ge=0, le=100, description="speakers listed per bar")] = 5,
                ) -> dict[str, Any]:
    days = {}
    for name, value in (("since", since), ("until", until)):
        try:
            days[name] = store_sources.parse_day(value, name)
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
    if days["since"] and days["until"] and days["since"] > days["until"]:
        raise ApiError(400, "since is after until")
    filters = store_sources.Filters(outlet=outlet.strip() if outlet and outlet.strip() else None, **days)
    with open_ledger(request) as ledger:
        found = store_sources.sources(ledger, by, per, filters, people)
        found["outlets"] = store_sources.outlets(ledger)
    return found


@router.get("/network", summary="Who acts on whom: actors, event edges source -> target and quote mentions")
def get_network(request: Request, nodes: Annotated[int, Query(ge=2, le=300)] = 60) -> dict[str, Any]:
    with open_ledger(request) as ledger:
        return ledger_data.network(ledger, nodes)


@router.get("/articles/{article_id}", summary="A stored article with its records (the contract's shape)")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    if len(article_id) > 200:
        raise ApiError(404, "no such article")
    with open_ledger(request) as ledger:
        found = ledger_data.article(ledger, article_id)
    if found is None:
        raise ApiError(404, "no such article")
    return found


@router.post("/ledger/analyze", summary="Analyse a text and store it in the ledger (needs the token if set)",
             dependencies=[Depends(require_writer)], responses=error_responses(401, 403, 409, 413))
async def post_ledger_analyze(request: Request, req: AnalyzeRequest) -> dict[str, Any]:
    if request.app.state.db_path is None:
        raise ApiError(503, "no ledger configured (start the server with --db FILE)")
    analysis = await run_in_threadpool(run_analysis, article_from_json(req))

    def store() -> int:
        with open_ledger(request, write=True) as ledger:
            added = ledger.add_analyses([(analysis, f"web:{req.title or analysis.article.id}")])
            if added:
                update_corpus(ledger, [analysis.article.id])
            return added

    added = await run_in_threadpool(store)
    return {"id": analysis.article.id, "added": bool(added), "url": f"/article/{analysis.article.id}",
            "analysis": analysis.to_dict()}
