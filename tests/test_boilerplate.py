"""Page furniture is recognised as not a claim; real news sentences never are."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.boilerplate import classify_boilerplate

FURNITURE = [
    ("ALSO READ | Modi visits Paris", 'Cross-promotion line ("ALSO READ")'),
    ("ALSO READ Modi visits Paris", 'Cross-promotion line ("ALSO READ")'),
    ("Also read: Floods in the north", 'Cross-promotion line ("Also read")'),
    ("Read more: How the dam failed", 'Cross-promotion line ("Read more")'),
    ("RELATED: Flood toll rises", 'Cross-promotion line ("RELATED")'),
    ("Don't miss: the week in pictures", 'Cross-promotion line ("Don\'t miss")'),
    ("Subscribe to our newsletter", "Call to subscribe, follow or join"),
    ("Sign up for our daily briefing today", "Call to subscribe, follow or join"),
    ("Join our WhatsApp channel", "Call to subscribe, follow or join"),
    ("Follow us on Instagram", "Call to subscribe, follow or join"),
    ("For the latest updates, follow us on X.", "Call to subscribe, follow or join"),
    ("Click here to read the full report", "Call to subscribe, follow or join"),
    ("Rescuers at the site in Hatay | X/@rescuers", "Photo caption or credit"),
    ("Rescuers at the site in Hatay | Photo: PTI", "Photo caption or credit"),
    ("Photo: Reuters", "Photo caption or credit"),
    ("Image credit: Jane Doe", "Photo caption or credit"),
    ("Image caption: Rescuers search the rubble in Hatay", "Photo caption or credit"),
    ("Caption: Rescuers search the rubble", "Photo caption or credit"),
    ("File photo", "Photo caption or credit"),
    (
        "Rescuers search the rubble. (Photo by Jane Doe / Getty Images)",
        "Photo caption or credit",
    ),
    ("Rescuers search the rubble. Jane Doe/AFP via Getty Images", "Photo caption or credit"),
    ("By Jane Doe", "Byline or reporting credit"),
    ("By Jane Doe and John Roe, Reuters", "Byline or reporting credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "Byline or reporting credit"),
    ("LONDON, March 3 (Reuters) -", "Dateline on its own"),
    ("WASHINGTON (AP) —", "Dateline on its own"),
    ("NEW DELHI:", "Dateline on its own"),
    ("Updated: March 3, 2024 10:32 IST", "Date or time stamp"),
    ("Published 3 hours ago", "Date or time stamp"),
    ("BREAKING:", "Section label or advertisement marker"),
    ("Advertisement", "Section label or advertisement marker"),
    ("Share this article", "Sharing or page button"),
    ("© 2024 Reuters. All rights reserved.", "Copyright notice"),
    ("* * *", "No words (symbols, numbers or punctuation only)"),
    ("2024", "No words (symbols, numbers or punctuation only)"),
]


@pytest.mark.parametrize(("text", "reason"), FURNITURE)
def test_boilerplate_is_recognised_with_a_readable_reason(text, reason):
    assert classify_boilerplate(text) == reason


NEWS = [
    "Read more than 300 pages of the report before the vote.",
    "The photo was taken in 2019.",
    "Photographs show the dam was cracked before the flood.",
    "By Monday, 23 people had died.",
    "By 2030 the city will need twice as much water.",
    "Related to the crash, three people were arrested.",
    "More than 20 people were hurt.",
    "Follow-up tests of the app showed 23 errors.",
    "The minister will follow the rules, she said.",
    "Reuters reported 23 deaths on Monday.",
    "Police said 23 people died.",
    "Listen to the experts, he said.",
    "Get ready for the storm, officials said.",
    "May 2024 was the hottest May on record.",
    "US officials said three people died.",
    "NASA said the launch was delayed.",
    "The newsletter has more than 2 million subscribers, the company said.",
    "Watching the river rise, residents fled.",
    "Live cattle exports fell by 20% last year.",
    "Share prices fell 3% on Monday.",
    "Updated figures show 40 people died.",
    "The governor would like us to know that her state is on meth.",
    '"Follow us to the border," the organisers told the crowd.',
    "Written statements from 12 witnesses were read in court.",
    "Captions on 40 of the videos were wrong, the regulator found.",
    "Photo identification is now required to vote in 36 states.",
]


@pytest.mark.parametrize("text", NEWS)
def test_news_sentences_are_not_boilerplate(text):
    assert classify_boilerplate(text) is None


REASONS = {
    "No words (symbols, numbers or punctuation only)",
    "Call to subscribe, follow or join",
    "Photo caption or credit",
    "Byline or reporting credit",
    "Dateline on its own",
    "Date or time stamp",
    "Section label or advertisement marker",
    "Sharing or page button",
    "Copyright notice",
}
PROMO = re.compile(r'Cross-promotion line \("(.+)"\)')


# Arbitrary text, and the examples above on their own or run into arbitrary text.
EXAMPLES = st.sampled_from([text for text, _ in FURNITURE] + NEWS)
UNITS = st.one_of(
    st.text(),
    EXAMPLES,
    st.builds(str.__add__, EXAMPLES, st.text()),
    st.builds(str.__add__, st.text(), EXAMPLES),
)


@settings(max_examples=500, deadline=None)
@given(UNITS)
def test_any_text_gets_a_known_reason_or_none(text):
    reason = classify_boilerplate(text)
    promo = PROMO.fullmatch(reason or "")
    if promo:
        # The quoted marker is what the text says, as it says it (ignoring case).
        assert promo[1].lower() in text.lower()
    else:
        assert reason is None or reason in REASONS, reason


@settings(max_examples=300, deadline=None)
@given(UNITS, st.text(" \t\n\r\u00a0\u2003", max_size=8), st.text(" \t\n", max_size=8))
def test_space_around_a_unit_never_changes_its_reason(text, before, after):
    # Units come from the splitter with their spacing trimmed or not, depending on the source.
    assert classify_boilerplate(before + text + after) == classify_boilerplate(text)


# Each of these opens a line that is furniture whatever follows it.
FURNITURE_OPENINGS = [
    ("Read more: ", 'Cross-promotion line ("Read more")'),
    ("ALSO READ | ", 'Cross-promotion line ("ALSO READ")'),
    ("RELATED: ", 'Cross-promotion line ("RELATED")'),
    ("Don't miss: ", 'Cross-promotion line ("Don\'t miss")'),
    ("Photo: ", "Photo caption or credit"),
    ("Image credit: ", "Photo caption or credit"),
    ("Video caption: ", "Photo caption or credit"),
    ("Courtesy: ", "Photo caption or credit"),
    ("Copyright ", "Copyright notice"),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FURNITURE_OPENINGS), st.text())
def test_a_furniture_opening_decides_whatever_follows(opening, rest):
    start, reason = opening
    assert classify_boilerplate(start + rest) == reason


ORDINARY_WORDS = [
    "the",
    "river",
    "rose",
    "people",
    "died",
    "on",
    "Monday",
    "minister",
    "said",
    "by",
    "photo",
    "was",
    "taken",
    "in",
    "2019",
    "read",
    "more",
    "than",
    "follow",
    "us",
    "join",
    "share",
    "of",
    "credit",
    "file",
    "image",
    "|",
    "23",
    "percent",
    "news",
    "live",
    "watch",
    "updated",
    "a",
]
SUBJECTS = ["The minister", "Officials", "Police", "Residents", "The report", "Rescuers"]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SUBJECTS), st.lists(st.sampled_from(ORDINARY_WORDS), min_size=3, max_size=25)
)
def test_sentences_that_start_with_a_subject_and_end_with_a_full_stop_are_claims(subject, words):
    # Marker words in the middle of a sentence ("photo", "credit", "read more") are not enough;
    # only a credit after a bar or an invitation to follow or join us makes it furniture.
    text = f"{subject} {' '.join(words)} today."
    furniture = ("| photo", "| credit", "| file", "| image", "follow us", "join us")
    assert classify_boilerplate(text) is None or any(marker in text for marker in furniture)
