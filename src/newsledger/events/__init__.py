"""Events: PLOVER "who did what to whom" from the parse (triggers, participants, modality, time, place)."""
