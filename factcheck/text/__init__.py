"""The text pipeline: article HTML to paragraphs, sentences with offsets, furniture set aside, check-worthiness scored."""
