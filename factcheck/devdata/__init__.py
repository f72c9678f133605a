"""Generated data for development and scale tests: news-like articles, people and review work."""
