"""newstui: browse and search archives of news articles from a terminal."""

__version__ = "0.1.0"
