"""A person's gender from the article's own evidence, for pronoun agreement in in-article coreference.

Pure functions over words and parse tokens; `entities.resolve` keeps the result on each person. Evidence,
strongest first (a stronger kind replaces a weaker one, never the reverse):

- HONORIFIC: a form of address right before the name ("Mrs. Orlan", "Sir Alan Vey") - `gendered_words.tsv`
  (kind honorific; source: editorial, newsledger; the same forms as `honorifics.txt`).
- ROLE: a gendered role noun among the name's title words ("Congresswoman Lena Ruiz", "first lady") -
  `gendered_words.tsv` (kind role; editorial). The masculine forms also written of women now and then
  ("chairman", "spokesman") are WEAK_ROLE, below a name. The same words heading an apposition ("Ruiz, the
  senator's wife") are APPOSITION, just below a first name: the small parser makes "Ruiz’ son" one too.
- PRONOUN: he/she pronouns that can only mean this person: the subject of a clause (or a possessive inside
  it) under a verb whose subject is the name, with no other person named in the sentence and no quotation
  mark between ("Orlan said she would resign") - rule: newsledger. Two or more that agree outweigh a first
  name (PRONOUN); a single one only fills a gap (PRONOUN_ONCE).
- FIRST_NAME: the first word of the name in `first_names.tsv` (US Census Bureau 1990 first-name files,
  public domain, female share per name; built by `scripts/build_first_names.py`) and
  `first_names_extra.tsv` (source: editorial, newsledger; names the census lacks or misleads on): female at
  share >= 0.9, male at <= 0.1, else unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from newsledger import lexicon

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"

# evidence strength: a higher number replaces a lower one on the same person
HONORIFIC = 40
ROLE = 30
PRONOUN = 20
FIRST_NAME = 10
APPOSITION = 9
PRONOUN_ONCE = 8
WEAK_ROLE = 5

FEMALE_SHARE = 0.9  # first_names.tsv: share at or above it is female
MALE_SHARE = 0.1  # at or below it male

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "«", "»"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def pronoun_gender(word: str) -> str | None:
    """'she' -> female, 'his' -> male; None for any other word."""
    low = word.lower()
    if low in FEMALE_PRONOUNS:
        return FEMALE
    if low in MALE_PRONOUNS:
        return MALE
    return None


def first_name_gender(name: str) -> str | None:
    """The gender the first-name tables give a first name ("Hillary" -> female), or None when the name is
    unknown or used for both (share between 0.1 and 0.9). Hyphenated names are looked up whole only."""
    share = lexicon.first_names().get(name.lower().strip("."))
    if share is None:
        return None
    if share >= FEMALE_SHARE:
        return FEMALE
    if share <= MALE_SHARE:
        return MALE
    return None


def name_gender(words: Sequence[str]) -> tuple[str, int] | None:
    """A multiword name's first word as evidence: ("Hillary", "Clinton") -> (female, FIRST_NAME). A single
    word is a surname as often as a first name, so it says nothing."""
    if len(words) < 2:
        return None
    gender = first_name_gender(words[0])
    return (gender, FIRST_NAME) if gender else None


def word_gender(word: str, honorific_only: bool = False) -> tuple[str, int] | None:
    """An honorific or gendered role noun (lowercase, may be two words) -> (gender, strength), else None."""
    hit = lexicon.gendered_words().get(word.lower())
    if hit is None:
        return None
    gender, strong = hit
    is_honorific = word.lower() in lexicon.honorifics()
    if honorific_only and not is_honorific:
        return None
    if is_honorific:
        return gender, HONORIFIC
    return gender, (ROLE if strong else WEAK_ROLE)


def words_gender(words: Iterable[str]) -> tuple[str, int] | None:
    """The strongest evidence among title or apposition words, two-word forms first ("first lady")."""
    low = [w.lower() for w in words]
    best: tuple[str, int] | None = None
    for i, w in enumerate(low):
        for cand in ((f"{w} {low[i + 1]}",) if i + 1 < len(low) else ()) + (w,):
            hit = word_gender(cand)
            if hit is not None and (best is None or hit[1] > best[1]):
                best = hit
    return best


def honorific_before(name: Span) -> tuple[str, int] | None:
    """A gendered honorific inside the name span or just before it ("Mrs. Clinton", "Mr Orlan")."""
    doc = name.doc
    tokens = list(name[:2])
    if name.start > 0:
        tokens.insert(0, doc[name.start - 1])
        if doc[name.start - 1].text == "." and name.start > 1:
            tokens.insert(0, doc[name.start - 2])  # "Mrs ." split by the tokenizer
    for tok in tokens:
        if not tok.text[:1].isupper() or tok.pos_ in {"VERB", "AUX"}:
            continue  # "Polls miss Trump's fall": a verb, not Miss
        hit = word_gender(tok.text, honorific_only=True)
        if hit is not None:
            return hit
    return None


def agrees(pronoun: str | None, gender: str | None) -> bool:
    """Whether a pronoun of this gender may refer to a person of that gender (unknown takes either)."""
    return pronoun is None or gender in {None, UNKNOWN} or pronoun == gender


def pronoun_binds(pronoun: Token, name: Token, persons_in_sentence: int) -> bool:
    """Whether a he/she pronoun can only mean the person named by `name`, the only person named in the
    sentence, named before the pronoun as the subject of a verb, with no quotation mark between, in one
    of three shapes: the subject of a clause under that verb ("Orlan said she would resign"), a possessive
    inside the name's own subject phrase ("Orlan and her aides left"), or a reflexive object of that verb
    ("Orlan blamed herself"). A possessive or plain object elsewhere ("Orlan thanked her", "Orlan met Vey
    and his wife") may be someone the small model did not tag, so it says nothing."""
    if persons_in_sentence != 1 or name.i >= pronoun.i or pronoun_gender(pronoun.text) is None:
        return False
    doc = pronoun.doc
    if any(doc[i].text in _QUOTE_MARKS for i in range(name.i + 1, pronoun.i)):
        return False
    subject = name
    while subject.dep_ in {"compound", "flat"} and subject.head.i != subject.i:
        subject = subject.head
    if subject.dep_ not in _SUBJECT_DEPS:
        return False
    verb = subject.head
    if pronoun.dep_ == "poss":
        return _reaches(pronoun, subject, stop=verb)
    if pronoun.lower_.endswith("self"):
        head = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        return pronoun.dep_ in {"dobj", "dative", "iobj", "pobj"} and head.i == verb.i
    if pronoun.dep_ in _SUBJECT_DEPS:
        return pronoun.head.i != verb.i and _reaches(pronoun.head, verb, stop=None)
    return False


def _reaches(token: Token, ancestor: Token, stop: Token | None) -> bool:
    """Whether `ancestor` is among the heads above `token` (within eight steps, not past `stop`)."""
    node = token
    for _ in range(8):
        if node.i == ancestor.i:
            return True
        if node.head.i == node.i or (stop is not None and node.i == stop.i):
            return False
        node = node.head
    return False
