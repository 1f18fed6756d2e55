"""Parsing: one spaCy parse per article, plus the layout (paragraphs, headings) and quotation marks."""
