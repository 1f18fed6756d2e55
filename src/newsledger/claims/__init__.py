"""Claims: check-worthy assertions, their claimant, kind, evidence markers and follow-ups."""
