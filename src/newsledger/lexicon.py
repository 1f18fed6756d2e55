"""Loads the lexicons in `newsledger/lexicons/` (data files, not code), once per process."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a lexicon file."""
    text = resources.files("newsledger").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon with a header line."""
    return [
        {k: (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def table(name: str) -> list[dict[str, str]]:
    """The rows of the package's TSV lexicon `name` (header line; comments and blanks skipped), values stripped.
    Raises FileNotFoundError for a name the package does not ship."""
    return _rows(name)


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    group: str
    addressee_obj: bool  # "told reporters": the object is the hearer
    content_obj: bool  # "denied the report": the object is what is said
    act: str = "speech"  # speech, writing, thought, intention, stance, source, or event (not an attribution)


@functools.cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    out = {}
    for row in _rows("reporting_verbs.tsv"):
        lemma = row["lemma"].lower()
        out[lemma] = ReportingVerb(lemma, row.get("group", "say"), row.get("addressee_obj") == "1",
                                   row.get("content_obj") == "1", row.get("act") or "speech")
    return out


@functools.cache
def cue_phrases() -> dict[str, tuple[str, str]]:
    """Multiword and non-verbal cues: phrase -> (kind, group)."""
    return {r["phrase"].lower(): (r.get("kind", ""), r.get("group", "")) for r in _rows("cue_phrases.tsv")}


@functools.cache
def roles() -> dict[str, str]:
    """Title or position (lowercase, may be several words) -> sector code ('' when none)."""
    return {r["role"].lower(): r.get("sector", "") for r in _rows("roles.tsv")}


@functools.cache
def role_words() -> frozenset[str]:
    """Every single word that appears in a role, for fast token tests."""
    words = set()
    for role in roles():
        words.update(role.split())
    return frozenset(words)


@functools.cache
def abbreviations() -> frozenset[str]:
    """Words whose full stop ends no sentence ("mr", "gen", "sept"): `abbreviations.txt`."""
    return frozenset(line.strip().lower() for line in _lines("abbreviations.txt"))


@functools.cache
def honorifics() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("honorifics.txt"))


@functools.cache
def media() -> dict[str, str]:
    """Outlet or platform name (and aliases), exactly as written, -> canonical name. Case matters:
    "Time" the magazine is not "time"."""
    out: dict[str, str] = {}
    for row in _rows("media.tsv"):
        name = row["name"]
        out[name] = name
        for alias in filter(None, row.get("aliases", "").split("|")):
            out.setdefault(alias.strip(), name)
        if name.startswith("The "):
            out.setdefault(name[4:], name)
            out.setdefault("the " + name[4:], name)
    return out


@functools.cache
def group_nouns() -> frozenset[str]:
    return frozenset(word_list("group_nouns.txt"))


@functools.cache
def evidence_sources() -> frozenset[str]:
    return frozenset(word_list("evidence_sources.txt"))


@functools.cache
def pronouns() -> dict[str, dict[str, str]]:
    return {r["pronoun"].lower(): r for r in _rows("pronouns.tsv")}


@functools.cache
def cue_nouns() -> frozenset[str]:
    """Nouns that carry reported content: "his claim that…", "the statement that…"."""
    return frozenset(p for p, (kind, _group) in cue_phrases().items() if kind == "noun" and " " not in p)


# ---- actors -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Countries:
    """Surface forms -> ISO3: names (our short names plus every pycountry name), demonyms, capitals."""

    names: dict[str, str]
    demonyms: dict[str, str]
    capitals: dict[str, str]


@functools.cache
def countries() -> Countries:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value, c.alpha_3)
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in _rows("countries.tsv"):
        iso3 = row["iso3"]
        for name in filter(None, row.get("names", "").split("|")):
            names[name.strip()] = iso3
        for dem in filter(None, row.get("demonyms", "").split("|")):
            demonyms.setdefault(dem.strip(), iso3)
        for cap in filter(None, row.get("capital", "").split("|")):
            capitals.setdefault(cap.strip(), iso3)
    return Countries(names, demonyms, capitals)


@functools.cache
def named_things() -> frozenset[str]:
    """Nouns a place name modifies to name a thing or event ("the Paris accord"): lowercase lemmas."""
    return frozenset(line.strip().lower() for line in _lines("named_things.txt"))


@functools.cache
def parties() -> dict[str, tuple[tuple[str, str], ...]]:
    """Party names, nouns and adjectives as written (`parties.tsv`; case kept, so "democratic" is no party) ->
    the (code, party name) pairs they may name: "GOP" -> (("USAPTY", "Republican Party"),); "Labour" -> several."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in _rows("parties.tsv"):
        value = (row["code"], row["party"])
        for alias in (row["party"], *row.get("aliases", "").split("|")):
            alias = alias.strip()
            if alias and value not in out.setdefault(alias, []):
                out[alias].append(value)
    return {alias: tuple(found) for alias, found in out.items()}


@functools.cache
def country_short_names() -> dict[str, str]:
    """ISO3 -> the short name news writes (the first of `countries.tsv`'s names: "RUS" -> "Russia")."""
    return {r["iso3"]: r["names"].split("|")[0] for r in _rows("countries.tsv") if r.get("names")}


@functools.cache
def organization_aliases() -> dict[str, str]:
    """An organisation's alias, other spelling or metonym as written -> its usual name (`organizations.tsv` and
    `metonyms.tsv` same_as): "ISIS" -> "Islamic State", "Oval Office" -> "White House"."""
    return {r["name"]: r["same_as"] for name in ("organizations.tsv", "metonyms.tsv") for r in _rows(name)
            if r.get("same_as")}


@functools.cache
def instrument_nouns() -> frozenset[str]:
    """Weapons, instruments and messages, never an event's target (`instrument_nouns.txt`): lowercase lemmas."""
    return frozenset(word_list("instrument_nouns.txt"))


@dataclass(frozen=True, slots=True)
class SenseLimit:
    """Where a trigger sense stops (`event_sense_limits.tsv`): a rule and its words."""

    rule: str
    words: frozenset[str]


@functools.cache
def event_sense_limits() -> dict[tuple[str, str, str], list[SenseLimit]]:
    """(lemma, pos, type) -> its limits, from `event_sense_limits.tsv`."""
    out: dict[tuple[str, str, str], list[SenseLimit]] = {}
    for r in _rows("event_sense_limits.tsv"):
        out.setdefault((r["lemma"], r["pos"], r["type"]), []).append(
            SenseLimit(r["rule"], frozenset(w for w in r["words"].split("|") if w)))
    return out


@functools.cache
def place_nouns() -> frozenset[str]:
    """Common nouns for places ("the area", "the border"): `place_nouns.txt`, lowercase lemmas."""
    return frozenset(word_list("place_nouns.txt"))


@functools.cache
def occasion_nouns() -> frozenset[str]:
    """Nouns for occasions, whose plural makes a relative clause's event generic (`occasion_nouns.txt`)."""
    return frozenset(word_list("occasion_nouns.txt"))


@functools.cache
def patient_nouns() -> frozenset[str]:
    """Event nouns whose possessor suffers the event ("his arrest"): `patient_nouns.txt`, lowercase lemmas."""
    return frozenset(word_list("patient_nouns.txt"))


@functools.cache
def figurative_conflict() -> dict[str, frozenset[str]]:
    """Words that make a conflict trigger figurative (`figurative_conflict.tsv`): {"modifier": {...}, "target":
    {...}, "context": {...}, "physical": {...}} of lowercase lemmas ("legal" war, attacks on the "plan", "beat" a
    rival in the "campaign" unless someone was "killed")."""
    out: dict[str, set[str]] = {"modifier": set(), "target": set(), "context": set(), "physical": set(),
                                "verbal": set()}
    for r in _rows("figurative_conflict.tsv"):
        out[r["where"]].add(r["word"])
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def groups() -> dict[str, tuple[str, str]]:
    """A people's, faith's or region's forms as written (`groups.tsv`) -> (the actor's name, kind): "Islamic" ->
    ("Muslims", "group"); "European" -> ("Europe", "region")."""
    return {r["name"]: (r["same_as"], r["kind"]) for r in _rows("groups.tsv")}


@functools.cache
def national_bodies() -> dict[str, tuple[str, frozenset[str] | None]]:
    """Institution names many countries share ("Senate", "Supreme Court"; `national_bodies.tsv`) -> (sector, the
    ISO3 codes of the countries that have one by that name, or None for any country)."""
    out: dict[str, tuple[str, frozenset[str] | None]] = {}
    for r in _rows("national_bodies.tsv"):
        countries = r.get("countries", "*")
        out[r["name"]] = (r["sector"], None if countries == "*" else frozenset(countries.split("|")))
    return out


@functools.cache
def world_regions() -> frozenset[str]:
    """Continents and parts of the world no one country holds (`world_regions.txt`), lowercased."""
    return frozenset(line.strip().lower() for line in _lines("world_regions.txt"))


@functools.cache
def metonyms() -> dict[str, str]:
    """Names that stand for an institution when they act ("the Kremlin") -> actor code (RUSGOV)."""
    return {r["name"]: r["actor"] for r in _rows("metonyms.tsv")}


@functools.cache
def organizations() -> dict[str, str]:
    """International and non-state organisations ("the EU", "NATO") -> actor code (EUR, IGO, NGO...)."""
    return {r["name"]: r["actor"] for r in _rows("organizations.tsv")}


@functools.cache
def sector_nouns() -> dict[str, str]:
    """Common nouns naming a sector ("troops" -> MIL), by lowercase lemma."""
    return {r["lemma"].lower(): r["sector"] for r in _rows("sector_nouns.tsv")}


@functools.cache
def people() -> dict[str, tuple[str, str]]:
    """Well-known political figures: full name or full-name alias -> (actor code, role)."""
    out: dict[str, tuple[str, str]] = {}
    for r in _rows("people.tsv"):
        value = (r["actor"], r.get("role", ""))
        out.setdefault(r["name"], value)
        for alias in filter(None, r.get("aliases", "").split("|")):
            out.setdefault(alias.strip(), value)
    return out


@functools.cache
def people_terms() -> dict[str, tuple[tuple[int, int | None], ...]]:
    """Well-known figures: full name or alias -> the years they held the role that gives their code, as
    (first, last) pairs, last None while in office ("2017-2021|2025-" -> ((2017, 2021), (2025, None))). A name
    whose years column is empty or unreadable is left out (no term known)."""
    out: dict[str, tuple[tuple[int, int | None], ...]] = {}
    for r in _rows("people.tsv"):
        terms: list[tuple[int, int | None]] = []
        for piece in filter(None, (p.strip() for p in r.get("years", "").split("|"))):
            first, _, last = piece.partition("-")
            if not first.isdigit() or (last and not last.isdigit()):
                terms = []
                break
            terms.append((int(first), int(last) if last else (None if "-" in piece else int(first))))
        if not terms:
            continue
        for name in [r["name"], *filter(None, (a.strip() for a in r.get("aliases", "").split("|")))]:
            out.setdefault(name, tuple(terms))
    return out


# ---- events -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TriggerSense:
    """One meaning of an event word: "call" + "for" is REQUEST, "lift" + "sanction" is RETREAT."""

    lemma: str
    pos: str  # VERB or NOUN
    particle: str
    objects: frozenset[str]
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None


@functools.cache
def event_triggers() -> dict[tuple[str, str], list[TriggerSense]]:
    """(lemma, pos) -> senses, the constrained ones (particle or object) first so they win."""
    out: dict[tuple[str, str], list[TriggerSense]] = {}
    for r in _rows("event_triggers.tsv"):
        gold = r.get("goldstein", "")
        sense = TriggerSense(
            lemma=r["lemma"].lower(), pos=r["pos"].upper(), particle=r.get("particle", "").lower(),
            objects=frozenset(filter(None, r.get("object", "").lower().split("|"))), type=r["type"],
            mode=r.get("mode") or None, cameo=r.get("cameo") or None, goldstein=float(gold) if gold else None,
        )
        out.setdefault((sense.lemma, sense.pos), []).append(sense)
    for senses in out.values():
        senses.sort(key=lambda s: (not s.objects, not s.particle))  # most specific first
    return out


@functools.cache
def multiword_event_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """First and last words of the multiword event nouns ("drone" and "strike" of "drone strike"), so a
    token that can start or end none of them skips the multiword lookups."""
    keys = [lemma.replace("-", " - ").split() for lemma, pos in event_triggers() if pos == "NOUN" and (
        " " in lemma or "-" in lemma)]
    return frozenset(k[0] for k in keys), frozenset(k[-1] for k in keys)


@functools.cache
def light_verbs() -> dict[str, list[tuple[str, str]]]:
    """Verbs whose event is their object noun ("launched a barrage"): lemma -> [(particle, effect)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in _rows("light_verbs.tsv"):
        out.setdefault(r["lemma"].lower(), []).append((r.get("particle", "").lower(), r.get("effect", "same")))
    return out


@functools.cache
def event_contexts() -> dict[str, str]:
    return {r["lemma"].lower(): r["context"] for r in _rows("event_contexts.tsv")}


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: int
    intensity: float
    symmetric: bool  # "A and B met": the second conjunct is the target


@functools.cache
def plover_types() -> dict[str, PloverType]:
    return {
        r["type"]: PloverType(r["type"], int(r["quad"]), float(r["intensity"]), r.get("symmetric") == "1")
        for r in _rows("plover_types.tsv")
    }


@functools.cache
def modality_cues() -> dict[str, tuple[str, str]]:
    """Words that change whether an event happened: word -> (how it attaches, modality)."""
    return {r["word"].lower(): (r["kind"], r["modality"]) for r in _rows("modality_cues.tsv")}


@functools.cache
def event_containers() -> frozenset[str]:
    """Nouns that hold an event noun: "a new round of sanctions", "a wave of strikes"."""
    return frozenset(line.strip().lower() for line in _lines("event_containers.txt"))


# ---- claims -------------------------------------------------------------------------------------------
@functools.cache
def evidence_markers() -> list[tuple[str, str]]:
    """(lowercase phrase, flag), longest phrases first so "without providing evidence" wins over "no evidence"."""
    rows = [(r["phrase"].lower(), r["flag"]) for r in _rows("evidence_markers.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


EVIDENCE_FLAGS = ("without-evidence", "false", "hedge", "sourced", "disputed")
"""The categories of `evidence_markers.tsv`, in the order reports list them."""


def evidence_flags(evidence: str | None) -> list[str]:
    """The categories of a claim's evidence words ("claimed without evidence; falsely" -> ["without-evidence",
    "false"]), in `EVIDENCE_FLAGS` order; [] for none. Each "; "-separated part is looked up as a phrase."""
    if not evidence:
        return []
    table = dict(evidence_markers())
    found = {table.get(part.strip().lower()) for part in evidence.split(";")}
    return [f for f in EVIDENCE_FLAGS if f in found]


@functools.cache
def claim_kinds() -> tuple[dict[str, str], dict[str, str]]:
    """(reporting-verb group -> kind, word -> kind)."""
    cues: dict[str, str] = {}
    words: dict[str, str] = {}
    for r in _rows("claim_kinds.tsv"):
        (cues if r["source"] == "cue" else words)[r["key"].lower()] = r["kind"]
    return cues, words


@functools.cache
def background_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """(words that mark an event as background just before its trigger, phrases that do anywhere in its
    sentence): `background_cues.txt`."""
    near, anywhere = set(), []
    for line in _lines("background_cues.txt"):
        line = line.strip().lower()
        if line.startswith("sentence:"):
            anywhere.append(line.removeprefix("sentence:").strip())
        elif line:
            near.add(line)
    return frozenset(near), tuple(anywhere)


@functools.cache
def follow_up_relations(scope: str = "article") -> list[tuple[str, str, str | None, str]]:
    """(claim event type, later event type, later event mode or None for any, relation) rows of `follow_up.tsv`
    that apply within one article (`scope` "article") or across articles ("ledger"), in the file's order."""
    out = []
    for r in _rows("follow_up.tsv"):
        if r["scope"] in {scope, "both"}:
            later_type, _, mode = r["later_type"].partition("/")
            out.append((r["claim_type"], later_type, mode or None, r["relation"]))
    return out


@functools.cache
def group_acts() -> dict[str, str]:
    """Cue group -> the act most of its verbs carry ("believe" -> thought), for cues that are not verbs of
    reporting_verbs.tsv (content nouns: "her belief that…"). Derived from the verb table, not a second list."""
    from collections import Counter

    counts: dict[str, Counter[str]] = {}
    for verb in reporting_verbs().values():
        counts.setdefault(verb.group, Counter())[verb.act] += 1
    return {group: c.most_common(1)[0][0] for group, c in counts.items()}


def word_list(name: str) -> list[str]:
    """The lowercase words of a one-word-per-line lexicon (comments and blanks skipped)."""
    return [line.strip().lower() for line in _lines(name)]


# ---- people's gender ----------------------------------------------------------------------------------
@functools.cache
def first_names() -> dict[str, float]:
    """First name (lowercase) -> female share 0..1: the 1990 US census table (`first_names.tsv`), overridden
    by the editorial hand list (`first_names_extra.tsv`). A name absent from both is unknown."""
    out = {r["name"].lower(): float(r["female_share"]) for r in _rows("first_names.tsv")}
    out.update({r["name"].lower(): float(r["female_share"]) for r in _rows("first_names_extra.tsv")})
    return out


@functools.cache
def gendered_words() -> dict[str, tuple[str, bool]]:
    """Honorifics and role nouns that give a person's sex (lowercase, may be two words) -> (female|male,
    strong). Weak words are masculine forms also written of women now and then ("chairman")."""
    return {r["word"].lower(): (r["gender"], r.get("strength", "strong") != "weak")
            for r in _rows("gendered_words.tsv")}
