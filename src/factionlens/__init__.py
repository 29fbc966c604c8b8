"""factionlens: a sourced knowledge base from news articles and statements about armed groups."""

__version__ = "0.1.0"
