"""newsledger: who said what, who did what to whom, and what was claimed on what evidence."""

from newsledger.analyze import analyze, analyze_many
from newsledger.article import Article
from newsledger.records import Analysis, Claim, Entity, Event, Quote, Who

__all__ = ["analyze", "analyze_many", "Article", "Analysis", "Claim", "Entity", "Event", "Quote", "Who"]
__version__ = "0.1.0"
