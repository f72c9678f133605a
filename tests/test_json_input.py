"""JSON from outside read with a bound on nesting: too deep is a TooDeep (a ValueError), never a
RecursionError, whether Python's parser gives up or the document merely passes the bound."""

import json

import pytest

from factcheck import json_input


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_a_document_at_the_bound_is_read_as_json_reads_it():
    text = '{"a": ' + _nested(json_input.MAX_DEPTH - 1) + "}"
    assert json_input.loads(text) == json.loads(text)
    assert json_input.loads("5") == 5 and json_input.loads(b'"x"') == "x"


@pytest.mark.parametrize("levels", [json_input.MAX_DEPTH + 1, 100_000])
def test_deeper_than_the_bound_or_than_python_can_parse_is_too_deep(levels):
    with pytest.raises(json_input.TooDeep, match="nested too deeply"):
        json_input.loads(_nested(levels))
    with pytest.raises(ValueError):  # what callers that catch bad JSON already catch
        json_input.loads('{"body": "x", "extra": ' + _nested(levels) + "}")


def test_without_a_bound_only_what_python_cannot_parse_is_too_deep():
    deep = json_input.loads(_nested(json_input.MAX_DEPTH + 1), max_depth=None)
    with pytest.raises(json_input.TooDeep):
        json_input.check_depth(deep)
    with pytest.raises(json_input.TooDeep):
        json_input.loads(_nested(100_000), max_depth=None)
