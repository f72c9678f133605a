"""factcheck: a claim fact-checking workbench for newsrooms."""

__version__ = "0.1.0"
