"""The splitter's faster paths give what the plain ones give: sentence ends from sentencex's
sentences, one-line paragraphs, the verb search of attribution and the count test of the score."""

import re

import pytest
import sentencex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.text import (
    attribution,
    boilerplate,
    calls_to_action,
    checkworthiness,
    splitting,
    unit_words,
)

FRAGMENTS = [
    "The ministry said 23 people died. ",
    "Dr. Smith arrived in Washington D.C. on Monday. ",
    "Ms. Lind spoke. ",
    "It ended at 5 p.m. ",
    "Sunday. ",
    "ET ",
    "M. Bernard a dit. ",
    "1. ",
    "b) ",
    "• 4. ",
    "He said . . . and left. ",
    "Why? ",
    "Wow! ",
    "«Bonjour. Ça va?» ",
    "...",
    " ",
    "\t",
    "\u00a0",
    "\u2028",
    "é́",
    "😀",
    "x",
    ".",
]
one_line = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=25).map("".join)
languages = st.sampled_from(["en", "fr", "de", "es", "it"])


@given(one_line | st.text(), languages)
def test_sentence_ends_are_those_of_get_sentence_boundaries(text, language):
    text = text.replace("\n", " ")
    expected = [
        min(max(boundary["end_index"], 0), len(text))
        for boundary in sentencex.get_sentence_boundaries(language, text)
    ]
    assert splitting._sentence_ends(text, language) == expected


@settings(max_examples=300)
@given(one_line, st.text(max_size=3), languages)
@example("Ms. Lind spoke. 2. Then", "", "en")
@example("It rose. 1.", "x", "en")
def test_a_one_line_paragraph_splits_as_the_general_steps_split_it(line, before, language):
    # The paragraph sits inside a body, after some other text, as split_article sees it.
    body = before.replace("\n", " ") + "\n\n" + line.replace("\n", " ")
    start = body.index("\n\n") + 2
    end = len(body)
    if splitting._INLINE_LIST_START.match(body, start, end) or not body[start:].strip():
        return
    general = [(s, e, body[s:e]) for s, e in splitting._sentence_spans(body, start, end, language)]
    assert splitting._one_line_pieces(body, start, end, language) == general


verb_texts = st.lists(
    st.sampled_from(
        ["said", "Said", "says", "unsaid", "told", "added", "xadds", "warned", "s", "a", " ", ","]
    )
    | st.text(max_size=4),
    max_size=12,
).map("".join)


@given(verb_texts)
def test_the_verb_search_finds_the_runs_of_letters_that_are_verbs(text):
    runs = re.findall(r"[a-z]+", text)
    assert attribution._ANY_VERB.findall(text) == [
        run for run in runs if run in attribution._VERB_WORDS
    ]


def _count_by_scanning(tokens: list[bytes]) -> bool:
    """The count test read straight from its definition, token by token."""
    for i, token in enumerate(tokens):
        if token[:1].isdigit() or token in checkworthiness._NUMBER_WORDS:
            if token.endswith(b"%") or tokens[i + 1 : i + 2] in ([b"percent"], [b"per"], [b"%"]):
                continue
            if not checkworthiness._COUNTED.isdisjoint(tokens[i + 1 : i + 5]):
                return True
            if not checkworthiness._CASUALTY_VERBS.isdisjoint(tokens[max(i - 3, 0) : i]):
                return True
    return False


count_tokens = st.lists(
    st.sampled_from(
        [
            "23",
            "4,000",
            "40%",
            "two",
            "million",
            "people",
            "homes",
            "killed",
            "died",
            "percent",
            "per",
            "of",
            "the",
            "at",
            "least",
            "'s",
        ]
    ),
    max_size=14,
)


@settings(max_examples=500)
@given(count_tokens)
@example(["23", "of", "the", "at", "people"])
@example(["killed", "at", "least", "23"])
@example(["killed", "at", "least", "the", "23"])
@example(["40%", "of", "homes"])
@example(["two", "percent", "of", "homes"])
def test_the_count_test_agrees_with_a_scan_of_every_token(words):
    tokens = [unit_words.key(word) for word in words]
    assert checkworthiness._is_count(tokens, frozenset(tokens)) == _count_by_scanning(tokens)


word_texts = st.lists(
    st.sampled_from(
        ["The", "won’t", "i'm", "50%", "%", "%%", "per cent", "Said", "x2", "\x01", "é", "İ", "K"]
        + [" ", ",", "\n", "\u00a0", "’", "'", "—"]
    )
    | st.text(max_size=4),
    max_size=14,
).map("".join)


@given(word_texts)
@example("50%% of İstanbul’s \x01 homes")
def test_score_tokens_are_the_words_the_pattern_finds(text):
    lower = text.lower()
    expected = [unit_words.key(word) for word in unit_words.SCORE_TOKEN.findall(lower)]
    assert unit_words.score_tokens(lower) == expected


def _values_of(words: list[bytes], values: dict[bytes, int]) -> int:
    found = 0
    for word in words:
        found |= values.get(word, 0)
    return found


@given(word_texts | verb_texts)
@example("Said unsaid SAYS tells, acknowledged acknowledgedx")
@example("zsaid warnsz")
def test_the_verbs_by_their_numbers_are_the_runs_of_lower_case_letters_that_are_verbs(text):
    runs = [run.encode() for run in re.findall("[a-z]+", text)]
    verbs = {word.encode(): value for word, value in attribution._VERB_CODES_BY_WORD.items()}
    assert unit_words.lower_run_values(text, attribution._VERB_CODES) == _values_of(runs, verbs)
    # The way plain Python asks, with the runs cut out as bytes.
    assert unit_words.lower_runs(text) == runs
    assert attribution._verb_kinds(text) == _values_of(runs, verbs)


long_word_texts = st.lists(
    st.sampled_from(
        ["unprecedented", "Manufacturing", "INVESTIGATIONS", "won't", "WE'RE", "most%", "the"]
        + ["12", "x2", "a1b", "Than", "1,000", "'", "%", "abcdefghijklm", "abcdefghijkl"]
    )
    | st.text(alphabet=st.characters(max_codepoint=127), max_size=4),
    max_size=12,
).map(" ".join)


ASCII_YEAR = re.compile(checkworthiness._YEAR.pattern, re.ASCII)
order_texts = st.lists(
    st.sampled_from(
        ["1799", "1800", "2099", "2100", "x1999", "1999_", "I", "we", "We'd", "i'll", "they"]
        + ["think", "want", "than", "more", "bigger", "r", "er", "her", "bar", "per", "percent"]
        + ["killed", "people", "two", "23", "40%", ",", "."]
    ),
    max_size=10,
).map(" ".join)


@settings(max_examples=500)
@given(word_texts | long_word_texts | count_tokens.map(" ".join) | order_texts)
@example("The 2 Mayors")
@example("x A")
@example("Said The 50% Homes unprecedented MANUFACTURING won't")
@example("In 1999, 2019x _2000 '1850 20190 more than I'll We THINK bigger%than")
@example("killed at least 23 people")
@example("23 of the at people")
@example("they think r than bar than 2099 2100")
def test_the_scan_of_an_ascii_text_reads_what_the_words_and_patterns_read(text):
    if not text.isascii():
        return
    tokens = unit_words.score_tokens(text.lower())
    words = checkworthiness._TOKEN_WORDS.intersection(tokens)
    digit = re.search(r"\d", text, re.ASCII)
    marks = 0
    if re.search(" [A-Z]", text):
        marks |= unit_words.CAPITAL_AFTER_SPACE
    if ASCII_YEAR.search(text):
        marks |= unit_words.YEAR
    if checkworthiness._is_count(tokens, words):
        marks |= unit_words.COUNT
    if checkworthiness._compares(tokens):
        marks |= unit_words.COMPARISON
    if checkworthiness._first_person_view(tokens):
        marks |= unit_words.FIRST_PERSON_VIEW
    values, count, first_digit, scan_marks = unit_words.ascii_scan(
        text, checkworthiness._SCAN_CODES, checkworthiness._LONG_SCAN_VALUES
    )
    assert (values & ((1 << 40) - 1), count, first_digit, scan_marks) == (
        _values_of(tokens, checkworthiness._TOKEN_BITS),
        len(tokens),
        digit.start() if digit else -1,
        marks,
    )


def test_word_codes_refuse_words_they_cannot_number():
    for word in ("abcdefghijklm", "naïve", "x2", "Said"):
        with pytest.raises(ValueError):
            unit_words.word_codes({word: 1})


@given(word_texts)
@example("Hello_world again")
def test_a_leading_word_before_a_space_is_the_first_word_the_pattern_finds(text):
    # stripped_reason takes the text before the first space as the first word when the text
    # starts with a letter and that part is all letters and digits.
    word = text.partition(" ")[0]
    if text[:1].isalpha() and word.isalnum():
        assert boilerplate._FIRST_WORD.match(text).group(1) == word


quote_texts = st.lists(
    st.sampled_from(['"', "“", "”", "«", "»", "„", "a", " ", ".", "x y"]) | st.text(max_size=3),
    max_size=12,
).map("".join)


@given(quote_texts)
@example('He said "yes" and "no')
def test_straight_quotes_pair_up_as_the_pattern_pairs_them(text):
    if text.isascii():
        assert attribution._straight_quote_spans(text) == attribution._marked_quote_spans(text)
    assert attribution.quote_spans(text) == attribution._marked_quote_spans(text)


def _paragraphs_by_finding_breaks(body: str) -> list[tuple[int, int]]:
    """The paragraph ranges read from each break the pattern finds."""
    ranges = []
    start = 0
    for blank in re.finditer(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*", body):
        ranges.append((start, blank.start()))
        start = blank.end()
    ranges.append((start, len(body)))
    return [(s, e) for s, e in ranges if re.search(r"\S", body[s:e])]


paragraph_texts = st.lists(
    st.sampled_from(["\n", "\n\n", " ", "\t", "\u00a0", "\u2028", "\r", "A.", "b c"])
    | st.text(max_size=3),
    max_size=16,
).map("".join)


@given(paragraph_texts)
@example(" \n \n\nText\n  \n")
def test_paragraphs_cut_from_the_split_are_those_between_the_breaks(body):
    assert splitting._paragraphs(body) == _paragraphs_by_finding_breaks(body)


@given(word_texts)
@example("'thank you all")
@example("Thanks!")
@example("_hello")
@example("Hello there")
@example("Congratulations to all")
def test_the_greeting_pattern_is_skipped_only_where_it_cannot_match(text):
    lower = text.lower()
    if not (lower[:3] in checkworthiness._COURTESY_STARTS or not lower[:1].isalnum()):
        assert checkworthiness._COURTESY.match(lower) is None


call_texts = st.lists(
    st.sampled_from(
        ["follow us on", "Follow", "join our", "like us for", "contact her on twitter"]
        + ["reach them at @", "may be reached at a@", "can be contacted at x@", "subscribe now"]
        + ["click here", "tap here", "join the x channel", "us", "\n", "\t", "x", "2", "_", "é"]
        + ["please", "like and", "share,", "for the latest news", "stay tuned and", ",", "—"]
    )
    | st.text(max_size=4),
    max_size=8,
).map(" ".join)


@given(call_texts)
@example("Tap here")
@example("You can be reached at me@example.org")
def test_a_call_to_action_holds_one_of_its_verbs_as_a_run_of_letters(text):
    # is_call_to_action skips the substring tests and the pattern when the walk finds none.
    lower = text.lower()
    if calls_to_action._CALL_TO_ACTION_ANYWHERE.search(lower):
        assert unit_words.lower_run_values(lower, calls_to_action._CALL_TO_ACTION_VERBS)


# The steps an ASCII text takes where the modules run as plain Python.
@given(word_texts)
@example("The 2 Mayors")
@example("x A")
def test_the_byte_marks_find_the_first_digit_and_a_capital_after_a_space(text):
    if not text.isascii():
        return
    marks = text.encode().translate(checkworthiness._MARKS)
    digit = re.search(r"\d", text, re.ASCII)
    assert marks.find(b"0") == (digit.start() if digit else -1)
    assert (marks.find(b" A") != -1) == (re.search(" [A-Z]", text) is not None)


@given(word_texts)
@example("Said The 50 Homes")
@example("Zoe ABCDEFGHIJKLMNOPQRSTUVWXYZ")
def test_the_words_of_an_ascii_text_from_its_bytes_are_its_score_tokens(text):
    if text.isascii():
        lower = text.lower()
        assert unit_words.ascii_score_tokens(text.encode(), lower) == unit_words.score_tokens(lower)


@given(call_texts)
@example("for the latest news follow join our to stay updated join the x channel")
def test_a_call_is_found_at_any_place_its_phrase_starts(text):
    # _asks_the_reader searches on from each phrase it finds; every start is a candidate.
    lower = text.lower()
    anywhere, before = calls_to_action._CALL_TO_ACTION_ANYWHERE, calls_to_action._IMPERATIVE_BEFORE
    expected = any(
        (found := anywhere.match(lower, start)) is not None
        and (
            found.group().startswith(("may", "can"))
            or before.fullmatch(lower, 0, start) is not None
        )
        for start in range(len(lower))
    )
    assert calls_to_action._asks_the_reader(lower) == expected
