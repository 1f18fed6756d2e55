"""Audit checks on claims: records a careful reader rejects without gold (see `newsledger.eval.audit`).

Importing this module registers its checks with `audit.register`; `newsledger eval audit` imports it.

Checks (issue 15: a record that misstates who claims what costs more than a missing one):
  claimant_not_agent           a claim whose claimant mention's head is not an agent (a quantity, an event, an
                               abstraction: "the number", "absence"), by the rules of `speaker_not_agent`.
  claim_of_no_statement        a claim taken from an attribution that states nothing of its own: a noun phrase
                               ("seized on Trump's claim that…": the claim is Trump's), an intention, thought or
                               stance ("wants to", "believes"), a question, or a denied or hypothetical saying.
  claim_holds_its_attribution  a quote's claim whose words include the quote's reporting verb ("…waited eight
                               months," Orlan said. "They will not…"): the claimed words are not only the claim.
  claim_holds_page_code        claimed words with markup in them (`">`, `</a>`, `href=`): a widget's text.

Written here, independently of `newsledger.claims`, so a change to the extractor cannot silently change what the
audit counts.
"""

from __future__ import annotations

import re

from newsledger.eval.audit import AuditContext, Finding, agent_reason, register, sentence_excerpt
from newsledger.records import Analysis, Claim

STATING_ACTS = frozenset({"speech", "writing", "source"})
"""Acts of attribution whose words can be the speaker's claim (`records.ACTS`)."""
_MARKUP = re.compile(r"\">|</?[a-z]+[ >/]|\bhref=|\bsrc=|<[a-z]+$")


def _finding(check: str, analysis: Analysis, ctx: AuditContext, claim: Claim, why: str) -> Finding:
    mention = claim.claimant.mention if claim.claimant is not None else None
    return Finding(check=check, article=ctx.article, record=claim.id,
                   excerpt=sentence_excerpt(analysis, claim.span[0], ctx.doc), why=why,
                   mention=analysis.text[mention[0]:mention[1]] if mention else None,
                   entity=claim.claimant.name if claim.claimant is not None else None, span=tuple(claim.span))


def _pieces(claim: Claim) -> list[tuple[int, int]]:
    return [tuple(p) for p in (claim.parts or [claim.span])]  # type: ignore[misc]


@register("claimant_not_agent", "a claim's claimant mention is a quantity, an event or an abstraction, not an agent")
def check_claimant_not_agent(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for claim in analysis.claims:
        if claim.claimant is None or claim.claimant.mention is None:
            continue
        ok, why = agent_reason(analysis, claim.claimant, ctx.doc)
        if not ok:
            out.append(_finding("claimant_not_agent", analysis, ctx, claim, why))
    return out


@register("claim_of_no_statement", "a claim taken from a noun phrase, an intention, thought or stance, a question, "
                                   "or a denied or hypothetical saying")
def check_claim_of_no_statement(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    quotes = {q.id: q for q in analysis.quotes}
    out = []
    for claim in analysis.claims:
        quote = quotes.get(claim.quote or "")
        if quote is None:
            continue
        reasons = [f"form {quote.form}" if quote.form == "phrase" else "",
                   f"act {quote.act}" if quote.act not in STATING_ACTS else "",
                   f"modality {quote.modality}" if quote.modality != "asserted" else ""]
        if any(reasons):
            why = f"its quote {quote.id} states nothing of its own: " + ", ".join(r for r in reasons if r)
            out.append(_finding("claim_of_no_statement", analysis, ctx, claim, why))
    return out


@register("claim_holds_its_attribution", "a quote's claimed words include the quote's reporting verb")
def check_claim_holds_its_attribution(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    quotes = {q.id: q for q in analysis.quotes}
    out = []
    for claim in analysis.claims:
        quote = quotes.get(claim.quote or "")
        if quote is None or quote.cue is None:
            continue
        cue = tuple(quote.cue)
        if any(a < cue[1] and cue[0] < b for a, b in _pieces(claim)):
            why = f"the cue {analysis.text[cue[0]:cue[1]]!r} of {quote.id} is inside the claimed words"
            out.append(_finding("claim_holds_its_attribution", analysis, ctx, claim, why))
    return out


@register("claim_holds_page_code", "claimed words with markup in them (a widget's text)")
def check_claim_holds_page_code(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for claim in analysis.claims:
        for a, b in _pieces(claim):
            found = _MARKUP.search(analysis.text, max(0, a - 2), b)
            if found is not None:
                out.append(_finding("claim_holds_page_code", analysis, ctx, claim,
                                    f"markup {found.group(0)!r} in the claimed words"))
                break
    return out
