"""Scoring newsledger against public gold data (PolNeAR) and the seed article.

Nothing here is imported by `analyze`: evaluation reads data sets that live outside the package.
"""
