"""The text pipeline: article HTML to paragraphs, sentences with offsets, furniture set aside, check-worthiness scored."""

from factcheck.text.compiled_build import prefer_sources_when_stale

prefer_sources_when_stale()
