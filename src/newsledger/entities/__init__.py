"""Entities: mentions clustered within an article, with roles, organisations and countries."""
