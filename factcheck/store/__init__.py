"""The store layer: every SQL statement in factcheck lives in this package."""
