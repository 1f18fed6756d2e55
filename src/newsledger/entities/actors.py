"""Actor codes (country + sector, PLOVER/CAMEO style) for names and noun phrases.

"Russian President Vladimir Putin" -> RUSGOV, "Kremlin spokesperson" -> RUSGOV, "Ukrainian troops" -> UKRMIL,
"the EU" -> EUR, "Kyiv" acting -> UKRGOV. Everything comes from data: pycountry and our country table (short
names, demonyms, capitals), government metonyms, international organisations, sector nouns, roles and a table
of well-known people. A phrase is coded only when its words support a code; "analysts" stay uncoded.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsledger import lexicon

NON_STATE = {"EUR", "UNO", "IGO", "NGO", "ISM", "IMG", "MNC"}
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
"""Sectors of a state office: someone who held one no more ("former minister") is ELI (CAMEO's elites)."""
_FORMER_WORDS = frozenset({"former", "ex", "onetime", "one-time", "erstwhile", "retired"})
_SKIP_DEPS = {"det", "punct", "case", "predet", "nummod", "cc", "prep", "quantmod"}


@dataclass(frozen=True, slots=True)
class Actor:
    """A country (ISO3) or non-state code, and a sector; either may be missing."""

    country: str | None
    sector: str | None = None

    @property
    def code(self) -> str | None:
        if self.country is None:
            return None  # a sector alone ("officials") is not a code
        if self.country in NON_STATE:
            return self.country if not self.sector or self.sector == "GOV" else self.country + self.sector
        return self.country + (self.sector or "")

    @staticmethod
    def parse(code: str) -> Actor:
        """ "RUSGOV" -> Actor("RUS", "GOV"); "EUR" -> Actor("EUR")."""
        return Actor(code[:3], code[3:6] or None)


def code_name(text: str) -> tuple[Actor, str] | None:
    """The actor a proper name stands for, and what kind of name it is (org, metonym, person, country,
    capital, demonym). Case matters: "US" is a country, "us" is not."""
    name = text[4:] if text.startswith(("the ", "The ")) else text
    for kind, table in (("org", lexicon.organizations()), ("metonym", lexicon.metonyms())):
        code = table.get(name)
        if code:
            return Actor.parse(code), kind
    person = lexicon.people().get(name)
    if person:
        return Actor.parse(person[0]), "person"
    countries = lexicon.countries()
    if name in countries.names:
        return Actor(countries.names[name]), "country"
    if name in countries.capitals:
        return Actor(countries.capitals[name], "GOV"), "capital"
    if name in countries.demonyms:
        return Actor(countries.demonyms[name]), "demonym"
    return None


def is_place_name(text: str) -> bool:
    """A country, capital or demonym (the small model calls "Kyiv" a person)."""
    hit = code_name(text)
    return hit is not None and hit[1] in {"country", "capital", "demonym"}


def sector_of(token: Token) -> str | None:
    """The sector a head noun names: "troops" -> MIL, "president" -> GOV (roles table); two-word sectors
    first, so "security forces" and "health workers" are not read as their head word alone."""
    lemma = token.lemma_.lower()
    nouns = lexicon.sector_nouns()
    for child in token.lefts:
        if child.dep_ in {"amod", "compound"} and child.i == token.i - 1:
            two = nouns.get(f"{child.lower_} {lemma}") or lexicon.roles().get(f"{child.lower_} {token.lower_}")
            if two:
                return two
    return nouns.get(lemma) or lexicon.roles().get(lemma) or lexicon.roles().get(token.lower_) or None


def code_tokens(tokens: list[Token], head: Token | None = None) -> Actor | None:
    """Code a noun phrase from its words: names and modifiers give the country (and sometimes the sector),
    the head noun gives the sector. "Russia's armed forces" -> RUSMIL; "European governments" -> EUR."""
    if not tokens:
        return None
    doc = tokens[0].doc
    head = head or tokens[-1]
    country: Actor | None = None
    body = False  # the country came from a body with a sector of its own ("RNC", "Pentagon", "Senate")
    # longest proper-name runs first ("White House", "European Union", "Vladimir Putin")
    i = 0
    while i < len(tokens) and country is None:
        for j in range(len(tokens), i, -1):
            first, last = tokens[i], tokens[j - 1]
            if last.i - first.i != j - 1 - i:
                continue
            text = doc[first.i: last.i + 1].text
            if not text[:1].isupper() and not text.startswith(("the ", "The ")):
                continue
            if _inside_longer_name(first, last):
                continue  # "Jersey" of "New Jersey", "Georgia" of "South Georgia": part of another name
            hit = code_name(text)
            if hit is None and i == j - 1 and "-" in text[1:]:
                hit = code_name(text.rsplit("-", 1)[0])  # "U.S.-backed", "Saudi-led"
            if hit is not None:
                country = hit[0]
                if hit[1] == "capital" and first.i != head.i and last.i != head.i:
                    country = Actor(country.country)  # "Moscow's ally": the country, not its government
                body = hit[1] in {"org", "metonym"} and bool(hit[0].sector) and not first.i <= head.i <= last.i
                if hit[1] == "person" and not first.i <= head.i <= last.i:
                    country = Actor(country.country)  # "Trump's campaign manager" holds no office of Trump's
                break
        i += 1
    # a person's name is no sector noun ("Pete King" is not a king)
    sector = sector_of(head) if head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ != "PERSON" else None
    if sector is None:
        # a title before a name, longest first: "Post bureau chief Ann Lee" -> JRN (not "chief")
        sector = title_sector([t for t in tokens if t.i < head.i])
    if sector is None:
        # "Russian President Vladimir Putin" -> GOV
        sector = next((s for t in reversed(tokens) if t.i < head.i and t.dep_ == "compound"
                       and (s := sector_of(t))), None)
    if country is None:
        # "the president of Ukraine", "forces from Chad"
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in {"of", "from", "in"}:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ in {"GPE", "NORP", "ORG"}:
                    hit = code_name(_ent_text(obj))
                    if hit is not None:  # the country only: "an analyst in Kiev" is not its government
                        country = Actor(hit[0].country) if hit[1] == "capital" else hit[0]
                break
    if sector in OFFICE_SECTORS and any(_is_former(t) for t in tokens if t.i <= head.i):
        sector = "ELI"  # "former foreign minister": CAMEO's elites, not today's government
    if country is None:
        return Actor(None, sector) if sector else None
    if country.country in NON_STATE:
        return country if not sector or country.sector else Actor(country.country, sector)
    if body and sector in {"GOV", None}:  # "RNC chief of staff" is the party's, "Army chief of staff" MIL
        return country
    return Actor(country.country, sector or country.sector)


def _inside_longer_name(first: Token, last: Token) -> bool:
    """Whether first..last is a strict part of one tagged name (an entity that starts before it or goes on
    after it): "Jersey" in "New Jersey governor" is no country."""
    doc = first.doc
    if not first.ent_type_ or first.ent_type_ != last.ent_type_:
        return False
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return first.ent_iob_ == "I" or (after is not None and after.ent_iob_ == "I" and after.ent_type_ == last.ent_type_)


def title_sector(words: list[Token]) -> str | None:
    """The sector of the longest role (`roles.tsv`) or sector noun ending a run of title words, read as
    written, not as parsed ("bureau chief" even when the parser hangs both words on the name)."""
    # as written: "front-runner" is one word though the tokenizer splits it
    low = "".join(w.text_with_ws for w in words).lower().replace("\xa0", " ").split()
    low = [w.strip(".,;:") if len(w) > 2 and not w.endswith(".") else w for w in low if w not in {"-", ","}]
    roles, nouns = lexicon.roles(), lexicon.sector_nouns()
    last = words[-1] if words else None
    if low and last is not None and last.tag_ in {"NNS", "NNPS"} and low[-1].endswith(last.lower_):
        # "presidential candidates Ann Vey and Jo Bell", "front-runners X or Y": each one of them
        low[-1] = low[-1][: len(low[-1]) - len(last.lower_)] + singular(last).lower()
    for n in range(min(len(low), 4), 0, -1):
        key = " ".join(low[-n:])
        sector = roles.get(key) or nouns.get(key)
        if sector:
            return sector
        if key in roles:
            return None  # a known role with no sector of its own ("spokesman"): no shorter guess
    return None


def singular(token: Token) -> str:
    """A plural noun's singular for a title ("presidents" -> "president", "Senators" -> "Senator"): its lemma, or
    the word less its "s" when the lemmatizer left it as written (capitalised plurals)."""
    return token.lemma_ if token.lemma_.lower() != token.lower_ else token.text.removesuffix("s")


def _is_former(token: Token) -> bool:
    """ "former", "ex-", "onetime", "erstwhile" before a role: the office is held no more."""
    low = token.lower_
    return low in _FORMER_WORDS or (low.startswith("ex-") and len(low) > 3)


def code_phrase(phrase: Span, head: Token) -> Actor | None:
    """Code a noun-phrase span (determiners and punctuation ignored)."""
    return code_tokens([t for t in phrase if t.dep_ not in _SKIP_DEPS or t.i == head.i], head)


def _ent_text(token: Token) -> str:
    if not token.ent_type_:
        return token.text
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text
