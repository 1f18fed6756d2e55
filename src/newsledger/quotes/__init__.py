"""Quotes: direct, mixed and indirect attributions with speaker, cue, addressee and medium."""
