"""In-process search engine for the catalog (implements :class:`core.search.SearchIndex`)."""

from adapters.search.engine import SearchEngine
from adapters.search.inprocess import InProcessSearchIndex
from adapters.search.normalize import normalize

__all__ = ["InProcessSearchIndex", "SearchEngine", "normalize"]
