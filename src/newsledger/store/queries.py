"""The ledger's queries as (SQL, parameters): every user value is a parameter, never SQL text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsledger import lexicon
from newsledger.records import ACTS

ASSERTED = "('asserted', 'historical')"
STATEMENTS = "q.statement IS NOT FALSE"
"""Quotes someone said or wrote (`records.Quote.statement`): what quote queries list unless asked for more."""


def parse_acts(values: Iterable[str] | None) -> list[str]:
    """Acts from repeated and comma-separated values ("thought", "speech,writing"), checked against
    `records.ACTS`; ValueError names a bad one and the choices."""
    acts: list[str] = []
    for value in values or ():
        for part in str(value).split(","):
            act = part.strip().lower()
            if not act:
                continue
            if act not in ACTS:
                raise ValueError(f"unknown act {part.strip()[:40]!r}: choose from {', '.join(ACTS)}")
            if act not in acts:
                acts.append(act)
    return acts


class Where:
    """Conditions and their parameters, added only for the filters the user gave."""

    def __init__(self, first: str = "1=1") -> None:
        self.conditions, self.params = [first], []

    def add(self, condition: str, *values: object) -> None:
        self.conditions.append(condition)
        self.params.extend(values)

    def __str__(self) -> str:
        return " AND ".join(self.conditions)


QUOTE_JOINS = """FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN quote_clusters qc ON qc.article_id = q.article_id AND qc.quote_id = q.id
        LEFT JOIN entity_actors ea ON ea.article_id = q.article_id AND ea.entity_id = q.speaker_entity
        LEFT JOIN actors ac ON ac.key = ea.actor_key"""
"""Quotes (q) with their articles (a), clusters (qc) and speakers' corpus actors (ac)."""
QUOTE_GROUP = "coalesce(qc.cluster_id, q.article_id || '/' || q.id), coalesce(ac.name, q.speaker_name)"
"""One row per distinct quote and speaker."""
FIRST_QUOTE = "coalesce(a.published::VARCHAR, '') || q.article_id || q.id"
FIRST_EVENT = "coalesce(a.published::VARCHAR, '') || e.article_id || e.id"
"""The order that picks a group's representative report (`arg_min(x, FIRST_…)`): the earliest published, then by
article and record id, so the same ledger always shows the same words, whatever order its rows are read in."""


def quote_where(speaker: str | None, since: str | None, contains: str | None, acts: Sequence[str] = (),
                all_attributions: bool = False) -> Where:
    """Filters on quotes (alias q), their articles (a) and speakers' corpus actors (ac): statements only, unless
    `all_attributions` or `acts` (then every attribution of those acts, statement or not)."""
    where = Where("1=1" if all_attributions or acts else STATEMENTS)
    if acts:
        where.add(f"q.act IN ({', '.join('?' for _ in acts)})", *acts)
    if speaker:
        where.add("(q.speaker_name ILIKE ? OR coalesce(ac.name, '') ILIKE ?)", f"%{speaker}%", f"%{speaker}%")
    if since:
        where.add("a.published >= ?", since)
    if contains:
        where.add("q.text ILIKE ?", f"%{contains}%")
    return where


def event_where(actor: str | None, target: str | None, etype: str | None, since: str | None,
                all_modalities: bool) -> Where:
    """Filters on events (alias e) and their articles (a): asserted and historical unless all_modalities."""
    where = Where("1=1" if all_modalities else f"e.modality IN {ASSERTED}")
    if actor:
        where.add("e.source_actor LIKE ?", f"{actor.upper()}%")
    if target:
        where.add("e.target_actor LIKE ?", f"{target.upper()}%")
    if etype:
        where.add("e.type = ?", etype.upper())
    if since:
        where.add("coalesce(e.date, a.published::VARCHAR) >= ?", since)
    return where


def link(article_id: str, start: str, end: str) -> str:
    """SQL for a row's web link: the path of its span in the stored article under `newsledger serve`
    ("/article/<id>#span-<start>-<end>", as the web pages link)."""
    return f"'/article/' || {article_id} || '#span-' || {start} || '-' || {end}"


def parse_flag(value: str | None) -> str | None:
    """An evidence category as the claims filter takes it (`lexicon.EVIDENCE_FLAGS`), case-insensitive; None for
    none. Raises ValueError naming the categories for anything else."""
    if value is None or not value.strip():
        return None
    flag = value.strip().lower()
    if flag not in lexicon.EVIDENCE_FLAGS:
        raise ValueError(f"unknown evidence category {value!r}; one of {', '.join(lexicon.EVIDENCE_FLAGS)}")
    return flag


def claim_where(claimant: str | None, flag: str | None, kind: str | None, worth: bool = False) -> Where:
    """Filters on claims (alias c); `worth`: only claims at or above the claim ranker's bar
    (`claims.ranking.worth_bar`), the set whose precision the judged samples measure."""
    where = Where()
    if worth:
        from newsledger.claims.ranking import worth_bar

        where.add("c.checkworthiness >= ?", worth_bar() or 0.0)
    if claimant:
        where.add("c.claimant_name ILIKE ?", f"%{claimant}%")
    if flag:
        where.add("list_contains(string_split(c.evidence_flags, ','), ?)", parse_flag(flag))
    if kind:
        where.add("c.kind = ?", kind.lower())
    return where


def quotes(speaker: str | None = None, since: str | None = None, contains: str | None = None,
           limit: int = 50, acts: Sequence[str] = (), all_attributions: bool = False) -> tuple[str, list]:
    """Distinct quotes (a quote cluster is one row) with how many outlets carried them: statements unless
    `all_attributions` or `acts`, and then each row says its act, form and modality."""
    where = quote_where(speaker, since, contains, acts, all_attributions)
    attribution = (f"arg_min(q.act, {FIRST_QUOTE}) AS act, arg_min(q.form, {FIRST_QUOTE}) AS form, "
                   f"arg_min(q.modality, {FIRST_QUOTE}) AS modality, " if all_attributions or acts else "")
    sql = f"""
        SELECT coalesce(ac.name, q.speaker_name) AS speaker, {attribution}
               arg_min(q.text, {FIRST_QUOTE}) AS words,
               min(a.published) AS first_published, count(DISTINCT coalesce(a.source, a.id)) AS outlets,
               count(*) AS reports, string_agg(DISTINCT a.source, '; ' ORDER BY a.source) AS outlet,
               arg_min(q.article_id, {FIRST_QUOTE}) AS article_id, arg_min(q.start, {FIRST_QUOTE}) AS start,
               arg_min(q."end", {FIRST_QUOTE}) AS "end",
               {link("arg_min(q.article_id, " + FIRST_QUOTE + ")", "arg_min(q.start, " + FIRST_QUOTE + ")",
                     'arg_min(q."end", ' + FIRST_QUOTE + ")")} AS link
        {QUOTE_JOINS}
        WHERE {where}
        GROUP BY {QUOTE_GROUP}
        ORDER BY first_published DESC NULLS LAST, outlets DESC, speaker, words
        LIMIT ?"""
    return sql, [*where.params, limit]


def events(actor: str | None = None, target: str | None = None, etype: str | None = None,
           since: str | None = None, clusters: bool = False, all_modalities: bool = False,
           limit: int = 50) -> tuple[str, list]:
    where = event_where(actor, target, etype, since, all_modalities)
    cond = str(where)
    if clusters:
        sql = f"""
            SELECT coalesce(c.cluster_id, e.article_id || '/' || e.id) AS event,
                   arg_min(e.type, {FIRST_EVENT}) AS type, arg_min(e.source_actor, {FIRST_EVENT}) AS source,
                   arg_min(e.target_actor, {FIRST_EVENT}) AS target,
                   min(coalesce(e.date, a.published::VARCHAR)) AS date, arg_min(e.location, {FIRST_EVENT}) AS place,
                   count(*) AS reports, count(DISTINCT coalesce(a.source, a.id)) AS outlets,
                   string_agg(DISTINCT a.source, '; ' ORDER BY a.source) AS outlet,
                   arg_min(e.sentence, {FIRST_EVENT}) AS example,
                   arg_min(e.article_id, {FIRST_EVENT}) AS article_id,
                   arg_min(e.trigger_start, {FIRST_EVENT}) AS start, arg_min(e.trigger_end, {FIRST_EVENT}) AS "end",
                   {link("arg_min(e.article_id, " + FIRST_EVENT + ")", "arg_min(e.trigger_start, " + FIRST_EVENT + ")",
                         "arg_min(e.trigger_end, " + FIRST_EVENT + ")")} AS link
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
            WHERE {cond}
            GROUP BY 1 ORDER BY date DESC NULLS LAST, reports DESC, event LIMIT ?"""
    else:
        sql = f"""
            SELECT coalesce(e.date, a.published::VARCHAR) AS date, e.type, e.source_actor AS source, e.source_name,
                   e.target_actor AS target, e.target_name, e.modality, e.location AS place, e.trigger,
                   a.source AS outlet, e.article_id, e.id, e.trigger_start AS start, e.trigger_end AS "end",
                   {link("e.article_id", "e.trigger_start", "e.trigger_end")} AS link
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {cond}
            ORDER BY date DESC NULLS LAST, e.article_id, e.trigger_start, e.id LIMIT ?"""
    return sql, [*where.params, limit]


def undated_events(actor: str | None = None, target: str | None = None, etype: str | None = None,
                   all_modalities: bool = False) -> tuple[str, list]:
    """How many events the other filters keep that have no date at all (neither their own nor their article's
    publication date): what `--since` leaves out for want of a date."""
    where = event_where(actor, target, etype, None, all_modalities)
    return (f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
            "AND e.date IS NULL AND a.published IS NULL", where.params)


def undated_quotes(speaker: str | None = None, contains: str | None = None, acts: Sequence[str] = (),
                   all_attributions: bool = False) -> tuple[str, list]:
    """How many quotes the other filters keep whose article has no publication date (left out by `--since`)."""
    where = quote_where(speaker, None, contains, acts, all_attributions)
    return f"SELECT count(*) {QUOTE_JOINS} WHERE {where} AND a.published IS NULL", where.params


def actors(top: int = 30) -> tuple[str, list]:
    return ("SELECT name, type, role, country, actor, articles FROM actors ORDER BY articles DESC, name, key "
            "LIMIT ?",
            [top])


CLAIMANT = "coalesce(c.claimant_name, CASE WHEN c.quote IS NULL THEN '(article)' ELSE '(unattributed quote)' END)"
"""A claim's claimant for display: its name, else the article's own voice, else a quote whose speaker is unknown."""

CLAIM_ORDERS = {
    "recent": "a.published DESC NULLS LAST, c.checkworthiness DESC NULLS LAST",
    "worth": "c.checkworthiness DESC NULLS LAST, a.published DESC NULLS LAST",
}
"""How `claims` orders its rows: newest articles first, or the claims most worth checking first (ties: stable)."""


def claims(claimant: str | None = None, flag: str | None = None, kind: str | None = None,
           limit: int = 50, order: str = "recent", worth: bool = False) -> tuple[str, list]:
    """Claims with their flags and a link to their words. `order`: a key of CLAIM_ORDERS (ValueError otherwise);
    `worth`: only those worth checking (`claim_where`)."""
    if order not in CLAIM_ORDERS:
        raise ValueError(f"unknown order {order!r}: use {' or '.join(CLAIM_ORDERS)}")
    where = claim_where(claimant, flag, kind, worth)
    sql = f"""
        SELECT a.published, {CLAIMANT} AS claimant, c.kind, c.checkworthiness,
               c.evidence_flags AS flags, c.evidence, c.text, a.source AS outlet, c.article_id, c.id,
               c.start, c."end", {link("c.article_id", "c.start", 'c."end"')} AS link
        FROM claims c JOIN articles a ON a.id = c.article_id
        WHERE {where}
        ORDER BY {CLAIM_ORDERS[order]}, c.article_id, c.id LIMIT ?"""
    return sql, [*where.params, limit]


def follow_ups(claimant: str | None = None, kind: str | None = None, limit: int = 50) -> tuple[str, list]:
    """What became of predictions, promises, threats and boasts: each claim beside an event of a later article
    that supports, contradicts or bears on it (`follow_ups`; links inside one article are in the claim's own
    `follow_up` list). Newest claims first, then by how soon the outcome came."""
    where = claim_where(claimant, None, kind)
    sql = f"""
        SELECT a.published, {CLAIMANT} AS claimant, c.kind, c.text AS claim,
               f.relation, f.days, la.published AS later_published, la.source AS later_outlet, e.type AS later_type,
               e.sentence AS later_sentence, c.article_id || '/' || c.id AS claim_ref,
               f.article_id || '/' || f.event_id AS later_ref, f.why
        FROM follow_ups f
        JOIN claims c ON c.article_id = f.claim_article AND c.id = f.claim_id
        JOIN articles a ON a.id = c.article_id
        JOIN articles la ON la.id = f.article_id
        JOIN events e ON e.article_id = f.article_id AND e.id = f.event_id
        WHERE {where}
        ORDER BY a.published DESC NULLS LAST, c.article_id, c.id, f.days, f.article_id, f.event_id LIMIT ?"""
    return sql, [*where.params, limit]


def _dyad_events(a: str, b: str) -> tuple[str, list]:
    """The dyad's real events (a cluster counts once) with their day (None when neither the event nor its
    article is dated)."""
    sql = f"""
        SELECT coalesce(c.cluster_id, e.article_id || '/' || e.id) AS event,
               arg_min(e.quad, {FIRST_EVENT}) AS quad, arg_min(e.score, {FIRST_EVENT}) AS score,
               min(try_cast(coalesce(CASE WHEN length(e.date) = 10 THEN e.date END,
                                     a.published::VARCHAR) AS DATE)) AS day
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
        WHERE e.modality IN {ASSERTED}
          AND ((e.source_actor LIKE ? AND e.target_actor LIKE ?)
               OR (e.source_actor LIKE ? AND e.target_actor LIKE ?))
        GROUP BY 1"""
    a, b = a.upper() + "%", b.upper() + "%"
    return sql, [a, b, b, a]


def dyad(a: str, b: str, by: str = "week") -> tuple[str, list]:
    """Events between a and b in either direction, per period (its first day): counts and summed intensity by
    quad. Each real event (cluster) counts once; undated events are left out (`dyad_undated` counts them)."""
    events, params = _dyad_events(a, b)
    sql = f"""
        WITH ev AS ({events})
        SELECT CAST(date_trunc('{by}', day) AS DATE) AS period, count(*) AS events,
               count(*) FILTER (WHERE quad = 1) AS verbal_coop, count(*) FILTER (WHERE quad = 2) AS material_coop,
               count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad = 4) AS material_conflict,
               round(sum(score), 1) AS intensity
        FROM ev WHERE day IS NOT NULL GROUP BY 1 ORDER BY 1"""
    return sql, params


def dyad_undated(a: str, b: str) -> tuple[str, list]:
    """How many of the dyad's real events have no date, so no period."""
    events, params = _dyad_events(a, b)
    return f"WITH ev AS ({events}) SELECT count(*) FROM ev WHERE day IS NULL", params


POLECAT_EVENTS = f"""
    SELECT e.article_id || '/' || e.id AS event_id, coalesce(e.date, a.published::VARCHAR) AS event_date,
           e.source_name AS actor_name, e.source_country AS actor_country, substr(e.source_actor, 4) AS actor_sector,
           e.target_name AS recipient_name, e.target_country AS recipient_country,
           substr(e.target_actor, 4) AS recipient_sector, e.type AS event_type, e.mode AS event_mode,
           e.context AS contexts, e.location AS place_name, e.location_country AS country, e.lat AS latitude,
           e.lon AS longitude, e.sentence AS event_text, a.url AS source_url, a.source AS publisher,
           c.cluster_id AS story_id
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
    WHERE e.modality IN {ASSERTED}"""

GDELT_EVENTS = f"""
    SELECT e.article_id || '/' || e.id AS GLOBALEVENTID,
           strftime(try_cast(coalesce(CASE WHEN length(e.date) = 10 THEN e.date END, a.published::VARCHAR)
                    AS DATE), '%Y%m%d') AS SQLDATE,
           e.source_actor AS Actor1Code, e.source_name AS Actor1Name, e.source_country AS Actor1CountryCode,
           e.target_actor AS Actor2Code, e.target_name AS Actor2Name, e.target_country AS Actor2CountryCode,
           e.cameo AS EventCode, substr(e.cameo, 1, 2) AS EventRootCode, e.quad AS QuadClass,
           e.goldstein AS GoldsteinScale, e.location AS ActionGeo_FullName,
           e.location_country AS ActionGeo_CountryCode, e.lat AS ActionGeo_Lat, e.lon AS ActionGeo_Long,
           a.url AS SOURCEURL
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.modality IN {ASSERTED}"""
